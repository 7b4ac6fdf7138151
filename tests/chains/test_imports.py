"""Import kinds `chains` and `chain-links`: template, upsert by natural key, round trip, the
city-only permission and the rules that name their column."""

from django.test import TestCase

from kechuang.chains.imports import KINDS
from kechuang.chains.models import Chain, Link
from kechuang.core.testing.imports import KindTests, first_sheet, reimport_export, run
from kechuang.core.testing.personas import Personas
from kechuang.imports.engine import run_import
from kechuang.imports.kinds import get_kind
from kechuang.imports.reading import ReadError
from kechuang.imports.workbook import template


class TemplateTests(KindTests, TestCase):
    kinds = KINDS
    every_example_fails_a_lookup = False  # a chain looks nothing up


class ChainImportTests(Personas, TestCase):
    HEAD = ["产业链名称", "重点产业", "链长", "工作专班"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()

    def rows(self):
        return [
            self.HEAD,
            ["尼龙新材料产业链", "尼龙新材料", "张三（副市长）", "尼龙新材料产业链工作专班"],
            ["电气装备产业链", "电气装备", "", ""],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("chains")
        assert [c.value for c in sheet[1]][:3] == ["产业链名称", "重点产业", "链长"]
        assert sheet["A2"].value == "尼龙新材料产业链"
        kind = get_kind("chains")
        assert run_import(kind, template(kind), "t.xlsx", dry_run=True).errors == []

    def test_it_imports_then_changes_nothing(self):
        assert run("chains", self.rows(), self.city_staff).written
        chain = Chain.objects.get(name="电气装备产业链")
        assert (chain.industry, chain.leader) == ("electrical", "")
        assert run("chains", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("chains", self.rows())
        _content, result = reimport_export("chains", Chain.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_county_users(self):
        # Chains are the city's: counties may view them but not import them.
        with self.assertRaisesMessage(ReadError, "您没有导入产业链的权限"):
            run("chains", self.rows(), self.user_a)
        assert Chain.objects.count() == 0

    def test_it_wants_a_listed_industry(self):
        rows = self.rows()
        rows[2][1] = "新兴产业"
        [err] = run("chains", rows).errors
        assert (err["row"], err["column"], err["code"]) == (3, "重点产业", "not_allowed")


class LinkImportTests(Personas, TestCase):
    HEAD = ["产业链", "环节名称", "顺序", "环节位置"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.chain = Chain.objects.create(name="尼龙新材料产业链", industry="nylon")

    def rows(self):
        return [
            self.HEAD,
            ["尼龙新材料产业链", "己二酸", 1, "上游"],
            ["尼龙新材料产业链", "尼龙66盐", 2, "中游"],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("chain-links")
        assert [c.value for c in sheet[1]][:3] == ["产业链", "环节名称", "顺序"]
        assert sheet["B2"].value == "尼龙66盐"

    def test_it_imports_then_changes_nothing(self):
        assert run("chain-links", self.rows(), self.city_staff).written
        link = Link.objects.get(name="尼龙66盐")
        assert (link.chain, link.position, link.stage) == (self.chain, 2, "mid")
        assert run("chain-links", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("chain-links", self.rows())
        _content, result = reimport_export("chain-links", Link.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_county_users(self):
        with self.assertRaisesMessage(ReadError, "您没有导入产业链环节的权限"):
            run("chain-links", self.rows(), self.user_b)
        assert Link.objects.count() == 0

    def test_it_keeps_positions_unique_within_a_chain(self):
        Link.objects.create(chain=self.chain, name="浸胶帘子布", position=2, stage="down")
        [err] = run("chain-links", self.rows()).errors
        assert err["message"] == (
            "第3行“顺序”已被系统中的记录“尼龙新材料产业链 · 浸胶帘子布”使用：2"
        )
        assert Link.objects.count() == 1
