"""Import kinds `carriers`, `tenancies`, `funds` and `investments`: template, upsert by natural
key, round trip, scope and the model rules that name their column."""

from datetime import date

from django.test import TestCase

from kechuang.carriers.imports import KINDS
from kechuang.carriers.models import Carrier, Fund, Investment, Tenancy
from kechuang.core.testing.imports import KindTests, first_sheet, reimport_export, run
from kechuang.core.testing.personas import Personas

from .factories import CarrierData, stay


class TemplateTests(KindTests, TestCase):
    kinds = KINDS


class CarrierImportTests(Personas, TestCase):
    HEAD = ["载体名称", "载体类型", "综合/专业", "所属产业", "运营单位统一社会信用代码", "区划代码"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()

    def rows(self):
        return [
            self.HEAD,
            ["甲示例众创空间", "众创空间（苗圃）", "综合", "", self.org_a.uscc, "410402001"],
            ["乙示例孵化器", "科技企业孵化器", "专业", "尼龙新材料", self.org_b.uscc, "410422"],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("carriers")
        assert [c.value for c in sheet[1]][:3] == ["载体名称", "载体类型", "认定级别"]
        assert sheet["A2"].value == "平顶山示例众创空间"

    def test_it_imports_then_changes_nothing(self):
        assert run("carriers", self.rows(), self.city_staff).written
        carrier = Carrier.objects.get(name="乙示例孵化器")
        assert (carrier.operator, carrier.region, carrier.industry) == (
            self.org_b,
            self.county_b,
            "nylon",
        )
        assert run("carriers", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("carriers", self.rows())
        _content, result = reimport_export("carriers", Carrier.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_carrier(self):
        result = run("carriers", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Carrier.objects.count() == 0

    def test_it_asks_specialised_carriers_for_their_industry(self):
        rows = self.rows()
        rows[2][3] = ""
        [err] = run("carriers", rows).errors
        assert err["message"] == "第3行“所属产业”：专业载体须填写所属产业（服务的重点产业）"


class TenancyImportTests(Personas, CarrierData, TestCase):
    HEAD = ["孵化载体", "在孵企业统一社会信用代码", "入驻日期", "离开日期", "离开原因"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.setup_carriers()

    def rows(self):
        return [
            self.HEAD,
            ["甲示例众创空间", self.org_a.uscc, "2023-03-01", "", ""],
            ["乙示例孵化器", self.org_b.uscc, "2022/4/1", "2024-04-01", "毕业"],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("tenancies")
        assert [c.value for c in sheet[1]][:3] == [
            "孵化载体",
            "在孵企业统一社会信用代码",
            "在孵企业",
        ]
        assert sheet["A2"].value == "平顶山示例众创空间"

    def test_it_imports_then_changes_nothing(self):
        assert run("tenancies", self.rows(), self.city_staff).written
        graduate = Tenancy.objects.get(enterprise=self.org_b)
        assert (graduate.carrier, graduate.exit_reason) == (self.carrier_b, "graduated")
        assert run("tenancies", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("tenancies", self.rows())
        _content, result = reimport_export("tenancies", Tenancy.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_tenancy(self):
        result = run("tenancies", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Tenancy.objects.count() == 0

    def test_it_asks_for_the_exit_reason_with_an_exit_date(self):
        rows = self.rows()
        rows[2][4] = ""
        [err] = run("tenancies", rows).errors
        assert (err["row"], err["column"]) == (3, "离开原因")
        assert "须同时选择离开原因" in err["message"]

    def test_it_refuses_stays_of_one_file_that_overlap(self):
        rows = [
            self.HEAD,
            ["甲示例众创空间", self.org_a.uscc, "2021-01-01", "2022-06-30", "迁出"],
            ["甲示例众创空间", self.org_a.uscc, "2022-06-30", "", ""],  # the day it left: fine
            ["甲示例众创空间", self.org_a.uscc, "2023-03-01", "2023-09-01", "毕业"],
            ["乙示例孵化器", self.org_a.uscc, "2023-03-01", "", ""],  # another carrier: fine
        ]
        result = run("tenancies", rows, self.city_staff)
        [err] = result.errors
        assert (err["row"], err["column"], err["code"]) == (4, "入驻日期", "invalid")
        assert "与本文件第3行" in err["message"]
        assert "（2022-06-30 至 今）重叠" in err["message"]
        assert not result.written and Tenancy.objects.count() == 0
        del rows[3]
        assert run("tenancies", rows, self.city_staff).written
        assert Tenancy.objects.count() == 3

    def test_an_open_stay_overlaps_every_later_one_even_after_a_closed_one(self):
        rows = [
            self.HEAD,
            ["甲示例众创空间", self.org_a.uscc, "2020-01-01", "", ""],
            ["甲示例众创空间", self.org_a.uscc, "2021-01-01", "2021-02-01", "迁出"],
            ["甲示例众创空间", self.org_a.uscc, "2022-01-01", "2022-02-01", "迁出"],
        ]
        errors = run("tenancies", rows).errors
        assert [(e["row"], "与本文件第2行" in e["message"]) for e in errors] == [
            (3, True),
            (4, True),
        ]


class FundImportTests(Personas, CarrierData, TestCase):
    HEAD = ["基金名称", "管理机构统一社会信用代码", "基金规模（万元）", "重点投资产业", "区划代码"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.setup_carriers()

    def rows(self):
        return [
            self.HEAD,
            ["丙示例天使基金", self.operator_a.uscc, 2000, "nylon,it", "410402001"],
            ["丁示例产业基金", self.operator_b.uscc, "50000", "", "410422100"],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("funds")
        assert [c.value for c in sheet[1]][:3] == [
            "基金名称",
            "管理机构统一社会信用代码",
            "管理机构",
        ]
        assert sheet["A2"].value == "平顶山示例创业投资基金"

    def test_it_imports_then_changes_nothing(self):
        assert run("funds", self.rows(), self.city_staff).written
        fund = Fund.objects.get(name="丙示例天使基金")
        assert (fund.manager, fund.size_wan, fund.focus_industries) == (
            self.operator_a,
            2000,
            "nylon,it",
        )
        assert run("funds", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("funds", self.rows())
        _content, result = reimport_export(
            "funds", Fund.objects.filter(name__in=["丙示例天使基金", "丁示例产业基金"])
        )
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_fund(self):
        result = run("funds", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Fund.objects.count() == 2  # the two of CarrierData

    def test_it_names_an_unknown_focus_industry(self):
        rows = self.rows()
        rows[1][3] = "尼龙新材料、钢铁"
        [err] = run("funds", rows).errors
        assert err["column"] == "重点投资产业"
        assert err["message"].startswith(
            "第2行“重点投资产业”：重点投资产业中“钢铁”不是有效的重点产业"
        )


class InvestmentImportTests(Personas, CarrierData, TestCase):
    HEAD = ["创投基金", "被投企业统一社会信用代码", "投资金额（万元）", "投资日期", "投资轮次"]
    HEAD += ["所在孵化载体"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.setup_carriers()
        stay(cls.carrier_a, cls.org_a, date(2023, 1, 1))

    def rows(self):
        return [
            self.HEAD,
            ["甲示例创投基金", self.org_a.uscc, 500, "2023-06-01", "天使轮", "甲示例众创空间"],
            ["乙示例创投基金", self.org_b.uscc, "300", "2023/7/1", "A轮", ""],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("investments")
        assert [c.value for c in sheet[1]][:3] == [
            "创投基金",
            "被投企业统一社会信用代码",
            "被投企业",
        ]
        assert sheet["A2"].value == "平顶山示例创业投资基金"

    def test_it_imports_then_changes_nothing(self):
        assert run("investments", self.rows(), self.city_staff).written
        investment = Investment.objects.get(fund=self.fund_a)
        assert (investment.enterprise, investment.carrier, investment.round) == (
            self.org_a,
            self.carrier_a,
            "angel",
        )
        assert run("investments", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("investments", self.rows())
        _content, result = reimport_export("investments", Investment.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_investment(self):
        result = run("investments", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Investment.objects.count() == 0

    def test_it_keeps_investments_within_the_fund_size(self):
        rows = self.rows()
        rows[2][2] = 12000
        [err] = run("investments", rows).errors
        assert (err["row"], err["column"]) == (3, "投资金额（万元）")
        assert "超过基金规模 10,000.00 万元" in err["message"]

    def test_rows_of_one_file_add_up_against_the_fund_size(self):
        Investment.objects.create(
            fund=self.fund_a, enterprise=self.org_b, amount_wan=4000, invested_on=date(2022, 1, 1)
        )
        rows = [
            self.HEAD,
            ["甲示例创投基金", self.org_a.uscc, 3000, "2023-06-01", "天使轮", ""],
            ["乙示例创投基金", self.org_b.uscc, 9000, "2023-07-01", "A轮", ""],
            ["甲示例创投基金", self.org_a.uscc, 3500, "2024-06-01", "A轮", ""],
        ]
        # Each row alone fits (4,000 + 3,500 ≤ 10,000); together 10,500 does not.
        result = run("investments", rows, self.city_staff)
        assert [(e["row"], e["column"]) for e in result.errors] == [
            (2, "投资金额（万元）"),
            (4, "投资金额（万元）"),
        ]
        message = result.errors[0]["message"]
        assert (
            "投资合计将达 10,500.00 万元（已登记 4,000.00 万元 + 本文件第2行、第4行共 6,500.00 万元）"
            in message
        )
        assert not result.written and Investment.objects.count() == 1
        rows[3][2] = 3000  # exactly the size
        assert run("investments", rows, self.city_staff).written

    def test_a_changed_row_counts_with_its_new_amount_once(self):
        run("investments", self.rows(), self.city_staff)
        rows = [
            *self.rows()[:2],
            ["甲示例创投基金", self.org_b.uscc, 4000, "2024-01-01", "A轮", ""],
        ]
        rows[1][2] = 6000  # was 500: 6,000 + 4,000 = 10,000 fits
        result = run("investments", rows, self.city_staff)
        assert (result.errors, result.changed, result.new) == ([], 1, 1)
