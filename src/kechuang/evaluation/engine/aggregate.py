"""Aggregation (weighted sum, weighted geometric mean, TOPSIS) and ranking."""

from __future__ import annotations

import numpy as np

from ._checks import as_directions, as_matrix, as_vector, as_weights, check_extremes

__all__ = ["geometric", "rank", "topsis", "weighted_sum"]

_CHUNK_ROWS = 8192


def weighted_sum(Xn, weights) -> np.ndarray:
    """Scores Σ_j w_j · x_ij of a normalised matrix. Identical rows always get identical scores
    (a per-row reduction, not a BLAS product, whose blocking can differ in the last bit)."""
    Xn = as_matrix(Xn, "Xn")
    w = as_weights(weights, Xn.shape[1])
    return np.einsum("ij,j->i", Xn, w)


def geometric(Xn, weights, *, shift: float = 0.0) -> np.ndarray:
    """Weighted geometric mean Π_j (x_ij + shift)^w_j − shift.

    The zero rule (COINr issue #65): a geometric mean is zero as soon as one value is zero, whatever
    the others are, so by default (shift = 0) any value ≤ 0 is refused with a ValueError naming the
    column. Pass a positive `shift` to accept zeros deliberately: the indicator tree uses
    shift = 1/99, which is COINr's advice of aggregating on a 1–100 scale instead of 0–1
    ((1 + 99x) / 99 = x + 1/99), mapped back to [0, 1].
    """
    Xn = as_matrix(Xn, "Xn")
    w = as_weights(weights, Xn.shape[1])
    shift = float(shift)
    if not (np.isfinite(shift) and shift >= 0):
        raise ValueError(f"shift must be a finite number ≥ 0, got {shift!r}")
    return _geometric(Xn, w, shift)


def _geometric(Xn: np.ndarray, w: np.ndarray, shift: float, labels=None) -> np.ndarray:
    shifted = Xn + shift
    low = shifted <= 0
    used = w > 0
    if (low & used).any():
        i, j = (int(v) for v in np.argwhere(low & used)[0])
        name = f"column {j}" if labels is None else repr(labels[j])
        raise ValueError(
            f"{name} has value {Xn[i, j]!r} at row {i}: the geometric mean needs values > "
            f"{-shift:g} (a zero would zero the whole score)"
        )
    logs = np.log(np.where(used, shifted, 1.0))
    g = np.exp(np.einsum("ij,j->i", logs, w)) - shift
    # A weighted mean lies between its smallest and largest term; keep rounding from leaving it.
    sub = Xn[:, used]
    return np.clip(g, sub.min(axis=1), sub.max(axis=1))


def topsis(X, weights, directions, *, normalization: str = "vector") -> np.ndarray:
    """TOPSIS closeness coefficients d⁻ / (d⁺ + d⁻) in [0, 1] (Hwang & Yoon).

    Vector normalisation r_ij = x_ij / √Σ_i x_ij², weighted v = w · r; the ideal takes each
    column's best value (max for benefit, min for cost), the anti-ideal its worst; Euclidean
    distances. (CONTRACTS' `normalize(..., "vector")` returns 1 − r for cost criteria: a
    reflection, which leaves every distance, hence the closeness, unchanged.)

    ``normalization="minmax"`` reproduces pymcdm's default TOPSIS (min-max with directions, so the
    ideal is w and the anti-ideal 0); it is there for cross-checks against pymcdm.

    Raises ValueError on NaN, bad shapes or weights, an all-zero column (vector), and when every
    criterion with a positive weight is constant (closeness undefined: 0 / 0).
    """
    X = as_matrix(X, check_finite=False)
    n, m = X.shape
    w = as_weights(weights, m)
    d = as_directions(directions, m)
    if normalization not in ("vector", "minmax"):
        raise ValueError(
            f"TOPSIS normalization must be 'vector' or 'minmax', got {normalization!r}"
        )
    lo, hi = X.min(axis=0), X.max(axis=0)
    check_extremes(X, lo, hi)
    cost = d < 0
    best, worst = np.where(cost, lo, hi), np.where(cost, hi, lo)
    if normalization == "vector":
        norm = np.sqrt(np.einsum("ij,ij->j", X, X))
        if (norm == 0).any():
            j = int(np.argmax(norm == 0))
            raise ValueError(f"column {j} is all zeros: vector normalisation is undefined for it")
        base, scale = np.zeros(m), w / norm
    else:
        span = hi - lo
        if ((span == 0) & (w > 0)).any():
            j = int(np.argmax((span == 0) & (w > 0)))
            raise ValueError(f"column {j} is constant: min-max normalisation is undefined for it")
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            scale = np.where(span == 0, 0.0, w / np.where(cost, -span, span))
        if not np.isfinite(scale).all():
            # A subnormal span (1e-309) has no finite reciprocal: rescale those columns to
            # [0, 1] first, which leaves every distance unchanged.
            tiny = ~np.isfinite(scale)
            X = X.copy()
            X[:, tiny] = (X[:, tiny] - lo[tiny]) / span[tiny]
            lo, hi = X.min(axis=0), X.max(axis=0)
            best, worst = np.where(cost, lo, hi), np.where(cost, hi, lo)
            span = hi - lo
            scale = np.where(span == 0, 0.0, w / np.where(cost, -span, span))
        base = worst
    # Every row is v = (x − base) · scale, the same affine map for all rows.
    ideal = (best - base) * scale
    anti = (worst - base) * scale
    if np.array_equal(ideal, anti):
        raise ValueError(
            "every criterion with a positive weight is constant: TOPSIS closeness is undefined"
        )
    out = np.empty(n)
    rows = min(n, _CHUNK_ROWS)
    v, t, dminus = np.empty((rows, m)), np.empty((rows, m)), np.empty(rows)
    for start in range(0, n, _CHUNK_ROWS):
        block = X[start : start + _CHUNK_ROWS]
        k = block.shape[0]
        vk, tk, res, dm = v[:k], t[:k], out[start : start + k], dminus[:k]
        np.subtract(block, base, out=vk)
        vk *= scale
        np.subtract(vk, ideal, out=tk)
        dp = np.einsum("ij,ij->i", tk, tk)
        np.subtract(vk, anti, out=tk)
        np.einsum("ij,ij->i", tk, tk, out=dm)
        np.sqrt(dp, out=dp)
        np.sqrt(dm, out=res)
        dp += res
        res /= dp
    return out


def rank(scores, descending: bool = True) -> np.ndarray:
    """Ranks starting at 1; tied scores share the lowest rank ("min" method: 1, 2, 2, 4).
    `descending=True` gives rank 1 to the largest score. NaN is refused."""
    s = as_vector(scores, "scores", allow_empty=True)
    if s.shape[0] == 0:
        return np.empty(0, dtype=np.intp)
    return rank_rows((s if descending else -s)[None, :])[0].astype(np.intp)


_SIGN_OFF = np.int64(0x7FFFFFFFFFFFFFFF)


def rank_rows(S: np.ndarray, counts: np.ndarray | None = None) -> np.ndarray:
    """Descending "min" ranks along each row of S (draws × entities), as int32. `counts` gives how
    many real entities each column stands for (deduplicated profiles): a column's rank is 1 + the
    number of entities with a strictly larger score.

    Sorting, not arg-sorting: each score's bits are mapped to an order-preserving integer whose
    low bits are replaced by the column index, and those keys are sorted (numpy's SIMD sort,
    about 3× faster than argsort), which yields the permutation. Scores closer than the dropped
    bits (relative 2⁻³⁸ for 10,000 columns) may come out in index order; the exact scores are
    re-read in that order, and in any row that is not exactly non-increasing the colliding runs
    are re-sorted by their exact scores. Ties are exact equality of scores, as in `rank`.
    """
    S = np.ascontiguousarray(S, dtype=np.float64)
    c, u = S.shape
    b = max(1, (u - 1).bit_length())
    bits = S.view(np.int64)
    key = bits >> 63  # all ones for negative scores, whose magnitude bits must be flipped
    key &= _SIGN_OFF
    key ^= bits
    np.invert(key, out=key)  # descending
    key >>= b
    key <<= b
    key |= np.arange(u, dtype=np.int64)
    key.sort(axis=1)
    order = key & ((1 << b) - 1)
    flat = order + (np.arange(c, dtype=np.int64) * u)[:, None]
    ordered = S.ravel()[flat]
    for r in np.flatnonzero((ordered[:, 1:] > ordered[:, :-1]).any(axis=1)):
        # Keys that collide after truncation came out in index order: sort just those runs by
        # their exact scores (primary: the truncated key, ascending; then the score, descending).
        high = key[r] >> b
        same = high[1:] == high[:-1]
        run = np.zeros(u, dtype=bool)
        run[1:] |= same
        run[:-1] |= same
        at = np.flatnonzero(run)
        perm = np.lexsort((-ordered[r, at], high[at]))
        order[r, at] = order[r, at][perm]
        ordered[r, at] = ordered[r, at][perm]
        flat[r] = order[r] + r * u
    if counts is None or (counts == 1).all():
        before = np.arange(u)
        start = np.empty((c, u), dtype=np.int64)
        start[:, 0] = 0
        np.multiply(ordered[:, 1:] != ordered[:, :-1], before[1:], out=start[:, 1:])
    else:
        per = counts[order]
        before = np.cumsum(per, axis=1) - per
        start = np.empty((c, u), dtype=np.int64)
        start[:, 0] = 0
        np.multiply(ordered[:, 1:] != ordered[:, :-1], before[:, 1:], out=start[:, 1:])
    np.maximum.accumulate(start, axis=1, out=start)
    start += 1
    ranks = np.empty((c, u), dtype=np.int32)
    ranks.ravel()[flat] = start
    return ranks
