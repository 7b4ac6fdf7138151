from datetime import date

from django.test import TestCase

from kechuang.core.testing.personas import Personas
from kechuang.cultivation import services
from kechuang.cultivation.models import Evaluation
from kechuang.enterprises.choices import Tier
from kechuang.enterprises.models import Enterprise

from .data import another, enterprise, qualify


class DiagnosisTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()

    def test_it_passes_an_enterprise_meeting_every_condition(self):
        ent = enterprise(self.org_a)
        d = services.diagnose(ent)
        assert d["year"] == 2025
        assert [c["passed"] for c in d["conditions"]] == [True] * 7 + [None, True]
        assert d["evaluation"].high_tech_failed == 0
        assert "量化条件均已满足" in d["headline"]
        assert d["tech_sme"]["eligible"] is True

    def test_it_says_how_much_rd_is_missing(self):
        # 3 × 200 ÷ 3 × 8000 = 2.5 % against 4 % (latest sales 8,000 万元): 960 − 600 = 360 万元.
        ent = enterprise(self.org_a, rd_expense_wan=200, rd_expense_in_china_wan=200)
        d = services.diagnose(ent)
        rd = next(c for c in d["conditions"] if c["code"] == "rd_ratio")
        assert rd["passed"] is False
        assert rd["gap_wan"] == 360
        assert d["headline"].startswith("距离高新技术企业认定还差：")
        assert "2.5%，低于 4%；需再投入 360 万元" in d["headline"]
        assert d["evaluation"].high_tech_gap_wan == 360

    def test_it_lists_the_fields_it_needs(self):
        ent = enterprise(
            self.org_a, years=(2025,), rd_expense_wan=None, rd_expense_in_china_wan=None
        )
        d = services.diagnose(ent)
        assert "研发费用（万元）" in d["missing"]
        assert "境内研发费用（万元）" in d["missing"]
        assert d["conditions"] == []
        assert d["evaluation"].high_tech_assessed is False

    def test_it_needs_the_founding_date(self):
        ent = enterprise(self.org_a, years=(2025,))
        self.org_a.established_on = None
        self.org_a.save()
        ent.refresh_from_db()
        assert "成立日期（法人单位）" in services.diagnose(ent)["missing"]

    def test_it_shows_a_chosen_year_and_falls_back_to_the_latest(self):
        ent = enterprise(self.org_a)
        assert services.diagnose(ent, 2024)["year"] == 2024
        assert services.diagnose(ent, 1999)["year"] == 2025

    def test_no_annual_data_gives_no_diagnosis(self):
        ent = Enterprise.objects.create(org=self.org_a)
        assert services.diagnose(ent) is None

    def test_a_valid_certificate_is_the_direct_tech_sme_route(self):
        ent = enterprise(self.org_a, employees=600, st_staff=120)
        qualify(ent, "high_tech", 2025, number="GR2025410001")
        ts = services.diagnose(ent)["tech_sme"]
        assert ts["direct"] is True
        assert ts["eligible"] is False  # still over 500 employees: basic conditions fail
        assert ts["failures"][0]["code"] == "employees_over_500"


class BatchTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.good = enterprise(cls.org_a)
        cls.short = another("丙示例科技有限公司", cls.town_b, 10000003, high_tech_income_wan=3000)
        cls.empty = Enterprise.objects.create(org=cls.org_b)

    def test_it_stores_one_row_per_enterprise_and_replaces_them_on_rerun(self):
        calls = []
        counts = services.evaluate_year(
            2025, lambda done, total, msg="": calls.append((done, total))
        )
        assert counts["evaluated"] == 3
        assert counts["incomplete"] == 1
        assert calls[-1] == (3, 3)
        services.evaluate_year(2025)
        assert Evaluation.objects.filter(year=2025).count() == 3
        short = Evaluation.objects.get(enterprise=self.short)
        assert short.high_tech_failed == 1
        assert "高新技术产品（服务）收入占总收入" in short.to_fix
        assert short.policy_versions == services.POLICY_VERSIONS
        assert Evaluation.objects.get(enterprise=self.empty).missing[0] == "职工总数"

    def test_it_can_evaluate_a_subset(self):
        services.evaluate_year(2025, enterprises=Enterprise.objects.filter(pk=self.good.pk))
        assert list(Evaluation.objects.values_list("enterprise", flat=True)) == [self.good.pk]

    def test_it_records_the_certificate_end_even_when_lapsed(self):
        qualify(self.good, "high_tech", 2020, issued=date(2020, 10, 1), number="GR2020")
        services.evaluate_year(2025, today=date(2025, 12, 31))
        ev = Evaluation.objects.get(enterprise=self.good)
        assert ev.high_tech_until == date(2023, 9, 30)
        assert ev.tier == Tier.MICRO

    def test_the_job_function_links_to_the_pool(self):
        result = services.evaluate_job(lambda *a, **k: None, 2025)
        assert result["url"].endswith("/cultivation/reserve/?year=2025")
        assert "已评价 3 家企业 2025 年度数据" in result["summary"]


class PipelineTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.up = another("升高示例有限公司", cls.town_a, 20000001, years=())
        qualify(cls.up, "tech_sme", 2024)
        qualify(cls.up, "high_tech", 2025, number="GR2025A")
        cls.stays = another("科小示例有限公司", cls.town_a, 20000002, years=())
        qualify(cls.stays, "tech_sme", 2024)
        cls.strong = another("变强示例有限公司", cls.town_b, 20000003, years=())
        qualify(cls.strong, "high_tech", 2023, number="GR2023B")
        qualify(cls.strong, "chuying", 2025)
        cls.micro = another("微成长示例有限公司", cls.town_b, 20000004, years=())

    def test_tier_counts(self):
        counts = services.tier_counts(Enterprise.objects.all(), 2025)
        assert counts == {"micro": 2, "tech_sme": 0, "high_tech": 1, "leader": 1}

    def test_it_measures_small_to_high_and_high_to_strong(self):
        matrix = services.tier_matrix(Enterprise.objects.all(), [2024, 2025])
        flow = services.flow(matrix, 2025)
        assert (flow["sme_before"], flow["sme_up"], flow["sme_up_rate"]) == (2, 1, 50.0)
        assert (flow["high_tech_before"], flow["high_tech_up"]) == (1, 1)
        assert flow["new_high_tech"] == 1
        assert flow["leaders_before"] == 0 and flow["leader_growth"] is None

    def test_it_splits_by_county(self):
        data = services.pipeline(
            Enterprise.objects.all(), [self.county_a, self.county_b], 2025, 2020
        )
        a, b = data["counties"]
        assert a["county"] == self.county_a and a["sme_up_rate"] == 50.0
        assert b["counts"] == {"micro": 1, "tech_sme": 0, "high_tech": 0, "leader": 1}
        assert data["by_year"][2024] == {"micro": 1, "tech_sme": 2, "high_tech": 1, "leader": 0}
        links = data["sankey"]["series"][0]["links"]
        assert {
            "source": "科技型中小企业（2024）",
            "target": "高新技术企业（2025）",
            "value": 1,
        } in links


class CommandTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        enterprise(cls.org_a)

    def test_the_command_evaluates_the_years_given(self):
        import io

        from django.core.management import call_command

        out = io.StringIO()
        call_command(
            "cultivation",
            "evaluate",
            "--year",
            "2024",
            "--year",
            "2025",
            "--no-progress",
            stdout=out,
        )
        assert "2025年：评价 1 家，高企量化条件全部满足 1 家" in out.getvalue()
        assert sorted(Evaluation.objects.values_list("year", flat=True)) == [2024, 2025]

    def test_the_command_refuses_a_bad_year(self):
        from django.core.management import CommandError, call_command

        with self.assertRaisesMessage(CommandError, "--year 应为 2000—"):
            call_command("cultivation", "evaluate", "--year", "1990")
