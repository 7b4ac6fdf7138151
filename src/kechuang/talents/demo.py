"""Demo talents, teams and S&T commissioners for Pingdingshan, 2016–2025 (synthetic, 示例).

Township coverage by commissioners grows from about 60 % in 2016 to 100 % in 2025, village
coverage stays lower (plan 三(七): 逐步实现科技特派员全覆盖). Idempotent: every record is looked
up by a natural key first; everything is drawn from `rng` before the database is consulted.
"""

import random
from collections import defaultdict
from datetime import date
from decimal import Decimal

from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from kechuang.core.choices import KeyIndustry, Level, TechField
from kechuang.core.identifiers import id_check_char
from kechuang.core.text import pinyin_initials
from kechuang.orgs.choices import OrgKind
from kechuang.orgs.models import Org
from kechuang.regions.choices import RegionLevel
from kechuang.regions.models import Region

from .choices import (
    AssessmentResult,
    CommissionerKind,
    Education,
    Gender,
    TalentCategory,
    TitleLevel,
)
from .models import (
    Assessment,
    Assignment,
    Commissioner,
    Honour,
    ServiceLog,
    Talent,
    Team,
    TeamMember,
)

FIRST_YEAR, LAST_YEAR = 2016, 2025
N_TALENTS, N_TEAMS, N_INDIVIDUALS, N_GROUPS = 600, 40, 100, 20
FAMILY = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
GIVEN = "华明强丽芳军伟敏静磊洋艳勇杰娟涛超霞平刚桂英文斌鹏辉燕红波宁"
CATEGORY_WEIGHTS = {
    TalentCategory.FLAGSHIP: 10,
    TalentCategory.CARRIER: 25,
    TalentCategory.SAIL: 65,
}
BIRTH_YEARS = {
    TalentCategory.FLAGSHIP: (1958, 1985),
    TalentCategory.CARRIER: (1968, 1990),
    TalentCategory.SAIL: (1965, 1998),
}
TITLES = {
    TalentCategory.FLAGSHIP: (TitleLevel.SENIOR, TitleLevel.SENIOR, TitleLevel.ASSOCIATE),
    TalentCategory.CARRIER: (TitleLevel.SENIOR, TitleLevel.ASSOCIATE, TitleLevel.INTERMEDIATE),
    TalentCategory.SAIL: (
        TitleLevel.ASSOCIATE,
        TitleLevel.INTERMEDIATE,
        TitleLevel.INTERMEDIATE,
        TitleLevel.JUNIOR,
        TitleLevel.NONE,
    ),
}
EDUCATION = {
    TalentCategory.FLAGSHIP: (Education.DOCTOR, Education.DOCTOR, Education.MASTER),
    TalentCategory.CARRIER: (Education.DOCTOR, Education.MASTER, Education.MASTER),
    TalentCategory.SAIL: (
        Education.MASTER,
        Education.BACHELOR,
        Education.BACHELOR,
        Education.COLLEGE,
    ),
}
# (talent programme, level) — invented names, marked 示例.
PROGRAMMES = {
    TalentCategory.FLAGSHIP: (
        ("国家级示例人才计划", Level.NATIONAL),
        ("中原英才计划（示例）", Level.PROVINCIAL),
        ("鹰城英才计划（示例）", Level.MUNICIPAL),
    ),
    TalentCategory.CARRIER: (
        ("中原英才计划（示例）", Level.PROVINCIAL),
        ("鹰城归根人才计划（示例）", Level.MUNICIPAL),
    ),
    TalentCategory.SAIL: (("鹰城青年拔尖人才（示例）", Level.MUNICIPAL),),
}
INDUSTRY_FIELD = (
    (KeyIndustry.NYLON, TechField.NEW_MATERIALS, "尼龙新材料"),
    (KeyIndustry.ELECTRICAL, TechField.ADVANCED_MANUFACTURING, "电气装备"),
    (KeyIndustry.SPECIAL_STEEL, TechField.NEW_MATERIALS, "特钢不锈钢"),
    (KeyIndustry.NEW_IT, TechField.ELECTRONICS, "新一代信息技术"),
    (KeyIndustry.ENERGY_STORAGE, TechField.NEW_ENERGY, "储能"),
    (KeyIndustry.SILICON_CARBON, TechField.NEW_MATERIALS, "硅碳新材料"),
    (KeyIndustry.ADVANCED_EQUIPMENT, TechField.ADVANCED_MANUFACTURING, "智能制造"),
    (KeyIndustry.BIOMEDICINE, TechField.BIO_MEDICINE, "生物医药"),
    (KeyIndustry.AGRICULTURE, TechField.BIO_MEDICINE, "现代农业"),
    (KeyIndustry.COAL_CHEMICAL, TechField.RESOURCES_ENVIRONMENT, "煤化工"),
)
SPECIALITIES = (
    "小麦高产栽培",
    "设施蔬菜",
    "果树栽培",
    "畜禽养殖",
    "食用菌栽培",
    "中药材种植",
    "农产品加工",
    "植物保护",
    "土壤肥料",
    "农机装备",
    "水产养殖",
    "农村电商",
)
ACTIVITIES = (
    "现场技术指导",
    "集中培训",
    "新品种示范推广",
    "病虫害防治巡查",
    "合作社技术服务",
    "产销对接",
    "示范基地建设",
)
RESULT_WEIGHTS = {
    AssessmentResult.EXCELLENT: 18,
    AssessmentResult.QUALIFIED: 72,
    AssessmentResult.BASIC: 7,
    AssessmentResult.UNQUALIFIED: 3,
}
UNMET_WEIGHTS = {
    AssessmentResult.QUALIFIED: 60,
    AssessmentResult.BASIC: 30,
    AssessmentResult.UNQUALIFIED: 10,
}
DAYS = tuple(Decimal(d) for d in ("1", "1.5", "2", "3", "3", "4", "5", "6"))


def make_id_number(region_code: str, born: date, sequence: int) -> str:
    """A check-valid (fake) resident ID number: address code, birth date, sequence, check digit."""
    id17 = f"{region_code[:6]}{born:%Y%m%d}{sequence % 1000:03d}"
    return id17 + id_check_char(id17)


def _bulk(model, objs: list) -> None:
    """bulk_create with history rows, attributed like the surrounding changelog_context."""
    if not objs:
        return
    context = getattr(HistoricalRecords.context, "request", None)
    bulk_create_with_history(
        objs,
        model,
        batch_size=500,
        default_change_reason=getattr(context, "change_reason", "") or "载入演示数据",
    )


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), list(weights.values()))[0]


def load(rng: random.Random) -> str:
    # Only the shared demo organisations (kechuang.demo.orgs numbers them 7000xxxx / 9000xxxx):
    # organisations added by later demo apps must not change what this one draws.
    orgs = [
        o
        for o in Org.objects.filter(name__contains="示例")
        .select_related("region__parent")
        .order_by("uscc")
        if o.uscc[8:12] in ("7000", "9000")
    ]
    counties = list(
        Region.objects.filter(level=RegionLevel.COUNTY, code__startswith="4104").order_by("code")
    )
    townships = list(
        Region.objects.filter(level=RegionLevel.TOWNSHIP, parent__in=counties).order_by("code")
    )
    if not orgs or not townships:
        return "人才与科技特派员：缺少演示单位或区划，未载入"
    talents, n_talents = _talents(rng, orgs)
    n_honours = _honours(rng, talents)
    n_teams = _teams(rng, talents)
    commissioners, n_commissioners = _commissioners(rng, talents, orgs)
    plan = _assignments(rng, commissioners, counties, townships)
    n_logs, n_assessments = _logs_and_assessments(rng, plan)
    return (
        f"人才与科技特派员：新增人才 {n_talents} 名、入选人才计划 {n_honours} 条、创新团队 {n_teams} 个、"
        f"科技特派员 {n_commissioners} 名（个人与产业服务团）、服务对象 {plan['created']} 条、"
        f"服务日志 {n_logs} 条、年度考核 {n_assessments} 条"
    )


def _talents(rng, orgs) -> tuple[list[Talent], int]:
    """~600 talents; the non-enterprise organisations hold a larger share of high-level ones."""
    academic = [o for o in orgs if o.kind != OrgKind.ENTERPRISE]
    planned: dict[str, Talent] = {}
    for i in range(N_TALENTS):
        category = _pick(rng, CATEGORY_WEIGHTS)
        high = category != TalentCategory.SAIL
        org = rng.choice(academic if academic and high and rng.random() < 0.35 else orgs)
        gender = Gender.MALE if rng.random() < 0.68 else Gender.FEMALE
        born = date(rng.randint(*BIRTH_YEARS[category]), rng.randint(1, 12), rng.randint(1, 28))
        county = org.region.county or org.region
        sequence = rng.randint(0, 499) * 2 + (1 if gender == Gender.MALE else 0)
        industry, field, _word = rng.choice(INDUSTRY_FIELD)
        name = f"{rng.choice(FAMILY)}某{rng.choice(GIVEN)}"
        talent = Talent(
            name=name,
            gender=gender,
            birth_year=born.year,
            id_number=make_id_number(county.code, born, sequence),
            phone=f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
            category=category,
            title=rng.choice(TITLES[category]),
            education=rng.choice(EDUCATION[category]),
            field=field,
            industry=industry,
            org=org,
            region_id=org.region_id,
            description=f"示例数据：虚构人才（{i + 1:03d}），仅用于演示。",
            search_initials=pinyin_initials(name),
        )
        planned.setdefault(talent.id_number, talent)
    existing = set(Talent.objects.filter(id_number__in=planned).values_list("id_number", flat=True))
    new = [t for key, t in planned.items() if key not in existing]
    _bulk(Talent, new)
    by_number = {
        t.id_number: t for t in Talent.objects.filter(id_number__in=planned).select_related("org")
    }
    return [by_number[key] for key in planned], len(new)


def _honours(rng, talents) -> int:
    planned = []
    for talent in talents:
        programmes = PROGRAMMES[talent.category]
        if talent.category == TalentCategory.SAIL:
            count = 1 if rng.random() < 0.3 else 0
        else:
            count = rng.randint(1, len(programmes))
        for name, level in rng.sample(programmes, count):
            year = rng.randint(FIRST_YEAR, LAST_YEAR)
            planned.append(Honour(talent=talent, name=name, level=level, year=year))
    existing = set(Honour.objects.values_list("talent_id", "name", "year"))
    new = [h for h in planned if (h.talent_id, h.name, h.year) not in existing]
    _bulk(Honour, new)
    return len(new)


def _teams(rng, talents) -> int:
    """~40 teams led by 旗舰 / 航母 talents, with members from the leader's county."""
    leaders = [t for t in talents if t.category != TalentCategory.SAIL]
    leaders = rng.sample(leaders, min(N_TEAMS, len(leaders)))
    by_county = defaultdict(list)
    for t in talents:
        by_county[t.id_number[:6]].append(t)
    planned = []
    for i, leader in enumerate(leaders, start=1):
        industry, field, word = next(x for x in INDUSTRY_FIELD if x[0] == leader.industry)
        founded = rng.randint(FIRST_YEAR, LAST_YEAR - 1)
        pool = [t for t in by_county[leader.id_number[:6]] if t.pk != leader.pk]
        members = rng.sample(pool, min(len(pool), rng.randint(3, 7)))
        team = Team(
            name=f"{word}示例创新团队（{i:02d}）",
            leader=leader,
            org=leader.org,
            region_id=leader.org.region_id,
            field=field,
            industry=industry,
            founded_year=founded,
            description="示例数据：虚构创新团队，仅用于演示。",
        )
        team.search_initials = pinyin_initials(team.name)
        roles = [(leader, "团队带头人", founded)] + [
            (m, rng.choice(("核心成员", "骨干", "技术负责人")), rng.randint(founded, LAST_YEAR))
            for m in members
        ]
        planned.append((team, roles))
    existing = set(Team.objects.values_list("name", flat=True))
    new = [(team, roles) for team, roles in planned if team.name not in existing]
    _bulk(Team, [team for team, _ in new])
    saved = {t.name: t for t in Team.objects.filter(name__in=[team.name for team, _ in new])}
    _bulk(
        TeamMember,
        [
            TeamMember(team=saved[team.name], talent=talent, role=role, joined_year=year)
            for team, roles in new
            for talent, role, year in roles
        ],
    )
    return len(new)


def _commissioners(rng, talents, orgs) -> tuple[list[Commissioner], int]:
    """~100 individual commissioners (talents) and ~20 产业科技特派员服务团."""
    academic = [o for o in orgs if o.kind != OrgKind.ENTERPRISE] or orgs
    chosen = rng.sample(talents, min(N_INDIVIDUALS, len(talents)))
    planned = []
    for talent in chosen:
        planned.append(
            Commissioner(
                kind=CommissionerKind.INDIVIDUAL,
                talent=talent,
                name=talent.name,
                level=_pick(rng, {Level.NATIONAL: 6, Level.PROVINCIAL: 34, Level.MUNICIPAL: 60}),
                home_org=talent.org,
                region_id=talent.org.region_id,
                speciality=rng.choice(SPECIALITIES),
                active=rng.random() < 0.92,
            )
        )
    for i in range(1, N_GROUPS + 1):
        speciality = rng.choice(SPECIALITIES)
        org = rng.choice(academic)
        planned.append(
            Commissioner(
                kind=CommissionerKind.GROUP,
                name=f"{speciality}产业科技特派员服务团（示例{i:02d}）",
                level=_pick(rng, {Level.PROVINCIAL: 50, Level.MUNICIPAL: 50}),
                home_org=org,
                region_id=org.region_id,
                speciality=speciality,
                active=True,
            )
        )
    for c in planned:
        c.search_initials = pinyin_initials(c.name)
    existing_talents = set(
        Commissioner.objects.filter(talent__isnull=False).values_list("talent_id", flat=True)
    )
    existing_groups = set(
        Commissioner.objects.filter(kind=CommissionerKind.GROUP).values_list("name", flat=True)
    )
    new = [
        c
        for c in planned
        if (c.talent_id not in existing_talents if c.talent_id else c.name not in existing_groups)
    ]
    _bulk(Commissioner, new)
    by_talent = {
        c.talent_id: c for c in Commissioner.objects.filter(talent__in=[t.pk for t in chosen])
    }
    by_name = {
        c.name: c
        for c in Commissioner.objects.filter(
            kind=CommissionerKind.GROUP, name__in=[c.name for c in planned if not c.talent_id]
        )
    }
    saved = [by_talent[c.talent_id] if c.talent_id else by_name[c.name] for c in planned]
    return saved, len(new)


def _first_years(rng, count: int) -> list[int]:
    """Years from which each of `count` townships is covered: ~60 % by 2016, all by 2025."""
    early = round(count * 0.6)
    late = count - early
    years = [rng.randint(2014, FIRST_YEAR) for _ in range(early)]
    span = LAST_YEAR - FIRST_YEAR
    years += [FIRST_YEAR + 1 + (k * span) // max(late, 1) for k in range(late)]
    rng.shuffle(years)
    return years


def _assignments(rng, commissioners, counties, townships) -> dict:
    """Each township gets a covering chain of assignments; about 70 % of villages get one later.

    Every open-ended assignment belongs to an active commissioner, so coverage never lapses.
    """
    by_county = defaultdict(list)
    for town in townships:
        by_county[town.parent_id].append(town)
    served_counties = [c for c in counties if by_county[c.pk]]
    pool = defaultdict(list)  # county → commissioners serving there
    order = list(commissioners)
    rng.shuffle(order)
    order.sort(key=lambda c: not c.active)  # an active commissioner in every county first
    weights = [len(by_county[c.pk]) for c in served_counties]
    for i, commissioner in enumerate(order):
        county = (
            served_counties[i]
            if i < len(served_counties)
            else rng.choices(served_counties, weights)[0]
        )
        pool[county.pk].append(commissioner)
    villages = defaultdict(list)
    for v in Region.objects.filter(level=RegionLevel.VILLAGE, parent__in=townships).order_by(
        "code"
    ):
        villages[v.parent_id].append(v)

    planned = []
    for town, first in zip(townships, _first_years(rng, len(townships)), strict=True):
        candidates = pool[town.parent_id]
        active = [c for c in candidates if c.active] or candidates
        current = rng.choice(active)
        if first <= 2021 and rng.random() < 0.3:
            ended = rng.randint(first + 1, 2023)
            planned.append(
                Assignment(
                    commissioner=rng.choice(candidates),
                    region=town,
                    start_year=first,
                    end_year=ended,
                )
            )
            planned.append(Assignment(commissioner=current, region=town, start_year=ended + 1))
        else:
            planned.append(Assignment(commissioner=current, region=town, start_year=first))
        for village in villages[town.pk]:
            if rng.random() < 0.3:
                continue
            start = max(
                first,
                rng.choice((2014, 2015, 2016, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025)),
            )
            planned.append(Assignment(commissioner=current, region=village, start_year=start))
    existing = set(Assignment.objects.values_list("commissioner_id", "region_id", "start_year"))
    new = [a for a in planned if (a.commissioner_id, a.region_id, a.start_year) not in existing]
    _bulk(Assignment, new)
    return {"assignments": planned, "created": len(new)}


def _logs_and_assessments(rng, plan) -> tuple[int, int]:
    """Service logs for each commissioner and year of service, then that year's assessment."""
    served = defaultdict(list)  # (commissioner, year) → regions
    for a in plan["assignments"]:
        last = a.end_year or LAST_YEAR
        for year in range(max(a.start_year, FIRST_YEAR), min(last, LAST_YEAR) + 1):
            served[(a.commissioner, year)].append(a.region)
    today = date.today()
    logs, assessments = [], []
    for (commissioner, year), regions in sorted(
        served.items(), key=lambda item: (item[0][0].pk, item[0][1])
    ):
        n = rng.randint(8, 14)
        days_total = Decimal(0)
        for _ in range(n):
            when = date(year, rng.randint(1, 12), rng.randint(1, 28))
            when = min(when, today)
            days = rng.choice(DAYS)
            days_total += days
            region = rng.choice(regions)
            logs.append(
                ServiceLog(
                    commissioner=commissioner,
                    date=when,
                    days=days,
                    region=region,
                    content=(
                        f"{commissioner.speciality}{rng.choice(ACTIVITIES)}（示例）：在{region.name}"
                        "开展技术服务。"
                    ),
                    beneficiaries=rng.randint(5, 120),
                )
            )
        met = days_total >= 30 or n >= 12
        # The quota (≥ 30 days or ≥ 12 visits a year) weighs on the result.
        result = _pick(rng, RESULT_WEIGHTS if met else UNMET_WEIGHTS)
        assessments.append(
            Assessment(
                commissioner=commissioner,
                year=year,
                result=result,
                comment=f"示例：全年服务 {n} 次、{format(days_total.normalize(), 'f')} 天。",
            )
        )
    existing_logs = set(ServiceLog.objects.values_list("commissioner_id", "date", "region_id"))
    seen = set()
    new_logs = []
    for log in logs:
        key = (log.commissioner_id, log.date, log.region_id)
        if key not in existing_logs and key not in seen:
            seen.add(key)
            new_logs.append(log)
    _bulk(ServiceLog, new_logs)
    existing = set(Assessment.objects.values_list("commissioner_id", "year"))
    new_assessments = [a for a in assessments if (a.commissioner_id, a.year) not in existing]
    _bulk(Assessment, new_assessments)
    return len(new_logs), len(new_assessments)
