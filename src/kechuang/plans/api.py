from rest_framework import serializers, viewsets

from kechuang.api.base import ScopedQuerysetMixin

from .models import Baseline, Indicator, Plan


class BaselineSerializer(serializers.ModelSerializer):
    class Meta:
        model = Baseline
        fields = ("year", "value", "source")


class IndicatorSerializer(serializers.ModelSerializer):
    baselines = BaselineSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = (
            "id",
            "plan",
            "code",
            "name",
            "section",
            "unit",
            "display_unit",
            "display_factor",
            "decimals",
            "direction",
            "definition",
            "headline",
            "target_year",
            "target_value",
            "baselines",
        )


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = ("id", "code", "name", "region", "start_year", "end_year", "source", "is_default")


class ScopedReadOnlyViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class PlanViewSet(ScopedReadOnlyViewSet):
    queryset = Plan.objects.all()
    serializer_class = PlanSerializer


class IndicatorViewSet(ScopedReadOnlyViewSet):
    queryset = Indicator.objects.prefetch_related("baselines")
    serializer_class = IndicatorSerializer
    filterset_fields = ("plan", "code", "headline")


ROUTES = [("plans", PlanViewSet), ("indicators", IndicatorViewSet)]
