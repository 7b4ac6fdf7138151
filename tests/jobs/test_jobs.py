from django.core.management import call_command
from django.test import TestCase, TransactionTestCase, override_settings

from kechuang.core.testing.personas import Personas
from kechuang.jobs.models import Job
from kechuang.jobs.runner import JobProgress, execute, start_job

COUNTING = "kechuang.core.testing.jobs.counting"


class JobTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()

    def start(self, function=COUNTING, **params):
        with self.captureOnCommitCallbacks(execute=True):
            job = start_job(function, "测试任务", self.city_staff, **params)
        job.refresh_from_db()
        return job

    def test_only_kechuang_functions_run(self):
        with self.assertRaises(ValueError):
            start_job("os.system", "x", self.city_staff)

    def test_it_runs_after_commit_and_keeps_the_result(self):
        job = Job.objects.create(function=COUNTING, title="t", params={"n": 3})
        execute(job)
        job.refresh_from_db()
        assert job.status == Job.Status.DONE
        assert (job.done, job.total, job.percent) == (3, 3, 100.0)
        assert job.result["summary"] == "完成 3 步"
        assert job.result_url == "/done/"

    def test_a_failure_is_recorded_with_its_message(self):
        job = Job.objects.create(function="kechuang.core.testing.jobs.failing", title="t")
        execute(job)
        job.refresh_from_db()
        assert job.status == Job.Status.FAILED
        assert job.message == "第3行数据有误"
        assert "ValueError" in job.error

    def test_progress_is_saved_outside_transactions_only(self):
        job = Job.objects.create(function="x", title="t")
        progress = JobProgress(job, interval=0)
        progress(5, 10, "一半")
        # The test itself runs inside a transaction: nothing is written until it is saved.
        stored = Job.objects.get(pk=job.pk)
        assert (stored.done, stored.message) == (0, "")
        progress.save()
        stored = Job.objects.get(pk=job.pk)
        assert (stored.done, stored.total, stored.message) == (5, 10, "一半")

    def test_the_page_polls_until_done(self):
        job = Job.objects.create(
            function="x", title="测试任务", user=self.city_staff, total=4, done=1
        )
        self.client.force_login(self.city_staff)
        page = self.client.get(job.get_absolute_url())
        self.assertContains(page, 'hx-trigger="every 1s"')
        self.assertContains(page, "25%")
        partial = self.client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
        self.assertNotContains(partial, "<html")
        self.assertContains(partial, 'id="job-status"')
        Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE)
        self.assertNotContains(self.client.get(job.get_absolute_url()), "hx-trigger")

    def test_others_cannot_see_a_job(self):
        job = self.start(n=1)
        self.client.force_login(self.user_a)
        assert self.client.get(job.get_absolute_url()).status_code == 404
        self.assertNotContains(self.client.get("/jobs/"), "测试任务")
        self.client.force_login(self.admin)
        assert self.client.get(job.get_absolute_url()).status_code == 200


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class WorkerTests(Personas, TransactionTestCase):
    """The deployed path: the job is queued in the database and a worker process runs it. The
    worker closes database connections between tasks, so this test runs outside a transaction."""

    def setUp(self):
        self.setup_personas()

    def test_the_database_worker_runs_queued_jobs(self):
        job = start_job(COUNTING, "排队任务", self.city_staff, n=2)
        job.refresh_from_db()
        assert job.status == Job.Status.QUEUED
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
        job.refresh_from_db()
        assert job.status == Job.Status.DONE
        assert job.result["summary"] == "完成 2 步"
