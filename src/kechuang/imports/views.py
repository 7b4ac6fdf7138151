import hashlib

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kechuang.core.scoping import permission_name
from kechuang.jobs.runner import start_job
from kechuang.web import generic

from . import workbook
from .engine import RollbackRefused, rollback
from .filtersets import BatchFilterSet
from .kinds import get_kind, registry
from .models import Batch
from .tables import BatchTable

MAX_UPLOAD_MB = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def kinds_for(user) -> list:
    """The kinds whose records the user may add and change."""
    out = []
    for name in registry():
        kind = get_kind(name)
        if all(user.has_perm(permission_name(kind.model, a)) for a in ("add", "change")):
            out.append(kind)
    return out


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("导入类型"))
    file = forms.FileField(
        label=gettext_lazy("文件"),
        help_text=gettext_lazy("xlsx、xls、ods 或 csv（UTF-8 / GBK），不超过 50 MB"),
    )

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.name, k.title) for k in kinds]
        self.fields["kind"].widget.attrs["class"] = "form-select"
        self.fields["file"].widget.attrs.update(
            {"class": "form-control", "accept": ".xlsx,.xlsm,.xls,.ods,.csv,.txt"}
        )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(_("文件超过 %(n)s MB") % {"n": MAX_UPLOAD_MB})
        return f


@login_required
@permission_required("imports.add_batch", raise_exception=True)
def upload(request):
    """上传: choose the kind, upload the file; the check runs in the background."""
    kinds = kinds_for(request.user)
    if not kinds:
        raise PermissionDenied
    initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") else None
    form = UploadForm(request.POST or None, request.FILES or None, kinds=kinds, initial=initial)
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        batch = Batch.objects.create(
            kind=form.cleaned_data["kind"],
            file_name=form.cleaned_data["file"].name[:255],
            file_hash=hashlib.sha256(content).hexdigest(),
            content=content,
            user=request.user,
        )
        job = start_job(
            "kechuang.imports.jobs.check_job",
            _("预检：%(file)s") % {"file": batch.file_name},
            request.user,
            batch_id=batch.pk,
        )
        return redirect(job)
    return render(request, "imports/upload.html", {"form": form, "kinds": kinds})


@login_required
@permission_required("imports.view_batch", raise_exception=True)
def download_template(request, kind: str):
    if kind not in registry():
        raise Http404
    content = workbook.template(get_kind(kind))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="template-{kind}.xlsx"'
    return response


class BatchListView(generic.ObjectListView):
    queryset = Batch.objects.select_related("user").defer("content", "errors", "preview")
    filterset = BatchFilterSet
    table = BatchTable


@login_required
def batch(request, pk: int):
    """A batch: counts, every error, the preview of changes; confirm or roll back."""
    obj = get_object_or_404(Batch.objects.restrict(request.user).select_related("user"), pk=pk)
    kind = registry().get(obj.kind)
    earlier = (
        Batch.objects.filter(file_hash=obj.file_hash, status=Batch.Status.COMMITTED)
        .exclude(pk=obj.pk)
        .order_by("-committed_at")
        .first()
    )
    context = {
        "batch": obj,
        "kind": kind.bind() if kind else None,
        "earlier": earlier,
        "can_confirm": obj.status == Batch.Status.CHECKED and obj.user_id == request.user.pk,
        "can_rollback": obj.status == Batch.Status.COMMITTED and _may_roll_back(request.user, obj),
        "conflicts": request.session.pop("rollback_conflicts", None),
    }
    return render(request, "imports/batch.html", context)


def _may_roll_back(user, obj) -> bool:
    kind = registry().get(obj.kind)
    if kind is None:
        return False
    model = kind.bind().model
    perms = ("delete", "change") if obj.new else ("change",)
    return obj.user_id == user.pk or all(user.has_perm(permission_name(model, a)) for a in perms)


@login_required
@require_POST
def confirm(request, pk: int):
    obj = get_object_or_404(Batch.objects.restrict(request.user), pk=pk)
    if obj.status != Batch.Status.CHECKED or obj.user_id != request.user.pk:
        messages.error(request, _("只有本人上传且预检通过的批次可以确认导入"))
        return redirect(obj)
    job = start_job(
        "kechuang.imports.jobs.commit_job",
        _("导入：%(file)s") % {"file": obj.file_name},
        request.user,
        batch_id=obj.pk,
    )
    return redirect(job)


@login_required
@require_POST
def roll_back(request, pk: int):
    obj = get_object_or_404(Batch.objects.restrict(request.user), pk=pk)
    if not _may_roll_back(request.user, obj):
        raise PermissionDenied
    try:
        n = rollback(obj, request.user)
    except RollbackRefused as exc:
        messages.error(request, str(exc))
        request.session["rollback_conflicts"] = exc.conflicts[:200]
    else:
        messages.success(
            request, _("已回滚批次 #%(pk)s：恢复 %(n)s 条记录") % {"pk": obj.pk, "n": n}
        )
    return redirect(obj)


@login_required
def errors_xlsx(request, pk: int):
    """Every error of a batch as a spreadsheet (to fix the file against)."""
    obj = get_object_or_404(Batch.objects.restrict(request.user), pk=pk)
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("错误清单")
    head = book.add_format({"bold": True, "bg_color": "#EEF2F7", "border": 1})
    sheet.write_row(0, 0, ["工作表", "行", "列", "填写的值", "错误代码", "说明"], head)
    for r, e in enumerate(obj.errors, start=1):
        sheet.write_row(
            r,
            0,
            [
                e.get("sheet"),
                e.get("row"),
                e.get("column"),
                e.get("value"),
                e.get("code"),
                e.get("message"),
            ],
        )
    sheet.set_column(0, 3, 16)
    sheet.set_column(5, 5, 70)
    book.close()
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="errors-{obj.pk}.xlsx"'
    return response
