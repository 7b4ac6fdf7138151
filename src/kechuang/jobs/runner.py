"""Start jobs and run them: `start_job(...)` in a view, `run_job` in the worker.

A job function is a plain function `f(progress, **params) -> dict | None` in a `kechuang.*` module;
`progress(done, total, message="")` reports how far it got. The same function runs from the CLI with
a terminal progress bar (see `kechuang.core.progress`), so a job is never web-only.
"""

import time
import traceback

from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from .models import Job


def start_job(function: str, title: str, user, **params) -> Job:
    """Record a job and queue it once the current transaction commits."""
    if not function.startswith("kechuang."):
        raise ValueError(f"job functions live in kechuang modules, not {function!r}")
    import_string(function)  # fail now, in the request, on a typo
    job = Job.objects.create(function=function, title=title, user=user, params=params)
    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job


class JobProgress:
    """Saves progress on the job row at most every `interval` seconds.

    Progress reported inside an open transaction is kept in memory only: other connections could not
    see it before the commit, and on SQLite the write would wait for the lock.
    """

    def __init__(self, job: Job, interval: float = 0.5):
        self.job = job
        self.interval = interval
        self._saved = 0.0

    def __call__(self, done: int, total: int | None = None, message: str = "") -> None:
        self.job.done = done
        if total is not None:
            self.job.total = total
        if message:
            self.job.message = message[:200]
        now = time.monotonic()
        if now - self._saved >= self.interval and not connection.in_atomic_block:
            self._saved = now
            self.save()

    def save(self) -> None:
        Job.objects.filter(pk=self.job.pk).update(
            done=self.job.done, total=self.job.total, message=self.job.message
        )


def execute(job: Job) -> Job:
    """Run `job` here and now, recording start, progress, result or error."""
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started=timezone.now())
    job.status = Job.Status.RUNNING
    progress = JobProgress(job)
    try:
        function = import_string(job.function)
        result = function(progress, **job.params) or {}
    except Exception as exc:  # the job's own error becomes its result, shown to the user
        job.status = Job.Status.FAILED
        job.error = f"{exc}\n\n{traceback.format_exc(limit=5)}"
        job.message = str(exc)[:200] or type(exc).__name__
    else:
        job.status = Job.Status.DONE
        job.result = result
        job.result_url = result.get("url", "")[:300]
        job.done = max(job.done, job.total)
    job.finished = timezone.now()
    job.save()
    return job


@task()
def run_job(job_id: int) -> str:
    job = Job.objects.get(pk=job_id)
    return execute(job).status
