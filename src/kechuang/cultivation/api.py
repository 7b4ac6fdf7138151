from rest_framework import serializers, viewsets

from kechuang.api.base import ScopedQuerysetMixin

from .filtersets import EvaluationFilterSet
from .models import Evaluation


class EvaluationSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.org.name", read_only=True)

    class Meta:
        model = Evaluation
        fields = (
            "id",
            "enterprise",
            "enterprise_name",
            "year",
            "tier",
            "tech_sme_eligible",
            "tech_sme_score",
            "high_tech_eligible",
            "high_tech_assessed",
            "high_tech_failed",
            "high_tech_gap_wan",
            "high_tech_until",
            "to_fix",
            "missing",
            "result",
            "policy_versions",
            "computed_at",
        )


class EvaluationViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Stored cultivation results (后备库), recomputed by the yearly batch."""

    queryset = Evaluation.objects.select_related("enterprise__org")
    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilterSet


ROUTES = [("cultivation/evaluations", EvaluationViewSet)]
