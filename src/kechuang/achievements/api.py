from rest_framework import serializers
from rest_framework.validators import UniqueValidator

from kechuang.api.base import BaseSerializer, BaseViewSet

from .filtersets import (
    AchievementFilterSet,
    AppraisalFilterSet,
    ContractFilterSet,
    DemandFilterSet,
    MatchRecordFilterSet,
    SynonymEntryFilterSet,
    TransferOutcomeFilterSet,
    TRLAssessmentFilterSet,
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

COMMON = ("version", "created", "updated")


class AchievementSerializer(BaseSerializer):
    keyword_list = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="关键词拆分后的列表"
    )

    class Meta:
        model = Achievement
        fields = (
            "id",
            "url",
            "title",
            "owner",
            "co_owners",
            "field",
            "industry",
            "description",
            "keywords",
            "keyword_list",
            "ip_list",
            "trl",
            "status",
            "completed_on",
            "region",
            "contact_person",
            "contact_phone",
            *COMMON,
        )
        read_only_fields = ("created", "updated")

    def validate(self, attrs):
        # Many-to-many values cannot be set on an unsaved instance during model validation.
        co_owners = attrs.pop("co_owners", None)
        attrs = super().validate(attrs)
        if co_owners is not None:
            attrs["co_owners"] = co_owners
        return attrs


class AppraisalSerializer(BaseSerializer):
    class Meta:
        model = Appraisal
        fields = (
            "id",
            "url",
            "achievement",
            "kind",
            "organised_by",
            "appraised_on",
            "conclusion",
            "advancement",
            "maturity",
            "market_prospects",
            "ip_strength",
            "score",
            "experts",
            "summary",
            *COMMON,
        )
        read_only_fields = ("created", "updated")


class DemandSerializer(BaseSerializer):
    keyword_list = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="关键词拆分后的列表"
    )

    class Meta:
        model = Demand
        fields = (
            "id",
            "url",
            "title",
            "org",
            "field",
            "industry",
            "description",
            "keywords",
            "keyword_list",
            "budget_wan",
            "published_on",
            "deadline",
            "status",
            "region",
            "contact_person",
            "contact_phone",
            *COMMON,
        )
        read_only_fields = ("created", "updated")


class ContractSerializer(BaseSerializer):
    year = serializers.IntegerField(read_only=True, help_text="统计年度（签订年份）")

    class Meta:
        model = Contract
        fields = (
            "id",
            "url",
            "contract_no",
            "name",
            "kind",
            "field",
            "achievement",
            "signed_on",
            "registered_on",
            "year",
            "contract_value_wan",
            "transaction_value_wan",
            "seller",
            "seller_name",
            "seller_region",
            "seller_region_text",
            "buyer",
            "buyer_name",
            "buyer_region",
            "buyer_region_text",
            *COMMON,
        )
        read_only_fields = ("created", "updated")
        extra_kwargs = {
            "contract_no": {
                "validators": [
                    UniqueValidator(Contract.objects.all(), message="合同登记编号已存在")
                ]
            }
        }


class AchievementViewSet(BaseViewSet):
    queryset = Achievement.objects.select_related("owner", "region").prefetch_related("co_owners")
    serializer_class = AchievementSerializer
    filterset_class = AchievementFilterSet
    ordering_fields = ("title", "completed_on", "trl")


class AppraisalViewSet(BaseViewSet):
    queryset = Appraisal.objects.select_related("achievement")
    serializer_class = AppraisalSerializer
    filterset_class = AppraisalFilterSet
    ordering_fields = ("appraised_on", "score")


class TRLAssessmentSerializer(BaseSerializer):
    class Meta:
        model = TRLAssessment
        fields = (
            "id",
            "url",
            "achievement",
            "variant",
            "assessed_on",
            "assessor",
            "threshold",
            "answers",
            "trl",
            "note",
            *COMMON,
        )
        read_only_fields = ("trl",)


class TRLAssessmentViewSet(BaseViewSet):
    """技术就绪度评价: answers {criterion code: {percent, evidence}}; the TRL is computed."""

    queryset = TRLAssessment.objects.select_related("achievement")
    serializer_class = TRLAssessmentSerializer
    filterset_class = TRLAssessmentFilterSet
    ordering_fields = ("assessed_on", "trl")


class MatchRecordSerializer(BaseSerializer):
    class Meta:
        model = MatchRecord
        fields = (
            "id",
            "url",
            "demand",
            "achievement",
            "status",
            "score",
            "reasons",
            "contract",
            "note",
            *COMMON,
        )
        read_only_fields = ("score", "reasons")


class MatchRecordViewSet(BaseViewSet):
    """供需对接 records: proposed → contacted → negotiating → signed (with the contract) / failed."""

    queryset = MatchRecord.objects.select_related("demand", "achievement", "contract")
    serializer_class = MatchRecordSerializer
    filterset_class = MatchRecordFilterSet
    ordering_fields = ("updated", "score")


class TransferOutcomeSerializer(BaseSerializer):
    class Meta:
        model = TransferOutcome
        fields = (
            "id",
            "url",
            "achievement",
            "year",
            "revenue_wan",
            "profit_wan",
            "product_count",
            "products",
            "jobs",
            "rating",
            "evaluator",
            "summary",
            *COMMON,
        )


class TransferOutcomeViewSet(BaseViewSet):
    """转化与产业化成效 of achievements, one row per achievement and year."""

    queryset = TransferOutcome.objects.select_related("achievement")
    serializer_class = TransferOutcomeSerializer
    filterset_class = TransferOutcomeFilterSet
    ordering_fields = ("year", "revenue_wan")


class SynonymEntrySerializer(BaseSerializer):
    class Meta:
        model = SynonymEntry
        fields = ("id", "url", "industry", "canonical", "variants", "note", *COMMON)


class SynonymEntryViewSet(BaseViewSet):
    """Synonym groups the bureau adds to the matching dictionary."""

    queryset = SynonymEntry.objects.all()
    serializer_class = SynonymEntrySerializer
    filterset_class = SynonymEntryFilterSet


class DemandViewSet(BaseViewSet):
    queryset = Demand.objects.select_related("org", "region")
    serializer_class = DemandSerializer
    filterset_class = DemandFilterSet
    ordering_fields = ("title", "published_on", "deadline", "budget_wan")


class ContractViewSet(BaseViewSet):
    queryset = Contract.objects.select_related("seller_region", "buyer_region")
    serializer_class = ContractSerializer
    filterset_class = ContractFilterSet
    ordering_fields = ("signed_on", "registered_on", "contract_value_wan", "contract_no")


ROUTES = [
    ("achievements", AchievementViewSet),
    ("appraisals", AppraisalViewSet),
    ("trl-assessments", TRLAssessmentViewSet),
    ("demands", DemandViewSet),
    ("matches", MatchRecordViewSet),
    ("transfer-outcomes", TransferOutcomeViewSet),
    ("match-synonyms", SynonymEntryViewSet),
    ("tech-contracts", ContractViewSet),
]
