"""Import kind `appraisals`: template, upsert by natural key, round trip, scope and the model rule
that names its column."""

from datetime import date, timedelta

from django.test import TestCase

from kechuang.achievements.imports import KINDS
from kechuang.achievements.models import Appraisal
from kechuang.core.testing.imports import KindTests, first_sheet, reimport_export, run
from kechuang.core.testing.personas import Personas
from kechuang.imports.engine import run_import
from kechuang.imports.kinds import get_kind
from kechuang.imports.workbook import template

from .data import make_achievement


class TemplateTests(KindTests, TestCase):
    kinds = [kind for kind in KINDS if kind.name == "appraisals"]


class AppraisalImportTests(Personas, TestCase):
    HEAD = ["成果名称", "类型", "组织单位", "评价日期", "评价结论", "技术先进性评分"]
    HEAD += ["技术成熟度评分", "市场前景评分", "知识产权评分"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.achievement_a = make_achievement(cls.org_a, "甲示例成果")
        cls.achievement_b = make_achievement(cls.org_b, "乙示例成果")

    def rows(self):
        return [
            self.HEAD,
            ["甲示例成果", "鉴定", "平顶山市科学技术局", "2023-06-01", "国内领先", 85, 80, 78, 82],
            ["乙示例成果", "评价", "河南省科技评价中心", "2022/9/1", "国内先进", "", "", "", ""],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        kind = get_kind("appraisals")
        sheet = first_sheet("appraisals")
        assert [c.value for c in sheet[1]][:3] == ["成果名称", "成果持有单位", "类型"]
        assert sheet["A2"].value == "尼龙66连续聚合工艺"
        codes = {e["code"] for e in run_import(kind, template(kind), "t.xlsx", dry_run=True).errors}
        assert codes == {"not_found"}

    def test_it_imports_then_changes_nothing(self):
        assert run("appraisals", self.rows(), self.city_staff).written
        appraisal = Appraisal.objects.get(achievement=self.achievement_a)
        assert (appraisal.kind, appraisal.conclusion, appraisal.score) == (
            "appraisal",
            "domestic_leading",
            81,  # the rounded mean of the four part scores
        )
        assert Appraisal.objects.get(achievement=self.achievement_b).score is None
        assert run("appraisals", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("appraisals", self.rows())
        _content, result = reimport_export("appraisals", Appraisal.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_appraisal(self):
        result = run("appraisals", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Appraisal.objects.count() == 0

    def test_it_refuses_a_date_in_the_future(self):
        rows = self.rows()
        tomorrow = date.today() + timedelta(days=1)
        rows[2][3] = tomorrow.isoformat()
        [err] = run("appraisals", rows).errors
        assert err["message"] == (
            f"第3行“评价日期”：评价日期（{tomorrow:%Y-%m-%d}）不能晚于今天（{date.today():%Y-%m-%d}）"
        )
