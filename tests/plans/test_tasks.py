"""规划任务: loaded from the plan's YAML, reported on with history, shown on a board, the dashboard
and in the annual report."""

import io
from datetime import date

import docx
import openpyxl
from django.test import TestCase
from django.urls import reverse

from kechuang.core.testing.personas import Personas
from kechuang.plans import report
from kechuang.plans.loader import BUILTIN_PLAN, load_plan
from kechuang.plans.models import Task


class TaskTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.plan = load_plan(BUILTIN_PLAN, default=True)

    def task(self, code):
        return Task.objects.get(plan=self.plan, code=code)

    def test_the_plan_loads_every_task_of_sections_three_and_four(self):
        top = Task.objects.filter(plan=self.plan, parent=None)
        assert [t.section for t in top] == [
            "三(一)", "三(二)", "三(三)", "三(四)", "三(五)", "三(六)", "三(七)",
            "四(一)", "四(二)", "四(三)", "四(四)",
        ]  # fmt: skip
        assert self.task("3.6.2").parent == self.task("3.6")
        assert self.task("3.6.2").section == "三(六)"  # inherited from the parent
        assert self.plan.tasks_illustrative

    def test_reloading_keeps_reported_progress(self):
        task = self.task("3.1")
        task.status, task.progress, task.latest = "in-progress", 60, "已推进"
        task.save()
        load_plan(BUILTIN_PLAN, default=True)
        task.refresh_from_db()
        assert (task.status, task.progress, task.latest) == ("in-progress", 60, "已推进")

    def test_status_and_progress_must_agree(self):
        self.client.force_login(self.city_staff)
        task = self.task("3.2")
        data = {
            "plan": self.plan.pk, "code": "3.2", "section": "三(二)", "title": task.title,
            "lead": task.lead, "status": "done", "progress": 80, "version": task.version,
        }  # fmt: skip
        r = self.client.post(task.get_url("edit"), data)
        self.assertContains(r, "状态为“已完成”时完成进度应为 100%", status_code=400)
        r = self.client.post(
            task.get_url("edit"), {**data, "status": "not-started", "progress": 10}
        )
        self.assertContains(r, "已有进度的任务不能是“未启动”", status_code=400)
        self.client.post(task.get_url("edit"), {**data, "progress": 100, "latest": "已完成验收"})
        task.refresh_from_db()
        assert (task.status, task.progress) == ("done", 100)
        assert task.history.latest().history_user == self.city_staff

    def test_county_users_see_the_board_but_cannot_edit(self):
        self.client.force_login(self.user_a)
        assert self.client.get(reverse("plans:task_list")).status_code == 200
        assert self.client.get(self.task("3.1").get_url("edit")).status_code == 403

    def test_the_board_counts_statuses_and_overdue_tasks(self):
        late = self.task("3.6.1")  # deadline 2022-12-31
        late.status, late.progress = "delayed", 50
        late.save()
        done = self.task("3.3.1")
        done.status, done.progress = "done", 100
        done.save()
        self.client.force_login(self.city_staff)
        r = self.client.get(reverse("plans:task_list"))
        summary = r.context["summary"]
        by_status = {value: n for value, _label, n in summary["by_status"]}
        assert (by_status["delayed"], by_status["done"]) == (1, 1)
        past = Task.objects.filter(plan=self.plan, deadline__lt=date.today()).exclude(status="done")
        assert summary["overdue"] == past.count()
        r = self.client.get(reverse("plans:task_list"), {"overdue": "true"})
        codes = [t.code for t in r.context["table"].data]
        assert "3.6.1" in codes and "3.3.1" not in codes

    def test_the_dashboard_and_the_report_show_the_tasks(self):
        self.client.force_login(self.city_staff)
        r = self.client.get(reverse("plans:monitor"))
        assert r.context["tasks"]["total"] == Task.objects.filter(plan=self.plan).count()
        document = docx.Document(io.BytesIO(report.docx_report(self.plan, 2024)))
        text = "\n".join(p.text for p in document.paragraphs)
        assert "五、重点任务推进情况" in text and "牵头单位与时限为示意" in text
        cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
        assert "推进一流创新成果转化" in cells
        book = openpyxl.load_workbook(io.BytesIO(report.xlsx_report(self.plan, 2024)))
        rows = list(book["重点任务"].iter_rows(values_only=True))
        assert rows[0][:3] == ("编号", "任务", "牵头单位") and len(rows) == 1 + Task.objects.count()
