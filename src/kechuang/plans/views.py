from django.shortcuts import get_object_or_404

from kechuang.web import generic

from .models import Plan


class PlanView(generic.ObjectView):
    queryset = Plan.objects.select_related("region")

    def extra_context(self, obj):
        return {"indicators": indicator_rows(obj)}


def indicator_rows(plan) -> list[dict]:
    rows = []
    for ind in plan.indicators.prefetch_related("baselines"):
        baselines = [{"year": b.year, "value": ind.display(b.value)} for b in ind.baselines.all()]
        rows.append(
            {
                "indicator": ind,
                "baselines": baselines,
                "target": ind.display(ind.target_value) if ind.target_value else None,
            }
        )
    return rows


class DefaultPlanView(PlanView):
    """规划指标: the default plan's page."""

    def get(self, request):
        plan = get_object_or_404(self.queryset.filter(is_default=True))
        return PlanView.get(self, request, plan.pk)
