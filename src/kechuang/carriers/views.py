from datetime import date

from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Max, Min
from django.shortcuts import render

from kechuang.regions.choices import RegionLevel
from kechuang.regions.models import Region
from kechuang.web import generic

from . import incubation, services
from .choices import CarrierKind
from .diagnosis import diagnose
from .filtersets import CarrierFilterSet, FundFilterSet, InvestmentFilterSet, TenancyFilterSet
from .forms import CarrierForm, FundForm, InvestmentForm, TenancyForm
from .models import Carrier, Fund, Investment, Tenancy
from .rules import load_rules
from .tables import (
    CarrierTable,
    CurrentTenantTable,
    FundInvestmentTable,
    FundTable,
    InvestmentTable,
    TenancyTable,
)

REGION = "region__parent__parent"


# 孵化载体
class CarrierListView(generic.ObjectListView):
    queryset = Carrier.objects.select_related("operator", REGION)
    filterset = CarrierFilterSet
    table = CarrierTable

    def dispatch(self, request, *args, **kwargs):
        # "Current" tenants are counted as of the day of the request.
        self.queryset = self.queryset.with_tenant_counts()
        return super().dispatch(request, *args, **kwargs)


def chosen_year(request, tenancies) -> tuple[int, list[int]]:
    """The statistical year asked for (?year=), defaulting to the latest year with stays (not
    after this year), and the years to offer, latest first."""
    this_year = date.today().year
    span = tenancies.order_by().aggregate(first=Min("entered_on"), last=Max("entered_on"))
    first = min(span["first"].year if span["first"] else this_year, services.DEFAULT_YEARS[0])
    latest = min(span["last"].year if span["last"] else this_year, this_year)
    latest = max(latest, first)
    value = request.GET.get("year", "")
    year = int(value) if value.isdigit() and first <= int(value) <= this_year else latest
    return year, list(range(max(latest, year), first - 1, -1))


class CarrierView(generic.ObjectView):
    queryset = Carrier.objects.select_related("operator", "region")

    def extra_context(self, obj):
        user = self.request.user
        # Every figure on the page counts only the stays and investments the user may see.
        stays = Tenancy.objects.restrict(user).filter(carrier=obj)
        figures = services.yearly_figures(stays, user=user)
        year, years = chosen_year(self.request, stays)
        data = incubation.load(stays, year, user)
        annual = incubation.carrier_year(data)
        stages = incubation.funnel_stages(incubation.stage_sets(data, data.stays))
        tenants = (
            obj.current_tenancies()
            .restrict(user, "view")
            .select_related("enterprise")
            .order_by("entered_on", "pk")
        )
        return {
            "figures": figures,
            "chart": services.yearly_chart(figures),
            "tenants": CurrentTenantTable(tenants),
            "tenant_count": len(tenants),
            "year": year,
            "years": years,
            "annual": annual,
            "diagnoses": diagnose(obj, annual),
            "rules": load_rules(),
            "stages": stages,
            "funnel_chart": incubation.funnel_chart(stages, f"孵化链条（截至{year}年末）"),
            "financing": incubation.financing(data, data.stays, stages[0].count),
        }


class CarrierEditView(generic.ObjectEditView):
    queryset = Carrier.objects.all()
    form = CarrierForm


# 在孵企业
class TenancyListView(generic.ObjectListView):
    queryset = Tenancy.objects.select_related("enterprise", "carrier__" + REGION)
    filterset = TenancyFilterSet
    table = TenancyTable


class TenancyView(generic.ObjectView):
    queryset = Tenancy.objects.select_related("enterprise", "carrier")


class TenancyEditView(generic.ObjectEditView):
    queryset = Tenancy.objects.select_related("enterprise", "carrier")
    form = TenancyForm


class TenancyDeleteView(generic.ObjectDeleteView):
    queryset = Tenancy.objects.select_related("enterprise", "carrier")


class TenancyChangeLogView(generic.ObjectChangeLogView):
    queryset = Tenancy.objects.select_related("enterprise", "carrier")


# 创投基金
class FundListView(generic.ObjectListView):
    queryset = Fund.objects.with_invested().select_related("manager", REGION)
    filterset = FundFilterSet
    table = FundTable


class FundView(generic.ObjectView):
    queryset = Fund.objects.select_related("manager", "region")

    def extra_context(self, obj):
        investments = obj.investments.select_related("enterprise", "carrier").order_by(
            "-invested_on", "pk"
        )
        total = obj.invested_total()
        share = float(total / obj.size_wan) if obj.size_wan else 0.0
        return {
            "fields": [
                {**f, "value": obj.focus_industry_labels} if f["name"] == "focus_industries" else f
                for f in generic.object_fields(obj, self.request.user)
            ],
            "investments": FundInvestmentTable(investments),
            "investment_count": len(investments),
            "invested_total": total,
            "remaining": obj.size_wan - total,
            "invested_percent": round(share * 100, 1),
        }


class FundEditView(generic.ObjectEditView):
    queryset = Fund.objects.all()
    form = FundForm


# 投资记录
class InvestmentListView(generic.ObjectListView):
    queryset = Investment.objects.select_related("fund__" + REGION, "enterprise", "carrier")
    filterset = InvestmentFilterSet
    table = InvestmentTable


class InvestmentView(generic.ObjectView):
    queryset = Investment.objects.select_related("fund", "enterprise", "carrier")


class InvestmentEditView(generic.ObjectEditView):
    queryset = Investment.objects.select_related("fund", "enterprise")
    form = InvestmentForm


class InvestmentDeleteView(generic.ObjectDeleteView):
    queryset = Investment.objects.select_related("fund", "enterprise")


class InvestmentChangeLogView(generic.ObjectChangeLogView):
    queryset = Investment.objects.select_related("fund", "enterprise")


# 孵化链条
@login_required
@permission_required("carriers.view_tenancy", raise_exception=True)
def funnel(request):
    """孵化链条漏斗: entered → incubating → graduated → high-tech → above-scale for the city (or a
    county, a carrier kind), the chain by kind, financing, carriers ranked, data quality."""
    user = request.user
    tenancies = Tenancy.objects.restrict(user)
    year, years = chosen_year(request, tenancies)
    counties = list(Region.objects.restrict(user).filter(level=RegionLevel.COUNTY).order_by("code"))
    county = next((c for c in counties if str(c.pk) == request.GET.get("county")), None)
    if county is not None:
        tenancies = tenancies.filter(carrier__region__path__startswith=county.path)
    kind = request.GET.get("kind") if request.GET.get("kind") in CarrierKind.values else None
    data = incubation.load(tenancies, year, user)
    carriers = Carrier.objects.filter(pk__in={s.carrier_id for s in data.stays}).select_related(
        REGION
    )
    result = incubation.funnel(data, kind, carriers)
    unmet, unrecorded = incubation.graduation_flags(data, kind)
    scope = county.name if county else "全市"
    if kind:
        scope += f"·{CarrierKind(kind).label}"
    context = {
        "funnel": result,
        "chart": incubation.funnel_chart(result.stages, f"{scope}孵化链条（截至{year}年末）"),
        "year": year,
        "years": years,
        "county": county,
        "county_choices": counties,
        "kind": kind,
        "kind_choices": CarrierKind.choices,
        "scope": scope,
        "unmet": unmet[:FLAG_LIMIT],
        "unmet_count": len(unmet),
        "unrecorded": unrecorded[:FLAG_LIMIT],
        "unrecorded_count": len(unrecorded),
        "rules": load_rules(),
    }
    return render(request, "carriers/funnel.html", context)


FLAG_LIMIT = 50
