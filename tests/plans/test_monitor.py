"""规划监测 pages: stored values, warning colours, county ranking with drill-down, scope."""

import io
from datetime import date

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from kechuang.core.testing.personas import Personas
from kechuang.enterprises.models import Enterprise, Qualification
from kechuang.plans.loader import BUILTIN_PLAN, load_plan
from kechuang.plans.models import IndicatorValue
from kechuang.plans.values import recompute


class MonitorTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.plan = load_plan(BUILTIN_PLAN, default=True)
        ent_a = Enterprise.objects.create(org=cls.org_a)
        ent_b = Enterprise.objects.create(org=cls.org_b)
        for ent, n in ((ent_a, "1"), (ent_b, "2")):
            Qualification.objects.create(
                enterprise=ent, kind="tech_sme", year=2024, number=n, issued_on=date(2024, 4, 1)
            )
        Qualification.objects.create(
            enterprise=ent_b, kind="tech_sme", year=2023, number="3", issued_on=date(2023, 4, 1)
        )
        recompute(cls.plan, [2023, 2024])

    def test_recompute_stores_city_and_county_values(self):
        smes = IndicatorValue.objects.filter(indicator__code="tech_smes", year=2024)
        assert {v.region.code: int(v.value) for v in smes} == {
            "410400": 2,
            "410402": 1,
            "410422": 1,
        }

    def test_the_dashboard_colours_by_warning_level(self):
        self.client.force_login(self.city_staff)
        response = self.client.get(reverse("plans:monitor"), {"year": 2024})
        card = next(c for c in response.context["cards"] if c["indicator"].code == "tech_smes")
        # 2 tech SMEs against 285 in 2020 and the illustrative 500 in 2025: far behind.
        assert card["value"] == 2 and card["state"]["level"] == "serious"
        self.assertContains(response, 'data-testid="card-tech_smes"')
        self.assertContains(response, "严重滞后")
        self.assertContains(response, "待填报")  # R&D/GDP is a statistical input

    def test_a_county_user_sees_their_county(self):
        self.client.force_login(self.user_a)
        response = self.client.get(reverse("plans:monitor"), {"year": 2024})
        assert response.context["focus"] == self.county_a
        assert [r.code for r in response.context["choices"]] == ["410402"]
        card = next(c for c in response.context["cards"] if c["indicator"].code == "tech_smes")
        assert card["value"] == 1 and card["state"] is None  # targets are the city's

    def test_the_indicator_page_ranks_counties_and_links_to_the_records(self):
        self.client.force_login(self.city_staff)
        response = self.client.get(reverse("plans:indicator", args=["tech_smes"]), {"year": 2024})
        rows = {r["region"].code: r for r in response.context["rows"]}
        assert rows["410402"]["rank"] == rows["410422"]["rank"] == 1  # a tie shares the rank
        assert (
            rows["410402"]["url"]
            == f"/enterprises/qualifications/?county={self.county_a.pk}&held_in=2024&kind=tech_sme"
        )
        self.assertContains(response, "按近 2 年线性趋势外推")
        listing = self.client.get(rows["410402"]["url"])
        assert listing.context["table"].paginator.count == 1

    def test_unknown_indicator_is_404(self):
        self.client.force_login(self.city_staff)
        assert self.client.get(reverse("plans:indicator", args=["nope"])).status_code == 404

    def test_the_compute_command(self):
        out = io.StringIO()
        call_command("monitor", "compute", "--years", "2024", stdout=out)
        assert "已计算 2024—2024 年指标值" in out.getvalue()

    def test_the_home_page_shows_the_latest_computed_value_beside_the_baseline(self):
        self.client.force_login(self.city_staff)
        page = self.client.get("/").content.decode()
        assert 'data-indicator="tech_smes">2</span>' in page
        assert "2024年（由登记数据计算）；2020年基期 285家" in page

    def test_experts_see_the_published_city_figures(self):
        self.client.force_login(self.outsider)
        response = self.client.get(reverse("plans:monitor"), {"year": 2024})
        assert response.context["focus"] == self.city
        assert [r.code for r in response.context["choices"]] == ["410400"]
