from decimal import Decimal

from django.test import SimpleTestCase, TestCase

from kechuang.achievements.models import Achievement, Appraisal, Contract, split_keywords
from kechuang.core.testing.personas import Personas

from .data import make_achievement, make_contract


class KeywordTests(SimpleTestCase):
    def test_it_splits_on_commas_enumeration_commas_and_semicolons(self):
        self.assertEqual(
            split_keywords("尼龙66, 连续聚合、己二胺；尼龙66，，GIS 开关"),
            ["尼龙66", "连续聚合", "己二胺", "GIS 开关"],
        )

    def test_it_exposes_keyword_list_and_ip_items(self):
        a = Achievement(keywords="特厚板、轧制", ip_list="ZL1\n\n  2021SR2  \n")
        self.assertEqual(a.keyword_list, ["特厚板", "轧制"])
        self.assertEqual(a.ip_items, ["ZL1", "2021SR2"])

    def test_it_leaves_the_score_blank_when_a_part_is_missing(self):
        self.assertIsNone(
            Appraisal(advancement=80, maturity=80, market_prospects=80).derived_score()
        )
        self.assertEqual(
            Appraisal(
                advancement=80, maturity=81, market_prospects=80, ip_strength=81
            ).derived_score(),
            81,  # 80.5 rounds half up
        )


class ContractModelTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.achievement = make_achievement(cls.org_a, "尼龙66盐连续聚合工艺", field="materials")

    def test_it_takes_the_field_from_the_linked_achievement(self):
        c = make_contract("X-1", "转让合同", seller=self.org_a, achievement=self.achievement)
        self.assertEqual(c.field, "materials")

    def test_totals_are_exact_in_one_query(self):
        make_contract(
            "X-2",
            "甲",
            seller=self.org_a,
            contract_value_wan=Decimal("0.10"),
            transaction_value_wan=Decimal("0.10"),
        )
        make_contract(
            "X-3",
            "乙",
            seller=self.org_b,
            contract_value_wan=Decimal("0.20"),
            transaction_value_wan=Decimal("0.05"),
        )
        with self.assertNumQueries(1):
            totals = Contract.objects.all().totals()
        self.assertEqual(totals["count"], 2)
        self.assertEqual(totals["contract_value_wan"], Decimal("0.30"))
        self.assertEqual(totals["transaction_value_wan"], Decimal("0.15"))

    def test_empty_totals_are_zero(self):
        totals = Contract.objects.none().totals()
        self.assertEqual((totals["count"], totals["contract_value_wan"]), (0, Decimal("0.00")))

    def test_region_follows_owner_only_when_left_blank(self):
        a = make_achievement(self.org_a, "另一项成果", region=self.town_b)
        self.assertEqual(a.region, self.town_b)
