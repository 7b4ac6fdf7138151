"""The generic view and API suites applied to every talents model (data only)."""

from datetime import date

from kechuang.core.testing.api import APITestCases
from kechuang.core.testing.views import ViewTestCases
from kechuang.talents.models import (
    Assessment,
    Assignment,
    Commissioner,
    Honour,
    ServiceLog,
    Talent,
    Team,
    TeamMember,
)

from .factories import id_number, make_commissioner, make_talent, make_village


class TalentsData:
    """Two talents per county, a team and a commissioner on each side."""

    @classmethod
    def setup_data(cls):
        cls.talent_a = make_talent("甲某华", cls.org_a)
        cls.talent_b = make_talent("乙某强", cls.org_b)
        cls.talent_c = make_talent("甲某丽", cls.org_a, gender="female")
        cls.talent_d = make_talent("乙某芳", cls.org_b, gender="female")
        cls.talent_e = make_talent("甲某刚", cls.org_a)
        cls.village_a = make_village("410402001201", "新店村", cls.town_a)


class TalentData(TalentsData):
    model = Talent
    search_term = "jmh"  # pinyin initials of 甲某华

    @classmethod
    def in_scope(cls):
        return cls.talent_a

    @classmethod
    def out_of_scope(cls):
        return cls.talent_b


class TalentViewTests(TalentData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "name": "丙某明",
            "gender": "male",
            "birth_year": 1985,
            "id_number": id_number("410402", date(1985, 3, 4), 11),
            "phone": "13800001111",
            "category": "flagship",
            "org": cls.org_a.pk,
        }
        cls.form_data_outside = {
            **cls.form_data,
            "id_number": id_number("410422", date(1985, 3, 4), 13),
            "org": cls.org_b.pk,
        }
        cls.edit_data = {
            "name": "甲某华",
            "gender": "male",
            "birth_year": 1981,
            "category": "carrier",
            "org": cls.org_a.pk,
            "region": cls.town_a.pk,
        }


class TalentAPITests(TalentData, APITestCases.Standard):
    endpoint = "talents"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "name": "丙某明",
            "gender": "male",
            "birth_year": 1985,
            "category": "sail",
            "org": cls.org_a.pk,
        }
        cls.create_outside = {**cls.create_data, "org": cls.org_b.pk}
        cls.update_data = {"title": "senior"}
        cls.filter_params = {"county": cls.county_a.pk}


class HonourData(TalentsData):
    model = Honour
    search_term = "中原英才"

    @classmethod
    def setup_data(cls):
        super().setup_data()
        cls.honour_a = Honour.objects.create(
            talent=cls.talent_a, name="中原英才计划", level="provincial", year=2021
        )
        cls.honour_b = Honour.objects.create(
            talent=cls.talent_b, name="鹰城英才计划", level="municipal", year=2020
        )

    @classmethod
    def in_scope(cls):
        return cls.honour_a

    @classmethod
    def out_of_scope(cls):
        return cls.honour_b


class HonourViewTests(HonourData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "talent": cls.talent_c.pk,
            "name": "省级示例人才计划",
            "level": "provincial",
            "year": 2022,
        }
        cls.form_data_outside = {**cls.form_data, "talent": cls.talent_b.pk}
        cls.edit_data = {
            "talent": cls.talent_a.pk,
            "name": "中原英才计划",
            "level": "national",
            "year": 2021,
        }


class HonourAPITests(HonourData, APITestCases.Standard):
    endpoint = "honours"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "talent": cls.talent_c.pk,
            "name": "示例计划",
            "level": "municipal",
            "year": 2022,
        }
        cls.create_outside = {**cls.create_data, "talent": cls.talent_b.pk}
        cls.update_data = {"level": "national"}
        cls.filter_params = {"county": cls.county_a.pk}


class TeamData(TalentsData):
    model = Team
    search_term = "sgnl"  # 曙光尼龙…

    @classmethod
    def setup_data(cls):
        super().setup_data()
        cls.team_a = Team(
            name="曙光尼龙创新团队", leader=cls.talent_a, org=cls.org_a, founded_year=2018
        )
        cls.team_a.save()
        cls.team_b = Team(
            name="昆阳农业创新团队", leader=cls.talent_b, org=cls.org_b, founded_year=2019
        )
        cls.team_b.save()

    @classmethod
    def in_scope(cls):
        return cls.team_a

    @classmethod
    def out_of_scope(cls):
        return cls.team_b


class TeamViewTests(TeamData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "name": "新华电气装备创新团队",
            "leader": cls.talent_c.pk,
            "org": cls.org_a.pk,
            "field": "manufacturing",
            "founded_year": 2020,
        }
        cls.form_data_outside = {**cls.form_data, "leader": cls.talent_d.pk, "org": cls.org_b.pk}
        cls.edit_data = {
            "name": "曙光尼龙新材料创新团队",
            "leader": cls.talent_a.pk,
            "org": cls.org_a.pk,
            "region": cls.town_a.pk,
            "founded_year": 2018,
        }


class TeamAPITests(TeamData, APITestCases.Standard):
    endpoint = "teams"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {"name": "新华示例团队", "leader": cls.talent_c.pk, "org": cls.org_a.pk}
        cls.create_outside = {**cls.create_data, "leader": cls.talent_d.pk, "org": cls.org_b.pk}
        cls.update_data = {"industry": "nylon"}
        cls.filter_params = {"county": cls.county_a.pk}


class TeamMemberData(TeamData):
    model = TeamMember
    search_term = "jml"  # 甲某丽

    @classmethod
    def setup_data(cls):
        super().setup_data()
        cls.member_a = TeamMember.objects.create(
            team=cls.team_a, talent=cls.talent_c, role="核心成员", joined_year=2019
        )
        cls.member_b = TeamMember.objects.create(
            team=cls.team_b, talent=cls.talent_d, role="核心成员", joined_year=2020
        )

    @classmethod
    def in_scope(cls):
        return cls.member_a

    @classmethod
    def out_of_scope(cls):
        return cls.member_b


class TeamMemberViewTests(TeamMemberData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "team": cls.team_a.pk,
            "talent": cls.talent_e.pk,
            "role": "骨干",
            "joined_year": 2021,
        }
        cls.form_data_outside = {**cls.form_data, "team": cls.team_b.pk}
        cls.edit_data = {
            "team": cls.team_a.pk,
            "talent": cls.talent_c.pk,
            "role": "技术负责人",
            "joined_year": 2019,
        }


class TeamMemberAPITests(TeamMemberData, APITestCases.Standard):
    endpoint = "team-members"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {"team": cls.team_a.pk, "talent": cls.talent_e.pk, "role": "骨干"}
        cls.create_outside = {**cls.create_data, "team": cls.team_b.pk}
        cls.update_data = {"role": "技术负责人"}
        cls.filter_params = {"county": cls.county_a.pk}


class CommissionerData(TalentsData):
    model = Commissioner
    search_term = "jmh"

    @classmethod
    def setup_data(cls):
        super().setup_data()
        cls.comm_a = make_commissioner(cls.talent_a, speciality="小麦栽培")
        cls.comm_b = make_commissioner(cls.talent_b, speciality="果树")

    @classmethod
    def in_scope(cls):
        return cls.comm_a

    @classmethod
    def out_of_scope(cls):
        return cls.comm_b


class CommissionerViewTests(CommissionerData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "kind": "individual",
            "talent": cls.talent_c.pk,
            "level": "municipal",
            "active": "on",
        }
        cls.form_data_outside = {**cls.form_data, "talent": cls.talent_d.pk}
        cls.edit_data = {
            "kind": "individual",
            "talent": cls.talent_a.pk,
            "name": "甲某华",
            "level": "national",
            "home_org": cls.org_a.pk,
            "region": cls.town_a.pk,
            "active": "on",
        }


class CommissionerAPITests(CommissionerData, APITestCases.Standard):
    endpoint = "commissioners"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {"kind": "individual", "talent": cls.talent_c.pk, "level": "municipal"}
        cls.create_outside = {
            "kind": "group",
            "name": "叶县示例产业科技特派员服务团",
            "level": "provincial",
            "home_org": cls.org_b.pk,
        }
        cls.update_data = {"speciality": "小麦病虫害防治"}
        cls.filter_params = {"county": cls.county_a.pk}


class AssignmentData(CommissionerData):
    model = Assignment
    search_term = "曙光"

    @classmethod
    def setup_data(cls):
        super().setup_data()
        cls.assign_a = Assignment.objects.create(
            commissioner=cls.comm_a, region=cls.town_a, start_year=2020
        )
        cls.assign_b = Assignment.objects.create(
            commissioner=cls.comm_b, region=cls.town_b, start_year=2019, end_year=2023
        )

    @classmethod
    def in_scope(cls):
        return cls.assign_a

    @classmethod
    def out_of_scope(cls):
        return cls.assign_b


class AssignmentViewTests(AssignmentData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "commissioner": cls.comm_a.pk,
            "region": cls.village_a.pk,
            "start_year": 2021,
        }
        cls.form_data_outside = {**cls.form_data, "region": cls.town_b.pk}
        cls.edit_data = {
            "commissioner": cls.comm_a.pk,
            "region": cls.town_a.pk,
            "start_year": 2020,
            "end_year": 2024,
        }


class AssignmentAPITests(AssignmentData, APITestCases.Standard):
    endpoint = "assignments"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "commissioner": cls.comm_a.pk,
            "region": cls.village_a.pk,
            "start_year": 2021,
        }
        cls.create_outside = {**cls.create_data, "region": cls.town_b.pk}
        cls.update_data = {"end_year": 2025}
        cls.filter_params = {"county": cls.county_a.pk}


class ServiceLogData(CommissionerData):
    model = ServiceLog
    search_term = "小麦"

    @classmethod
    def setup_data(cls):
        super().setup_data()
        cls.log_a = ServiceLog.objects.create(
            commissioner=cls.comm_a,
            date=date(2024, 5, 6),
            days=2,
            region=cls.town_a,
            content="小麦绿色高产栽培技术培训",
            beneficiaries=30,
        )
        cls.log_b = ServiceLog.objects.create(
            commissioner=cls.comm_b,
            date=date(2024, 6, 7),
            days=1,
            region=cls.town_b,
            content="果树修剪现场指导",
            beneficiaries=12,
        )

    @classmethod
    def in_scope(cls):
        return cls.log_a

    @classmethod
    def out_of_scope(cls):
        return cls.log_b


class ServiceLogViewTests(ServiceLogData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "commissioner": cls.comm_a.pk,
            "date": "2025-03-01",
            "days": "1.5",
            "region": cls.village_a.pk,
            "content": "春季麦田管理现场指导",
            "beneficiaries": 25,
        }
        cls.form_data_outside = {**cls.form_data, "region": cls.town_b.pk}
        cls.edit_data = {
            "commissioner": cls.comm_a.pk,
            "date": "2024-05-06",
            "days": "2.5",
            "region": cls.town_a.pk,
            "content": "小麦绿色高产栽培技术培训",
            "beneficiaries": 35,
        }


class ServiceLogAPITests(ServiceLogData, APITestCases.Standard):
    endpoint = "service-logs"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "commissioner": cls.comm_a.pk,
            "date": "2025-03-01",
            "days": "1.5",
            "region": cls.village_a.pk,
            "content": "春季麦田管理现场指导",
            "beneficiaries": 25,
        }
        cls.create_outside = {**cls.create_data, "region": cls.town_b.pk}
        cls.update_data = {"beneficiaries": 40}
        cls.filter_params = {"county": cls.county_a.pk}


class AssessmentData(CommissionerData):
    model = Assessment
    search_term = "jmh"

    @classmethod
    def setup_data(cls):
        super().setup_data()
        cls.assess_a = Assessment.objects.create(
            commissioner=cls.comm_a, year=2024, result="excellent"
        )
        cls.assess_b = Assessment.objects.create(
            commissioner=cls.comm_b, year=2024, result="qualified"
        )

    @classmethod
    def in_scope(cls):
        return cls.assess_a

    @classmethod
    def out_of_scope(cls):
        return cls.assess_b


class AssessmentViewTests(AssessmentData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {"commissioner": cls.comm_a.pk, "year": 2023, "result": "qualified"}
        cls.form_data_outside = {**cls.form_data, "commissioner": cls.comm_b.pk}
        cls.edit_data = {
            "commissioner": cls.comm_a.pk,
            "year": 2024,
            "result": "basic",
            "comment": "服务天数不足",
        }


class AssessmentAPITests(AssessmentData, APITestCases.Standard):
    endpoint = "assessments"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {"commissioner": cls.comm_a.pk, "year": 2023, "result": "qualified"}
        cls.create_outside = {**cls.create_data, "commissioner": cls.comm_b.pk}
        cls.update_data = {"result": "basic"}
        cls.filter_params = {"county": cls.county_a.pk}
