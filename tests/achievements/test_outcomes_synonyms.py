"""转化成效 (rules, pages, API, scope) and the bureau's own matching synonyms."""

from django.test import TestCase
from django.urls import reverse

from kechuang.achievements import matching
from kechuang.achievements.models import SynonymEntry, TransferOutcome
from kechuang.core.testing.api import APITestCases
from kechuang.core.testing.personas import Personas
from kechuang.core.testing.views import ViewTestCases

from .data import make_achievement, make_demand


class OutcomeData:
    model = TransferOutcome
    search_term = "尼龙66"

    @classmethod
    def setup_data(cls):
        cls.ach_a = make_achievement(cls.org_a, "尼龙66盐连续聚合工艺")
        cls.ach_b = make_achievement(cls.org_b, "特厚钢板轧制技术")

    @classmethod
    def make(cls, achievement, year=2022, **extra):
        values = {
            "revenue_wan": 800,
            "profit_wan": 120,
            "product_count": 2,
            "products": "切片\n改性料",
            "jobs": 15,
            "rating": "good",
            **extra,
        }
        outcome = TransferOutcome(achievement=achievement, year=year, **values)
        outcome.save()
        return outcome

    @classmethod
    def in_scope(cls):
        return cls.make(cls.ach_a)

    @classmethod
    def out_of_scope(cls):
        return cls.make(cls.ach_b)


class OutcomeViewTests(OutcomeData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "achievement": cls.ach_a.pk,
            "year": 2023,
            "revenue_wan": "1200.50",
            "profit_wan": "180.00",
            "product_count": 1,
            "products": "高流动尼龙66",
            "jobs": 8,
            "rating": "significant",
        }
        cls.form_data_outside = {**cls.form_data, "achievement": cls.ach_b.pk}
        cls.edit_data = {**cls.form_data, "year": 2022, "jobs": 20}

    def test_it_refuses_a_year_before_the_achievement_was_completed(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "year": 2020})
        self.assertContains(r, "年度（2020）不能早于成果完成年份（2021）", status_code=400)

    def test_it_refuses_fewer_products_than_listed(self):
        self.login(self.user_a)
        r = self.client.post(
            self.url("add"), {**self.form_data, "products": "甲\n乙", "product_count": 1}
        )
        self.assertContains(r, "新产品（新工艺）数（1）少于所列项目（2 项）", status_code=400)

    def test_the_achievement_page_totals_the_outcomes(self):
        self.make(self.ach_a, year=2023, revenue_wan=200, profit_wan=30, jobs=5, product_count=2)
        self.login(self.user_a)
        r = self.client.get(self.ach_a.get_absolute_url())
        totals = r.context["outcome_totals"]
        # in_scope() made 2022 (800 / 120 / 2 products / 15 jobs); plus 2023.
        assert (totals["revenue"], totals["profit"], totals["products"], totals["jobs"]) == (
            1000,
            150,
            4,
            20,
        )
        assert [o.year for o in r.context["outcomes"]] == [2023, 2022]


class OutcomeAPITests(OutcomeData, APITestCases.Standard):
    endpoint = "transfer-outcomes"
    filter_params = {"q": "尼龙"}

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "achievement": cls.ach_a.pk,
            "year": 2024,
            "revenue_wan": "300.00",
            "rating": "fair",
        }
        cls.create_data_outside = {**cls.create_data, "achievement": cls.ach_b.pk}
        cls.update_data = {"jobs": 3}


class SynonymTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.fibre = make_achievement(
            cls.org_a, "超高分子量聚乙烯纤维制备技术", description="凝胶纺丝制备高强纤维"
        )
        cls.demand = make_demand(cls.org_a, "UHMWPE 防弹板需求", description="需要 UHMWPE 板")

    def test_a_term_already_in_the_dictionary_is_refused(self):
        self.client.force_login(self.city_staff)
        r = self.client.post(
            reverse("achievements:synonymentry_add"),
            {"industry": "nylon", "canonical": "聚酰胺", "variants": "PA66"},
        )
        self.assertContains(r, "与现有词典冲突", status_code=400)
        assert not SynonymEntry.objects.exists()

    def test_a_new_entry_is_used_by_matching_at_once(self):
        found = [f.obj for f in matching.achievements_for(self.demand, self.city_staff)]
        assert self.fibre not in found  # nothing in common yet
        self.client.force_login(self.city_staff)
        self.client.post(
            reverse("achievements:synonymentry_add"),
            {"industry": "", "canonical": "超高分子量聚乙烯", "variants": "UHMWPE、超高分子量PE"},
        )
        entry = SynonymEntry.objects.get()
        assert entry.history.latest().history_user == self.city_staff
        found = matching.achievements_for(self.demand, self.city_staff)
        assert found[0].obj == self.fibre
        assert "同义: UHMWPE ≈ 超高分子量聚乙烯" in found[0].match.why

    def test_org_users_cannot_edit_the_dictionary(self):
        self.client.force_login(self.org_user)
        r = self.client.post(
            reverse("achievements:synonymentry_add"),
            {"canonical": "甲", "variants": "乙"},
        )
        assert r.status_code in (400, 403)
        assert not SynonymEntry.objects.exists()

    def test_the_list_shows_the_shipped_dictionary(self):
        self.client.force_login(self.city_staff)
        r = self.client.get(reverse("achievements:synonymentry_list"))
        assert r.context["shipped_count"] > 300
        self.assertContains(r, "锦纶66")
