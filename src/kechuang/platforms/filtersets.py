import django_filters
from django import forms

from kechuang.core.choices import KeyIndustry, Level, TechField
from kechuang.core.filtersets import BaseFilterSet, YearRuleFilter
from kechuang.orgs.models import Org
from kechuang.regions.filters import CountyFilter
from kechuang.regions.models import Region

from .choices import PlatformKind, PlatformStatus, ReportStatus
from .models import Platform, PlatformReport


class PlatformFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "search_initials")
    kind = django_filters.ChoiceFilter(choices=PlatformKind.choices, label="平台类型")
    level = django_filters.ChoiceFilter(choices=Level.choices, label="级别")
    status = django_filters.ChoiceFilter(choices=PlatformStatus.choices, label="运行状态")
    county = CountyFilter("region")
    industry = django_filters.ChoiceFilter(choices=KeyIndustry.choices, label="重点产业")
    host = django_filters.ModelChoiceFilter(queryset=Org.objects.all(), label="依托单位")
    approved_from = django_filters.NumberFilter(
        field_name="approved_on", lookup_expr="year__gte", label="认定年份起"
    )
    approved_to = django_filters.NumberFilter(
        field_name="approved_on", lookup_expr="year__lte", label="认定年份止"
    )
    operating_on = django_filters.DateFilter(
        method="filter_operating_on",
        label="在运行日期",
        help_text="该日期已认定且未撤销的平台",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    operating_in = YearRuleFilter("operating_in", label="年末在运行（年度）")
    tech_field = django_filters.ChoiceFilter(choices=TechField.choices, label="技术领域")
    region = django_filters.ModelChoiceFilter(queryset=Region.objects.all(), label="所在区划")

    class Meta:
        model = Platform
        fields = (
            "q",
            "kind",
            "level",
            "status",
            "county",
            "industry",
            "host",
            "approved_from",
            "approved_to",
            "operating_on",
            "operating_in",
            "tech_field",
            "region",
        )

    def filter_operating_on(self, queryset, name, value):
        return queryset.operating_at(value)


class PlatformReportFilterSet(BaseFilterSet):
    search_fields = ("platform__name", "platform__code", "platform__search_initials")
    year = django_filters.NumberFilter(label="年度")
    platform = django_filters.ModelChoiceFilter(queryset=Platform.objects.all(), label="创新平台")
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices, label="填报状态")
    county = CountyFilter("platform__region")
    kind = django_filters.ChoiceFilter(
        field_name="platform__kind", choices=PlatformKind.choices, label="平台类型"
    )
    level = django_filters.ChoiceFilter(
        field_name="platform__level", choices=Level.choices, label="平台级别"
    )

    class Meta:
        model = PlatformReport
        fields = ("q", "year", "platform", "status", "county", "kind", "level")
