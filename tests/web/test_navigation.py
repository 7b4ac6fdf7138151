from django.test import TestCase
from django.urls import NoReverseMatch, reverse

from kechuang.core.testing.personas import Personas
from kechuang.web.navigation import MENUS, visible_menus


class NavigationTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()

    def test_every_visible_entry_opens(self):
        for user in (self.admin, self.city_staff, self.user_a, self.org_user, self.outsider):
            self.client.force_login(user)
            for menu in visible_menus(user):
                for item in menu["items"]:
                    r = self.client.get(item["url"])
                    self.assertIn(r.status_code, (200, 404), (user, item))

    def test_entries_without_pages_are_hidden(self):
        labels = [m["label"] for m in visible_menus(self.admin)]
        for menu in MENUS:
            routable = []
            for item in menu.items:
                try:
                    reverse(item.url_name)
                    routable.append(item)
                except NoReverseMatch:
                    pass
            self.assertEqual(menu.label in labels, bool(routable), menu.label)

    def test_menu_mirrors_the_plan_order(self):
        order = [str(m.label) for m in MENUS]
        self.assertEqual(
            order,
            [
                "规划监测",
                "创新平台",
                "创新主体",
                "创新团队",
                "创新载体",
                "成果转化",
                "乡村振兴",
                "绩效评价",
                "数据导入",
                "报告",
                "系统管理",
            ],
        )

    def test_menus_follow_permissions(self):
        admin_items = {i["label"] for m in visible_menus(self.admin) for i in m["items"]}
        county_items = {i["label"] for m in visible_menus(self.user_a) for i in m["items"]}
        self.assertIn("用户", admin_items)
        self.assertNotIn("用户", county_items)
        self.assertIn("法人单位", county_items)
        self.assertNotIn(
            "法人单位", {i["label"] for m in visible_menus(self.outsider) for i in m["items"]}
        )


class LanguageTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()

    def test_chinese_by_default_whatever_the_browser_asks(self):
        self.client.force_login(self.admin)
        r = self.client.get("/orgs/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        self.assertContains(r, '<html lang="zh-hans">')
        self.assertContains(r, "搜索")

    def test_english_switch(self):
        self.client.force_login(self.admin)
        self.client.post("/i18n/setlang/", {"language": "en", "next": "/orgs/"})
        r = self.client.get("/orgs/")
        self.assertContains(r, '<html lang="en">')
        self.assertContains(r, "Search")
        self.assertContains(r, "Organisations")
