from kechuang.core.identifiers import make_uscc
from kechuang.core.testing.api import APITestCases
from kechuang.core.testing.personas import make_org
from kechuang.core.testing.views import ViewTestCases
from kechuang.orgs.models import Org

VALID_A = make_uscc("91", "410402", "20000001")
VALID_B = make_uscc("91", "410422", "20000002")


class OrgData:
    model = Org
    search_term = "dsljs"  # pinyin initials of 丁示例技术…

    @classmethod
    def setup_data(cls):
        # org_a is referenced by org_user, so the generic suites work on an unreferenced org.
        cls.org_c = make_org("丁示例技术有限公司", cls.town_a, 10000003)

    @classmethod
    def in_scope(cls):
        return cls.org_c

    @classmethod
    def out_of_scope(cls):
        return cls.org_b


class OrgViewTests(OrgData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "name": "丙示例材料有限公司",
            "uscc": VALID_A,
            "kind": "enterprise",
            "industry": "C",
            "region": cls.town_a.pk,
            "contact_phone": "13800001111",
        }
        cls.form_data_outside = {**cls.form_data, "uscc": VALID_B, "region": cls.town_b.pk}
        cls.edit_data = {
            "name": "丁示例技术股份有限公司",
            "uscc": cls.org_c.uscc,
            "kind": "enterprise",
            "industry": "I",
            "region": cls.town_a.pk,
        }

    def test_invalid_uscc_is_refused_with_the_expected_check_character(self):
        self.login(self.user_a)
        bad = VALID_A[:17] + ("0" if VALID_A[17] != "0" else "1")
        r = self.client.post(self.url("add"), {**self.form_data, "uscc": bad})
        self.assertContains(
            r,
            f"统一社会信用代码：统一社会信用代码校验位错误：第 18 位应为 {VALID_A[17]}",
            status_code=400,
        )
        self.assertFalse(Org.objects.filter(uscc=bad).exists())

    def test_duplicate_uscc_is_refused(self):
        self.login(self.user_a)
        before = Org.history.count()
        r = self.client.post(self.url("add"), {**self.form_data, "uscc": self.org_a.uscc})
        self.assertContains(
            r, "统一社会信用代码：统一社会信用代码已被其他单位使用", status_code=400
        )
        self.assertEqual(Org.history.count(), before)

    def test_county_user_cannot_pick_another_countys_region(self):
        self.login(self.user_a)
        form = self.client.get(self.url("add")).context["form"]
        self.assertIn(self.town_a, form.fields["region"].queryset)
        self.assertNotIn(self.town_b, form.fields["region"].queryset)

    def test_filter_choices_do_not_leak_other_counties(self):
        self.login(self.user_a)
        r = self.client.get(self.url("list"))
        self.assertNotContains(r, "昆阳镇")
        self.assertNotContains(r, "叶县")

    def test_phone_is_masked_for_county_staff_and_kept_on_save(self):
        Org.objects.filter(pk=self.org_a.pk).update(contact_phone="13912345678")
        self.login(self.user_a)
        page = self.client.get(self.org_a.get_absolute_url())
        self.assertContains(page, "139****5678")
        self.assertNotContains(page, "13912345678")
        export = self.client.get(self.url("list"), {"export": "csv"}).content.decode("utf-8-sig")
        self.assertNotIn("13912345678", export)
        data = {
            **self.edit_data,
            "uscc": self.org_a.uscc,
            "contact_phone": "139****5678",
            "version": 1,
        }
        self.assertEqual(self.client.post(self.url("edit", self.org_a), data).status_code, 302)
        self.assertEqual(Org.objects.get(pk=self.org_a.pk).contact_phone, "13912345678")

    def test_city_staff_see_the_phone(self):
        Org.objects.filter(pk=self.org_a.pk).update(contact_phone="13912345678")
        self.login(self.city_staff)
        self.assertContains(self.client.get(self.org_a.get_absolute_url()), "13912345678")

    def test_org_user_sees_and_edits_only_its_own_org(self):
        self.login(self.org_user)
        r = self.client.get(self.url("list"))
        self.assertContains(r, "共 1 条")
        self.assertContains(r, str(self.org_a))
        self.assertEqual(self.client.get(self.org_b.get_absolute_url()).status_code, 404)
        self.assertEqual(self.client.get(self.url("edit", self.org_a)).status_code, 200)
        self.assertEqual(self.client.get(self.url("add")).status_code, 403)

    def test_deleting_a_referenced_org_is_refused_with_a_reason(self):
        self.login(self.admin)
        r = self.client.post(self.url("delete", self.org_a), follow=True)
        self.assertContains(r, "无法删除")
        self.assertTrue(Org.objects.filter(pk=self.org_a.pk).exists())


class OrgAPITests(OrgData, APITestCases.Standard):
    endpoint = "orgs"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "name": "丙示例材料有限公司",
            "uscc": VALID_A,
            "kind": "enterprise",
            "region": cls.town_a.pk,
        }
        cls.create_outside = {**cls.create_data, "uscc": VALID_B, "region": cls.town_b.pk}
        cls.update_data = {"name": "甲示例科技股份有限公司"}
        cls.filter_params = {"county": cls.county_a.pk}

    def test_invalid_uscc_gives_a_chinese_message_and_writes_nothing(self):
        data = {**self.create_data, "uscc": "91410402200000010"}
        r = self.api(self.user_a).post(self.list_url(), data, format="json")
        self.assertEqual(r.status_code, 400)
        self.assertIn("统一社会信用代码", r.json()["uscc"][0])
        self.assertFalse(Org.objects.filter(name=data["name"]).exists())

    def test_duplicate_uscc_gives_a_chinese_message(self):
        r = self.api(self.user_a).post(
            self.list_url(), {**self.create_data, "uscc": self.org_a.uscc}, format="json"
        )
        self.assertEqual(r.json()["uscc"], ["统一社会信用代码已被其他单位使用"])

    def test_phone_is_masked_in_the_api_for_county_staff(self):
        Org.objects.filter(pk=self.org_a.pk).update(contact_phone="13912345678")
        r = self.api(self.user_a).get(self.detail_url(self.org_a))
        self.assertEqual(r.json()["contact_phone"], "139****5678")
        r = self.api(self.admin).get(self.detail_url(self.org_a))
        self.assertEqual(r.json()["contact_phone"], "13912345678")

    def test_search_by_pinyin_initials(self):
        r = self.api(self.admin).get(self.list_url(), {"q": "yslkj"})
        self.assertEqual([row["id"] for row in r.json()["results"]], [self.org_b.pk])


class StaleEditMessageTests(OrgData, ViewTestCases.Base):
    def test_the_stale_edit_message_is_shown_once(self):
        self.login(self.user_a)
        Org.objects.get(pk=self.org_c.pk).save()
        data = {
            "name": "改名",
            "uscc": self.org_c.uscc,
            "kind": "enterprise",
            "region": self.town_a.pk,
            "version": 1,
        }
        r = self.client.post(self.org_c.get_url("edit"), data)
        self.assertEqual(r.content.decode().count("已被他人修改"), 1)
