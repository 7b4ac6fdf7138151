"""Monte-Carlo rank uncertainty."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

from kechuang.evaluation.engine import Leaf, Node, evaluate, uncertainty

RNG = np.random.default_rng(11)
X = RNG.lognormal(size=(60, 6))
TREE = Node(
    "root",
    (
        Node("a", tuple(Leaf(f"a{j}", j, weight=1 + j) for j in range(3)), weight=2),
        Node("b", tuple(Leaf(f"b{j}", 3 + j, direction=-1 if j == 0 else 1) for j in range(3))),
    ),
)
# The package re-exports the function under the module's name; patch the module itself.
uncertainty_module = importlib.import_module("kechuang.evaluation.engine.uncertainty")
GEO = Node("root", TREE.children, aggregation="geometric")


def test_it_is_reproducible_with_the_same_seed():
    one = uncertainty(X, TREE, draws=200, seed=5, normalizations=("minmax", "zscore"))
    two = uncertainty(X, TREE, draws=200, seed=5, normalizations=("minmax", "zscore"))
    np.testing.assert_array_equal(one.ranks, two.ranks)
    assert one.ranks.dtype == np.int32 and one.ranks.shape == (200, 60)


def test_it_draws_differently_with_another_seed():
    one = uncertainty(X, TREE, draws=200, seed=5)
    two = uncertainty(X, TREE, draws=200, seed=6)
    assert not np.array_equal(one.ranks, two.ranks)


def test_it_does_not_depend_on_block_size_or_threads(monkeypatch):
    whole = uncertainty(X, GEO, draws=100, normalizations=("minmax", "vector"))
    monkeypatch.setattr(uncertainty_module, "_CELLS_PER_CHUNK", 7 * 60)
    monkeypatch.setattr(uncertainty_module, "_THREADS", 1)
    blocks = uncertainty(X, GEO, draws=100, normalizations=("minmax", "vector"))
    np.testing.assert_array_equal(whole.ranks, blocks.ranks)


@pytest.mark.parametrize("tree", [TREE, GEO])
def test_it_converges_to_the_base_ranks_as_concentration_grows(tree):
    base = evaluate(X, tree).ranks
    for concentration in (1e9, float("inf")):
        result = uncertainty(X, tree, draws=50, concentration=concentration)
        np.testing.assert_array_equal(result.median_rank, base)
        np.testing.assert_array_equal(result.base_ranks, base)


def test_it_orders_the_rank_interval():
    result = uncertainty(
        X, TREE, draws=300, concentration=5.0, normalizations=("minmax", "zscore", "vector")
    )
    assert (result.q05 <= result.median_rank).all() and (result.median_rank <= result.q95).all()
    assert (result.q95 - result.q05).max() > 0
    np.testing.assert_allclose(result.q95, np.quantile(result.ranks, 0.95, axis=0))
    assert set(np.unique(result.methods)) == {0, 1, 2}


def test_it_keeps_identical_alternatives_tied_in_every_draw():
    data = np.vstack([X, X[:5], np.zeros((3, 6))])
    result = uncertainty(data, TREE, draws=100, normalizations=("minmax", "sum"))
    np.testing.assert_array_equal(result.ranks[:, :5], result.ranks[:, 60:65])
    assert (result.ranks[:, 65:] == result.ranks[:, [65]]).all()
    # a rank counts every alternative ranked above, duplicates included
    assert result.ranks.max() <= data.shape[0] and result.ranks.min() == 1


def test_it_keeps_absolute_scales_when_swapping_normalisations():
    tree = Node(
        "root", (Leaf("g", 0, normalization="goalpost", params={"low": 0, "high": 3}), Leaf("m", 1))
    )
    a = uncertainty(X, tree, draws=40, normalizations=("zscore",), concentration=float("inf"))
    b = evaluate(X, Node("root", (tree.children[0], Leaf("m", 1, normalization="zscore"))))
    np.testing.assert_array_equal(a.median_rank, b.ranks)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"draws": 0},
        {"draws": 1.5},
        {"concentration": 0},
        {"concentration": float("nan")},
        {"normalizations": ()},
        {"normalizations": ("bands",)},
        {"missing": "guess"},
    ],
)
def test_it_refuses_bad_arguments(kwargs):
    with pytest.raises(ValueError):
        uncertainty(X, TREE, **kwargs)


def test_it_refuses_negative_values_under_geometric_nodes():
    with pytest.raises(ValueError, match="geometric"):
        uncertainty(X, GEO, draws=10, normalizations=("zscore",))


def test_it_ranks_rows_exactly_even_for_nearly_equal_scores():
    from kechuang.evaluation.engine.aggregate import rank, rank_rows

    rng = np.random.default_rng(4)
    S = rng.standard_normal((30, 500))
    S[:, 10:40] = S[:, [3]]  # exact ties
    S[:, 50] = S[:, 51] * (1 + 1e-15)  # closer than the sort key's resolution
    S[:, 60], S[:, 61] = 0.0, -0.0
    S[:5] = np.round(S[:5], 1)  # many ties
    ranks = rank_rows(S)
    for row, got in zip(S, ranks, strict=True):
        np.testing.assert_array_equal(got, rank(row))
    counts = rng.integers(1, 4, size=500)
    weighted = rank_rows(S, counts)
    for row, got in zip(S, weighted, strict=True):
        expected = [1 + counts[row > value].sum() for value in row]
        np.testing.assert_array_equal(got, expected)
