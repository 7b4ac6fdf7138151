import django_tables2 as tables
from django.utils.html import format_html

from kechuang.core.tables import BaseTable

from .choices import PlatformStatus, ReportStatus
from .models import Platform, PlatformReport

PLATFORM_STATUS_COLOURS = {
    PlatformStatus.OPERATING: "green",
    PlatformStatus.WARNING: "yellow",
    PlatformStatus.RECTIFYING: "orange",
    PlatformStatus.REVOKED: "red",
}
REPORT_STATUS_COLOURS = {
    ReportStatus.DRAFT: "secondary",
    ReportStatus.SUBMITTED: "blue",
    ReportStatus.RETURNED: "red",
    ReportStatus.APPROVED: "green",
}


def status_tag(value: str, label: str, colours: dict) -> str:
    """A coloured tag that also carries the word (never colour alone)."""
    return format_html(
        '<span class="badge bg-{}-lt">{}</span>', colours.get(value, "secondary"), label
    )


class PlatformTable(BaseTable):
    name = tables.Column(linkify=True)
    host = tables.Column(linkify=True)
    county = tables.Column(
        accessor="region__county",
        verbose_name="县（市、区）",
        order_by=("region__path",),
        linkify=True,
    )
    status = tables.Column()

    class Meta(BaseTable.Meta):
        model = Platform
        fields = (
            "pk",
            "name",
            "code",
            "kind",
            "level",
            "host",
            "county",
            "industry",
            "approved_on",
            "status",
            "status_since",
            "actions",
        )

    def render_status(self, record, value):
        return status_tag(record.status, value, PLATFORM_STATUS_COLOURS)

    def value_status(self, value):
        return value


class PlatformReportTable(BaseTable):
    title = tables.Column(
        empty_values=(),
        verbose_name="年报",
        linkify=lambda record: record.get_absolute_url(),
        order_by=("platform__name", "year"),
    )
    county = tables.Column(
        accessor="platform__region__county",
        verbose_name="县（市、区）",
        order_by=("platform__region__path",),
    )
    level = tables.Column(
        accessor="platform__get_level_display",
        verbose_name="平台级别",
        order_by=("platform__level",),
    )
    status = tables.Column()

    class Meta(BaseTable.Meta):
        model = PlatformReport
        fields = (
            "pk",
            "title",
            "year",
            "county",
            "level",
            "rd_spend_wan",
            "staff",
            "researchers",
            "projects",
            "patents_granted",
            "achievements_transferred",
            "status",
            "submitted_at",
            "actions",
        )

    def render_title(self, record):
        return str(record)

    def value_title(self, record):
        return str(record)

    def render_status(self, record, value):
        return status_tag(record.status, value, REPORT_STATUS_COLOURS)

    def value_status(self, value):
        return value
