from rest_framework import serializers, viewsets

from kechuang.api.base import ScopedQuerysetMixin

from .filtersets import ResultFilterSet, RunFilterSet, SchemeFilterSet
from .models import Result, Run, Scheme


class SchemeSerializer(serializers.ModelSerializer):
    current_version = serializers.IntegerField(source="current.number", read_only=True)
    definition = serializers.JSONField(source="current.definition", read_only=True)

    class Meta:
        model = Scheme
        fields = (
            "id",
            "code",
            "name",
            "platform_kind",
            "is_example",
            "description",
            "current_version",
            "definition",
        )


class RunSerializer(serializers.ModelSerializer):
    scheme = serializers.CharField(source="scheme_version.scheme.code", read_only=True)
    scheme_version = serializers.IntegerField(source="scheme_version.number", read_only=True)

    class Meta:
        model = Run
        fields = (
            "id",
            "title",
            "scheme",
            "scheme_version",
            "year",
            "population",
            "status",
            "corrects",
            "draws",
            "seed",
            "computed_at",
            "published_at",
            "summary",
        )


class ResultSerializer(serializers.ModelSerializer):
    platform_name = serializers.CharField(source="platform.name", read_only=True)

    class Meta:
        model = Result
        fields = (
            "id",
            "run",
            "platform",
            "platform_name",
            "score",
            "adjustment",
            "final_score",
            "rank",
            "rank_median",
            "rank_low",
            "rank_high",
            "grade",
            "proposal",
            "reasons",
            "exempt_reason",
            "values",
            "node_scores",
            "contributions",
            "imputed",
        )


class SchemeViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Evaluation schemes (指标体系) with their current definition."""

    queryset = Scheme.objects.prefetch_related("versions")
    serializer_class = SchemeSerializer
    filterset_class = SchemeFilterSet


class RunViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Evaluation runs (评价任务); the results are under /results/?run=ID."""

    queryset = Run.objects.select_related("scheme_version__scheme")
    serializer_class = RunSerializer
    filterset_class = RunFilterSet


class ResultViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """One platform's result in a run: score, rank interval, grade, contributions."""

    queryset = Result.objects.select_related("platform")
    serializer_class = ResultSerializer
    filterset_class = ResultFilterSet


ROUTES = [
    ("evaluation/schemes", SchemeViewSet),
    ("evaluation/runs", RunViewSet),
    ("evaluation/results", ResultViewSet),
]
