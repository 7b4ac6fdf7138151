import random
from collections import Counter

from django.test import TestCase

from kechuang.carriers import demo
from kechuang.carriers.models import Carrier, Fund, Investment, Tenancy
from kechuang.core.changelog import changelog_context
from kechuang.demo.orgs import demo_orgs
from kechuang.regions.loader import load_pingdingshan


class DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_pingdingshan(villages_per_township=1)
        for org in demo_orgs(400):
            org.save()
        with changelog_context(reason="载入演示数据"):
            cls.summary = demo.load(random.Random(7))

    def test_it_loads_the_incubation_chain(self):
        kinds = Counter(Carrier.objects.values_list("kind", flat=True))
        self.assertEqual(
            kinds,
            {
                "maker_space": 12,
                "incubator": 10,
                "accelerator": 3,
                "university_park": 1,
                "industrial_park": 3,
            },
        )
        self.assertTrue(Carrier.objects.filter(name="示例尼龙新材料产业园").exists())
        self.assertFalse(Carrier.objects.exclude(name__contains="示例").exists())
        self.assertIn("创新载体：新增载体 29 个", self.summary)
        for c in Carrier.objects.all():
            self.assertTrue(1 <= c.professional_staff <= c.staff, c)

    def test_stays_are_realistic_and_valid(self):
        stays = list(Tenancy.objects.select_related("carrier", "enterprise"))
        self.assertGreater(len(stays), 450)
        finished = [s for s in stays if s.exited_on]
        share = sum(s.graduated for s in finished) / len(finished)
        self.assertTrue(0.3 < share < 0.5, share)
        self.assertTrue({"eliminated", "relocated"} <= {s.exit_reason for s in finished})
        for s in stays[::25]:
            s.full_clean()

    def test_funds_and_investments_respect_the_rules(self):
        self.assertEqual(Fund.objects.count(), 8)
        self.assertGreaterEqual(Fund.objects.filter(government_guided=True).count(), 3)
        self.assertGreater(Investment.objects.count(), 120)
        in_carrier = Investment.objects.filter(carrier__isnull=False).count()
        self.assertGreater(in_carrier / Investment.objects.count(), 0.7)
        for fund in Fund.objects.all():
            self.assertLessEqual(fund.invested_total(), fund.size_wan)
        for inv in Investment.objects.all()[::10]:
            inv.full_clean()

    def test_a_second_run_adds_nothing(self):
        before = [M.objects.count() for M in (Carrier, Tenancy, Fund, Investment)]
        with changelog_context(reason="载入演示数据"):
            summary = demo.load(random.Random(7))
        self.assertEqual([M.objects.count() for M in (Carrier, Tenancy, Fund, Investment)], before)
        self.assertIn("新增载体 0 个、在孵记录 0 条", summary)
