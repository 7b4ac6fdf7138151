from datetime import date

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from kechuang.core.testing.api import APITestCases
from kechuang.core.testing.personas import Personas, make_org
from kechuang.core.testing.views import ViewTestCases
from kechuang.platforms.models import Platform

from .helpers import make_platform, make_report


class PlatformData:
    model = Platform
    search_term = "jsln"  # pinyin initials of 甲示例尼龙…

    @classmethod
    def setup_data(cls):
        cls.platform_a = make_platform(
            "甲示例尼龙工程技术研究中心", cls.org_a, code="SL-A-001", level="provincial"
        )
        cls.platform_b = make_platform(
            "乙示例电气装备企业技术中心",
            cls.org_b,
            code="SL-B-001",
            kind="enterprise-center",
            industry="electrical",
        )

    @classmethod
    def in_scope(cls):
        return cls.platform_a

    @classmethod
    def out_of_scope(cls):
        return cls.platform_b


class PlatformViewTests(PlatformData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "name": "丙示例特钢重点实验室",
            "kind": "key-lab",
            "level": "municipal",
            "industry": "steel",
            "host": cls.org_a.pk,
            "approved_on": "2021-03-15",
            "status": "operating",
        }
        cls.form_data_outside = {**cls.form_data, "host": cls.org_b.pk, "region": cls.town_b.pk}
        cls.edit_data = {
            "name": "甲示例尼龙新材料工程技术研究中心",
            "code": "SL-A-001",
            "kind": "engineering-center",
            "level": "provincial",
            "industry": "nylon",
            "host": cls.org_a.pk,
            "region": cls.town_a.pk,
            "approved_on": "2018-06-01",
            "status": "operating",
        }

    def post_add(self, **changes):
        self.login(self.user_a)
        return self.client.post(self.url("add"), {**self.form_data, **changes})

    def test_it_defaults_the_region_to_the_hosts(self):
        self.assertEqual(self.post_add().status_code, 302)
        self.assertEqual(Platform.objects.get(name="丙示例特钢重点实验室").region, self.town_a)

    def test_it_requires_the_revocation_date_when_revoked(self):
        r = self.post_add(status="revoked")
        self.assertContains(r, "撤销日期：运行状态为“撤销”时必须填写撤销日期", status_code=400)
        self.assertFalse(Platform.objects.filter(name="丙示例特钢重点实验室").exists())

    def test_it_refuses_a_revocation_before_approval(self):
        r = self.post_add(status="revoked", revoked_on="2020-01-01")
        self.assertContains(
            r, "撤销日期（2020-01-01）不能早于认定日期（2021-03-15）", status_code=400
        )

    def test_it_refuses_a_revocation_date_unless_revoked(self):
        r = self.post_add(revoked_on="2022-01-01")
        self.assertContains(r, "只有运行状态为“撤销”的平台才能填写撤销日期", status_code=400)

    def test_it_refuses_a_duplicate_code_but_allows_blank_codes(self):
        r = self.post_add(code="SL-B-001")
        self.assertContains(r, "平台编号已被其他平台使用", status_code=400)
        self.assertEqual(self.post_add(code="").status_code, 302)
        self.assertEqual(self.post_add(code="", name="丁示例中试基地").status_code, 302)

    def test_it_refuses_the_host_as_co_host(self):
        r = self.post_add(co_hosts=[self.org_a.pk])
        self.assertContains(r, "共建单位：共建单位不能包含依托单位本身", status_code=400)

    def test_it_saves_co_hosts(self):
        org_c = make_org("丙示例理工学院", self.town_a, 10000009, kind="university")
        self.assertEqual(self.post_add(co_hosts=[org_c.pk]).status_code, 302)
        platform = Platform.objects.get(name="丙示例特钢重点实验室")
        self.assertEqual(list(platform.co_hosts.all()), [org_c])
        page = self.client.get(platform.get_absolute_url())
        self.assertContains(page, "丙示例理工学院")

    def test_it_filters_by_county_year_range_and_operation_date(self):
        self.login(self.admin)
        make_platform("戊示例储能中试基地", self.org_a, approved_on=date(2022, 2, 1))
        a, b, e = "甲示例尼龙", "乙示例电气", "戊示例储能"
        cases = (
            ({"county": self.county_a.pk}, [a, e], [b]),
            ({"approved_from": 2020}, [e], [a, b]),
            ({"approved_to": 2019, "level": "provincial"}, [a], [b, e]),
            ({"operating_on": "2020-12-31"}, [a, b], [e]),
        )
        for params, shown, hidden in cases:
            r = self.client.get(self.url("list"), params)
            for name in shown:
                self.assertContains(r, name, msg_prefix=str(params))
            for name in hidden:
                self.assertNotContains(r, name, msg_prefix=str(params))

    def test_detail_shows_reports_chart_and_status_timeline(self):
        make_report(self.platform_a, 2019, rd_spend_wan="411.50", patents_granted=4)
        make_report(self.platform_a, 2020, rd_spend_wan="480.00", patents_granted=6)
        platform = Platform.objects.get(pk=self.platform_a.pk)
        platform.status, platform.status_since = "warning", date(2021, 4, 1)
        platform.save()
        self.login(self.user_a)
        r = self.client.get(platform.get_absolute_url())
        self.assertContains(r, "2019年")
        self.assertContains(r, "411.50")
        self.assertContains(r, 'id="report-chart"')
        self.assertContains(r, "研发投入（万元）")
        timeline = r.context["timeline"]
        self.assertEqual(
            [(t["date"], t["label"]) for t in timeline],
            [(date(2018, 6, 1), "运行"), (date(2021, 4, 1), "警告")],
        )
        self.assertContains(r, "2021-04-01")
        self.assertEqual(r.context["report_chart"]["series"][2]["data"], [4, 6])

    def test_org_user_sees_only_its_hosted_platforms(self):
        self.login(self.org_user)
        r = self.client.get(self.url("list"))
        self.assertContains(r, "共 1 条")
        self.assertEqual(self.client.get(self.platform_b.get_absolute_url()).status_code, 404)


class PlatformModelTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()

    def test_it_stores_pinyin_initials(self):
        platform = make_platform("平顶山市尼龙中试基地", self.org_a)
        self.assertEqual(platform.search_initials, "pdssnlzsjd")

    def test_it_counts_platforms_operating_at_a_day(self):
        day = date(2020, 12, 31)
        make_platform("运行示例", self.org_a, approved_on=date(2015, 1, 1))
        make_platform("警告示例", self.org_a, approved_on=date(2016, 1, 1), status="warning")
        make_platform("年末认定示例", self.org_a, approved_on=day)
        make_platform("次年认定示例", self.org_a, approved_on=date(2021, 1, 1))
        make_platform(
            "已撤销示例",
            self.org_a,
            approved_on=date(2015, 1, 1),
            status="revoked",
            revoked_on=date(2020, 12, 31),
        )
        make_platform(
            "后撤销示例",
            self.org_a,
            approved_on=date(2015, 1, 1),
            status="revoked",
            revoked_on=date(2021, 3, 1),
        )
        names = set(Platform.objects.operating_at(day).values_list("name", flat=True))
        self.assertEqual(names, {"运行示例", "警告示例", "年末认定示例", "后撤销示例"})
        self.assertTrue(Platform.objects.get(name="后撤销示例").is_operating_at(day))

    def test_a_status_change_without_a_date_is_dated_today(self):
        platform = Platform.objects.get(pk=make_platform("整改示例", self.org_a).pk)
        self.assertEqual(platform.status_since, date(2018, 6, 1))
        platform.status = "rectifying"
        platform.save()
        self.assertEqual(platform.status_since, timezone.localdate())

    def test_a_revocation_is_dated_by_its_revocation_date(self):
        platform = Platform.objects.get(pk=make_platform("撤销示例", self.org_a).pk)
        platform.status, platform.revoked_on = "revoked", date(2023, 5, 6)
        platform.full_clean()
        platform.save()
        self.assertEqual(platform.status_since, date(2023, 5, 6))
        self.assertEqual(platform.status_timeline()[-1]["label"], "撤销")

    def test_status_since_cannot_precede_approval(self):
        platform = Platform(
            name="早于认定示例",
            host=self.org_a,
            kind="other",
            level="municipal",
            industry="other",
            approved_on=date(2020, 1, 1),
            status_since=date(2019, 1, 1),
        )
        with self.assertRaises(ValidationError) as ctx:
            platform.full_clean()
        self.assertIn(
            "状态日期（2019-01-01）不能早于认定日期", ctx.exception.message_dict["status_since"][0]
        )


class PlatformAPITests(PlatformData, APITestCases.Standard):
    endpoint = "platforms"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "name": "丙示例特钢重点实验室",
            "kind": "key-lab",
            "level": "municipal",
            "industry": "steel",
            "host": cls.org_a.pk,
            "approved_on": "2021-03-15",
        }
        cls.create_outside = {**cls.create_data, "host": cls.org_b.pk}
        cls.update_data = {"name": "甲示例尼龙新材料工程技术研究中心"}
        cls.filter_params = {"county": cls.county_a.pk}

    def test_it_defaults_the_region_and_saves_co_hosts(self):
        org_c = make_org("丙示例理工学院", self.town_a, 10000009, kind="university")
        data = {**self.create_data, "co_hosts": [org_c.pk]}
        r = self.api(self.user_a).post(self.list_url(), data, format="json")
        self.assertEqual(r.status_code, 201, r.content)
        self.assertEqual((r.json()["region"], r.json()["co_hosts"]), (self.town_a.pk, [org_c.pk]))

    def test_it_explains_rule_violations_in_chinese(self):
        client = self.api(self.user_a)
        r = client.post(self.list_url(), {**self.create_data, "status": "revoked"}, format="json")
        self.assertEqual(r.json()["revoked_on"], ["运行状态为“撤销”时必须填写撤销日期"])
        r = client.post(self.list_url(), {**self.create_data, "code": "SL-A-001"}, format="json")
        self.assertIn("平台编号已被其他平台使用", str(r.json()))
        r = client.post(
            self.list_url(), {**self.create_data, "co_hosts": [self.org_a.pk]}, format="json"
        )
        self.assertIn("共建单位不能包含依托单位本身", r.json()["co_hosts"][0])
        self.assertFalse(Platform.objects.filter(name="丙示例特钢重点实验室").exists())

    def test_search_by_pinyin_initials(self):
        r = self.api(self.admin).get(self.list_url(), {"q": "ysldq"})
        self.assertEqual([row["id"] for row in r.json()["results"]], [self.platform_b.pk])
