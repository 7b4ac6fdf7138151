from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from kechuang.web import generic

from .choices import ReportStatus
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


@login_required
@require_POST
def review_report(request, pk):
    """审核: the bureau approves a submitted report or returns it with a comment."""
    user = request.user
    if not user.has_perm("platforms.change_platformreport") or user.scope_org_id is not None:
        raise PermissionDenied
    report = get_object_or_404(PlatformReport.objects.restrict(user, "change"), pk=pk)
    decision = request.POST.get("decision")
    comment = request.POST.get("comment", "").strip()
    if report.status != ReportStatus.SUBMITTED:
        messages.error(request, f"只有已提交的年报可以审核，当前为“{report.get_status_display()}”")
    elif decision == "return" and not comment:
        messages.error(request, "退回年报时必须填写审核意见")
    elif decision not in ("approve", "return"):
        messages.error(request, "审核结论只能为通过或退回")
    else:
        report.status = ReportStatus.APPROVED if decision == "approve" else ReportStatus.RETURNED
        report.review_comment = comment
        report.reviewed_by = user
        report.save()
        messages.success(request, f"已{'审核通过' if decision == 'approve' else '退回'}：{report}")
    return redirect(report.get_absolute_url())
