import django_tables2 as tables
from django.utils.html import format_html

from kechuang.core.tables import ActionsColumn, BaseTable
from kechuang.core.text import mask

from .choices import STATUS_COLOURS
from .models import Call, Expert, Milestone, Project, Proposal, Review


def badge(code, label):
    """A coloured status tag that also carries the word (never colour alone)."""
    if not label:
        return "—"
    colour = STATUS_COLOURS.get(code, "secondary")
    return format_html('<span class="badge bg-{}-lt">{}</span>', colour, label)


class StatusColumn(tables.Column):
    """A choice field shown as a coloured tag; exported as its plain label."""

    def render(self, value, record, bound_column):
        return badge(bound_column.accessor.resolve(record), value)

    def value(self, value):
        return value


class ScoreColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return f"{value:.1f}"

    def value(self, value):
        return round(float(value), 1) if value is not None else ""


class PublishedActionsColumn(ActionsColumn):
    """Published rows are visible to all, but only those in the user's scope may be edited:
    other rows get 查看 only."""

    def render(self, record, table):
        writable = getattr(table, "_writable_pks", None)
        if writable is None:
            queryset = type(record).objects.restrict(table.user, "change")
            writable = table._writable_pks = set(queryset.values_list("pk", flat=True))
        if record.pk in writable:
            return super().render(record, table)
        return format_html('<a href="{}">查看</a>', record.get_absolute_url())


class CallTable(BaseTable):
    actions = PublishedActionsColumn()
    title = tables.Column(linkify=True)
    status = StatusColumn()
    region = tables.Column(linkify=True)
    proposal_count = tables.Column(verbose_name="申报数", attrs={"td": {"class": "text-end"}})

    class Meta(BaseTable.Meta):
        model = Call
        fields = (
            "pk",
            "year",
            "title",
            "key_field",
            "budget_wan",
            "opens_on",
            "closes_on",
            "status",
            "region",
            "proposal_count",
            "actions",
        )


class ProposalTable(BaseTable):
    title = tables.Column(linkify=True)
    call = tables.Column(linkify=True)
    applicant = tables.Column(linkify=True)
    status = StatusColumn()
    county = tables.Column(
        accessor="region__county", verbose_name="县（市、区）", order_by=("region__path",)
    )
    avg_score = ScoreColumn(verbose_name="平均分")

    class Meta(BaseTable.Meta):
        model = Proposal
        fields = (
            "pk",
            "title",
            "call",
            "applicant",
            "county",
            "leader_name",
            "field",
            "budget_wan",
            "self_funding_wan",
            "submitted_on",
            "status",
            "avg_score",
            "actions",
        )


class ReviewTable(BaseTable):
    review = tables.Column(
        accessor="pk", verbose_name="评审", linkify=lambda record: record.get_absolute_url()
    )
    proposal = tables.Column(linkify=True)
    expert = tables.Column(linkify=True)
    score = ScoreColumn()

    class Meta(BaseTable.Meta):
        model = Review
        fields = (
            "pk",
            "review",
            "proposal",
            "expert",
            "conflict_declared",
            "score",
            "reviewed_on",
            "actions",
        )

    def render_review(self, record):
        return str(record)

    def value_review(self, record):
        return str(record)

    def render_conflict_declared(self, value):
        return format_html('<span class="badge bg-orange-lt">回避</span>') if value else "—"

    def value_conflict_declared(self, value):
        return "回避" if value else ""


class ProjectTable(BaseTable):
    project_no = tables.Column(linkify=True)
    title = tables.Column(linkify=True)
    owner = tables.Column(linkify=True)
    call = tables.Column(linkify=True)
    status = StatusColumn()
    county = tables.Column(
        accessor="region__county", verbose_name="县（市、区）", order_by=("region__path",)
    )

    class Meta(BaseTable.Meta):
        model = Project
        fields = (
            "pk",
            "project_no",
            "title",
            "owner",
            "county",
            "leader_name",
            "call",
            "funded_wan",
            "self_funding_wan",
            "starts_on",
            "ends_on",
            "status",
            "actions",
        )


class MilestoneTable(BaseTable):
    title = tables.Column(linkify=True)
    project = tables.Column(linkify=True)
    status = tables.Column(verbose_name="状态", order_by=("status", "due_on"))

    class Meta(BaseTable.Meta):
        model = Milestone
        fields = ("pk", "title", "project", "due_on", "done_on", "status", "actions")
        row_attrs = {"class": lambda record: "table-danger" if record.is_overdue else ""}

    def render_status(self, record):
        return badge(record.effective_status, record.effective_status_label)

    def value_status(self, record):
        return record.effective_status_label


class ExpertTable(BaseTable):
    actions = PublishedActionsColumn()
    name = tables.Column(linkify=True)
    affiliation = tables.Column(
        verbose_name="工作单位",
        accessor="org",
        order_by=("org__name", "org_name"),
        empty_values=(),
    )
    phone = tables.Column()
    email = tables.Column()
    review_count = tables.Column(verbose_name="评审次数", attrs={"td": {"class": "text-end"}})

    class Meta(BaseTable.Meta):
        model = Expert
        fields = (
            "pk",
            "name",
            "title",
            "affiliation",
            "main_field",
            "disciplines",
            "available",
            "phone",
            "email",
            "review_count",
            "actions",
        )

    def render_affiliation(self, record):
        if record.org_id:
            return format_html('<a href="{}">{}</a>', record.org.get_absolute_url(), record.org)
        return record.org_name or "—"

    def value_affiliation(self, record):
        return record.affiliation

    def _personal(self, value):
        return value if getattr(self.user, "can_view_personal_data", False) else mask(value)

    def render_phone(self, value):
        return self._personal(value)

    def value_phone(self, value):
        return self._personal(value)

    def render_email(self, value):
        return self._personal(value)

    def value_email(self, value):
        return self._personal(value)
