"""High-tech conditions (DOMAIN.md §1, CONTRACTS.md §1.2): order, bands, gaps, growth."""

from __future__ import annotations

import pytest

from kechuang.cultivation.rules import (
    CONDITION_CODES,
    HIGH_TECH,
    ValidationError,
    evaluate_high_tech,
    growth_band,
    growth_rate,
)


def make(**over: object) -> dict:
    """A firm meeting every condition; override any field."""
    base = {
        "registered_days": 800,
        "owns_core_ip": True,
        "field_in_catalog": True,
        "employees": 100,
        "st_staff": 20,
        "sales_revenue_wan": [3000, 4000, 5000],
        "rd_expense_wan": [200, 250, 300],
        "rd_expense_in_china_wan": [200, 250, 300],
        "high_tech_income_wan": 4000,
        "total_income_wan": 5000,
        "innovation_score": 80,
    }
    base.update(over)
    return base


def cond(result: dict, code: str) -> dict:
    return next(c for c in result["conditions"] if c["code"] == code)


def test_all_pass() -> None:
    r = evaluate_high_tech(make())
    assert r["eligible"] is True
    assert [c["code"] for c in r["conditions"]] == list(CONDITION_CODES)
    assert all(c["passed"] is True for c in r["conditions"])
    assert r["policy_version"] == HIGH_TECH.policy_version


def test_nine_codes_in_order_even_when_failing() -> None:
    r = evaluate_high_tech(
        make(registered_days=10, owns_core_ip=False, st_staff=0, innovation_score=None)
    )
    assert [c["code"] for c in r["conditions"]] == [
        "registration_age",
        "core_ip",
        "field",
        "st_staff_ratio",
        "rd_ratio",
        "rd_in_china",
        "high_tech_income_ratio",
        "innovation_score",
        "compliance",
    ]
    assert r["eligible"] is False
    for c in r["conditions"]:
        assert {"code", "passed", "actual", "required"} <= set(c)


@pytest.mark.parametrize(("days", "passed"), [(364, False), (365, True), (366, True)])
def test_registration_age(days: int, passed: bool) -> None:
    c = cond(evaluate_high_tech(make(registered_days=days)), "registration_age")
    assert (c["passed"], c["actual"], c["required"]) == (passed, days, 365)


@pytest.mark.parametrize(("st_staff", "passed"), [(9, False), (10, True), (11, True)])
def test_st_staff_ratio_boundary(st_staff: int, passed: bool) -> None:
    c = cond(evaluate_high_tech(make(st_staff=st_staff)), "st_staff_ratio")
    assert c["passed"] is passed and c["required"] == 0.1


@pytest.mark.parametrize(
    ("latest", "required"),
    [(4999, 0.05), (5000, 0.05), (5001, 0.04), (20000, 0.04), (20001, 0.03), (1e6, 0.03)],
)
def test_rd_band_chosen_by_latest_year_sales(latest: float, required: float) -> None:
    # Earlier years are huge: only the latest year's sales chooses the band.
    r = evaluate_high_tech(make(sales_revenue_wan=[90000, 90000, latest]))
    assert r["rd_ratio_required"] == required
    assert cond(r, "rd_ratio")["required"] == required


def test_rd_ratio_is_sum_over_sum() -> None:
    # Σ/Σ is 200 / 5100 = 3.92 %; the mean of the yearly ratios would be 18.3 %.
    r = evaluate_high_tech(
        make(sales_revenue_wan=[100, 1000, 4000], rd_expense_wan=[50, 50, 100],
             rd_expense_in_china_wan=[50, 50, 100])
    )  # fmt: skip
    c = cond(r, "rd_ratio")
    assert c["actual"] == round(200 / 5100, 4)
    assert c["passed"] is False  # 3.92 % < 5 % though the mean of yearly ratios is 18.3 %


@pytest.mark.parametrize(("rd_latest", "passed"), [(299.9, False), (300, True), (300.1, True)])
def test_rd_ratio_boundary(rd_latest: float, passed: bool) -> None:
    # Σ sales 12000, latest 5000 → 5 %: need Σ R&D ≥ 600.
    r = evaluate_high_tech(
        make(rd_expense_wan=[100, 200, rd_latest], rd_expense_in_china_wan=[100, 200, rd_latest])
    )
    assert cond(r, "rd_ratio")["passed"] is passed


def test_rd_gap_arithmetic_and_message() -> None:
    data = make(
        sales_revenue_wan=[5000, 6000, 9000],
        rd_expense_wan=[150, 200, 270],
        rd_expense_in_china_wan=[150, 200, 270],
    )
    c = cond(evaluate_high_tech(data), "rd_ratio")
    assert c["required"] == 0.04 and c["actual"] == 0.031
    assert c["gap_wan"] == pytest.approx(180.0)  # 0.04 × 20000 − 620
    assert c["message"] == "近三年研发费用占销售收入 3.1%，低于 4%；需再投入 180 万元"
    # Spending the gap (in China) makes the ratio pass, all else equal.
    fixed = {**data, "rd_expense_wan": [150, 200, 270 + c["gap_wan"]],
             "rd_expense_in_china_wan": [150, 200, 270 + c["gap_wan"]]}  # fmt: skip
    assert cond(evaluate_high_tech(fixed), "rd_ratio")["passed"] is True
    # Not spending 0.1 less.
    short = {**data, "rd_expense_wan": [150, 200, 270 + c["gap_wan"] - 0.2]}
    assert cond(evaluate_high_tech(short), "rd_ratio")["passed"] is False


def test_rd_gap_rounds_up() -> None:
    data = make(sales_revenue_wan=[1000], rd_expense_wan=[33.33], rd_expense_in_china_wan=[33.33])
    c = cond(evaluate_high_tech(data), "rd_ratio")
    assert c["gap_wan"] == 16.7  # 50 − 33.33 = 16.67 → 16.7
    assert "近一年" in c["message"]
    fixed = {**data, "rd_expense_wan": [33.33 + 16.7], "rd_expense_in_china_wan": [50.03]}
    assert cond(evaluate_high_tech(fixed), "rd_ratio")["passed"] is True


@pytest.mark.parametrize(("cn", "passed"), [(179, False), (180, True), (181, True)])
def test_rd_in_china_boundary(cn: float, passed: bool) -> None:
    r = evaluate_high_tech(make(rd_expense_wan=[100, 100, 100], rd_expense_in_china_wan=[60, 60, cn - 120],
                                sales_revenue_wan=[1000, 1000, 1000]))  # fmt: skip
    assert cond(r, "rd_in_china")["passed"] is passed


def test_rd_in_china_gap() -> None:
    data = make(rd_expense_wan=[200, 250, 300], rd_expense_in_china_wan=[100, 100, 100])
    c = cond(evaluate_high_tech(data), "rd_in_china")
    assert c["passed"] is False and c["actual"] == 0.4
    # (300 + x) / (750 + x) ≥ 0.6 → x ≥ 375.
    assert c["gap_wan"] == pytest.approx(375.0)
    g = c["gap_wan"]
    fixed = {
        **data,
        "rd_expense_wan": [200, 250, 300 + g],
        "rd_expense_in_china_wan": [100, 100, 100 + g],
    }
    assert cond(evaluate_high_tech(fixed), "rd_in_china")["passed"] is True
    assert "375" in c["message"]


def test_high_tech_income_gap() -> None:
    data = make(high_tech_income_wan=2000, total_income_wan=5000)
    c = cond(evaluate_high_tech(data), "high_tech_income_ratio")
    assert c["passed"] is False and c["actual"] == 0.4 and c["required"] == 0.6
    # (2000 + x) / (5000 + x) ≥ 0.6 → x ≥ 2500.
    assert c["gap_wan"] == pytest.approx(2500.0)
    fixed = {**data, "high_tech_income_wan": 4500, "total_income_wan": 7500}
    assert cond(evaluate_high_tech(fixed), "high_tech_income_ratio")["passed"] is True
    assert "40%" in c["message"] and "60%" in c["message"] and "2500" in c["message"]


@pytest.mark.parametrize(("ht", "passed"), [(2999, False), (3000, True), (3001, True)])
def test_high_tech_income_boundary(ht: float, passed: bool) -> None:
    c = cond(evaluate_high_tech(make(high_tech_income_wan=ht)), "high_tech_income_ratio")
    assert c["passed"] is passed


def test_zero_denominators_fail_without_error() -> None:
    r = evaluate_high_tech(
        make(employees=0, st_staff=0, sales_revenue_wan=[0], rd_expense_wan=[0],
             rd_expense_in_china_wan=[0], total_income_wan=0, high_tech_income_wan=0)
    )  # fmt: skip
    for code in ("st_staff_ratio", "rd_ratio", "rd_in_china", "high_tech_income_ratio"):
        c = cond(r, code)
        assert c["passed"] is False and c["actual"] is None and c["message"]
    assert r["eligible"] is False


@pytest.mark.parametrize(("score", "passed"), [(70, False), (71, True), (72, True)])
def test_innovation_score_boundary(score: int, passed: bool) -> None:
    assert (
        cond(evaluate_high_tech(make(innovation_score=score)), "innovation_score")["passed"]
        is passed
    )


def test_innovation_score_absent() -> None:
    data = make()
    del data["innovation_score"]
    r = evaluate_high_tech(data)
    c = cond(r, "innovation_score")
    assert c["passed"] is None and c["actual"] is None and c["required"] == 71
    assert r["eligible"] is None
    r = evaluate_high_tech({**data, "field_in_catalog": False})
    assert r["eligible"] is False


def test_compliance() -> None:
    r = evaluate_high_tech(make(major_incident_last_year=True))
    assert cond(r, "compliance")["passed"] is False and r["eligible"] is False


@pytest.mark.parametrize(
    ("rate", "band"),
    [
        (0.3499, "B"), (0.35, "A"), (0.3501, "A"),
        (0.2499, "C"), (0.25, "B"), (0.2501, "B"),
        (0.1499, "D"), (0.15, "C"), (0.1501, "C"),
        (0.0499, "E"), (0.05, "D"), (0.0501, "D"),
        (-0.0001, "F"), (0.0, "F"), (0.0001, "E"),
        (None, "F"),
    ],
)  # fmt: skip
def test_growth_bands(rate: float | None, band: str) -> None:
    assert growth_band(rate) == band


def test_growth_formulas_and_edge_cases() -> None:
    assert growth_rate([100, 120, 150]) == pytest.approx((1.2 + 1.25) / 2 - 1)
    assert growth_rate([100, 130]) == pytest.approx(0.3)  # two years: single period
    assert growth_rate([0, 100, 130]) == pytest.approx(0.3)  # year 1 zero: y3 / y2 − 1
    assert growth_rate([100, 0, 130]) is None  # year 2 zero: scores 0
    assert growth_rate([0, 100]) is None
    assert growth_rate([100]) is None  # one year: scores 0
    assert growth_rate([100, 80, 60]) < 0
    assert growth_band(growth_rate([100, 80, 60])) == "F"
    assert growth_band(growth_rate([100, 0, 130])) == "F"


def test_growth_in_result() -> None:
    r = evaluate_high_tech(
        make(sales_revenue_wan=[3000, 4000, 5000], net_assets_wan=[1000, 1100, 1300])
    )
    g = r["growth"]
    assert g["sales_growth"] == round((4000 / 3000 + 5000 / 4000) / 2 - 1, 4)
    assert g["sales_band"] == "B"  # 29.2 %
    assert g["net_assets_growth"] == round((1.1 + 1300 / 1100) / 2 - 1, 4)
    assert g["net_assets_band"] == "D"  # (1.1 + 1.1818) / 2 − 1 = 14.09 %


def test_growth_omitted_with_one_year() -> None:
    r = evaluate_high_tech(
        make(sales_revenue_wan=[5000], rd_expense_wan=[300], rd_expense_in_china_wan=[300],
             net_assets_wan=[100])
    )  # fmt: skip
    assert "growth" not in r


def test_growth_without_net_assets() -> None:
    g = evaluate_high_tech(make())["growth"]
    assert g["net_assets_growth"] is None and g["net_assets_band"] is None
    assert g["sales_band"] == "B"


def test_validation_errors() -> None:
    data = make(sales_revenue_wan=[1, 2, 3, 4], owns_core_ip=1, innovation_score=101)
    del data["total_income_wan"]
    with pytest.raises(ValidationError) as exc:
        evaluate_high_tech(data)
    assert sorted(e["field"] for e in exc.value.errors) == [
        "innovation_score",
        "owns_core_ip",
        "sales_revenue_wan",
        "total_income_wan",
    ]


def test_year_lists_must_match() -> None:
    with pytest.raises(ValidationError) as exc:
        evaluate_high_tech(make(rd_expense_wan=[1, 2]))
    assert [e["field"] for e in exc.value.errors] == ["rd_expense_wan"]


def test_unknown_fields_ignored() -> None:
    assert evaluate_high_tech(make(whatever={"x": 1}))["eligible"] is True
