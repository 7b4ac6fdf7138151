"""Editing the plan in the UI: warning settings and indicator targets (display units), annual
targets replacing the path, all recorded with their author."""

from decimal import Decimal

from django.test import TestCase
from django.urls import reverse

from kechuang.core.testing.personas import Personas
from kechuang.plans import progress
from kechuang.plans.loader import BUILTIN_PLAN, load_plan
from kechuang.plans.models import AnnualTarget
from kechuang.plans.values import assess


class EditingTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.plan = load_plan(BUILTIN_PLAN, default=True)
        cls.rd = cls.plan.indicators.get(code="rd_gdp_ratio")  # stored as a fraction, shown in %

    def post_indicator(self, user, **changes):
        self.client.force_login(user)
        data = {
            "name": self.rd.name,
            "section": self.rd.section,
            "direction": "up",
            "decimals": 2,
            "target_year": 2025,
            "target_shown": "2.50",
            "version": self.rd.version,
            **changes,
        }
        return self.client.post(reverse("plans:indicator_edit", args=[self.rd.pk]), data)

    def test_targets_are_typed_in_display_units_and_stored_canonically(self):
        self.post_indicator(self.city_staff, **{"y_2023": "2.00", "target_illustrative": ""})
        self.rd.refresh_from_db()
        assert self.rd.target_value == Decimal("0.025")  # 2.50 %
        assert not self.rd.target_illustrative
        target = AnnualTarget.objects.get(indicator=self.rd, year=2023)
        assert target.value == Decimal("0.02")
        assert self.rd.history.latest().history_user == self.city_staff
        assert target.history.latest().history_user == self.city_staff
        # Clearing the field removes the annual target.
        self.rd.refresh_from_db()
        self.post_indicator(self.city_staff, y_2023="")
        assert not AnnualTarget.objects.filter(indicator=self.rd).exists()

    def test_a_target_without_a_year_is_refused(self):
        r = self.post_indicator(self.city_staff, target_year="")
        self.assertContains(r, "填写目标值时须填写目标年度", status_code=400)

    def test_county_users_cannot_edit(self):
        r = self.post_indicator(self.user_a)
        assert r.status_code == 403

    def test_plan_bands_must_be_ordered(self):
        self.client.force_login(self.city_staff)
        data = {
            "name": self.plan.name,
            "source": self.plan.source,
            "path_method": "cagr",
            "warning_normal": "0.90",
            "warning_serious": "0.95",
            "version": self.plan.version,
        }
        r = self.client.post(reverse("plans:plan_edit", args=[self.plan.pk]), data)
        self.assertContains(
            r, "应满足 0 &lt; 严重滞后线（0.95）&lt; 正常线（0.90）≤ 2", status_code=400
        )
        self.client.post(
            reverse("plans:plan_edit", args=[self.plan.pk]), {**data, "warning_serious": "0.60"}
        )
        self.plan.refresh_from_db()
        assert (self.plan.path_method, self.plan.warning_serious) == ("cagr", Decimal("0.60"))

    def test_assessment_uses_the_plans_bands_and_annual_targets(self):
        # Baseline 2020: 1.76 %; target 2025: 2.26 % (linear: +0.1 point a year); 2023 expected 2.06 %.
        ind = self.rd
        ind.target_year, ind.target_value = 2025, Decimal("0.0226")
        ind.save()
        values = {2023: Decimal("0.0201")}  # pace (2.01 − 1.76) / (2.06 − 1.76) ≈ 0.83
        assert assess(ind, values, 2023)["level"] == progress.WARNING  # 0.8 ≤ pace < 1.0
        self.plan.warning_serious = Decimal("0.85")
        self.plan.save()
        ind = self.plan.indicators.get(pk=ind.pk)
        assert assess(ind, values, 2023)["level"] == progress.SERIOUS  # below the raised line
        AnnualTarget.objects.create(indicator=ind, year=2023, value=Decimal("0.0196"))
        ind = self.plan.indicators.get(pk=ind.pk)
        state = assess(ind, values, 2023)
        assert state["expected"] == 0.0196 and state["level"] == progress.NORMAL
