"""Import kinds `calls`, `proposals`, `projects`, `milestones` and `experts`: template, upsert by
natural key, round trip, scope, personal data in exports and the model rules that name their
column."""

import io
from datetime import date

import openpyxl
from django.test import TestCase

from kechuang.core.testing.imports import KindTests, first_sheet, reimport_export, run
from kechuang.core.testing.personas import Personas
from kechuang.projects.imports import KINDS
from kechuang.projects.models import Call, Expert, Milestone, Project, Proposal

from .fixtures import make_call, make_project


def errors_by_column(result):
    return {e["column"]: e["message"] for e in result.errors}


class TemplateTests(KindTests, TestCase):
    kinds = KINDS
    every_example_fails_a_lookup = False  # a call looks up only its region, which exists


class CallImportTests(Personas, TestCase):
    HEAD = ["指南名称", "年度", "重点领域", "经费预算（万元）", "申报开始日期", "申报截止日期"]
    HEAD += ["状态", "发布单位区划代码"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()

    def rows(self):
        return [
            self.HEAD,
            ["甲县指南", 2024, "尼龙新材料", 500, "2024-03-01", "2024-04-30", "征集中", "410402"],
            ["乙县指南", 2024, "电气装备", 300, "2024/5/1", "2024年6月30日", "草稿", "410422"],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("calls")
        assert [c.value for c in sheet[1]][:3] == ["指南名称", "年度", "重点领域"]
        assert sheet["B2"].value == 2024

    def test_it_imports_then_changes_nothing(self):
        assert run("calls", self.rows(), self.city_staff).written
        call = Call.objects.get(title="乙县指南")
        assert (call.region, call.key_field, call.closes_on) == (
            self.county_b,
            "electrical",
            date(2024, 6, 30),
        )
        assert run("calls", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("calls", self.rows())
        _content, result = reimport_export("calls", Call.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_call(self):
        result = run("calls", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Call.objects.count() == 0

    def test_it_wants_the_closing_date_after_the_opening(self):
        rows = self.rows()
        rows[1][5] = "2024-02-01"
        [err] = run("calls", rows).errors
        assert err["message"] == (
            "第2行“申报截止日期”：申报截止日期（2024-02-01）不能早于申报开始日期（2024-03-01）"
        )


class ProposalImportTests(Personas, TestCase):
    HEAD = ["课题名称", "课题指南", "申报单位统一社会信用代码", "负责人", "申请经费（万元）"]
    HEAD += ["技术领域", "申报日期", "区划代码"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.call = make_call(cls.city, "2024年度示例指南")  # open 2024-03-01 to 2024-04-30

    def rows(self):
        title = self.call.title
        return [
            self.HEAD,
            ["甲课题", title, self.org_a.uscc, "张某", 200, "新材料", "2024-03-10", "410402001"],
            ["乙课题", title, self.org_b.uscc, "李某", 150, "电子信息", "2024-03-12", "410422100"],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("proposals")
        assert [c.value for c in sheet[1]][:3] == [
            "课题名称",
            "课题指南",
            "申报单位统一社会信用代码",
        ]
        assert sheet["B2"].value == "2024年度尼龙新材料及应用重大专项指南"

    def test_it_imports_then_changes_nothing(self):
        assert run("proposals", self.rows(), self.city_staff).written
        proposal = Proposal.objects.get(title="甲课题")
        assert (proposal.call, proposal.applicant, proposal.region, proposal.status) == (
            self.call,
            self.org_a,
            self.town_a,
            "submitted",
        )
        assert run("proposals", self.rows(), self.city_staff).unchanged == 2

    def test_a_title_shared_by_two_calls_is_an_error_not_a_guess(self):
        make_call(self.city, self.call.title, year=2023)
        result = run("proposals", self.rows()[:2], self.city_staff)
        [err] = result.errors
        assert (err["row"], err["column"], err["code"]) == (2, "课题指南", "ambiguous")
        assert err["message"].startswith("第2行“课题指南”对应系统中多条")

    def test_a_blank_region_keeps_the_stored_one_on_reimport(self):
        rows = self.rows()[:2]
        rows[1][7] = ""
        assert run("proposals", rows, self.city_staff).written
        again = run("proposals", rows, self.city_staff)
        assert (again.errors, again.unchanged) == ([], 1)

    def test_it_takes_the_region_from_the_applicant_when_blank(self):
        rows = self.rows()[::2]
        rows[1][7] = ""
        assert run("proposals", rows, self.user_b).written  # scope checked on the derived region
        assert Proposal.objects.get(title="乙课题").region == self.town_b

    def test_it_reimports_an_export_unchanged(self):
        run("proposals", self.rows())
        _content, result = reimport_export("proposals", Proposal.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_proposal(self):
        result = run("proposals", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Proposal.objects.count() == 0

    def test_it_wants_the_submission_within_the_call(self):
        rows = self.rows()
        rows[2][6] = "2024-05-10"
        [err] = run("proposals", rows).errors
        assert err["message"] == (
            "第3行“申报日期”：申报日期（2024-05-10）应在课题指南“2024年度示例指南”的申报期"
            " 2024-03-01 至 2024-04-30 之内"
        )


class ProjectImportTests(Personas, TestCase):
    HEAD = ["项目编号", "项目名称", "课题指南", "承担单位统一社会信用代码", "负责人"]
    HEAD += ["财政资助（万元）", "开始日期", "结束日期", "状态", "区划代码"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.call = make_call(cls.city, "2024年度示例指南")

    def rows(self):
        return [
            self.HEAD,
            [
                "XM-A-1",
                "甲项目",
                self.call.title,
                self.org_a.uscc,
                "张某",
                100,
                "2024-07-01",
                "2026-06-30",
                "在研",
                "410402001",
            ],
            [
                "XM-B-1",
                "乙项目",
                "",
                self.org_b.uscc,
                "李某",
                50.5,
                "2023-01-01",
                "2024-12-31",
                "结题",
                "410422100",
            ],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("projects")
        assert [c.value for c in sheet[1]][:3] == ["项目编号", "项目名称", "课题指南"]
        assert sheet["A2"].value == "PDSKJ-2024-001"

    def test_it_imports_then_changes_nothing(self):
        assert run("projects", self.rows(), self.city_staff).written
        project = Project.objects.get(project_no="XM-A-1")
        assert (project.call, project.owner, project.region) == (self.call, self.org_a, self.town_a)
        other = Project.objects.get(project_no="XM-B-1")
        assert (other.call, other.status, str(other.funded_wan)) == (None, "completed", "50.50")
        assert run("projects", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("projects", self.rows())
        _content, result = reimport_export("projects", Project.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_project(self):
        result = run("projects", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Project.objects.count() == 0

    def test_it_wants_the_end_after_the_start(self):
        rows = self.rows()
        rows[1][7] = "2024-06-30"
        [err] = run("projects", rows).errors
        assert (
            err["message"]
            == "第2行“结束日期”：结束日期（2024-06-30）不能早于开始日期（2024-07-01）"
        )


class MilestoneImportTests(Personas, TestCase):
    HEAD = ["项目编号", "项目名称", "里程碑", "计划完成日期", "实际完成日期", "状态"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.project_a = make_project(cls.org_a, "甲项目", "XM-A-1")  # starts 2024-07-01
        cls.project_b = make_project(cls.org_b, "乙项目", "XM-B-1")

    def rows(self):
        return [
            self.HEAD,
            ["XM-A-1", "甲项目", "开题", "2024-09-01", "2024-09-05", "已完成"],
            ["XM-B-1", "乙项目", "中期检查", "2025-12-31", "", "未开始"],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("milestones")
        assert [c.value for c in sheet[1]][:3] == ["项目编号", "项目名称", "里程碑"]
        assert sheet["C2"].value == "中期检查"

    def test_it_imports_then_changes_nothing(self):
        assert run("milestones", self.rows(), self.city_staff).written
        done = Milestone.objects.get(project=self.project_a)
        assert (done.title, done.status, done.done_on) == ("开题", "done", date(2024, 9, 5))
        assert run("milestones", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("milestones", self.rows())
        _content, result = reimport_export("milestones", Milestone.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_milestone(self):
        result = run("milestones", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Milestone.objects.count() == 0

    def test_it_wants_a_completion_date_when_done(self):
        rows = self.rows()
        rows[1][4] = ""
        [err] = run("milestones", rows).errors
        assert err["message"] == "第2行“实际完成日期”：状态为“已完成”时须填写实际完成日期"


class ExpertImportTests(Personas, TestCase):
    HEAD = ["姓名", "手机号码", "工作单位统一社会信用代码", "单位名称（未登记）", "主要技术领域"]
    HEAD += ["电子邮箱", "所在区划代码"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()

    def rows(self):
        return [
            self.HEAD,
            ["甲专家", "13912345678", self.org_a.uscc, "", "新材料", "jia@example.com", "410402"],
            ["乙专家", "13887654321", "", "示例大学", "电子信息", "", "410422"],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("experts")
        assert [c.value for c in sheet[1]][:3] == ["姓名", "手机号码", "工作单位统一社会信用代码"]
        assert sheet["B2"].value == "13912345678"

    def test_it_imports_then_changes_nothing(self):
        assert run("experts", self.rows(), self.city_staff).written
        expert = Expert.objects.get(name="乙专家")
        assert (expert.org, expert.affiliation, expert.region) == (None, "示例大学", self.county_b)
        assert run("experts", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("experts", self.rows())
        _content, result = reimport_export("experts", Expert.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_masks_phone_and_email_in_exports_without_personal_data(self):
        run("experts", self.rows())
        content, result = reimport_export("experts", Expert.objects.all(), False)
        cells = {c.value for row in openpyxl.load_workbook(io.BytesIO(content)).active for c in row}
        assert {"13912345678", "jia@example.com"}.isdisjoint(cells)
        assert "139****5678" in cells
        assert {e["code"] for e in result.errors} == {"masked"}

    def test_it_refuses_another_countys_expert(self):
        result = run("experts", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Expert.objects.count() == 0

    def test_it_wants_a_registered_unit_or_a_unit_name(self):
        rows = self.rows()
        rows[2][3] = ""
        [err] = run("experts", rows).errors
        assert err["message"] == "第3行“单位名称（未登记）”：请选择工作单位，或填写不在册的单位名称"
