"""What a platform's detail page shows besides its fields: hosts, annual reports, trend chart,
status timeline."""

from django.urls import reverse

from kechuang.core.scoping import permission_name

from .choices import ReportStatus
from .models import Platform, PlatformReport


def report_chart(reports: list[PlatformReport]) -> dict | None:
    """ECharts option: R&D spend (bars, 万元) and patents (lines, 件) by year."""
    if not reports:
        return None
    reports = sorted(reports, key=lambda r: r.year)
    return {
        "title": {"text": "研发投入与专利", "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0},
        "grid": {"left": 60, "right": 50, "top": 50, "bottom": 50},
        "xAxis": {"type": "category", "data": [f"{r.year}年" for r in reports]},
        "yAxis": [
            {"type": "value", "name": "万元"},
            {"type": "value", "name": "件", "minInterval": 1},
        ],
        "series": [
            {
                "name": "研发投入（万元）",
                "type": "bar",
                "data": [float(r.rd_spend_wan) for r in reports],
            },
            {
                "name": "专利申请数（件）",
                "type": "line",
                "yAxisIndex": 1,
                "data": [r.patents_applied for r in reports],
            },
            {
                "name": "专利授权数（件）",
                "type": "line",
                "yAxisIndex": 1,
                "data": [r.patents_granted for r in reports],
            },
        ],
    }


def platform_detail_context(platform: Platform, user) -> dict:
    reports = list(platform.reports.restrict(user, "view").order_by("year"))
    can_add_report = user.has_perm(permission_name(PlatformReport, "add"))
    next_year = max((r.year for r in reports), default=platform.approved_on.year - 1) + 1
    return {
        "co_hosts": list(platform.co_hosts.select_related("region")),
        "reports": reports,
        "can_view_reports": user.has_perm(permission_name(PlatformReport, "view")),
        "add_report_url": (
            f"{reverse('platforms:platformreport_add')}?platform={platform.pk}&year={next_year}"
            if can_add_report
            else None
        ),
        "report_chart": report_chart(reports),
        "timeline": platform.status_timeline(),
    }


# Indicators compared with the previous year on a report's page.
COMPARED_FIELDS = (
    "rd_spend_wan",
    "staff",
    "researchers",
    "projects",
    "patents_applied",
    "patents_granted",
    "achievements_transferred",
    "income_wan",
)


def report_detail_context(report: PlatformReport, user) -> dict:
    """The report next to the platform's previous-year report: values and change in percent."""
    previous = report.platform.reports.restrict(user, "view").filter(year=report.year - 1).first()
    rows = []
    for name in COMPARED_FIELDS:
        value = getattr(report, name)
        before = getattr(previous, name) if previous else None
        change = None
        if before:
            change = round((float(value) - float(before)) / float(before) * 100, 1)
        rows.append(
            {
                "label": PlatformReport._meta.get_field(name).verbose_name,
                "value": value,
                "previous": before,
                "change": change,
                "change_abs": abs(change) if change is not None else None,
            }
        )
    can_review = (
        report.status == ReportStatus.SUBMITTED
        and user.has_perm(permission_name(PlatformReport, "change"))
        and getattr(user, "scope_org_id", None) is None
    )
    return {"previous": previous, "comparison": rows, "can_review": can_review}
