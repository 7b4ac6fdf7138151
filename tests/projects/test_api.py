from kechuang.core.testing.api import APITestCases
from kechuang.projects.models import Call, Expert, Milestone, Project, Proposal, Review

from .fixtures import ProjectsData, make_call, make_expert


class PublishedAPITests:
    """Published models: every holder of the view permission lists and reads every row."""

    def test_list_is_scoped(self):
        r = self.api(self.user_a).get(self.list_url(), {"limit": 1000})
        self.assertEqual(r.status_code, 200)
        ids = {row["id"] for row in r.json()["results"]}
        self.assertLessEqual({self.obj_in.pk, self.obj_out.pk}, ids)
        self.assertEqual(r.json()["count"], self.model.objects.count())

    def test_retrieve_in_and_out_of_scope(self):
        client = self.api(self.user_a)
        self.assertEqual(client.get(self.detail_url(self.obj_in)).status_code, 200)
        self.assertEqual(client.get(self.detail_url(self.obj_out)).status_code, 200)


class CallAPITests(ProjectsData, PublishedAPITests, APITestCases.Standard):
    model = Call
    endpoint = "project-calls"

    @classmethod
    def setup_data(cls):
        super().setup_data()
        cls.call_a = make_call(cls.county_a, "新华区示例电气装备课题指南", key_field="electrical")
        cls.call_b = make_call(cls.county_b, "叶县示例特钢课题指南", key_field="steel")

    @classmethod
    def in_scope(cls):
        return cls.call_a

    @classmethod
    def out_of_scope(cls):
        return cls.call_b

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "year": 2025,
            "title": "新华区示例新一代信息技术课题指南",
            "key_field": "it",
            "region": cls.county_a.pk,
            "budget_wan": "500.00",
            "opens_on": "2025-03-01",
            "closes_on": "2025-04-30",
        }
        cls.create_outside = {**cls.create_data, "region": cls.county_b.pk}
        cls.update_data = {"title": "新华区示例电气装备课题指南（修订）"}
        cls.filter_params = {"county": cls.county_a.pk}

    def test_it_refuses_a_closing_date_before_the_opening_date(self):
        data = {**self.create_data, "closes_on": "2025-01-01"}
        r = self.api(self.user_a).post(self.list_url(), data, format="json")
        self.assertEqual(r.status_code, 400)
        self.assertIn("申报截止日期（2025-01-01）不能早于申报开始日期", r.json()["closes_on"][0])

    def test_county_user_cannot_change_the_city_call(self):
        url = self.detail_url(self.call)
        r = self.api(self.user_a).patch(url, {"title": "x", "version": 1}, format="json")
        self.assertEqual(r.status_code, 404)

    def test_outsider_is_forbidden(self):
        self.assertEqual(self.api(self.outsider).get(self.detail_url(self.call)).status_code, 403)


class ProposalAPITests(ProjectsData, APITestCases.Standard):
    model = Proposal
    endpoint = "project-proposals"

    @classmethod
    def in_scope(cls):
        return cls.prop_a

    @classmethod
    def out_of_scope(cls):
        return cls.prop_b

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "call": cls.call.pk,
            "title": "甲尼龙纤维绿色制备技术（示例）",
            "field": "materials",
            "applicant": cls.org_a.pk,
            "submitted_on": "2024-03-15",
            "leader_name": "王某某",
            "budget_wan": "300.00",
        }
        cls.create_outside = {**cls.create_data, "applicant": cls.org_b.pk}
        cls.update_data = {"title": "甲尼龙改性关键技术研究（示例，修订）"}
        cls.filter_params = {"county": cls.county_a.pk, "year": 2024}

    def test_it_reports_the_mean_score_and_fills_the_region(self):
        r = self.api(self.user_a).get(self.detail_url(self.prop_a))
        self.assertEqual(r.json()["mean_score"], 80.0)
        r = self.api(self.user_a).post(self.list_url(), self.create_data, format="json")
        self.assertEqual(r.json()["region"], self.town_a.pk)
        self.assertIsNone(r.json()["mean_score"])

    def test_it_refuses_a_budget_above_the_calls_budget(self):
        data = {**self.create_data, "budget_wan": "1500"}
        r = self.api(self.user_a).post(self.list_url(), data, format="json")
        self.assertEqual(r.status_code, 400)
        self.assertIn("不能大于课题指南", r.json()["budget_wan"][0])


class ReviewAPITests(ProjectsData, APITestCases.Standard):
    model = Review
    endpoint = "project-reviews"

    @classmethod
    def in_scope(cls):
        return cls.review_a

    @classmethod
    def out_of_scope(cls):
        return cls.review_b

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {"proposal": cls.prop_a.pk, "expert": cls.expert_b.pk, "score": "88.0"}
        cls.create_outside = {**cls.create_data, "proposal": cls.prop_b.pk}
        cls.update_data = {"score": "90.0"}
        cls.filter_params = {"county": cls.county_a.pk}

    def test_it_refuses_a_score_with_a_conflict_declaration(self):
        data = {**self.create_data, "conflict_declared": True}
        r = self.api(self.user_a).post(self.list_url(), data, format="json")
        self.assertEqual(r.status_code, 400)
        self.assertEqual(r.json()["score"], ["已声明回避的评审不能打分，请清空评分"])

    def test_it_refuses_a_second_review_by_the_same_expert(self):
        data = {**self.create_data, "expert": self.expert_a.pk}
        r = self.api(self.user_a).post(self.list_url(), data, format="json")
        self.assertEqual(r.status_code, 400)


class ProjectAPITests(ProjectsData, APITestCases.Standard):
    model = Project
    endpoint = "projects"

    @classmethod
    def in_scope(cls):
        return cls.project_a

    @classmethod
    def out_of_scope(cls):
        return cls.project_b

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "project_no": "SL-2024-003",
            "title": "甲新项目（示例）",
            "owner": cls.org_a.pk,
            "leader_name": "张某某",
            "funded_wan": "150.00",
            "starts_on": "2024-07-01",
            "ends_on": "2026-06-30",
        }
        cls.create_outside = {**cls.create_data, "owner": cls.org_b.pk}
        cls.update_data = {"status": "extended"}
        cls.filter_params = {"county": cls.county_a.pk}

    def test_it_refuses_a_duplicate_project_number(self):
        data = {**self.create_data, "project_no": "SL-2024-001"}
        r = self.api(self.user_a).post(self.list_url(), data, format="json")
        self.assertEqual(r.json()["project_no"], ["项目编号已被其他项目使用"])


class MilestoneAPITests(ProjectsData, APITestCases.Standard):
    model = Milestone
    endpoint = "project-milestones"

    @classmethod
    def in_scope(cls):
        return cls.ms_a

    @classmethod
    def out_of_scope(cls):
        return cls.ms_b

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {"project": cls.project_a.pk, "title": "中期检查", "due_on": "2025-12-31"}
        cls.create_outside = {**cls.create_data, "project": cls.project_b.pk}
        cls.update_data = {"note": "已提交中期报告"}
        cls.filter_params = {"county": cls.county_a.pk}

    def test_it_reports_overdue(self):
        r = self.api(self.user_a).get(self.detail_url(self.ms_a))
        self.assertTrue(r.json()["is_overdue"])
        self.assertEqual(r.json()["status"], "pending")


class ExpertAPITests(ProjectsData, PublishedAPITests, APITestCases.Standard):
    model = Expert
    endpoint = "experts"

    @classmethod
    def setup_data(cls):
        super().setup_data()
        cls.expert_c = make_expert("丙某某（示例）", cls.county_a, phone="13700001111")
        cls.expert_d = make_expert("丁某某（示例）", cls.county_b, phone="13700002222")

    @classmethod
    def in_scope(cls):
        return cls.expert_c

    @classmethod
    def out_of_scope(cls):
        return cls.expert_d

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "name": "戊某某（示例）",
            "org_name": "示例大学",
            "main_field": "electronics",
            "region": cls.county_a.pk,
            "phone": "13600001111",
            "conflict_orgs": [cls.org_a.pk],
        }
        cls.create_outside = {**cls.create_data, "region": cls.county_b.pk}
        cls.update_data = {"title": "研究员"}
        cls.filter_params = {"county": cls.county_a.pk}

    def test_phone_is_masked_for_county_staff(self):
        r = self.api(self.user_a).get(self.detail_url(self.expert_d))
        self.assertEqual(r.json()["phone"], "137****2222")
        r = self.api(self.admin).get(self.detail_url(self.expert_d))
        self.assertEqual(r.json()["phone"], "13700002222")

    def test_create_sets_conflict_orgs(self):
        r = self.api(self.user_a).post(self.list_url(), self.create_data, format="json")
        self.assertEqual(r.status_code, 201, r.content)
        self.assertEqual(
            list(Expert.objects.get(pk=r.json()["id"]).conflict_orgs.all()), [self.org_a]
        )

    def test_outsider_is_forbidden(self):
        self.assertEqual(self.api(self.outsider).get(self.list_url()).status_code, 403)
