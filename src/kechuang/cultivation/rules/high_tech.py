"""高新技术企业认定条件 (DOMAIN.md §1; CONTRACTS.md §1.2)."""

from __future__ import annotations

import math
from typing import Any

from ._format import num, pct
from .thresholds import EPS, HIGH_TECH, HighTechRules, pick_band
from .validation import validate_high_tech

CONDITION_CODES = (
    "registration_age",
    "core_ip",
    "field",
    "st_staff_ratio",
    "rd_ratio",
    "rd_in_china",
    "high_tech_income_ratio",
    "innovation_score",
    "compliance",
)

_YEARS_CN = {1: "一", 2: "两", 3: "三"}


def _ceil_01(value: float) -> float:
    """Round up to 0.1 万元 so that spending the gap really closes it."""
    return math.ceil(round(value * 10, 6)) / 10


def rd_ratio_required(latest_sales_wan: float, rules: HighTechRules = HIGH_TECH) -> float:
    """The R&D-intensity threshold for the latest year's sales revenue."""
    for upper, ratio in rules.rd_ratio_bands:
        if upper is None or latest_sales_wan <= upper:
            return ratio
    return rules.rd_ratio_bands[-1][1]


def growth_rate(values: list[float] | None) -> float | None:
    """工作指引 growth rate over up to three year-end values (oldest first).

    Two years: year 2 ÷ year 1 − 1. Three years: ½ × (y2/y1 + y3/y2) − 1, except that a zero
    year-1 value uses y3/y2 − 1. A zero divisor otherwise gives None (scores 0). Fewer than two
    values: None.
    """
    if not values or len(values) < 2:
        return None
    if len(values) == 2:
        y1, y2 = values
        return y2 / y1 - 1 if y1 != 0 else None
    y1, y2, y3 = values[-3:]
    if y2 == 0:
        return None
    if y1 == 0:
        return y3 / y2 - 1
    return (y2 / y1 + y3 / y2) / 2 - 1


def growth_band(rate: float | None, rules: HighTechRules = HIGH_TECH) -> str:
    """The A–F band of a growth rate; no rate (edge cases) and rate ≤ 0 are F."""
    if rate is None:
        return "F"
    band = pick_band(rules.growth_bands, rate)
    return band.label if band else "F"


def _ratio_condition(
    code: str,
    numerator: float,
    denominator: float,
    required: float,
    *,
    gap: float | None,
    label: str,
    zero_message: str,
    years: str = "",
) -> dict[str, Any]:
    """A ratio condition; ``gap`` is the extra 万元 that would make it pass."""
    if denominator <= 0:
        return {
            "code": code,
            "passed": False,
            "actual": None,
            "required": required,
            "gap_wan": None,
            "message": zero_message.format(years=years),
        }
    ratio = numerator / denominator
    cond: dict[str, Any] = {
        "code": code,
        "passed": ratio + EPS >= required,
        "actual": round(ratio, 4),
        "required": required,
    }
    if not cond["passed"]:
        gap_wan = _ceil_01(gap) if gap is not None else None
        cond["gap_wan"] = gap_wan
        cond["message"] = label.format(
            years=years, actual=pct(ratio), required=pct(required), gap=num(gap_wan)
        )
    return cond


def evaluate_high_tech(data: dict[str, Any], rules: HighTechRules = HIGH_TECH) -> dict[str, Any]:
    """Check one enterprise against the nine high-tech conditions, with gaps and growth.

    Raises ``ValidationError`` on missing or wrongly typed fields.
    """
    d = validate_high_tech(data, rules.max_years)
    conditions: list[dict[str, Any]] = []

    days = d["registered_days"]
    cond = {
        "code": "registration_age",
        "passed": days >= rules.min_registered_days,
        "actual": days,
        "required": rules.min_registered_days,
    }
    if not cond["passed"]:
        cond["message"] = f"注册成立 {days} 天，不足 {rules.min_registered_days} 天（一年）"
    conditions.append(cond)

    for code, field, message in (
        ("core_ip", "owns_core_ip", "未拥有对主要产品（服务）发挥核心支持作用的知识产权"),
        ("field", "field_in_catalog", "核心技术不属于《国家重点支持的高新技术领域》"),
    ):
        cond = {"code": code, "passed": d[field], "actual": d[field], "required": True}
        if not d[field]:
            cond["message"] = message
        conditions.append(cond)

    employees, st_staff = d["employees"], d["st_staff"]
    st_req = rules.min_st_staff_ratio
    if employees <= 0:
        conditions.append(
            {
                "code": "st_staff_ratio",
                "passed": False,
                "actual": None,
                "required": st_req,
                "message": "职工总数为 0，无法计算科技人员占比",
            }
        )
    else:
        ratio = st_staff / employees
        cond = {
            "code": "st_staff_ratio",
            "passed": ratio + EPS >= st_req,
            "actual": round(ratio, 4),
            "required": st_req,
        }
        if not cond["passed"]:
            # Extra S&T staff x (also added to the total): (s + x) / (e + x) ≥ r.
            need = math.ceil(round((st_req * employees - st_staff) / (1 - st_req), 6))
            cond["message"] = (
                f"科技人员 {st_staff} 人，占职工总数 {pct(ratio)}，低于 {pct(st_req)}；"
                f"需再增加 {need} 名科技人员"
            )
        conditions.append(cond)

    sales, rd, rd_cn = d["sales_revenue_wan"], d["rd_expense_wan"], d["rd_expense_in_china_wan"]
    years = _YEARS_CN.get(len(sales), str(len(sales)))
    sum_sales, sum_rd, sum_cn = sum(sales), sum(rd), sum(rd_cn)
    rd_req = rd_ratio_required(sales[-1], rules)
    conditions.append(
        _ratio_condition(
            "rd_ratio",
            sum_rd,
            sum_sales,
            rd_req,
            gap=rd_req * sum_sales - sum_rd,
            label="近{years}年研发费用占销售收入 {actual}，低于 {required}；需再投入 {gap} 万元",
            zero_message="近{years}年销售收入合计为 0，无法计算研发费用占比",
            years=years,
        )
    )
    cn_req = rules.min_rd_in_china_ratio
    conditions.append(
        _ratio_condition(
            "rd_in_china",
            sum_cn,
            sum_rd,
            cn_req,
            # Extra R&D spent in China raises both the numerator and the total.
            gap=(cn_req * sum_rd - sum_cn) / (1 - cn_req),
            label="近{years}年境内研发费用占全部研发费用 {actual}，低于 {required}；"
            "需再增加境内研发投入 {gap} 万元",
            zero_message="近{years}年研发费用合计为 0，无法计算境内研发费用占比",
            years=years,
        )
    )
    ht_req = rules.min_high_tech_income_ratio
    ht, total = d["high_tech_income_wan"], d["total_income_wan"]
    conditions.append(
        _ratio_condition(
            "high_tech_income_ratio",
            ht,
            total,
            ht_req,
            # Extra high-tech income raises both the numerator and total income.
            gap=(ht_req * total - ht) / (1 - ht_req),
            label="近一年高新技术产品（服务）收入占总收入 {actual}，低于 {required}；"
            "需再增加高新技术产品（服务）收入 {gap} 万元",
            zero_message="近一年总收入为 0，无法计算高新技术产品（服务）收入占比",
        )
    )

    score = d["innovation_score"]
    score_req = rules.min_innovation_score
    cond = {
        "code": "innovation_score",
        "passed": None if score is None else score >= score_req,
        "actual": score,
        "required": score_req,
    }
    if score is None:
        cond["message"] = f"创新能力评价尚未评分（须达到 {score_req} 分及以上）"
    elif not cond["passed"]:
        cond["message"] = f"创新能力评价 {score} 分，低于 {score_req} 分"
    conditions.append(cond)

    incident = d["major_incident_last_year"]
    cond = {"code": "compliance", "passed": not incident, "actual": incident, "required": False}
    if incident:
        cond["message"] = "申请认定前一年内发生重大安全、重大质量事故或严重环境违法行为"
    conditions.append(cond)

    results = [c["passed"] for c in conditions]
    if False in results:
        eligible: bool | None = False
    elif None in results:
        eligible = None
    else:
        eligible = True

    out: dict[str, Any] = {
        "eligible": eligible,
        "rd_ratio_required": rd_req,
        "conditions": conditions,
    }
    if len(sales) >= 2:
        net_rate = growth_rate(d["net_assets_wan"])
        sales_rate = growth_rate(sales)
        has_net = bool(d["net_assets_wan"]) and len(d["net_assets_wan"]) >= 2
        out["growth"] = {
            "net_assets_growth": None if net_rate is None else round(net_rate, 4),
            "net_assets_band": growth_band(net_rate, rules) if has_net else None,
            "sales_growth": None if sales_rate is None else round(sales_rate, 4),
            "sales_band": growth_band(sales_rate, rules),
        }
    out["policy_version"] = rules.policy_version
    return out
