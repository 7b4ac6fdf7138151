import django_tables2 as tables

from kechuang.core.tables import BaseTable

from .models import Carrier, Fund, Investment, Tenancy


class NumberColumn(tables.Column):
    """Right-aligned amount with thousands separators (the unit is in the header)."""

    def __init__(self, *args, decimals: int = 2, **kwargs):
        self.decimals = decimals
        kwargs.setdefault("attrs", {"td": {"class": "text-end"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return f"{value:,.{self.decimals}f}"

    def value(self, value):
        return value


class YesNoColumn(tables.Column):
    def render(self, value):
        return "是" if value else "否"


class StrColumn(tables.Column):
    """The record's own name (its __str__), linked to its page."""

    empty_values = ()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("linkify", lambda record: record.get_absolute_url())
        super().__init__(*args, **kwargs)

    def render(self, record):
        return str(record)

    def value(self, record):
        return str(record)


class CarrierTable(BaseTable):
    name = tables.Column(linkify=True)
    operator = tables.Column(linkify=True)
    county = tables.Column(
        accessor="region__county", verbose_name="县（市、区）", order_by=("region__path",)
    )
    incubation_area_sqm = NumberColumn(verbose_name="孵化场地面积（平方米）", decimals=0)
    current_tenants = NumberColumn(verbose_name="在孵企业（家）", decimals=0)
    graduates_total = NumberColumn(verbose_name="累计毕业（家）", decimals=0)

    class Meta(BaseTable.Meta):
        model = Carrier
        fields = (
            "pk",
            "name",
            "kind",
            "level",
            "specialisation",
            "industry",
            "operator",
            "county",
            "recognised_on",
            "incubation_area_sqm",
            "current_tenants",
            "graduates_total",
            "status",
            "actions",
        )


class TenancyTable(BaseTable):
    stay = StrColumn(verbose_name="在孵记录", order_by=("enterprise__name", "carrier__name"))
    county = tables.Column(
        accessor="carrier__region__county",
        verbose_name="县（市、区）",
        order_by=("carrier__region__path",),
    )
    carrier_kind = tables.Column(
        accessor="carrier__get_kind_display", verbose_name="载体类型", order_by=("carrier__kind",)
    )
    status = tables.Column(
        accessor="status_label",
        verbose_name="在孵状态",
        order_by=("exit_reason", "exited_on"),
    )
    months = tables.Column(verbose_name="在孵时长（月）", orderable=False)

    class Meta(BaseTable.Meta):
        model = Tenancy
        fields = (
            "pk",
            "stay",
            "county",
            "carrier_kind",
            "entered_on",
            "exited_on",
            "status",
            "months",
            "ip_count",
            "actions",
        )


class CurrentTenantTable(tables.Table):
    """The tenants table on a carrier's page (no checkboxes, no paging)."""

    enterprise = tables.Column(linkify=lambda record: record.get_absolute_url())
    entered_on = tables.Column()
    months = tables.Column(verbose_name="在孵时长（月）", orderable=False)
    ip_count = tables.Column()

    class Meta:
        model = Tenancy
        fields = ("enterprise", "entered_on", "months", "ip_count")
        attrs = {"class": "table table-vcenter table-sm card-table text-nowrap"}
        orderable = False


class FundTable(BaseTable):
    name = tables.Column(linkify=True)
    manager = tables.Column(linkify=True)
    county = tables.Column(
        accessor="region__county", verbose_name="县（市、区）", order_by=("region__path",)
    )
    size_wan = NumberColumn()
    invested_sum = NumberColumn(verbose_name="已投金额（万元）")
    investment_count = NumberColumn(verbose_name="投资笔数", decimals=0)
    government_guided = YesNoColumn()
    focus_industries = tables.Column(
        accessor="focus_industry_labels", verbose_name="重点投资产业", orderable=False
    )

    class Meta(BaseTable.Meta):
        model = Fund
        fields = (
            "pk",
            "name",
            "manager",
            "county",
            "size_wan",
            "invested_sum",
            "investment_count",
            "government_guided",
            "established_on",
            "focus_industries",
            "actions",
        )


class InvestmentTable(BaseTable):
    record = StrColumn(
        verbose_name="投资记录（基金 → 被投企业）", order_by=("fund__name", "invested_on")
    )
    amount_wan = NumberColumn()
    carrier = tables.Column(linkify=True)
    county = tables.Column(
        accessor="fund__region__county",
        verbose_name="基金所在县（市、区）",
        order_by=("fund__region__path",),
    )

    class Meta(BaseTable.Meta):
        model = Investment
        fields = (
            "pk",
            "record",
            "amount_wan",
            "round",
            "invested_on",
            "carrier",
            "county",
            "actions",
        )


class FundInvestmentTable(tables.Table):
    """Investments on a fund's page."""

    invested_on = tables.Column(linkify=lambda record: record.get_absolute_url())
    enterprise = tables.Column(linkify=True)
    amount_wan = NumberColumn()
    round = tables.Column()
    carrier = tables.Column(linkify=True)

    class Meta:
        model = Investment
        fields = ("invested_on", "enterprise", "amount_wan", "round", "carrier")
        attrs = {"class": "table table-vcenter table-sm card-table text-nowrap"}
        orderable = False
