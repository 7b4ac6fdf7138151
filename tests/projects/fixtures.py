"""Records shared by the projects tests (personas must exist: call from setup_data)."""

from datetime import date, timedelta
from decimal import Decimal

from kechuang.projects.models import Call, Expert, Milestone, Project, Proposal, Review

TODAY = date.today()


def make_call(region, title, key_field="nylon", year=2024, **extra):
    values = {
        "year": year,
        "title": title,
        "key_field": key_field,
        "budget_wan": Decimal("1000"),
        "opens_on": date(year, 3, 1),
        "closes_on": date(year, 4, 30),
        "status": "open",
        "region": region,
        **extra,
    }
    call = Call(**values)
    call.save()
    return call


def make_proposal(call, applicant, title, **extra):
    values = {
        "call": call,
        "title": title,
        "applicant": applicant,
        "leader_name": "张某某",
        "budget_wan": Decimal("200"),
        "field": "materials",
        "submitted_on": call.opens_on + timedelta(days=10),
        **extra,
    }
    proposal = Proposal(**values)
    proposal.save()
    return proposal


def make_expert(name, region=None, **extra):
    values = {"name": name, "org_name": "示例大学", "main_field": "materials", "region": region}
    expert = Expert(**{**values, **extra})
    expert.save()
    return expert


def make_review(proposal, expert, score=None, **extra):
    review = Review(proposal=proposal, expert=expert, score=score, **extra)
    review.save()
    return review


def make_project(owner, title, project_no, **extra):
    values = {
        "title": title,
        "project_no": project_no,
        "owner": owner,
        "leader_name": "李某某",
        "funded_wan": Decimal("100"),
        "starts_on": date(2024, 7, 1),
        "ends_on": date(2027, 6, 30),
        **extra,
    }
    project = Project(**values)
    project.save()
    return project


def make_milestone(project, title, due_on, **extra):
    milestone = Milestone(project=project, title=title, due_on=due_on, **extra)
    milestone.save()
    return milestone


class ProjectsData:
    """A city call with one proposal, review, expert, project and milestone in each county."""

    @classmethod
    def setup_data(cls):
        cls.call = make_call(cls.city, "2024年度尼龙新材料及应用重大专项指南（示例）")
        cls.prop_a = make_proposal(cls.call, cls.org_a, "甲尼龙改性关键技术研究（示例）")
        cls.prop_b = make_proposal(cls.call, cls.org_b, "乙特钢冶炼工艺研究（示例）")
        cls.expert_a = make_expert("甲某某（示例）", cls.county_a, phone="13912345678")
        cls.expert_b = make_expert("乙某某（示例）", cls.county_b, phone="13887654321")
        cls.review_a = make_review(cls.prop_a, cls.expert_a, Decimal("80"))
        cls.review_b = make_review(cls.prop_b, cls.expert_b, Decimal("70"))
        cls.project_a = make_project(cls.org_a, "甲尼龙复合材料产业化项目（示例）", "SL-2024-001")
        cls.project_b = make_project(cls.org_b, "乙不锈钢精深加工项目（示例）", "SL-2024-002")
        cls.ms_a = make_milestone(cls.project_a, "甲项目开题", date(2024, 9, 1))
        cls.ms_b = make_milestone(cls.project_b, "乙项目开题", date(2024, 9, 1))
