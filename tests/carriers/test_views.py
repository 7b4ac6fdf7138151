from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kechuang.carriers.models import Carrier, Fund, Investment, Tenancy
from kechuang.core.testing.api import APITestCases
from kechuang.core.testing.personas import make_org
from kechuang.core.testing.views import ViewTestCases

from .factories import CarrierData, carrier, investment, stay


# 孵化载体
class CarrierSuiteData(CarrierData):
    model = Carrier
    search_term = "甲示例众创"

    @classmethod
    def setup_data(cls):
        cls.setup_carriers()

    @classmethod
    def in_scope(cls):
        return cls.carrier_a

    @classmethod
    def out_of_scope(cls):
        return cls.carrier_b


class CarrierViewTests(CarrierSuiteData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "name": "庚示例科技企业孵化器",
            "kind": "incubator",
            "level": "unrecognised",
            "specialisation": "general",
            "operator": cls.operator_a.pk,
            "region": "",
            "status": "operating",
            "area_sqm": "5000",
            "incubation_area_sqm": "4000",
            "mentors": 6,
        }
        cls.form_data_outside = {
            **cls.form_data,
            "operator": cls.operator_b.pk,
            "region": cls.town_b.pk,
        }
        cls.edit_data = {
            **cls.form_data,
            "name": "甲示例众创空间（二期）",
            "kind": "maker_space",
            "region": cls.town_a.pk,
            "mentors": 9,
        }

    def test_it_defaults_the_region_to_the_operators(self):
        self.login(self.user_a)
        self.client.post(self.url("add"), self.form_data)
        self.assertEqual(Carrier.objects.get(name="庚示例科技企业孵化器").region, self.town_a)

    def test_it_refuses_an_incubation_area_larger_than_the_site_and_saves_nothing(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "incubation_area_sqm": "6000"})
        self.assertContains(
            r,
            "孵化场地面积（平方米）：孵化场地面积（平方米）（6000）不能大于场地面积（平方米）（5000）",
            status_code=400,
        )
        self.assertFalse(Carrier.objects.filter(name="庚示例科技企业孵化器").exists())

    def test_org_user_sees_only_the_carriers_its_org_runs(self):
        own = carrier("己示例众创空间", self.org_a, kind="maker_space")
        self.login(self.org_user)
        r = self.client.get(self.url("list"))
        self.assertContains(r, "共 1 条")
        self.assertContains(r, str(own))
        self.assertEqual(self.client.get(self.url("add")).status_code, 403)

    def test_list_counts_current_tenants_and_filters_by_county(self):
        stay(self.carrier_a, self.org_a, date(2020, 1, 1))
        stay(self.carrier_a, self.org_c, date(2019, 1, 1), date(2021, 1, 1), "graduated")
        self.login(self.admin)
        r = self.client.get(self.url("list"), {"county": self.county_a.pk})
        self.assertContains(r, "共 1 条")
        row = r.context["table"].rows[0]
        self.assertEqual(
            (row.get_cell_value("current_tenants"), row.record.graduates_total), (1, 1)
        )

    def test_deleting_a_carrier_with_stays_is_refused(self):
        stay(self.carrier_a, self.org_a, date(2020, 1, 1))
        self.login(self.admin)
        r = self.client.post(self.url("delete", self.carrier_a), follow=True)
        self.assertContains(r, "无法删除")
        self.assertTrue(Carrier.objects.filter(pk=self.carrier_a.pk).exists())


class CarrierAPITests(CarrierSuiteData, APITestCases.Standard):
    endpoint = "carriers"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "name": "庚示例科技企业孵化器",
            "kind": "incubator",
            "operator": cls.operator_a.pk,
        }
        cls.create_outside = {**cls.create_data, "operator": cls.operator_b.pk}
        cls.update_data = {"mentors": 9}
        cls.filter_params = {"county": cls.county_a.pk}

    def test_it_defaults_the_region_and_checks_specialised_carriers(self):
        client = self.api(self.user_a)
        r = client.post(self.list_url(), self.create_data, format="json")
        self.assertEqual(r.json()["region"], self.town_a.pk)
        data = {**self.create_data, "name": "辛示例孵化器", "specialisation": "specialised"}
        r = client.post(self.list_url(), data, format="json")
        self.assertEqual(r.status_code, 400)
        self.assertIn("专业载体须填写所属产业", r.json()["industry"][0])


# 在孵企业
class TenancySuiteData(CarrierData):
    model = Tenancy
    search_term = "甲示例科技"

    @classmethod
    def setup_data(cls):
        cls.setup_carriers()
        cls.stay_a = stay(cls.carrier_a, cls.org_a, date(2020, 3, 1))
        cls.stay_b = stay(cls.carrier_b, cls.org_b, date(2021, 5, 1))

    @classmethod
    def in_scope(cls):
        return cls.stay_a

    @classmethod
    def out_of_scope(cls):
        return cls.stay_b


class TenancyViewTests(TenancySuiteData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "carrier": cls.carrier_a.pk,
            "enterprise": cls.org_c.pk,
            "entered_on": "2022-01-10",
            "ip_count": 2,
            "exited_on": "",
            "exit_reason": "",
        }
        cls.form_data_outside = {
            **cls.form_data,
            "carrier": cls.carrier_b.pk,
            "enterprise": cls.org_b.pk,
        }
        cls.edit_data = {
            "carrier": cls.carrier_a.pk,
            "enterprise": cls.org_a.pk,
            "entered_on": "2020-03-01",
            "ip_count": 5,
            "exited_on": "2023-06-30",
            "exit_reason": "graduated",
            "graduated_criteria_note": "认定为高新技术企业",
        }

    def test_it_refuses_an_exit_date_without_a_reason_and_saves_nothing(self):
        self.login(self.user_a)
        before = (Tenancy.objects.count(), Tenancy.history.count())
        r = self.client.post(self.url("add"), {**self.form_data, "exited_on": "2023-01-01"})
        self.assertContains(r, "离开原因：已填写离开日期，须同时选择离开原因", status_code=400)
        self.assertEqual((Tenancy.objects.count(), Tenancy.history.count()), before)

    def test_it_refuses_an_overlapping_stay(self):
        self.login(self.user_a)
        data = {**self.form_data, "enterprise": self.org_a.pk, "entered_on": "2024-01-01"}
        r = self.client.post(self.url("add"), data)
        self.assertContains(r, "入驻日期：入驻日期至离开日期与该企业", status_code=400)
        self.assertContains(r, "（2020-03-01 至 今）重叠", status_code=400)

    def test_the_form_offers_only_enterprises(self):
        self.login(self.user_a)
        form = self.client.get(self.url("add")).context["form"]
        self.assertIn(self.org_c, form.fields["enterprise"].queryset)
        self.assertNotIn(self.operator_a, form.fields["enterprise"].queryset)

    def test_it_filters_by_derived_status_and_year_end(self):
        done = stay(self.carrier_a, self.org_c, date(2018, 1, 1), date(2020, 12, 31), "graduated")
        self.login(self.admin)
        r = self.client.get(self.url("list"), {"status": "graduated"})
        self.assertEqual([row.record for row in r.context["table"].rows], [done])
        r = self.client.get(self.url("list"), {"incubating_in": 2020, "carrier": self.carrier_a.pk})
        self.assertEqual([row.record for row in r.context["table"].rows], [self.stay_a])
        r = self.client.get(self.url("list"), {"status": "incubating"})
        self.assertEqual(
            {row.record for row in r.context["table"].rows}, {self.stay_a, self.stay_b}
        )

    def test_filter_choices_do_not_leak_other_counties(self):
        self.login(self.user_a)
        self.assertNotContains(self.client.get(self.url("list")), str(self.carrier_b))


class TenancyAPITests(TenancySuiteData, APITestCases.Standard):
    endpoint = "tenancies"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "carrier": cls.carrier_a.pk,
            "enterprise": cls.org_c.pk,
            "entered_on": "2022-01-10",
        }
        cls.create_outside = {
            **cls.create_data,
            "carrier": cls.carrier_b.pk,
            "enterprise": cls.org_b.pk,
        }
        cls.update_data = {"ip_count": 7}
        cls.filter_params = {"carrier": cls.carrier_a.pk}

    def test_it_refuses_an_organisation_that_is_not_an_enterprise(self):
        data = {**self.create_data, "enterprise": self.operator_a.pk}
        r = self.api(self.user_a).post(self.list_url(), data, format="json")
        self.assertEqual(r.status_code, 400)
        self.assertIn("在孵企业须为“企业”类型的法人单位", r.json()["enterprise"][0])
        self.assertFalse(Tenancy.objects.filter(enterprise=self.operator_a).exists())

    def test_it_reports_derived_values(self):
        row = self.api(self.admin).get(self.detail_url(self.stay_a)).json()
        self.assertEqual((row["is_incubating"], row["graduated"]), (True, False))


# 创投基金
class FundSuiteData(CarrierData):
    model = Fund
    search_term = "甲示例创投"

    @classmethod
    def setup_data(cls):
        cls.setup_carriers()

    @classmethod
    def in_scope(cls):
        return cls.fund_a

    @classmethod
    def out_of_scope(cls):
        return cls.fund_b


class FundViewTests(FundSuiteData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "name": "庚示例天使基金",
            "manager": cls.operator_a.pk,
            "region": "",
            "size_wan": "5000",
            "established_on": "2019-01-01",
            "government_guided": "on",
            "focus_industries": ["nylon", "it"],
        }
        cls.form_data_outside = {
            **cls.form_data,
            "manager": cls.operator_b.pk,
            "region": cls.town_b.pk,
        }
        cls.edit_data = {
            **cls.form_data,
            "name": "甲示例创投基金",
            "region": cls.town_a.pk,
            "size_wan": "8000",
            "focus_industries": ["steel"],
        }

    def test_it_stores_focus_industries_as_codes_and_shows_their_names(self):
        self.login(self.user_a)
        self.client.post(self.url("add"), self.form_data)
        created = Fund.objects.get(name="庚示例天使基金")
        self.assertEqual((created.focus_industries, created.region), ("nylon,it", self.town_a))
        self.assertContains(
            self.client.get(created.get_absolute_url()), "尼龙新材料、新一代信息技术"
        )
        form = self.client.get(self.url("edit", created)).context["form"]
        self.assertEqual(form.initial["focus_industries"], ["nylon", "it"])

    def test_the_page_shows_investments_and_the_invested_total_against_the_size(self):
        investment(self.fund_a, self.org_a, 1200, date(2021, 5, 1))
        investment(self.fund_a, self.org_c, 800, date(2022, 5, 1))
        self.login(self.user_a)
        r = self.client.get(self.fund_a.get_absolute_url())
        self.assertEqual(r.context["invested_total"], 2000)
        self.assertContains(r, "投资记录（2）")
        self.assertContains(r, "已投 20.0%")
        self.assertContains(r, "8,000.00")  # remaining of 10,000

    def test_it_refuses_a_size_below_the_invested_total(self):
        investment(self.fund_a, self.org_a, 6000, date(2021, 5, 1))
        self.login(self.user_a)
        data = {**self.edit_data, "size_wan": "5000", "version": self.fund_a.version}
        r = self.client.post(self.url("edit", self.fund_a), data)
        self.assertContains(r, "不能小于该基金已登记的投资合计（6,000.00 万元）", status_code=400)


class FundAPITests(FundSuiteData, APITestCases.Standard):
    endpoint = "funds"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "name": "庚示例天使基金",
            "manager": cls.operator_a.pk,
            "size_wan": "5000",
            "focus_industries": "nylon，电气装备",
        }
        cls.create_outside = {**cls.create_data, "manager": cls.operator_b.pk}
        cls.update_data = {"size_wan": "9000.00"}
        cls.filter_params = {"county": cls.county_a.pk}

    def test_it_normalises_focus_industries_and_reports_the_invested_total(self):
        r = self.api(self.user_a).post(self.list_url(), self.create_data, format="json")
        self.assertEqual(r.json()["focus_industries"], "nylon,electrical")
        investment(self.fund_a, self.org_a, 300, date(2021, 5, 1))
        rows = self.api(self.admin).get(self.list_url(), {"industry": "nylon"}).json()["results"]
        self.assertEqual([row["name"] for row in rows], ["庚示例天使基金"])
        row = self.api(self.admin).get(self.detail_url(self.fund_a)).json()
        self.assertEqual(row["invested_total_wan"], "300.00")

    def test_unknown_focus_industries_are_named(self):
        data = {**self.create_data, "focus_industries": "nylon,航天"}
        r = self.api(self.user_a).post(self.list_url(), data, format="json")
        self.assertIn("“航天”不是有效的重点产业", r.json()["focus_industries"][0])


# 投资记录
class InvestmentSuiteData(CarrierData):
    model = Investment
    search_term = "甲示例科技"

    @classmethod
    def setup_data(cls):
        cls.setup_carriers()
        cls.inv_a = investment(cls.fund_a, cls.org_a, 100, date(2021, 6, 1))
        cls.inv_b = investment(cls.fund_b, cls.org_b, 100, date(2021, 6, 1))

    @classmethod
    def in_scope(cls):
        return cls.inv_a

    @classmethod
    def out_of_scope(cls):
        return cls.inv_b


class InvestmentViewTests(InvestmentSuiteData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "fund": cls.fund_a.pk,
            "enterprise": cls.org_c.pk,
            "amount_wan": "200",
            "invested_on": "2022-03-01",
            "round": "a",
            "carrier": "",
        }
        cls.form_data_outside = {**cls.form_data, "fund": cls.fund_b.pk}
        cls.edit_data = {
            "fund": cls.fund_a.pk,
            "enterprise": cls.org_a.pk,
            "amount_wan": "150",
            "invested_on": "2021-06-01",
            "round": "angel",
            "carrier": "",
        }

    def test_it_refuses_to_exceed_the_fund_size_and_saves_nothing(self):
        self.login(self.user_a)
        before = Investment.history.count()
        r = self.client.post(self.url("add"), {**self.form_data, "amount_wan": "9950"})
        self.assertContains(
            r,
            "投资金额（万元）：基金“甲示例创投基金”的投资合计将达 10,050.00 万元"
            "（已登记 100.00 万元 + 本笔 9,950.00 万元），超过基金规模 10,000.00 万元",
            status_code=400,
        )
        self.assertEqual(Investment.history.count(), before)

    def test_the_carrier_must_be_one_the_enterprise_was_in(self):
        self.login(self.user_a)
        data = {**self.form_data, "carrier": self.carrier_a.pk}
        r = self.client.post(self.url("add"), data)
        self.assertContains(
            r, "所在孵化载体：投资日期（2022-03-01）时“戊示例材料有限公司”不在", status_code=400
        )
        stay(self.carrier_a, self.org_c, date(2021, 1, 1))
        self.assertEqual(self.client.post(self.url("add"), data).status_code, 302)

    def test_it_filters_by_year_fund_kind_and_being_in_a_carrier(self):
        stay(self.carrier_a, self.org_c, date(2021, 1, 1))
        later = investment(self.fund_a, self.org_c, 50, date(2023, 2, 1), self.carrier_a)
        self.login(self.admin)

        def rows(**params):
            r = self.client.get(self.url("list"), params)
            return {row.record for row in r.context["table"].rows}

        self.assertEqual(rows(in_carrier="true"), {later})
        self.assertEqual(rows(in_carrier="false"), {self.inv_a, self.inv_b})
        self.assertEqual(rows(year_from=2022, year_to=2023), {later})
        self.assertEqual(
            rows(government_guided="false", county=self.county_a.pk), {later, self.inv_a}
        )


class InvestmentAPITests(InvestmentSuiteData, APITestCases.Standard):
    endpoint = "investments"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "fund": cls.fund_a.pk,
            "enterprise": cls.org_c.pk,
            "amount_wan": "200",
            "invested_on": "2022-03-01",
            "round": "a",
        }
        cls.create_outside = {**cls.create_data, "fund": cls.fund_b.pk}
        cls.update_data = {"amount_wan": "150.00"}
        cls.filter_params = {"fund": cls.fund_a.pk}

    def test_it_refuses_a_date_before_the_fund_was_established(self):
        data = {**self.create_data, "invested_on": "2014-12-31"}
        r = self.api(self.user_a).post(self.list_url(), data, format="json")
        self.assertIn("不能早于基金“甲示例创投基金”的成立日期", r.json()["invested_on"][0])


class CarrierPageTests(CarrierData, ViewTestCases.Base):
    model = Carrier

    @classmethod
    def setup_data(cls):
        cls.setup_carriers()
        stay(cls.carrier_a, cls.org_a, date(2019, 4, 1), ip=3)
        stay(cls.carrier_a, cls.org_c, date(2018, 1, 1), date(2020, 6, 30), "graduated", ip=6)
        investment(cls.fund_a, cls.org_a, 250, date(2021, 2, 1), cls.carrier_a)

    @classmethod
    def in_scope(cls):
        return cls.carrier_a

    @classmethod
    def out_of_scope(cls):
        return cls.carrier_b

    def test_it_shows_yearly_figures_chart_and_current_tenants(self):
        self.login(self.user_a)
        r = self.client.get(self.carrier_a.get_absolute_url())
        figures = {f.year: f for f in r.context["figures"]}
        self.assertEqual(list(figures), list(range(2016, 2026)))
        self.assertEqual((figures[2019].incubating, figures[2020].graduated), (2, 1))
        self.assertEqual(figures[2021].financed_amount_wan, 250)
        self.assertContains(r, 'data-echarts="carrier-chart"')
        self.assertContains(r, 'id="carrier-chart"')
        self.assertContains(r, "当前在孵企业（1）")
        self.assertContains(r, "甲示例科技有限公司")
        self.assertContains(r, "incubating_in=2019")

    def test_the_page_takes_the_same_queries_however_many_stays(self):
        self.login(self.admin)
        url = self.carrier_a.get_absolute_url()
        with CaptureQueriesContext(connection) as before:
            self.client.get(url)
        for n in range(10):
            org = make_org(f"{n}号示例企业有限公司", self.town_a, 10000200 + n)
            stay(self.carrier_a, org, date(2016 + n, 1, 1))
            investment(self.fund_a, org, 10, date(2016 + n, 6, 1), self.carrier_a)
        with CaptureQueriesContext(connection) as after:
            self.client.get(url)
        self.assertEqual(len(after), len(before))
