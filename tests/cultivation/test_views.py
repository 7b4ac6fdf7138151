import io
from datetime import date, timedelta

import openpyxl
from django.test import TestCase
from django.urls import reverse

from kechuang.core.testing.personas import Personas
from kechuang.cultivation import services
from kechuang.cultivation.models import Evaluation
from kechuang.jobs.models import Job

from .data import another, enterprise, qualify

POOL = reverse("cultivation:evaluation_list")


class ReservePoolTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        today = date.today()
        cls.ready = enterprise(cls.org_a)  # meets every quantified condition
        cls.gap_small = another("小缺口示例有限公司", cls.town_a, 30000001, rd_expense_wan=300)
        cls.gap_large = another("大缺口示例有限公司", cls.town_a, 30000002, rd_expense_wan=100)
        cls.two_short = another(
            "两项示例有限公司", cls.town_b, 30000003, rd_expense_wan=100, high_tech_income_wan=10
        )
        cls.holder = another("持证示例有限公司", cls.town_b, 30000004)
        qualify(
            cls.holder, "high_tech", today.year, issued=today - timedelta(days=30), number="GR1"
        )
        cls.expiring = another("将到期示例有限公司", cls.town_b, 30000005)
        qualify(
            cls.expiring,
            "high_tech",
            today.year - 3,
            issued=today - timedelta(days=3 * 365 - 60),
            number="GR2",
        )
        services.evaluate_year(2025)

    def names(self, response):
        return [ev.enterprise.org.name for ev in response.context["table"].page.object_list.data]

    def test_it_ranks_by_failed_conditions_then_gap(self):
        self.client.force_login(self.city_staff)
        response = self.client.get(POOL)
        names = self.names(response)
        order = [
            names.index(e.org.name)
            for e in (self.ready, self.gap_small, self.gap_large, self.two_short)
        ]
        assert order == sorted(order)
        assert self.holder.org.name not in names  # certificate valid beyond six months
        assert self.expiring.org.name in names
        assert response.context["pool"]["expiring"] == 1
        self.assertContains(response, "需重新认定")

    def test_it_filters_by_county_and_certificate(self):
        self.client.force_login(self.city_staff)
        response = self.client.get(POOL, {"county": self.county_b.pk, "certificate": "expiring"})
        assert self.names(response) == [self.expiring.org.name]

    def test_a_county_user_sees_only_their_county(self):
        self.client.force_login(self.user_a)
        names = self.names(self.client.get(POOL))
        assert set(names) == {self.ready.org.name, self.gap_small.org.name, self.gap_large.org.name}

    def test_an_org_user_sees_only_their_enterprise(self):
        self.client.force_login(self.org_user)
        assert self.names(self.client.get(POOL)) == [self.org_a.name]

    def test_the_export_is_scoped_and_says_what_to_fix(self):
        self.client.force_login(self.user_a)
        response = self.client.get(POOL, {"export": "xlsx"})
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.values)
        assert "需改进" in rows[0]
        fix = rows[0].index("需改进")
        assert len(rows) == 4
        assert rows[1][fix] == "量化条件均已满足，可申报"
        assert "需再投入" in rows[2][fix]

    def test_the_api_is_scoped(self):
        self.client.force_login(self.user_b)
        data = self.client.get("/api/cultivation/evaluations/").json()
        names = {row["enterprise_name"] for row in data["results"]}
        assert names == {self.two_short.org.name, self.holder.org.name, self.expiring.org.name}

    def test_outsiders_may_not_see_the_pool(self):
        self.client.force_login(self.outsider)
        assert self.client.get(POOL).status_code == 403


class EvaluateTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        enterprise(cls.org_a)

    def test_staff_start_the_batch_and_follow_its_progress(self):
        self.client.force_login(self.city_staff)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("cultivation:evaluate"), {"year": "2025"})
        job = Job.objects.get()
        self.assertRedirects(response, job.get_absolute_url(), fetch_redirect_response=False)
        job.refresh_from_db()
        assert job.status == Job.Status.DONE
        assert job.user == self.city_staff
        assert Evaluation.objects.filter(year=2025).count() == 1
        page = self.client.get(job.get_absolute_url())
        self.assertContains(page, "已评价 1 家企业 2025 年度数据")
        self.assertContains(page, f'href="{POOL}?year=2025"')

    def test_it_refuses_a_bad_year(self):
        self.client.force_login(self.city_staff)
        response = self.client.post(reverse("cultivation:evaluate"), {"year": "1990"}, follow=True)
        self.assertContains(response, "数据年度应为 2016—")
        assert not Job.objects.exists()

    def test_county_staff_may_not_run_it(self):
        self.client.force_login(self.user_a)
        assert (
            self.client.post(reverse("cultivation:evaluate"), {"year": "2025"}).status_code == 403
        )


class PagesTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.ent = enterprise(cls.org_a, rd_expense_wan=200, rd_expense_in_china_wan=200)
        qualify(cls.ent, "tech_sme", 2024)
        qualify(cls.ent, "high_tech", 2025, number="GR-P")
        other = another("乙县示例有限公司", cls.town_b, 40000001)
        qualify(other, "tech_sme", 2024)

    def test_the_enterprise_page_shows_the_diagnosis(self):
        self.client.force_login(self.user_a)
        response = self.client.get(self.ent.get_absolute_url())
        self.assertContains(response, "距离高新技术企业认定还差")
        self.assertContains(response, "需再投入 360 万元")
        self.assertContains(response, 'data-testid="tech-sme-score"')

    def test_the_pipeline_counts_per_county(self):
        self.client.force_login(self.city_staff)
        response = self.client.get(reverse("cultivation:pipeline"), {"year": 2025})
        city = response.context["city"]
        assert (city["sme_before"], city["sme_up"], city["sme_up_rate"]) == (2, 1, 50.0)
        rows = {r["county"].code: r for r in response.context["counties"]}
        assert rows["410402"]["sme_up_rate"] == 100.0
        assert rows["410422"]["sme_up_rate"] == 0.0
        self.assertContains(response, "小升高转化率")

    def test_a_county_user_sees_only_their_county_in_the_pipeline(self):
        self.client.force_login(self.user_b)
        response = self.client.get(reverse("cultivation:pipeline"), {"year": 2025})
        assert [r["county"].code for r in response.context["counties"]] == ["410422"]
        assert response.context["city"]["sme_before"] == 1

    def test_city_staff_can_open_one_county(self):
        self.client.force_login(self.city_staff)
        response = self.client.get(
            reverse("cultivation:pipeline"), {"year": 2025, "county": self.county_b.pk}
        )
        assert [r["county"].code for r in response.context["counties"]] == ["410422"]
        assert response.context["city"]["sme_before"] == 1
        self.assertContains(response, "企业梯次培育 · 叶县")
