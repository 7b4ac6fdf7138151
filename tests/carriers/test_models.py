from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import TestCase

from kechuang.carriers.models import Carrier, Fund, Investment, Tenancy
from kechuang.core.testing.personas import Personas

from .factories import CarrierData, carrier, investment, stay


class RuleTestCase(CarrierData, Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.setup_carriers()

    def errors(self, obj) -> dict:
        with self.assertRaises(ValidationError) as caught:
            obj.full_clean()
        return caught.exception.message_dict


class CarrierRuleTests(RuleTestCase):
    def new(self, **extra) -> Carrier:
        return Carrier(name="庚示例孵化器", kind="incubator", operator=self.operator_a, **extra)

    def test_it_takes_the_region_of_its_operator(self):
        obj = self.new()
        obj.full_clean()
        self.assertEqual(obj.region, self.town_a)

    def test_incubation_area_cannot_exceed_the_site(self):
        errors = self.errors(self.new(area_sqm=Decimal(100), incubation_area_sqm=Decimal(120)))
        self.assertEqual(
            errors["incubation_area_sqm"],
            ["孵化场地面积（平方米）（120）不能大于场地面积（平方米）（100）"],
        )

    def test_professional_staff_cannot_exceed_the_staff(self):
        errors = self.errors(self.new(staff=5, professional_staff=6))
        self.assertEqual(
            errors["professional_staff"], ["专业孵化人员数（6）不能大于从业人员数（5）"]
        )
        self.assertFalse(Carrier.objects.filter(name="庚示例孵化器").exists())

    def test_areas_cannot_be_negative(self):
        errors = self.errors(self.new(area_sqm=Decimal(-1)))
        self.assertEqual(errors["area_sqm"], ["不能为负数（当前为 -1）"])

    def test_a_specialised_carrier_names_its_industry(self):
        errors = self.errors(self.new(specialisation="specialised"))
        self.assertEqual(errors["industry"], ["专业载体须填写所属产业（服务的重点产业）"])
        self.new(specialisation="specialised", industry="nylon").full_clean()

    def test_an_unrecognised_carrier_has_no_recognition_date(self):
        errors = self.errors(self.new(recognised_on=date(2020, 1, 1)))
        self.assertIn("认定级别为“未认定”时不应填写认定日期", errors["recognised_on"][0])
        self.new(level="provincial", recognised_on=date(2020, 1, 1)).full_clean()

    def test_it_is_found_by_pinyin_initials(self):
        self.assertEqual(self.carrier_a.search_initials, "jslzckj")


class TenancyRuleTests(RuleTestCase):
    def new(self, entered, exited=None, reason="", enterprise=None) -> Tenancy:
        return Tenancy(
            carrier=self.carrier_a,
            enterprise=enterprise or self.org_a,
            entered_on=entered,
            exited_on=exited,
            exit_reason=reason,
        )

    def test_the_enterprise_must_be_an_enterprise(self):
        errors = self.errors(self.new(date(2020, 1, 1), enterprise=self.operator_a))
        self.assertEqual(
            errors["enterprise"],
            ["在孵企业须为“企业”类型的法人单位，“丙示例孵化管理有限公司”的单位类型为“其他”"],
        )

    def test_exit_cannot_precede_entry(self):
        errors = self.errors(self.new(date(2020, 5, 1), date(2020, 4, 30), "eliminated"))
        self.assertEqual(
            errors["exited_on"], ["离开日期（2020-04-30）不能早于入驻日期（2020-05-01）"]
        )

    def test_exit_date_and_reason_go_together(self):
        errors = self.errors(self.new(date(2020, 5, 1), date(2021, 5, 1)))
        self.assertIn("须同时选择离开原因", errors["exit_reason"][0])
        errors = self.errors(self.new(date(2020, 5, 1), reason="graduated"))
        self.assertEqual(errors["exited_on"], ["已选择离开原因“毕业”，须同时填写离开日期"])

    def test_stays_in_one_carrier_cannot_overlap(self):
        stay(self.carrier_a, self.org_a, date(2018, 1, 1), date(2020, 1, 1), "relocated")
        errors = self.errors(self.new(date(2019, 6, 1), date(2019, 9, 1), "eliminated"))
        self.assertIn("（2018-01-01 至 2020-01-01）重叠", errors["entered_on"][0])
        self.errors(self.new(date(2017, 1, 1)))  # still open: runs across the earlier stay

    def test_adjacent_stays_and_other_carriers_are_allowed(self):
        stay(self.carrier_a, self.org_a, date(2018, 1, 1), date(2020, 1, 1), "relocated")
        self.new(date(2020, 1, 1)).full_clean()
        self.new(date(2017, 1, 1), date(2018, 1, 1), "eliminated").full_clean()
        other = Tenancy(carrier=self.carrier_b, enterprise=self.org_a, entered_on=date(2019, 1, 1))
        other.full_clean()

    def test_editing_a_stay_does_not_overlap_itself(self):
        obj = stay(self.carrier_a, self.org_a, date(2018, 1, 1))
        obj.exited_on, obj.exit_reason = date(2021, 3, 1), "graduated"
        obj.full_clean()

    def test_is_incubating_and_graduated_are_derived(self):
        obj = self.new(date(2018, 1, 1), date(2020, 12, 31), "graduated")
        self.assertEqual(
            [
                obj.is_incubating(d)
                for d in (date(2017, 12, 31), date(2018, 1, 1), date(2020, 12, 31))
            ],
            [False, True, False],
        )
        self.assertTrue(obj.graduated)
        self.assertFalse(self.new(date(2018, 1, 1), date(2019, 1, 1), "eliminated").graduated)
        self.assertTrue(self.new(date(2018, 1, 1)).is_incubating())
        self.assertEqual((obj.months, obj.status_label), (35, "已毕业"))

    def test_carrier_queries_for_a_year(self):
        a = stay(self.carrier_a, self.org_a, date(2019, 3, 1), date(2020, 5, 1), "graduated")
        c = stay(self.carrier_a, self.org_c, date(2020, 2, 1))
        stay(self.carrier_b, self.org_b, date(2020, 2, 1))
        self.assertEqual(list(self.carrier_a.incubating_at_year_end(2019)), [a])
        self.assertEqual(list(self.carrier_a.incubating_at_year_end(2020)), [c])
        self.assertEqual(list(self.carrier_a.entries_in(2020)), [c])
        self.assertEqual(list(self.carrier_a.graduates_in(2020)), [a])
        self.assertEqual(list(self.carrier_a.graduates_in(2019)), [])
        self.assertEqual(list(self.carrier_a.current_tenancies()), [c])


class FundRuleTests(RuleTestCase):
    def test_size_must_be_positive(self):
        obj = Fund(name="庚示例基金", manager=self.operator_a, size_wan=Decimal(0))
        self.assertEqual(self.errors(obj)["size_wan"], ["必须大于 0（当前为 0）"])

    def test_focus_industries_accept_codes_and_names(self):
        obj = Fund(
            name="庚示例基金",
            manager=self.operator_a,
            size_wan=Decimal(100),
            focus_industries="生物医药、 nylon ,nylon",
        )
        obj.full_clean()
        self.assertEqual(obj.focus_industries, "nylon,bio")
        self.assertEqual(obj.focus_industry_labels, "尼龙新材料、生物医药")
        self.assertEqual(obj.region, self.town_a)

    def test_size_cannot_drop_below_what_was_invested(self):
        investment(self.fund_a, self.org_a, 4000, date(2020, 1, 1))
        self.fund_a.size_wan = Decimal(3999)
        self.assertIn("已登记的投资合计（4,000.00 万元）", self.errors(self.fund_a)["size_wan"][0])


class InvestmentRuleTests(RuleTestCase):
    def new(self, amount, day=date(2021, 1, 1), **extra) -> Investment:
        extra.setdefault("enterprise", self.org_a)
        return Investment(
            fund=self.fund_a, amount_wan=Decimal(amount), invested_on=day, round="a", **extra
        )

    def test_investments_cannot_exceed_the_fund_size(self):
        investment(self.fund_a, self.org_a, 6000, date(2020, 1, 1))
        self.new(4000).full_clean()
        errors = self.errors(self.new(4000.5))
        self.assertEqual(
            errors["amount_wan"],
            [
                "基金“甲示例创投基金”的投资合计将达 10,000.50 万元（已登记 6,000.00 万元"
                " + 本笔 4,000.50 万元），超过基金规模 10,000.00 万元"
            ],
        )

    def test_editing_an_investment_does_not_count_it_twice(self):
        obj = investment(self.fund_a, self.org_a, 6000, date(2020, 1, 1))
        obj.amount_wan = Decimal(10000)
        obj.full_clean()

    def test_amount_must_be_positive(self):
        self.assertEqual(self.errors(self.new(0))["amount_wan"], ["必须大于 0（当前为 0）"])

    def test_the_enterprise_must_be_an_enterprise(self):
        errors = self.errors(self.new(10, enterprise=self.operator_a))
        self.assertIn("被投企业须为“企业”类型的法人单位", errors["enterprise"][0])

    def test_the_carrier_is_one_the_enterprise_was_in_on_that_day(self):
        stay(self.carrier_a, self.org_a, date(2019, 1, 1), date(2021, 1, 1), "graduated")
        self.new(10, date(2020, 12, 31), carrier=self.carrier_a).full_clean()
        errors = self.errors(self.new(10, date(2021, 1, 1), carrier=self.carrier_a))
        self.assertIn("不在“甲示例众创空间”在孵", errors["carrier"][0])


class CarrierListAnnotationTests(RuleTestCase):
    def test_current_tenants_and_graduates_are_counted(self):
        stay(self.carrier_a, self.org_a, date(2019, 1, 1))
        stay(self.carrier_a, self.org_c, date(2018, 1, 1), date(2019, 1, 1), "graduated")
        carrier("己示例加速器", self.operator_a, kind="accelerator")
        rows = Carrier.objects.with_tenant_counts(date(2020, 1, 1)).filter(operator=self.operator_a)
        counts = {c.name: (c.current_tenants, c.graduates_total) for c in rows}
        self.assertEqual(counts, {"甲示例众创空间": (1, 1), "己示例加速器": (0, 0)})
