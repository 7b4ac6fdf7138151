from datetime import date

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kechuang.core.tables import BaseTable

from .models import Evaluation


class EvaluationTable(BaseTable):
    enterprise = tables.Column(
        linkify=lambda record: record.get_absolute_url(), order_by=("enterprise__org__name",)
    )
    county = tables.Column(
        accessor="enterprise__org__region__county",
        verbose_name=_("县（市、区）"),
        order_by=("enterprise__org__region__path",),
    )
    tech_field = tables.Column(accessor="enterprise__tech_field", verbose_name=_("技术领域"))
    to_fix = tables.Column(
        verbose_name=_("需改进"),
        orderable=False,
        empty_values=(),
        attrs={"td": {"style": "min-width:14rem;max-width:26rem;white-space:normal"}},
    )
    tech_sme_score = tables.Column(verbose_name=_("科小评分"), attrs={"td": {"class": "text-end"}})
    tech_sme_eligible = tables.BooleanColumn(verbose_name=_("科小合格"))
    high_tech_failed = tables.Column(verbose_name=_("未满足条件"))
    high_tech_gap_wan = tables.Column(
        verbose_name=_("缺口（万元）"),
        attrs={"td": {"class": "text-end"}, "th": {"class": "text-end"}},
    )
    high_tech_until = tables.Column(verbose_name=_("高企证书有效期至"))
    actions = None

    class Meta(BaseTable.Meta):
        model = Evaluation
        fields = (
            "pk",
            "enterprise",
            "county",
            "tier",
            "tech_field",
            "tech_sme_score",
            "tech_sme_eligible",
            "high_tech_failed",
            "high_tech_gap_wan",
            "to_fix",
            "high_tech_until",
        )
        sequence = fields

    def render_tech_field(self, record):
        return record.enterprise.get_tech_field_display() or "—"

    def value_tech_field(self, record):
        return record.enterprise.get_tech_field_display()

    def render_to_fix(self, record):
        if not record.high_tech_assessed:
            return format_html(
                '<span class="text-secondary">{}{}</span>',
                _("缺少数据："),
                "、".join(record.missing),
            )
        if record.high_tech_failed == 0:
            return format_html(
                '<span class="text-success">{}</span>', _("量化条件均已满足，可申报")
            )
        return format_html('<span class="text-wrap small">{}</span>', record.to_fix)

    def value_to_fix(self, record):
        if not record.high_tech_assessed:
            return "缺少数据：" + "、".join(record.missing)
        return record.to_fix or "量化条件均已满足，可申报"

    def render_high_tech_until(self, record, value):
        if value < date.today():
            return format_html(
                '<span class="badge bg-red-lt" title="{}">{} {}</span>',
                _("需重新认定"),
                _("已过期"),
                value,
            )
        if getattr(record, "expires_soon", False):
            return format_html(
                '<span class="badge bg-orange-lt" title="{}">⚠ {}</span>', _("需重新认定"), value
            )
        return value

    def render_high_tech_failed(self, record, value):
        colour = "green" if value == 0 else "yellow" if value == 1 else "secondary"
        return format_html('<span class="badge bg-{}-lt">{}</span>', colour, value)

    def render_high_tech_gap_wan(self, value):
        return f"{value:,.2f}"
