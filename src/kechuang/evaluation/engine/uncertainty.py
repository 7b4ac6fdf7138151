"""Uncertainty analysis (JRC/OECD step 7, COINr's `get_sensitivity(SA_type = "UA")`): how far does
each alternative's rank move when the weights and the normalisation could reasonably differ?"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from .aggregate import rank, rank_rows
from .normalize import STATISTICAL_METHODS
from .tree import GEOMETRIC_SHIFT, Node, _normalize_leaves, _prepare, _values

__all__ = ["Uncertainty", "uncertainty"]

_CELLS_PER_CHUNK = 1_000_000  # draws × distinct alternatives per block (8 MB of float64 scores)
# numpy's sorts and BLAS release the GIL: blocks are ranked on a few threads, each writing its own
# rows of the result, so the outcome does not depend on the thread count.
_THREADS = max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True, eq=False)
class Uncertainty:
    """Ranks over the Monte-Carlo draws ("min" ties, 1 = best).

    - median_rank, q05, q95 (n,): the median and the 5 % / 95 % quantiles (linear interpolation)
      of each alternative's rank over the draws: its rank interval.
    - ranks (draws, n) int32: every draw's ranks.
    - base_ranks (n,): the ranks with the tree's own weights and normalisations.
    - normalizations: the methods drawn from; methods (draws,): the index drawn for each draw.
    """

    median_rank: np.ndarray
    q05: np.ndarray
    q95: np.ndarray
    ranks: np.ndarray
    base_ranks: np.ndarray
    normalizations: tuple[str, ...]
    methods: np.ndarray


def uncertainty(
    X,
    tree: Node,
    *,
    draws: int = 1000,
    concentration: float = 100.0,
    normalizations: tuple[str, ...] = ("minmax",),
    seed: int = 0,
    missing: str = "refuse",
    outliers: bool = False,
) -> Uncertainty:
    """Monte-Carlo rank uncertainty of an indicator tree.

    Each draw perturbs the weights at every node: the children's weights are drawn from
    Dirichlet(concentration · w), w the node's sibling-normalised weights (mean w; larger
    concentration, tighter; ``float("inf")`` uses w itself). Children with weight 0 stay at 0.
    Each draw also picks one method uniformly from `normalizations` (statistical methods only:
    minmax, zscore, vector, sum, max) and applies it to every leaf whose own normalisation is
    statistical; goalpost, reference, bands and none leaves keep theirs (they are the scheme's
    absolute scales, not a modelling choice).

    Reproducible: all random numbers come from ``numpy.random.default_rng(seed)`` in a fixed
    order (the method choices, then each node's Dirichlet draws in post-order) before any
    scoring, so results do not depend on the block size. Vectorised: the data are normalised
    once per method and identical alternatives are scored once (so they always tie); scores are
    blocks of (draws × leaves) @ (leaves × alternatives) products, ranked one block at a time
    (`aggregate.rank_rows`: a key sort instead of an argsort) on a few threads.
    """
    draws = _positive_int(draws, "draws")
    concentration = float(concentration)
    if not concentration > 0 or np.isnan(concentration):
        raise ValueError(f"concentration must be positive, got {concentration!r}")
    methods = tuple(normalizations)
    if not methods:
        raise ValueError("normalizations is empty")
    for name in methods:
        if name not in STATISTICAL_METHODS:
            raise ValueError(
                f"uncertainty can only swap statistical normalisations ({', '.join(STATISTICAL_METHODS)}), got {name!r}"
            )
    prep = _prepare(X, tree, missing, outliers)
    comp = prep.compiled
    groups = comp.groups
    n, L = prep.raw.shape

    rng = np.random.default_rng(seed)
    choice = rng.integers(len(methods), size=draws)
    local: list[np.ndarray] = []
    for group in groups:
        w = group.weights
        pos = w > 0
        W = np.zeros((draws, w.shape[0]))
        if pos.sum() == 1 or np.isinf(concentration):
            W[:] = w
        else:
            W[:, pos] = rng.dirichlet(concentration * w[pos], size=draws)
        local.append(W)

    base_ranks = rank(_values(comp, _normalize_leaves(prep))[-1])

    # Identical alternatives (e.g. all zeros in a small population) are scored once.
    _, first, inverse, counts = np.unique(
        prep.raw, axis=0, return_index=True, return_inverse=True, return_counts=True
    )
    u = first.shape[0]
    if u == n:  # all distinct: keep the original order, no gather afterwards
        first, inverse, counts = np.arange(n), None, None
    else:
        inverse = inverse.reshape(-1)
    linear = all(g.aggregation == "weighted_sum" for g in groups)
    G = _global_weights(groups, local, draws, L) if linear else None

    ranks = np.empty((draws, n), dtype=np.int32)
    chunk = max(1, _CELLS_PER_CHUNK // max(u, 1))
    blocks = []
    for m_index, method in enumerate(methods):
        idx = np.flatnonzero(choice == m_index)
        if idx.size == 0:
            continue
        ZT = np.ascontiguousarray(_normalize_leaves(prep, method)[first].T)  # leaves × u
        logs = None if linear else _leaf_logs(comp, ZT)
        blocks += [(idx[s : s + chunk], ZT, logs) for s in range(0, idx.size, chunk)]

    def score(block) -> None:
        rows, ZT, logs = block
        S = G[rows] @ ZT if linear else _tree_scores(comp, local, rows, ZT, logs)
        block_ranks = rank_rows(S, counts)
        ranks[rows] = block_ranks if inverse is None else block_ranks[:, inverse]

    if _THREADS > 1 and len(blocks) > 1:
        with ThreadPoolExecutor(_THREADS) as pool:
            list(pool.map(score, blocks))
    else:
        for block in blocks:
            score(block)

    q05, median, q95 = _quantiles(ranks, (0.05, 0.5, 0.95))
    for a in (ranks, base_ranks, q05, median, q95, choice):
        a.setflags(write=False)
    return Uncertainty(
        median_rank=median,
        q05=q05,
        q95=q95,
        ranks=ranks,
        base_ranks=base_ranks,
        normalizations=methods,
        methods=choice,
    )


def _quantiles(ranks: np.ndarray, qs) -> list[np.ndarray]:
    """Per column quantiles with linear interpolation (numpy's default method), from one integer
    sort of the transposed ranks (faster than np.quantile's partition along axis 0)."""
    ordered = np.sort(ranks.T, axis=1)
    last = ordered.shape[1] - 1
    out = []
    for q in qs:
        pos = q * last
        lo = int(np.floor(pos))
        hi = min(lo + 1, last)
        frac = pos - lo
        out.append(ordered[:, lo] * (1.0 - frac) + ordered[:, hi] * frac)
    return out


def _positive_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def _global_weights(groups, local, draws: int, L: int) -> np.ndarray:
    """Per draw, each leaf's weight = the product of the drawn local weights down its path."""
    G = np.empty((draws, L))

    def walk(k: int, acc: np.ndarray) -> None:
        for c, (kind, j) in enumerate(groups[k].children):
            a = acc * local[k][:, c]
            if kind == "leaf":
                G[:, j] = a
            else:
                walk(j, a)

    walk(len(groups) - 1, np.ones(draws))
    return G


def _leaf_logs(comp, ZT: np.ndarray) -> dict[int, np.ndarray]:
    """log(z + shift) of the leaves that sit directly under geometric nodes."""
    out = {}
    for group in comp.groups:
        if group.aggregation != "geometric":
            continue
        for (kind, j), w in zip(group.children, group.weights, strict=True):
            if kind == "leaf" and w > 0 and j not in out:
                shifted = ZT[j] + GEOMETRIC_SHIFT
                if (shifted <= 0).any():
                    raise ValueError(
                        f"leaf {comp.leaves[j].code!r} has values ≤ {-GEOMETRIC_SHIFT:.4g} under the "
                        f"geometric node {group.code!r} (use a bounded normalisation there)"
                    )
                out[j] = np.log(shifted)
    return out


def _tree_scores(comp, local, rows: np.ndarray, ZT: np.ndarray, logs: dict) -> np.ndarray:
    """Root values (len(rows) × u) for trees with geometric nodes, node by node."""
    vals: list[np.ndarray] = []
    for k, group in enumerate(comp.groups):
        W = local[k][rows]
        leaf_pos = [c for c, (kind, _) in enumerate(group.children) if kind == "leaf"]
        node_pos = [c for c, (kind, _) in enumerate(group.children) if kind == "node"]
        leaf_idx = [group.children[c][1] for c in leaf_pos]
        if group.aggregation == "weighted_sum":
            acc = W[:, leaf_pos] @ ZT[leaf_idx] if leaf_pos else np.zeros((rows.size, ZT.shape[1]))
            for c in node_pos:
                acc += W[:, c, None] * vals[group.children[c][1]]
        else:
            acc = np.zeros((rows.size, ZT.shape[1]))
            for c in leaf_pos:
                if group.weights[c] > 0:
                    acc += W[:, c, None] * logs[group.children[c][1]]
            for c in node_pos:
                if group.weights[c] > 0:
                    child = vals[group.children[c][1]] + GEOMETRIC_SHIFT
                    if (child <= 0).any():
                        raise ValueError(
                            f"a child of the geometric node {group.code!r} has values ≤ "
                            f"{-GEOMETRIC_SHIFT:.4g} (use bounded normalisations below it)"
                        )
                    acc += W[:, c, None] * np.log(child)
            np.exp(acc, out=acc)
            acc -= GEOMETRIC_SHIFT
        vals.append(acc)
    return vals[-1]
