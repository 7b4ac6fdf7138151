"""The demo loader: deterministic, idempotent, and it tells the coverage story of the plan."""

import random
from unittest import mock

from django.test import TestCase

from kechuang.core.changelog import changelog_context
from kechuang.demo.orgs import demo_orgs
from kechuang.regions.loader import load_pingdingshan
from kechuang.regions.models import Region
from kechuang.talents import demo
from kechuang.talents.models import Commissioner, ServiceLog, Talent
from kechuang.talents.services import coverage, coverage_total

# A smaller cast than the real demo (600 talents, 120 commissioners) keeps the test quick; the
# whole township tree is loaded, so the coverage story is the real one.
SMALL = {"N_TALENTS": 200, "N_TEAMS": 10, "N_INDIVIDUALS": 30, "N_GROUPS": 6}


@mock.patch.multiple(demo, **SMALL)
class DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_pingdingshan()
        for org in demo_orgs(120):
            org.save()
        with mock.patch.multiple(demo, **SMALL), changelog_context(reason="演示"):
            cls.summary = demo.load(random.Random(2022))

    def test_it_loads_talents_commissioners_and_logs(self):
        self.assertEqual(Talent.objects.count(), 200)
        self.assertEqual(Commissioner.objects.count(), 36)
        self.assertTrue(ServiceLog.objects.exists())
        self.assertIn("新增人才 200 名", self.summary)
        self.assertFalse(Talent.objects.exclude(description__contains="示例").exists())

    def test_it_adds_nothing_the_second_time(self):
        with changelog_context(reason="演示"):
            summary = demo.load(random.Random(2022))
        self.assertIn("新增人才 0 名", summary)
        self.assertIn("服务日志 0 条、年度考核 0 条", summary)

    def test_township_coverage_grows_to_all_townships_by_2025(self):
        rate = {y: coverage_total(coverage(y, Region.objects.all())) for y in (2016, 2025)}
        self.assertTrue(55 <= rate[2016]["township_rate"] <= 65, rate[2016]["township_rate"])
        self.assertEqual(rate[2025]["township_rate"], 100.0)
        self.assertLess(rate[2025]["village_rate"], 100.0)
        self.assertLess(rate[2016]["village_rate"], rate[2025]["village_rate"])
