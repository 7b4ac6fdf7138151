import django_tables2 as tables

from kechuang.core.tables import BaseTable, RecordColumn
from kechuang.core.text import mask

from .models import (
    Achievement,
    Appraisal,
    Contract,
    Demand,
    MatchRecord,
    SynonymEntry,
    TransferOutcome,
    TRLAssessment,
)


class MoneyColumn(tables.Column):
    """万元 with thousands separators on screen; the plain number in exports."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return f"{value:,.2f}"

    def value(self, value):
        return value


class CountyColumn(tables.Column):
    def __init__(self, region_field="region", **kwargs):
        kwargs.setdefault("verbose_name", "县（市、区）")
        super().__init__(
            accessor=f"{region_field}__county",
            order_by=(f"{region_field}__path",),
            linkify=True,
            **kwargs,
        )


class PersonalDataTable(BaseTable):
    """Masks contact phones unless the user may see personal data (screen and export)."""

    def render_contact_phone(self, value):
        return value if getattr(self.user, "can_view_personal_data", False) else mask(value)

    def value_contact_phone(self, value):
        return self.render_contact_phone(value)


class AchievementTable(PersonalDataTable):
    title = tables.Column(linkify=True)
    owner = tables.Column(linkify=True)
    county = CountyColumn()

    class Meta(BaseTable.Meta):
        empty_text = "没有符合条件的记录"
        model = Achievement
        fields = (
            "pk",
            "title",
            "owner",
            "field",
            "industry",
            "trl",
            "status",
            "county",
            "completed_on",
            "contact_person",
            "contact_phone",
            "actions",
        )

    def render_trl(self, value, record):
        return f"TRL {record.trl}"

    def value_trl(self, value, record):
        return record.trl


class AppraisalTable(BaseTable):
    record = RecordColumn(verbose_name="评价记录", orderable=True, order_by=("achievement__title",))
    county = CountyColumn("achievement__region")

    class Meta(BaseTable.Meta):
        empty_text = "没有符合条件的记录"
        model = Appraisal
        fields = (
            "pk",
            "record",
            "kind",
            "organised_by",
            "appraised_on",
            "conclusion",
            "advancement",
            "maturity",
            "market_prospects",
            "ip_strength",
            "score",
            "county",
            "actions",
        )


class DemandTable(PersonalDataTable):
    title = tables.Column(linkify=True)
    org = tables.Column(linkify=True)
    county = CountyColumn()
    budget_wan = MoneyColumn()

    class Meta(BaseTable.Meta):
        empty_text = "没有符合条件的记录"
        model = Demand
        fields = (
            "pk",
            "title",
            "org",
            "field",
            "industry",
            "budget_wan",
            "published_on",
            "deadline",
            "status",
            "county",
            "contact_person",
            "contact_phone",
            "actions",
        )


class ContractTable(BaseTable):
    contract_no = tables.Column(linkify=True)
    name = tables.Column(linkify=True)
    seller_name = tables.Column(
        linkify=lambda record: record.seller.get_absolute_url() if record.seller_id else None
    )
    seller_place = tables.Column(
        verbose_name="卖方所在地", accessor="seller_place", order_by=("seller_region__path",)
    )
    buyer_name = tables.Column(
        linkify=lambda record: record.buyer.get_absolute_url() if record.buyer_id else None
    )
    buyer_place = tables.Column(
        verbose_name="买方所在地", accessor="buyer_place", order_by=("buyer_region__path",)
    )
    contract_value_wan = MoneyColumn()
    transaction_value_wan = MoneyColumn()

    class Meta(BaseTable.Meta):
        empty_text = "没有符合条件的记录"
        model = Contract
        fields = (
            "pk",
            "contract_no",
            "name",
            "kind",
            "seller_name",
            "seller_place",
            "buyer_name",
            "buyer_place",
            "signed_on",
            "registered_on",
            "contract_value_wan",
            "transaction_value_wan",
            "field",
            "actions",
        )
        template_name = "achievements/contract_table.html"

    @property
    def totals(self) -> dict:
        """Totals of every row of the (filtered, scoped) table, one aggregate query; 亿元 for
        the headline figures."""
        if not hasattr(self, "_totals"):
            sums = self.data.data.totals()
            self._totals = {
                **sums,
                **{
                    key.replace("_wan", "_yi"): sums[key] / 10000
                    for key in sums
                    if key.endswith("value_wan")
                },
            }
        return self._totals


class TRLAssessmentTable(BaseTable):
    record = RecordColumn(verbose_name="评价记录", orderable=True, order_by=("achievement__title",))
    county = CountyColumn("achievement__region")

    class Meta(BaseTable.Meta):
        empty_text = "没有符合条件的记录"
        model = TRLAssessment
        fields = ("pk", "record", "variant", "assessed_on", "assessor", "trl", "county", "actions")


class MatchRecordTable(BaseTable):
    status = tables.Column(linkify=lambda record: record.get_absolute_url())
    demand = tables.Column(linkify=True)
    achievement = tables.Column(linkify=True)
    contract = tables.Column(linkify=True)
    reasons = tables.Column(
        verbose_name="匹配理由",
        orderable=False,
        attrs={"td": {"style": "min-width:14rem;max-width:24rem;white-space:normal"}},
    )

    class Meta(BaseTable.Meta):
        empty_text = "没有符合条件的对接记录"
        model = MatchRecord
        fields = (
            "pk",
            "status",
            "demand",
            "achievement",
            "score",
            "reasons",
            "contract",
            "updated",
            "actions",
        )

    def render_reasons(self, value):
        return "；".join(value) if value else "—"

    def value_reasons(self, value):
        return "；".join(value or [])


class SynonymEntryTable(BaseTable):
    canonical = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = SynonymEntry
        fields = ("pk", "industry", "canonical", "variants", "note", "updated", "actions")


class TransferOutcomeTable(BaseTable):
    record = RecordColumn(verbose_name="转化成效", orderable=True, order_by=("achievement__title",))
    county = CountyColumn("achievement__region")
    revenue_wan = MoneyColumn()
    profit_wan = MoneyColumn()

    class Meta(BaseTable.Meta):
        empty_text = "没有符合条件的记录"
        model = TransferOutcome
        fields = (
            "pk",
            "record",
            "year",
            "revenue_wan",
            "profit_wan",
            "product_count",
            "jobs",
            "rating",
            "county",
            "actions",
        )
