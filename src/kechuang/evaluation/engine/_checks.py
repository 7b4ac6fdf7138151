"""Input validation shared by the engine's functions: every public function copies nothing it does not
have to, never writes to its inputs, and raises ``ValueError`` with an English message (callers
translate) on bad shapes, non-finite values and bad weights."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

WEIGHT_SUM_TOLERANCE = 1e-9


def first_bad(X: np.ndarray) -> tuple[int, ...]:
    """Index of the first non-finite entry of `X` (called only once we know there is one)."""
    return tuple(int(i) for i in np.argwhere(~np.isfinite(X))[0])


def as_matrix(
    X, name: str = "X", *, allow_nan: bool = False, check_finite: bool = True, min_rows: int = 1
) -> np.ndarray:
    """`X` as a 2-D float64 array (the caller's array itself when it already is one: read, never
    written). NaN is refused unless `allow_nan`; infinities are always refused."""
    try:
        arr = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a numeric array: {exc}") from None
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 2-D (alternatives × criteria), got shape {arr.shape}")
    if arr.shape[0] < min_rows or arr.shape[1] < 1:
        raise ValueError(
            f"{name} needs at least {min_rows} alternative(s) and 1 criterion, got shape {arr.shape}"
        )
    if check_finite:
        bad = np.isinf(arr) if allow_nan else ~np.isfinite(arr)
        if bad.any():
            i, j = (int(v) for v in np.argwhere(bad)[0])
            what = "infinite" if allow_nan or np.isinf(arr[i, j]) else "NaN (missing)"
            raise ValueError(f"{name}[{i}, {j}] is {what}; impute or remove it first")
    return arr


def check_extremes(X: np.ndarray, lo: np.ndarray, hi: np.ndarray, name: str = "X") -> None:
    """Column minima and maxima are NaN or infinite exactly when the column holds a NaN or an
    infinity: the fast paths check these instead of a separate pass over the matrix."""
    if not (np.isfinite(lo).all() and np.isfinite(hi).all()):
        i, j = first_bad(X)
        raise ValueError(f"{name}[{i}, {j}] is not a finite number; impute or remove it first")


def as_vector(
    values, name: str, length: int | None = None, *, allow_empty: bool = False
) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric: {exc}") from None
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {arr.shape}")
    if length is not None and arr.shape[0] != length:
        raise ValueError(f"{name} has {arr.shape[0]} entries, expected {length}")
    if arr.shape[0] == 0 and not allow_empty:
        raise ValueError(f"{name} is empty")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name}[{int(np.argmin(np.isfinite(arr)))}] is not a finite number")
    return arr


def as_directions(directions, m: int) -> np.ndarray:
    """+1 (benefit, larger is better) or −1 (cost) per criterion."""
    d = as_vector(directions, "directions", m)
    if not np.isin(d, (1.0, -1.0)).all():
        raise ValueError(f"directions must be +1 (benefit) or -1 (cost), got {d.tolist()}")
    return d


def as_weights(weights, m: int, name: str = "weights") -> np.ndarray:
    """Non-negative, finite, summing to 1 within 1e-9 (CONTRACTS §2: weights sum to 1; we do not
    silently renormalise)."""
    w = as_vector(weights, name, m)
    if (w < 0).any():
        raise ValueError(f"{name} must be non-negative, got {w.tolist()}")
    total = float(w.sum())
    if abs(total - 1.0) > WEIGHT_SUM_TOLERANCE:
        raise ValueError(f"{name} must sum to 1 (±{WEIGHT_SUM_TOLERANCE:g}), they sum to {total!r}")
    return w


def as_params(params, m: int) -> list[dict | None]:
    """Per-column normalisation parameters: a list (one per column, None where unused) or one dict
    used for every column (the usual case being a single column)."""
    if params is None:
        return [None] * m
    if isinstance(params, dict):
        return [params] * m
    if isinstance(params, Sequence) and not isinstance(params, str):
        if len(params) != m:
            raise ValueError(f"params has {len(params)} entries, expected one per column ({m})")
        for j, p in enumerate(params):
            if p is not None and not isinstance(p, dict):
                raise ValueError(f"params[{j}] must be a dict or None, got {type(p).__name__}")
        return list(params)
    raise ValueError("params must be a dict or a list of dicts (one per column)")
