"""Data-quality rules and derived values of the talents models."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from rest_framework.test import APIClient

from kechuang.core.identifiers import id_number_problem
from kechuang.core.testing.personas import Personas
from kechuang.talents.demo import make_id_number
from kechuang.talents.models import (
    Assessment,
    Assignment,
    Commissioner,
    ServiceLog,
    Talent,
    Team,
    TeamMember,
)

from .factories import id_number, make_commissioner, make_talent, make_village

ID_1985_MALE = id_number("410402", date(1985, 3, 4), 11)


class TalentsTestCase(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.talent = make_talent("甲某华", cls.org_a, id_number=ID_1985_MALE, birth_year=1985)
        cls.village = make_village("410402001201", "新店村", cls.town_a)

    def errors(self, obj) -> dict:
        with self.assertRaises(ValidationError) as ctx:
            obj.full_clean()
        return ctx.exception.message_dict

    def post(self, user, name, data):
        self.client.force_login(user)
        return self.client.post(reverse(f"talents:{name}_add"), data)


class TalentRuleTests(TalentsTestCase):
    form = {"name": "丙某明", "gender": "male", "birth_year": 1985, "category": "sail"}

    def test_it_refuses_a_wrong_check_digit_naming_the_expected_one(self):
        bad = ID_1985_MALE[:17] + ("0" if ID_1985_MALE[17] != "0" else "1")
        data = {**self.form, "org": self.org_a.pk, "id_number": bad}
        r = self.post(self.user_a, "talent", data)
        self.assertContains(
            r, f"身份证号码：身份证号码校验位错误：第 18 位应为 {ID_1985_MALE[17]}", status_code=400
        )
        self.assertFalse(Talent.objects.filter(name="丙某明").exists())

    def test_it_checks_the_birth_year_inside_the_id_number(self):
        talent = Talent(
            **self.form, org=self.org_a, id_number=id_number("410402", date(1984, 1, 2), 13)
        )
        errors = self.errors(talent)
        message = "身份证号码中的出生年份（1984）与出生年份（1985）不一致"
        self.assertIn(message, errors["birth_year"])
        self.assertIn(message, errors["id_number"])

    def test_it_checks_the_sex_digit_inside_the_id_number(self):
        talent = Talent(
            **self.form, org=self.org_a, id_number=id_number("410402", date(1985, 1, 2), 12)
        )
        errors = self.errors(talent)
        self.assertIn("表示性别为女，与所填性别（男）不一致", errors["gender"][0])

    def test_it_refuses_an_impossible_birth_date_in_the_id_number(self):
        id17 = "41040219851302011"
        from kechuang.core.identifiers import id_check_char

        talent = Talent(**self.form, org=self.org_a, id_number=id17 + id_check_char(id17))
        self.assertIn("出生日期 19851302 不是有效日期", self.errors(talent)["id_number"][0])

    def test_it_limits_the_birth_year(self):
        talent = Talent(**{**self.form, "birth_year": 1920}, org=self.org_a)
        self.assertIn("出生年份 1920 超出允许范围（1930–", self.errors(talent)["birth_year"][0])

    def test_it_refuses_a_duplicate_id_number_in_chinese(self):
        data = {**self.form, "org": self.org_a.pk, "id_number": ID_1985_MALE}
        r = self.post(self.admin, "talent", data)
        self.assertContains(r, "身份证号码已登记在其他人才名下", status_code=400)
        self.assertEqual(Talent.objects.filter(id_number=ID_1985_MALE).count(), 1)

    def test_it_defaults_the_region_to_the_organisations(self):
        r = self.post(self.user_a, "talent", {**self.form, "org": self.org_a.pk})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(Talent.objects.get(name="丙某明").region, self.town_a)

    def test_it_stores_pinyin_initials_and_uppercases_the_x(self):
        id17 = "41040219850304011"
        from kechuang.core.identifiers import id_check_char

        if id_check_char(id17) != "X":
            id17 = next(
                f"4104021985030401{d}"
                for d in range(10)
                if id_check_char(f"4104021985030401{d}") == "X"
            )
        talent = Talent(**self.form, org=self.org_a, id_number=id17 + "x")
        talent.gender = "male" if int(id17[16]) % 2 else "female"
        talent.full_clean()
        talent.save()
        self.assertEqual(talent.id_number[-1], "X")
        self.assertEqual(talent.search_initials, "bmm")

    def test_it_finds_talents_by_pinyin_initials(self):
        self.client.force_login(self.admin)
        r = self.client.get(reverse("talents:talent_list"), {"q": "jmh"})
        self.assertContains(r, "甲某华")


class PersonalDataTests(TalentsTestCase):
    def setUp(self):
        Talent.objects.filter(pk=self.talent.pk).update(phone="13912345678")

    def test_it_masks_id_and_phone_for_county_staff(self):
        self.client.force_login(self.user_a)
        page = self.client.get(self.talent.get_absolute_url())
        self.assertNotContains(page, ID_1985_MALE)
        self.assertContains(page, "139****5678")
        export = self.client.get(reverse("talents:talent_list"), {"export": "csv"})
        text = export.content.decode("utf-8-sig")
        self.assertNotIn(ID_1985_MALE, text)
        self.assertIn(ID_1985_MALE[:3] + "*" * 11 + ID_1985_MALE[-4:], text)

    def test_it_shows_them_to_city_staff(self):
        self.client.force_login(self.city_staff)
        page = self.client.get(self.talent.get_absolute_url())
        self.assertContains(page, ID_1985_MALE)
        self.assertContains(page, "13912345678")

    def test_it_masks_them_in_the_api_and_keeps_them_on_save(self):
        client = APIClient()
        client.force_authenticate(self.user_a)
        url = f"/api/talents/{self.talent.pk}/"
        data = client.get(url).json()
        self.assertNotEqual(data["id_number"], ID_1985_MALE)
        self.assertEqual(data["phone"], "139****5678")
        r = client.patch(url, {**data, "title": "senior"}, format="json")
        self.assertEqual(r.status_code, 200, r.content)
        talent = Talent.objects.get(pk=self.talent.pk)
        self.assertEqual((talent.id_number, talent.phone), (ID_1985_MALE, "13912345678"))

    def test_it_keeps_the_masked_values_on_a_web_edit(self):
        self.client.force_login(self.user_a)
        form = self.client.get(reverse("talents:talent_edit", args=[self.talent.pk])).context[
            "form"
        ]
        data = {k: v for k, v in form.initial.items() if v is not None and k != "description"}
        data["title"] = "senior"
        r = self.client.post(reverse("talents:talent_edit", args=[self.talent.pk]), data)
        self.assertEqual(r.status_code, 302, r.context and r.context["form"].errors)
        self.assertEqual(Talent.objects.get(pk=self.talent.pk).id_number, ID_1985_MALE)


class TeamRuleTests(TalentsTestCase):
    def test_it_makes_the_leader_a_member(self):
        team = Team(name="示例团队", leader=self.talent, org=self.org_a, founded_year=2020)
        team.save()
        self.assertEqual(list(team.members.all()), [self.talent])
        self.assertEqual(team.region, self.town_a)
        team.save()
        self.assertEqual(team.memberships.count(), 1)

    def test_it_refuses_a_member_joining_before_the_team_was_founded(self):
        team = Team(name="示例团队", leader=self.talent, org=self.org_a, founded_year=2020)
        team.save()
        other = make_talent("甲某丽", self.org_a, gender="female")
        member = TeamMember(team=team, talent=other, joined_year=2018)
        self.assertEqual(
            self.errors(member)["joined_year"], ["加入年度（2018）不能早于团队组建年度（2020）"]
        )

    def test_it_refuses_a_duplicate_member(self):
        team = Team(name="示例团队", leader=self.talent, org=self.org_a)
        team.save()
        member = TeamMember(team=team, talent=self.talent)
        self.assertIn("该人才已是本团队成员", self.errors(member)["__all__"][0])


class CommissionerRuleTests(TalentsTestCase):
    def test_it_takes_name_home_org_and_region_from_the_talent(self):
        commissioner = Commissioner(kind="individual", talent=self.talent, level="municipal")
        commissioner.full_clean()
        commissioner.save()
        self.assertEqual(
            (commissioner.name, commissioner.home_org, commissioner.region),
            ("甲某华", self.org_a, self.town_a),
        )

    def test_it_needs_a_talent_for_an_individual(self):
        commissioner = Commissioner(kind="individual", level="municipal", home_org=self.org_a)
        self.assertEqual(self.errors(commissioner)["talent"], ["个人科技特派员须选择对应的人才"])

    def test_it_needs_a_name_and_no_talent_for_a_group(self):
        commissioner = Commissioner(kind="group", talent=self.talent, level="provincial")
        errors = self.errors(commissioner)
        self.assertIn("产业服务团不关联单个人才", errors["talent"][0])
        commissioner = Commissioner(kind="group", level="provincial", home_org=self.org_a)
        self.assertEqual(self.errors(commissioner)["name"], ["产业服务团须填写名称"])

    def test_it_needs_a_home_org_for_a_group(self):
        commissioner = Commissioner(kind="group", name="示例服务团", level="provincial")
        self.assertIn("请选择派出单位", self.errors(commissioner)["home_org"][0])

    def test_it_registers_a_talent_once(self):
        make_commissioner(self.talent)
        again = Commissioner(kind="individual", talent=self.talent, level="national")
        self.assertIn("该人才已登记为科技特派员", self.errors(again)["__all__"][0])


class AssignmentRuleTests(TalentsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.commissioner = make_commissioner(cls.talent)

    def test_it_serves_only_townships_and_villages(self):
        assignment = Assignment(
            commissioner=self.commissioner, region=self.county_a, start_year=2020
        )
        self.assertEqual(
            self.errors(assignment)["region"],
            ["服务地点应为乡级或村级区划（乡镇、街道或村），“新华区”是县级区划"],
        )

    def test_it_refuses_a_county_through_the_api(self):
        client = APIClient()
        client.force_authenticate(self.admin)
        data = {
            "commissioner": self.commissioner.pk,
            "region": self.county_a.pk,
            "start_year": 2020,
        }
        r = client.post("/api/assignments/", data, format="json")
        self.assertEqual(r.status_code, 400)
        self.assertIn("服务地点应为乡级或村级区划", r.json()["region"][0])
        self.assertFalse(Assignment.objects.exists())

    def test_it_refuses_an_end_before_the_start(self):
        assignment = Assignment(
            commissioner=self.commissioner, region=self.village, start_year=2022, end_year=2021
        )
        self.assertEqual(
            self.errors(assignment)["end_year"], ["结束年度（2021）不能早于开始年度（2022）"]
        )

    def test_it_covers_years_in_its_span_and_open_ended_while_active(self):
        closed = Assignment(
            commissioner=self.commissioner, region=self.village, start_year=2018, end_year=2020
        )
        self.assertEqual(
            [closed.covers(y) for y in (2017, 2018, 2020, 2021)], [False, True, True, False]
        )
        ongoing = Assignment(commissioner=self.commissioner, region=self.village, start_year=2018)
        self.assertTrue(ongoing.covers(2030))
        self.commissioner.active = False
        self.assertFalse(ongoing.covers(2030))


class ServiceLogRuleTests(TalentsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.commissioner = make_commissioner(cls.talent)

    def log(self, **extra):
        values = {
            "commissioner": self.commissioner,
            "date": date(2024, 5, 1),
            "days": 1,
            "region": self.village,
            "content": "技术指导",
            **extra,
        }
        return ServiceLog(**values)

    def test_it_limits_the_days(self):
        self.assertIn("0.5", self.errors(self.log(days="0.2"))["days"][0])
        self.assertIn("31", self.errors(self.log(days="32"))["days"][0])
        self.assertEqual(
            self.errors(self.log(days="1.3"))["days"], ["服务天数（1.3）应以 0.5 天为单位"]
        )

    def test_it_refuses_a_future_date(self):
        tomorrow = date.today() + timedelta(days=1)
        self.assertIn("不能晚于今天", self.errors(self.log(date=tomorrow))["date"][0])

    def test_it_refuses_a_county_as_the_place(self):
        self.assertIn(
            "服务地点应为乡级或村级区划", self.errors(self.log(region=self.county_a))["region"][0]
        )

    def test_it_refuses_negative_beneficiaries_and_saves_nothing(self):
        client = APIClient()
        client.force_authenticate(self.admin)
        data = {
            "commissioner": self.commissioner.pk,
            "date": "2024-05-01",
            "days": "1",
            "region": self.village.pk,
            "content": "技术指导",
            "beneficiaries": -3,
        }
        r = client.post("/api/service-logs/", data, format="json")
        self.assertEqual(r.status_code, 400)
        self.assertIn("beneficiaries", r.json())
        self.assertFalse(ServiceLog.objects.exists())


class AssessmentRuleTests(TalentsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.commissioner = make_commissioner(cls.talent)
        Assessment.objects.create(commissioner=cls.commissioner, year=2024, result="qualified")

    def test_it_allows_one_assessment_per_year_on_the_web(self):
        data = {"commissioner": self.commissioner.pk, "year": 2024, "result": "excellent"}
        r = self.post(self.user_a, "assessment", data)
        self.assertContains(r, "该科技特派员本年度已有考核记录", status_code=400)
        self.assertEqual(Assessment.objects.count(), 1)

    def test_it_allows_one_assessment_per_year_in_the_api(self):
        client = APIClient()
        client.force_authenticate(self.user_a)
        data = {"commissioner": self.commissioner.pk, "year": 2024, "result": "excellent"}
        r = client.post("/api/assessments/", data, format="json")
        self.assertEqual(r.status_code, 400)
        self.assertIn("该科技特派员本年度已有考核记录", str(r.json()))
        self.assertEqual(Assessment.objects.count(), 1)

    def test_it_validates_the_year(self):
        assessment = Assessment(commissioner=self.commissioner, year=1999, result="qualified")
        self.assertIn("年度 1999 超出允许范围", self.errors(assessment)["year"][0])


class DemoIdNumberTests(TestCase):
    def test_it_makes_valid_id_numbers_with_the_sex_digit(self):
        number = make_id_number("410422", date(1979, 12, 31), 37)
        self.assertIsNone(id_number_problem(number))
        self.assertEqual((number[:14], number[16]), ("41042219791231", "7"))
