"""Indicators computed from the registries: hand-computed values for roll-ups, de-duplication,
yearly rules, and the CONTRACTS §8 command line."""

import io
import json
from datetime import date
from decimal import Decimal

from django.core.management import call_command
from django.test import TestCase

from kechuang.achievements.models import Contract
from kechuang.core.testing.personas import Personas, make_org
from kechuang.enterprises.models import AnnualData, Enterprise, Qualification
from kechuang.plans.compute import ComputeSpecError, indicator_values, parse
from kechuang.plans.loader import BUILTIN_PLAN, PlanFileError, load_plan

RD_INTENSITY = {
    "numerator": {
        "model": "enterprises.AnnualData",
        "year": {"field": "year"},
        "region": "enterprise__org__region",
        "value": {"sum": "rd_expense_wan"},
    },
    "denominator": {
        "model": "enterprises.AnnualData",
        "year": {"field": "year"},
        "region": "enterprise__org__region",
        "value": {"sum": "sales_revenue_wan"},
    },
}


def by_code(rows):
    return {r["region"].code: r for r in rows}


class ComputeTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.ent_a = Enterprise.objects.create(org=cls.org_a)
        cls.ent_b = Enterprise.objects.create(org=cls.org_b)
        # An enterprise registered at city level belongs to no county.
        cls.ent_city = Enterprise.objects.create(
            org=make_org("市直示例有限公司", cls.city, 60000001)
        )
        cls.regions = [cls.city, cls.county_a, cls.county_b]

    def test_ratios_roll_up_as_the_ratio_of_sums(self):
        AnnualData.objects.create(
            enterprise=self.ent_a, year=2024, rd_expense_wan=1, sales_revenue_wan=10
        )
        AnnualData.objects.create(
            enterprise=self.ent_b, year=2024, rd_expense_wan=9, sales_revenue_wan=990
        )
        rows = by_code(indicator_values(parse("x", RD_INTENSITY), 2024, self.regions))
        assert rows["410402"]["value"] == Decimal("0.1")
        assert rows["410422"]["value"] == Decimal("9") / Decimal("990")
        # (1 + 9) / (10 + 990) = 1 %, not the 5.45 % an average of the two ratios would give.
        assert rows["410400"]["value"] == Decimal("0.01")
        assert (rows["410400"]["numerator"], rows["410400"]["denominator"]) == (10, 1000)

    def test_a_ratio_without_a_denominator_has_no_value(self):
        rows = by_code(indicator_values(parse("x", RD_INTENSITY), 2024, self.regions))
        assert rows["410402"]["value"] is None and rows["410402"]["denominator"] == 0

    def test_rows_at_city_level_count_for_the_city_only(self):
        spec = parse(
            "hte",
            {
                "model": "enterprises.Qualification",
                "year": {"method": "held_in"},
                "where": {"kind": "high_tech"},
                "region": "enterprise__org__region",
                "value": {"count_distinct": "enterprise"},
            },
        )
        for ent, number in ((self.ent_a, "A1"), (self.ent_city, "C1")):
            Qualification.objects.create(
                enterprise=ent,
                kind="high_tech",
                year=2022,
                number=number,
                issued_on=date(2022, 10, 1),
            )
        # Expired before the end of 2025: counts in 2022–2024 only (valid until 2025-09-30).
        rows = by_code(indicator_values(spec, 2024, self.regions))
        assert [rows[c]["value"] for c in ("410400", "410402", "410422")] == [2, 1, 0]
        assert by_code(indicator_values(spec, 2025, self.regions))["410400"]["value"] == 0

    def test_an_entity_in_two_counties_counts_once_in_their_city(self):
        Contract.objects.create(
            contract_no="2024410400000001",
            name="示例合同",
            kind="development",
            seller=self.org_a,
            buyer=self.org_b,
            contract_value_wan=100,
            transaction_value_wan=80,
            signed_on=date(2024, 5, 1),
            registered_on=date(2024, 5, 10),
        )
        spec = parse(
            "both",
            {
                "model": "achievements.Contract",
                "year": {"field": "signed_on__year"},
                "region": ["seller_region", "buyer_region"],
                "value": "count",
            },
        )
        rows = by_code(indicator_values(spec, 2024, self.regions))
        assert [rows[c]["value"] for c in ("410400", "410402", "410422")] == [1, 1, 1]
        money = parse(
            "sum",
            {
                "model": "achievements.Contract",
                "year": {"field": "signed_on__year"},
                "region": ["seller_region", "buyer_region"],
                "value": {"sum": "contract_value_wan"},
            },
        )
        assert by_code(indicator_values(money, 2024, self.regions))["410400"]["value"] == 100
        seller_only = parse(
            "out",
            {
                "model": "achievements.Contract",
                "year": {"field": "signed_on__year"},
                "region": "seller_region",
                "value": {"sum": "contract_value_wan"},
            },
        )
        rows = by_code(indicator_values(seller_only, 2024, self.regions))
        assert [rows[c]["value"] for c in ("410400", "410402", "410422")] == [100, 100, 0]

    def test_bad_definitions_are_refused_with_the_indicator_named(self):
        with self.assertRaisesMessage(
            ComputeSpecError, "指标 x 的 compute：模型“nope.Model”不存在"
        ):
            parse("x", {"model": "nope.Model", "region": "region"})
        with self.assertRaisesMessage(ComputeSpecError, "没有按年度取数的方法“someday”"):
            parse(
                "x",
                {"model": "platforms.Platform", "year": {"method": "someday"}, "region": "region"},
            )
        with self.assertRaisesMessage(ComputeSpecError, "指标 x 的 compute："):
            parse("x", {"model": "platforms.Platform", "region": "regoin"})
        with self.assertRaisesMessage(ComputeSpecError, "须同时给出 numerator 和 denominator"):
            parse("x", {"numerator": RD_INTENSITY["numerator"]})


class CommandTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.plan = load_plan(BUILTIN_PLAN, default=True)
        ent = Enterprise.objects.create(org=cls.org_a)
        Qualification.objects.create(
            enterprise=ent, kind="tech_sme", year=2024, number="S1", issued_on=date(2024, 4, 1)
        )

    def run_cli(self, *args):
        out = io.StringIO()
        call_command("monitor", *args, stdout=out)
        return json.loads(out.getvalue())

    def test_values_json_per_contract(self):
        rows = self.run_cli("values", "--year", "2024", "--json")
        regions = {r["region"] for r in rows}
        assert regions == {"410400", "410402", "410422"}
        assert set(rows[0]) == {
            "indicator",
            "region",
            "year",
            "value",
            "numerator",
            "denominator",
            "unit",
        }
        smes = {r["region"]: r["value"] for r in rows if r["indicator"] == "tech_smes"}
        assert smes == {"410400": 1, "410402": 1, "410422": 0}
        gdp = [r for r in rows if r["indicator"] == "rd_gdp_ratio"]
        assert all(r["value"] is None for r in gdp)  # a statistical input, not computed
        ratio = next(
            r
            for r in rows
            if r["indicator"] == "enterprise_rd_intensity" and r["region"] == "410400"
        )
        assert (ratio["value"], ratio["numerator"], ratio["denominator"], ratio["unit"]) == (
            None,
            0,
            0,
            "比例",
        )

    def test_values_for_one_region_and_indicator(self):
        rows = self.run_cli(
            "values", "--year", "2024", "--region", "410402", "--indicator", "tech_smes", "--json"
        )
        assert rows == [
            {
                "indicator": "tech_smes",
                "region": "410402",
                "year": 2024,
                "value": 1,
                "numerator": None,
                "denominator": None,
                "unit": "家",
            }
        ]

    def test_indicators_json(self):
        items = {i["code"]: i for i in self.run_cli("indicators", "--json")}
        assert items["hightech_enterprises"]["baseline"] == {"year": 2020, "value": 159}
        assert items["rd_gdp_ratio"]["baseline"] == {"year": 2020, "value": 0.0176}
        assert items["hightech_enterprises"]["direction"] == "up"
        assert items["hightech_enterprises"]["target"]["illustrative"] is True

    def test_a_plan_file_with_a_bad_definition_is_refused(self):
        bad = BUILTIN_PLAN.read_text(encoding="utf-8").replace(
            "region: seller_region", "region: seler_region"
        )
        path = self.tmp_path() / "bad.yaml"
        path.write_text(bad, encoding="utf-8")
        with self.assertRaisesMessage(PlanFileError, "指标 tech_contract_value 的 compute"):
            load_plan(path)

    def tmp_path(self):
        import tempfile
        from pathlib import Path

        return Path(tempfile.mkdtemp())


def reference_values(measure, year, paths, within):
    """The definition the shared queries must reproduce: each year, each level (path length) on
    its own, rows grouped on their region path's prefix, de-duplicated per region."""
    from collections import defaultdict

    from django.db.models import Count, F, Sum
    from django.db.models.functions import Substr

    kind, _sep, target = measure.value.partition(":")
    result = {}
    for length in sorted({len(p) for p in paths}):
        found = defaultdict(Decimal)
        parts = []
        for region in measure.regions:
            path = "path" if region == "self" else f"{region}__path"
            qs = measure.rows(year).filter(**{f"{path}__startswith": within})
            if region != "self":
                qs = qs.exclude(**{f"{region}__isnull": True})
            parts.append(qs.annotate(_prefix=Substr(F(path), 1, length)))
        if len(parts) == 1 and kind == "sum":
            for prefix, total in parts[0].values_list("_prefix").annotate(v=Sum(target)):
                found[prefix] += Decimal(str(total or 0))
        elif len(parts) == 1:
            key = "pk" if kind == "count" else target
            for prefix, n in parts[0].values_list("_prefix").annotate(v=Count(key, distinct=True)):
                found[prefix] = Decimal(n)
        else:
            key = "pk" if kind in ("count", "sum") else target
            seen = set()
            for qs in parts:
                fields = ["_prefix", key] + ([target] if kind == "sum" else [])
                for row in qs.values_list(*fields):
                    if (row[0], row[1]) not in seen:
                        seen.add((row[0], row[1]))
                        found[row[0]] += Decimal(str(row[2] or 0)) if kind == "sum" else 1
        for prefix, value in found.items():
            if len(prefix) == length and prefix in paths:
                result[prefix] = value
    return result


class RolledUpTests(Personas, TestCase):
    """The recompute reads each measure once per year (once in all for a year field), grouped on
    the rows' own regions and rolled up where that is exact: every value must equal the
    one-query-per-year-and-level definition."""

    YEARS = [2021, 2022, 2023, 2024, 2025]

    @classmethod
    def setUpTestData(cls):
        from kechuang.carriers.models import Carrier, Tenancy
        from kechuang.plans.values import plan_regions
        from kechuang.platforms.models import Platform
        from kechuang.talents.models import Assignment, Commissioner
        from tests.talents.factories import make_village

        cls.setup_personas()
        cls.plan = load_plan(BUILTIN_PLAN, default=True)
        cls.regions = plan_regions(cls.plan)
        org_city = make_org("市直示例有限公司", cls.city, 60000001)
        ents = [Enterprise.objects.create(org=o) for o in (cls.org_a, cls.org_b, org_city)]
        for n, (ent, kind, year, issued) in enumerate(
            [
                (ents[0], "high_tech", 2021, date(2021, 11, 1)),
                (ents[0], "high_tech", 2024, date(2024, 10, 1)),  # renewed
                (ents[1], "high_tech", 2022, date(2022, 12, 31)),
                (ents[2], "high_tech", 2023, date(2023, 5, 1)),
                (ents[0], "tech_sme", 2023, date(2023, 4, 1)),
                (ents[1], "tech_sme", 2023, date(2023, 4, 1)),
                (ents[1], "tech_sme", 2024, date(2024, 4, 1)),
            ]
        ):
            Qualification.objects.create(
                enterprise=ent, kind=kind, year=year, number=f"Q{n}", issued_on=issued
            )
        Qualification.objects.filter(number="Q3").update(revoked_on=date(2024, 6, 30))
        for n, (region, level, approved, revoked) in enumerate(
            [
                (cls.county_a, "provincial", date(2020, 1, 1), None),
                (cls.town_a, "national", date(2022, 3, 1), None),
                (cls.county_b, "provincial", date(2023, 7, 1), date(2025, 1, 1)),
                (cls.city, "municipal", date(2019, 1, 1), None),
            ]
        ):
            Platform.objects.create(
                name=f"平台{n}",
                kind="key-lab",
                level=level,
                host=cls.org_a,
                industry="nylon",
                region=region,
                approved_on=approved,
                revoked_on=revoked,
            )
        for year, amounts in {
            2023: ((1.25, 10.5), (9.1, 990.33), (0.07, 3.3)),
            2024: ((2, 20), (0, 7.77), (5.55, 0)),
        }.items():
            for ent, (rd, sales) in zip(ents, amounts, strict=True):
                AnnualData.objects.create(
                    enterprise=ent,
                    year=year,
                    rd_expense_wan=Decimal(str(rd)),
                    sales_revenue_wan=Decimal(str(sales)),
                )
        for n, (seller, buyer, value, signed) in enumerate(
            [
                (cls.org_a, cls.org_b, "100.10", date(2024, 5, 1)),
                (cls.org_b, None, "50.05", date(2024, 12, 31)),
                (org_city, cls.org_a, "7", date(2023, 1, 1)),
            ]
        ):
            Contract.objects.create(
                contract_no=f"20244104000000{n:02d}",
                name=f"合同{n}",
                kind="development",
                seller=seller,
                buyer=buyer,
                contract_value_wan=Decimal(value),
                transaction_value_wan=Decimal(value) / 2,
                signed_on=signed,
                registered_on=signed,
            )
        # One firm incubated in a carrier of each county: once in each county, once in the city.
        for n, region in enumerate((cls.county_a, cls.county_b)):
            carrier = Carrier.objects.create(
                name=f"孵化器{n}", kind="incubator", operator=cls.org_b, region=region
            )
            Tenancy.objects.create(
                carrier=carrier,
                enterprise=cls.org_a,
                entered_on=date(2022, 1, 1),
                exited_on=date(2024, 6, 1) if n else None,
                exit_reason="graduated" if n else "",
            )
        # A commissioner serving a village in each county: likewise once in the city.
        village_a = make_village("410402001001", "甲村", cls.town_a)
        village_b = make_village("410422100001", "乙村", cls.town_b)
        make_village("410422100002", "丙村", cls.town_b)
        commissioner = Commissioner.objects.create(
            name="服务团", kind="group", level="municipal", home_org=cls.org_b
        )
        for village, end in ((village_a, 2023), (village_b, None)):
            Assignment.objects.create(
                commissioner=commissioner, region=village, start_year=2022, end_year=end
            )

    def computes(self):
        return {i.code: i.compute_spec() for i in self.plan.indicators.all() if i.compute}

    def test_every_builtin_measure_equals_its_definition(self):
        from kechuang.plans.compute import Measure, _common_prefix

        paths = [r.path for r in self.regions]
        within = _common_prefix(paths)
        measures = [
            m
            for c in self.computes().values()
            for m in (c.measure, c.numerator, c.denominator)
            if isinstance(m, Measure)
        ]
        assert sum(m.rolls_up for m in measures) >= 8
        for measure in measures:
            found = measure.by_region_years(self.YEARS, paths, within)
            for year in self.YEARS:
                expected = reference_values(measure, year, paths, within)
                got = {p: v for p, v in found[year].items() if v or p in expected}
                assert got == expected, (measure, year)

    def test_rows_in_two_counties_count_once_in_the_city(self):
        from kechuang.plans.compute import indicator_values_years

        computes = self.computes()
        assert not computes["incubated_firms"].measure.rolls_up
        assert not computes["commissioners_serving"].measure.rolls_up
        assert computes["hightech_enterprises"].measure.rolls_up
        for code in ("incubated_firms", "commissioners_serving"):
            rows = indicator_values_years(computes[code], [2023], self.regions)[2023]
            values = {r["region"].code: r["value"] for r in rows}
            assert values == {"410400": 1, "410402": 1, "410422": 1}, code
        villages = indicator_values_years(
            computes["village_coverage_rate"], [2023, 2024], self.regions
        )
        county_b = next(r for r in villages[2024] if r["region"].code == "410422")
        assert (county_b["numerator"], county_b["denominator"]) == (1, 2)
        city = next(r for r in villages[2023] if r["region"].code == "410400")
        assert (city["numerator"], city["denominator"]) == (2, 3)

    def test_a_measure_reads_once_per_year_and_a_ratio_of_one_table_once_in_all(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from kechuang.plans.compute import _common_prefix

        computes = self.computes()
        paths = [r.path for r in self.regions]
        within = _common_prefix(paths)
        with CaptureQueriesContext(connection) as queries:
            computes["hightech_enterprises"].values_years(self.YEARS, paths, within)
        # held_in is a queryset method: one query per year, for every level at once.
        assert len(queries) == len(self.YEARS)
        with CaptureQueriesContext(connection) as queries:
            found = computes["enterprise_rd_intensity"].values_years(self.YEARS, paths, within)
        # A year field: one query for both sums of the ratio and all years.
        assert len(queries) == 1
        city = found[2023][self.city.path]
        assert (city["numerator"], city["denominator"]) == (Decimal("10.42"), Decimal("1004.13"))
        # Not rolled up (an enterprise incubated in two counties): a query per year and level.
        levels = len({len(p) for p in paths})
        with CaptureQueriesContext(connection) as queries:
            computes["incubated_firms"].values_years(self.YEARS, paths, within)
        assert len(queries) == len(self.YEARS) * levels

    def test_the_recompute_stores_what_the_values_command_shows(self):
        from kechuang.plans.models import IndicatorValue
        from kechuang.plans.values import recompute, values

        recompute(self.plan, self.YEARS)
        stored = {
            (v.indicator.code, v.region_id, v.year): (v.value, v.numerator, v.denominator)
            for v in IndicatorValue.objects.select_related("indicator")
        }
        for year in self.YEARS:
            for row in values(self.plan, year, self.regions):
                if row["indicator"].compute:
                    key = (row["indicator"].code, row["region"].pk, year)
                    expected = tuple(
                        None if x is None else round(x, 6)
                        for x in (row["value"], row["numerator"], row["denominator"])
                    )
                    assert stored[key] == expected, key

    def test_every_value_drills_down_to_exactly_its_rows(self):
        """Each computed value's link opens the registry list filtered to the rows it counts: the
        list's own filters applied to the whole table give the same number."""
        from django.db.models import Sum
        from django.http import QueryDict
        from django.urls import resolve

        from kechuang.plans.compute import indicator_values_years
        from kechuang.plans.views import drill_filters, drill_url

        checked = 0
        for indicator in self.plan.indicators.all():
            spec = indicator.compute_spec()
            if spec is None or indicator.is_input:
                continue
            measure = spec.measure or spec.numerator
            found = indicator_values_years(spec, self.YEARS, self.regions)
            for year in self.YEARS:
                for row in found[year]:
                    url = drill_url(indicator, row["region"], year)
                    path, _sep, query = url.partition("?")
                    _params, missing = drill_filters(path, measure, row["region"], year)
                    assert missing == [], (indicator.code, missing)
                    filterset = resolve(path).func.view_class.filterset
                    data = QueryDict(query)
                    qs = filterset(data, queryset=measure.model.objects.all()).qs
                    kind, _sep, target = measure.value.partition(":")
                    if kind == "count":
                        shown = qs.count()
                    elif kind == "count_distinct":
                        shown = qs.values(target).distinct().count()
                    else:
                        shown = qs.aggregate(v=Sum(target))["v"] or 0
                    expected = row["value"] if measure is spec.measure else row["numerator"]
                    assert Decimal(shown) == expected, (indicator.code, row["region"], year, url)
                    checked += 1
        assert checked == 14 * len(self.YEARS) * len(self.regions)

    def test_the_recompute_refreshes_the_planner_statistics_first(self):
        """On PostgreSQL the tables it reads are ANALYZEd (rows of this very transaction
        included), so its queries are planned for the tables as they are now."""
        from django.db import connection

        from kechuang.carriers.models import Tenancy
        from kechuang.plans.values import recompute
        from kechuang.talents.models import Assignment
        from tests.core.test_db import estimated_rows

        tables = self.computes()["hightech_enterprises"].tables()
        assert {m.__name__ for m in tables} == {"Qualification", "Enterprise", "Org", "Region"}
        recompute(self.plan, [2024])
        for model in (Qualification, Enterprise, AnnualData, Contract, Tenancy, Assignment):
            expected = model.objects.count() if connection.vendor == "postgresql" else None
            assert estimated_rows(model) == expected, model.__name__
