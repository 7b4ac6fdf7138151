"""Detail pages with their child tables; navigation entries."""

from datetime import date

from django.test import TestCase
from django.urls import reverse

from kechuang.core.testing.personas import Personas
from kechuang.talents.models import Assessment, Assignment, Honour, ServiceLog, Team, TeamMember
from kechuang.web.navigation import visible_menus

from .factories import make_commissioner, make_talent, make_village


class DetailPageTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.talent = make_talent("甲某华", cls.org_a, category="flagship")
        cls.member = make_talent("甲某丽", cls.org_a, gender="female")
        Honour.objects.create(talent=cls.talent, name="中原英才计划", level="provincial", year=2021)
        cls.team = Team(
            name="曙光尼龙创新团队", leader=cls.talent, org=cls.org_a, founded_year=2018
        )
        cls.team.save()
        TeamMember.objects.create(
            team=cls.team, talent=cls.member, role="核心成员", joined_year=2019
        )
        cls.commissioner = make_commissioner(cls.talent, speciality="小麦栽培")
        village = make_village("410402001201", "新店村", cls.town_a)
        Assignment.objects.create(commissioner=cls.commissioner, region=village, start_year=2020)
        Assignment.objects.create(commissioner=cls.commissioner, region=cls.town_b, start_year=2021)
        for day in range(1, 13):
            ServiceLog.objects.create(
                commissioner=cls.commissioner,
                date=date(2024, day, 3),
                days=1,
                region=village,
                content="小麦技术指导",
                beneficiaries=10,
            )
        Assessment.objects.create(commissioner=cls.commissioner, year=2024, result="excellent")

    def test_it_shows_a_talents_honours_and_teams(self):
        self.client.force_login(self.user_a)
        r = self.client.get(self.talent.get_absolute_url())
        self.assertContains(r, "中原英才计划")
        self.assertContains(r, "曙光尼龙创新团队")
        self.assertContains(r, "高层次人才（“旗舰”）")

    def test_it_shows_the_team_members_leader_first(self):
        self.client.force_login(self.user_a)
        r = self.client.get(self.team.get_absolute_url())
        members = r.context["members"]
        self.assertEqual([m.talent.name for m in members], ["甲某华", "甲某丽"])
        self.assertContains(r, "带头人")

    def test_it_shows_a_commissioners_service_within_the_users_scope(self):
        self.client.force_login(self.user_a)
        r = self.client.get(self.commissioner.get_absolute_url())
        self.assertContains(r, "新店村")
        self.assertNotContains(r, "昆阳镇")  # the assignment in 叶县 is outside user_a's scope
        self.assertEqual(r.context["log_years"][0]["n"], 12)
        self.assertContains(r, "达标")
        self.assertContains(r, "优秀")

    def test_the_menu_offers_the_talents_pages(self):
        labels = [i["label"] for m in visible_menus(self.user_a) for i in m["items"]]
        for label in ("人才", "创新团队", "科技特派员", "服务覆盖", "服务日志"):
            self.assertIn(label, labels)

    def test_the_lists_filter_by_county(self):
        self.client.force_login(self.admin)
        r = self.client.get(reverse("talents:assignment_list"), {"county": self.county_b.pk})
        self.assertContains(r, "共 1 条")
        r = self.client.get(
            reverse("talents:commissioner_list"), {"served_county": self.county_b.pk}
        )
        self.assertContains(r, "共 1 条")
        r = self.client.get(reverse("talents:commissioner_list"), {"county": self.county_b.pk})
        self.assertEqual(len(r.context["table"].data), 0)  # its home organisation is in 新华区
