"""Rule inputs from registry rows (no database: plain objects with AnnualData's attribute names)."""

from datetime import date
from types import SimpleNamespace

from kechuang.cultivation.inputs import high_tech_input, tech_sme_input
from kechuang.cultivation.rules import evaluate_high_tech, evaluate_tech_sme

FULL = dict(
    employees=100,
    st_staff=20,
    sales_revenue_wan=8000,
    total_income_wan=8400,
    total_assets_wan=9000,
    net_assets_wan=5000,
    cost_expense_total_wan=7000,
    rd_expense_wan=400,
    rd_expense_in_china_wan=400,
    high_tech_income_wan=6000,
    class1_ip=2,
    class2_ip=3,
)


def row(year, **overrides):
    return SimpleNamespace(year=year, **{**FULL, **overrides})


def test_it_builds_a_tech_sme_input_the_rules_accept():
    prepared = tech_sme_input(row(2025), holds_high_tech=True)
    assert prepared.missing == []
    assert prepared.data["valid_high_tech"] is True
    assert evaluate_tech_sme(prepared.data)["eligible"] is True


def test_it_names_missing_tech_sme_fields():
    prepared = tech_sme_input(row(2025, st_staff=None, class2_ip=None))
    assert prepared.data is None
    assert prepared.missing == ["st_staff", "class2_ip"]


def test_it_sums_three_consecutive_years_for_high_tech():
    rows = {y: row(y, sales_revenue_wan=1000 * (y - 2020)) for y in (2023, 2024, 2025)}
    prepared = high_tech_input(rows, 2025, established_on=date(2015, 1, 1), tech_field="materials")
    assert prepared.years == [2023, 2024, 2025]
    assert prepared.data["sales_revenue_wan"] == [3000.0, 4000.0, 5000.0]
    assert prepared.data["net_assets_wan"] == [5000.0, 5000.0, 5000.0]
    assert evaluate_high_tech(prepared.data)["conditions"][0]["passed"] is True


def test_it_stops_at_a_gap_or_an_incomplete_earlier_year():
    rows = {2023: row(2023), 2024: row(2024, rd_expense_wan=None), 2025: row(2025)}
    prepared = high_tech_input(rows, 2025, established_on=date(2015, 1, 1), tech_field="x")
    assert prepared.years == [2025]
    assert "net_assets_wan" not in prepared.data  # growth needs two years


def test_it_counts_registration_days_to_the_application_in_the_next_year():
    rows = {2025: row(2025)}
    prepared = high_tech_input(rows, 2025, established_on=date(2025, 6, 30), tech_field="x")
    assert prepared.data["registered_days"] == 365  # to 2026-06-30


def test_it_needs_the_latest_year_and_the_founding_date():
    prepared = high_tech_input({2024: row(2024)}, 2025, established_on=None, tech_field="x")
    assert prepared.data is None
    assert "sales_revenue_wan" in prepared.missing
    assert "established_on" in prepared.missing


def test_core_ip_and_field_come_from_the_registry():
    rows = {2025: row(2025, class1_ip=0, class2_ip=0)}
    prepared = high_tech_input(rows, 2025, established_on=date(2015, 1, 1), tech_field="")
    assert prepared.data["owns_core_ip"] is False
    assert prepared.data["field_in_catalog"] is False
