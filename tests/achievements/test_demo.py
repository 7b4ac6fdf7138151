import random
from decimal import Decimal

from django.db.models import F
from django.test import TestCase

from kechuang.achievements import demo
from kechuang.achievements.models import Achievement, Appraisal, Contract, Demand
from kechuang.demo.orgs import demo_orgs
from kechuang.regions.loader import load_pingdingshan

CITY = "/410000/410400/"


class DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_pingdingshan(villages_per_township=0)
        for org in demo_orgs(900):
            org.save()
        cls.summary = demo.load(random.Random(2024))

    def test_it_reproduces_the_plans_2020_contract_value_exactly(self):
        values = Contract.objects.filter(
            signed_on__year=2020, seller_region__path__startswith=CITY
        ).values_list("contract_value_wan", flat=True)
        self.assertEqual(sum(values, Decimal(0)), Decimal(75400))
        self.assertIn("7.54 亿元", self.summary)

    def test_the_trend_grows_from_2016_to_2025(self):
        in_city = Contract.objects.filter(seller_region__path__startswith=CITY)
        first = in_city.filter(signed_on__year=2016).totals()["contract_value_wan"]
        last = in_city.filter(signed_on__year=2025).totals()["contract_value_wan"]
        self.assertEqual((first, last), (Decimal("31000.00"), Decimal("150000.00")))

    def test_it_loads_plausible_records(self):
        self.assertGreaterEqual(Achievement.objects.count(), 380)
        self.assertGreater(Appraisal.objects.count(), 50)
        self.assertGreaterEqual(Demand.objects.count(), 120)
        self.assertFalse(Contract.objects.filter(transaction_value_wan__gt=F("contract_value_wan")))
        self.assertTrue(
            Contract.objects.filter(buyer__isnull=True, buyer_region_text="北京市海淀区")
        )
        self.assertTrue(Contract.objects.filter(seller__isnull=True).exclude(seller_region_text=""))
        self.assertFalse(Achievement.objects.exclude(description__contains="示例"))
        self.assertTrue(Achievement.objects.filter(title__startswith="尼龙66盐连续聚合工艺"))

    def test_records_pass_their_own_rules(self):
        for model in (Achievement, Appraisal, Demand, Contract):
            for obj in model.objects.order_by("?")[:40]:
                obj.full_clean()

    def test_a_second_run_adds_nothing(self):
        counts = [m.objects.count() for m in (Achievement, Appraisal, Demand, Contract)]
        summary = demo.load(random.Random(2024))
        self.assertEqual(
            counts, [m.objects.count() for m in (Achievement, Appraisal, Demand, Contract)]
        )
        self.assertIn("新增科技成果 0 项", summary)
