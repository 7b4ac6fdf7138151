"""Coverage (服务覆盖) on a small hand-built tree, and the coverage page."""

from datetime import date

from django.test import TestCase
from django.urls import reverse

from kechuang.core.testing.personas import Personas
from kechuang.regions.models import Region
from kechuang.talents.models import Assignment
from kechuang.talents.services import coverage, coverage_total, rate

from .factories import make_commissioner, make_talent, make_township, make_village


class CoverageTests(Personas, TestCase):
    """新华区: 3 townships / 5 villages; 叶县: 2 townships / 2 villages.

    2024: 新华区 town_a (its own assignment) and 二号镇 (through its village 三村) covered,
    三号镇 not; one village of five. 叶县: town_b only by an inactive commissioner's open-ended
    assignment, 一号乡 only until 2023 → nothing covered in 2024, half of it in 2023.
    """

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        a2 = make_township("410402002", "二号镇", cls.county_a)
        cls.a3 = make_township("410402003", "三号镇", cls.county_a)
        b2 = make_township("410422101", "一号乡", cls.county_b)
        v1 = make_village("410402001201", "一村", cls.town_a)
        make_village("410402001202", "二村", cls.town_a)
        v3 = make_village("410402002201", "三村", a2)
        make_village("410402002202", "四村", a2)
        make_village("410402003201", "五村", cls.a3)
        make_village("410422100201", "六村", cls.town_b)
        v7 = make_village("410422101201", "七村", b2)
        active = make_commissioner(make_talent("甲某华", cls.org_a))
        inactive = make_commissioner(make_talent("乙某强", cls.org_b), active=False)
        for commissioner, region, start, end in (
            (active, cls.town_a, 2020, None),
            (active, v3, 2022, 2024),
            (active, v1, 2025, None),
            (inactive, cls.town_b, 2019, None),
            (active, b2, 2018, 2023),
            (active, v7, 2023, 2023),
        ):
            Assignment.objects.create(
                commissioner=commissioner, region=region, start_year=start, end_year=end
            )

    def numbers(self, row):
        keys = ("townships", "townships_covered", "township_rate")
        keys += ("villages", "villages_covered", "village_rate")
        return (row["county"].name, *(row[k] for k in keys))

    def test_it_counts_townships_and_villages_per_county(self):
        with self.assertNumQueries(5):
            rows = coverage(2024, Region.objects.all())
        self.assertEqual(
            [self.numbers(r) for r in rows],
            [("新华区", 3, 2, 66.7, 5, 1, 20.0), ("叶县", 2, 0, 0.0, 2, 0, 0.0)],
        )
        self.assertEqual([t.name for t in rows[0]["uncovered_townships"]], ["三号镇"])
        self.assertEqual(len(rows[1]["uncovered_townships"]), 2)

    def test_it_counts_closed_assignments_in_their_years(self):
        rows = coverage(2023, Region.objects.all())
        self.assertEqual(self.numbers(rows[1]), ("叶县", 2, 1, 50.0, 2, 1, 50.0))

    def test_it_totals_the_rows(self):
        total = coverage_total(coverage(2024, Region.objects.all()))
        self.assertEqual(
            (total["townships"], total["townships_covered"], total["township_rate"]), (5, 2, 40.0)
        )
        self.assertEqual(
            (total["villages"], total["villages_covered"], total["village_rate"]), (7, 1, 14.3)
        )

    def test_it_keeps_to_the_given_regions(self):
        rows = coverage(2024, Region.objects.restrict(self.user_a))
        self.assertEqual([r["county"].name for r in rows], ["新华区"])

    def test_it_gives_no_rate_without_anything_to_cover(self):
        self.assertIsNone(rate(0, 0))
        Assignment.objects.filter(region__level=5).delete()
        Region.objects.filter(level=5).delete()
        rows = coverage(2024, Region.objects.all())
        self.assertIsNone(rows[0]["village_rate"])
        self.assertEqual(rows[0]["township_rate"], 33.3)  # town_a only: 三村 is gone

    # --- the page ---------------------------------------------------------------------------

    def test_it_requires_login_and_permission(self):
        url = reverse("talents:coverage")
        self.assertEqual(self.client.get(url).status_code, 302)
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(url).status_code, 403)

    def test_it_shows_only_the_users_counties(self):
        self.client.force_login(self.user_a)
        r = self.client.get(reverse("talents:coverage"), {"year": 2024})
        self.assertContains(r, "新华区")
        self.assertContains(r, "66.7")
        self.assertContains(r, "三号镇")
        self.assertNotContains(r, "叶县")
        self.assertContains(r, 'data-echarts="coverage-chart"')

    def test_it_defaults_to_this_year_and_offers_a_year_select(self):
        self.client.force_login(self.admin)
        r = self.client.get(reverse("talents:coverage"), {"year": "abc"})
        self.assertEqual(r.context["year"], date.today().year)
        self.assertContains(r, '<option value="2016"')
        r = self.client.get(reverse("talents:coverage"), {"year": 2023})
        self.assertContains(r, '<option value="2023" selected>')
        self.assertContains(r, "合计")
        self.assertEqual(r.context["total"]["township_rate"], 60.0)
