"""Weights: objective (entropy, CRITIC) from the data, subjective (AHP) from a judgement matrix."""

from __future__ import annotations

from types import MappingProxyType

import numpy as np

from ._checks import as_directions, as_matrix, check_extremes

__all__ = ["SAATY_RI", "ahp_most_inconsistent", "ahp_weights", "critic_weights", "entropy_weights"]

#: Saaty's random consistency indices by matrix size n (1..15).
SAATY_RI = MappingProxyType(
    dict(
        enumerate(
            (
                0.0,
                0.0,
                0.58,
                0.90,
                1.12,
                1.24,
                1.32,
                1.41,
                1.45,
                1.49,
                1.51,
                1.48,
                1.56,
                1.57,
                1.59,
            ),
            start=1,
        )
    )
)

RECIPROCAL_TOLERANCE = 1e-6
_CHUNK_ROWS = 8192  # rows per block: a block and its temporaries stay in the L2 cache
_TINY = 1e-300  # log(x + tiny) = log(x) for every x that matters, and is finite at x = 0


def _extremes(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = X.min(axis=0), X.max(axis=0)
    check_extremes(X, lo, hi)
    return lo, hi


def entropy_weights(X, directions) -> np.ndarray:
    """Entropy weights, the Chinese 熵权法 convention (CONTRACTS §2).

    Min-max normalise with directions (y in [0, 1], larger is better), p_ij = y_ij / Σ_i y_ij,
    e_j = −Σ_i p_ij ln p_ij / ln n with 0·ln 0 = 0, d_j = 1 − e_j, w_j = d_j / Σ d.

    This differs from scikit-criteria (normalised Shannon entropy of the raw column shares, no
    min-max step) and from pymcdm (sum-normalised raw values, and a column holding a 0 gets
    entropy 0). On data that are already a min-max image — every column spanning exactly [0, 1] —
    the first step is the identity and the three agree up to the zero rule.

    Needs n ≥ 2 alternatives and no constant column (ValueError naming it). One pass for the
    extremes, then one blocked pass: Σ p ln p = (Σ y ln y) / S − ln S with S = Σ y.
    """
    X = as_matrix(X, check_finite=False, min_rows=2)
    n, m = X.shape
    d = as_directions(directions, m)
    lo, hi = _extremes(X)
    span = hi - lo
    if (span == 0).any():
        j = int(np.argmax(span == 0))
        raise ValueError(f"column {j} is constant: its entropy weight is undefined")
    cost = d < 0
    base = np.where(cost, hi, lo)
    signed_span = np.where(cost, -span, span)
    with np.errstate(over="ignore"):
        scale = 1.0 / signed_span
    # A subnormal span (1e-309) has no finite reciprocal: divide instead (slower, exact).
    by_scale = bool(np.isfinite(scale).all())
    total = np.zeros(m)
    ylny = np.zeros(m)
    y = np.empty((min(n, _CHUNK_ROWS), m))
    logs = np.empty_like(y)
    for start in range(0, n, _CHUNK_ROWS):
        block = X[start : start + _CHUNK_ROWS]
        k = block.shape[0]
        yk, lk = y[:k], logs[:k]
        np.subtract(block, base, out=yk)
        if by_scale:
            yk *= scale
        else:
            np.divide(yk, signed_span, out=yk)
        total += yk.sum(axis=0)
        np.add(yk, _TINY, out=lk)
        np.log(lk, out=lk)
        ylny += np.einsum("ij,ij->j", yk, lk)
    plnp = ylny / total - np.log(total)
    e = -plnp / np.log(n)
    div = 1.0 - e
    return div / div.sum()


def critic_weights(X, directions) -> np.ndarray:
    """CRITIC weights (Diakoulaki et al. 1995), CONTRACTS §2.

    Min-max normalise with directions; C_j = σ_j · Σ_k (1 − r_jk) with σ the sample standard
    deviation (ddof = 1) and r the Pearson correlation of the normalised columns; w = C / ΣC.
    (scikit-criteria uses the population σ; the factor √(n/(n−1)) is common to every column and
    cancels, so the weights agree.) Needs n ≥ 2, no constant column, and not every pair of
    criteria perfectly correlated.
    """
    X = as_matrix(X, check_finite=False, min_rows=2)
    m = X.shape[1]
    d = as_directions(directions, m)
    lo, hi = _extremes(X)
    span = hi - lo
    if (span == 0).any():
        j = int(np.argmax(span == 0))
        raise ValueError(f"column {j} is constant: its CRITIC weight is undefined")
    cost = d < 0
    Y = (X - np.where(cost, hi, lo)) / np.where(cost, -span, span)
    sigma = Y.std(axis=0, ddof=1)
    if m == 1:
        return np.ones(1)
    r = np.corrcoef(Y, rowvar=False)
    c = sigma * (1.0 - r).sum(axis=0)
    total = c.sum()
    if not total > 0:
        raise ValueError("the criteria are perfectly correlated: CRITIC weights are undefined")
    return c / total


def _pairwise(pairwise) -> np.ndarray:
    A = as_matrix(pairwise, "pairwise")
    n = A.shape[0]
    if A.shape != (n, n):
        raise ValueError(f"the pairwise matrix must be square, got shape {A.shape}")
    if (A <= 0).any():
        i, j = (int(v) for v in np.argwhere(A <= 0)[0])
        raise ValueError(f"pairwise[{i}, {j}] = {A[i, j]!r}: judgements must be positive")
    off = np.abs(A * A.T - 1.0)
    if (off > RECIPROCAL_TOLERANCE).any():
        i, j = (int(v) for v in np.argwhere(off > RECIPROCAL_TOLERANCE)[0])
        raise ValueError(
            f"pairwise[{i}, {j}] = {A[i, j]!r} and pairwise[{j}, {i}] = {A[j, i]!r} are not "
            "reciprocal (a_ij · a_ji must be 1)"
        )
    if n > max(SAATY_RI):
        raise ValueError(
            f"{n} criteria: Saaty's random index is tabulated only up to {max(SAATY_RI)}"
        )
    return A


def _principal(A: np.ndarray) -> tuple[np.ndarray, float]:
    values, vectors = np.linalg.eig(A)
    k = int(np.argmax(values.real))
    v = np.abs(vectors[:, k].real)
    return v / v.sum(), float(values[k].real)


def ahp_weights(pairwise) -> tuple[np.ndarray, float]:
    """AHP priorities by the principal (Perron) eigenvector, and Saaty's consistency ratio.

    `pairwise` is square, positive and reciprocal (a_ji = 1 / a_ij within 1e-6), n ≤ 15.
    CR = ((λmax − n) / (n − 1)) / RI(n) with Saaty's RI (SAATY_RI); CR = 0 for n ≤ 2.
    A judgement matrix with CR ≥ 0.1 is conventionally unacceptable; the caller decides.
    """
    A = _pairwise(pairwise)
    n = A.shape[0]
    if n == 1:
        return np.ones(1), 0.0
    w, lam = _principal(A)
    if n <= 2:
        return w, 0.0
    ci = max(0.0, (lam - n) / (n - 1))
    return w, ci / SAATY_RI[n]


def ahp_most_inconsistent(pairwise) -> tuple[int, int]:
    """The judgement (i, j), i < j (0-based), that deviates most from the ratio w_i / w_j implied by
    the priorities, measured by |ln(a_ij · w_j / w_i)|: the one to revisit first."""
    A = _pairwise(pairwise)
    n = A.shape[0]
    if n < 2:
        raise ValueError("a 1×1 pairwise matrix has no judgements")
    w, _ = _principal(A)
    lw = np.log(w)
    dev = np.abs(np.log(A) + lw[None, :] - lw[:, None])
    iu = np.triu_indices(n, 1)
    k = int(np.argmax(dev[iu]))
    return int(iu[0][k]), int(iu[1][k])
