"""Import kinds `honours`, `teams`, `team-members`, `assignments` and `assessments`: template,
upsert by natural key, round trip, scope, personal data in exports and the model rules that name
their column."""

import io
from datetime import date

import openpyxl
from django.test import TestCase

from kechuang.core.testing.imports import KindTests, first_sheet, reimport_export, run
from kechuang.core.testing.personas import Personas
from kechuang.imports.engine import rollback
from kechuang.imports.models import Batch
from kechuang.talents.imports import KINDS
from kechuang.talents.models import Assessment, Assignment, Honour, Team, TeamMember

from .factories import id_number, make_commissioner, make_talent

ID_A = id_number("410402", date(1985, 3, 4), 11)  # male, born 1985
ID_B = id_number("410422", date(1990, 5, 12), 22)  # female, born 1990
ID_C = id_number("410402", date(1988, 1, 2), 33)  # male, born 1988
ID_D = id_number("410422", date(1992, 2, 3), 44)  # female, born 1992
NEW_KINDS = ("honours", "teams", "team-members", "assignments", "assessments")


class People(Personas):
    """Personas plus a talent in each county (A, B) and one more in each (C, D)."""

    @classmethod
    def setup_people(cls):
        cls.setup_personas()
        cls.talent_a = make_talent("甲某华", cls.org_a, id_number=ID_A, birth_year=1985)
        cls.talent_b = make_talent(
            "乙某芳", cls.org_b, id_number=ID_B, birth_year=1990, gender="female"
        )
        cls.talent_c = make_talent("丙某强", cls.org_a, id_number=ID_C, birth_year=1988)
        cls.talent_d = make_talent(
            "丁某丽", cls.org_b, id_number=ID_D, birth_year=1992, gender="female"
        )


class TemplateTests(KindTests, TestCase):
    kinds = [kind for kind in KINDS if kind.name in NEW_KINDS]


class HonourImportTests(People, TestCase):
    HEAD = ["身份证号码", "姓名", "人才计划名称", "级别", "入选年度"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_people()

    def rows(self):
        return [
            self.HEAD,
            [ID_A, "甲某华", "中原英才计划", "省级", 2023],
            [ID_B, "乙某芳", "鹰城英才计划", "市级", "2024年"],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("honours")
        assert [c.value for c in sheet[1]][:3] == ["身份证号码", "姓名", "人才计划名称"]
        assert sheet["A2"].value == "410402198503040117"

    def test_it_imports_then_changes_nothing(self):
        assert run("honours", self.rows(), self.city_staff).written
        honour = Honour.objects.get(talent=self.talent_b)
        assert (honour.name, honour.level, honour.year) == ("鹰城英才计划", "municipal", 2024)
        assert run("honours", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("honours", self.rows())
        _content, result = reimport_export("honours", Honour.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_honour(self):
        result = run("honours", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Honour.objects.count() == 0

    def test_it_cannot_find_a_talent_by_a_masked_id_number(self):
        run("honours", self.rows())
        content, result = reimport_export("honours", Honour.objects.order_by("year"), False)
        cells = [c.value for row in openpyxl.load_workbook(io.BytesIO(content)).active for c in row]
        assert ID_A not in cells
        err = result.errors[0]
        assert (err["row"], err["column"], err["code"]) == (2, "身份证号码", "masked")
        assert err["message"].startswith("第2行“身份证号码”是脱敏后的值，无法据此识别记录")


class TeamImportTests(People, TestCase):
    HEAD = ["团队名称", "团队带头人身份证号码", "依托单位统一社会信用代码", "所在区划代码"]
    HEAD += ["技术领域", "组建年度"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_people()

    def rows(self):
        return [
            self.HEAD,
            ["甲团队", ID_A, self.org_a.uscc, "410402001", "新材料", 2020],
            ["乙团队", ID_B, self.org_b.uscc, "410422100", "", "2021"],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("teams")
        assert [c.value for c in sheet[1]][:3] == [
            "团队名称",
            "团队带头人身份证号码",
            "团队带头人姓名",
        ]
        assert sheet["A2"].value == "尼龙新材料创新团队"

    def test_it_imports_then_changes_nothing(self):
        assert run("teams", self.rows(), self.city_staff).written
        team = Team.objects.get(name="乙团队")
        assert (team.leader, team.org, team.region, team.founded_year) == (
            self.talent_b,
            self.org_b,
            self.town_b,
            2021,
        )
        assert run("teams", self.rows(), self.city_staff).unchanged == 2

    def test_each_leader_becomes_a_member_of_the_team_with_history(self):
        result = run("teams", self.rows(), self.city_staff)
        team = Team.objects.get(name="甲团队")
        [member] = team.memberships.all()
        assert (member.talent, member.role) == (self.talent_a, "团队带头人")
        record = member.history.get()
        assert record.history_user == self.city_staff
        assert record.history_change_reason.startswith(f"导入批次 #{result.batch_id}")
        # A new leader joins too; the former one stays a member.
        rows = self.rows()
        rows[1][1] = ID_B
        assert run("teams", rows, self.city_staff).changed == 1
        assert set(team.memberships.values_list("talent", flat=True)) == {
            self.talent_a.pk,
            self.talent_b.pk,
        }

    def test_rolling_back_removes_the_teams_and_their_leaders_memberships(self):
        result = run("teams", self.rows(), self.city_staff)
        assert TeamMember.objects.count() == 2
        rollback(Batch.objects.get(pk=result.batch_id), self.city_staff)
        assert (Team.objects.count(), TeamMember.objects.count()) == (0, 0)

    def test_it_reimports_an_export_unchanged(self):
        run("teams", self.rows())
        _content, result = reimport_export("teams", Team.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_team(self):
        result = run("teams", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Team.objects.count() == 0

    def test_it_wants_a_registered_leader(self):
        rows = self.rows()
        rows[1][1] = ID_A[:-4] + "0000"
        [err] = run("teams", rows).errors
        assert (err["row"], err["column"]) == (2, "团队带头人身份证号码")
        assert err["message"].startswith("第2行“团队带头人身份证号码”")


class TeamMemberImportTests(People, TestCase):
    HEAD = ["创新团队", "身份证号码", "姓名", "团队角色", "加入年度"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_people()
        # Saved through the model: each leader becomes a member of their team.
        cls.team_a = Team(name="甲团队", leader=cls.talent_a, org=cls.org_a, founded_year=2020)
        cls.team_a.save()
        cls.team_b = Team(name="乙团队", leader=cls.talent_b, org=cls.org_b, founded_year=2020)
        cls.team_b.save()

    def rows(self):
        return [
            self.HEAD,
            ["甲团队", ID_C, "丙某强", "核心成员", 2021],
            ["乙团队", ID_D, "丁某丽", "成员", 2022],
        ]

    def new_members(self):
        return TeamMember.objects.filter(talent__in=[self.talent_c, self.talent_d])

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("team-members")
        assert [c.value for c in sheet[1]][:3] == ["创新团队", "依托单位", "身份证号码"]
        assert sheet["A2"].value == "尼龙新材料创新团队"

    def test_it_imports_then_changes_nothing(self):
        assert run("team-members", self.rows(), self.city_staff).written
        member = TeamMember.objects.get(talent=self.talent_c)
        assert (member.team, member.role, member.joined_year) == (self.team_a, "核心成员", 2021)
        assert run("team-members", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("team-members", self.rows())
        _content, result = reimport_export("team-members", self.new_members())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_member(self):
        result = run("team-members", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert self.new_members().count() == 0

    def test_it_wants_members_to_join_after_the_team_was_founded(self):
        rows = self.rows()
        rows[2][4] = 2019
        [err] = run("team-members", rows).errors
        assert err["message"] == "第3行“加入年度”：加入年度（2019）不能早于团队组建年度（2020）"


class CommissionerData(People):
    @classmethod
    def setup_commissioners(cls):
        cls.setup_people()
        cls.person = make_commissioner(cls.talent_a)  # named after the talent, sent by org_a
        cls.group = make_commissioner(name="叶县尼龙产业服务团", home_org=cls.org_b)


class AssignmentImportTests(CommissionerData, TestCase):
    HEAD = ["科技特派员", "服务乡镇/村代码", "服务乡镇/村", "开始年度", "结束年度"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_commissioners()

    def rows(self):
        return [
            self.HEAD,
            ["甲某华", "410402001", "曙光街街道", 2023, ""],
            ["叶县尼龙产业服务团", "410422100", "昆阳镇", 2022, 2024],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("assignments")
        assert [c.value for c in sheet[1]][:3] == ["科技特派员", "派出单位", "服务乡镇/村代码"]
        assert sheet["C2"].value == "410402001"

    def test_it_imports_then_changes_nothing(self):
        assert run("assignments", self.rows(), self.city_staff).written
        assignment = Assignment.objects.get(commissioner=self.group)
        assert (assignment.region, assignment.start_year, assignment.end_year) == (
            self.town_b,
            2022,
            2024,
        )
        assert run("assignments", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("assignments", self.rows())
        _content, result = reimport_export("assignments", Assignment.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_assignment(self):
        result = run("assignments", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Assignment.objects.count() == 0

    def test_it_wants_a_township_or_village(self):
        rows = self.rows()
        rows[1][1] = "410402"
        [err] = run("assignments", rows).errors
        assert err["message"].startswith(
            "第2行“服务乡镇/村代码”：服务地点应为乡级或村级区划（乡镇、街道或村），“新华区”是"
        )


class AssessmentImportTests(CommissionerData, TestCase):
    HEAD = ["科技特派员", "派出单位", "考核年度", "考核结果", "考核意见"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_commissioners()

    def rows(self):
        return [
            self.HEAD,
            ["甲某华", "甲示例科技有限公司", 2023, "优秀", "服务成效显著"],
            ["叶县尼龙产业服务团", "乙示例科技有限公司", 2023, "合格", ""],
        ]

    def test_it_has_headers_and_an_example_in_the_template(self):
        sheet = first_sheet("assessments")
        assert [c.value for c in sheet[1]][:4] == ["科技特派员", "派出单位", "考核年度", "考核结果"]
        assert sheet["A2"].value == "张三"

    def test_it_imports_then_changes_nothing(self):
        assert run("assessments", self.rows(), self.city_staff).written
        assessment = Assessment.objects.get(commissioner=self.person)
        assert (assessment.year, assessment.result) == (2023, "excellent")
        assert run("assessments", self.rows(), self.city_staff).unchanged == 2

    def test_it_reimports_an_export_unchanged(self):
        run("assessments", self.rows())
        _content, result = reimport_export("assessments", Assessment.objects.all())
        assert (result.errors, result.unchanged) == ([], 2)

    def test_it_refuses_another_countys_assessment(self):
        result = run("assessments", self.rows(), self.user_a)
        [err] = result.errors
        assert (err["row"], err["code"]) == (3, "out_of_scope")
        assert Assessment.objects.count() == 0

    def test_it_checks_the_year_range(self):
        rows = self.rows()
        rows[2][2] = 1999
        [err] = run("assessments", rows).errors
        assert err["message"].startswith("第3行“考核年度”年度 1999 超出允许范围（2000–")
