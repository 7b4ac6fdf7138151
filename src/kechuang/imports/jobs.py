"""Job functions (kechuang.jobs) for the web: check a stored upload, then write it."""

from django.utils.translation import gettext as _

from .engine import ReadError, run_import
from .kinds import get_kind
from .models import Batch


def _run(progress, batch_id: int, dry_run: bool) -> dict:
    batch = Batch.objects.select_related("user").get(pk=batch_id)
    try:
        result = run_import(
            get_kind(batch.kind),
            bytes(batch.content),
            batch.file_name,
            batch.user,
            dry_run=dry_run,
            progress=progress,
            batch=batch,
        )
    except ReadError as exc:
        batch.status = Batch.Status.INVALID
        batch.errors = [
            {
                "sheet": "",
                "row": None,
                "column": "",
                "value": "",
                "code": "unreadable",
                "message": str(exc),
            }
        ]
        batch.error_count = 1
        batch.save(update_fields=["status", "errors", "error_count"])
        return {"summary": str(exc), "url": batch.get_absolute_url()}
    if result.errors:
        summary = _("发现 %(n)s 处错误，未写入任何数据。") % {"n": len(result.errors)}
    elif result.written:
        summary = (
            _("已导入：新增 %(new)s，修改 %(changed)s，未变 %(unchanged)s。") % result.as_json()
        )
    else:
        summary = (
            _("预检通过：新增 %(new)s，修改 %(changed)s，未变 %(unchanged)s。请确认导入。")
            % result.as_json()
        )
    return {"summary": summary, "url": batch.get_absolute_url()}


def check_job(progress, batch_id: int) -> dict:
    return _run(progress, batch_id, dry_run=True)


def commit_job(progress, batch_id: int) -> dict:
    return _run(progress, batch_id, dry_run=False)
