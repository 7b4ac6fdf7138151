from rest_framework import serializers

from kechuang.api.base import BaseSerializer, BaseViewSet

from .filtersets import (
    CallFilterSet,
    ExpertFilterSet,
    MilestoneFilterSet,
    ProjectFilterSet,
    ProposalFilterSet,
    ReviewFilterSet,
)
from .models import Call, Expert, Milestone, Project, Proposal, Review

COMMON = ("id", "url", "version", "created", "updated")


class CallSerializer(BaseSerializer):
    class Meta:
        model = Call
        fields = (
            *COMMON,
            "year",
            "title",
            "key_field",
            "budget_wan",
            "opens_on",
            "closes_on",
            "status",
            "region",
            "description",
        )
        read_only_fields = ("created", "updated")


class ProposalSerializer(BaseSerializer):
    mean_score = serializers.SerializerMethodField(help_text="未声明回避的专家评分的平均分")

    class Meta:
        model = Proposal
        fields = (
            *COMMON,
            "call",
            "title",
            "applicant",
            "leader_name",
            "team",
            "budget_wan",
            "self_funding_wan",
            "field",
            "status",
            "submitted_on",
            "region",
            "mean_score",
        )
        read_only_fields = ("created", "updated")

    def get_mean_score(self, obj) -> float | None:
        score = obj.mean_score
        return None if score is None else round(float(score), 2)


class ReviewSerializer(BaseSerializer):
    class Meta:
        model = Review
        fields = (
            *COMMON,
            "proposal",
            "expert",
            "score",
            "opinion",
            "conflict_declared",
            "reviewed_on",
        )
        read_only_fields = ("created", "updated")


class ProjectSerializer(BaseSerializer):
    class Meta:
        model = Project
        fields = (
            *COMMON,
            "project_no",
            "title",
            "proposal",
            "call",
            "owner",
            "leader_name",
            "funded_wan",
            "self_funding_wan",
            "starts_on",
            "ends_on",
            "status",
            "region",
        )
        read_only_fields = ("created", "updated")
        extra_kwargs = {"project_no": {"error_messages": {"unique": "项目编号已被其他项目使用"}}}


class MilestoneSerializer(BaseSerializer):
    is_overdue = serializers.BooleanField(read_only=True, help_text="计划日期已过且未完成")

    class Meta:
        model = Milestone
        fields = (
            *COMMON,
            "project",
            "title",
            "due_on",
            "done_on",
            "status",
            "is_overdue",
            "note",
        )
        read_only_fields = ("created", "updated")


class ExpertSerializer(BaseSerializer):
    class Meta:
        model = Expert
        fields = (
            *COMMON,
            "name",
            "org",
            "org_name",
            "disciplines",
            "main_field",
            "title",
            "phone",
            "email",
            "available",
            "conflict_orgs",
            "region",
        )
        read_only_fields = ("created", "updated")

    def validate(self, attrs):
        # Model validation cannot take a many-to-many value; it is set by save().
        conflict_orgs = attrs.pop("conflict_orgs", None)
        attrs = super().validate(attrs)
        if conflict_orgs is not None:
            attrs["conflict_orgs"] = conflict_orgs
        return attrs


class CallViewSet(BaseViewSet):
    queryset = Call.objects.select_related("region")
    serializer_class = CallSerializer
    filterset_class = CallFilterSet
    ordering_fields = ("year", "title", "budget_wan", "opens_on", "closes_on")


class ProposalViewSet(BaseViewSet):
    queryset = (
        Proposal.objects.with_mean_score()
        .select_related("call", "applicant")
        .order_by(*Proposal._meta.ordering)
    )
    serializer_class = ProposalSerializer
    filterset_class = ProposalFilterSet
    ordering_fields = ("title", "submitted_on", "budget_wan", "avg_score")


class ReviewViewSet(BaseViewSet):
    queryset = Review.objects.select_related("proposal", "expert")
    serializer_class = ReviewSerializer
    filterset_class = ReviewFilterSet
    ordering_fields = ("score", "reviewed_on")


class ProjectViewSet(BaseViewSet):
    queryset = Project.objects.select_related("owner", "call")
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    ordering_fields = ("project_no", "title", "starts_on", "ends_on", "funded_wan")


class MilestoneViewSet(BaseViewSet):
    queryset = Milestone.objects.select_related("project")
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilterSet
    ordering_fields = ("due_on", "done_on")


class ExpertViewSet(BaseViewSet):
    queryset = Expert.objects.select_related("org").prefetch_related("conflict_orgs")
    serializer_class = ExpertSerializer
    filterset_class = ExpertFilterSet
    ordering_fields = ("name",)


ROUTES = [
    ("project-calls", CallViewSet),
    ("project-proposals", ProposalViewSet),
    ("project-reviews", ReviewViewSet),
    ("projects", ProjectViewSet),
    ("project-milestones", MilestoneViewSet),
    ("experts", ExpertViewSet),
]
