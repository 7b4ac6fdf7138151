import io
import json

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from kechuang.core.testing.personas import Personas
from kechuang.evaluation import services
from kechuang.evaluation.models import Run, Scheme, SpotCheck

from . import data

YEARS = (2022, 2023, 2024)


class EvaluationViewTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.scheme = data.scheme()
        cls.a = data.platform("甲工程中心", cls.org_a)  # 新华区
        cls.b = data.platform("乙工程中心", cls.org_b)  # 叶县
        cls.c = data.platform("丙工程中心", cls.org_b)
        data.reports(cls.a, YEARS, 300, 2)
        data.reports(cls.b, YEARS, 100, 1)
        data.reports(cls.c, YEARS, 200, 5)
        cls.the_run = data.run(cls.scheme)
        services.compute(cls.the_run)

    def post(self, user, action, run=None, **payload):
        self.client.force_login(user)
        url = reverse("evaluation:run_action", args=[(run or self.the_run).pk, action])
        return self.client.post(url, payload, follow=True)

    def test_the_run_page_shows_ranked_results_and_charts(self):
        self.client.force_login(self.city_staff)
        response = self.client.get(self.the_run.get_absolute_url())
        self.assertContains(response, "甲工程中心")
        assert response.context["interval_chart"]["series"][2]["data"][0] == [1, "甲工程中心"]
        assert response.context["grade_chart"]["xAxis"]["data"] == [
            "优秀",
            "合格",
            "基本合格",
            "不合格",
        ]
        rows = list(response.context["results_table"].page.object_list.data)
        assert [r.platform.name for r in rows] == ["甲工程中心", "丙工程中心", "乙工程中心"]

    def test_county_users_see_only_their_platforms_everywhere(self):
        self.client.force_login(self.user_a)
        page = self.client.get(self.the_run.get_absolute_url())
        names = [r.platform.name for r in page.context["results_table"].page.object_list.data]
        assert names == ["甲工程中心"]
        listing = self.client.get(reverse("evaluation:result_list"), {"export": "xlsx"})
        sheet = openpyxl.load_workbook(io.BytesIO(listing.content)).active
        exported = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert exported == ["甲工程中心"]
        other = self.the_run.results.get(platform=self.b)
        assert self.client.get(other.get_absolute_url()).status_code == 404
        api = self.client.get("/api/evaluation/results/", HTTP_ACCEPT="application/json")
        assert [r["platform_name"] for r in api.json()["results"]] == ["甲工程中心"]

    def test_organisation_users_see_only_their_own_platforms(self):
        self.client.force_login(self.org_user)
        page = self.client.get(self.the_run.get_absolute_url())
        names = [r.platform.name for r in page.context["results_table"].page.object_list.data]
        assert names == ["甲工程中心"]
        mine = self.the_run.results.get(platform=self.a)
        response = self.client.get(mine.get_absolute_url())
        self.assertContains(response, "得分构成")
        chart = response.context["contribution_chart"]
        assert chart["series"][0]["data"] == [60.0, 24.0]  # 研发经费, 专利授权 (by hand)

    def test_the_workflow_compute_review_publish_then_locked(self):
        response = self.post(self.city_staff, "publish")
        self.assertContains(response, "评价结果须先复核再发布")
        self.post(self.city_staff, "review")
        response = self.post(self.city_staff, "publish")
        self.assertContains(response, "已发布")
        run = Run.objects.get(pk=self.the_run.pk)
        assert run.status == "published" and run.published_by == self.city_staff
        assert self.client.get(run.get_url("edit")).status_code == 403
        response = self.post(self.city_staff, "compute")
        self.assertContains(response, "只有草稿状态的评价任务可以计算")
        response = self.post(self.city_staff, "correct", reason="数据更正")
        correction = Run.objects.get(corrects=run)
        assert response.redirect_chain[-1][0] == correction.get_absolute_url()

    def test_county_users_cannot_compute_or_publish(self):
        for action in ("compute", "review", "publish"):
            self.client.force_login(self.user_a)
            url = reverse("evaluation:run_action", args=[self.the_run.pk, action])
            assert self.client.post(url).status_code == 403

    def test_it_creates_a_run_from_the_form(self):
        self.client.force_login(self.city_staff)
        response = self.client.post(
            reverse("evaluation:run_add"),
            {
                "title": "2023年评价",
                "scheme": self.scheme.pk,
                "year": 2023,
                "levels": ["municipal"],
                "regions": [self.county_b.pk],
                "draws": 100,
                "seed": 5,
            },
        )
        run = Run.objects.get(title="2023年评价")
        assert response.status_code == 302
        assert run.scheme_version == self.scheme.current
        assert run.population == {"levels": ["municipal"], "regions": [self.county_b.pk]}
        self.post(self.city_staff, "compute", run=run)
        assert {r.platform.name for r in run.results.all()} == {"乙工程中心", "丙工程中心"}

    def test_scheme_page_import_export_and_errors(self):
        self.client.force_login(self.city_staff)
        page = self.client.get(self.scheme.get_absolute_url())
        self.assertContains(page, "研发经费")
        self.assertContains(page, "参照值 900")
        exported = self.client.get(
            reverse("evaluation:scheme_export", args=[self.scheme.pk]), {"format": "json"}
        )
        assert json.loads(exported.content) == data.DEFINITION
        broken = dict(data.DEFINITION, code="broken", window=0)
        upload = SimpleUploadedFile("broken.json", json.dumps(broken).encode())
        response = self.client.post(reverse("evaluation:scheme_import"), {"file": upload})
        assert response.status_code == 400
        self.assertContains(response, "window（数据期年数）应为 1–5 的整数", status_code=400)
        assert not Scheme.objects.filter(code="broken").exists()
        good = dict(data.DEFINITION, code="good", name="新体系")
        upload = SimpleUploadedFile("good.json", json.dumps(good, ensure_ascii=False).encode())
        response = self.client.post(reverse("evaluation:scheme_import"), {"file": upload})
        assert Scheme.objects.get(code="good").current.definition == good

    def test_revising_a_scheme_adds_a_version_and_keeps_runs_on_theirs(self):
        self.client.force_login(self.city_staff)
        text = services.dump_definition(dict(data.DEFINITION, window=2))
        self.client.post(
            reverse("evaluation:scheme_revise", args=[self.scheme.pk]),
            {"definition": text, "note": "两年数据期"},
        )
        assert self.scheme.current.number == 2
        assert Run.objects.get(pk=self.the_run.pk).scheme_version.number == 1

    def test_spot_check_from_the_form_records_and_verifies_its_seed(self):
        services.review(self.the_run, self.city_staff)
        self.client.force_login(self.city_staff)
        response = self.client.post(
            reverse("evaluation:spotcheck_add"),
            {"title": "抽查", "run": self.the_run.pk, "strata_choices": ["county"], "count": 1},
        )
        check = SpotCheck.objects.get(title="抽查")
        assert response.status_code == 302
        assert check.seed is not None and check.items.count() == 2  # one per county
        page = self.client.get(check.get_absolute_url(), {"verify": "1"})
        self.assertContains(page, "核验一致")
        item = check.items.first()
        response = self.client.post(
            item.get_url("edit"),
            {"status": "checked", "finding": "", "adjustment": "-3", "version": item.version},
        )
        self.assertContains(response, "标记为已核查时须填写核查发现", status_code=400)
