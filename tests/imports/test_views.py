"""Import pages: upload → background check → preview → confirm → roll back; templates; exports."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from kechuang.core.testing.personas import Personas
from kechuang.enterprises.models import AnnualData, Enterprise
from kechuang.imports.engine import run_import
from kechuang.imports.kinds import get_kind
from kechuang.imports.models import Batch
from kechuang.jobs.models import Job

from .files import xlsx_rows

HEAD = ["统一社会信用代码", "年度", "职工总数", "科技人员数"]


class ImportPagesTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.ent_a = Enterprise.objects.create(org=cls.org_a)
        cls.ent_b = Enterprise.objects.create(org=cls.org_b)

    def upload(self, rows, user, name="年报.xlsx", content=None):
        self.client.force_login(user)
        content = content if content is not None else xlsx_rows([HEAD, *rows])
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("imports:upload"),
                {"kind": "enterprise-annual", "file": SimpleUploadedFile(name, content)},
            )
        job = Job.objects.latest("pk")
        self.assertRedirects(response, job.get_absolute_url(), fetch_redirect_response=False)
        job.refresh_from_db()
        assert job.status == Job.Status.DONE, job.error
        return Batch.objects.latest("pk"), job

    def test_upload_check_confirm_and_roll_back(self):
        AnnualData.objects.create(enterprise=self.ent_a, year=2023, employees=90, st_staff=9)
        batch, job = self.upload(
            [[self.org_a.uscc, 2023, 95, 9], [self.org_a.uscc, 2024, 100, 20]], self.user_a
        )
        assert batch.status == Batch.Status.CHECKED
        assert job.result["summary"] == "预检通过：新增 1，修改 1，未变 0。请确认导入。"
        page = self.client.get(batch.get_absolute_url())
        self.assertContains(page, 'data-testid="confirm"')
        self.assertContains(page, "<del>90</del>", html=False)
        assert AnnualData.objects.count() == 1  # nothing written yet

        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("imports:confirm", args=[batch.pk]))
        batch.refresh_from_db()
        assert batch.status == Batch.Status.COMMITTED
        assert AnnualData.objects.get(year=2023).employees == 95

        response = self.client.post(reverse("imports:rollback", args=[batch.pk]), follow=True)
        self.assertContains(response, "已回滚批次")
        assert list(AnnualData.objects.values_list("year", "employees")) == [(2023, 90)]

    def test_errors_are_listed_and_nothing_is_written(self):
        batch, job = self.upload(
            [[self.org_a.uscc, 2024, 10, 20], [self.org_b.uscc, 2024, 5, 1]], self.user_a
        )
        assert batch.status == Batch.Status.INVALID
        assert "发现 2 处错误" in job.result["summary"]
        page = self.client.get(batch.get_absolute_url())
        self.assertContains(page, "第2行“科技人员数”：科技人员数（20）不能大于职工总数（10）")
        self.assertContains(page, "第3行“统一社会信用代码”不在您的数据范围内")
        self.assertNotContains(page, 'data-testid="confirm"')
        sheet = openpyxl.load_workbook(
            io.BytesIO(self.client.get(reverse("imports:errors", args=[batch.pk])).content)
        ).active
        assert [c.value for c in sheet[1]] == ["工作表", "行", "列", "填写的值", "错误代码", "说明"]
        assert sheet.max_row == 3
        assert AnnualData.objects.count() == 0

    def test_an_unreadable_file_says_why(self):
        batch, _job = self.upload([], self.user_a, name="年报.pdf", content=b"%PDF-1.4")
        assert batch.status == Batch.Status.INVALID
        self.assertContains(self.client.get(batch.get_absolute_url()), "不支持的文件类型")

    def test_batches_are_private_to_their_county(self):
        batch, _job = self.upload([[self.org_a.uscc, 2024, 10, 1]], self.user_a)
        self.client.force_login(self.user_b)
        assert self.client.get(batch.get_absolute_url()).status_code == 404
        assert self.client.post(reverse("imports:confirm", args=[batch.pk])).status_code == 404
        self.client.force_login(self.city_staff)
        assert self.client.get(batch.get_absolute_url()).status_code == 200
        response = self.client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)
        self.assertContains(response, "只有本人上传且预检通过的批次可以确认导入")

    def test_the_upload_form_offers_only_permitted_kinds(self):
        self.client.force_login(self.org_user)
        kinds = [k.name for k in self.client.get(reverse("imports:upload")).context["kinds"]]
        assert "enterprise-annual" in kinds and "orgs" not in kinds
        self.client.force_login(self.outsider)
        assert self.client.get(reverse("imports:upload")).status_code == 403

    def test_template_download(self):
        self.client.force_login(self.user_a)
        response = self.client.get(reverse("imports:template", args=["enterprise-annual"]))
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        assert book.worksheets[0]["A1"].value == "统一社会信用代码"
        assert self.client.get(reverse("imports:template", args=["nonsense"])).status_code == 404

    def test_list_export_in_the_import_layout_is_scoped_and_reimports(self):
        AnnualData.objects.create(enterprise=self.ent_a, year=2024, employees=10, st_staff=2)
        AnnualData.objects.create(enterprise=self.ent_b, year=2024, employees=20, st_staff=4)
        self.client.force_login(self.user_a)
        response = self.client.get(reverse("enterprises:annualdata_list"), {"export": "kind-xlsx"})
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert sheet.max_row == 2 and sheet["A2"].value == self.org_a.uscc
        result = run_import(
            get_kind("enterprise-annual"), response.content, "x.xlsx", self.user_a, dry_run=True
        )
        assert (result.errors, result.unchanged) == ([], 1)
        page = self.client.get(reverse("enterprises:annualdata_list"))
        self.assertContains(page, 'data-testid="export-kind"')

    def test_the_batch_list(self):
        self.upload([[self.org_a.uscc, 2024, 10, 1]], self.user_a)
        response = self.client.get(reverse("imports:batch_list"))
        self.assertContains(response, "年报.xlsx")
        self.assertContains(response, "企业年度数据")
