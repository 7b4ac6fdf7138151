"""Demo innovation platforms for Pingdingshan, 2005–2025, with annual reports from 2016.

The state at the end of 2020 reproduces the plan's figures (一(一)): 305 platforms in operation,
112 of them provincial. Every name carries 示例; codes start with ``SLPT-`` (the natural key).
"""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from kechuang.core.choices import KeyIndustry, Level, TechField
from kechuang.core.text import pinyin_initials
from kechuang.orgs.choices import OrgKind
from kechuang.orgs.models import Org

from .choices import PlatformKind, PlatformStatus, ReportStatus
from .models import Platform, PlatformReport

BASELINE_DAY = date(2020, 12, 31)
OPERATING_2020 = 305
PROVINCIAL_2020 = 112
REVOKED_BY_2020 = 7
REVOKED_LATER = 6
FIRST_REPORT_YEAR = 2016
LAST_REPORT_YEAR = 2025

# New platforms approved per year up to 2020 (312 = 305 operating + 7 revoked by then).
APPROVALS = {
    2005: 5,
    2006: 6,
    2007: 7,
    2008: 8,
    2009: 9,
    2010: 10,
    2011: 11,
    2012: 12,
    2013: 14,
    2014: 17,
    2015: 21,
    2016: 24,
    2017: 32,
    2018: 40,
    2019: 46,
    2020: 50,
}

# National platforms: (year, kind, name, industry, tech field, host name word, co-host kind).
NATIONAL = (
    (
        2008,
        PlatformKind.KEY_LAB,
        "炼焦煤资源开发及综合利用国家重点实验室（示例）",
        KeyIndustry.COAL_CHEMICAL,
        TechField.RESOURCES_ENVIRONMENT,
        "煤化工",
        OrgKind.UNIVERSITY,
    ),
    (
        2011,
        PlatformKind.ENTERPRISE_CENTER,
        "尼龙化工国家企业技术中心（示例）",
        KeyIndustry.NYLON,
        TechField.NEW_MATERIALS,
        "尼龙新材料",
        None,
    ),
    (
        2014,
        PlatformKind.KEY_LAB,
        "国家能源高效清洁炼焦技术重点实验室（示例）",
        KeyIndustry.COAL_CHEMICAL,
        TechField.NEW_ENERGY,
        "煤化工",
        OrgKind.INSTITUTE,
    ),
    (
        2018,
        PlatformKind.ENTERPRISE_CENTER,
        "特种钢板国家企业技术中心（示例）",
        KeyIndustry.SPECIAL_STEEL,
        TechField.NEW_MATERIALS,
        "特钢",
        None,
    ),
)

INDUSTRY_WEIGHTS = {
    KeyIndustry.NYLON: 22,
    KeyIndustry.ELECTRICAL: 15,
    KeyIndustry.SPECIAL_STEEL: 14,
    KeyIndustry.COAL_CHEMICAL: 8,
    KeyIndustry.SILICON_CARBON: 7,
    KeyIndustry.ENERGY_STORAGE: 6,
    KeyIndustry.NEW_IT: 8,
    KeyIndustry.ADVANCED_EQUIPMENT: 8,
    KeyIndustry.BIOMEDICINE: 5,
    KeyIndustry.AGRICULTURE: 5,
    KeyIndustry.OTHER: 2,
}
# Industry → (words in demo organisations' names, technical field, topics for platform names).
INDUSTRY_DETAILS = {
    KeyIndustry.NYLON: (
        ("尼龙新材料", "尼龙纤维"),
        TechField.NEW_MATERIALS,
        ("尼龙66盐", "尼龙工程塑料", "锦纶纤维", "己二腈", "尼龙改性材料", "帘子布"),
    ),
    KeyIndustry.ELECTRICAL: (
        ("电气装备",),
        TechField.ADVANCED_MANUFACTURING,
        ("高压开关", "智能电网装备", "输变电设备", "电力电缆", "绝缘材料"),
    ),
    KeyIndustry.SPECIAL_STEEL: (
        ("特钢", "不锈钢"),
        TechField.NEW_MATERIALS,
        ("特厚钢板", "不锈钢精深加工", "耐磨钢", "合金钢"),
    ),
    KeyIndustry.COAL_CHEMICAL: (
        ("煤化工",),
        TechField.RESOURCES_ENVIRONMENT,
        ("煤炭清洁利用", "焦化副产品", "矿井安全", "煤基新材料"),
    ),
    KeyIndustry.SILICON_CARBON: (
        ("硅碳新材料",),
        TechField.NEW_MATERIALS,
        ("碳化硅", "高纯硅烷", "碳纤维复合材料", "石墨材料"),
    ),
    KeyIndustry.ENERGY_STORAGE: (
        ("储能",),
        TechField.NEW_ENERGY,
        ("锂电池材料", "储能系统", "氢能装备"),
    ),
    KeyIndustry.NEW_IT: (
        ("电子信息", "软件"),
        TechField.ELECTRONICS,
        ("工业互联网", "智能传感", "大数据应用", "信息安全"),
    ),
    KeyIndustry.ADVANCED_EQUIPMENT: (
        ("智能制造",),
        TechField.ADVANCED_MANUFACTURING,
        ("智能矿山装备", "工业机器人", "精密铸造", "液压装备"),
    ),
    KeyIndustry.BIOMEDICINE: (
        ("生物医药",),
        TechField.BIO_MEDICINE,
        ("中药制剂", "生物制药", "医疗器械"),
    ),
    KeyIndustry.AGRICULTURE: (
        ("现代农业",),
        TechField.BIO_MEDICINE,
        ("食用菌", "优质小麦", "农产品加工", "畜禽养殖"),
    ),
    KeyIndustry.OTHER: (
        ("检验检测", "节能环保"),
        TechField.HIGH_TECH_SERVICES,
        ("检验检测", "节能环保", "工业设计"),
    ),
}
KIND_WEIGHTS = {
    PlatformKind.ENGINEERING_CENTER: 34,
    PlatformKind.ENTERPRISE_CENTER: 34,
    PlatformKind.KEY_LAB: 12,
    PlatformKind.NEW_RD_INSTITUTION: 6,
    PlatformKind.ACADEMICIAN_STATION: 4,
    PlatformKind.POSTDOC_STATION: 4,
    PlatformKind.PILOT_BASE: 3,
    PlatformKind.INTERNATIONAL_LAB: 2,
    PlatformKind.OTHER: 1,
}
ACADEMIC_KINDS = (
    PlatformKind.KEY_LAB,
    PlatformKind.NEW_RD_INSTITUTION,
    PlatformKind.INTERNATIONAL_LAB,
)
LEVEL_PREFIX = {Level.NATIONAL: "国家", Level.PROVINCIAL: "河南省", Level.MUNICIPAL: "平顶山市"}
DOC_PREFIX = {Level.NATIONAL: "国科发", Level.PROVINCIAL: "豫科", Level.MUNICIPAL: "平科"}
# Yearly R&D spend (万元) of a mature platform, by level.
RD_SCALE = {
    Level.NATIONAL: (6000, 15000),
    Level.PROVINCIAL: (400, 2500),
    Level.MUNICIPAL: (60, 500),
}
STAFF_SCALE = {Level.NATIONAL: (150, 400), Level.PROVINCIAL: (30, 120), Level.MUNICIPAL: (10, 45)}
FAMILY_NAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
CENT = Decimal("0.01")


def _day_in(rng: random.Random, year: int, first: date | None = None, last: date | None = None):
    start = max(date(year, 1, 1), first or date.min)
    end = min(date(year, 12, 31), last or date.max)
    if end < start:
        return start
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _plan(rng: random.Random) -> list[dict]:
    """Every demo platform as a dict (no database access): level, kind, dates, status events."""
    specs = []
    for year, count in APPROVALS.items():
        specs.extend({"year": year} for _ in range(count))
    # National platforms take a slot of their approval year, so yearly totals stay as above.
    taken = set()
    for national in NATIONAL:
        i = next(i for i, s in enumerate(specs) if s["year"] == national[0] and i not in taken)
        taken.add(i)
        specs[i].update(level=Level.NATIONAL, national=national)
    others = [i for i in range(len(specs)) if i not in taken]
    revoked_early = rng.sample([i for i in others if specs[i]["year"] <= 2016], REVOKED_BY_2020)
    operating = [i for i in others if i not in revoked_early]
    levels = [Level.PROVINCIAL] * PROVINCIAL_2020
    levels += [Level.MUNICIPAL] * (OPERATING_2020 - len(NATIONAL) - PROVINCIAL_2020)
    rng.shuffle(levels)
    for i, level in zip(operating, levels, strict=True):
        specs[i]["level"] = level
    for i in revoked_early:
        specs[i]["level"] = rng.choice((Level.PROVINCIAL, Level.MUNICIPAL, Level.MUNICIPAL))
    for year in range(2021, 2026):
        for _ in range(rng.randint(20, 35)):
            level = Level.PROVINCIAL if rng.random() < 0.35 else Level.MUNICIPAL
            specs.append({"year": year, "level": level})
    for spec in specs:
        spec["approved_on"] = _day_in(rng, spec["year"])
        spec["events"] = []
    # Status changes: revoked by 2020 (often after a warning), revoked later, warnings, 整改.
    for i in revoked_early:
        spec = specs[i]
        revoked = _day_in(rng, rng.randint(max(spec["year"] + 2, 2016), 2020))
        if rng.random() < 0.6:
            warned = revoked - timedelta(days=rng.randint(200, 400))
            spec["events"].append((warned, PlatformStatus.WARNING))
        spec["events"].append((revoked, PlatformStatus.REVOKED))
    candidates = [i for i in operating if specs[i]["level"] != Level.NATIONAL]
    chosen = rng.sample(candidates, REVOKED_LATER + 16)
    for i in chosen[:REVOKED_LATER]:
        spec = specs[i]
        revoked = _day_in(rng, rng.randint(2021, 2025))
        warned = revoked - timedelta(days=rng.randint(200, 400))
        spec["events"].append((warned, PlatformStatus.WARNING))
        spec["events"].append((revoked, PlatformStatus.REVOKED))
    for n, i in enumerate(chosen[REVOKED_LATER:]):
        spec = specs[i]
        year = rng.randint(max(spec["year"] + 1, 2017), 2025)
        status = PlatformStatus.WARNING if n % 3 else PlatformStatus.RECTIFYING
        spec["events"].append((_day_in(rng, year), status))
        if year < 2025 and n % 2 == 0:
            spec["events"].append((_day_in(rng, year + 1), PlatformStatus.OPERATING))
    for spec in specs:
        # An event must not precede approval (warnings computed backwards from a revocation).
        spec["events"] = [(max(d, spec["approved_on"]), s) for d, s in spec["events"]]
    return specs


def _hosts(rng, kind, industry, pools):
    words = INDUSTRY_DETAILS[industry][0]
    matching = [o for o in pools["enterprise"] if any(w in o.name for w in words)]
    enterprises = matching or pools["enterprise"]
    if kind in ACADEMIC_KINDS and pools["academic"] and rng.random() < 0.4:
        host = rng.choice(pools["academic"])
    else:
        host = rng.choice(enterprises)
    co_hosts = []
    wants_partner = kind == PlatformKind.NEW_RD_INSTITUTION or rng.random() < 0.08
    if wants_partner:
        partners = pools["academic"] if host.kind == OrgKind.ENTERPRISE else enterprises
        partners = [o for o in partners if o.pk != host.pk]
        if partners:
            co_hosts.append(rng.choice(partners))
    return host, co_hosts


def _platform(rng, n, spec, pools) -> tuple[Platform, list[Org]]:
    level = spec["level"]
    if "national" in spec:
        _year, kind, name, industry, tech_field, word, co_kind = spec["national"]
        host = next((o for o in pools["enterprise"] if word in o.name), pools["enterprise"][0])
        co_hosts = [o for o in pools["academic"] if o.kind == co_kind][:1]
    else:
        kind = rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
        if kind == PlatformKind.NEW_RD_INSTITUTION and spec["year"] < 2017:
            kind = PlatformKind.ENGINEERING_CENTER  # Henan files new R&D institutions since 2017
        industry = rng.choices(list(INDUSTRY_WEIGHTS), list(INDUSTRY_WEIGHTS.values()))[0]
        tech_field = INDUSTRY_DETAILS[industry][1]
        topic = rng.choice(INDUSTRY_DETAILS[industry][2])
        name = f"{LEVEL_PREFIX[level]}{topic}{PlatformKind(kind).label}（示例{n:03d}）"
        host, co_hosts = _hosts(rng, kind, industry, pools)
    approved_on = spec["approved_on"]
    platform = Platform(
        name=name,
        code=f"SLPT-{approved_on.year}-{n:04d}",
        kind=kind,
        level=level,
        host=host,
        tech_field=tech_field,
        industry=industry,
        region_id=host.region_id,
        approved_on=approved_on,
        approval_doc=f"{DOC_PREFIX[level]}〔{approved_on.year}〕{rng.randint(3, 160)}号",
        status=PlatformStatus.OPERATING,
        status_since=approved_on,
        director=rng.choice(FAMILY_NAMES) + "某某",
        description="演示数据：虚构平台，仅用于展示。",
        search_initials=pinyin_initials(name),
    )
    return platform, co_hosts


def _money(value: float) -> Decimal:
    return Decimal(str(max(value, 0))).quantize(CENT)


def _reports(rng, platform: Platform, revoked_on: date | None) -> list[PlatformReport]:
    first = max(FIRST_REPORT_YEAR, platform.approved_on.year)
    last = LAST_REPORT_YEAR if revoked_on is None else min(LAST_REPORT_YEAR, revoked_on.year - 1)
    scale = rng.uniform(*RD_SCALE[platform.level])
    staff_base = rng.uniform(*STAFF_SCALE[platform.level])
    growth = rng.uniform(0.04, 0.11)
    # Per platform: R&D spend per patent application (万元) and the grant rate.
    spend_per_patent = rng.uniform(60, 140)
    grant_rate = rng.uniform(0.5, 0.9)
    researcher_share = rng.uniform(0.6, 0.8)
    senior_share = rng.uniform(0.2, 0.4)
    staff_per_project = rng.uniform(3, 6)
    academic = platform.host.kind != OrgKind.ENTERPRISE
    reports = []
    for year in range(first, last + 1):
        t = year - FIRST_REPORT_YEAR
        ramp = min(1.0, 0.55 + 0.15 * (year - platform.approved_on.year))
        rd = scale * (1 + growth) ** t * ramp * rng.uniform(0.9, 1.1)
        staff = max(5, round(staff_base * (1 + 0.04 * t) * ramp * rng.uniform(0.95, 1.05)))
        researchers = round(staff * researcher_share * rng.uniform(0.95, 1.05))
        applied = round(rd / spend_per_patent * rng.uniform(0.85, 1.15)) + rng.randint(0, 2)
        # Grants follow earlier applications, so a year's grants may exceed its applications.
        granted = round(applied * grant_rate * rng.uniform(0.8, 1.25))
        transferred = round(rd / 250 * rng.uniform(0.5, 1.5)) + rng.randint(0, 1)
        if year < LAST_REPORT_YEAR:
            status = ReportStatus.APPROVED
        else:
            status = rng.choices(
                (ReportStatus.SUBMITTED, ReportStatus.DRAFT, ReportStatus.RETURNED), (65, 25, 10)
            )[0]
        submitted_at = None
        if status != ReportStatus.DRAFT:
            moment = datetime(
                year + 1, rng.randint(1, 3), rng.randint(1, 28), 9 + rng.randint(0, 8)
            )
            submitted_at = timezone.make_aware(moment)
        reports.append(
            PlatformReport(
                platform=platform,
                year=year,
                rd_spend_wan=_money(rd),
                staff=staff,
                researchers=researchers,
                senior_researchers=round(researchers * senior_share * rng.uniform(0.9, 1.1)),
                projects=max(1, round(staff / staff_per_project * rng.uniform(0.9, 1.1))),
                project_funding_wan=_money(rd * rng.uniform(0.15, 0.45)),
                patents_applied=applied,
                patents_granted=granted,
                invention_patents_granted=round(granted * rng.uniform(0.1, 0.4)),
                achievements_transferred=transferred,
                transfer_income_wan=_money(transferred * rng.uniform(20, 200)),
                cooperation_projects=rng.randint(0, 3) + round(rd / 400),
                income_wan=_money(rd * rng.uniform(0.1, 0.6)),
                equipment_value_wan=_money(scale * rng.uniform(1.0, 2.5) * (1 + 0.06 * t)),
                standards=rng.choices((0, 1, 2, 3), (60, 25, 10, 5))[0],
                papers=rng.randint(0, 4)
                + (round(staff * rng.uniform(0.2, 0.5)) if academic else 0),
                status=status,
                submitted_at=submitted_at,
                review_comment="请补充研发投入明细（演示）"
                if status == ReportStatus.RETURNED
                else "",
            )
        )
    return reports


def load(rng: random.Random) -> str:
    """Add the demo platforms and their annual reports; a second run adds nothing."""
    orgs = list(Org.objects.filter(name__contains="示例").order_by("uscc"))
    pools = {
        "enterprise": [o for o in orgs if o.kind == OrgKind.ENTERPRISE],
        "academic": [o for o in orgs if o.kind in (OrgKind.UNIVERSITY, OrgKind.INSTITUTE)],
    }
    if not pools["enterprise"]:
        return "创新平台：没有演示企业，未载入"
    specs = _plan(rng)
    # Everything is drawn before looking at the database, so reruns draw the same values.
    built = []
    for n, spec in enumerate(specs, start=1):
        platform, co_hosts = _platform(rng, n, spec, pools)
        revoked = [d for d, s in spec["events"] if s == PlatformStatus.REVOKED]
        built.append(
            (spec, platform, co_hosts, _reports(rng, platform, max(revoked, default=None)))
        )
    existing = set(Platform.objects.filter(code__startswith="SLPT-").values_list("code", flat=True))
    new = [row for row in built if row[1].code not in existing]
    request = getattr(HistoricalRecords.context, "request", None)
    reason = getattr(request, "change_reason", "") or "载入演示数据"
    bulk_create_with_history([row[1] for row in new], Platform, default_change_reason=reason)
    saved = {p.code: p for p in Platform.objects.filter(code__in=[row[1].code for row in new])}
    through = Platform.co_hosts.through
    through.objects.bulk_create(
        [
            through(platform_id=saved[p.code].pk, org_id=o.pk)
            for _spec, p, co_hosts, _reports_ in new
            for o in co_hosts
        ]
    )
    reports = []
    for spec, p, _co_hosts, platform_reports in new:
        platform = saved[p.code]
        for day, status in spec["events"]:
            # One history record per change, so the detail page can show the status timeline.
            platform.status = status
            platform.status_since = day
            platform.revoked_on = day if status == PlatformStatus.REVOKED else None
            platform.save()
        for report in platform_reports:
            report.platform = platform
        reports.extend(platform_reports)
    bulk_create_with_history(reports, PlatformReport, batch_size=1000, default_change_reason=reason)
    operating = Platform.objects.filter(code__startswith="SLPT-").operating_at(BASELINE_DAY)
    provincial = operating.filter(level=Level.PROVINCIAL).count()
    return (
        f"创新平台：新增 {len(new)} 个、年报 {len(reports)} 份；"
        f"2020年末在运行 {operating.count()} 个，其中省级 {provincial} 个"
    )
