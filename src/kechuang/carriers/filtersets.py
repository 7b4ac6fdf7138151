from datetime import date

import django_filters
from django import forms
from django.db.models import Q

from kechuang.core.choices import KeyIndustry
from kechuang.core.filtersets import BaseFilterSet, YearRuleFilter
from kechuang.regions.filters import CountyFilter

from .choices import (
    CarrierKind,
    CarrierLevel,
    CarrierStatus,
    ExitReason,
    InvestmentRound,
    Specialisation,
    TenancyStatus,
)
from .models import Carrier, Fund, Investment, Tenancy


def year_filter(field: str, bound: str, label: str):
    lookup = "year__gte" if bound == "from" else "year__lte"
    return django_filters.NumberFilter(field_name=field, lookup_expr=lookup, label=label)


def yes_no_filter(label: str, **kwargs):
    """A boolean filter offering ---------/是/否 (django-filter's default shows 未知)."""
    widget = forms.Select(choices=(("", "---------"), ("true", "是"), ("false", "否")))
    return django_filters.BooleanFilter(label=label, widget=widget, **kwargs)


class CarrierFilterSet(BaseFilterSet):
    search_fields = ("name", "search_initials", "operator__name")
    kind = django_filters.ChoiceFilter(choices=CarrierKind.choices, label="载体类型")
    level = django_filters.ChoiceFilter(choices=CarrierLevel.choices, label="认定级别")
    county = CountyFilter("region")
    status = django_filters.ChoiceFilter(choices=CarrierStatus.choices, label="运营状态")
    specialisation = django_filters.ChoiceFilter(choices=Specialisation.choices, label="综合/专业")
    industry = django_filters.ChoiceFilter(choices=KeyIndustry.choices, label="所属产业")
    recognised_from = year_filter("recognised_on", "from", "认定年份起")
    recognised_to = year_filter("recognised_on", "to", "认定年份止")
    operator = django_filters.NumberFilter(field_name="operator_id", label="运营单位（ID）")

    class Meta:
        model = Carrier
        fields = (
            "q",
            "kind",
            "level",
            "county",
            "status",
            "specialisation",
            "industry",
            "recognised_from",
            "recognised_to",
            "operator",
        )


class TenancyFilterSet(BaseFilterSet):
    search_fields = ("enterprise__name", "enterprise__search_initials", "carrier__name")
    carrier = django_filters.ModelChoiceFilter(queryset=Carrier.objects.all(), label="孵化载体")
    status = django_filters.ChoiceFilter(
        choices=TenancyStatus.choices, method="filter_status", label="在孵状态"
    )
    kind = django_filters.ChoiceFilter(
        field_name="carrier__kind", choices=CarrierKind.choices, label="载体类型"
    )
    county = CountyFilter("carrier__region")
    level = django_filters.ChoiceFilter(
        field_name="carrier__level", choices=CarrierLevel.choices, label="载体认定级别"
    )
    incubating_in = YearRuleFilter("incubating_in", label="年末在孵年份")
    graduated_in = YearRuleFilter("graduated_in", label="毕业年份")
    entered_from = year_filter("entered_on", "from", "入驻年份起")
    entered_to = year_filter("entered_on", "to", "入驻年份止")
    exited_from = year_filter("exited_on", "from", "离开年份起")
    exited_to = year_filter("exited_on", "to", "离开年份止")
    exit_reason = django_filters.ChoiceFilter(choices=ExitReason.choices, label="离开原因")
    enterprise = django_filters.NumberFilter(field_name="enterprise_id", label="企业（ID）")

    class Meta:
        model = Tenancy
        fields = (
            "q",
            "carrier",
            "status",
            "kind",
            "county",
            "level",
            "incubating_in",
            "graduated_in",
            "entered_from",
            "entered_to",
            "exited_from",
            "exited_to",
            "exit_reason",
            "enterprise",
        )

    def filter_status(self, queryset, name, value):
        if value == TenancyStatus.INCUBATING:
            return queryset.incubating_on(date.today())
        return queryset.filter(exit_reason=value).exclude(exited_on__isnull=True)


class FundFilterSet(BaseFilterSet):
    search_fields = ("name", "search_initials", "manager__name")
    government_guided = yes_no_filter("政府引导基金")
    industry = django_filters.ChoiceFilter(
        choices=KeyIndustry.choices, method="filter_industry", label="重点投资产业"
    )
    county = CountyFilter("region")
    established_from = year_filter("established_on", "from", "成立年份起")
    established_to = year_filter("established_on", "to", "成立年份止")
    manager = django_filters.NumberFilter(field_name="manager_id", label="管理机构（ID）")

    class Meta:
        model = Fund
        fields = (
            "q",
            "government_guided",
            "industry",
            "county",
            "established_from",
            "established_to",
            "manager",
        )

    def filter_industry(self, queryset, name, value):
        # Codes are stored comma separated; match whole codes only.
        return queryset.filter(
            Q(focus_industries=value)
            | Q(focus_industries__startswith=f"{value},")
            | Q(focus_industries__endswith=f",{value}")
            | Q(focus_industries__contains=f",{value},")
        )


class InvestmentFilterSet(BaseFilterSet):
    search_fields = ("enterprise__name", "enterprise__search_initials", "fund__name")
    fund = django_filters.ModelChoiceFilter(queryset=Fund.objects.all(), label="创投基金")
    round = django_filters.ChoiceFilter(choices=InvestmentRound.choices, label="投资轮次")
    county = CountyFilter("fund__region", label="基金所在县（市、区）")
    year_from = year_filter("invested_on", "from", "投资年份起")
    year_to = year_filter("invested_on", "to", "投资年份止")
    carrier = django_filters.ModelChoiceFilter(queryset=Carrier.objects.all(), label="所在孵化载体")
    in_carrier = yes_no_filter(
        "投资时在孵", field_name="carrier", lookup_expr="isnull", exclude=True
    )
    government_guided = yes_no_filter("政府引导基金", field_name="fund__government_guided")
    enterprise = django_filters.NumberFilter(field_name="enterprise_id", label="企业（ID）")

    class Meta:
        model = Investment
        fields = (
            "q",
            "fund",
            "round",
            "county",
            "year_from",
            "year_to",
            "carrier",
            "in_carrier",
            "government_guided",
            "enterprise",
        )
