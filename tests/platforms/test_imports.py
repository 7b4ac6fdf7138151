"""Import kinds `platforms` and `platform-reports`: template, upsert by natural key, round trip,
scope and the model rules that name their column."""

from django.test import TestCase

from kechuang.core.testing.imports import KindTests, first_sheet, reimport_export, run
from kechuang.core.testing.personas import Personas
from kechuang.platforms.imports import KINDS
from kechuang.platforms.models import Platform, PlatformReport

from .helpers import make_platform

PLATFORM_HEAD = ["平台编号", "平台名称", "平台类型", "级别", "依托单位统一社会信用代码", "区划代码"]
PLATFORM_HEAD += ["重点产业", "认定日期"]
REPORT_HEAD = [
    "平台编号",
    "平台名称",
    "年度",
    "固定人员（人）",
    "研究人员（人）",
    "研发投入（万元）",
]


class PlatformImportTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()

    def rows(self):
        return [
            PLATFORM_HEAD,
            [
                "PT-A-1",
                "甲示例工程中心",
                "工程技术研究中心",
                "市级",
                self.org_a.uscc,
                "410402001",
                "尼龙新材料",
                "2020-06-01",
            ],
            [
                "PT-B-1",
                "乙示例实验室",
                "重点实验室",
                "省级",
                self.org_b.uscc,
                "410422100",
                "其他",
                "2021/3/1",
            ],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("platforms")
        assert [c.value for c in sheet[1]][:3] == ["平台编号", "平台名称", "平台类型"]
        assert sheet["A2"].value == "PT-2020-0001"

    def test_it_imports_then_changes_nothing(self):
        assert run("platforms", self.rows(), self.city_staff).written
        platform = Platform.objects.get(code="PT-A-1")
        assert (platform.host, platform.region, platform.kind) == (
            self.org_a,
            self.town_a,
            "engineering-center",
        )
        assert platform.status_since.isoformat() == "2020-06-01"
        assert run("platforms", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("platforms", self.rows())
        _content, result = reimport_export("platforms", Platform.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_platform(self):
        result = run("platforms", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Platform.objects.count() == 0

    def test_it_maps_the_revocation_rule_to_its_column(self):
        rows = self.rows()[:2]
        rows[0] = [*rows[0], "运行状态"]
        rows[1] = [*rows[1], "撤销"]
        [err] = run("platforms", rows).errors
        assert err["column"] == "撤销日期"
        assert err["message"] == "第2行“撤销日期”：运行状态为“撤销”时必须填写撤销日期"

    def test_it_keeps_platform_codes_unique_in_the_file(self):
        rows = self.rows()
        rows[2][0] = "PT-A-1"
        err = run("platforms", rows).errors[0]
        assert err["code"] == "duplicate" and err["column"] == "平台编号"
        assert err["message"].startswith("第3行“平台编号”与第2行重复")


class PlatformReportImportTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.platform_a = make_platform("甲示例工程中心", cls.org_a, code="PT-A-1")
        cls.platform_b = make_platform("乙示例实验室", cls.org_b, code="PT-B-1")

    def rows(self):
        return [
            REPORT_HEAD,
            ["PT-A-1", "甲示例工程中心", 2024, 30, 20, "520.5"],
            ["PT-B-1", "乙示例实验室", "2024年", 12, 8, 100],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("platform-reports")
        assert [c.value for c in sheet[1]][:3] == ["平台编号", "平台名称", "年度"]
        assert sheet["C2"].value == 2024

    def test_it_imports_then_changes_nothing(self):
        assert run("platform-reports", self.rows(), self.city_staff).written
        report = PlatformReport.objects.get(platform=self.platform_a)
        assert (report.year, report.staff, str(report.rd_spend_wan)) == (2024, 30, "520.50")
        assert report.status == "draft"
        assert run("platform-reports", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("platform-reports", self.rows())
        qs = PlatformReport.objects.select_related("platform")
        _content, result = reimport_export("platform-reports", qs)
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_report(self):
        result = run("platform-reports", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert PlatformReport.objects.count() == 0

    def test_an_organisation_user_cannot_change_a_submitted_report(self):
        run("platform-reports", self.rows()[:2], self.city_staff)
        report = PlatformReport.objects.get(platform=self.platform_a)
        rows = self.rows()[:2]
        rows[1][3] = 31
        assert run("platform-reports", rows, self.org_user).changed == 1  # a draft: theirs to edit
        report.refresh_from_db()
        report.status = "submitted"
        report.save()
        rows[1][3] = 32
        result = run("platform-reports", rows, self.org_user)
        [err] = result.errors
        assert (err["row"], err["column"], err["code"]) == (2, "平台编号", "refused")
        assert "该年报已提交，单位用户不能再修改" in err["message"]
        report.refresh_from_db()
        assert (report.staff, result.written) == (31, False)
        # Unchanged rows are no change: re-sending what is stored is not refused.
        rows[1][3] = 31
        assert run("platform-reports", rows, self.org_user).unchanged == 1
        # The bureau may still correct it.
        rows[1][3] = 32
        assert run("platform-reports", rows, self.city_staff).changed == 1

    def test_it_maps_the_staff_rule_to_its_column(self):
        rows = self.rows()
        rows[2][4] = 15  # more researchers than staff
        [err] = run("platform-reports", rows).errors
        assert (err["row"], err["column"]) == (3, "研究人员（人）")
        assert err["message"].startswith("第3行“研究人员（人）”：研究人员（人）（15）不能大于")


class TemplateTests(KindTests, TestCase):
    kinds = KINDS
