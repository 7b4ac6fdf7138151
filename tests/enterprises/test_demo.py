import random

from django.test import TestCase

from kechuang.demo.orgs import demo_orgs
from kechuang.enterprises import demo
from kechuang.enterprises.models import Enterprise, Qualification
from kechuang.regions.loader import load_pingdingshan


class DemoTotalsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_pingdingshan(villages_per_township=0)
        for org in demo_orgs(900):
            org.save()
        cls.summary = demo.load(random.Random(2020))

    def test_2020_matches_the_plan(self):
        held = Qualification.objects.held_in(2020)
        self.assertEqual(held.filter(kind="high_tech").count(), 159)
        self.assertEqual(held.filter(kind="tech_sme").count(), 285)

    def test_plausible_trend(self):
        counts = [
            Qualification.objects.held_in(y).filter(kind="high_tech").count()
            for y in range(2016, 2026)
        ]
        self.assertEqual(counts, sorted(counts))
        self.assertEqual(counts[-1], demo.HIGH_TECH_TARGET[2025])

    def test_high_tech_enterprises_have_plausible_rd(self):
        held = Qualification.objects.held_in(2020).filter(kind="high_tech")
        for e in Enterprise.objects.filter(qualifications__in=held)[:30]:
            row = e.annual_data.get(year=2020)
            self.assertGreaterEqual(row.rd_intensity, 0.03)

    def test_loading_again_adds_nothing(self):
        before = (Enterprise.objects.count(), Qualification.objects.count())
        self.assertIn("已存在", demo.load(random.Random(1)))
        self.assertEqual((Enterprise.objects.count(), Qualification.objects.count()), before)
