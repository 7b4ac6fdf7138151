"""Hand-computed small cases for every engine function (the arithmetic is in the comments)."""

from __future__ import annotations

import numpy as np
import pytest

from kechuang.evaluation import engine

X3 = np.array([[1.0, 4.0], [2.0, 2.0], [4.0, 6.0]])


# --- normalize -----------------------------------------------------------------------------------


def test_it_min_max_normalises_with_directions():
    # benefit: (x − 1) / 3 → 0, ⅓, 1; cost: (6 − x) / 4 → ½, 1, 0
    out = engine.normalize(X3, [1, -1], "minmax")
    np.testing.assert_allclose(out, [[0, 0.5], [1 / 3, 1], [1, 0]])


def test_it_z_scores_with_the_sample_standard_deviation():
    # column 1: mean 7/3, s = √(7/3) (ddof 1); cost column 2: mean 4, s = 2, negated
    out = engine.normalize(X3, [1, -1], "zscore")
    s1 = np.sqrt(7 / 3)
    np.testing.assert_allclose(out[:, 0], (X3[:, 0] - 7 / 3) / s1)
    np.testing.assert_allclose(out[:, 1], [0, 1, -1])


def test_it_vector_sum_and_max_normalise_with_cost_as_one_minus_r():
    # ‖c1‖ = √21, Σc1 = 7, max 4; cost column c2: ‖c2‖ = √56, Σ = 12, max 6 → 1 − r
    np.testing.assert_allclose(
        engine.normalize(X3, [1, -1], "vector"),
        np.column_stack([X3[:, 0] / np.sqrt(21), 1 - X3[:, 1] / np.sqrt(56)]),
    )
    np.testing.assert_allclose(
        engine.normalize(X3, [1, -1], "sum"), [[1 / 7, 2 / 3], [2 / 7, 5 / 6], [4 / 7, 0.5]]
    )
    np.testing.assert_allclose(
        engine.normalize(X3, [1, -1], "max"), [[0.25, 1 / 3], [0.5, 2 / 3], [1, 0]]
    )


def test_it_scores_goalposts():
    x = [[0.05], [0.1], [0.25], [0.4], [0.9]]
    # low 0.1, high 0.4: (x − 0.1) / 0.3 clipped → 0, 0, ½, 1, 1; cost → 1, 1, ½, 0, 0
    goal = {"low": 0.1, "high": 0.4}
    np.testing.assert_allclose(
        engine.normalize(x, [1], "goalpost", params=goal).ravel(), [0, 0, 0.5, 1, 1]
    )
    np.testing.assert_allclose(
        engine.normalize(x, [-1], "goalpost", params=[goal]).ravel(), [1, 1, 0.5, 0, 0]
    )


def test_it_scores_against_a_reference_capped():
    x = [[0.0], [450.0], [900.0], [1800.0]]
    # reference 900: 0, ½, 1, 2 → capped at 1; with cap 1.5 → 1.5
    np.testing.assert_allclose(
        engine.normalize(x, [1], "reference", params={"reference": 900}).ravel(), [0, 0.5, 1, 1]
    )
    np.testing.assert_allclose(
        engine.normalize(x, [1], "reference", params={"reference": 900, "cap": 1.5}).ravel(),
        [0, 0.5, 1, 1.5],
    )
    # cost: reference / x capped (x ≤ 0 counts as the best): cap, 2 → 1, 1, ½
    np.testing.assert_allclose(
        engine.normalize(x, [-1], "reference", params={"reference": 900}).ravel(), [1, 1, 1, 0.5]
    )


def test_it_scores_bands_with_inclusive_lower_bounds():
    bands = {"bands": [[0, 0], [5, 4], [10, 7], [20, 10]]}
    x = [[-1], [0], [4.9], [5], [19.99], [20], [100]]
    # points 0 (below all), 0, 0, 4, 7, 10, 10 → / 10
    np.testing.assert_allclose(
        engine.normalize(x, [1], "bands", params=bands).ravel(), [0, 0, 0, 0.4, 0.7, 1, 1]
    )


def test_it_scores_cost_bands_as_upper_bounds():
    # cost: the band with the lowest upper bound ≥ x: ≤ 1 day → 10, ≤ 3 → 6, ≤ 7 → 2, above → 0
    bands = {"bands": [[1, 10], [3, 6], [7, 2]]}
    x = [[0], [1], [2], [3], [7], [8]]
    np.testing.assert_allclose(
        engine.normalize(x, [-1], "bands", params=bands).ravel(), [1, 1, 0.6, 0.6, 0.2, 0]
    )


def test_it_passes_already_normalised_values_through():
    np.testing.assert_allclose(
        engine.normalize([[0.2, 0.2], [1, 0]], [1, -1], "none"), [[0.2, 0.8], [1, 1]]
    )
    with pytest.raises(ValueError, match="outside"):
        engine.normalize([[1.2]], [1], "none")


def test_it_accepts_one_method_per_column():
    out = engine.normalize(X3, [1, 1], ["minmax", "max"])
    np.testing.assert_allclose(out, [[0, 4 / 6], [1 / 3, 2 / 6], [1, 1]])


@pytest.mark.parametrize(
    ("method", "X"),
    [
        ("minmax", [[1.0], [1.0]]),
        ("zscore", [[2.0], [2.0]]),
        ("vector", [[0.0], [0.0]]),
        ("sum", [[0.0], [0.0]]),
        ("max", [[0.0], [0.0]]),
    ],
)
def test_it_refuses_columns_the_method_cannot_scale(method, X):
    with pytest.raises(ValueError, match="column 0"):
        engine.normalize(X, [1], method)


def test_it_refuses_negative_values_for_sum_and_max():
    for method in ("sum", "max"):
        with pytest.raises(ValueError, match="negative"):
            engine.normalize([[-1.0], [2.0]], [1], method)


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("goalpost", {"low": 1}),
        ("goalpost", {"low": 2, "high": 2}),
        ("reference", {"reference": 0}),
        ("reference", None),
        ("bands", {"bands": []}),
        ("bands", {"bands": [[0, 0], [0, 5]]}),
        ("bands", {"bands": [[0, 0]]}),
        ("bands", {"bands": "many"}),
    ],
)
def test_it_refuses_bad_params(method, params):
    with pytest.raises(ValueError):
        engine.normalize([[1.0]], [1], method, params=params)


def test_it_refuses_unknown_methods_and_params_of_the_wrong_length():
    with pytest.raises(ValueError, match="unknown"):
        engine.normalize(X3, [1, 1], "softmax")
    with pytest.raises(ValueError, match="one per column"):
        engine.normalize(X3, [1, 1], "goalpost", params=[{"low": 0, "high": 1}])


# --- aggregation ---------------------------------------------------------------------------------


def test_it_sums_with_weights():
    np.testing.assert_allclose(engine.weighted_sum([[1, 0], [0.5, 0.5]], [0.25, 0.75]), [0.25, 0.5])


def test_it_takes_weighted_geometric_means():
    # (0.25^½ · 1^½) = 0.5; (0.81^0.5 · 0.01^0.5) = 0.09
    g = engine.geometric([[0.25, 1.0], [0.81, 0.01]], [0.5, 0.5])
    np.testing.assert_allclose(g, [0.5, 0.09])


def test_it_refuses_zeros_in_a_geometric_mean_naming_the_column():
    with pytest.raises(ValueError, match="column 1"):
        engine.geometric([[0.5, 0.0]], [0.5, 0.5])


def test_it_accepts_zeros_in_a_geometric_mean_with_a_shift():
    # shift 1: √(1 · 2) − 1 = 0.41421
    np.testing.assert_allclose(
        engine.geometric([[0.0, 1.0]], [0.5, 0.5], shift=1.0), [np.sqrt(2) - 1]
    )


def test_it_ignores_zero_weighted_columns_in_a_geometric_mean():
    np.testing.assert_allclose(engine.geometric([[0.0, 0.36]], [0.0, 1.0]), [0.36])


def test_it_ranks_with_min_ties():
    assert engine.rank([3.0, 5.0, 5.0, 1.0]).tolist() == [3, 1, 1, 4]
    assert engine.rank([3.0, 5.0, 5.0, 1.0], descending=False).tolist() == [2, 3, 3, 1]
    assert engine.rank([]).tolist() == []
    with pytest.raises(ValueError):
        engine.rank([1.0, np.nan])


def test_it_refuses_topsis_when_every_weighted_criterion_is_constant():
    with pytest.raises(ValueError, match="constant"):
        engine.topsis([[1, 5], [1, 6]], [1.0, 0.0], [1, 1])


# --- weights -------------------------------------------------------------------------------------


def test_it_gives_equal_critic_weights_to_mirror_criteria():
    # two criteria, r = −1: C_j = σ_j · (0 + 2); equal σ after min-max → ½, ½
    np.testing.assert_allclose(
        engine.critic_weights([[0, 1], [1, 0], [0.5, 0.5]], [1, 1]), [0.5, 0.5]
    )


def test_it_refuses_constant_columns_for_objective_weights():
    for fn in (engine.entropy_weights, engine.critic_weights):
        with pytest.raises(ValueError, match="column 1 is constant"):
            fn([[1, 2], [2, 2], [3, 2]], [1, 1])


def test_it_gives_a_consistent_ahp_matrix_cr_zero():
    # a_ij = w_i / w_j for w = (4, 2, 1)/7 is perfectly consistent: λmax = n, CR = 0
    w = np.array([4, 2, 1]) / 7
    weights, cr = engine.ahp_weights(w[:, None] / w[None, :])
    np.testing.assert_allclose(weights, w)
    assert cr == pytest.approx(0, abs=1e-12)


def test_it_reports_zero_cr_for_two_criteria():
    weights, cr = engine.ahp_weights([[1, 3], [1 / 3, 1]])
    np.testing.assert_allclose(weights, [0.75, 0.25])
    assert cr == 0.0
    assert engine.ahp_weights([[1]]) == (pytest.approx([1.0]), 0.0)


def test_it_finds_the_most_inconsistent_judgement():
    # consistent w = (16, 8, 4, 2, 1) except a_13 = 1/4 instead of 4 (with n = 3 every judgement
    # of the cycle deviates equally, so the test needs n > 3)
    w = np.array([16, 8, 4, 2, 1]) / 31
    A = w[:, None] / w[None, :]
    A[0, 2], A[2, 0] = 1 / 4, 4
    assert engine.ahp_most_inconsistent(A) == (0, 2)


@pytest.mark.parametrize(
    "A",
    [
        [[1, 2]],
        [[1, 2], [2, 1]],
        [[1, -2], [-0.5, 1]],
        [[1, 0], [0, 1]],
        np.ones((16, 16)),
    ],
)
def test_it_refuses_bad_pairwise_matrices(A):
    with pytest.raises(ValueError):
        engine.ahp_weights(A)


def test_it_knows_saatys_random_indices():
    assert engine.SAATY_RI[3] == 0.58 and engine.SAATY_RI[9] == 1.45 and engine.SAATY_RI[15] == 1.59
    assert len(engine.SAATY_RI) == 15


# --- missing values and outliers -----------------------------------------------------------------

XM = np.array([[1.0, np.nan], [3.0, 4.0], [np.nan, 8.0], [8.0, 9.0]])


def test_it_imputes_means_medians_and_zeros_and_flags_them():
    filled, mask = engine.impute(XM, "mean")
    # column means 4, 7
    np.testing.assert_allclose(filled, [[1, 7], [3, 4], [4, 8], [8, 9]])
    assert mask.tolist() == [[False, True], [False, False], [True, False], [False, False]]
    np.testing.assert_allclose(engine.impute(XM, "median")[0], [[1, 8], [3, 4], [3, 8], [8, 9]])
    np.testing.assert_allclose(engine.impute(XM, "zero")[0], [[1, 0], [3, 4], [0, 8], [8, 9]])
    assert np.isnan(XM[0, 1])  # untouched


def test_it_refuses_missing_values_naming_row_and_column():
    with pytest.raises(ValueError, match="row 0, column 1"):
        engine.impute(XM, "refuse")
    with pytest.raises(ValueError, match="column 0 has no observed value"):
        engine.impute([[np.nan], [np.nan]], "mean")
    with pytest.raises(ValueError, match="unknown"):
        engine.impute(XM, "guess")


def test_it_winsorises_a_skewed_column_like_coinr():
    # COINr's treat vignette: x = 1..10 plus outliers 30 and 100 (skew 3.0, kurtosis 9.6).
    # Winsorising 100 → 30 leaves skew 1.85 < 2: one point.
    x = np.r_[np.arange(1.0, 11.0), 30.0, 100.0]
    X = np.column_stack([x, np.arange(12.0)])
    treated, report = engine.treat_outliers(X)
    assert report == {0: 1}
    assert treated[-1, 0] == 30.0 and treated[-2, 0] == 30.0
    np.testing.assert_array_equal(treated[:, 1], X[:, 1])
    assert X[-1, 0] == 100.0  # untouched


def test_it_stops_winsorising_at_winmax():
    x = np.r_[np.zeros(20), 1.0, 2.0, 4.0, 8.0, 16.0, 1000.0]
    # step 1: 1000 → 16 (1 point); still failing, step 2: both 16s → 8 (2 points) = winmax
    treated, report = engine.treat_outliers(x[:, None], winmax=2)
    assert report == {0: 2}
    assert treated[-3:, 0].tolist() == [8.0, 8.0, 8.0]


# --- grading -------------------------------------------------------------------------------------


def test_it_grades_by_bands():
    bands = [(90, "优秀"), (65, "良好"), (60, "基本合格"), (-np.inf, "不合格")]
    got = engine.grade_bands([95, 90, 89.99, 60, 12], bands)
    assert got.tolist() == ["优秀", "优秀", "良好", "基本合格", "不合格"]


def test_it_refuses_scores_below_every_band_and_unordered_bands():
    with pytest.raises(ValueError, match="below the lowest band"):
        engine.grade_bands([50], [(60, "合格")])
    with pytest.raises(ValueError, match="decreasing"):
        engine.grade_bands([50], [(0, "a"), (60, "b")])


def test_it_caps_grades_by_quota():
    # 10 entities, 优秀 ≤ 20 % → 2, 优秀 + 良好 ≤ 50 % → 5
    scores = np.arange(100.0, 90.0, -1)
    got = engine.grade_quota(scores, [("优秀", 0.2), ("良好", 0.5)], fallback="合格")
    assert got.tolist() == ["优秀"] * 2 + ["良好"] * 3 + ["合格"] * 5


def test_it_gives_tied_entities_at_the_quota_edge_the_lower_grade():
    # 优秀 ≤ 20 % of 10 = 2; ranks 1, 2, 2, 4 …: the tie at ranks 2–3 would make 3 优秀,
    # so both tied entities get 良好 and only one entity is 优秀.
    scores = [99, 95, 95, 90, 80, 70, 60, 50, 40, 30]
    got = engine.grade_quota(scores, [("优秀", 0.2), ("良好", 0.5)], fallback="合格")
    assert got.tolist() == ["优秀", "良好", "良好", "良好", "良好"] + ["合格"] * 5


def test_it_applies_score_floors_under_the_quota():
    scores = [95, 85, 80, 70]
    got = engine.grade_quota(
        scores, [("优秀", 0.5), ("良好", 1.0)], floors={"优秀": 90, "良好": 75}, fallback="合格"
    )
    assert got.tolist() == ["优秀", "良好", "良好", "合格"]


def test_it_refuses_bad_quotas():
    with pytest.raises(ValueError):
        engine.grade_quota([1, 2], [("优秀", 1.5)], fallback="x")
    with pytest.raises(ValueError, match="floors"):
        engine.grade_quota([1, 2], [("优秀", 0.5)], floors={"良好": 1}, fallback="x")
