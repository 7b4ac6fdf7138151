"""Published worked examples, reproduced to 1e-4 (ANCHORS §3.4–3.7). Each cites its source."""

from __future__ import annotations

import numpy as np
import pytest

from kechuang.evaluation import engine

ATOL = 1e-4


# --- TOPSIS --------------------------------------------------------------------------------------


def test_it_reproduces_topsis_tzeng2011():
    # Tzeng, G.-H. & Huang, J.-J. (2011). Multiple Attribute Decision Making: Methods and
    # Applications. CRC Press. Via scikit-criteria tests/agg/test_topsis.py::
    # test_TOPSIS_tzeng2011multiple (VectorScaler on the matrix, weights 0.3/0.4/0.3).
    X = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]
    c = engine.topsis(X, [0.3, 0.4, 0.3], [1, 1, 1])
    np.testing.assert_allclose(c, [0.5037, 0.6581, 0.7482, 0.3340], atol=ATOL)
    assert engine.rank(c).tolist() == [3, 2, 1, 4]


OPRICOVIC = np.array([[1.0, 3000.0], [2.0, 3750.0], [5.0, 4500.0]])


def test_it_reproduces_pymcdm_topsis_opricovic2004_with_minmax():
    # Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: a comparative
    # analysis of VIKOR and TOPSIS. EJOR 156(2), 445–455. Via pymcdm test/test_mcdm.py (TOPSIS):
    # expected [0.500, 0.617, 0.500]. pymcdm obtains these with its default *min-max*
    # normalisation, not Hwang–Yoon's vector normalisation; our `normalization="minmax"` exists
    # to reproduce it.
    c = engine.topsis(OPRICOVIC, [0.5, 0.5], [-1, 1], normalization="minmax")
    np.testing.assert_allclose(c, [0.500, 0.617, 0.500], atol=1e-3)


def test_it_computes_opricovic2004_with_vector_normalisation_by_hand():
    # The same data with our default (vector) TOPSIS, by hand:
    #   ‖c1‖ = √(1 + 4 + 25) = √30, ‖c2‖ = √(3000² + 3750² + 4500²) = 6581.2;
    #   v = 0.5 · x / ‖c‖ → c1 (cost): 0.0913, 0.1826, 0.4564; c2: 0.2279, 0.2849, 0.3419.
    #   ideal (0.0913, 0.3419), anti-ideal (0.4564, 0.2279).
    #   A1: d⁺ = 0.1140, d⁻ = 0.3651 → 0.7621; A2: d⁺ = 0.1052, d⁻ = 0.2739 → 0.7222;
    #   A3: d⁺ = 0.3651, d⁻ = 0.1140 → 0.2379.
    # (pymcdm's TOPSIS(vector_normalization) gives the same: 0.76214, 0.72218, 0.23786.)
    c = engine.topsis(OPRICOVIC, [0.5, 0.5], [-1, 1])
    np.testing.assert_allclose(c, [0.7621, 0.7222, 0.2379], atol=ATOL)


def test_it_matches_pymcdm_topsis_when_both_use_vector_normalisation():
    pymcdm = pytest.importorskip("pymcdm")
    from pymcdm.normalizations import vector_normalization

    rng = np.random.default_rng(3)
    X = rng.uniform(1, 50, size=(12, 5))
    w = np.array([0.1, 0.3, 0.2, 0.15, 0.25])
    d = np.array([1, -1, 1, -1, 1])
    theirs = pymcdm.methods.TOPSIS(vector_normalization)(X, w, d)
    np.testing.assert_allclose(engine.topsis(X, w, d), theirs, atol=1e-12)


# --- CRITIC --------------------------------------------------------------------------------------

DIAKOULAKI = [
    [61, 1.08, 4.33],
    [20.7, 0.26, 4.34],
    [16.3, 1.98, 2.53],
    [9, 3.29, 1.65],
    [5.4, 2.77, 2.33],
    [4, 4.12, 1.21],
    [-6.1, 3.52, 2.10],
    [-34.6, 3.31, 0.98],
]


def test_it_reproduces_critic_diakoulaki1995():
    # Diakoulaki, D., Mavrotas, G. & Papayannakis, L. (1995). Determining objective weights in
    # multiple criteria problems: the CRITIC method. Computers & OR 22(7), 763–770. Via
    # scikit-criteria tests/preprocessing/test_weighters.py::
    # test_critic_weight_weights_diakoulaki1995determining (scale=True, pearson).
    w = engine.critic_weights(DIAKOULAKI, [1, 1, 1])
    np.testing.assert_allclose(w, [0.20222554, 0.48090173, 0.31687273], atol=ATOL)


def test_it_reproduces_pymcdm_critic_tus2019():
    # Tuş, A. & Adalı, E. A. (2019). The new combination with CRITIC and WASPAS methods for the
    # time and attendance software selection problem. Opsearch 56(2), 528–538. Via pymcdm
    # test/test_weights.py (TestCRITICWeights), 3 decimals, all criteria treated as benefit.
    X = [
        [5000, 3, 3, 4, 3, 2],
        [680, 5, 3, 2, 2, 1],
        [2000, 3, 2, 3, 4, 3],
        [600, 4, 3, 1, 2, 2],
        [800, 2, 4, 3, 3, 4],
    ]
    w = engine.critic_weights(X, [1] * 6)
    np.testing.assert_allclose(w, [0.157, 0.249, 0.168, 0.121, 0.154, 0.151], atol=1e-3)


# --- AHP -----------------------------------------------------------------------------------------

WANG_CHIN = np.array(
    [
        [1, 4, 3, 1, 3, 4],
        [1 / 4, 1, 7, 3, 1 / 5, 1],
        [1 / 3, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 6],
        [1, 1 / 3, 5, 1, 1, 1 / 3],
        [1 / 3, 5, 5, 1, 1, 3],
        [1 / 4, 1, 6, 3, 1 / 3, 1],
    ]
)


def test_it_reproduces_ahp_wang_chin2011():
    # Wang, Y.-M. & Chin, K.-S. (2011). A linear programming approximation to the eigenvector
    # method in the analytic hierarchy process. Information Sciences 181(23), 5240–5248. Via
    # pymcdm test/test_weights.py (TestAHPWeights): principal-eigenvector weights.
    w, cr = engine.ahp_weights(WANG_CHIN)
    np.testing.assert_allclose(w, [0.3208, 0.1395, 0.0348, 0.1285, 0.2374, 0.1391], atol=ATOL)
    # λmax = 7.4198 → CI = 0.28396, RI(6) = 1.24 (Saaty) → CR = 0.2290: unacceptable (≥ 0.1).
    assert cr == pytest.approx(0.2290, abs=ATOL)


def pairwise_from(names: list[str], judgements: dict) -> np.ndarray:
    A = np.ones((len(names), len(names)))
    for (a, b), value in judgements.items():
        i, j = names.index(a), names.index(b)
        A[i, j], A[j, i] = value, 1 / value
    return A


DRINK_NAMES = ["beer", "coffee", "milk", "soda", "tea", "water", "wine"]
DRINKS = {
    ("coffee", "wine"): 9, ("coffee", "tea"): 5, ("coffee", "beer"): 2, ("coffee", "soda"): 1,
    ("coffee", "milk"): 1, ("water", "coffee"): 2, ("water", "wine"): 9, ("water", "tea"): 9,
    ("water", "beer"): 3, ("water", "soda"): 2, ("water", "milk"): 3, ("tea", "wine"): 3,
    ("beer", "wine"): 9, ("beer", "tea"): 3, ("beer", "milk"): 1, ("soda", "wine"): 9,
    ("soda", "tea"): 4, ("soda", "beer"): 2, ("soda", "milk"): 2, ("milk", "wine"): 9,
    ("milk", "tea"): 3,
}  # fmt: skip


def test_it_reproduces_saaty2008_drinks_with_saaty_ri():
    # Saaty, T. L. (2008). Decision making with the analytic hierarchy process. Int. J. Services
    # Sciences 1(1), 83–98 ("drinks" example). Via AHPy tests/test_ahp.py::
    # test_drinks_weights_precision_4_dd (weights do not depend on the RI table) and
    # test_drinks_cr_saaty (CR = 0.022 with Saaty's random index, 3 decimals).
    w, cr = engine.ahp_weights(pairwise_from(DRINK_NAMES, DRINKS))
    expected = [0.1164, 0.1775, 0.1288, 0.1896, 0.0418, 0.3268, 0.0191]
    np.testing.assert_allclose(w, expected, atol=ATOL)
    assert round(cr, 3) == 0.022


CITIES = ["Bethesda", "Boston", "Pittsburgh", "Santa Fe"]
CRITERIA = ["Culture", "Family", "Housing", "Jobs", "Transportation"]


def test_it_composes_saaty2005_cities_hierarchy_through_a_tree():
    # Saaty, T. L. (2005). Theory and Applications of the Analytic Network Process ("best city"
    # hierarchy). Via AHPy tests/test_ahp.py::test_cities_weights_dd_precision_4: target weights
    # Bethesda 0.2291, Boston 0.2748, Pittsburgh 0.3852, Santa Fe 0.1110. We compose the local
    # AHP priorities with an indicator tree whose leaves are already in [0, 1] ("none").
    criteria = {
        ("Culture", "Housing"): 3, ("Culture", "Transportation"): 5, ("Family", "Culture"): 5,
        ("Family", "Housing"): 7, ("Family", "Transportation"): 7, ("Housing", "Transportation"): 3,
        ("Jobs", "Culture"): 2, ("Jobs", "Housing"): 4, ("Jobs", "Transportation"): 7,
        ("Family", "Jobs"): 1,
    }  # fmt: skip
    by_criterion = {
        "Culture": {
            ("Bethesda", "Pittsburgh"): 1, ("Boston", "Bethesda"): 2, ("Boston", "Pittsburgh"): 2.5,
            ("Boston", "Santa Fe"): 1, ("Santa Fe", "Bethesda"): 2, ("Santa Fe", "Pittsburgh"): 2.5,
        },
        "Family": {
            ("Bethesda", "Boston"): 2, ("Bethesda", "Santa Fe"): 4, ("Boston", "Santa Fe"): 2,
            ("Pittsburgh", "Bethesda"): 3, ("Pittsburgh", "Boston"): 8, ("Pittsburgh", "Santa Fe"): 9,
        },
        "Housing": {
            ("Bethesda", "Boston"): 5, ("Bethesda", "Santa Fe"): 2.5, ("Pittsburgh", "Bethesda"): 2,
            ("Pittsburgh", "Boston"): 9, ("Pittsburgh", "Santa Fe"): 7, ("Santa Fe", "Boston"): 4,
        },
        "Jobs": {
            ("Bethesda", "Pittsburgh"): 3, ("Bethesda", "Santa Fe"): 4, ("Boston", "Bethesda"): 2,
            ("Boston", "Pittsburgh"): 6, ("Boston", "Santa Fe"): 8, ("Pittsburgh", "Santa Fe"): 1,
        },
        "Transportation": {
            ("Bethesda", "Boston"): 1.5, ("Bethesda", "Santa Fe"): 4, ("Boston", "Santa Fe"): 2.5,
            ("Pittsburgh", "Bethesda"): 2, ("Pittsburgh", "Boston"): 3.5, ("Pittsburgh", "Santa Fe"): 9,
        },
    }  # fmt: skip
    crit_w, _ = engine.ahp_weights(pairwise_from(CRITERIA, criteria))
    X = np.column_stack(
        [engine.ahp_weights(pairwise_from(CITIES, by_criterion[c]))[0] for c in CRITERIA]
    )
    leaves = tuple(
        engine.Leaf(c, j, weight=float(crit_w[j]), normalization="none")
        for j, c in enumerate(CRITERIA)
    )
    ev = engine.evaluate(X, engine.Node("goal", leaves), scale=1.0)
    np.testing.assert_allclose(ev.scores, [0.2291, 0.2748, 0.3852, 0.1110], atol=ATOL)
    assert ev.ranks.tolist() == [3, 2, 1, 4]


# --- entropy -------------------------------------------------------------------------------------


def test_it_computes_entropy_weights_by_hand():
    # Column A (benefit) 1, 2, 3 → y = 0, ½, 1 → p = 0, ⅓, ⅔;
    #   Σ p ln p = ⅓ ln ⅓ + ⅔ ln ⅔ = −0.636514 (0 · ln 0 = 0); e = 0.636514 / ln 3 = 0.579380.
    # Column B (cost) 10, 10, 40 → y = (40 − x) / 30 = 1, 1, 0 → p = ½, ½, 0;
    #   Σ p ln p = ln ½ = −0.693147; e = 0.693147 / ln 3 = 0.630930.
    # d = 1 − e = 0.420620, 0.369070 → w = d / Σd = 0.532639, 0.467361.
    w = engine.entropy_weights([[1, 10], [2, 10], [3, 40]], [1, -1])
    np.testing.assert_allclose(w, [0.532639, 0.467361], atol=1e-6)


def test_it_agrees_with_scikit_criteria_entropy_on_min_max_images():
    # scikit-criteria's EntropyWeighter is the normalised Shannon entropy of the raw column
    # shares (no min-max step). Ours = theirs applied to our min-max image: the conventions
    # coincide once the data are min-max normalised (0 · ln 0 = 0 in both).
    skc = pytest.importorskip("skcriteria")
    from skcriteria.preprocessing.weighters import EntropyWeighter

    rng = np.random.default_rng(7)
    X = rng.uniform(0, 100, size=(15, 4))
    d = np.array([1, -1, 1, 1])
    Y = engine.normalize(X, d, "minmax")
    theirs = EntropyWeighter().transform(skc.mkdm(Y, [max] * 4)).weights.to_numpy()
    np.testing.assert_allclose(engine.entropy_weights(X, d), theirs, atol=1e-12)


def test_it_documents_where_pymcdm_entropy_differs():
    # pymcdm sum-normalises the raw values (no min-max) and refuses (v1.4) or zeroes the entropy
    # of columns holding a 0; on strictly positive data it equals scikit-criteria's convention,
    # not ours.
    pytest.importorskip("pymcdm")
    from pymcdm.weights import entropy_weights as pymcdm_entropy

    X = np.array([[1.0, 10.0], [2.0, 10.0], [3.0, 40.0]])
    theirs = pymcdm_entropy(X)
    ours = engine.entropy_weights(X, [1, 1])
    assert not np.allclose(theirs, ours, atol=1e-3)
    with pytest.raises(ValueError):  # a min-max image has a 0: pymcdm refuses it
        pymcdm_entropy(engine.normalize(X, [1, 1], "minmax"))
