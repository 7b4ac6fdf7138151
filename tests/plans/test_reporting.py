"""统计填报: fill, submit, approve or return, unlock; validation; scope; input indicators."""

from datetime import date
from decimal import Decimal

from django.test import TestCase
from django.urls import reverse

from kechuang.core.testing.personas import Personas
from kechuang.plans.loader import BUILTIN_PLAN, load_plan
from kechuang.plans.models import IndicatorValue, ReportingPeriod, StatValue, Submission

FULL = {
    "v_gdp": "1000000",
    "v_rd_expenditure": "20000",
    "v_industry_value_added": "400000",
    "v_hightech_value_added": "100000",
}


class ReportingTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.plan = load_plan(BUILTIN_PLAN, default=True)

    def start(self, user, region, year=2024):
        self.client.force_login(user)
        response = self.client.post(
            reverse("plans:reporting_start"), {"region": region.code, "year": year}
        )
        return Submission.objects.get(region=region, year=year), response

    def submit(self, sub, data, action="submit"):
        return self.client.post(sub.get_absolute_url(), {**data, "action": action}, follow=True)

    def approve(self, sub):
        self.client.force_login(self.city_staff)
        return self.client.post(
            reverse("plans:submission_review", args=[sub.pk]), {"action": "approve"}, follow=True
        )

    def test_a_county_fills_submits_and_the_city_approves(self):
        sub, response = self.start(self.user_a, self.county_a)
        self.assertRedirects(response, sub.get_absolute_url())
        response = self.submit(sub, {"v_gdp": "1000000"})
        self.assertContains(response, "“全社会研究与试验发展（R&amp;D）经费支出”未填写")
        self.submit(sub, {"v_gdp": "1000000"}, action="save")
        sub.refresh_from_db()
        assert sub.status == "draft" and StatValue.objects.get(series__code="gdp").value == 1000000
        self.submit(sub, FULL)
        sub.refresh_from_db()
        assert (sub.status, sub.submitted_by) == ("submitted", self.user_a)
        # Submitted: locked for the county
        assert (
            self.client.post(sub.get_absolute_url(), {**FULL, "action": "save"}).status_code == 403
        )
        self.approve(sub)
        sub.refresh_from_db()
        assert sub.status == "approved"
        value = IndicatorValue.objects.get(
            indicator__code="rd_gdp_ratio", region=self.county_a, year=2024
        )
        assert value.value == Decimal("0.02")

    def test_the_city_value_is_the_ratio_of_the_counties_sums(self):
        for user, county, gdp, rd in (
            (self.user_a, self.county_a, "1000", "10"),
            (self.user_b, self.county_b, "9000", "270"),
        ):
            sub, _ = self.start(user, county)
            self.submit(sub, {**FULL, "v_gdp": gdp, "v_rd_expenditure": rd})
            self.approve(sub)
        city = IndicatorValue.objects.get(
            indicator__code="rd_gdp_ratio", region=self.city, year=2024
        )
        # (10 + 270) / (1000 + 9000) = 2.8 %, not the mean of 1 % and 3 %
        assert city.value == Decimal("0.028")

    def test_a_large_change_needs_a_note(self):
        first, _ = self.start(self.user_a, self.county_a, 2023)
        self.submit(first, FULL)
        self.approve(first)
        sub, _ = self.start(self.user_a, self.county_a, 2024)
        response = self.submit(sub, {**FULL, "v_gdp": "1500000"})
        self.assertContains(response, "比上年变化 +50.0%")
        assert Submission.objects.get(pk=sub.pk).status == "draft"
        self.submit(sub, {**FULL, "v_gdp": "1500000", "n_gdp": "新口径纳入园区"})
        assert Submission.objects.get(pk=sub.pk).status == "submitted"

    def test_return_and_unlock_need_a_reason_and_are_recorded(self):
        sub, _ = self.start(self.user_a, self.county_a)
        self.submit(sub, FULL)
        self.client.force_login(self.city_staff)
        url = reverse("plans:submission_review", args=[sub.pk])
        self.assertContains(self.client.post(url, {"action": "return"}, follow=True), "须填写原因")
        self.client.post(url, {"action": "return", "comment": "GDP 与统计公报不一致"})
        sub.refresh_from_db()
        assert (sub.status, sub.comment) == ("returned", "GDP 与统计公报不一致")
        self.client.force_login(self.user_a)
        self.submit(sub, FULL)
        self.approve(sub)
        self.client.post(url, {"action": "unlock", "comment": "统计局修订"})
        sub.refresh_from_db()
        assert sub.status == "returned"
        reasons = list(sub.history.values_list("history_change_reason", flat=True))
        assert (
            "解锁：统计局修订" in reasons
            and "退回：GDP 与统计公报不一致" in reasons
            and "审核通过" in reasons
        )
        page = self.client.get(sub.get_absolute_url())
        self.assertContains(page, "解锁：统计局修订")

    def test_counties_see_and_fill_only_their_own(self):
        sub, _ = self.start(self.user_a, self.county_a)
        self.client.force_login(self.user_b)
        assert self.client.get(sub.get_absolute_url()).status_code == 404
        response = self.client.post(
            reverse("plans:reporting_start"), {"region": self.county_a.code, "year": 2024}
        )
        assert response.status_code == 404
        assert (
            self.client.post(
                reverse("plans:submission_review", args=[sub.pk]), {"action": "approve"}
            ).status_code
            == 403
        )

    def test_the_overview_shows_completeness(self):
        sub, _ = self.start(self.user_a, self.county_a)
        self.submit(sub, {"v_gdp": "1"}, action="save")
        self.client.force_login(self.city_staff)
        response = self.client.get(reverse("plans:reporting"), {"year": 2024})
        rows = {r["region"].code: r for r in response.context["rows"]}
        assert rows["410402"]["filled"] == 1 and rows["410402"]["submission"].status == "draft"
        assert rows["410422"]["submission"] is None
        self.assertContains(response, "1 / 4")


class ReportingPeriodTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.plan = load_plan(BUILTIN_PLAN, default=True)

    def set_period(self, user, **data):
        self.client.force_login(user)
        return self.client.post(
            reverse("plans:reporting_period"), {"year": 2024, **data}, follow=True
        )

    def test_the_city_sets_the_deadline_and_open_submissions_follow(self):
        self.client.force_login(self.user_a)
        self.client.post(reverse("plans:reporting_start"), {"year": 2024, "region": "410402"})
        sub = Submission.objects.get(year=2024, region=self.county_a)
        assert sub.deadline == date(2025, 3, 31)  # the default
        r = self.set_period(self.city_staff, opens_on="2025-01-05", deadline="2025-04-15", note="")
        self.assertContains(r, "已设置 2024 年数据填报期，截止 2025-04-15（更新 1 份填报）")
        sub.refresh_from_db()
        assert sub.deadline == date(2025, 4, 15)
        assert sub.history.latest().history_user == self.city_staff
        r = self.client.get(reverse("plans:reporting"), {"year": 2024})
        assert r.context["deadline"] == date(2025, 4, 15)

    def test_a_deadline_inside_the_data_year_is_refused(self):
        r = self.set_period(self.city_staff, deadline="2024-11-30")
        self.assertContains(r, "截止日期（2024-11-30）应在数据年度（2024年）结束之后")
        assert not ReportingPeriod.objects.exists()

    def test_counties_cannot_set_the_period(self):
        self.client.force_login(self.user_a)
        r = self.client.post(
            reverse("plans:reporting_period"), {"year": 2024, "deadline": "2025-05-01"}
        )
        assert r.status_code == 403
