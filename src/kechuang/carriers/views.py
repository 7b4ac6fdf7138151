from kechuang.web import generic

from . import services
from .filtersets import CarrierFilterSet, FundFilterSet, InvestmentFilterSet, TenancyFilterSet
from .forms import CarrierForm, FundForm, InvestmentForm, TenancyForm
from .models import Carrier, Fund, Investment, Tenancy
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


class CarrierView(generic.ObjectView):
    queryset = Carrier.objects.select_related("operator", "region")

    def extra_context(self, obj):
        figures = services.carrier_yearly_figures(obj)
        tenants = (
            obj.current_tenancies()
            .restrict(self.request.user, "view")
            .select_related("enterprise")
            .order_by("entered_on", "pk")
        )
        return {
            "figures": figures,
            "chart": services.yearly_chart(figures),
            "tenants": CurrentTenantTable(tenants),
            "tenant_count": len(tenants),
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
