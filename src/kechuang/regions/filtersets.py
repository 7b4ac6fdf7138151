import django_filters

from kechuang.core.filtersets import BaseFilterSet

from .choices import RegionKind, RegionLevel
from .models import Region


class RegionFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "search_initials")
    level = django_filters.ChoiceFilter(choices=RegionLevel.choices, label="层级")
    kind = django_filters.ChoiceFilter(choices=RegionKind.choices, label="类型")
    parent = django_filters.ModelChoiceFilter(
        queryset=Region.objects.filter(level__lte=RegionLevel.COUNTY), label="上级区划"
    )
    within = django_filters.CharFilter(method="filter_within", label="所属区划代码")
    is_synthetic = django_filters.BooleanFilter(label="演示生成")

    class Meta:
        model = Region
        fields = ("q", "level", "kind", "parent", "within", "is_synthetic", "code", "name")

    def filter_within(self, queryset, name, value):
        """Everything under the region with code `value` (its whole subtree)."""
        region = Region.objects.filter(code=value.strip()).first()
        if region is None:
            return queryset.none()
        return queryset.filter(path__startswith=region.path).exclude(pk=region.pk)
