"""The incubation chain: funnel, financing, carrier annual figures, recognition diagnosis and the
graduation-criteria check, on a small hand-built chain with hand-checked values.

Carriers: MS 甲示例众创空间 (maker space, county A), INC 乙示例孵化器 (incubator, county B),
ACC 丙示例加速器 (accelerator, county A). Year of the statistics: 2023 unless said otherwise.

E1 (A) MS 2018-03-01 → 2019-06-30 毕业 → INC 2019-09-01 → 2021-06-30 毕业 → ACC 2021-09-01 → open
       高企 issued 2020-11-01 (valid to 2023-10-31); 2022 规上, sales 5000; 2023 sales 400
E2 (A) MS 2019-01-01 → 2020-12-31 毕业 → INC 2021-03-01 → open (IP 3); 2021 sales 1200
E3 (A) MS 2020-05-01 → 2021-05-01 淘汰
E4 (B) INC 2018-01-01 → 2022-03-31 毕业; 高企 issued 2022-10-01; 2022 sales 800, not 规上
E5 (B) INC 2022-06-01 → open; 科小 2023
E6 (A) ACC 2023-02-01 → open; listed; an expired 高企 (2016–2018)
E7 (A) MS 2017-01-01 → 2018-12-31 毕业; not registered as an enterprise
E8 (B) INC 2024-01-01 → open (after 2023: never counted for 2023)

Investments (fund A unless said): E1 200 angel 2019-03-01 (in MS), E1 800 A 2020-06-01 (in INC),
E2 100 angel 2020-07-01 (in MS), E3 50 other 2020-08-01 by fund B (in MS), E4 500 A 2023-01-10
(after its stay), E5 300 angel 2023-05-01 (in INC), E6 1000 B 2024-02-01 (after 2023).
"""

from datetime import date
from decimal import Decimal

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kechuang.carriers import incubation
from kechuang.carriers.diagnosis import diagnose, fmt
from kechuang.carriers.models import Carrier, Tenancy
from kechuang.carriers.rules import load_rules, parse
from kechuang.core.testing.personas import Personas, make_org
from kechuang.enterprises.models import AnnualData, Enterprise, Qualification

from .factories import CarrierData, carrier, investment, stay

G, E, R = "graduated", "eliminated", "relocated"


def enterprise(org, listed=False) -> Enterprise:
    obj = Enterprise(org=org, listed=listed)
    obj.save()
    return obj


def qualification(ent, kind, year, issued) -> None:
    Qualification(enterprise=ent, kind=kind, year=year, issued_on=issued).save()


def annual(ent, year, sales, above=False) -> None:
    AnnualData(
        enterprise=ent, year=year, sales_revenue_wan=Decimal(sales), above_scale=above
    ).save()


class ChainData(CarrierData):
    @classmethod
    def setup_chain(cls):
        cls.setup_carriers()
        cls.ms, cls.inc = cls.carrier_a, cls.carrier_b
        cls.acc = carrier("丙示例加速器", cls.operator_a, kind="accelerator")
        towns = {1: cls.town_a, 2: cls.town_a, 3: cls.town_a, 4: cls.town_b, 5: cls.town_b}
        towns.update({6: cls.town_a, 7: cls.town_a, 8: cls.town_b})
        cls.e = {
            n: make_org(f"{n}号示例链条企业有限公司", towns[n], 10000300 + n) for n in range(1, 9)
        }
        e, ms, inc, acc = cls.e, cls.ms, cls.inc, cls.acc
        cls.s1_ms = stay(ms, e[1], date(2018, 3, 1), date(2019, 6, 30), G)
        stay(inc, e[1], date(2019, 9, 1), date(2021, 6, 30), G, ip=5)
        cls.s1_acc = stay(acc, e[1], date(2021, 9, 1), ip=2)
        cls.s2_ms = stay(ms, e[2], date(2019, 1, 1), date(2020, 12, 31), G)
        cls.s2_inc = stay(inc, e[2], date(2021, 3, 1), ip=3)
        stay(ms, e[3], date(2020, 5, 1), date(2021, 5, 1), E, ip=1)
        stay(inc, e[4], date(2018, 1, 1), date(2022, 3, 31), G, ip=4)
        stay(inc, e[5], date(2022, 6, 1))
        cls.s6_acc = stay(acc, e[6], date(2023, 2, 1))
        cls.s7_ms = stay(ms, e[7], date(2017, 1, 1), date(2018, 12, 31), G)
        stay(inc, e[8], date(2024, 1, 1))

        ent = {n: enterprise(e[n], listed=(n == 6)) for n in (1, 2, 3, 4, 5, 6, 8)}
        qualification(ent[1], "high_tech", 2020, date(2020, 11, 1))
        qualification(ent[4], "high_tech", 2022, date(2022, 10, 1))
        qualification(ent[6], "high_tech", 2016, date(2016, 1, 1))
        qualification(ent[5], "tech_sme", 2023, date(2023, 5, 1))
        qualification(ent[2], "tech_sme", 2022, date(2022, 5, 1))
        annual(ent[1], 2022, 5000, above=True)
        annual(ent[1], 2023, 400)
        annual(ent[2], 2021, 1200)
        annual(ent[4], 2022, 800)

        fa, fb = cls.fund_a, cls.fund_b
        investment(fa, e[1], 200, date(2019, 3, 1))
        investment(fa, e[1], 800, date(2020, 6, 1), round_="a")
        investment(fa, e[2], 100, date(2020, 7, 1))
        investment(fb, e[3], 50, date(2020, 8, 1), round_="other")
        investment(fa, e[4], 500, date(2023, 1, 10), round_="a")
        investment(fa, e[5], 300, date(2023, 5, 1))
        investment(fa, e[6], 1000, date(2024, 2, 1), round_="b")

        op = cls.operator_b
        op.established_on = date(2019, 5, 1)
        op.save()
        inc.area_sqm, inc.incubation_area_sqm = Decimal(12000), Decimal(8000)
        inc.fund_size_wan, inc.mentors, inc.staff, inc.professional_staff = (
            Decimal(300),
            1,
            10,
            9,
        )
        inc.save()


class FunnelTests(ChainData, Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.setup_chain()
        cls.data = incubation.load(Tenancy.objects.all(), 2023)
        cls.city = incubation.funnel(cls.data, carriers=Carrier.objects.all())

    def test_the_city_counts_distinct_enterprises_per_stage(self):
        self.assertEqual(
            self.city.counts,
            {"entered": 7, "incubating": 4, "graduated": 4, "high_tech": 2, "above_scale": 1},
        )

    def test_rates_are_taken_against_their_base_stage(self):
        rates = {s.code: (s.base, s.rate) for s in self.city.stages}
        self.assertEqual(rates["entered"], (None, None))
        self.assertEqual(rates["incubating"], ("entered", 4 / 7))
        self.assertEqual(rates["graduated"], ("entered", 4 / 7))
        self.assertEqual(rates["high_tech"], ("graduated", 0.5))
        self.assertEqual(rates["above_scale"], ("high_tech", 0.5))

    def test_financing_counts_investments_made_while_incubating(self):
        f = self.city.financing
        self.assertEqual((f.deals, f.amount_wan, f.enterprises), (5, Decimal("1450"), 4))
        self.assertEqual(f.share, 4 / 7)
        self.assertEqual((f.deals_in_year, f.amount_in_year_wan), (1, Decimal("300")))
        by_round = {r["round"]: (r["deals"], r["amount_wan"], r["enterprises"]) for r in f.by_round}
        self.assertEqual(
            by_round,
            {"angel": (3, Decimal("600"), 3), "a": (1, Decimal("800"), 1), "other": (1, 50, 1)},
        )

    def test_the_chain_by_kind_counts_each_link_and_who_moved_on(self):
        rows = {r.kind: r for r in self.city.kinds}
        self.assertEqual(list(rows), ["maker_space", "incubator", "accelerator"])
        ms, inc, acc = rows["maker_space"], rows["incubator"], rows["accelerator"]
        self.assertEqual(list(ms.counts.values()), [4, 0, 3, 1, 1])
        self.assertEqual(list(inc.counts.values()), [4, 2, 2, 2, 1])
        self.assertEqual(list(acc.counts.values()), [2, 2, 0, 0, 0])
        self.assertEqual((ms.financed, ms.financed_amount_wan), (3, Decimal("350")))
        self.assertEqual((inc.financed, inc.financed_amount_wan), (2, Decimal("1100")))
        self.assertEqual((ms.moved_on, ms.next_label), (2, "科技企业孵化器"))
        self.assertEqual((inc.moved_on, inc.next_label), (1, "加速器"))
        self.assertEqual((acc.moved_on, ms.graduation_rate), (None, 0.75))

    def test_carriers_are_ranked_by_graduates_then_high_tech(self):
        ranked = [(r.rank, r.carrier.name, r.counts["graduated"]) for r in self.city.carriers]
        self.assertEqual(
            ranked, [(1, "甲示例众创空间", 3), (2, "乙示例孵化器", 2), (3, "丙示例加速器", 0)]
        )
        inc = self.city.carriers[1]
        self.assertEqual((inc.graduation_rate, inc.high_tech_rate, inc.financed), (0.5, 1.0, 2))

    def test_a_kind_filter_keeps_only_that_links_stays(self):
        f = incubation.funnel(self.data, kind="incubator", carriers=Carrier.objects.all())
        self.assertEqual(list(f.counts.values()), [4, 2, 2, 2, 1])
        self.assertEqual((f.financing.deals, f.financing.amount_wan), (2, Decimal("1100")))
        self.assertEqual(f.financing.share, 0.5)
        self.assertEqual([r.carrier.name for r in f.carriers], ["乙示例孵化器"])

    def test_an_earlier_year_counts_what_was_known_then(self):
        f = incubation.funnel(incubation.load(Tenancy.objects.all(), 2019))
        # 2019: E1, E2, E4, E7 entered (E3 only in 2020); E1 (INC), E2, E4 in at year end;
        # E7, E1 graduated; E1's certificate dates from 2020, so no high-tech graduate yet.
        self.assertEqual(list(f.counts.values()), [4, 3, 2, 0, 0])

    def test_the_chart_keeps_the_chain_order(self):
        option = incubation.funnel_chart(self.city.stages, "全市")
        data = option["series"][0]["data"]
        self.assertEqual(option["series"][0]["sort"], "none")
        self.assertEqual([d["value"] for d in data], [7, 4, 4, 2, 1])
        self.assertEqual(data[0]["name"], "累计入驻")

    def test_it_reads_everything_in_a_fixed_number_of_queries(self):
        with self.assertNumQueries(5):
            incubation.load(Tenancy.objects.all(), 2023)

    def test_it_flags_graduates_meeting_no_criterion(self):
        unmet, _ = incubation.graduation_flags(self.data)
        self.assertEqual([f.stay.pk for f in unmet], [self.s7_ms.pk, self.s1_ms.pk, self.s2_ms.pk])
        notes = [f.note for f in unmet]
        self.assertEqual(notes[0], "该单位未登记为企业（无资质和年度数据），无法核验")
        self.assertEqual(notes[1], "在孵期间无企业年度数据，营业收入和规模条件无法核验")

    def test_it_flags_tenants_meeting_a_criterion_while_still_incubating(self):
        _, unrecorded = incubation.graduation_flags(self.data)
        met = {f.stay.pk: f.met for f in unrecorded}
        self.assertEqual(
            met,
            {
                self.s2_inc.pk: ("单一年度营业收入超过1000万元",),
                # 2021–2023: certificate held, IP and 规上 in 2022, sales 5000 in 2022
                self.s1_acc.pk: (
                    "认定为高新技术企业",
                    "拥有知识产权并实现规模生产（规模以上）",
                    "单一年度营业收入超过1000万元",
                ),
                self.s6_acc.pk: ("被兼并收购或上市（系统仅记录上市）",),
            },
        )


class CarrierYearTests(ChainData, Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.setup_chain()

    def figures(self, carrier_, year):
        data = incubation.load(Tenancy.objects.filter(carrier=carrier_), year)
        return incubation.carrier_year(data)

    def test_it_derives_the_incubators_2023_figures_from_its_stays(self):
        f = self.figures(self.inc, 2023)
        self.assertEqual((f.incubating, f.new, f.graduated, f.graduated_cumulative), (2, 0, 0, 2))
        self.assertEqual((f.financed, f.financed_amount_wan), (1, Decimal("300")))
        self.assertEqual((f.ip_total, f.ip_holders, f.high_tech, f.tech_sme), (3, 1, 0, 1))
        self.assertEqual((f.financed_incubating, f.investment_cases), (1, 2))

    def test_it_derives_the_incubators_2021_figures(self):
        f = self.figures(self.inc, 2021)
        self.assertEqual((f.incubating, f.new, f.graduated, f.graduated_cumulative), (2, 1, 1, 1))
        self.assertEqual((f.financed, f.ip_total, f.high_tech, f.tech_sme), (0, 7, 0, 0))

    def test_high_tech_tenants_hold_a_certificate_at_year_end(self):
        self.assertEqual(self.figures(self.acc, 2022).high_tech, 1)  # E1, valid to 2023-10-31
        self.assertEqual(self.figures(self.acc, 2023).high_tech, 0)

    def test_tenants_with_sales_count_only_reported_sales(self):
        f = self.figures(self.acc, 2023)
        self.assertEqual((f.tenants_with_sales(300), f.tenants_with_sales(500)), (1, 0))
        self.assertIsNone(self.figures(self.acc, 2021).tenants_with_sales(300))


class DiagnosisTests(ChainData, Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.setup_chain()

    def diagnoses(self, carrier_, year=2023):
        carrier_.refresh_from_db()
        data = incubation.load(Tenancy.objects.filter(carrier=carrier_), year)
        return {d.rules.code: d for d in diagnose(carrier_, incubation.carrier_year(data))}

    def table(self, diagnosis):
        return {
            c.condition.code: (c.actual_text, c.required_text, c.passed) for c in diagnosis.checks
        }

    def test_each_national_condition_has_actual_required_and_a_verdict(self):
        d = self.diagnoses(self.inc)["national"]
        self.assertEqual(
            self.table(d),
            {
                "operating_years": ("4 年", "≥ 3 年", True),
                "area": ("12,000 平方米", "≥ 10,000 平方米", True),
                "area_share": ("66.7%", "≥ 75.0%", False),
                "fund": ("300 万元", "≥ 500 万元", False),
                "financed_share": ("50.0%", "≥ 10.0%", True),
                "fund_cases": ("2 个", "≥ 3 个", False),
                "professional_share": ("90.0%", "≥ 80.0%", True),
                "professionals_per_firms": ("45 名/10家", "≥ 1 名/10家", True),
                "mentors_per_firms": ("5 名/10家", "≥ 1 名/10家", True),
                "ip_share": ("50.0%", "≥ 30.0%", True),
                "tenants": ("2 家", "≥ 50 家", False),
                "density": ("0.25 家/千平方米", "≥ 3 家/千平方米", False),
                "graduates": ("2 家", "≥ 20 家", False),
            },
        )

    def test_the_headline_lists_what_is_missing_for_recognition(self):
        d = self.diagnoses(self.inc)["national"]
        self.assertEqual(
            d.headline,
            "距国家级孵化器认定还差：在孵企业使用场地占比 66.7%，低于 75.0%；孵化资金 300 万元，"
            "低于 500 万元；投资案例 2 个，低于 3 个；在孵企业 2 家，低于 50 家；每千平方米在孵企业 "
            "0.25 家/千平方米，低于 3 家/千平方米；累计毕业企业 2 家，低于 20 家。",
        )

    def test_the_municipal_example_set(self):
        d = self.diagnoses(self.inc)["municipal"]
        verdicts = {code: passed for code, (_a, _r, passed) in self.table(d).items()}
        self.assertEqual(
            verdicts,
            {
                "area": True,
                "area_share": False,
                "tenants": False,
                "fund": False,
                "financed": True,
                "staff": True,
                "professional_share": True,
                "mentors": False,
                "mentors_per_firms": True,
            },
        )
        self.assertEqual(self.table(d)["mentors_per_firms"][0], "2.5 名/5家")
        self.assertTrue(d.headline.startswith("距市级孵化器认定还差：在孵企业使用场地占比 66.7%"))

    def test_missing_data_is_a_question_mark_and_named_in_the_headline(self):
        self.inc.staff = None
        self.inc.save()
        d = self.diagnoses(self.inc)["national"]
        check = next(c for c in d.checks if c.condition.code == "professional_share")
        self.assertEqual((check.passed, check.actual_text), (None, "—"))
        self.assertEqual(check.note, "未填写从业人员数或专业孵化人员数")
        self.assertTrue(d.headline.endswith("；另有 1 项无法判断（专业孵化人员占比）。"))

    def test_a_specialised_incubator_has_lower_thresholds(self):
        self.inc.specialisation, self.inc.industry = "specialised", "nylon"
        self.inc.save()
        table = self.table(self.diagnoses(self.inc)["national"])
        self.assertEqual(table["tenants"][1], "≥ 30 家")
        self.assertEqual(table["density"][1], "≥ 2 家/千平方米")
        self.assertEqual(table["graduates"][1], "≥ 15 家")

    def test_the_accelerator_set_applies_to_accelerators_only(self):
        self.assertEqual(list(self.diagnoses(self.inc)), ["national", "municipal"])
        self.assertEqual(self.diagnoses(self.ms), {})
        d = self.diagnoses(self.acc)["accelerator"]
        self.assertEqual(
            d.headline,
            "距市级加速器认定还差：年销售收入300万元以上企业 1 家，低于 5 家；"
            "另有 2 项无法判断（场地面积、加速企业使用场地占比）。",
        )

    def test_a_carrier_meeting_every_condition(self):
        self.acc.area_sqm, self.acc.incubation_area_sqm = Decimal(30000), Decimal(24000)
        self.acc.save()
        rules = parse(
            {
                "policy_version": "t",
                "graduation": {"source": "s", "criteria": [{"code": "listed", "label": "上市"}]},
                "sets": [
                    {
                        "code": "x",
                        "label": "测试",
                        "short": "测试级加速器",
                        "level": "municipal",
                        "kinds": ["accelerator"],
                        "source": "s",
                        "source_url": "",
                        "conditions": [
                            {
                                "code": "area",
                                "label": "场地",
                                "short": "场地",
                                "metric": "area_sqm",
                                "value": 30000,
                                "unit": "平方米",
                            }
                        ],
                    }
                ],
            }
        )
        data = incubation.load(Tenancy.objects.filter(carrier=self.acc), 2023)
        (d,) = diagnose(self.acc, incubation.carrier_year(data), rules)
        self.assertTrue(d.met)
        self.assertEqual(d.headline, "已满足测试级加速器认定的全部可核验条件。")


class RulesTests(TestCase):
    def test_the_shipped_rules_load_with_a_version_and_sources(self):
        rules = load_rules()
        self.assertEqual(rules.policy_version, "carriers-recognition-2018.1")
        self.assertEqual([s.code for s in rules.sets], ["national", "municipal", "accelerator"])
        self.assertTrue(all(s.source for s in rules.sets))
        self.assertEqual(
            [c.code for c in rules.graduation], ["high_tech", "ip_and_scale", "revenue", "listed"]
        )

    def test_an_unknown_metric_is_refused_by_name(self):
        data = {
            "policy_version": "t",
            "graduation": {"source": "s", "criteria": []},
            "sets": [
                {
                    "code": "x",
                    "kinds": [],
                    "conditions": [{"code": "c", "metric": "nonsense"}],
                }
            ],
        }
        with self.assertRaisesMessage(ValueError, "认定条件 x.c：未知的取值口径 nonsense"):
            parse(data)

    def test_values_are_formatted_with_their_unit(self):
        self.assertEqual(fmt(0.3, "%"), "30.0%")
        self.assertEqual(fmt(12000.0, "平方米"), "12,000 平方米")
        self.assertEqual(fmt(2.5, "名/5家"), "2.5 名/5家")
        self.assertEqual(fmt(None, "家"), "—")


class FunnelPageTests(ChainData, Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.setup_chain()
        cls.url = reverse("carriers:funnel")

    def test_it_renders_the_city_funnel_chart_tables_and_flags(self):
        self.client.force_login(self.admin)
        r = self.client.get(self.url, {"year": 2023})
        self.assertEqual(r.context["funnel"].counts["entered"], 7)
        self.assertContains(r, 'data-echarts="funnel-chart"')
        self.assertContains(r, 'id="funnel-chart"')
        self.assertContains(r, 'data-stage="high_tech">2<')
        self.assertContains(r, "2 家进入科技企业孵化器")
        self.assertContains(r, "记为毕业但未满足任何毕业条件（3）")
        self.assertContains(r, "已满足毕业条件但仍记为在孵（3）")
        self.assertContains(r, "7号示例链条企业有限公司")

    def test_it_filters_by_kind_and_county(self):
        self.client.force_login(self.admin)
        r = self.client.get(self.url, {"year": 2023, "kind": "incubator"})
        self.assertEqual(list(r.context["funnel"].counts.values()), [4, 2, 2, 2, 1])
        r = self.client.get(self.url, {"year": 2023, "county": self.county_b.pk})
        self.assertEqual(r.context["funnel"].counts["entered"], 4)
        self.assertEqual(r.context["scope"], "叶县")

    def test_a_county_user_sees_only_its_countys_carriers_and_investments(self):
        self.client.force_login(self.user_a)
        r = self.client.get(self.url, {"year": 2023})
        f = r.context["funnel"]
        # MS and ACC only: E1, E2, E3, E6, E7; E1's stay in the county-B incubator is not seen.
        self.assertEqual(list(f.counts.values()), [5, 2, 3, 1, 1])
        # Fund B (county B) is out of scope: only E1 200 and E2 100, both in the maker space.
        fin = f.financing
        self.assertEqual((fin.deals, fin.amount_wan, fin.enterprises), (2, Decimal("300"), 2))
        self.assertEqual(
            [row.carrier.name for row in f.carriers], ["甲示例众创空间", "丙示例加速器"]
        )
        self.assertNotContains(r, "乙示例孵化器")
        self.assertNotContains(r, "5号示例链条企业有限公司")
        self.assertEqual([c.name for c in r.context["county_choices"]], ["新华区"])

    def test_the_page_takes_the_same_queries_however_many_stays(self):
        self.client.force_login(self.admin)
        with CaptureQueriesContext(connection) as before:
            self.client.get(self.url, {"year": 2023})
        for n in range(5):
            org = make_org(f"{n}号示例加量企业有限公司", self.town_a, 10000400 + n)
            stay(self.inc, org, date(2019 + n, 1, 1), date(2020 + n, 6, 30), G, ip=n)
            investment(self.fund_a, org, 10, date(2019 + n, 6, 1))
        with CaptureQueriesContext(connection) as after:
            self.client.get(self.url, {"year": 2023})
        self.assertEqual(len(after), len(before))

    def test_it_defaults_to_the_latest_year_with_stays(self):
        self.client.force_login(self.admin)
        r = self.client.get(self.url)
        self.assertEqual(r.context["year"], 2024)
        self.assertEqual(r.context["years"][0], 2024)

    def test_without_the_permission_it_is_refused(self):
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(self.url).status_code, 403)


class CarrierPageDiagnosisTests(ChainData, Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.setup_chain()

    def test_it_shows_the_years_figures_diagnosis_and_funnel(self):
        self.client.force_login(self.admin)
        r = self.client.get(self.inc.get_absolute_url(), {"year": 2023})
        self.assertEqual(r.context["annual"].incubating, 2)
        self.assertContains(r, "2023年孵化数据")
        self.assertContains(r, "距国家级孵化器认定还差：在孵企业使用场地占比 66.7%")
        self.assertContains(r, 'data-code="tenants" data-passed="no"')
        self.assertContains(r, 'data-code="ip_share" data-passed="yes"')
        self.assertContains(r, 'id="carrier-funnel-chart"')
        self.assertEqual([s.count for s in r.context["stages"]], [4, 2, 2, 2, 1])

    def test_a_maker_space_has_no_configured_set(self):
        self.client.force_login(self.admin)
        r = self.client.get(self.ms.get_absolute_url())
        self.assertContains(r, "尚未配置适用于“众创空间（苗圃）”的认定条件")

    def test_totals_count_only_investments_the_user_may_see(self):
        # E2 100 (fund A) and E3 50 (fund B, county B) went to maker-space tenants in 2020.
        self.client.force_login(self.admin)
        r = self.client.get(self.ms.get_absolute_url())
        row = next(f for f in r.context["figures"] if f.year == 2020)
        self.assertEqual((row.financed, row.financed_amount_wan), (2, Decimal("150")))
        self.client.force_login(self.user_a)
        r = self.client.get(self.ms.get_absolute_url())
        row = next(f for f in r.context["figures"] if f.year == 2020)
        self.assertEqual((row.financed, row.financed_amount_wan), (1, Decimal("100")))

    def test_a_county_user_cannot_open_another_countys_carrier(self):
        self.client.force_login(self.user_a)
        self.assertEqual(self.client.get(self.inc.get_absolute_url()).status_code, 404)
