"""县域科技创新指数 from stored indicator values, checked by hand."""

from django.test import TestCase
from django.urls import reverse

from kechuang.core.testing.personas import Personas, make_region
from kechuang.evaluation.county import index as county_index
from kechuang.plans.loader import BUILTIN_PLAN, load_plan
from kechuang.plans.models import IndicatorValue
from kechuang.regions.choices import RegionKind, RegionLevel

# hightech_enterprises and tech_smes per county and year; None = not stored.
VALUES = {
    "hightech_enterprises": {"410402": (10, 20), "410422": (0, 10), "410423": (5, 5)},
    "tech_smes": {"410402": (4, None), "410422": (2, 2), "410423": (0, 6)},
}


class CountyIndexTests(Personas, TestCase):
    """Only the 创新主体 dimension has data, so the index is its score: the mean of the two
    indicators, each min-max normalised over all counties and both years.

    高企 (0–20): 新华 .5 / 1, 叶县 0 / .5, 鲁山 .25 / .25
    科小 (0–6; 新华 2024 missing → median of the five stored values, 2): 新华 .667 / .333,
         叶县 .333 / .333, 鲁山 0 / 1
    2023: 新华 58.3, 叶县 16.7, 鲁山 12.5    2024: 新华 66.7, 鲁山 62.5, 叶县 41.7
    """

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.county_c = make_region(
            "410423", "鲁山县", RegionLevel.COUNTY, RegionKind.COUNTY, cls.city
        )
        cls.plan = load_plan(BUILTIN_PLAN, default=True)
        regions = {r.code: r for r in (cls.county_a, cls.county_b, cls.county_c)}
        for code, by_county in VALUES.items():
            indicator = cls.plan.indicators.get(code=code)
            for region_code, values in by_county.items():
                for year, value in zip((2023, 2024), values, strict=True):
                    if value is not None:
                        IndicatorValue.objects.create(
                            indicator=indicator, region=regions[region_code], year=year, value=value
                        )

    def compute(self):
        counties = [self.county_a, self.county_b, self.county_c]
        return county_index.compute(
            self.plan, counties, [2023, 2024], interval_year=2024, draws=200
        )

    def test_it_computes_the_index_by_hand(self):
        result = self.compute()
        a, b, c = self.county_a.pk, self.county_b.pk, self.county_c.pk
        scores = {k: round(v, 1) for k, v in result.scores.items()}
        assert (scores[(a, 2023)], scores[(b, 2023)], scores[(c, 2023)]) == (58.3, 16.7, 12.5)
        assert (scores[(a, 2024)], scores[(b, 2024)], scores[(c, 2024)]) == (66.7, 41.7, 62.5)
        assert (result.ranks[(a, 2024)], result.ranks[(c, 2024)], result.ranks[(b, 2024)]) == (
            1,
            2,
            3,
        )
        assert result.imputed[(a, 2024)] == ["tech_smes"]
        assert [d["code"] for d in result.dimensions][:2] == ["input", "actors"]
        assert "rd_gdp_ratio" in result.missing_indicators  # no values stored: left out

    def test_it_gives_rank_intervals_around_the_ranks(self):
        result = self.compute()
        for c in (self.county_a, self.county_b, self.county_c):
            low, median, high = result.intervals[c.pk]
            assert low <= result.ranks[(c.pk, 2024)] <= high and low <= median <= high

    def test_the_page_ranks_counties_and_shows_movement(self):
        self.client.force_login(self.city_staff)
        response = self.client.get(reverse("evaluation:county_index"), {"year": 2024})
        rows = response.context["rows"]
        assert [r["county"].name for r in rows] == ["新华区", "鲁山县", "叶县"]
        assert [r["change"] for r in rows] == [0, 1, -1]  # 鲁山 3 → 2, 叶县 2 → 3
        assert response.context["radar_chart"]["series"][0]["data"][0]["name"] == "新华区"

    def test_county_users_see_their_own_county(self):
        self.client.force_login(self.user_b)
        response = self.client.get(reverse("evaluation:county_index"), {"year": 2024})
        assert [(r["county"].name, r["rank"]) for r in response.context["rows"]] == [("叶县", 3)]
