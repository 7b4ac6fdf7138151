"""`kechuang demo` as a whole: the plan's 2020 figures come out of the registries, and a second
run changes nothing."""

import io
from datetime import date

from django.core.management import call_command
from django.db.models import Sum
from django.test import TestCase

from kechuang.accounts.models import User
from kechuang.achievements.models import Contract
from kechuang.enterprises.models import Qualification
from kechuang.orgs.models import Org
from kechuang.platforms.models import Platform


class DemoCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.out = io.StringIO()
        call_command("demo", stdout=cls.out)

    def test_2020_figures_match_the_plan(self):
        end_2020 = date(2020, 12, 31)
        operating = Platform.objects.operating_at(end_2020)
        self.assertEqual(operating.count(), 305)
        self.assertEqual(operating.filter(level="provincial").count(), 112)
        held = Qualification.objects.held_in(2020)
        self.assertEqual(held.filter(kind="high_tech").count(), 159)
        self.assertEqual(held.filter(kind="tech_sme").count(), 285)
        contracts = Contract.objects.filter(
            signed_on__year=2020, seller_region__path__startswith="/410000/410400/"
        ).aggregate(total=Sum("contract_value_wan"))["total"]
        self.assertEqual(contracts, 75400)

    def test_it_prints_the_logins(self):
        text = self.out.getvalue()
        for username in ("admin", "city", "xinhua", "yexian", "qiye", "expert"):
            self.assertIn(username, text)
            self.assertTrue(User.objects.filter(username=username).exists())

    def test_every_name_is_obviously_synthetic(self):
        self.assertFalse(
            Org.objects.exclude(name__contains="示例").exclude(name__contains="演示").exists()
        )

    def test_second_run_changes_nothing(self):
        counts = {m: m.objects.count() for m in (Org, Platform, Qualification, Contract)}
        history = Org.history.count() + Platform.history.count()
        call_command("demo", "--quiet")
        self.assertEqual({m: m.objects.count() for m in counts}, counts)
        self.assertEqual(Org.history.count() + Platform.history.count(), history)

    def test_the_computed_indicators_reproduce_the_plans_2020_baselines(self):
        from kechuang.plans.models import Plan
        from kechuang.plans.values import values

        plan = Plan.objects.get(is_default=True)
        computed = [i for i in plan.indicators.prefetch_related("baselines") if i.compute]
        rows = values(plan, 2020, [plan.region], computed)
        checked = 0
        for row in rows:
            ind = row["indicator"]
            baseline = next((b for b in ind.baselines.all() if b.year == 2020), None)
            if baseline is None:
                continue
            if ind.computed:  # counted from the registries: exactly
                self.assertEqual(row["value"], baseline.value, ind.code)
            else:  # ratios of the approved statistical reports: as displayed (1.76 %, 22.2 %)
                self.assertEqual(ind.display(row["value"]), ind.display(baseline.value), ind.code)
            checked += 1
        # platforms, provincial platforms, HTE, tech SMEs, contracts, high-tech share, R&D/GDP
        self.assertEqual(checked, 7)
