import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kechuang.core.tables import BaseTable

from .choices import Proposal
from .models import Result, Run, Scheme, SpotCheck, SpotCheckItem

PROPOSAL_BADGE = {
    Proposal.PASS: "bg-green-lt",
    Proposal.WARNING: "bg-yellow-lt",
    Proposal.REVOKE: "bg-red-lt",
}


class SchemeTable(BaseTable):
    name = tables.Column(linkify=True)
    version = tables.Column(
        verbose_name=_("当前版本"),
        accessor="pk",
        orderable=False,
        attrs={"td": {"class": "text-end"}},
    )

    class Meta(BaseTable.Meta):
        model = Scheme
        fields = ("pk", "name", "code", "platform_kind", "is_example", "version", "updated")
        sequence = fields

    def render_version(self, record):
        current = record.current
        return f"第{current.number}版" if current else "—"

    def value_version(self, record):
        current = record.current
        return current.number if current else None


class RunTable(BaseTable):
    title = tables.Column(linkify=True)
    scheme = tables.Column(
        accessor="scheme_version__scheme",
        verbose_name=_("指标体系"),
        linkify=True,
        order_by=("scheme_version__scheme__name",),
    )
    scheme_version = tables.Column(
        accessor="scheme_version__number",
        verbose_name=_("版本"),
        attrs={"td": {"class": "text-end"}},
    )
    evaluated = tables.Column(
        accessor="summary__evaluated",
        verbose_name=_("参评数"),
        orderable=False,
        attrs={"td": {"class": "text-end"}},
    )
    corrects = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Run
        fields = (
            "pk",
            "title",
            "year",
            "scheme",
            "scheme_version",
            "status",
            "evaluated",
            "corrects",
            "published_at",
        )
        sequence = fields

    def render_scheme_version(self, value):
        return f"第{value}版"


def proposal_badge(record):
    return format_html(
        '<span class="badge {}">{}</span>',
        PROPOSAL_BADGE.get(record.proposal, ""),
        record.get_proposal_display(),
    )


class ResultTable(BaseTable):
    rank = tables.Column(attrs={"td": {"class": "text-end"}, "th": {"class": "text-end"}})
    platform = tables.Column(
        linkify=lambda record: record.get_absolute_url(), order_by=("platform__name",)
    )
    level = tables.Column(accessor="platform__level", verbose_name=_("级别"))
    county = tables.Column(
        accessor="platform__region__county",
        verbose_name=_("县（市、区）"),
        order_by=("platform__region__path",),
    )
    final_score = tables.Column(attrs={"td": {"class": "text-end"}, "th": {"class": "text-end"}})
    rank_interval = tables.Column(
        verbose_name=_("排名区间（5%–95%）"),
        accessor="rank_low",
        empty_values=(),
        order_by=("rank_low",),
        attrs={"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}},
    )
    proposal = tables.Column()
    reasons = tables.Column(
        verbose_name=_("依据"),
        orderable=False,
        empty_values=(),
        attrs={"td": {"style": "min-width:12rem;max-width:24rem;white-space:normal"}},
    )
    actions = None

    class Meta(BaseTable.Meta):
        model = Result
        fields = (
            "rank",
            "platform",
            "level",
            "county",
            "final_score",
            "adjustment",
            "rank_interval",
            "grade",
            "proposal",
            "reasons",
        )
        sequence = fields

    def render_level(self, record):
        return record.platform.get_level_display()

    def value_level(self, record):
        return record.platform.get_level_display()

    def render_final_score(self, value):
        return f"{value:.2f}"

    def render_adjustment(self, value):
        return f"{value:+g}" if value else "—"

    def render_rank_interval(self, record):
        if record.rank_low is None:
            return "—"
        return f"{record.rank_low}–{record.rank_high}"

    def value_rank_interval(self, record):
        return "" if record.rank_low is None else f"{record.rank_low}-{record.rank_high}"

    def render_proposal(self, record):
        return proposal_badge(record)

    def value_proposal(self, record):
        return record.get_proposal_display()

    def render_reasons(self, value):
        return "；".join(value) if value else "—"

    def value_reasons(self, value):
        return "；".join(value or [])


class SpotCheckTable(BaseTable):
    title = tables.Column(linkify=True)
    run = tables.Column(linkify=True)
    items = tables.Column(
        verbose_name=_("抽取数"),
        accessor="pk",
        orderable=False,
        attrs={"td": {"class": "text-end"}},
    )

    class Meta(BaseTable.Meta):
        model = SpotCheck
        fields = ("pk", "title", "run", "strata", "proportion", "count", "seed", "items", "created")
        sequence = fields

    def render_items(self, record):
        return record.items.count()

    def value_items(self, record):
        return record.items.count()


class SpotCheckItemTable(BaseTable):
    platform = tables.Column(
        linkify=lambda record: record.platform.get_absolute_url(), order_by=("platform__name",)
    )
    finding = tables.Column(attrs={"td": {"style": "min-width:12rem;white-space:normal"}})

    class Meta(BaseTable.Meta):
        model = SpotCheckItem
        fields = ("stratum", "platform", "status", "finding", "adjustment", "checked_on")
        sequence = fields
