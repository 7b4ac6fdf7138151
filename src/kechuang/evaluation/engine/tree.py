"""Hierarchical indicator trees (指标体系): leaves normalise one column each; a node aggregates its
children with weights relative to its siblings; the root's value times `scale` is the score."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

import numpy as np

from ._checks import as_matrix
from .aggregate import _geometric, rank
from .data import IMPUTE_POLICIES, impute, treat_outliers
from .normalize import METHODS, STATISTICAL_METHODS, normalize_columns

__all__ = ["AGGREGATIONS", "GEOMETRIC_SHIFT", "Evaluation", "Leaf", "Node", "evaluate", "explain"]

AGGREGATIONS = ("weighted_sum", "geometric")
#: Geometric nodes aggregate on COINr's 1–100 scale (issue #65): x + 1/99, so a zero child no
#: longer zeroes its parent; the result is mapped back to [0, 1]. See `aggregate.geometric`.
GEOMETRIC_SHIFT = 1.0 / 99.0


@dataclass(frozen=True)
class Leaf:
    """One indicator: column `column` of X, normalised by `normalization` (see `normalize`)."""

    code: str
    column: int
    weight: float = 1.0
    direction: int = 1
    normalization: str = "minmax"
    params: dict | None = None


@dataclass(frozen=True)
class Node:
    """A group of indicators or groups; `weight` is relative to its siblings."""

    code: str
    children: tuple[Union[Leaf, Node], ...]  # noqa: UP007 (the forward reference needs Union)
    weight: float = 1.0
    aggregation: str = "weighted_sum"


@dataclass(frozen=True, eq=False)
class Evaluation:
    """The result of `evaluate`. Arrays are read-only.

    - scores (n,) on 0..scale; ranks (n,) ("min" ties, 1 = best).
    - node_scores: {code: (n,)} for every node and leaf, on 0..scale.
    - contributions (n, leaves), leaves in `leaf_codes` order: each leaf's part of the score.
      Under weighted-sum nodes it is scale · global weight · normalised value, and the parts sum
      to the score. At a geometric node the node's part is split among its children in
      proportion to w_c · v_c (their shares of the weighted arithmetic mean): still non-negative
      and summing to the score, but an attribution, not a marginal effect.
    - global_weights (leaves,): product of the (sibling-normalised) weights down the tree.
    - normalized (n, leaves): each leaf's normalised value (0..1 for bounded methods).
    - imputed (n, leaves) bool: cells filled by the missing-data policy.
    - treated: {leaf code: winsorised points} for leaves changed by outlier treatment.
    """

    scores: np.ndarray
    ranks: np.ndarray
    node_scores: dict[str, np.ndarray]
    contributions: np.ndarray
    leaf_codes: tuple[str, ...]
    global_weights: np.ndarray
    imputed: np.ndarray
    treated: dict[str, int]
    normalized: np.ndarray
    scale: float = 100.0
    node_codes: tuple[str, ...] = field(default=())


# --- compiled form -------------------------------------------------------------------------------


@dataclass
class _Group:
    code: str
    aggregation: str
    children: list[tuple[str, int]]  # ("leaf", leaf index) or ("node", group index)
    weights: np.ndarray  # sibling-normalised


@dataclass
class _Compiled:
    leaves: list[Leaf]
    groups: list[_Group]  # post-order: children before parents, root last
    global_weights: np.ndarray


def _compile(tree: Node, m: int) -> _Compiled:
    if not isinstance(tree, Node):
        raise ValueError("the tree's root must be a Node")
    leaves: list[Leaf] = []
    groups: list[_Group] = []
    codes: set[str] = set()
    paths: list[float] = []

    def check_code(item) -> None:
        if not isinstance(item.code, str) or not item.code:
            raise ValueError(
                f"every node and leaf needs a non-empty string code, got {item.code!r}"
            )
        if item.code in codes:
            raise ValueError(f"code {item.code!r} appears twice in the tree")
        codes.add(item.code)

    def weight_of(item) -> float:
        try:
            w = float(item.weight)
        except (TypeError, ValueError):
            raise ValueError(f"{item.code!r}: weight must be a number") from None
        if not np.isfinite(w) or w < 0:
            raise ValueError(f"{item.code!r}: weight must be finite and ≥ 0, got {item.weight!r}")
        return w

    def visit(node: Node, path_weight: float) -> int:
        check_code(node)
        if node.aggregation not in AGGREGATIONS:
            raise ValueError(
                f"{node.code!r}: aggregation must be one of {', '.join(AGGREGATIONS)}, got {node.aggregation!r}"
            )
        kids = tuple(node.children)
        if not kids:
            raise ValueError(f"node {node.code!r} has no children")
        for kid in kids:
            if not isinstance(kid, (Leaf, Node)):
                raise ValueError(
                    f"children of {node.code!r} must be Leaf or Node, got {type(kid).__name__}"
                )
        raw = np.array([weight_of(k) for k in kids])
        total = raw.sum()
        if not total > 0:
            raise ValueError(f"the weights under {node.code!r} sum to 0")
        local = raw / total
        children: list[tuple[str, int]] = []
        for kid, w in zip(kids, local, strict=True):
            if isinstance(kid, Leaf):
                check_code(kid)
                _check_leaf(kid, m)
                children.append(("leaf", len(leaves)))
                leaves.append(kid)
                paths.append(path_weight * w)
            else:
                children.append(("node", visit(kid, path_weight * w)))
        groups.append(_Group(node.code, node.aggregation, children, local))
        return len(groups) - 1

    visit(tree, 1.0)
    return _Compiled(leaves, groups, np.array(paths))


def _check_leaf(leaf: Leaf, m: int) -> None:
    if isinstance(leaf.column, bool) or not isinstance(leaf.column, (int, np.integer)):
        raise ValueError(f"leaf {leaf.code!r}: column must be an integer, got {leaf.column!r}")
    if not 0 <= leaf.column < m:
        raise ValueError(f"leaf {leaf.code!r}: column {leaf.column} is outside X's {m} columns")
    if leaf.direction not in (1, -1):
        raise ValueError(f"leaf {leaf.code!r}: direction must be 1 or -1, got {leaf.direction!r}")
    if leaf.normalization not in METHODS:
        raise ValueError(f"leaf {leaf.code!r}: unknown normalisation {leaf.normalization!r}")
    if leaf.params is not None and not isinstance(leaf.params, dict):
        raise ValueError(f"leaf {leaf.code!r}: params must be a dict or None")


# --- shared preparation --------------------------------------------------------------------------


@dataclass
class _Prepared:
    compiled: _Compiled
    raw: np.ndarray  # n × leaves, imputed and treated
    imputed: np.ndarray
    treated: dict[str, int]


def _prepare(X, tree: Node, missing: str, outliers: bool) -> _Prepared:
    X = as_matrix(X, allow_nan=True)
    comp = _compile(tree, X.shape[1])
    if missing not in IMPUTE_POLICIES:
        raise ValueError(
            f"unknown missing-data policy {missing!r}; choose from {', '.join(IMPUTE_POLICIES)}"
        )
    cols = np.array([leaf.column for leaf in comp.leaves])
    raw = X[:, cols]
    if missing == "refuse" and np.isnan(raw).any():
        i, j = (int(v) for v in np.argwhere(np.isnan(raw))[0])
        leaf = comp.leaves[j]
        raise ValueError(f"missing value for {leaf.code!r} (column {leaf.column}) at row {i}")
    try:
        raw, imputed = impute(raw, missing)
    except ValueError as exc:  # a column with nothing observed: name the leaf
        raise ValueError(_name_column(str(exc), comp.leaves)) from None
    treated: dict[str, int] = {}
    if outliers:
        stat = [
            j for j, leaf in enumerate(comp.leaves) if leaf.normalization in STATISTICAL_METHODS
        ]
        if stat:
            fixed, changed = treat_outliers(raw[:, stat])
            raw[:, stat] = fixed
            treated = {comp.leaves[stat[k]].code: points for k, points in changed.items()}
    return _Prepared(comp, raw, imputed, treated)


def _normalize_leaves(prep: _Prepared, override: str | None = None) -> np.ndarray:
    """Normalised leaf values; `override` replaces every statistical method (uncertainty draws)."""
    leaves = prep.compiled.leaves
    methods = [
        override
        if override is not None and leaf.normalization in STATISTICAL_METHODS
        else leaf.normalization
        for leaf in leaves
    ]
    d = np.array([float(leaf.direction) for leaf in leaves])
    try:
        return normalize_columns(
            prep.raw, d, methods, [leaf.params for leaf in leaves], constant="fill"
        )
    except ValueError as exc:
        raise ValueError(_name_column(str(exc), leaves)) from None


def _name_column(message: str, leaves: list[Leaf]) -> str:
    """Engine messages say "column j" of the leaf matrix; say which leaf that is."""
    if message.startswith("column "):
        head, _, rest = message.partition(" ")[2].partition(" ")
        if head.rstrip(":").isdigit():
            leaf = leaves[int(head.rstrip(":"))]
            colon = ":" if head.endswith(":") else ""
            return f"leaf {leaf.code!r} (column {leaf.column}){colon} {rest}"
    return message


def _aggregate(group: _Group, values: list[np.ndarray], code_of) -> np.ndarray:
    w = group.weights
    used = [k for k in range(len(values)) if w[k] > 0]
    stack = np.column_stack(values)
    if group.aggregation == "geometric":
        labels = [code_of(c) for c in group.children]
        return _geometric(stack, w, GEOMETRIC_SHIFT, labels)
    acc = values[used[0]] * w[used[0]]
    for k in used[1:]:
        acc = acc + values[k] * w[k]
    sub = stack[:, used]
    return np.clip(acc, sub.min(axis=1), sub.max(axis=1))


def _values(comp: _Compiled, Z: np.ndarray) -> list[np.ndarray]:
    """Every group's value (n,) in post-order, from normalised leaf values Z (n × leaves)."""
    out: list[np.ndarray] = []

    def code_of(child) -> str:
        kind, k = child
        return comp.leaves[k].code if kind == "leaf" else comp.groups[k].code

    for group in comp.groups:
        vals = [Z[:, k] if kind == "leaf" else out[k] for kind, k in group.children]
        out.append(_aggregate(group, vals, code_of))
    return out


def evaluate(
    X, tree: Node, *, missing: str = "refuse", outliers: bool = False, scale: float = 100.0
) -> Evaluation:
    """Score every alternative (row of X) with an indicator tree.

    Steps: take each leaf's column; fill missing values by `missing` ("refuse", "mean",
    "median", "zero"; filled cells are flagged in `imputed`); with `outliers=True` winsorise the
    leaves whose normalisation is statistical (COINr's rule, `treat_outliers`; absolute scales
    — goalpost, reference, bands, none — are left as reported); normalise each leaf; aggregate
    bottom-up, each node by the weighted sum or the weighted geometric mean of its children with
    sibling-normalised weights (geometric nodes on COINr's 1–100 scale, see GEOMETRIC_SHIFT);
    score = scale × root value.

    A column the leaf's method cannot scale because it has no spread (all equal for minmax or
    zscore, all zero for vector/sum/max) gives every alternative the same value — 1.0, or 0.0
    for zscore — so that small real populations can still be scored (the public `normalize`
    raises instead).
    """
    scale = float(scale)
    if not (np.isfinite(scale) and scale > 0):
        raise ValueError(f"scale must be a positive number, got {scale!r}")
    prep = _prepare(X, tree, missing, outliers)
    comp = prep.compiled
    Z = _normalize_leaves(prep)
    values = _values(comp, Z)
    root = values[-1]
    scores = root * scale
    n, L = Z.shape
    contributions = np.zeros((n, L))

    def assign(k: int, mult: float | None, part: np.ndarray | None) -> None:
        group = comp.groups[k]
        linear = mult is not None and group.aggregation == "weighted_sum"
        child_vals = [Z[:, j] if kind == "leaf" else values[j] for kind, j in group.children]
        if not linear:
            mine = part if part is not None else mult * values[k]
            terms = [w * v for w, v in zip(group.weights, child_vals, strict=True)]
            denom = np.sum(terms, axis=0)
            safe = np.where(denom != 0, denom, 1.0)
        for c, ((kind, j), w, v) in enumerate(
            zip(group.children, group.weights, child_vals, strict=True)
        ):
            if linear:
                cm = mult * w
                if kind == "leaf":
                    contributions[:, j] = cm * v
                else:
                    assign(j, cm, None)
            else:
                cp = np.where(denom != 0, mine * terms[c] / safe, 0.0)
                if kind == "leaf":
                    contributions[:, j] = cp
                else:
                    assign(j, None, cp)

    assign(len(comp.groups) - 1, scale, None)

    node_scores: dict[str, np.ndarray] = {}
    for group, v in zip(comp.groups, values, strict=True):
        node_scores[group.code] = v * scale
    for j, leaf in enumerate(comp.leaves):
        node_scores[leaf.code] = Z[:, j] * scale
    arrays = [scores, Z, contributions, prep.imputed, comp.global_weights, *node_scores.values()]
    ranks = rank(scores)
    for a in (*arrays, ranks):
        a.setflags(write=False)
    return Evaluation(
        scores=scores,
        ranks=ranks,
        node_scores=node_scores,
        contributions=contributions,
        leaf_codes=tuple(leaf.code for leaf in comp.leaves),
        global_weights=comp.global_weights,
        imputed=prep.imputed,
        treated=prep.treated,
        normalized=Z,
        scale=scale,
        node_codes=tuple(g.code for g in comp.groups),
    )


def explain(evaluation: Evaluation, i: int) -> list[tuple[str, float, float, float]]:
    """Why alternative `i` scored what it did: (leaf code, normalised value, global weight,
    contribution to the score) for every leaf, largest contribution first."""
    n = evaluation.scores.shape[0]
    if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not -n <= i < n:
        raise ValueError(f"alternative index {i!r} is outside 0..{n - 1}")
    rows = [
        (
            code,
            float(evaluation.normalized[i, j]),
            float(evaluation.global_weights[j]),
            float(evaluation.contributions[i, j]),
        )
        for j, code in enumerate(evaluation.leaf_codes)
    ]
    rows.sort(key=lambda row: row[3], reverse=True)
    return rows
