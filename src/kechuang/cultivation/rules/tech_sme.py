"""科技型中小企业评价 (DOMAIN.md §2; CONTRACTS.md §1.1)."""

from __future__ import annotations

from typing import Any

from ._format import num, pct
from .thresholds import TECH_SME, Band, TechSmeRules, pick_band
from .validation import validate_tech_sme

DIRECT_ROUTES = (
    "valid_high_tech",
    "national_award_top3_5y",
    "provincial_rd_institution",
    "led_standard_5y",
)


def _band_points(bands: tuple[Band, ...], numerator: float, denominator: float) -> int:
    """Points for numerator ÷ denominator; a zero denominator scores 0."""
    if denominator <= 0:
        return 0
    band = pick_band(bands, numerator / denominator)
    return band.points if band else 0


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator > 0 else 0.0


def evaluate_tech_sme(data: dict[str, Any], rules: TechSmeRules = TECH_SME) -> dict[str, Any]:
    """Evaluate one enterprise against the tech-SME rules.

    Raises ``ValidationError`` on missing or wrongly typed fields.
    """
    d = validate_tech_sme(data)
    st_points = _band_points(rules.st_staff_bands, d["st_staff"], d["employees"])
    rd_sales = _band_points(rules.rd_sales_bands, d["rd_expense_wan"], d["sales_revenue_wan"])
    rd_cost = _band_points(rules.rd_cost_bands, d["rd_expense_wan"], d["cost_expense_total_wan"])
    rd_basis = "sales" if rd_sales >= rd_cost else "cost_expense"
    rd_points = max(rd_sales, rd_cost)
    if d["class1_ip"] >= 1:
        ip_points = rules.class1_ip_points
    else:
        band = pick_band(rules.class2_ip_bands, d["class2_ip"])
        ip_points = band.points if band else 0
    score = st_points + rd_points + ip_points
    direct = any(d[route] for route in DIRECT_ROUTES)

    failures: list[dict[str, str]] = []

    def fail(code: str, message: str) -> None:
        failures.append({"code": code, "message": message})

    if not d["resident_in_mainland"]:
        fail("not_resident_in_mainland", "非在中国境内（不含港、澳、台地区）注册的居民企业")
    if d["employees"] > rules.max_employees:
        fail(
            "employees_over_500",
            f"职工总数 {d['employees']} 人，超过 {rules.max_employees} 人上限",
        )
    if d["sales_revenue_wan"] > rules.max_sales_revenue_wan:
        fail(
            "sales_revenue_over_20000",
            f"年销售收入 {num(d['sales_revenue_wan'])} 万元，"
            f"超过 {num(rules.max_sales_revenue_wan)} 万元上限",
        )
    if d["total_assets_wan"] > rules.max_total_assets_wan:
        fail(
            "total_assets_over_20000",
            f"资产总额 {num(d['total_assets_wan'])} 万元，"
            f"超过 {num(rules.max_total_assets_wan)} 万元上限",
        )
    if d["restricted_industry"]:
        fail("restricted_industry", "产品（服务）属于国家规定的禁止、限制和淘汰类")
    if d["integrity_problem"]:
        fail(
            "integrity_problem",
            "上一年度至当年存在重大安全、重大质量事故、严重环境违法、科研严重失信行为，"
            "或被列入经营异常名录、严重违法失信名单",
        )
    if not direct:
        if score < rules.min_score:
            fail(
                "score_below_60",
                f"评价得分 {score} 分（科技人员 {st_points} + 研发投入 {rd_points} + "
                f"科技成果 {ip_points}），低于 {rules.min_score} 分",
            )
        if st_points == 0:
            fail(
                "st_staff_score_zero",
                f"科技人员 {d['st_staff']} 人，占职工总数 "
                f"{pct(_ratio(d['st_staff'], d['employees']))}，"
                f"科技人员指标得 0 分（须不为 0 分，即占比不低于 "
                f"{pct(min(b.lower for b in rules.st_staff_bands if b.points))}）",
            )
    return {
        "eligible": not failures,
        "score": score,
        "parts": {"st_staff": st_points, "rd": rd_points, "ip": ip_points},
        "rd_basis": rd_basis,
        "direct": direct,
        "failures": failures,
        "policy_version": rules.policy_version,
    }
