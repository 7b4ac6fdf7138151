import django_filters

from kechuang.core.filtersets import BaseFilterSet
from kechuang.regions.filters import CountyFilter
from kechuang.regions.models import Region

from .choices import Industry, OrgKind
from .models import Org


class OrgFilterSet(BaseFilterSet):
    search_fields = ("name", "uscc", "search_initials")
    kind = django_filters.ChoiceFilter(choices=OrgKind.choices, label="单位类型")
    industry = django_filters.ChoiceFilter(choices=Industry.choices, label="所属行业")
    county = CountyFilter("region")
    region = django_filters.ModelChoiceFilter(queryset=Region.objects.all(), label="所在区划")
    uscc = django_filters.CharFilter(label="统一社会信用代码")
    established_after = django_filters.DateFilter(
        field_name="established_on", lookup_expr="gte", label="成立日期起"
    )
    established_before = django_filters.DateFilter(
        field_name="established_on", lookup_expr="lte", label="成立日期止"
    )

    class Meta:
        model = Org
        fields = (
            "q",
            "kind",
            "industry",
            "county",
            "region",
            "uscc",
            "established_after",
            "established_before",
        )
