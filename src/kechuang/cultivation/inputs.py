"""From registry records to rule inputs (CONTRACTS.md §1 field names), and which data is missing.

Works on any objects with AnnualData's attribute names, so it is tested without a database. Decimal
figures become floats here: the rules are pure Python over floats.

Timing convention: the diagnosis "for year Y" uses the figures of statistical year Y (and Y−1, Y−2 for
the high-tech three-year sums), i.e. what the enterprise would declare when applying in Y+1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

# AnnualData fields each rule needs, in the order a form shows them.
TECH_SME_FIELDS = (
    "employees",
    "st_staff",
    "sales_revenue_wan",
    "total_assets_wan",
    "cost_expense_total_wan",
    "rd_expense_wan",
    "class1_ip",
    "class2_ip",
)
HIGH_TECH_LATEST_FIELDS = (
    "employees",
    "st_staff",
    "sales_revenue_wan",
    "rd_expense_wan",
    "rd_expense_in_china_wan",
    "high_tech_income_wan",
    "total_income_wan",
    "class1_ip",
    "class2_ip",
)
HIGH_TECH_YEARLY_FIELDS = ("sales_revenue_wan", "rd_expense_wan", "rd_expense_in_china_wan")

# Day of the (assumed) application in the year after the data year, for the registration-age check.
APPLICATION_MONTH_DAY = (6, 30)


def application_day(year: int) -> date:
    return date(year + 1, *APPLICATION_MONTH_DAY)


@dataclass
class Prepared:
    """A rule input, or the names of the fields that keep it from being built."""

    data: dict[str, Any] | None
    missing: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)


def _num(value) -> float:
    return float(value)


def _missing(row, names) -> list[str]:
    return [name for name in names if getattr(row, name, None) is None]


def tech_sme_input(row, *, holds_high_tech: bool = False) -> Prepared:
    """The tech-SME input from one year's figures; `holds_high_tech` is the 有效高企 direct route."""
    if row is None:
        return Prepared(None, list(TECH_SME_FIELDS))
    missing = _missing(row, TECH_SME_FIELDS)
    if missing:
        return Prepared(None, missing, [row.year])
    data = {
        "employees": int(row.employees),
        "st_staff": int(row.st_staff),
        "sales_revenue_wan": _num(row.sales_revenue_wan),
        "total_assets_wan": _num(row.total_assets_wan),
        "cost_expense_total_wan": _num(row.cost_expense_total_wan),
        "rd_expense_wan": _num(row.rd_expense_wan),
        "class1_ip": int(row.class1_ip),
        "class2_ip": int(row.class2_ip),
        "valid_high_tech": holds_high_tech,
    }
    return Prepared(data, [], [row.year])


def high_tech_input(
    rows_by_year: dict[int, Any],
    year: int,
    *,
    established_on: date | None,
    tech_field: str,
    max_years: int = 3,
) -> Prepared:
    """The high-tech input for data year `year`: that year's figures plus up to two earlier
    consecutive years whose sales and R&D are all filled in."""
    latest = rows_by_year.get(year)
    missing = (
        list(HIGH_TECH_LATEST_FIELDS)
        if latest is None
        else _missing(latest, HIGH_TECH_LATEST_FIELDS)
    )
    if established_on is None:
        missing.append("established_on")
    if missing:
        return Prepared(None, missing, [year] if latest is not None else [])
    years = [year]
    for earlier in range(year - 1, year - max_years, -1):
        row = rows_by_year.get(earlier)
        if row is None or _missing(row, HIGH_TECH_YEARLY_FIELDS):
            break
        years.insert(0, earlier)
    rows = [rows_by_year[y] for y in years]
    data: dict[str, Any] = {
        "registered_days": (application_day(year) - established_on).days,
        "owns_core_ip": (latest.class1_ip or 0) + (latest.class2_ip or 0) > 0,
        "field_in_catalog": bool(tech_field),
        "employees": int(latest.employees),
        "st_staff": int(latest.st_staff),
        "sales_revenue_wan": [_num(r.sales_revenue_wan) for r in rows],
        "rd_expense_wan": [_num(r.rd_expense_wan) for r in rows],
        "rd_expense_in_china_wan": [_num(r.rd_expense_in_china_wan) for r in rows],
        "high_tech_income_wan": _num(latest.high_tech_income_wan),
        "total_income_wan": _num(latest.total_income_wan),
    }
    net = [r.net_assets_wan for r in rows]
    if len(net) >= 2 and all(v is not None for v in net):
        data["net_assets_wan"] = [_num(v) for v in net]
    return Prepared(data, [], years)
