from django.test import TestCase

from kechuang.regions.choices import RegionKind, RegionLevel
from kechuang.regions.loader import load_pingdingshan
from kechuang.regions.models import Region


class PingdingshanFixtureTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_pingdingshan(villages_per_township=1)

    def test_it_has_the_city_and_its_twelve_county_level_units(self):
        city = Region.objects.get(code="410400")
        counties = city.children.order_by("code")
        self.assertEqual(counties.count(), 12)
        self.assertEqual(
            [c.code for c in counties],
            [
                "410402",
                "410403",
                "410404",
                "410411",
                "410421",
                "410422",
                "410423",
                "410425",
                "410471",
                "410472",
                "410481",
                "410482",
            ],
        )

    def test_functional_zones_are_typed_as_such(self):
        zones = Region.objects.filter(kind=RegionKind.ZONE).values_list("code", flat=True)
        self.assertEqual(sorted(zones), ["410471", "410472"])
        self.assertEqual(Region.objects.get(code="410482").kind, RegionKind.COUNTY_CITY)

    def test_it_has_the_148_real_townships_and_marked_synthetic_villages(self):
        self.assertEqual(Region.objects.filter(level=RegionLevel.TOWNSHIP).count(), 148)
        self.assertFalse(
            Region.objects.filter(level=RegionLevel.TOWNSHIP, is_synthetic=True).exists()
        )
        villages = Region.objects.filter(level=RegionLevel.VILLAGE)
        self.assertEqual(villages.count(), 148)
        self.assertFalse(villages.filter(is_synthetic=False).exists())

    def test_paths_and_initials(self):
        town = Region.objects.get(code="410402001")
        self.assertEqual(town.path, "/410000/410400/410402/410402001/")
        self.assertEqual(Region.objects.get(code="410400").search_initials, "pdss")
        self.assertEqual(town.county.code, "410402")

    def test_loading_twice_changes_nothing(self):
        before = (Region.objects.count(), Region.history.count())
        self.assertEqual(sum(load_pingdingshan(villages_per_township=1).values()), 0)
        self.assertEqual((Region.objects.count(), Region.history.count()), before)


class RegionMoveTests(TestCase):
    def test_moving_a_region_moves_its_subtree_paths(self):
        load_pingdingshan(villages_per_township=1)
        town = Region.objects.get(code="410402001")
        village = town.children.first()
        other = Region.objects.get(code="410403")
        town.parent = other
        town.code = "410403901"
        town.save()
        village.refresh_from_db()
        self.assertTrue(village.path.startswith("/410000/410400/410403/410403901/"))
