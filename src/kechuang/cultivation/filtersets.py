from datetime import date

import django_filters
from django.utils.translation import gettext_lazy as _

from kechuang.core.choices import KeyIndustry, TechField
from kechuang.core.filtersets import BaseFilterSet
from kechuang.enterprises.choices import Tier
from kechuang.regions.filters import CountyFilter

from .models import Evaluation


class EvaluationFilterSet(BaseFilterSet):
    search_fields = (
        "enterprise__org__name",
        "enterprise__org__uscc",
        "enterprise__org__search_initials",
    )
    year = django_filters.NumberFilter(label=_("数据年度"))
    county = CountyFilter("enterprise__org__region")
    tech_field = django_filters.ChoiceFilter(
        field_name="enterprise__tech_field", choices=TechField.choices, label=_("技术领域")
    )
    industry = django_filters.ChoiceFilter(
        field_name="enterprise__industry", choices=KeyIndustry.choices, label=_("重点产业")
    )
    chain = django_filters.ModelChoiceFilter(
        field_name="enterprise__chain_links__chain",
        queryset=None,
        label=_("产业链"),
        distinct=True,
    )
    tier = django_filters.ChoiceFilter(choices=Tier.choices, label=_("梯次"))
    max_failed = django_filters.NumberFilter(
        field_name="high_tech_failed", lookup_expr="lte", label=_("未满足条件不超过")
    )
    tech_sme_eligible = django_filters.BooleanFilter(label=_("符合科技型中小企业条件"))
    certificate = django_filters.ChoiceFilter(
        choices=(
            ("expiring", _("将到期")),
            ("lapsed", _("已过期")),
            ("never", _("从未认定")),
        ),
        method="filter_certificate",
        label=_("高企证书"),
    )

    class Meta:
        model = Evaluation
        fields = (
            "q",
            "year",
            "county",
            "tech_field",
            "chain",
            "tier",
            "industry",
            "max_failed",
            "tech_sme_eligible",
            "certificate",
        )

    def __init__(self, *args, **kwargs):
        from kechuang.chains.models import Chain

        self.base_filters["chain"].queryset = Chain.objects.all()
        super().__init__(*args, **kwargs)

    def filter_certificate(self, queryset, name, value):
        today = date.today()
        if value == "expiring":
            return queryset.filter(high_tech_until__gte=today)
        if value == "lapsed":
            return queryset.filter(high_tech_until__lt=today)
        return queryset.filter(high_tech_until__isnull=True)
