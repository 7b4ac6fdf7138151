"""What the enterprise page shows: annual data with charts, qualification timeline, tiers,
and the records of other registries that belong to the enterprise's organisation."""

from datetime import date

from .choices import QualificationKind, Tier
from .tiers import tier_of

FIRST_YEAR = 2016

# Related registries shown on the enterprise page when those apps are installed:
# (related manager on Org, tab title).
RELATED = (
    ("hosted_platforms", "依托平台"),
    ("achievements", "科技成果"),
    ("contracts_as_seller", "技术合同（卖方，输出）"),
    ("contracts_as_buyer", "技术合同（买方，吸纳）"),
)


def enterprise_page_context(enterprise, user) -> dict:
    annual = list(enterprise.annual_data.order_by("year"))
    quals = list(enterprise.qualifications.order_by("issued_on"))
    this_year = date.today().year
    first = min([FIRST_YEAR, *(a.year for a in annual)])
    tiers = [
        {"year": y, "tier": Tier(tier_of(quals, y)).label} for y in range(first, this_year + 1)
    ]
    related = []
    for name, title in RELATED:
        manager = getattr(enterprise.org, name, None)
        if manager is not None and hasattr(manager.model.objects, "restrict"):
            rows = manager.model.objects.restrict(user).filter(pk__in=manager.values("pk"))
            related.append({"title": title, "rows": list(rows[:50])})
    return {
        "annual": annual,
        "qualifications": quals,
        "tiers": tiers,
        "related": related,
        "annual_chart": annual_chart(annual) if annual else None,
        "qualification_chart": qualification_chart(quals) if quals else None,
    }


def annual_chart(annual) -> dict:
    years = [str(a.year) for a in annual]
    intensity = [
        None if a.rd_intensity is None else round(float(a.rd_intensity) * 100, 2) for a in annual
    ]
    return {
        "title": {"text": "销售收入与研发投入", "left": "left", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis"},
        "legend": {
            "top": 0,
            "right": 0,
            "data": ["销售收入（万元）", "研发费用（万元）", "研发强度（%）"],
        },
        "grid": {"left": 60, "right": 60, "top": 50, "bottom": 30},
        "xAxis": {"type": "category", "data": years},
        "yAxis": [{"type": "value", "name": "万元"}, {"type": "value", "name": "%"}],
        "series": [
            {
                "name": "销售收入（万元）",
                "type": "bar",
                "data": [float(a.sales_revenue_wan or 0) for a in annual],
            },
            {
                "name": "研发费用（万元）",
                "type": "bar",
                "data": [float(a.rd_expense_wan or 0) for a in annual],
            },
            {"name": "研发强度（%）", "type": "line", "yAxisIndex": 1, "data": intensity},
        ],
    }


def qualification_chart(quals) -> dict:
    """A timeline: one bar per qualification from its issue date to its end of validity."""
    labels = [f"{q.get_kind_display()} {q.year}" for q in quals]
    colours = {
        QualificationKind.TECH_SME: "#66a3ff",
        QualificationKind.HIGH_TECH: "#2fb344",
        QualificationKind.SHUANGBAI: "#f76707",
        QualificationKind.CHUYING: "#f59f00",
    }
    data = []
    for i, q in enumerate(quals):
        end = q.revoked_on or q.valid_until
        data.append(
            {
                "name": labels[i],
                "value": [i, q.issued_on.isoformat(), end.isoformat()],
                "itemStyle": {"color": colours.get(q.kind, "#ae3ec9")},
            }
        )
    return {
        "title": {"text": "资质时间轴", "left": "left", "textStyle": {"fontSize": 14}},
        "tooltip": {},
        "grid": {"left": 170, "right": 30, "top": 40, "bottom": 30},
        "dataZoom": [{"type": "inside", "xAxisIndex": 0}],
        "xAxis": {"type": "time"},
        "yAxis": {
            "type": "category",
            "data": labels,
            "inverse": True,
            "axisLabel": {"interval": 0},
        },
        "series": [
            {
                "type": "custom",
                "renderItem": "timelineBar",
                "encode": {"x": [1, 2], "y": 0},
                "data": data,
            }
        ],
    }
