"""The contract every scoring and weighting method must keep (scikit-learn's
`parametrize_with_checks` idea), hypothesis properties, and the engine's independence from Django."""

from __future__ import annotations

import random as random_module
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from kechuang.evaluation import engine
from kechuang.evaluation.engine import Leaf, Node


def _flat_tree(w, d, normalization="minmax", aggregation="weighted_sum"):
    leaves = tuple(
        Leaf(f"c{j}", j, weight=float(w[j]), direction=int(d[j]), normalization=normalization)
        for j in range(len(w))
    )
    return Node("root", leaves, aggregation=aggregation)


def _normalized_sum(method):
    return lambda X, w, d: engine.weighted_sum(engine.normalize(X, d, method), w)


# name → scores(X, weights, directions)
SCORERS = {
    **{
        f"weighted_sum/{m}": _normalized_sum(m)
        for m in ("minmax", "zscore", "vector", "sum", "max")
    },
    "geometric/minmax+shift": lambda X, w, d: engine.geometric(
        engine.normalize(X, d, "minmax"), w, shift=0.01
    ),
    "topsis/vector": engine.topsis,
    "topsis/minmax": lambda X, w, d: engine.topsis(X, w, d, normalization="minmax"),
    "evaluate/weighted_sum": lambda X, w, d: engine.evaluate(X, _flat_tree(w, d)).scores,
    "evaluate/geometric": lambda X, w, d: (
        engine.evaluate(X, _flat_tree(w, d, aggregation="geometric")).scores
    ),
}
WEIGHTERS = {"entropy": engine.entropy_weights, "critic": engine.critic_weights}


@pytest.fixture
def problem():
    rng = np.random.default_rng(2024)
    X = rng.uniform(1, 100, size=(25, 5))
    w = rng.dirichlet(np.ones(5))
    d = np.array([1, -1, 1, 1, -1])
    return X, w, d


@pytest.mark.parametrize("name", SCORERS)
def test_it_does_not_mutate_its_inputs(name, problem):
    X, w, d = problem
    copies = [a.copy() for a in problem]
    SCORERS[name](X, w, d)
    for before, after in zip(copies, problem, strict=True):
        np.testing.assert_array_equal(before, after)


@pytest.mark.parametrize("name", SCORERS)
def test_it_is_deterministic(name, problem):
    np.testing.assert_array_equal(SCORERS[name](*problem), SCORERS[name](*problem))


@pytest.mark.parametrize("name", SCORERS)
def test_it_permutes_scores_with_the_alternatives(name, problem):
    X, w, d = problem
    perm = np.random.default_rng(1).permutation(X.shape[0])
    np.testing.assert_allclose(
        SCORERS[name](X[perm], w, d), SCORERS[name](X, w, d)[perm], rtol=1e-12
    )


@pytest.mark.parametrize("name", SCORERS)
def test_it_keeps_ranks_when_weights_are_scaled_and_renormalised(name, problem):
    X, w, d = problem
    scaled = w * 37.5
    scaled = scaled / scaled.sum()
    np.testing.assert_array_equal(
        engine.rank(SCORERS[name](X, scaled, d)), engine.rank(SCORERS[name](X, w, d))
    )


@pytest.mark.parametrize("name", SCORERS)
def test_it_returns_one_float_score_per_alternative(name, problem):
    scores = SCORERS[name](*problem)
    assert scores.shape == (25,) and scores.dtype == np.float64 and np.isfinite(scores).all()


def _bad_inputs(X, w, d):
    nan = X.copy()
    nan[3, 2] = np.nan
    inf = X.copy()
    inf[0, 0] = np.inf
    yield "nan", (nan, w, d)
    yield "inf", (inf, w, d)
    yield "1-D X", (X[:, 0], w[:1] / w[:1].sum(), d[:1])
    yield "weights too short", (X, w[:-1] / w[:-1].sum(), d)
    yield "directions too long", (X, w, np.r_[d, 1])
    yield "bad direction", (X, w, np.r_[d[:-1], 0])
    negative = w.copy()
    negative[0], negative[1] = -0.1, negative[1] + 0.1 + negative[0]
    yield "negative weight", (X, negative, d)
    yield "weights sum to 2", (X, w * 2, d)
    yield "nan weight", (X, np.r_[np.nan, w[1:]], d)
    yield "empty", (X[:0], w, d)


# A tree's weights are relative and name their own columns: these are not errors there.
TREE_ONLY_OK = {"weights too short", "directions too long", "weights sum to 2"}


@pytest.mark.parametrize("name", SCORERS)
def test_it_refuses_bad_inputs(name, problem):
    for why, args in _bad_inputs(*problem):
        if name.startswith("evaluate/") and why in TREE_ONLY_OK:
            continue
        with pytest.raises(ValueError):
            SCORERS[name](*args)
            pytest.fail(f"{name} accepted {why}")


@pytest.mark.parametrize("name", WEIGHTERS)
def test_weights_ignore_the_order_of_alternatives_and_keep_inputs(name, problem):
    X, _, d = problem
    before = X.copy()
    w = WEIGHTERS[name](X, d)
    perm = np.random.default_rng(2).permutation(X.shape[0])
    np.testing.assert_allclose(WEIGHTERS[name](X[perm], d), w, rtol=1e-12)
    np.testing.assert_array_equal(X, before)
    assert w.shape == (5,) and (w >= 0).all() and w.sum() == pytest.approx(1.0)


@pytest.mark.parametrize("name", WEIGHTERS)
def test_weights_refuse_bad_inputs(name, problem):
    X, w, d = problem
    for why, (bad_x, _, bad_d) in _bad_inputs(X, w, d):
        if why in ("weights too short", "negative weight", "weights sum to 2", "nan weight"):
            continue
        with pytest.raises(ValueError):
            WEIGHTERS[name](bad_x, bad_d)
            pytest.fail(f"{name} accepted {why}")
    with pytest.raises(ValueError):
        WEIGHTERS[name](X[:1], d)  # one alternative


# --- properties ----------------------------------------------------------------------------------

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
matrices = st.integers(2, 12).flatmap(
    lambda n: st.integers(1, 5).flatmap(lambda m: hnp.arrays(np.float64, (n, m), elements=finite))
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.floats(-1e3, 1e3, allow_nan=False).map(lambda x: round(x, 1)), min_size=1, max_size=30
    ),
    st.randoms(),
)
def test_ranks_are_a_permutation_consistent_function_of_scores(values, random):
    s = np.array(values)
    r = engine.rank(s)
    perm = np.array(random.sample(range(len(s)), len(s)))
    np.testing.assert_array_equal(engine.rank(s[perm]), r[perm])
    for i in range(len(s)):
        assert r[i] == 1 + (s > s[i]).sum()


@settings(max_examples=60, deadline=None)
@given(matrices, st.randoms())
def test_minmax_lies_in_the_unit_interval(X, random):
    d = np.array([random.choice((1, -1)) for _ in range(X.shape[1])])
    if (X.max(axis=0) == X.min(axis=0)).any():
        with pytest.raises(ValueError):
            engine.normalize(X, d, "minmax")
        return
    Y = engine.normalize(X, d, "minmax")
    assert ((Y >= 0) & (Y <= 1)).all()
    assert (Y.max(axis=0) == 1).all() and (Y.min(axis=0) == 0).all()


@settings(max_examples=60, deadline=None)
@given(matrices, st.randoms())
@example(np.array([[2.22507386e-309], [0.0]]), random_module.Random(0))  # a subnormal span
def test_objective_weights_are_non_negative_and_sum_to_one(X, random):
    d = np.array([random.choice((1, -1)) for _ in range(X.shape[1])])
    for fn in (engine.entropy_weights, engine.critic_weights):
        try:
            w = fn(X, d)
        except ValueError:
            continue  # constant or perfectly correlated columns: refused, as documented
        assert (w >= 0).all() and w.sum() == pytest.approx(1.0, abs=1e-12)


@st.composite
def trees(draw, m: int, depth: int = 0):
    n_children = draw(st.integers(1, 3))
    children = []
    for k in range(n_children):
        weight = draw(st.floats(0.1, 10))
        if depth < 2 and draw(st.booleans()):
            sub = draw(trees(m, depth + 1))
            children.append(Node(f"{sub.code}.{k}", sub.children, weight=weight))
        else:
            children.append(
                Leaf(
                    f"leaf{depth}.{k}.{draw(st.integers(0, 10**9))}",
                    draw(st.integers(0, m - 1)),
                    weight=weight,
                    direction=draw(st.sampled_from((1, -1))),
                )
            )
    return Node(f"n{depth}.{draw(st.integers(0, 10**9))}", tuple(children))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_contributions_sum_to_the_score(data):
    X = data.draw(hnp.arrays(np.float64, (6, 4), elements=st.floats(0, 1000)))
    tree = data.draw(trees(4))
    try:
        ev = engine.evaluate(X, tree)
    except ValueError as exc:  # duplicate codes drawn by chance
        assert "twice" in str(exc)
        return
    np.testing.assert_allclose(ev.contributions.sum(axis=1), ev.scores, atol=1e-9)
    assert ((ev.scores >= 0) & (ev.scores <= 100)).all()
    assert ev.global_weights.sum() == pytest.approx(1.0)


# --- purity --------------------------------------------------------------------------------------


def test_the_engine_imports_without_django():
    code = "import kechuang.evaluation.engine, sys; assert not any(m.startswith('django') for m in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_a_subnormal_span_scores_as_its_rescaled_column():
    """A column spanning 1e-309 has no finite reciprocal; entropy weights and min-max TOPSIS
    treat it as the same column rescaled."""
    X = np.array([[2.22507386e-309, 3.0], [0.0, 1.0], [1.0e-309, 2.0]])
    Y = X.copy()
    Y[:, 0] = X[:, 0] / 2.22507386e-309
    d = np.array([1, -1])
    np.testing.assert_allclose(engine.entropy_weights(X, d), engine.entropy_weights(Y, d))
    w = np.array([0.5, 0.5])
    np.testing.assert_allclose(
        engine.topsis(X, w, d, normalization="minmax"),
        engine.topsis(Y, w, d, normalization="minmax"),
    )
