import django_filters
from django.db.models import Exists, OuterRef

from kechuang.core.choices import KeyIndustry, TechField
from kechuang.core.filtersets import BaseFilterSet, YearRuleFilter
from kechuang.regions.filters import CountyFilter

from .choices import QualificationKind
from .models import AnnualData, Enterprise, Qualification


class EnterpriseFilterSet(BaseFilterSet):
    county = CountyFilter("org__region")
    search_fields = ("org__name", "org__uscc", "org__search_initials", "main_products")
    industry = django_filters.ChoiceFilter(choices=KeyIndustry.choices, label="重点产业")
    tech_field = django_filters.ChoiceFilter(choices=TechField.choices, label="技术领域")
    qualification = django_filters.ChoiceFilter(
        choices=QualificationKind.choices, method="filter_qualification", label="当前有效资质"
    )
    listed = django_filters.BooleanFilter(label="上市企业")

    class Meta:
        model = Enterprise
        fields = ("q", "county", "industry", "tech_field", "qualification", "listed")

    def filter_qualification(self, queryset, name, value):
        from datetime import date

        year = date.today().year
        held = Qualification.objects.held_in(year).filter(kind=value, enterprise=OuterRef("pk"))
        return queryset.filter(Exists(held))


class AnnualDataFilterSet(BaseFilterSet):
    county = CountyFilter("enterprise__org__region")
    search_fields = (
        "enterprise__org__name",
        "enterprise__org__uscc",
        "enterprise__org__search_initials",
    )
    year = django_filters.NumberFilter(label="年度")
    enterprise = django_filters.ModelChoiceFilter(
        queryset=Enterprise.objects.select_related("org"), label="企业"
    )
    above_scale = django_filters.BooleanFilter(label="规模以上")
    min_rd_wan = django_filters.NumberFilter(
        field_name="rd_expense_wan", lookup_expr="gte", label="研发费用不低于（万元）"
    )

    class Meta:
        model = AnnualData
        fields = ("q", "year", "county", "enterprise", "above_scale", "min_rd_wan")


class QualificationFilterSet(BaseFilterSet):
    county = CountyFilter("enterprise__org__region")
    search_fields = ("enterprise__org__name", "enterprise__org__search_initials", "number")
    kind = django_filters.ChoiceFilter(choices=QualificationKind.choices, label="资质类型")
    year = django_filters.NumberFilter(label="认定/入库年度")
    held_in = YearRuleFilter(
        "held_in", label="统计年度持有", help_text="该年末有效（科技型中小企业：该年度入库）"
    )
    valid_on = django_filters.DateFilter(method="filter_valid_on", label="在该日有效")
    expiring_before = django_filters.DateFilter(
        field_name="valid_until", lookup_expr="lte", label="有效期至不晚于"
    )

    class Meta:
        model = Qualification
        fields = ("q", "kind", "year", "held_in", "county", "valid_on", "expiring_before")

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value)
