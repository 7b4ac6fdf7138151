import django_filters

from kechuang.core.choices import KeyIndustry
from kechuang.core.filtersets import BaseFilterSet

from .models import Chain, Link, Stage


class ChainFilterSet(BaseFilterSet):
    search_fields = ("name", "leader", "description")
    industry = django_filters.ChoiceFilter(choices=KeyIndustry.choices, label="重点产业")

    class Meta:
        model = Chain
        fields = ("q", "industry")


class LinkFilterSet(BaseFilterSet):
    search_fields = ("name", "description", "chain__name")
    chain = django_filters.ModelChoiceFilter(queryset=Chain.objects.all(), label="产业链")
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label="环节位置")

    class Meta:
        model = Link
        fields = ("q", "chain", "stage")
