from datetime import date

from kechuang.web import generic

from .choices import Tier
from .filtersets import AnnualDataFilterSet, EnterpriseFilterSet, QualificationFilterSet
from .forms import AnnualDataForm, EnterpriseForm, QualificationForm
from .models import AnnualData, Enterprise, Qualification
from .services import enterprise_page_context
from .tables import AnnualDataTable, EnterpriseTable, QualificationTable
from .tiers import tiers_by_enterprise


class EnterpriseListView(generic.ObjectListView):
    queryset = Enterprise.objects.select_related("org__region__parent__parent")
    filterset = EnterpriseFilterSet
    table = EnterpriseTable

    def configure_rows(self, rows):
        """Current tier of the rows on this page, from one query over their qualifications."""
        year = date.today().year
        enterprises = list(rows)
        quals = Qualification.objects.filter(enterprise__in=enterprises)
        tiers = tiers_by_enterprise(quals, year)
        for e in enterprises:
            e.current_tier_label = Tier(tiers.get(e.pk, Tier.MICRO)).label


class EnterpriseView(generic.ObjectView):
    queryset = Enterprise.objects.select_related("org__region")

    def extra_context(self, obj):
        from kechuang.cultivation.services import diagnose

        value = self.request.GET.get("year", "")
        year = int(value) if value.isdigit() else None
        return {
            **enterprise_page_context(obj, self.request.user),
            "diagnosis": diagnose(obj, year),
        }


class EnterpriseEditView(generic.ObjectEditView):
    queryset = Enterprise.objects.all()
    form = EnterpriseForm


class AnnualDataListView(generic.ObjectListView):
    queryset = AnnualData.objects.select_related("enterprise__org")
    filterset = AnnualDataFilterSet
    table = AnnualDataTable


class AnnualDataView(generic.ObjectView):
    queryset = AnnualData.objects.select_related("enterprise__org")


class AnnualDataEditView(generic.ObjectEditView):
    queryset = AnnualData.objects.all()
    form = AnnualDataForm


class QualificationListView(generic.ObjectListView):
    queryset = Qualification.objects.select_related("enterprise__org")
    filterset = QualificationFilterSet
    table = QualificationTable


class QualificationView(generic.ObjectView):
    queryset = Qualification.objects.select_related("enterprise__org")


class QualificationEditView(generic.ObjectEditView):
    queryset = Qualification.objects.all()
    form = QualificationForm
