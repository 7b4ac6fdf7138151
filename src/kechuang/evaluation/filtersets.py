import django_filters
from django.utils.translation import gettext_lazy as _

from kechuang.core.choices import Level
from kechuang.core.filtersets import BaseFilterSet
from kechuang.platforms.choices import PlatformKind
from kechuang.regions.filters import CountyFilter

from .choices import Proposal, RunStatus
from .models import Result, Run, Scheme, SpotCheck


class SchemeFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "description")
    platform_kind = django_filters.ChoiceFilter(
        choices=PlatformKind.choices, label=_("适用平台类型")
    )

    class Meta:
        model = Scheme
        fields = ("q", "platform_kind", "is_example")


class RunFilterSet(BaseFilterSet):
    search_fields = ("title",)
    year = django_filters.NumberFilter(label=_("评价年度"))
    status = django_filters.ChoiceFilter(choices=RunStatus.choices, label=_("状态"))
    scheme = django_filters.ModelChoiceFilter(
        field_name="scheme_version__scheme", queryset=Scheme.objects.all(), label=_("指标体系")
    )

    class Meta:
        model = Run
        fields = ("q", "year", "status", "scheme")


class ResultFilterSet(BaseFilterSet):
    search_fields = ("platform__name", "platform__code")
    run = django_filters.ModelChoiceFilter(queryset=Run.objects.all(), label=_("评价任务"))
    county = CountyFilter("platform__region")
    level = django_filters.ChoiceFilter(
        field_name="platform__level", choices=Level.choices, label=_("级别")
    )
    grade = django_filters.CharFilter(label=_("等级"))
    proposal = django_filters.ChoiceFilter(choices=Proposal.choices, label=_("结果运用"))

    class Meta:
        model = Result
        fields = ("q", "run", "county", "level", "grade", "proposal")


class SpotCheckFilterSet(BaseFilterSet):
    search_fields = ("title",)

    class Meta:
        model = SpotCheck
        fields = ("q", "run")
