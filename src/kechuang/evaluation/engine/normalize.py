"""Normalisation: raw indicator values → comparable values where larger is better.

Statistical methods depend on the population (minmax, zscore, vector, sum, max); the others are
absolute scales fixed by the scheme (goalpost, reference, bands) or pass values through (none).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ._checks import as_directions, as_matrix, as_params

__all__ = ["METHODS", "STATISTICAL_METHODS", "normalize"]

#: Methods whose result depends on the population (and which the uncertainty analysis may swap).
STATISTICAL_METHODS = ("minmax", "zscore", "vector", "sum", "max")
#: Every method `normalize` accepts.
METHODS = (*STATISTICAL_METHODS, "goalpost", "reference", "bands", "none")

# What a degenerate column (zero range, zero norm, zero sum or maximum) becomes in the tree
# evaluation, where small real populations must still be scored: everyone the same value.
CONSTANT_FILL = {"minmax": 1.0, "zscore": 0.0, "vector": 1.0, "sum": 1.0, "max": 1.0}


def normalize(X, directions, method: str | Sequence[str], *, params=None) -> np.ndarray:
    """Normalise every column of `X` so that larger is better.

    Parameters
    ----------
    X : array (alternatives × criteria), finite (no NaN: impute first).
    directions : +1 (benefit) / −1 (cost) per criterion.
    method : one name for every column, or a sequence with one name per column:

        - ``"minmax"``: (x − min) / (max − min); cost: (max − x) / (max − min). In [0, 1].
        - ``"zscore"``: (x − mean) / s with the sample standard deviation s (ddof = 1); cost: negated.
        - ``"vector"``: r = x / √Σx²; ``"sum"``: r = x / Σx; ``"max"``: r = x / max x. Cost criteria
          are returned as 1 − r (CONTRACTS §2). ``sum`` and ``max`` need non-negative values.
        - ``"goalpost"``: params ``{"low": a, "high": b}`` (b > a) → clip((x − a) / (b − a), 0, 1);
          cost: clip((b − x) / (b − a), 0, 1).
        - ``"reference"`` (EIS style, share of a reference): params ``{"reference": r, "cap": c}``
          (r > 0, c > 0, default c = 1) → clip(x / r, 0, c); cost: r / x capped at c (x ≤ 0 → c).
        - ``"bands"`` (分档赋分): params ``{"bands": [[bound, points], ...]}``. Benefit: the points of
          the band with the highest lower bound ≤ x (0 below every band); cost: bounds are upper
          bounds, and x takes the points of the band with the lowest upper bound ≥ x (0 above
          every band). Divided by the largest points value, so in [0, 1]. Bounds are inclusive.
        - ``"none"``: values already in [0, 1] (checked); cost: 1 − x.
    params : a list (one dict per column, None where unused) or one dict for every column.

    Raises
    ------
    ValueError
        On NaN or infinities, bad shapes or directions, unknown methods, bad params, and on a
        column the method cannot scale: constant for minmax/zscore, all-zero for vector, sum or
        max, negative values for sum or max, values outside [0, 1] for none.
    """
    X = as_matrix(X)
    m = X.shape[1]
    d = as_directions(directions, m)
    methods = _methods(method, m)
    plist = as_params(params, m)
    return normalize_columns(X, d, methods, plist, constant="raise")


def _methods(method, m: int) -> list[str]:
    if isinstance(method, str):
        methods = [method] * m
    elif isinstance(method, Sequence) and len(method) == m:
        methods = [str(x) for x in method]
    else:
        raise ValueError("method must be a method name or one name per column")
    for name in methods:
        if name not in METHODS:
            raise ValueError(
                f"unknown normalisation method {name!r}; choose from {', '.join(METHODS)}"
            )
    return methods


def normalize_columns(
    X: np.ndarray, d: np.ndarray, methods: list[str], plist: list, *, constant: str
) -> np.ndarray:
    """Validated inputs → normalised copy. `constant` is "raise" (public API) or "fill" (trees:
    a degenerate column gives everyone CONSTANT_FILL[method])."""
    out = np.empty_like(X)
    # Columns sharing a statistical method are normalised together (vectorised over columns).
    for method in dict.fromkeys(methods):
        cols = [j for j, mt in enumerate(methods) if mt == method]
        if method in STATISTICAL_METHODS or method == "none":
            idx = np.asarray(cols)
            out[:, idx] = _statistical(X[:, idx], d[idx], method, idx, constant)
        else:
            for j in cols:
                out[:, j] = _absolute(X[:, j], d[j], method, plist[j], j)
    return out


def _degenerate(method: str, cols: np.ndarray, bad: np.ndarray, why: str) -> None:
    j = int(cols[np.argmax(bad)])
    raise ValueError(f"column {j} {why}: {method} normalisation is undefined for it")


def _statistical(
    X: np.ndarray, d: np.ndarray, method: str, cols: np.ndarray, constant: str
) -> np.ndarray:
    cost = d < 0
    if method == "minmax":
        lo, hi = X.min(axis=0), X.max(axis=0)
        span = hi - lo
        bad = span == 0
        if bad.any() and constant == "raise":
            _degenerate(method, cols, bad, "is constant")
        # Division (not multiplication by a reciprocal) so the best value is exactly 1.
        base = np.where(cost, hi, lo)
        out = (X - base) / np.where(bad, 1.0, np.where(cost, -span, span))
    elif method == "zscore":
        if X.shape[0] < 2 and constant == "raise":
            raise ValueError("zscore normalisation needs at least 2 alternatives")
        mean = X.mean(axis=0)
        sd = X.std(axis=0, ddof=1) if X.shape[0] > 1 else np.zeros(X.shape[1])
        bad = sd == 0
        if bad.any() and constant == "raise":
            _degenerate(method, cols, bad, "is constant")
        out = (X - mean) / np.where(bad, 1.0, sd) * d
    elif method in ("vector", "sum", "max"):
        if method != "vector" and (X < 0).any():
            j = int(cols[np.argmax((X < 0).any(axis=0))])
            raise ValueError(f"column {j} has negative values: {method} normalisation needs x ≥ 0")
        if method == "vector":
            denom = np.sqrt(np.einsum("ij,ij->j", X, X))
        elif method == "sum":
            denom = X.sum(axis=0)
        else:
            denom = X.max(axis=0)
        bad = denom == 0
        if bad.any() and constant == "raise":
            _degenerate(method, cols, bad, "is all zeros")
        out = X / np.where(bad, 1.0, denom)
        out[:, cost] = 1.0 - out[:, cost]
    else:  # none
        outside = (X < 0) | (X > 1)
        if outside.any():
            i, j = (int(v) for v in np.argwhere(outside)[0])
            raise ValueError(
                f"X[{i}, {int(cols[j])}] = {X[i, j]!r} is outside [0, 1]: 'none' expects values "
                "already normalised"
            )
        out = X.copy()
        out[:, cost] = 1.0 - out[:, cost]
        return out
    if constant != "raise" and bad.any():
        out[:, bad] = CONSTANT_FILL[method]
    return out


def _param(p: dict | None, key: str, j: int, method: str, default=None) -> float:
    if p is None or key not in p or p[key] is None:
        if default is not None:
            return default
        raise ValueError(f"column {j}: {method} normalisation needs params[{key!r}]")
    try:
        value = float(p[key])
    except (TypeError, ValueError):
        raise ValueError(f"column {j}: params[{key!r}] must be a number, got {p[key]!r}") from None
    if not np.isfinite(value):
        raise ValueError(f"column {j}: params[{key!r}] must be finite")
    return value


def _absolute(x: np.ndarray, direction: float, method: str, p: dict | None, j: int) -> np.ndarray:
    if method == "goalpost":
        low, high = _param(p, "low", j, method), _param(p, "high", j, method)
        if not high > low:
            raise ValueError(f"column {j}: goalpost needs high > low, got low={low}, high={high}")
        r = (x - low) / (high - low) if direction > 0 else (high - x) / (high - low)
        return np.clip(r, 0.0, 1.0)
    if method == "reference":
        ref = _param(p, "reference", j, method)
        cap = _param(p, "cap", j, method, default=1.0)
        if ref <= 0 or cap <= 0:
            raise ValueError(f"column {j}: reference and cap must be positive")
        if direction > 0:
            return np.clip(x / ref, 0.0, cap)
        safe = np.where(x > 0, x, 1.0)
        return np.where(x > 0, np.minimum(ref / safe, cap), cap)
    # bands
    bounds, points = _bands(p, j)
    if direction > 0:
        idx = np.searchsorted(bounds, x, side="right") - 1
        got = np.where(idx >= 0, points[np.maximum(idx, 0)], 0.0)
    else:
        idx = np.searchsorted(bounds, x, side="left")
        got = np.where(idx < len(bounds), points[np.minimum(idx, len(bounds) - 1)], 0.0)
    return got / points.max()


def _bands(p: dict | None, j: int) -> tuple[np.ndarray, np.ndarray]:
    raw = None if p is None else p.get("bands")
    try:
        table = np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError):
        table = np.empty((0, 0))
    if table.ndim != 2 or table.shape[0] == 0 or table.shape[1] != 2:
        raise ValueError(f"column {j}: bands params must be [[bound, points], ...], got {raw!r}")
    if not np.isfinite(table).all():
        raise ValueError(f"column {j}: band bounds and points must be finite numbers")
    order = np.argsort(table[:, 0], kind="stable")
    bounds, points = table[order, 0], table[order, 1]
    if (np.diff(bounds) == 0).any():
        raise ValueError(f"column {j}: band bounds must be distinct")
    if (points < 0).any() or points.max() <= 0:
        raise ValueError(f"column {j}: band points must be ≥ 0 with a positive maximum")
    return bounds, points
