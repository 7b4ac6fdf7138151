"""Import kinds `achievements`, `demands` and `tech-contracts`: template, upsert by natural key,
round trip, scope and the model rules that name their column."""

from datetime import date, timedelta

from django.test import TestCase

from kechuang.achievements.imports import KINDS
from kechuang.achievements.models import Achievement, Contract, Demand
from kechuang.core.testing.imports import KindTests, first_sheet, reimport_export, run
from kechuang.core.testing.personas import Personas


class AchievementImportTests(Personas, TestCase):
    HEAD = ["成果名称", "成果持有单位统一社会信用代码", "技术领域", "重点产业", "成果简介"]
    HEAD += ["技术就绪度", "完成日期", "区划代码", "联系电话"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()

    def rows(self):
        return [
            self.HEAD,
            [
                "甲示例成果",
                self.org_a.uscc,
                "新材料",
                "尼龙新材料",
                "简介甲",
                6,
                "2023-06-30",
                "410402001",
                "13812345678",
            ],
            [
                "乙示例成果",
                self.org_b.uscc,
                "电子信息",
                "其他",
                "简介乙",
                "",
                "2022年1月5日",
                "410422100",
                "",
            ],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("achievements")
        assert [c.value for c in sheet[1]][:3] == [
            "成果名称",
            "成果持有单位统一社会信用代码",
            "成果持有单位",
        ]
        assert sheet["A2"].value == "尼龙66连续聚合工艺"

    def test_it_imports_then_changes_nothing(self):
        assert run("achievements", self.rows(), self.city_staff).written
        achievement = Achievement.objects.get(title="甲示例成果")
        assert (achievement.owner, achievement.trl, achievement.region) == (
            self.org_a,
            6,
            self.town_a,
        )
        assert achievement.search_initials
        assert run("achievements", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("achievements", self.rows())
        _content, result = reimport_export("achievements", Achievement.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_achievement(self):
        result = run("achievements", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Achievement.objects.count() == 0

    def test_it_refuses_a_completion_date_in_the_future(self):
        rows = self.rows()
        rows[1][6] = (date.today() + timedelta(days=3)).isoformat()
        [err] = run("achievements", rows).errors
        assert (err["row"], err["column"]) == (2, "完成日期")
        assert "不能晚于今天" in err["message"]


class DemandImportTests(Personas, TestCase):
    HEAD = ["需求名称", "需求单位统一社会信用代码", "需求单位", "需求描述", "拟投入资金（万元）"]
    HEAD += ["发布日期", "截止日期", "区划代码"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()

    def rows(self):
        return [
            self.HEAD,
            [
                "甲示例需求",
                self.org_a.uscc,
                "甲",
                "描述甲",
                50,
                "2024-03-01",
                "2024-12-31",
                "410402001",
            ],
            ["乙示例需求", self.org_b.uscc, "乙", "描述乙", "", "2024-04-01", "", "410422"],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("demands")
        assert [c.value for c in sheet[1]][:3] == [
            "需求名称",
            "需求单位统一社会信用代码",
            "需求单位",
        ]
        assert sheet["A2"].value == "尼龙切片在线检测技术"

    def test_it_imports_then_changes_nothing(self):
        assert run("demands", self.rows(), self.city_staff).written
        demand = Demand.objects.get(title="甲示例需求")
        assert (demand.org, str(demand.budget_wan), demand.status) == (self.org_a, "50.00", "open")
        assert run("demands", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("demands", self.rows())
        _content, result = reimport_export("demands", Demand.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_demand(self):
        result = run("demands", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Demand.objects.count() == 0

    def test_it_refuses_a_deadline_before_publication(self):
        rows = self.rows()
        rows[1][6] = "2024-01-01"
        [err] = run("demands", rows).errors
        assert (
            err["message"]
            == "第2行“截止日期”：截止日期（2024-01-01）不能早于发布日期（2024-03-01）"
        )


class ContractImportTests(Personas, TestCase):
    HEAD = ["合同登记编号", "合同名称", "合同类型", "卖方统一社会信用代码", "卖方名称"]
    HEAD += ["买方统一社会信用代码", "买方名称", "买方所在地（市外）", "签订日期", "登记日期"]
    HEAD += ["合同成交额（万元）", "技术交易额（万元）"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()

    def rows(self):
        return [
            self.HEAD,
            [
                "HT-1",
                "甲开发合同",
                "技术开发",
                self.org_a.uscc,
                self.org_a.name,
                "",
                "郑州示例有限公司",
                "郑州市",
                "2024-03-01",
                "2024-03-15",
                120,
                100,
            ],
            [
                "HT-2",
                "乙服务合同",
                "技术服务",
                "",
                "北京示例研究院",
                self.org_b.uscc,
                self.org_b.name,
                "",
                "2024/5/1",
                "2024/5/20",
                "80",
                "80",
            ],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("tech-contracts")
        assert [c.value for c in sheet[1]][:3] == ["合同登记编号", "合同名称", "合同类型"]
        assert sheet["A2"].value == "2024410400000123"

    def test_it_imports_then_changes_nothing(self):
        assert run("tech-contracts", self.rows()).written
        first = Contract.objects.get(contract_no="HT-1")
        assert (first.seller_name, first.seller_region) == (self.org_a.name, self.town_a)
        second = Contract.objects.get(contract_no="HT-2")
        assert (second.seller, second.buyer_region) == (None, self.town_b)
        assert run("tech-contracts", self.rows()).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("tech-contracts", self.rows())
        _content, result = reimport_export("tech-contracts", Contract.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_contract(self):
        # Staff users name a party's region on new contracts (see the column's help).
        rows = self.rows()
        rows[0] += ["卖方所在区划代码", "买方所在区划代码"]
        rows[1] += ["410402001", ""]
        rows[2] += ["", "410422100"]
        result = run("tech-contracts", rows, self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Contract.objects.count() == 0

    def test_it_asks_for_the_sellers_name_outside_the_registry(self):
        rows = self.rows()
        rows[2][4] = ""
        [err] = run("tech-contracts", rows).errors
        assert (err["row"], err["column"]) == (3, "卖方名称")
        assert "必须填写卖方名称" in err["message"]


class TemplateTests(KindTests, TestCase):
    kinds = KINDS
