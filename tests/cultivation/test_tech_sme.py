"""Tech-SME rules (DOMAIN.md §2, CONTRACTS.md §1.1): bands, bases, direct routes, failures."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kechuang.cultivation.rules import TECH_SME, ValidationError, evaluate_tech_sme


def make(**over: object) -> dict:
    """A small eligible-looking firm; override any field."""
    base = {
        "employees": 100,
        "st_staff": 30,
        "sales_revenue_wan": 1000,
        "total_assets_wan": 800,
        "cost_expense_total_wan": 900,
        "rd_expense_wan": 60,
        "class1_ip": 1,
        "class2_ip": 0,
    }
    base.update(over)
    return base


def codes(result: dict) -> list[str]:
    return [f["code"] for f in result["failures"]]


# (st_staff out of 1000 employees, points): just below, at and just above each lower bound.
ST_CASES = [
    (99, 0), (100, 4), (101, 4),
    (149, 4), (150, 8), (151, 8),
    (199, 8), (200, 12), (201, 12),
    (249, 12), (250, 16), (251, 16),
    (299, 16), (300, 20), (301, 20),
    (0, 0), (1000, 20),
]  # fmt: skip


@pytest.mark.parametrize(("st_staff", "points"), ST_CASES)
def test_st_staff_bands(st_staff: int, points: int) -> None:
    r = evaluate_tech_sme(make(employees=1000, st_staff=st_staff, total_assets_wan=100))
    assert r["parts"]["st_staff"] == points


# R&D in 万元 against sales of 1000 (cost basis made irrelevant).
RD_SALES_CASES = [
    (19.9, 0), (20, 10), (20.1, 10),
    (29.9, 10), (30, 20), (30.1, 20),
    (39.9, 20), (40, 30), (40.1, 30),
    (49.9, 30), (50, 40), (50.1, 40),
    (59.9, 40), (60, 50), (60.1, 50),
    (0, 0),
]  # fmt: skip


@pytest.mark.parametrize(("rd", "points"), RD_SALES_CASES)
def test_rd_sales_bands(rd: float, points: int) -> None:
    r = evaluate_tech_sme(make(rd_expense_wan=rd, cost_expense_total_wan=1_000_000))
    assert r["parts"]["rd"] == points
    assert r["rd_basis"] == "sales"


# R&D in 万元 against a cost-expense total of 100 (sales basis made irrelevant).
RD_COST_CASES = [
    (9.9, 0), (10, 10), (10.1, 10),
    (14.9, 10), (15, 20), (15.1, 20),
    (19.9, 20), (20, 30), (20.1, 30),
    (24.9, 30), (25, 40), (25.1, 40),
    (29.9, 40), (30, 50), (30.1, 50),
]  # fmt: skip


@pytest.mark.parametrize(("rd", "points"), RD_COST_CASES)
def test_rd_cost_bands(rd: float, points: int) -> None:
    r = evaluate_tech_sme(
        make(rd_expense_wan=rd, cost_expense_total_wan=100, sales_revenue_wan=1_000_000)
    )
    assert r["parts"]["rd"] == points
    if points:
        assert r["rd_basis"] == "cost_expense"


@pytest.mark.parametrize(
    ("class1", "class2", "points"),
    [(0, 0, 0), (0, 1, 6), (0, 2, 12), (0, 3, 18), (0, 4, 24), (0, 9, 24), (1, 0, 30), (2, 5, 30)],
)
def test_ip_bands(class1: int, class2: int, points: int) -> None:
    assert evaluate_tech_sme(make(class1_ip=class1, class2_ip=class2))["parts"]["ip"] == points


def test_better_of_two_rd_bases() -> None:
    # 3 % of sales → 20; 25 % of cost → 40: the cost basis wins.
    r = evaluate_tech_sme(
        make(rd_expense_wan=30, sales_revenue_wan=1000, cost_expense_total_wan=120)
    )
    assert (r["parts"]["rd"], r["rd_basis"]) == (40, "cost_expense")
    # 6 % of sales → 50; 10 % of cost → 10: the sales basis wins.
    r = evaluate_tech_sme(
        make(rd_expense_wan=60, sales_revenue_wan=1000, cost_expense_total_wan=600)
    )
    assert (r["parts"]["rd"], r["rd_basis"]) == (50, "sales")


def test_zero_denominators_score_zero() -> None:
    r = evaluate_tech_sme(
        make(
            employees=0, st_staff=0, sales_revenue_wan=0, cost_expense_total_wan=0, rd_expense_wan=5
        )
    )
    assert r["parts"]["st_staff"] == 0
    assert r["parts"]["rd"] == 0
    assert r["eligible"] is False


def test_contract_example_shape() -> None:
    r = evaluate_tech_sme(
        make(employees=620, st_staff=160, rd_expense_wan=50, class1_ip=0, class2_ip=3)
    )
    assert r["parts"] == {"st_staff": 16, "rd": 40, "ip": 18}
    assert r["score"] == 74
    assert r["rd_basis"] == "sales"
    assert r["direct"] is False
    assert r["eligible"] is False
    assert r["failures"] == [
        {"code": "employees_over_500", "message": "职工总数 620 人，超过 500 人上限"}
    ]
    assert r["policy_version"] == TECH_SME.policy_version
    assert set(r) >= {"eligible", "score", "parts", "rd_basis", "direct", "failures"}


def test_eligible_at_60_with_st_staff_points() -> None:
    # st 10 % → 4, rd 5 % → 40, ip 3 class II → 18 = 62 … use 2 class II → 12: 56 fails.
    r = evaluate_tech_sme(make(st_staff=10, rd_expense_wan=50, class1_ip=0, class2_ip=3))
    assert r["score"] == 62 and r["eligible"] is True and r["failures"] == []
    r = evaluate_tech_sme(make(st_staff=15, rd_expense_wan=40, class1_ip=0, class2_ip=4))
    assert r["score"] == 8 + 30 + 24 == 62 and r["eligible"] is True
    r = evaluate_tech_sme(make(st_staff=10, rd_expense_wan=40, class1_ip=0, class2_ip=4))
    assert r["score"] == 58 and r["eligible"] is False
    assert codes(r) == ["score_below_60"]
    assert "58" in r["failures"][0]["message"] and "60" in r["failures"][0]["message"]


def test_exactly_60_passes() -> None:
    r = evaluate_tech_sme(make(st_staff=20, rd_expense_wan=30, class1_ip=1))
    assert r["score"] == 12 + 20 + 30 == 62
    r = evaluate_tech_sme(make(st_staff=10, rd_expense_wan=30, class1_ip=0, class2_ip=1))
    assert r["score"] == 4 + 20 + 6 == 30
    r = evaluate_tech_sme(make(st_staff=30, rd_expense_wan=20, class1_ip=1))
    assert r["score"] == 20 + 10 + 30 == 60 and r["eligible"] is True


def test_high_score_without_st_staff_points_fails() -> None:
    r = evaluate_tech_sme(make(st_staff=9, rd_expense_wan=60, class1_ip=1))
    assert r["score"] == 80 and r["parts"]["st_staff"] == 0
    assert r["eligible"] is False
    assert codes(r) == ["st_staff_score_zero"]
    assert "9%" in r["failures"][0]["message"]


@pytest.mark.parametrize(
    "route",
    ["valid_high_tech", "national_award_top3_5y", "provincial_rd_institution", "led_standard_5y"],
)
def test_direct_routes(route: str) -> None:
    weak = make(st_staff=0, rd_expense_wan=0, class1_ip=0)
    assert evaluate_tech_sme(weak)["eligible"] is False
    r = evaluate_tech_sme({**weak, route: True})
    assert r["direct"] is True and r["eligible"] is True and r["failures"] == []
    assert r["score"] == 0
    # A direct route does not excuse the basic conditions.
    r = evaluate_tech_sme({**weak, route: True, "restricted_industry": True})
    assert r["eligible"] is False and codes(r) == ["restricted_industry"]


@pytest.mark.parametrize(
    ("over", "code", "numbers"),
    [
        ({"resident_in_mainland": False}, "not_resident_in_mainland", []),
        ({"employees": 501, "st_staff": 200}, "employees_over_500", ["501", "500"]),
        (
            {"sales_revenue_wan": 20000.5, "cost_expense_total_wan": 100},
            "sales_revenue_over_20000",
            ["20000.5", "20000"],
        ),
        ({"total_assets_wan": 30000}, "total_assets_over_20000", ["30000", "20000"]),
        ({"restricted_industry": True}, "restricted_industry", []),
        ({"integrity_problem": True}, "integrity_problem", []),
    ],
)
def test_basic_condition_failures(over: dict, code: str, numbers: list[str]) -> None:
    r = evaluate_tech_sme(make(**over))
    assert r["eligible"] is False
    assert codes(r) == [code]
    for n in numbers:
        assert n in r["failures"][0]["message"]


def test_limits_are_inclusive() -> None:
    r = evaluate_tech_sme(
        make(
            employees=500,
            st_staff=150,
            sales_revenue_wan=20000,
            total_assets_wan=20000,
            rd_expense_wan=1200,
        )
    )
    assert r["eligible"] is True


def test_every_failure_listed() -> None:
    r = evaluate_tech_sme(
        make(
            employees=600,
            st_staff=0,
            total_assets_wan=25000,
            rd_expense_wan=0,
            integrity_problem=True,
        )
    )
    assert codes(r) == [
        "employees_over_500",
        "total_assets_over_20000",
        "integrity_problem",
        "score_below_60",
        "st_staff_score_zero",
    ]


def test_validation_names_each_bad_field() -> None:
    data = make(employees="12", class2_ip=1.5, resident_in_mainland="yes", unknown_field=1)
    del data["rd_expense_wan"]
    with pytest.raises(ValidationError) as exc:
        evaluate_tech_sme(data)
    fields = [e["field"] for e in exc.value.errors]
    assert sorted(fields) == ["class2_ip", "employees", "rd_expense_wan", "resident_in_mainland"]
    assert exc.value.as_dict()["error"] == "invalid_input"


def test_bools_are_not_numbers_and_negatives_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        evaluate_tech_sme(make(employees=True, sales_revenue_wan=-1))
    assert sorted(e["field"] for e in exc.value.errors) == ["employees", "sales_revenue_wan"]
    with pytest.raises(ValidationError):
        evaluate_tech_sme([1, 2])


firm = st.fixed_dictionaries(
    {
        "employees": st.integers(0, 2000),
        "st_staff": st.integers(0, 2000),
        "sales_revenue_wan": st.floats(0, 1e6),
        "total_assets_wan": st.floats(0, 1e6),
        "cost_expense_total_wan": st.floats(0, 1e6),
        "rd_expense_wan": st.floats(0, 1e5),
        "class1_ip": st.integers(0, 5),
        "class2_ip": st.integers(0, 10),
    }
)


@given(firm)
def test_score_never_exceeds_100(data: dict) -> None:
    r = evaluate_tech_sme(data)
    assert 0 <= r["score"] <= 100
    assert r["score"] == sum(r["parts"].values())
    assert r["eligible"] == (r["failures"] == [])


@given(firm, st.floats(0, 1e5))
def test_more_rd_never_lowers_score(data: dict, extra: float) -> None:
    before = evaluate_tech_sme(data)
    after = evaluate_tech_sme({**data, "rd_expense_wan": data["rd_expense_wan"] + extra})
    assert after["score"] >= before["score"]
    assert after["parts"]["rd"] >= before["parts"]["rd"]
