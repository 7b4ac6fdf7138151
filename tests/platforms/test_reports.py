from django.urls import reverse
from rest_framework.test import APIClient

from kechuang.core.testing.api import APITestCases
from kechuang.core.testing.views import ViewTestCases
from kechuang.core.validators import last_allowed_year
from kechuang.platforms.models import PlatformReport

from .helpers import REPORT_NUMBERS, make_platform, make_report


class ReportData:
    model = PlatformReport
    search_term = "jsln"  # pinyin initials of 甲示例尼龙…

    @classmethod
    def setup_data(cls):
        cls.platform_a = make_platform("甲示例尼龙工程技术研究中心", cls.org_a)
        cls.platform_b = make_platform("乙示例电气装备企业技术中心", cls.org_b)
        cls.report_a = make_report(cls.platform_a, 2023)
        cls.report_b = make_report(cls.platform_b, 2023)

    @classmethod
    def in_scope(cls):
        return cls.report_a

    @classmethod
    def out_of_scope(cls):
        return cls.report_b


class ReportViewTests(ReportData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "platform": cls.platform_a.pk,
            "year": 2024,
            **REPORT_NUMBERS,
            "status": "draft",
        }
        cls.form_data_outside = {**cls.form_data, "platform": cls.platform_b.pk}
        cls.edit_data = {**cls.form_data, "year": 2023, "staff": 31, "status": "submitted"}

    def post_add(self, user=None, **changes):
        self.login(user or self.user_a)
        return self.client.post(self.url("add"), {**self.form_data, **changes})

    def assertRefused(self, response, message):
        self.assertContains(response, message, status_code=400)
        self.assertFalse(PlatformReport.objects.filter(year=2024).exists())

    def test_str_names_platform_and_year(self):
        self.assertEqual(str(self.report_a), "甲示例尼龙工程技术研究中心 2023年报")

    def test_it_refuses_more_researchers_than_staff(self):
        r = self.post_add(researchers=31)
        self.assertRefused(r, "研究人员（人）：研究人员（人）（31）不能大于固定人员（人）（30）")

    def test_it_refuses_more_senior_researchers_than_researchers(self):
        r = self.post_add(senior_researchers=21)
        self.assertRefused(r, "高级职称人员（人）（21）不能大于研究人员（人）（20）")

    def test_it_refuses_more_invention_patents_than_patents_granted(self):
        r = self.post_add(invention_patents_granted=8)
        self.assertRefused(r, "发明专利授权数（件）（8）不能大于专利授权数（件）（7）")

    def test_it_allows_more_patents_granted_than_applied(self):
        self.assertEqual(self.post_add(patents_applied=1, patents_granted=7).status_code, 302)

    def test_it_refuses_negative_money_and_counts(self):
        r = self.post_add(rd_spend_wan="-1")
        self.assertRefused(r, "研发投入（万元）：不能为负数（当前为 -1）")
        r = self.post_add(papers=-2)
        self.assertRefused(r, "发表论文数（篇）：")

    def test_it_refuses_a_year_before_the_platforms_approval(self):
        r = self.post_add(year=2017)
        self.assertContains(r, "年度（2017）不能早于平台认定年份（2018）", status_code=400)
        self.assertFalse(PlatformReport.objects.filter(year=2017).exists())

    def test_it_refuses_a_year_after_next_year(self):
        year = last_allowed_year() + 1
        r = self.post_add(year=year)
        self.assertContains(r, f"年度 {year} 超出允许范围", status_code=400)

    def test_it_refuses_a_second_report_for_the_same_year(self):
        r = self.post_add(year=2023)
        self.assertContains(r, "该平台该年度的年报已存在", status_code=400)
        self.assertEqual(PlatformReport.objects.filter(platform=self.platform_a).count(), 1)

    def test_returning_a_report_needs_a_comment(self):
        r = self.post_add(user=self.admin, status="returned")
        self.assertRefused(r, "审核意见：退回年报时必须填写审核意见")

    def test_submitting_stamps_the_time_and_approving_records_the_reviewer(self):
        self.assertEqual(self.post_add(status="submitted").status_code, 302)
        report = PlatformReport.objects.get(year=2024)
        self.assertIsNotNone(report.submitted_at)
        self.assertIsNone(report.reviewed_by)
        self.login(self.city_staff)
        data = {**self.form_data, "status": "approved", "version": report.version}
        r = self.client.post(self.url("edit", report), data)
        self.assertEqual(r.status_code, 302)
        self.assertEqual(PlatformReport.objects.get(pk=report.pk).reviewed_by, self.city_staff)

    def test_org_user_may_submit_but_not_approve(self):
        self.assertEqual(self.post_add(user=self.org_user, status="approved").status_code, 400)
        self.assertEqual(self.post_add(user=self.org_user, status="submitted").status_code, 302)

    def test_it_filters_by_year_county_and_level(self):
        make_report(self.platform_a, 2022)
        self.login(self.admin)
        r = self.client.get(self.url("list"), {"year": 2022})
        self.assertContains(r, "甲示例尼龙工程技术研究中心 2022年报")
        self.assertNotContains(r, "2023年报")
        r = self.client.get(self.url("list"), {"county": self.county_b.pk, "level": "municipal"})
        self.assertContains(r, str(self.report_b))
        self.assertNotContains(r, str(self.report_a))

    def test_add_link_from_the_platform_prefills_platform_and_year(self):
        self.login(self.user_a)
        page = self.client.get(self.platform_a.get_absolute_url())
        url = page.context["add_report_url"]
        self.assertTrue(url.endswith(f"?platform={self.platform_a.pk}&year=2024"))
        form = self.client.get(url).context["form"]
        self.assertEqual(form.initial["year"], "2024")


class ReportAPITests(ReportData, APITestCases.Standard):
    endpoint = "platform-reports"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {"platform": cls.platform_a.pk, "year": 2024, **REPORT_NUMBERS}
        cls.create_outside = {**cls.create_data, "platform": cls.platform_b.pk}
        cls.update_data = {"rd_spend_wan": "640.00"}
        cls.filter_params = {"county": cls.county_a.pk}

    def test_it_explains_rule_violations_in_chinese(self):
        client = self.api(self.user_a)
        r = client.post(self.list_url(), {**self.create_data, "researchers": 99}, format="json")
        self.assertIn("不能大于固定人员", r.json()["researchers"][0])
        r = client.post(self.list_url(), {**self.create_data, "year": 2023}, format="json")
        self.assertIn("该平台该年度的年报已存在", str(r.json()))
        self.assertFalse(PlatformReport.objects.filter(year=2024).exists())

    def test_org_user_cannot_approve_and_reviewer_is_recorded(self):
        r = self.api(self.org_user).post(
            self.list_url(), {**self.create_data, "status": "approved"}, format="json"
        )
        self.assertEqual(r.status_code, 400)
        self.assertIn("单位用户只能", r.json()["status"][0])
        r = self.api(self.city_staff).patch(
            self.detail_url(self.report_a),
            {"status": "approved", "version": self.report_a.version},
            format="json",
        )
        self.assertEqual((r.status_code, r.json()["reviewed_by"]), (200, self.city_staff.pk))
        self.assertIsNotNone(r.json()["submitted_at"])


class ReportPageTests(ReportData, ViewTestCases.Base):
    def test_it_compares_with_the_previous_year(self):
        make_report(self.platform_a, 2022, rd_spend_wan="240.00", staff=25)
        self.login(self.user_a)
        r = self.client.get(self.report_a.get_absolute_url())
        self.assertContains(r, "2023年")
        self.assertNotContains(r, "2,023")
        rows = {str(row["label"]): row for row in r.context["comparison"]}
        self.assertEqual(rows["研发投入（万元）"]["change"], 25.0)
        self.assertEqual(rows["固定人员（人）"]["change"], -20.0)
        self.assertContains(r, "↓ 20.0%")

    def test_it_says_when_there_is_nothing_to_compare(self):
        self.login(self.admin)
        r = self.client.get(self.report_b.get_absolute_url())
        self.assertContains(r, "没有 2022 年的年报可供比较")


class ReportReviewTests(ReportData, ViewTestCases.Base):
    def review(self, user, report, **payload):
        self.login(user)
        return self.client.post(
            reverse("platforms:platformreport_review", args=[report.pk]), payload, follow=True
        )

    def test_the_bureau_approves_or_returns_a_submitted_report(self):
        self.report_a.status = "submitted"
        self.report_a.save()
        r = self.review(self.user_a, self.report_a, decision="return")
        self.assertContains(r, "退回年报时必须填写审核意见")
        self.review(self.user_a, self.report_a, decision="return", comment="请补充明细")
        self.report_a.refresh_from_db()
        self.assertEqual(
            (self.report_a.status, self.report_a.reviewed_by, self.report_a.review_comment),
            ("returned", self.user_a, "请补充明细"),
        )
        r = self.review(self.user_a, self.report_a, decision="approve")
        self.assertContains(r, "只有已提交的年报可以审核")

    def test_org_users_cannot_review_or_change_a_submitted_report(self):
        self.report_a.status = "submitted"
        self.report_a.save()
        self.assertEqual(
            self.review(self.org_user, self.report_a, decision="approve").status_code, 403
        )
        self.login(self.org_user)
        r = self.client.post(
            self.report_a.get_url("edit"),
            {
                "platform": self.platform_a.pk,
                "year": 2023,
                **REPORT_NUMBERS,
                "status": "submitted",
                "version": self.report_a.version,
            },
        )
        self.assertContains(r, "该年报已提交，单位用户不能再修改", status_code=400)
        self.report_a.refresh_from_db()
        self.assertEqual(self.report_a.staff, 20)
        client = APIClient()
        client.force_authenticate(self.org_user)
        r = client.patch(
            f"/api/platform-reports/{self.report_a.pk}/",
            {"staff": 31, "version": self.report_a.version},
            format="json",
        )
        self.assertEqual(r.status_code, 400)
        self.assertIn("单位用户不能再修改", str(r.json()))
