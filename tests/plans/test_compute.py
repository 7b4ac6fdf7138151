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
