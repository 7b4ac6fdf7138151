from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count, F, Max, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kechuang.enterprises.models import Enterprise, Qualification
from kechuang.jobs.runner import start_job
from kechuang.regions.choices import RegionLevel
from kechuang.regions.models import Region
from kechuang.web import generic

from . import services
from .filtersets import EvaluationFilterSet
from .models import Evaluation
from .tables import EvaluationTable

DEFAULT_EXPIRY_MONTHS = 6
FIRST_PIPELINE_YEAR = 2016


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def expiry_months(value: str | None) -> int:
    return (
        int(value) if value and value.isdigit() and 1 <= int(value) <= 36 else DEFAULT_EXPIRY_MONTHS
    )


class EvaluationListView(generic.ObjectListView):
    """后备库: enterprises without a high-tech certificate valid beyond the next N months, closest
    to high-tech eligibility first (fewest failed conditions, then the smallest gap)."""

    queryset = Evaluation.objects.select_related("enterprise__org__region__parent__parent")
    filterset = EvaluationFilterSet
    table = EvaluationTable

    def get(self, request):
        self.months = expiry_months(request.GET.get("months"))
        self.horizon = add_months(date.today(), self.months)
        self.years = list(self.queryset.order_by("-year").values_list("year", flat=True).distinct())
        if "year" not in request.GET and self.years:
            request.GET = request.GET.copy()
            request.GET["year"] = str(self.years[0])
        self.year = request.GET.get("year")
        self.queryset = self.queryset.exclude(high_tech_until__gt=self.horizon).order_by(
            F("high_tech_failed").asc(nulls_last=True),
            F("high_tech_gap_wan").asc(nulls_last=True),
            F("tech_sme_score").desc(nulls_last=True),
            "enterprise__org__name",
        )
        return super().get(request)

    def configure_rows(self, records):
        for ev in records:
            ev.expires_soon = ev.high_tech_until is not None and ev.high_tech_until <= self.horizon

    def list_context(self, queryset):
        counts = queryset.aggregate(
            total=Count("pk"),
            ready=Count("pk", filter=Q(high_tech_failed=0)),
            one_short=Count("pk", filter=Q(high_tech_failed=1)),
            expiring=Count("pk", filter=Q(high_tech_until__gte=date.today())),
            lapsed=Count("pk", filter=Q(high_tech_until__lt=date.today())),
            incomplete=Count("pk", filter=Q(high_tech_assessed=False)),
            computed=Max("computed_at"),
        )
        return {
            "pool": counts,
            "months": self.months,
            "horizon": self.horizon,
            "year": self.year,
            "years": self.years,
            "evaluate_years": list(range(date.today().year - 1, FIRST_PIPELINE_YEAR - 1, -1)),
            "can_evaluate": self.request.user.has_perm("cultivation.change_evaluation"),
        }


@login_required
@permission_required("cultivation.change_evaluation", raise_exception=True)
@require_POST
def evaluate(request):
    """Start the yearly batch in the background and show its progress."""
    year = request.POST.get("year", "")
    if not year.isdigit() or not FIRST_PIPELINE_YEAR <= int(year) <= date.today().year:
        messages.error(
            request,
            _("数据年度应为 %(first)s—%(last)s 之间的年份")
            % {"first": FIRST_PIPELINE_YEAR, "last": date.today().year},
        )
        return redirect("cultivation:evaluation_list")
    job = start_job(
        "kechuang.cultivation.services.evaluate_job",
        _("%(year)s年度企业培育评价") % {"year": year},
        request.user,
        year=int(year),
    )
    return redirect(job)


@login_required
@permission_required("enterprises.view_qualification", raise_exception=True)
def pipeline(request):
    """梯次培育: tiers per year, the flow into the chosen year, one row per county."""
    latest = Qualification.objects.aggregate(y=Max("year"))["y"] or date.today().year
    latest = min(latest, date.today().year)
    value = request.GET.get("year", "")
    year = int(value) if value.isdigit() and FIRST_PIPELINE_YEAR < int(value) <= latest else latest
    enterprises = Enterprise.objects.restrict(request.user)
    counties = list(
        Region.objects.restrict(request.user).filter(level=RegionLevel.COUNTY).order_by("code")
    )
    # One county's pipeline (its own Sankey and totals), or the whole scope.
    chosen = next((c for c in counties if str(c.pk) == request.GET.get("county")), None)
    if chosen is not None:
        enterprises = enterprises.filter(org__region__path__startswith=chosen.path)
    shown = [chosen] if chosen is not None else counties
    data = services.pipeline(enterprises, shown, year, max(FIRST_PIPELINE_YEAR, year - 9))
    context = {
        **data,
        "county_choices": counties,
        "county": chosen,
        "years": list(range(latest, FIRST_PIPELINE_YEAR, -1)),
        "tiers": [(t.value, t.label) for t in services.TIER_ORDER],
    }
    return render(request, "cultivation/pipeline.html", context)
