import django_tables2 as tables

from kechuang.core.tables import BaseTable

from .models import AnnualData, Enterprise, Qualification


class EnterpriseTable(BaseTable):
    name = tables.Column(
        accessor="org__name", verbose_name="企业名称", linkify=True, order_by=("org__name",)
    )
    uscc = tables.Column(accessor="org__uscc", verbose_name="统一社会信用代码")
    county = tables.Column(
        accessor="org__region__county", verbose_name="县（市、区）", order_by=("org__region__path",)
    )
    tier = tables.Column(verbose_name="当前层级", empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = Enterprise
        fields = (
            "pk",
            "name",
            "uscc",
            "county",
            "industry",
            "tech_field",
            "tier",
            "listed",
            "actions",
        )

    def render_tier(self, record):
        return getattr(record, "current_tier_label", "—")

    def value_tier(self, record):
        return self.render_tier(record)


class AnnualDataTable(BaseTable):
    enterprise = tables.Column(linkify=True, order_by=("enterprise__org__name",))
    year = tables.Column(linkify=lambda record: record.get_absolute_url())
    rd_intensity = tables.Column(verbose_name="研发强度", empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = AnnualData
        fields = (
            "pk",
            "enterprise",
            "year",
            "employees",
            "st_staff",
            "sales_revenue_wan",
            "rd_expense_wan",
            "rd_intensity",
            "high_tech_income_wan",
            "class1_ip",
            "class2_ip",
            "above_scale",
            "actions",
        )

    def render_rd_intensity(self, record):
        value = record.rd_intensity
        return "—" if value is None else f"{value * 100:.1f}%"

    def value_rd_intensity(self, record):
        value = record.rd_intensity
        return "" if value is None else round(float(value), 4)


class QualificationTable(BaseTable):
    enterprise = tables.Column(linkify=True, order_by=("enterprise__org__name",))
    kind = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(BaseTable.Meta):
        model = Qualification
        fields = (
            "pk",
            "enterprise",
            "kind",
            "number",
            "year",
            "issued_on",
            "valid_until",
            "revoked_on",
            "actions",
        )
