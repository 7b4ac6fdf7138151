"""Data treatment before normalisation: missing values and outliers (JRC/OECD handbook step 3)."""

from __future__ import annotations

import numpy as np

from ._checks import as_matrix

__all__ = ["IMPUTE_POLICIES", "impute", "treat_outliers"]

IMPUTE_POLICIES = ("refuse", "mean", "median", "zero")


def impute(X, policy: str) -> tuple[np.ndarray, np.ndarray]:
    """Fill missing values (NaN) column by column; returns (filled copy, mask of imputed cells).

    - ``"refuse"``: any NaN raises ValueError naming its row (alternative) and column.
    - ``"mean"`` / ``"median"``: the column's mean / median over its observed values (a column
      with no observed value raises).
    - ``"zero"``: 0 (e.g. "not reported counts as none").

    Infinities are never treated as missing: they raise.
    """
    if policy not in IMPUTE_POLICIES:
        raise ValueError(
            f"unknown missing-data policy {policy!r}; choose from {', '.join(IMPUTE_POLICIES)}"
        )
    X = as_matrix(X, allow_nan=True)
    mask = np.isnan(X)
    out = X.copy()
    if not mask.any():
        return out, mask
    if policy == "refuse":
        i, j = (int(v) for v in np.argwhere(mask)[0])
        raise ValueError(f"missing value at row {i}, column {j} (policy 'refuse')")
    if policy == "zero":
        out[mask] = 0.0
        return out, mask
    empty = mask.all(axis=0)
    if empty.any():
        raise ValueError(
            f"column {int(np.argmax(empty))} has no observed value to take the {policy} of"
        )
    fill = np.nanmean(X, axis=0) if policy == "mean" else np.nanmedian(X, axis=0)
    out[mask] = np.broadcast_to(fill, X.shape)[mask]
    return out, mask


def skewness(x: np.ndarray) -> float:
    """Sample skewness G1 (e1071 type 2, Excel SKEW), as COINr's `skew()`; n ≥ 3."""
    n = x.shape[0]
    c = x - x.mean()
    m2 = float(np.dot(c, c))
    if m2 == 0:
        return 0.0
    g = np.sqrt(n) * float(np.dot(c * c, c)) / m2**1.5
    return g * np.sqrt(n * (n - 1)) / (n - 2)


def kurtosis(x: np.ndarray) -> float:
    """Sample excess kurtosis G2 (e1071 type 2, Excel KURT), as COINr's `kurt()`; n ≥ 4."""
    n = x.shape[0]
    c = x - x.mean()
    c2 = c * c
    m2 = float(c2.sum())
    if m2 == 0:
        return 0.0
    r = n * float(np.dot(c2, c2)) / m2**2
    return ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))


def treat_outliers(
    X, *, skew_thresh: float = 2.0, kurt_thresh: float = 3.5, winmax: int = 5
) -> tuple[np.ndarray, dict[int, int]]:
    """Winsorise outliers column by column, COINr's rule (`Treat` with `winsorise`).

    A column fails when |skew| > `skew_thresh` and kurtosis > `kurt_thresh` (sample skewness and
    excess kurtosis, e1071 type 2 as COINr). While it fails and fewer than `winmax` points have
    been treated, the most extreme value on the side of the skew (the maximum when skew ≥ 0,
    else the minimum; tied extremes together) is replaced by the next value inwards.

    If a column still fails after `winmax` points we keep the winsorised values and stop: no log
    transform (COINr's second stage), because a log would change the indicator's unit and the
    meaning of goalposts and bands that reviewers read. Columns with fewer than 4 values are left
    alone (kurtosis needs n ≥ 4).

    Returns (treated copy, {column: number of winsorised points}) for the columns changed.
    NaN is refused: impute first.
    """
    X = as_matrix(X)
    if winmax < 0:
        raise ValueError("winmax must be ≥ 0")
    out = X.copy()
    treated: dict[int, int] = {}
    n = X.shape[0]
    if n < 4:
        return out, treated

    def fails(x: np.ndarray) -> bool:
        return abs(skewness(x)) > skew_thresh and kurtosis(x) > kurt_thresh

    for j in range(X.shape[1]):
        x = out[:, j].copy()
        done = np.zeros(n, dtype=bool)
        while fails(x) and done.sum() < winmax:
            high = skewness(x) >= 0
            extreme = x.max() if high else x.min()
            at = x == extreme
            rest = x[~at]
            if rest.size == 0:
                break
            x[at] = rest.max() if high else rest.min()
            done |= at
        if done.any():
            out[:, j] = x
            treated[j] = int(done.sum())
    return out, treated
