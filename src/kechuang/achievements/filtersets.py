import django_filters

from kechuang.core.choices import KeyIndustry, TechField
from kechuang.core.filtersets import BaseFilterSet
from kechuang.orgs.choices import OrgKind
from kechuang.regions.filters import CountyFilter

from .choices import (
    TRL,
    AchievementStatus,
    AppraisalConclusion,
    AppraisalKind,
    ContractKind,
    DemandStatus,
    MatchStatus,
    OutcomeRating,
)
from .models import (
    Achievement,
    Appraisal,
    Contract,
    Demand,
    MatchRecord,
    SynonymEntry,
    TransferOutcome,
    TRLAssessment,
)


def id_filter(field: str, label: str):
    """Filter by a related record's id (links from detail pages, API); a plain number input
    rather than a select of hundreds of organisations. Rows stay limited to the user's scope."""
    return django_filters.NumberFilter(field_name=f"{field}_id", label=label)


class AchievementFilterSet(BaseFilterSet):
    search_fields = ("title", "keywords", "search_initials")
    field = django_filters.ChoiceFilter(choices=TechField.choices, label="技术领域")
    industry = django_filters.ChoiceFilter(choices=KeyIndustry.choices, label="重点产业")
    status = django_filters.ChoiceFilter(choices=AchievementStatus.choices, label="转化状态")
    county = CountyFilter("region")
    trl_min = django_filters.ChoiceFilter(
        field_name="trl", lookup_expr="gte", choices=TRL.choices, label="技术就绪度不低于"
    )
    owner = id_filter("owner", "成果持有单位编号")
    year_from = django_filters.NumberFilter(
        field_name="completed_on__year", lookup_expr="gte", label="完成年度起"
    )
    year_to = django_filters.NumberFilter(
        field_name="completed_on__year", lookup_expr="lte", label="完成年度止"
    )

    class Meta:
        model = Achievement
        fields = (
            "q",
            "field",
            "industry",
            "status",
            "county",
            "trl_min",
            "owner",
            "year_from",
            "year_to",
        )


class AppraisalFilterSet(BaseFilterSet):
    search_fields = ("achievement__title", "organised_by", "achievement__search_initials")
    kind = django_filters.ChoiceFilter(choices=AppraisalKind.choices, label="类型")
    conclusion = django_filters.ChoiceFilter(choices=AppraisalConclusion.choices, label="评价结论")
    county = CountyFilter("achievement__region")
    achievement = id_filter("achievement", "科技成果编号")
    score_min = django_filters.NumberFilter(
        field_name="score", lookup_expr="gte", label="综合评分不低于"
    )
    year_from = django_filters.NumberFilter(
        field_name="appraised_on__year", lookup_expr="gte", label="评价年度起"
    )
    year_to = django_filters.NumberFilter(
        field_name="appraised_on__year", lookup_expr="lte", label="评价年度止"
    )

    class Meta:
        model = Appraisal
        fields = (
            "q",
            "kind",
            "conclusion",
            "county",
            "achievement",
            "score_min",
            "year_from",
            "year_to",
        )


class DemandFilterSet(BaseFilterSet):
    search_fields = ("title", "keywords", "search_initials")
    field = django_filters.ChoiceFilter(choices=TechField.choices, label="技术领域")
    industry = django_filters.ChoiceFilter(choices=KeyIndustry.choices, label="重点产业")
    status = django_filters.ChoiceFilter(choices=DemandStatus.choices, label="需求状态")
    county = CountyFilter("region")
    org = id_filter("org", "需求单位编号")
    year_from = django_filters.NumberFilter(
        field_name="published_on__year", lookup_expr="gte", label="发布年度起"
    )
    year_to = django_filters.NumberFilter(
        field_name="published_on__year", lookup_expr="lte", label="发布年度止"
    )
    budget_min = django_filters.NumberFilter(
        field_name="budget_wan", lookup_expr="gte", label="拟投入不低于（万元）"
    )
    budget_max = django_filters.NumberFilter(
        field_name="budget_wan", lookup_expr="lte", label="拟投入不高于（万元）"
    )

    class Meta:
        model = Demand
        fields = (
            "q",
            "field",
            "industry",
            "status",
            "county",
            "org",
            "year_from",
            "year_to",
            "budget_min",
            "budget_max",
        )


class ContractFilterSet(BaseFilterSet):
    search_fields = ("contract_no", "name", "seller_name", "buyer_name", "search_initials")
    kind = django_filters.ChoiceFilter(choices=ContractKind.choices, label="合同类型")
    field = django_filters.ChoiceFilter(choices=TechField.choices, label="技术领域")
    county = CountyFilter("seller_region", label="卖方所在县（市、区）")
    year_from = django_filters.NumberFilter(
        field_name="signed_on__year", lookup_expr="gte", label="签订年度起"
    )
    year_to = django_filters.NumberFilter(
        field_name="signed_on__year", lookup_expr="lte", label="签订年度止"
    )
    value_min = django_filters.NumberFilter(
        field_name="contract_value_wan", lookup_expr="gte", label="成交额不低于（万元）"
    )
    value_max = django_filters.NumberFilter(
        field_name="contract_value_wan", lookup_expr="lte", label="成交额不高于（万元）"
    )
    # 吸纳 (buyer side) within the rows the user may see; see Contract.scope_region_field.
    buyer_county = CountyFilter("buyer_region", label="买方所在县（市、区）")
    buyer_location = django_filters.ChoiceFilter(
        choices=(("outside", "市外"), ("inside", "市内")),
        method="filter_buyer_location",
        label="买方所在地",
        empty_label="全部",
    )
    seller_location = django_filters.ChoiceFilter(
        choices=(("outside", "市外"), ("inside", "市内")),
        method="filter_seller_location",
        label="卖方所在地",
        empty_label="全部",
    )
    seller_kind = django_filters.ChoiceFilter(
        field_name="seller__kind", choices=OrgKind.choices, label="卖方单位类型"
    )
    seller = id_filter("seller", "卖方单位编号")
    buyer = id_filter("buyer", "买方单位编号")
    achievement = id_filter("achievement", "关联科技成果编号")

    class Meta:
        model = Contract
        fields = (
            "q",
            "kind",
            "field",
            "county",
            "year_from",
            "year_to",
            "value_min",
            "value_max",
            "buyer_county",
            "buyer_location",
            "seller_location",
            "seller_kind",
            "seller",
            "buyer",
            "achievement",
            "contract_no",
        )

    def filter_buyer_location(self, queryset, name, value):
        return queryset.filter(buyer_region__isnull=value == "outside")

    def filter_seller_location(self, queryset, name, value):
        return queryset.filter(seller_region__isnull=value == "outside")


class TRLAssessmentFilterSet(BaseFilterSet):
    search_fields = ("achievement__title", "assessor", "achievement__search_initials")
    county = CountyFilter("achievement__region")
    achievement = id_filter("achievement", "科技成果编号")
    trl = django_filters.NumberFilter(label="评定等级")

    class Meta:
        model = TRLAssessment
        fields = ("q", "county", "achievement", "trl")


class MatchRecordFilterSet(BaseFilterSet):
    search_fields = ("demand__title", "achievement__title", "achievement__search_initials")
    status = django_filters.ChoiceFilter(choices=MatchStatus.choices, label="对接状态")
    county = CountyFilter("demand__region", label="需求方县区")
    demand = id_filter("demand", "技术需求编号")
    achievement = id_filter("achievement", "科技成果编号")

    class Meta:
        model = MatchRecord
        fields = ("q", "status", "county", "demand", "achievement")


class SynonymEntryFilterSet(BaseFilterSet):
    search_fields = ("canonical", "variants", "note")
    industry = django_filters.ChoiceFilter(choices=KeyIndustry.choices, label="重点产业")

    class Meta:
        model = SynonymEntry
        fields = ("q", "industry")


class TransferOutcomeFilterSet(BaseFilterSet):
    search_fields = ("achievement__title", "products", "achievement__search_initials")
    county = CountyFilter("achievement__region")
    achievement = id_filter("achievement", "科技成果编号")
    year = django_filters.NumberFilter(label="年度")
    rating = django_filters.ChoiceFilter(choices=OutcomeRating.choices, label="成效评价")

    class Meta:
        model = TransferOutcome
        fields = ("q", "county", "achievement", "year", "rating")
