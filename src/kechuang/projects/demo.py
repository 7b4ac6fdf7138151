"""Demo records of 创新课题 (plan 三(二)) for Pingdingshan, 2016–2025: yearly calls in the plan's
four key fields, proposals from the demo organisations, reviews by a synthetic expert pool
(names 某某（示例NN）, no real people), funded projects with milestones.

Everything is generated in memory from the rng first, then only rows whose natural key is
missing are written, so a second run adds nothing and the result does not depend on it.
Statuses follow the dates relative to today (past projects 结题, running ones 在研).
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from kechuang.core.choices import KeyIndustry, TechField
from kechuang.orgs.choices import OrgKind
from kechuang.orgs.models import Org
from kechuang.regions.models import Region

from .choices import CallStatus, MilestoneStatus, ProjectStatus, ProposalStatus
from .models import Call, Expert, Milestone, Project, Proposal, Review

YEARS = range(2016, 2026)
REASON = "载入演示数据"
CITY_CODE = "410400"
EXPERT_COUNT = 80
REVIEWERS_PER_PROPOSAL = 5

# Key field → (name in titles, technical fields of its proposals, research topics).
KEY_FIELDS = {
    KeyIndustry.NYLON: (
        "尼龙新材料及应用",
        (TechField.NEW_MATERIALS, TechField.NEW_MATERIALS, TechField.ADVANCED_MANUFACTURING),
        (
            "尼龙66盐连续聚合工艺",
            "高性能尼龙工程塑料改性",
            "尼龙6切片高速纺丝",
            "己二腈绿色制备",
            "尼龙复合材料轻量化应用",
            "尼龙工业丝及帘子布",
            "生物基尼龙",
            "尼龙废料化学回收",
            "碳纤维增强尼龙",
            "尼龙薄膜双向拉伸",
            "耐高温尼龙",
            "尼龙弹性体",
        ),
    ),
    KeyIndustry.ELECTRICAL: (
        "电气装备",
        (TechField.ADVANCED_MANUFACTURING, TechField.NEW_ENERGY, TechField.ELECTRONICS),
        (
            "特高压开关设备绝缘",
            "智能断路器在线监测",
            "气体绝缘开关设备故障诊断",
            "新能源并网变流器",
            "柔性直流输电换流阀",
            "储能变流器",
            "高压电缆附件",
            "智能配电终端",
            "高压套管制造",
            "电气装备数字孪生",
            "环保型气体绝缘",
            "智能变电站巡检机器人",
        ),
    ),
    KeyIndustry.SPECIAL_STEEL: (
        "特钢不锈钢",
        (
            TechField.NEW_MATERIALS,
            TechField.ADVANCED_MANUFACTURING,
            TechField.RESOURCES_ENVIRONMENT,
        ),
        (
            "超宽厚钢板控轧控冷",
            "不锈钢精密带材",
            "特种合金冶炼",
            "高强耐候钢",
            "钢铁余热高效利用",
            "不锈钢表面处理",
            "宽厚板在线检测",
            "核电用钢",
            "海洋工程用钢",
            "短流程电炉炼钢",
            "高氮不锈钢",
            "钢渣资源化利用",
        ),
    ),
    KeyIndustry.NEW_IT: (
        "新一代信息技术",
        (TechField.ELECTRONICS, TechField.ELECTRONICS, TechField.HIGH_TECH_SERVICES),
        (
            "工业互联网平台",
            "煤矿智能化专网",
            "工业视觉质检",
            "能耗大数据监测",
            "北斗高精度定位应用",
            "工业软件",
            "边缘计算网关",
            "数字孪生工厂",
            "网络安全态势感知",
            "人工智能辅助诊断",
            "智慧城市时空数据",
            "区块链溯源",
        ),
    ),
}
SUFFIXES = ("关键技术研究", "关键技术研究与示范", "技术开发及产业化", "工艺优化与应用")
FAMILY_NAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
LEADER_GIVEN = ("某某", "某")
TITLES = ("教授", "研究员", "正高级工程师", "高级工程师", "副教授", "副研究员")
OUTSIDE_ORGS = ("示例理工大学（省外）", "示例工业大学（郑州）", "示例科学院某研究所", "示例大学")
DISCIPLINES = {
    TechField.NEW_MATERIALS: "430 材料科学, 高分子材料",
    TechField.ADVANCED_MANUFACTURING: "460 机械工程, 自动化",
    TechField.ELECTRONICS: "510 电子与通信技术, 520 计算机科学技术",
    TechField.NEW_ENERGY: "470 动力与电气工程",
    TechField.RESOURCES_ENVIRONMENT: "610 环境科学技术, 450 冶金工程技术",
    TechField.HIGH_TECH_SERVICES: "520 计算机科学技术, 630 管理学",
}
OPINIONS = (
    "技术路线清晰，研究基础较好，建议支持。",
    "目标明确，考核指标可量化，经费预算基本合理。",
    "创新性一般，建议进一步凝练关键技术问题。",
    "产业化前景较好，需加强产学研合作。",
    "研究内容偏多，建议聚焦核心任务。",
)
MILESTONES = ("任务书签订", "开题论证", "中期检查", "结题验收")


def _days(rng, a, b) -> timedelta:
    return timedelta(days=rng.randint(a, b))


def _money(value: float, step: int = 5) -> Decimal:
    return Decimal(max(step, round(value / step) * step))


def _bulk(model, objs):
    if objs:
        bulk_create_with_history(objs, model, batch_size=500, default_change_reason=REASON)
    return len(objs)


# --- in-memory generation ----------------------------------------------------------------


def _experts(rng, orgs):
    hosts = [o for o in orgs if o.kind in (OrgKind.UNIVERSITY, OrgKind.INSTITUTE)]
    enterprises = [o for o in orgs if o.kind == OrgKind.ENTERPRISE]
    fields = list(DISCIPLINES)
    experts = []
    for i in range(EXPERT_COUNT):
        roll = rng.random()
        org = rng.choice(hosts) if roll < 0.35 and hosts else None
        if org is None and roll < 0.6 and enterprises:
            org = rng.choice(enterprises)
        main_field = fields[i % len(fields)]
        expert = Expert(
            name=f"{FAMILY_NAMES[i % len(FAMILY_NAMES)]}某某（示例{i + 1:02d}）",
            org=org,
            org_name="" if org else rng.choice(OUTSIDE_ORGS),
            disciplines=DISCIPLINES[main_field],
            main_field=main_field,
            title=rng.choice(TITLES),
            phone=f"1390375{i + 1:04d}",
            email=f"expert{i + 1:02d}@example.com",
            available=rng.random() < 0.92,
            region=org.region.county if org else None,
        )
        conflicts = {org.pk} if org else set()
        if rng.random() < 0.25:
            conflicts.add(rng.choice(enterprises).pk)
        experts.append((expert, conflicts))
    return experts


def _plan(rng, orgs, experts, city, today):
    """Every call, proposal, review, project and milestone as unsaved objects with keys."""
    applicants = [o for o in orgs if o.kind != OrgKind.MEDICAL]
    weights = [4 if o.kind == OrgKind.ENTERPRISE else 6 for o in applicants]
    pool = [(e, c) for e, c in experts if e.available]
    plan = {"calls": [], "proposals": [], "reviews": [], "projects": [], "milestones": []}
    for year in YEARS:
        year_proposals = []
        total = rng.randint(30, 60)
        shares = [rng.random() + 0.5 for _ in KEY_FIELDS]
        for (key, (label, fields, topics)), share in zip(KEY_FIELDS.items(), shares, strict=True):
            opens_on = date(year, 3, 1) + _days(rng, 0, 20)
            call = Call(
                year=year,
                title=f"{year}年度平顶山市{label}领域创新课题申报指南（示例）",
                key_field=key,
                budget_wan=Decimal(rng.randrange(500, 3001, 50)),
                opens_on=opens_on,
                closes_on=opens_on + timedelta(days=45),
                status=CallStatus.CLOSED,
                region=city,
                description=f"围绕{label}领域核心关键技术，面向全市征集{year}年度创新课题（演示数据）。",
            )
            plan["calls"].append(call)
            count = max(3, round(total * share / sum(shares)))
            used = set()
            for applicant in _pick(rng, applicants, weights, count):
                title = _title(rng, topics, used)
                budget = min(_money(rng.uniform(30, 300)), call.budget_wan)
                proposal = Proposal(
                    call=call,
                    title=title,
                    applicant=applicant,
                    leader_name=f"{rng.choice(FAMILY_NAMES)}{rng.choice(LEADER_GIVEN)}",
                    team="（演示数据）课题组成员 5–8 人",
                    budget_wan=budget,
                    self_funding_wan=_money(float(budget) * rng.uniform(0.5, 2.0)),
                    field=rng.choice(fields),
                    status=ProposalStatus.DECLINED,
                    submitted_on=opens_on + _days(rng, 0, 45),
                    region=applicant.region,
                )
                proposal.quality = rng.gauss(75, 8)
                plan["proposals"].append(proposal)
                if rng.random() < 0.08:
                    proposal.status = ProposalStatus.FORMAL_FAILED
                    continue
                scores = _reviews(rng, plan, proposal, pool)
                proposal.mean = sum(scores) / len(scores) if scores else 0
                year_proposals.append(proposal)
        _fund(rng, plan, year, year_proposals, today)
        _provincial_project(rng, plan, year, applicants, today)
    for call in plan["calls"]:
        running = any(p.call is call and p.status == ProjectStatus.ACTIVE for p in plan["projects"])
        call.status = CallStatus.APPROVED if running else CallStatus.CLOSED
    return plan


def _pick(rng, items, weights, count):
    chosen = {}
    while len(chosen) < min(count, len(items)):
        item = rng.choices(items, weights)[0]
        chosen.setdefault(item.pk, item)
    return list(chosen.values())


def _title(rng, topics, used):
    while True:
        title = f"{rng.choice(topics)}{rng.choice(SUFFIXES)}（示例）"
        if title not in used:
            used.add(title)
            return title


def _reviews(rng, plan, proposal, pool):
    matching = [(e, c) for e, c in pool if e.main_field == proposal.field]
    others = [(e, c) for e, c in pool if e.main_field != proposal.field]
    k = min(REVIEWERS_PER_PROPOSAL - 2, len(matching))
    panel = rng.sample(matching, k) + rng.sample(others, REVIEWERS_PER_PROPOSAL - k)
    scores = []
    for expert, conflicts in panel:
        review = Review(
            proposal=proposal,
            expert=expert,
            reviewed_on=proposal.call.closes_on + _days(rng, 10, 30),
        )
        if proposal.applicant.pk in conflicts:
            review.conflict_declared = True
            review.opinion = "本人与申报单位存在关联，申请回避。"
        elif rng.random() < 0.02:
            # Conflicts the register does not know about are declared by the expert.
            review.conflict_declared = True
            review.opinion = "近三年与申报单位有合作关系，申请回避。"
        else:
            score = min(98.0, max(40.0, proposal.quality + rng.gauss(0, 5)))
            review.score = Decimal(f"{score:.1f}")
            review.opinion = rng.choice(OPINIONS)
            scores.append(float(review.score))
        plan["reviews"].append(review)
    return scores


def _fund(rng, plan, year, proposals, today):
    """The best-scored proposals of the year become projects, within each call's budget."""
    target = rng.randint(10, 20)
    spent = {}
    funded = 0
    for proposal in sorted(proposals, key=lambda p: -p.mean):
        call = proposal.call
        amount = _money(float(proposal.budget_wan) * rng.uniform(0.6, 1.0))
        amount = min(amount, proposal.budget_wan)
        if funded >= target or spent.get(id(call), 0) + amount > call.budget_wan:
            continue
        spent[id(call)] = spent.get(id(call), 0) + amount
        funded += 1
        proposal.status = ProposalStatus.RECOMMENDED
        project = Project(
            proposal=proposal,
            call=call,
            project_no=f"PDSKJ-{year}-{funded:03d}",
            title=proposal.title,
            owner=proposal.applicant,
            leader_name=proposal.leader_name,
            funded_wan=amount,
            self_funding_wan=proposal.self_funding_wan,
            region=proposal.region,
        )
        _schedule(rng, plan, project, date(year, 7, 1), rng.choice((2, 3)), today)


def _provincial_project(rng, plan, year, applicants, today):
    """One project a year that did not come from a city call (a provincial project)."""
    owner = rng.choice(applicants)
    topic = rng.choice(KEY_FIELDS[rng.choice(list(KEY_FIELDS))][2])
    project = Project(
        project_no=f"PDSSJ-{year}-001",
        title=f"省级科技专项：{topic}技术攻关（示例）",
        owner=owner,
        leader_name=f"{rng.choice(FAMILY_NAMES)}某某",
        funded_wan=_money(rng.uniform(100, 500), 10),
        self_funding_wan=_money(rng.uniform(100, 800), 10),
        region=owner.region,
    )
    _schedule(rng, plan, project, date(year, 5, 1), 3, today)


def _schedule(rng, plan, project, starts_on, years, today):
    project.starts_on = starts_on
    project.ends_on = date(starts_on.year + years, starts_on.month, 1) - timedelta(days=1)
    acceptance = project.ends_on + timedelta(days=60)
    terminated = acceptance < today and rng.random() < 0.04
    if terminated:
        project.status = ProjectStatus.TERMINATED
    elif acceptance < today:
        project.status = ProjectStatus.COMPLETED
    else:
        project.status = ProjectStatus.ACTIVE
    plan["projects"].append(project)
    middle = starts_on + (project.ends_on - starts_on) / 2
    dues = (starts_on + timedelta(days=30), starts_on + timedelta(days=90), middle, acceptance)
    upcoming = True
    for title, due in zip(MILESTONES, dues, strict=True):
        if terminated and due > middle:
            break
        milestone = Milestone(project=project, title=title, due_on=due)
        if due < today and (project.status != ProjectStatus.ACTIVE or rng.random() < 0.9):
            milestone.status = MilestoneStatus.DONE
            milestone.done_on = min(today, due + _days(rng, -10, 20))
            milestone.note = "已按期完成（演示数据）"
        elif due < today:
            # A running project that missed a date: shown as 逾期.
            milestone.status = MilestoneStatus.IN_PROGRESS
            milestone.note = "材料尚未提交（演示数据）"
        elif upcoming and project.status == ProjectStatus.ACTIVE:
            milestone.status = MilestoneStatus.IN_PROGRESS
            upcoming = False
        plan["milestones"].append(milestone)


# --- writing -----------------------------------------------------------------------------


def load(rng: random.Random) -> str:
    city = Region.objects.filter(code=CITY_CODE).first()
    orgs = list(
        Org.objects.filter(name__contains="示例")
        .select_related("region__parent__parent")
        .order_by("uscc")
    )
    if city is None or not orgs:
        return "创新课题：缺少平顶山区划或演示单位，未载入"
    today = date.today()
    experts = _experts(rng, orgs)
    plan = _plan(rng, orgs, experts, city, today)
    created = {}

    # Experts (natural key: name) and their conflict organisations.
    existing = {e.name: e for e in Expert.objects.all()}
    new = [e for e, _c in experts if e.name not in existing]
    created["experts"] = _bulk(Expert, new)
    saved = {e.name: e for e in Expert.objects.filter(name__in=[e.name for e, _c in experts])}
    through = Expert.conflict_orgs.through
    through.objects.bulk_create(
        [
            through(expert_id=saved[e.name].pk, org_id=org_id)
            for e, conflicts in experts
            if e.name not in existing
            for org_id in sorted(conflicts)
        ]
    )
    for expert, _c in experts:
        expert.pk = saved[expert.name].pk

    # Calls (region, year, title).
    keys = set(Call.objects.filter(region=city).values_list("year", "title"))
    created["calls"] = _bulk(Call, [c for c in plan["calls"] if (c.year, c.title) not in keys])
    calls = {(c.year, c.title): c.pk for c in Call.objects.filter(region=city)}
    for call in plan["calls"]:
        call.pk = calls[(call.year, call.title)]

    # Proposals (call, title, applicant).
    for p in plan["proposals"]:
        p.call_id = p.call.pk
    keys = set(
        Proposal.objects.filter(call__in=calls.values()).values_list(
            "call_id", "title", "applicant_id"
        )
    )

    def key(p):
        return (p.call_id, p.title, p.applicant_id)

    created["proposals"] = _bulk(Proposal, [p for p in plan["proposals"] if key(p) not in keys])
    ids = {
        (c, t, a): pk
        for pk, c, t, a in Proposal.objects.filter(call__in=calls.values()).values_list(
            "pk", "call_id", "title", "applicant_id"
        )
    }
    for p in plan["proposals"]:
        p.pk = ids[key(p)]

    # Reviews (proposal, expert).
    for r in plan["reviews"]:
        r.proposal_id, r.expert_id = r.proposal.pk, r.expert.pk
    keys = set(
        Review.objects.filter(proposal__in=ids.values()).values_list("proposal_id", "expert_id")
    )
    created["reviews"] = _bulk(
        Review, [r for r in plan["reviews"] if (r.proposal_id, r.expert_id) not in keys]
    )

    # Projects (project_no) and milestones (project, title).
    for p in plan["projects"]:
        p.proposal_id = p.proposal.pk if p.proposal else None
        p.call_id = p.call.pk if p.call else None
    numbers = [p.project_no for p in plan["projects"]]
    keys = set(Project.objects.filter(project_no__in=numbers).values_list("project_no", flat=True))
    created["projects"] = _bulk(Project, [p for p in plan["projects"] if p.project_no not in keys])
    project_ids = dict(
        Project.objects.filter(project_no__in=numbers).values_list("project_no", "pk")
    )
    for m in plan["milestones"]:
        m.project_id = project_ids[m.project.project_no]
    keys = set(
        Milestone.objects.filter(project__in=project_ids.values()).values_list(
            "project_id", "title"
        )
    )
    created["milestones"] = _bulk(
        Milestone, [m for m in plan["milestones"] if (m.project_id, m.title) not in keys]
    )
    overdue = sum(
        1
        for m in plan["milestones"]
        if m.done_on is None and m.due_on < today and m.status != MilestoneStatus.DONE
    )
    return (
        f"创新课题：新增专家 {created['experts']} 名、课题指南 {created['calls']} 个、"
        f"申报 {created['proposals']} 项、专家评审 {created['reviews']} 条、"
        f"立项项目 {created['projects']} 项（其中在研 "
        f"{sum(p.status == ProjectStatus.ACTIVE for p in plan['projects'])} 项）、"
        f"里程碑 {created['milestones']} 个（逾期 {overdue} 个）"
    )
