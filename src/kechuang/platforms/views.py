from kechuang.web import generic

from .filtersets import PlatformFilterSet, PlatformReportFilterSet
from .forms import PlatformForm, PlatformReportForm
from .models import Platform, PlatformReport
from .services import platform_detail_context, report_detail_context
from .tables import PlatformReportTable, PlatformTable


class PlatformListView(generic.ObjectListView):
    queryset = Platform.objects.select_related("host", "region__parent__parent")
    filterset = PlatformFilterSet
    table = PlatformTable


class PlatformView(generic.ObjectView):
    queryset = Platform.objects.select_related("host", "region")

    def extra_context(self, obj):
        return platform_detail_context(obj, self.request.user)


class PlatformEditView(generic.ObjectEditView):
    queryset = Platform.objects.all()
    form = PlatformForm


class PlatformReportListView(generic.ObjectListView):
    queryset = PlatformReport.objects.select_related(
        "platform__host", "platform__region__parent__parent"
    )
    filterset = PlatformReportFilterSet
    table = PlatformReportTable


class PlatformReportView(generic.ObjectView):
    queryset = PlatformReport.objects.select_related("platform", "reviewed_by")

    def extra_context(self, obj):
        return report_detail_context(obj, self.request.user)


class PlatformReportEditView(generic.ObjectEditView):
    queryset = PlatformReport.objects.select_related("platform")
    form = PlatformReportForm


class PlatformReportDeleteView(generic.ObjectDeleteView):
    queryset = PlatformReport.objects.select_related("platform")


class PlatformReportChangeLogView(generic.ObjectChangeLogView):
    queryset = PlatformReport.objects.select_related("platform")
