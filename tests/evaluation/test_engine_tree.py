"""Indicator trees: evaluate() and explain()."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from kechuang.evaluation.engine import Leaf, Node, evaluate, explain

# Three platforms × three indicators: R&D spend (万元), patents, days to respond (cost).
X = np.array([[100.0, 2.0, 10.0], [300.0, 0.0, 5.0], [200.0, 4.0, 20.0]])
TREE = Node(
    "root",
    (
        Node("input", (Leaf("rd", 0),), weight=40),
        Node(
            "output",
            (Leaf("patents", 1, weight=3), Leaf("days", 2, weight=1, direction=-1)),
            weight=60,
        ),
    ),
)


def test_it_scores_a_weighted_tree_by_hand():
    # minmax: rd 0, 1, ½; patents ½, 0, 1; days (cost) (20 − x)/15 → ⅔, 1, 0
    # output = 0.75 · patents + 0.25 · days → 0.5417, 0.25, 0.75
    # root = 0.4 · rd + 0.6 · output → 0.325, 0.55, 0.65
    ev = evaluate(X, TREE)
    np.testing.assert_allclose(ev.scores, [32.5, 55.0, 65.0])
    assert ev.ranks.tolist() == [3, 2, 1]
    np.testing.assert_allclose(ev.node_scores["output"], [100 * (0.375 + 1 / 6), 25.0, 75.0])
    np.testing.assert_allclose(ev.node_scores["days"], [200 / 3, 100, 0])
    np.testing.assert_allclose(ev.global_weights, [0.4, 0.45, 0.15])
    assert ev.leaf_codes == ("rd", "patents", "days")


def test_it_splits_the_score_into_leaf_contributions():
    ev = evaluate(X, TREE)
    # contribution = 100 · global weight · normalised value
    np.testing.assert_allclose(ev.contributions[0], [0.0, 22.5, 10.0])
    np.testing.assert_allclose(ev.contributions.sum(axis=1), ev.scores)


def test_it_explains_one_alternative_largest_contribution_first():
    rows = explain(evaluate(X, TREE), 0)
    assert [r[0] for r in rows] == ["patents", "days", "rd"]
    _code, value, weight, contribution = rows[0]
    assert (value, weight, contribution) == pytest.approx((0.5, 0.45, 22.5))
    with pytest.raises(ValueError):
        explain(evaluate(X, TREE), 3)


def test_it_normalises_sibling_weights_and_scales():
    # weights 2 : 3 are the same split as 40 : 60; a lone leaf's weight does not matter
    output = TREE.children[1]
    tree = Node(
        "root", (Node("input", (Leaf("rd", 0, weight=7),), weight=2), replace(output, weight=3))
    )
    ev = evaluate(X, tree, scale=1.0)
    np.testing.assert_allclose(ev.scores, [0.325, 0.55, 0.65])


def test_it_aggregates_geometric_nodes_on_the_1_to_100_scale():
    tree = Node("root", (Leaf("a", 0), Leaf("b", 1)), aggregation="geometric")
    ev = evaluate([[0.0, 1.0], [0.5, 0.5], [1.0, 0.0]], tree, scale=1.0)
    # (x + s) with s = 1/99: √((0 + s)(1 + s)) − s = √(100/99²) − 1/99 = 10/99 − 1/99 = 1/11
    s = 1 / 99
    np.testing.assert_allclose(ev.scores, [1 / 11, 0.5, 1 / 11])
    assert ev.scores[0] == pytest.approx(np.sqrt(s * (1 + s)) - s)
    # contributions split the node in proportion to w · v, summing to the score
    np.testing.assert_allclose(ev.contributions[0], [0.0, 1 / 11])
    np.testing.assert_allclose(ev.contributions.sum(axis=1), ev.scores)


def test_it_gives_constant_columns_the_same_value_for_everyone():
    # All three platforms have 5 patents: minmax would divide by zero; everyone gets 1.0.
    data = np.array([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]])
    ev = evaluate(data, Node("root", (Leaf("a", 0), Leaf("b", 1))), scale=1.0)
    np.testing.assert_allclose(ev.normalized[:, 1], 1.0)
    np.testing.assert_allclose(ev.scores, [0.5, 0.75, 1.0])
    z = evaluate(
        data,
        Node("root", (Leaf("a", 0, normalization="zscore"), Leaf("b", 1, normalization="zscore"))),
    )
    np.testing.assert_allclose(z.normalized[:, 1], 0.0)


def test_it_scores_a_population_of_one():
    tree = Node(
        "root",
        (Leaf("a", 0), Leaf("b", 1, normalization="zscore"), Leaf("c", 2, normalization="sum")),
    )
    ev = evaluate(X[:1], tree, scale=1.0)
    np.testing.assert_allclose(ev.normalized, [[1.0, 0.0, 1.0]])
    assert ev.ranks.tolist() == [1]


def test_it_refuses_missing_values_by_default_naming_the_leaf():
    data = X.copy()
    data[1, 2] = np.nan
    with pytest.raises(ValueError, match=r"'days' \(column 2\) at row 1"):
        evaluate(data, TREE)


def test_it_imputes_and_flags_missing_values():
    data = X.copy()
    data[1, 2] = np.nan
    ev = evaluate(data, TREE, missing="zero")
    assert ev.imputed[:, 2].tolist() == [False, True, False]
    assert ev.imputed.sum() == 1
    np.testing.assert_allclose(ev.normalized[1, 2], 1.0)  # 0 days is the best cost
    assert np.isnan(data[1, 2])  # the caller's array is untouched


def test_it_winsorises_statistical_leaves_only():
    x = np.r_[np.arange(1.0, 11.0), 30.0, 100.0]
    data = np.column_stack([x, x])
    tree = Node(
        "root",
        (Leaf("stat", 0), Leaf("abs", 1, normalization="reference", params={"reference": 50})),
    )
    ev = evaluate(data, tree, outliers=True, scale=1.0)
    assert ev.treated == {"stat": 1}
    assert ev.normalized[-1, 0] == 1.0 and ev.normalized[-2, 0] == 1.0  # 100 → 30, the new max
    assert ev.normalized[-1, 1] == 1.0 and ev.normalized[-2, 1] == 0.6  # reference untouched


def test_it_uses_absolute_scales_from_leaf_params():
    tree = Node(
        "root",
        (
            Leaf("rd", 0, normalization="reference", params={"reference": 200}),
            Leaf("patents", 1, normalization="bands", params={"bands": [[0, 0], [1, 5], [3, 10]]}),
        ),
    )
    ev = evaluate(X, tree, scale=1.0)
    # rd: ½, 1, 1; patents: bands → 5/10, 0, 1
    np.testing.assert_allclose(ev.scores, [0.5, 0.5, 1.0])


@pytest.mark.parametrize(
    "tree",
    [
        Node("root", ()),
        Node("root", (Leaf("a", 0), Leaf("a", 1))),
        Node("root", (Leaf("a", 9),)),
        Node("root", (Leaf("a", 0, weight=-1), Leaf("b", 1))),
        Node("root", (Leaf("a", 0, weight=0),)),
        Node("root", (Leaf("a", 0, direction=2),)),
        Node("root", (Leaf("a", 0, normalization="magic"),)),
        Node("root", (Leaf("a", 0),), aggregation="median"),
        Node("root", ("a",)),
        Leaf("a", 0),
    ],
)
def test_it_refuses_malformed_trees(tree):
    with pytest.raises(ValueError):
        evaluate(X, tree)


def test_it_returns_read_only_arrays():
    ev = evaluate(X, TREE)
    with pytest.raises(ValueError):
        ev.scores[0] = 1.0
