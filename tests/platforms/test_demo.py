import random
from datetime import date

from django.test import TestCase

from kechuang.demo.orgs import demo_orgs
from kechuang.platforms import demo
from kechuang.platforms.models import Platform, PlatformReport
from kechuang.regions.loader import load_pingdingshan


class DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_pingdingshan(villages_per_township=0)
        for org in demo_orgs(900):
            org.save()
        cls.summary = demo.load(random.Random(2021))

    def test_2020_year_end_matches_the_plan(self):
        operating = Platform.objects.operating_at(date(2020, 12, 31))
        self.assertEqual(operating.count(), 305)
        self.assertEqual(operating.filter(level="provincial").count(), 112)
        self.assertEqual(operating.filter(level="national").count(), 4)
        self.assertIn("2020年末在运行 305 个，其中省级 112 个", self.summary)

    def test_growth_revocations_and_warnings_are_plausible(self):
        counts = [Platform.objects.operating_at(date(y, 12, 31)).count() for y in range(2015, 2026)]
        self.assertEqual(counts, sorted(counts))
        for year in range(2021, 2026):
            self.assertTrue(20 <= Platform.objects.filter(approved_on__year=year).count() <= 35)
        revoked = Platform.objects.filter(status="revoked")
        self.assertGreater(revoked.filter(revoked_on__year__lte=2020).count(), 0)
        self.assertGreater(revoked.filter(revoked_on__year__gt=2020).count(), 0)
        self.assertTrue(Platform.objects.filter(status__in=("warning", "rectifying")).exists())

    def test_records_are_synthetic_and_follow_the_rules(self):
        self.assertFalse(Platform.objects.exclude(name__contains="示例").exists())
        for platform in Platform.objects.select_related("host")[:60]:
            platform.full_clean()
            self.assertEqual(platform.region_id, platform.host.region_id)
        for report in PlatformReport.objects.select_related("platform")[:300]:
            report.full_clean()

    def test_reports_run_from_2016_to_2025_and_are_reviewed_until_2024(self):
        platform = Platform.objects.filter(approved_on__year=2010, status="operating").first()
        years = list(platform.reports.order_by("year").values_list("year", flat=True))
        self.assertEqual(years, list(range(2016, 2026)))
        self.assertFalse(PlatformReport.objects.filter(year__lte=2024).exclude(status="approved"))
        self.assertFalse(PlatformReport.objects.filter(year=2025, status="approved").exists())

    def test_status_changes_leave_a_timeline(self):
        platform = Platform.objects.filter(status="revoked").first()
        timeline = platform.status_timeline()
        self.assertEqual((timeline[0]["label"], timeline[-1]["label"]), ("运行", "撤销"))
        self.assertEqual(timeline[-1]["date"], platform.revoked_on)

    def test_loading_again_adds_nothing(self):
        before = (Platform.objects.count(), PlatformReport.objects.count())
        summary = demo.load(random.Random(2021))
        self.assertIn("新增 0 个", summary)
        self.assertEqual((Platform.objects.count(), PlatformReport.objects.count()), before)
