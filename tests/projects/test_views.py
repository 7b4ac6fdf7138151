import csv
import io
from datetime import date

from kechuang.core.testing.personas import make_org
from kechuang.core.testing.views import ViewTestCases
from kechuang.projects.models import Call, Expert, Milestone, Project, Proposal, Review

from .fixtures import ProjectsData, make_call, make_expert, make_milestone, make_review


class PublishedListTests:
    """The generic tests that assume out-of-scope rows are hidden, restated for published
    models (calls, the expert pool): every holder of the view permission sees every row,
    while add / change / delete stay scoped (the generic Create, Edit and Delete tests)."""

    def test_list_shows_only_rows_in_scope(self):
        self.login(self.user_a)
        r = self.client.get(self.url("list"))
        self.assertContains(r, str(self.obj_in))
        self.assertContains(r, str(self.obj_out))
        self.assertContains(r, f"共 {self.model.objects.count()} 条")

    def test_export_csv_is_scoped(self):
        self.login(self.user_a)
        r = self.client.get(self.url("list"), {"export": "csv"})
        rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
        self.assertEqual(len(rows) - 1, self.model.objects.count())

    def test_export_xlsx_is_scoped_and_opens(self):
        self.login(self.user_a)
        r = self.client.get(self.url("list"), {"export": "xlsx"})
        self.assertEqual(r.status_code, 200)
        self.assertTrue(r.content.startswith(b"PK"))

    def test_detail_out_of_scope_is_404(self):
        self.login(self.user_a)
        self.assertContains(self.client.get(self.obj_out.get_absolute_url()), str(self.obj_out))

    def test_changelog_in_scope_and_out(self):
        self.login(self.user_a)
        for obj in (self.obj_in, self.obj_out):
            self.assertEqual(self.client.get(self.url("changelog", obj)).status_code, 200)


# 课题指南 -------------------------------------------------------------------------------


class CallViewTests(ProjectsData, PublishedListTests, ViewTestCases.Standard):
    model = Call
    search_term = "电气装备"

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
        cls.form_data = {
            "year": 2025,
            "title": "新华区示例新一代信息技术课题指南",
            "key_field": "it",
            "region": cls.county_a.pk,
            "budget_wan": "500",
            "status": "draft",
            "opens_on": "2025-03-01",
            "closes_on": "2025-04-30",
        }
        cls.form_data_outside = {**cls.form_data, "region": cls.county_b.pk}
        cls.edit_data = {**cls.form_data, "title": "新华区示例电气装备课题指南（修订）"}

    def test_it_refuses_a_closing_date_before_the_opening_date(self):
        self.login(self.user_a)
        before = Call.objects.count()
        r = self.client.post(self.url("add"), {**self.form_data, "closes_on": "2025-02-01"})
        self.assertContains(
            r, "申报截止日期：申报截止日期（2025-02-01）不能早于申报开始日期", status_code=400
        )
        self.assertEqual(Call.objects.count(), before)

    def test_it_refuses_a_budget_that_is_not_positive(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "budget_wan": "0"})
        self.assertContains(r, "经费预算（万元）：须大于 0（当前为 0）", status_code=400)
        self.assertFalse(Call.objects.filter(title=self.form_data["title"]).exists())

    def test_it_refuses_a_duplicate_title_in_the_same_year(self):
        self.login(self.user_a)
        data = {**self.form_data, "title": self.call_a.title, "year": 2024}
        r = self.client.post(self.url("add"), data)
        self.assertContains(r, "同一发布单位同一年度已有同名课题指南", status_code=400)

    def test_county_user_sees_the_city_call_but_cannot_edit_it(self):
        self.login(self.user_a)
        listing = self.client.get(self.url("list"))
        self.assertContains(listing, str(self.call))
        self.assertNotContains(listing, self.url("edit", self.call))
        self.assertContains(listing, self.url("edit", self.call_a))
        page = self.client.get(self.call.get_absolute_url())
        self.assertNotContains(page, self.url("edit", self.call))
        self.assertContains(
            self.client.get(self.call_a.get_absolute_url()), self.url("edit", self.call_a)
        )
        self.assertEqual(self.client.get(self.url("edit", self.call)).status_code, 404)
        self.assertEqual(self.client.post(self.url("delete", self.call)).status_code, 404)

    def test_org_user_sees_calls_but_cannot_publish_one(self):
        self.login(self.org_user)
        self.assertContains(self.client.get(self.url("list")), str(self.call))
        before = Call.objects.count()
        r = self.client.post(self.url("add"), self.form_data)
        self.assertEqual(r.status_code, 403)  # applicants may view calls, not publish them
        self.assertEqual(Call.objects.count(), before)

    def test_call_page_shows_proposals_with_mean_scores_and_field_chart(self):
        make_review(self.prop_a, self.expert_b, 90)
        self.login(self.admin)
        r = self.client.get(self.call.get_absolute_url())
        self.assertContains(r, str(self.prop_a))
        self.assertContains(r, f'data-proposal="{self.prop_a.pk}">85.0<')
        self.assertContains(r, f'data-proposal="{self.prop_b.pk}">70.0<')
        chart = r.context["field_chart"]
        self.assertEqual(chart["series"][0]["data"], [2])
        self.assertEqual(chart["xAxis"]["data"], ["新材料"])
        self.assertContains(r, 'data-echarts="field-chart"')
        self.assertContains(r, "echarts.min.js")

    def test_call_page_lists_only_the_proposals_in_scope(self):
        self.login(self.user_a)
        r = self.client.get(self.call.get_absolute_url())
        self.assertContains(r, str(self.prop_a))
        self.assertNotContains(r, str(self.prop_b))

    def test_call_list_counts_only_visible_proposals(self):
        self.login(self.user_a)
        r = self.client.get(self.url("list"))
        counts = {c.pk: c.proposal_count for c in r.context["table"].data}
        self.assertEqual(counts[self.call.pk], 1)
        self.login(self.admin)
        r = self.client.get(self.url("list"))
        self.assertEqual({c.pk: c.proposal_count for c in r.context["table"].data}[self.call.pk], 2)

    def test_filters_by_year_key_field_status_and_county(self):
        self.login(self.admin)
        cases = (
            ({"key_field": "electrical"}, [self.call_a]),
            ({"county": self.county_b.pk}, [self.call_b]),
            ({"year": 2023}, []),
            ({"status": "open", "key_field": "nylon"}, [self.call]),
        )
        for params, expected in cases:
            r = self.client.get(self.url("list"), params)
            self.assertEqual(list(r.context["table"].data), expected, params)


# 课题申报 -------------------------------------------------------------------------------


class ProposalViewTests(ProjectsData, ViewTestCases.Standard):
    model = Proposal
    search_term = "尼龙改性"

    @classmethod
    def in_scope(cls):
        return cls.prop_a

    @classmethod
    def out_of_scope(cls):
        return cls.prop_b

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "call": cls.call.pk,
            "title": "甲尼龙纤维绿色制备技术（示例）",
            "field": "materials",
            "applicant": cls.org_a.pk,
            "submitted_on": "2024-03-15",
            "status": "submitted",
            "leader_name": "王某某",
            "budget_wan": "300",
            "self_funding_wan": "100",
        }
        cls.form_data_outside = {**cls.form_data, "applicant": cls.org_b.pk}
        cls.edit_data = {**cls.form_data, "title": "甲尼龙改性关键技术研究（示例，修订）"}

    def test_it_defaults_the_region_from_the_applicant(self):
        self.login(self.user_a)
        self.client.post(self.url("add"), self.form_data)
        proposal = Proposal.objects.get(title=self.form_data["title"])
        self.assertEqual(proposal.region, self.town_a)

    def test_it_refuses_a_budget_above_the_calls_budget_naming_both(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "budget_wan": "1200"})
        self.assertContains(
            r,
            "申请经费（万元）：申请经费（1,200.00 万元）不能大于课题指南"
            f"“{self.call}”的经费预算（1,000.00 万元）",
            status_code=400,
        )
        self.assertFalse(Proposal.objects.filter(title=self.form_data["title"]).exists())

    def test_it_refuses_a_submission_date_outside_the_call_window(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "submitted_on": "2024-05-01"})
        self.assertContains(r, "申报日期：申报日期（2024-05-01）应在课题指南", status_code=400)
        self.assertContains(r, "申报期 2024-03-01 至 2024-04-30 之内", status_code=400)
        self.assertFalse(Proposal.objects.filter(title=self.form_data["title"]).exists())

    def test_it_refuses_negative_self_funding(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "self_funding_wan": "-1"})
        self.assertContains(r, "自筹经费（万元）：不能为负数", status_code=400)

    def test_proposal_page_marks_conflicted_reviews(self):
        expert = make_expert("丙某某（示例）", self.county_a, org=self.org_a)
        make_review(self.prop_a, expert, None, conflict_declared=True)
        self.login(self.user_a)
        r = self.client.get(self.prop_a.get_absolute_url())
        self.assertContains(r, "丙某某（示例）")
        self.assertContains(r, 'data-testid="conflict">回避<')
        self.assertContains(r, 'data-testid="mean-score">80.0<')

    def test_list_shows_the_mean_score(self):
        make_review(self.prop_a, self.expert_b, 91)
        self.login(self.admin)
        r = self.client.get(self.url("list"), {"export": "csv"})
        rows = {row[0]: row for row in csv.reader(io.StringIO(r.content.decode("utf-8-sig")))}
        self.assertEqual(rows[str(self.prop_a)][-1], "85.5")

    def test_org_user_sees_its_proposals_but_no_reviews(self):
        self.login(self.org_user)
        r = self.client.get(self.url("list"))
        self.assertContains(r, "共 1 条")
        r = self.client.get(self.prop_a.get_absolute_url())
        self.assertNotContains(r, str(self.expert_a))
        self.assertEqual(self.client.get(self.prop_b.get_absolute_url()).status_code, 404)

    def test_filters_by_call_year_key_field_and_county(self):
        self.login(self.admin)
        for params, expected in (
            ({"call": self.call.pk, "county": self.county_a.pk}, [self.prop_a]),
            ({"year": 2024, "key_field": "nylon", "q": "特钢"}, [self.prop_b]),
            ({"year": 2020}, []),
        ):
            r = self.client.get(self.url("list"), params)
            self.assertEqual(list(r.context["table"].data), expected, params)


# 专家评审 -------------------------------------------------------------------------------


class ReviewViewTests(ProjectsData, ViewTestCases.Standard):
    model = Review
    search_term = "尼龙改性"

    @classmethod
    def in_scope(cls):
        return cls.review_a

    @classmethod
    def out_of_scope(cls):
        return cls.review_b

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "proposal": cls.prop_a.pk,
            "expert": cls.expert_b.pk,
            "score": "88",
            "reviewed_on": "2024-05-10",
            "opinion": "技术路线清晰。",
        }
        cls.form_data_outside = {**cls.form_data, "proposal": cls.prop_b.pk}
        cls.edit_data = {
            **cls.form_data,
            "expert": cls.expert_a.pk,
            "score": "82.5",
            "opinion": "修改后的意见",
        }

    def test_it_refuses_a_score_with_a_conflict_declaration(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "conflict_declared": "on"})
        self.assertContains(r, "评分：已声明回避的评审不能打分，请清空评分", status_code=400)
        self.assertFalse(Review.objects.filter(expert=self.expert_b, proposal=self.prop_a).exists())

    def test_it_requires_a_conflict_declaration_for_the_experts_own_org(self):
        expert = make_expert("丙某某（示例）", self.county_a, org=self.org_a)
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "expert": expert.pk})
        self.assertContains(r, "声明回避：专家“丙某某（示例）”须回避申报单位", status_code=400)
        data = {**self.form_data, "expert": expert.pk, "conflict_declared": "on", "score": ""}
        self.assertEqual(self.client.post(self.url("add"), data).status_code, 302)

    def test_it_requires_a_conflict_declaration_for_a_listed_conflict_org(self):
        self.expert_b.conflict_orgs.add(self.org_a)
        self.login(self.user_a)
        r = self.client.post(self.url("add"), self.form_data)
        self.assertContains(r, "声明回避：专家“乙某某（示例）”须回避", status_code=400)

    def test_it_refuses_a_score_above_100(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "score": "101"})
        self.assertContains(r, "评分：评分应在 0–100 之间", status_code=400)

    def test_it_refuses_a_second_review_by_the_same_expert(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "expert": self.expert_a.pk})
        self.assertContains(r, "该专家已有对此课题申报的评审记录", status_code=400)

    def test_it_refuses_a_review_date_before_the_submission(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "reviewed_on": "2024-01-01"})
        self.assertContains(r, "评审日期：评审日期（2024-01-01）不能早于申报日期", status_code=400)

    def test_org_user_sees_no_reviews(self):
        # Applicants never see who reviewed them: no permission on reviews at all.
        self.login(self.org_user)
        self.assertEqual(self.client.get(self.url("list")).status_code, 403)
        self.assertEqual(self.client.get(self.review_a.get_absolute_url()).status_code, 403)


# 立项项目 -------------------------------------------------------------------------------


class ProjectViewTests(ProjectsData, ViewTestCases.Standard):
    model = Project
    search_term = "SL-2024-001"

    @classmethod
    def in_scope(cls):
        return cls.project_a

    @classmethod
    def out_of_scope(cls):
        return cls.project_b

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "project_no": "SL-2024-003",
            "title": "甲尼龙改性关键技术研究（示例）",
            "proposal": cls.prop_a.pk,
            "status": "active",
            "owner": cls.org_a.pk,
            "leader_name": "张某某",
            "funded_wan": "150",
            "self_funding_wan": "50",
            "starts_on": "2024-07-01",
            "ends_on": "2026-06-30",
        }
        cls.form_data_outside = {
            **cls.form_data,
            "proposal": "",
            "owner": cls.org_b.pk,
        }
        cls.edit_data = {
            **cls.form_data,
            "project_no": "SL-2024-001",
            "proposal": "",
            "title": "甲尼龙复合材料产业化项目（示例，调整）",
        }

    def test_it_takes_the_call_and_region_from_proposal_and_owner(self):
        self.login(self.user_a)
        self.client.post(self.url("add"), self.form_data)
        project = Project.objects.get(project_no="SL-2024-003")
        self.assertEqual((project.call, project.region), (self.call, self.town_a))

    def test_it_refuses_an_end_date_before_the_start(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "ends_on": "2024-01-01"})
        self.assertContains(r, "结束日期：结束日期（2024-01-01）不能早于开始日期", status_code=400)
        self.assertFalse(Project.objects.filter(project_no="SL-2024-003").exists())

    def test_it_refuses_a_duplicate_project_number(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "project_no": "SL-2024-001"})
        self.assertContains(r, "项目编号：项目编号已被其他项目使用", status_code=400)

    def test_it_refuses_funding_above_the_requested_budget(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "funded_wan": "250"})
        self.assertContains(
            r,
            "财政资助（万元）：财政资助（250.00 万元）不能大于来源申报的申请经费（200.00 万元）",
            status_code=400,
        )

    def test_it_refuses_an_owner_other_than_the_applicant(self):
        org_c = make_org("丙示例有限公司", self.town_a, 10000009)
        self.login(self.admin)
        r = self.client.post(self.url("add"), {**self.form_data, "owner": org_c.pk})
        self.assertContains(r, "承担单位：承担单位应与来源申报的申报单位", status_code=400)

    def test_it_refuses_a_call_other_than_the_proposals(self):
        other = make_call(self.city, "2024年度电气装备专项指南（示例）", key_field="electrical")
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "call": other.pk})
        self.assertContains(r, "课题指南：课题指南应与来源申报的课题指南", status_code=400)

    def test_project_page_highlights_overdue_milestones(self):
        make_milestone(self.project_a, "中期检查", date(2099, 1, 1))
        make_milestone(
            self.project_a, "结题验收", date(2025, 1, 1), status="done", done_on=date(2025, 1, 2)
        )
        self.login(self.user_a)
        r = self.client.get(self.project_a.get_absolute_url())
        self.assertContains(r, 'class="table-danger" data-overdue="1"', count=1)
        self.assertContains(r, '<span class="badge bg-red-lt">逾期</span>', count=1)
        self.assertContains(r, "1 项逾期")
        self.assertContains(r, "已完成")
        self.assertContains(r, "未开始")


# 里程碑 ---------------------------------------------------------------------------------


class MilestoneViewTests(ProjectsData, ViewTestCases.Standard):
    model = Milestone
    search_term = "甲项目"

    @classmethod
    def in_scope(cls):
        return cls.ms_a

    @classmethod
    def out_of_scope(cls):
        return cls.ms_b

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "project": cls.project_a.pk,
            "title": "甲项目中期检查",
            "due_on": "2025-12-31",
            "status": "in_progress",
        }
        cls.form_data_outside = {**cls.form_data, "project": cls.project_b.pk}
        cls.edit_data = {
            "project": cls.project_a.pk,
            "title": "甲项目开题论证",
            "due_on": "2024-09-01",
            "status": "done",
            "done_on": "2024-08-30",
        }

    def test_it_requires_a_completion_date_when_done(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "status": "done"})
        self.assertContains(r, "实际完成日期：状态为“已完成”时须填写实际完成日期", status_code=400)
        self.assertFalse(Milestone.objects.filter(title="甲项目中期检查").exists())

    def test_it_refuses_a_completion_date_unless_done(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "done_on": "2025-01-01"})
        self.assertContains(r, "状态：已填写实际完成日期时，状态应为“已完成”", status_code=400)

    def test_it_refuses_a_due_date_before_the_project_starts(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "due_on": "2024-01-01"})
        self.assertContains(
            r, "计划完成日期：计划完成日期（2024-01-01）不能早于项目开始日期", status_code=400
        )

    def test_list_shows_overdue_and_filters_it(self):
        done = make_milestone(
            self.project_a, "甲项目结题", date(2025, 1, 1), status="done", done_on=date(2025, 1, 1)
        )
        self.login(self.user_a)
        r = self.client.get(self.url("list"))
        self.assertContains(r, '<span class="badge bg-red-lt">逾期</span>', count=1)
        r = self.client.get(self.url("list"), {"overdue": "true"})
        self.assertEqual(list(r.context["table"].data), [self.ms_a])
        r = self.client.get(self.url("list"), {"overdue": "false"})
        self.assertEqual(list(r.context["table"].data), [done])
        r = self.client.get(self.url("list"), {"export": "csv"})
        self.assertIn("逾期", r.content.decode("utf-8-sig"))

    def test_milestone_page_says_overdue(self):
        self.login(self.user_a)
        self.assertContains(
            self.client.get(self.ms_a.get_absolute_url()), "逾期：计划于 2024-09-01 完成"
        )


# 专家库 ---------------------------------------------------------------------------------


class ExpertViewTests(ProjectsData, PublishedListTests, ViewTestCases.Standard):
    model = Expert
    search_term = "丙某某"

    @classmethod
    def setup_data(cls):
        super().setup_data()
        # expert_a is referenced by a review; the suites work on unreferenced experts.
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
        cls.form_data = {
            "name": "戊某某（示例）",
            "title": "教授",
            "org_name": "示例大学",
            "region": cls.county_a.pk,
            "available": "on",
            "main_field": "electronics",
            "disciplines": "520 计算机科学技术",
            "phone": "13600001111",
            "email": "wu@example.com",
        }
        cls.form_data_outside = {**cls.form_data, "region": cls.county_b.pk}
        cls.edit_data = {**cls.form_data, "name": "丙某某（示例）", "title": "研究员"}

    def test_county_user_sees_the_pool_with_masked_phones(self):
        self.login(self.user_a)
        r = self.client.get(self.url("list"))
        self.assertContains(r, f"共 {Expert.objects.count()} 条")
        self.assertContains(r, "138****4321")
        self.assertNotContains(r, "13887654321")
        page = self.client.get(self.expert_b.get_absolute_url())
        self.assertContains(page, "138****4321")
        self.assertNotContains(page, "13887654321")
        export = self.client.get(self.url("list"), {"export": "csv"}).content.decode("utf-8-sig")
        self.assertNotIn("13887654321", export)

    def test_city_staff_see_the_phone(self):
        self.login(self.city_staff)
        self.assertContains(self.client.get(self.expert_b.get_absolute_url()), "13887654321")

    def test_outsider_without_permission_is_forbidden(self):
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.url("list")).status_code, 403)
        self.assertEqual(self.client.get(self.expert_a.get_absolute_url()).status_code, 403)

    def test_county_user_cannot_edit_another_countys_expert(self):
        self.login(self.user_a)
        self.assertNotContains(self.client.get(self.expert_b.get_absolute_url()), "/edit/")
        self.assertEqual(self.client.get(self.url("edit", self.expert_b)).status_code, 404)

    def test_org_users_do_not_browse_the_expert_pool(self):
        make_expert("己某某（示例）", self.county_a, org=self.org_a)
        self.login(self.org_user)
        self.assertEqual(self.client.get(self.url("list")).status_code, 403)
        self.assertEqual(self.client.get(self.expert_a.get_absolute_url()).status_code, 403)

    def test_expert_pool_is_limited_to_own_org_for_org_users_with_the_permission(self):
        from kechuang.core.testing.personas import Personas

        mine = make_expert("己某某（示例）", self.county_a, org=self.org_a)
        Personas.grant(self.org_user, Expert, ("view",))
        self.login(self.org_user)
        r = self.client.get(self.url("list"))
        self.assertContains(r, "共 1 条")
        self.assertContains(r, str(mine))
        self.assertEqual(self.client.get(self.expert_a.get_absolute_url()).status_code, 404)

    def test_it_requires_an_org_or_an_org_name(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "org_name": ""})
        self.assertContains(
            r, "单位名称（未登记）：请选择工作单位，或填写不在册的单位名称", status_code=400
        )
        self.assertFalse(Expert.objects.filter(name="戊某某（示例）").exists())

    def test_it_refuses_a_malformed_phone_number(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "phone": "12345"})
        self.assertContains(r, "手机号码：应为 11 位手机号码或带区号的固定电话", status_code=400)

    def test_masked_phone_sent_back_keeps_the_stored_value(self):
        self.login(self.user_a)
        data = {**self.edit_data, "phone": "137****1111", "version": self.expert_c.version}
        self.assertEqual(self.client.post(self.url("edit", self.expert_c), data).status_code, 302)
        self.assertEqual(Expert.objects.get(pk=self.expert_c.pk).phone, "13700001111")

    def test_editing_keeps_conflict_orgs_outside_the_users_county(self):
        self.expert_c.conflict_orgs.add(self.org_b)
        self.login(self.user_a)
        data = {
            **self.edit_data,
            "conflict_orgs": [self.org_b.pk],
            "version": self.expert_c.version,
        }
        self.assertEqual(self.client.post(self.url("edit", self.expert_c), data).status_code, 302)
        self.assertEqual(list(self.expert_c.conflict_orgs.all()), [self.org_b])

    def test_expert_page_lists_reviews_and_conflict_orgs(self):
        self.expert_a.conflict_orgs.add(self.org_a)
        self.login(self.user_a)
        r = self.client.get(self.expert_a.get_absolute_url())
        self.assertContains(r, str(self.prop_a))
        self.assertContains(r, str(self.org_a))
