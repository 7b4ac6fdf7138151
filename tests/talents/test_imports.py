"""Import kinds `talents` and `commissioners`: template, upsert by natural key, round trip, scope,
personal data in exports and the model rules that name their column."""

import io
from datetime import date

import openpyxl
from django.test import TestCase

from kechuang.core.testing.imports import KindTests, first_sheet, reimport_export, run
from kechuang.core.testing.personas import Personas
from kechuang.talents.imports import KINDS
from kechuang.talents.models import Commissioner, Talent

from .factories import id_number, make_talent

ID_A = id_number("410402", date(1985, 3, 4), 11)  # male, born 1985
ID_B = id_number("410422", date(1990, 5, 12), 22)  # female, born 1990


class TemplateTests(KindTests, TestCase):
    kinds = KINDS


class TalentImportTests(Personas, TestCase):
    HEAD = ["身份证号码", "姓名", "性别", "出生年份", "人才类别", "工作单位统一社会信用代码"]
    HEAD += ["所在区划代码", "联系电话"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()

    def rows(self):
        return [
            self.HEAD,
            [
                ID_A,
                "甲某华",
                "男",
                1985,
                "本土人才（“千帆”）",
                self.org_a.uscc,
                "410402001",
                "13812345678",
            ],
            [ID_B, "乙某芳", "女", "1990", "sail", self.org_b.uscc, "410422", ""],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("talents")
        assert [c.value for c in sheet[1]][:3] == ["身份证号码", "姓名", "性别"]
        assert sheet["A2"].value == "410402198503040117"

    def test_it_imports_then_changes_nothing(self):
        assert run("talents", self.rows(), self.city_staff).written
        talent = Talent.objects.get(id_number=ID_A)
        assert (talent.name, talent.gender, talent.org, talent.region) == (
            "甲某华",
            "male",
            self.org_a,
            self.town_a,
        )
        assert run("talents", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("talents", self.rows())
        _content, result = reimport_export("talents", Talent.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_talent(self):
        result = run("talents", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Talent.objects.count() == 0

    def test_it_checks_the_gender_against_the_id_number(self):
        rows = self.rows()
        rows[2][2] = "男"
        errors = {e["column"]: e["message"] for e in run("talents", rows).errors}
        assert errors["性别"].startswith("第3行“性别”：身份证号码第 17 位（2）表示性别为女")
        assert Talent.objects.count() == 0


class CommissionerImportTests(Personas, TestCase):
    HEAD = ["名称", "类型", "身份证号码", "级别", "派出单位统一社会信用代码"]
    HEAD += ["派出单位所在区划代码", "在岗"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.talent = make_talent("甲某华", cls.org_a, id_number=ID_A, birth_year=1985)

    def rows(self):
        return [
            self.HEAD,
            ["甲某华", "个人", ID_A, "省级", self.org_a.uscc, "410402001", "是"],
            ["叶县尼龙产业服务团", "产业服务团", "", "市级", self.org_b.uscc, "410422", "否"],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("commissioners")
        assert [c.value for c in sheet[1]][:3] == ["名称", "类型", "身份证号码"]
        assert sheet["C2"].value == "410402198503040117"

    def test_it_imports_then_changes_nothing(self):
        assert run("commissioners", self.rows(), self.city_staff).written
        person = Commissioner.objects.get(talent=self.talent)
        assert (person.home_org, person.region, person.active) == (self.org_a, self.town_a, True)
        group = Commissioner.objects.get(kind="group")
        assert (group.name, group.region, group.active) == (
            "叶县尼龙产业服务团",
            self.county_b,
            False,
        )
        assert run("commissioners", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("commissioners", self.rows())
        qs = Commissioner.objects.select_related("talent", "home_org", "region")
        _content, result = reimport_export("commissioners", qs)
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_masks_the_id_number_in_exports_without_personal_data(self):
        run("commissioners", self.rows())
        content, _result = reimport_export("commissioners", Commissioner.objects.all(), False)
        cells = [c.value for row in openpyxl.load_workbook(io.BytesIO(content)).active for c in row]
        assert ID_A not in cells
        assert ID_A[:3] + "*" * 11 + ID_A[-4:] in cells

    def test_it_refuses_another_countys_commissioner(self):
        result = run("commissioners", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Commissioner.objects.count() == 0

    def test_it_asks_individuals_for_their_id_number(self):
        rows = self.rows()
        rows[1][2] = ""
        [err] = run("commissioners", rows).errors
        assert err["message"] == "第2行“身份证号码”：个人科技特派员须选择对应的人才"
