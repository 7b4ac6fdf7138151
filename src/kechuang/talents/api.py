from kechuang.api.base import BaseSerializer, BaseViewSet

from . import filtersets
from .models import (
    Assessment,
    Assignment,
    Commissioner,
    Honour,
    ServiceLog,
    Talent,
    Team,
    TeamMember,
)

COMMON = ("id", "url", "version", "created", "updated")


class TalentsSerializer(BaseSerializer):
    """Unique constraints are checked by the model (Chinese messages), not by DRF's validators."""

    class Meta:
        read_only_fields = ("created", "updated")
        validators = []


class TalentSerializer(TalentsSerializer):
    class Meta(TalentsSerializer.Meta):
        model = Talent
        fields = (
            *COMMON,
            "name",
            "gender",
            "birth_year",
            "id_number",
            "phone",
            "category",
            "title",
            "education",
            "field",
            "industry",
            "org",
            "region",
            "description",
        )
        # The ID check runs in the model's full_clean() (BaseSerializer.validate), after a masked
        # value sent back unchanged has been replaced by the stored one; a field-level check
        # would refuse the masked value first.
        extra_kwargs = {"id_number": {"validators": []}}


class HonourSerializer(TalentsSerializer):
    class Meta(TalentsSerializer.Meta):
        model = Honour
        fields = (*COMMON, "talent", "name", "level", "year")


class TeamSerializer(TalentsSerializer):
    class Meta(TalentsSerializer.Meta):
        model = Team
        fields = (
            *COMMON,
            "name",
            "leader",
            "members",
            "org",
            "region",
            "field",
            "industry",
            "founded_year",
            "description",
        )
        read_only_fields = ("created", "updated", "members")


class TeamMemberSerializer(TalentsSerializer):
    class Meta(TalentsSerializer.Meta):
        model = TeamMember
        fields = (*COMMON, "team", "talent", "role", "joined_year")


class CommissionerSerializer(TalentsSerializer):
    class Meta(TalentsSerializer.Meta):
        model = Commissioner
        fields = (
            *COMMON,
            "kind",
            "talent",
            "name",
            "level",
            "home_org",
            "speciality",
            "region",
            "active",
        )


class AssignmentSerializer(TalentsSerializer):
    class Meta(TalentsSerializer.Meta):
        model = Assignment
        fields = (*COMMON, "commissioner", "region", "start_year", "end_year")


class ServiceLogSerializer(TalentsSerializer):
    class Meta(TalentsSerializer.Meta):
        model = ServiceLog
        fields = (*COMMON, "commissioner", "date", "days", "region", "content", "beneficiaries")


class AssessmentSerializer(TalentsSerializer):
    class Meta(TalentsSerializer.Meta):
        model = Assessment
        fields = (*COMMON, "commissioner", "year", "result", "comment")


class TalentViewSet(BaseViewSet):
    queryset = Talent.objects.select_related("org", "region")
    serializer_class = TalentSerializer
    filterset_class = filtersets.TalentFilterSet
    ordering_fields = ("name", "birth_year", "category")


class HonourViewSet(BaseViewSet):
    queryset = Honour.objects.select_related("talent")
    serializer_class = HonourSerializer
    filterset_class = filtersets.HonourFilterSet
    ordering_fields = ("year", "name")


class TeamViewSet(BaseViewSet):
    queryset = Team.objects.select_related("leader", "org", "region").prefetch_related("members")
    serializer_class = TeamSerializer
    filterset_class = filtersets.TeamFilterSet
    ordering_fields = ("name", "founded_year")


class TeamMemberViewSet(BaseViewSet):
    queryset = TeamMember.objects.select_related("team", "talent")
    serializer_class = TeamMemberSerializer
    filterset_class = filtersets.TeamMemberFilterSet
    ordering_fields = ("joined_year",)


class CommissionerViewSet(BaseViewSet):
    queryset = Commissioner.objects.select_related("talent", "home_org", "region")
    serializer_class = CommissionerSerializer
    filterset_class = filtersets.CommissionerFilterSet
    ordering_fields = ("name", "level")


class AssignmentViewSet(BaseViewSet):
    queryset = Assignment.objects.select_related("commissioner", "region")
    serializer_class = AssignmentSerializer
    filterset_class = filtersets.AssignmentFilterSet
    ordering_fields = ("start_year", "end_year")


class ServiceLogViewSet(BaseViewSet):
    queryset = ServiceLog.objects.select_related("commissioner", "region")
    serializer_class = ServiceLogSerializer
    filterset_class = filtersets.ServiceLogFilterSet
    ordering_fields = ("date", "days", "beneficiaries")


class AssessmentViewSet(BaseViewSet):
    queryset = Assessment.objects.select_related("commissioner")
    serializer_class = AssessmentSerializer
    filterset_class = filtersets.AssessmentFilterSet
    ordering_fields = ("year", "result")


ROUTES = [
    ("talents", TalentViewSet),
    ("honours", HonourViewSet),
    ("teams", TeamViewSet),
    ("team-members", TeamMemberViewSet),
    ("commissioners", CommissionerViewSet),
    ("assignments", AssignmentViewSet),
    ("service-logs", ServiceLogViewSet),
    ("assessments", AssessmentViewSet),
]
