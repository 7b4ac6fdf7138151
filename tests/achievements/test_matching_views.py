"""供需对接 in the platform: matches on the demand and achievement pages (scoped), proposing a
match, following it to a contract, the conversion figures; and the API."""

from django.test import TestCase
from django.urls import reverse

from kechuang.achievements.models import MatchRecord
from kechuang.core.testing.api import APITestCases
from kechuang.core.testing.personas import Personas

from .data import make_achievement, make_contract, make_demand


class MatchData:
    model = MatchRecord
    search_term = "尼龙66"

    @classmethod
    def setup_data(cls):
        # Worded differently on the two sides: PA66 in the demand, 聚酰胺66 / 尼龙66 in the achievement.
        cls.demand = make_demand(
            cls.org_a,
            "PA66 工程塑料增韧改性需求",
            description="需要提高 PA66 工程塑料的低温冲击韧性",
            field="materials",
            industry="nylon",
        )
        cls.nylon_a = make_achievement(
            cls.org_a,
            "聚酰胺66增韧改性技术",
            description="尼龙66与弹性体共混增韧，低温冲击强度提高",
            trl=6,
        )
        cls.nylon_b = make_achievement(
            cls.org_b,
            "尼龙66低温增韧母粒",
            description="锦纶66 增韧母粒制备方法",
            trl=4,
        )
        cls.steel = make_achievement(
            cls.org_b,
            "特厚钢板轧制技术",
            description="超厚钢板控轧控冷",
            field="materials",
            industry="steel",
        )
        cls.moulding = make_achievement(cls.org_a, "尼龙66注塑工艺", description="注塑成型")
        cls.demand_b = make_demand(cls.org_b, "尼龙66切片干燥需求", description="尼龙66切片")

    @classmethod
    def in_scope(cls):
        return MatchRecord.objects.create(demand=cls.demand, achievement=cls.nylon_a)

    @classmethod
    def out_of_scope(cls):
        return MatchRecord.objects.create(demand=cls.demand_b, achievement=cls.nylon_b)


class MatchPageTests(MatchData, Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.setup_data()

    def test_the_demand_page_ranks_achievements_through_synonyms(self):
        self.client.force_login(self.city_staff)
        response = self.client.get(self.demand.get_absolute_url())
        found = [f.obj for f, _record in response.context["found"]]
        assert found[:2] == [self.nylon_a, self.nylon_b]
        assert self.steel not in found
        why = response.context["found"][0][0].match.why
        assert "同义: PA66 ≈ 聚酰胺66" in why

    def test_filters_by_trl_and_scope(self):
        self.client.force_login(self.city_staff)
        response = self.client.get(self.demand.get_absolute_url(), {"min_trl": 5})
        assert [f.obj for f, _r in response.context["found"]] == [self.nylon_a]
        self.client.force_login(self.user_a)  # 新华区: org_b's achievements are out of scope
        response = self.client.get(self.demand.get_absolute_url())
        found = [f.obj for f, _r in response.context["found"]]
        assert found[0] == self.nylon_a and self.nylon_b not in found
        assert {a.owner for a in found} == {self.org_a}

    def test_the_achievement_page_lists_matching_demands(self):
        self.client.force_login(self.city_staff)
        response = self.client.get(self.nylon_b.get_absolute_url())
        assert {f.obj for f in response.context["matched_demands"]} >= {self.demand, self.demand_b}

    def test_propose_then_follow_to_a_contract(self):
        self.client.force_login(self.user_a)
        url = reverse("achievements:demand_propose", args=[self.demand.pk])
        self.client.post(url, {"achievement": self.nylon_a.pk})
        record = MatchRecord.objects.get(demand=self.demand, achievement=self.nylon_a)
        assert record.status == "proposed" and record.score > 0
        assert "同义: PA66 ≈ 聚酰胺66" in record.reasons
        assert record.history.latest().history_user == self.user_a
        self.client.post(url, {"achievement": self.nylon_a.pk})
        assert MatchRecord.objects.filter(demand=self.demand).count() == 1  # no duplicate
        edit = record.get_url("edit")
        response = self.client.post(
            edit, {"status": "signed", "note": "", "version": record.version}
        )
        self.assertContains(response, "状态为“已签约”时须关联登记的技术合同", status_code=400)
        response = self.client.post(
            edit, {"status": "failed", "note": " ", "version": record.version}
        )
        self.assertContains(response, "状态为“未成功”时须在对接情况中说明原因", status_code=400)
        contract = make_contract(
            "2024410402000001", "聚酰胺66增韧技术转让", seller=self.org_a, achievement=self.nylon_a
        )
        self.client.post(
            edit,
            {
                "status": "signed",
                "contract": contract.pk,
                "note": "已签约",
                "version": record.version,
            },
        )
        record.refresh_from_db()
        assert (record.status, record.contract) == ("signed", contract)

    def test_the_list_shows_the_conversion(self):
        MatchRecord.objects.create(demand=self.demand, achievement=self.nylon_a, status="contacted")
        contract = make_contract(
            "2024410402000002", "转让", seller=self.org_b, achievement=self.nylon_b
        )
        MatchRecord.objects.create(
            demand=self.demand, achievement=self.nylon_b, status="signed", contract=contract
        )
        self.client.force_login(self.city_staff)
        response = self.client.get(reverse("achievements:matchrecord_list"))
        funnel = dict(response.context["funnel"])
        assert (funnel["已联系"], funnel["已签约"]) == (1, 1)
        assert response.context["conversion"] == 50.0


class MatchAPITests(MatchData, APITestCases.Standard):
    endpoint = "matches"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.filter_params = {"demand": cls.demand.pk}
        cls.create_data = {"demand": cls.demand.pk, "achievement": cls.moulding.pk}
        cls.create_data_outside = {"demand": cls.demand_b.pk, "achievement": cls.nylon_b.pk}
        cls.update_data = {"status": "contacted"}
