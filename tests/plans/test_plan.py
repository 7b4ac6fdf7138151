from decimal import Decimal

from django.core.management import call_command
from django.test import TestCase

from kechuang.core.testing.personas import Personas
from kechuang.plans.models import Indicator, Plan

# The seed's 2020 figures (一(一) 发展基础), as the home page must show them.
SEED_2020 = {
    "platforms_total": ("305", "家"),
    "platforms_provincial": ("112", "家"),
    "hightech_enterprises": ("159", "家"),
    "tech_smes": ("285", "家"),
    "hightech_industry_share": ("22.2", "%"),
    "rd_gdp_ratio": ("1.76", "%"),
    "tech_contract_value": ("7.54", "亿元"),
}


class BuiltinPlanTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        call_command("plan", "load", stdout=open("/dev/null", "w"))

    def test_baselines_are_stored_canonically(self):
        plan = Plan.objects.get(is_default=True)
        rd = plan.indicators.get(code="rd_gdp_ratio")
        self.assertEqual(
            {b.year: b.value for b in rd.baselines.all()},
            {2015: Decimal("0.014"), 2020: Decimal("0.0176")},
        )
        contracts = plan.indicators.get(code="tech_contract_value")
        self.assertEqual(contracts.baselines.get(year=2020).value, Decimal("75400"))
        self.assertEqual(contracts.unit, "万元")

    def test_home_shows_the_seed_figures_from_the_database(self):
        self.client.force_login(self.user_a)
        page = self.client.get("/").content.decode()
        for code, (value, unit) in SEED_2020.items():
            self.assertIn(
                f'data-indicator="{code}">{value}</span><span class="kpi-unit">{unit}', page
            )

    def test_home_figures_follow_the_data_not_the_template(self):
        ind = Indicator.objects.get(code="hightech_enterprises")
        ind.baselines.filter(year=2020).update(value=160)
        self.client.force_login(self.user_a)
        self.assertContains(self.client.get("/"), 'data-indicator="hightech_enterprises">160<')

    def test_reloading_the_plan_is_idempotent(self):
        counts = (Indicator.objects.count(), Indicator.history.count())
        call_command("plan", "load", stdout=open("/dev/null", "w"))
        self.assertEqual(Indicator.objects.count(), counts[0])

    def test_plan_page_lists_indicators_with_baselines(self):
        self.client.force_login(self.org_user)
        r = self.client.get("/plans/")
        self.assertContains(r, "全社会研发经费支出占GDP比重")
        self.assertContains(r, "2015年：<strong>1.40</strong>")


class HomeRegistryCountsTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()

    def test_counts_follow_the_users_scope_and_link_to_the_lists(self):
        from kechuang.enterprises.models import Enterprise

        Enterprise.objects.create(org=self.org_a, industry="nylon")
        Enterprise.objects.create(org=self.org_b, industry="nylon")
        for user, expected in ((self.user_a, 1), (self.city_staff, 2)):
            self.client.force_login(user)
            rows = {r["label"]: r for r in self.client.get("/").context["registries"]}
            self.assertEqual(rows["企业"]["count"], expected)
            self.assertEqual(rows["企业"]["url"], "/enterprises/")
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get("/").context["registries"], [])


class PlanAPITests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        call_command("plan", "load", stdout=open("/dev/null", "w"))

    def test_published_plan_is_readable_by_every_role_with_the_permission(self):
        from rest_framework.test import APIClient

        for user in (self.user_a, self.org_user, self.outsider):
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=f"Token {self.token(user)}")
            r = client.get("/api/indicators/", {"plan": Plan.objects.get().pk, "limit": 50})
            self.assertEqual(r.status_code, 200)
            self.assertEqual(r.json()["count"], Plan.objects.get().indicators.count())
        self.assertEqual(APIClient().get("/api/plans/").status_code, 401)
