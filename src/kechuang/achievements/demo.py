"""Demo data for 成果转化: achievements with appraisals, enterprise demands and technology contracts
2016–2025. Everything is invented (marked 示例); the yearly 技术合同成交额 of sellers inside
Pingdingshan follows YEAR_TARGETS_WAN exactly, 2020 being the plan's figure (7.54 亿元)."""

import random
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from simple_history.utils import bulk_create_with_history

from kechuang.core.choices import KeyIndustry, TechField
from kechuang.core.text import pinyin_initials
from kechuang.orgs.choices import OrgKind
from kechuang.orgs.models import Org

from .choices import (
    AchievementStatus,
    AppraisalConclusion,
    AppraisalKind,
    ContractKind,
    DemandStatus,
)
from .models import Achievement, Appraisal, Contract, Demand

MARK = "【示例】"
CITY_PATH = "/410000/410400/"
YEARS = range(2016, 2026)
# 技术合同成交额 (万元) of contracts whose seller is in Pingdingshan, by year signed. 2020 is the
# plan's baseline (平顶山"十四五"规划 一(一): 7.54 亿元); the other years are a plausible trend.
YEAR_TARGETS_WAN = {
    2016: 31000,
    2017: 37600,
    2018: 45800,
    2019: 58200,
    2020: 75400,
    2021: 86500,
    2022: 99800,
    2023: 115600,
    2024: 132000,
    2025: 150000,
}
AVERAGE_CONTRACT_WAN = 320
ACHIEVEMENTS = 400
DEMANDS = 150

# Key industry → (technology field, word in demo enterprise names, achievement topics, keywords).
INDUSTRIES = {
    KeyIndustry.NYLON: (
        TechField.NEW_MATERIALS,
        ("尼龙",),
        (
            "尼龙66盐连续聚合工艺",
            "己二腈国产化合成技术",
            "己二胺加氢催化工艺",
            "高强尼龙66工业丝纺丝技术",
            "尼龙6切片连续聚合工艺",
            "长碳链尼龙生物基合成技术",
            "尼龙工程塑料增韧改性技术",
            "玻纤增强尼龙复合材料",
            "尼龙气囊丝织造技术",
            "尼龙薄膜双向拉伸工艺",
        ),
        ("尼龙66", "己二腈", "聚合", "纺丝", "工程塑料", "改性", "复合材料", "帘子布"),
    ),
    KeyIndustry.ELECTRICAL: (
        TechField.ADVANCED_MANUFACTURING,
        ("电气",),
        (
            "GIS 气体绝缘开关设备",
            "特高压交流隔离开关",
            "高压断路器灭弧室设计",
            "智能配电开关柜",
            "环保气体绝缘环网柜",
            "输变电设备在线监测系统",
            "复合绝缘子制造工艺",
            "高压电抗器降噪技术",
        ),
        ("GIS", "特高压", "断路器", "绝缘", "开关设备", "在线监测", "智能电网"),
    ),
    KeyIndustry.SPECIAL_STEEL: (
        TechField.NEW_MATERIALS,
        ("特钢", "不锈钢"),
        (
            "特厚钢板轧制技术",
            "临氢设备用铬钼钢板",
            "超纯铁素体不锈钢冶炼技术",
            "风电用高强度钢板",
            "连铸坯中心偏析控制技术",
            "耐蚀不锈钢精密带材",
            "海洋工程用特厚钢板",
        ),
        ("特厚板", "轧制", "不锈钢", "连铸", "热处理", "高强钢", "冶炼"),
    ),
    KeyIndustry.NEW_IT: (
        TechField.ELECTRONICS,
        ("电子信息", "软件"),
        (
            "工业互联网标识解析平台",
            "煤矿安全监测物联网系统",
            "智慧园区数字孪生平台",
            "工业视觉缺陷检测系统",
            "电力设备巡检机器人视觉算法",
            "政务数据共享交换平台",
        ),
        ("工业互联网", "物联网", "数字孪生", "机器视觉", "大数据", "人工智能"),
    ),
    KeyIndustry.ENERGY_STORAGE: (
        TechField.NEW_ENERGY,
        ("储能",),
        (
            "磷酸铁锂储能电池管理系统",
            "钠离子电池正极材料",
            "储能变流器控制技术",
            "全钒液流电池电解液制备",
            "光储充一体化系统",
        ),
        ("储能", "电池管理", "钠离子", "液流电池", "变流器", "光伏"),
    ),
    KeyIndustry.SILICON_CARBON: (
        TechField.NEW_MATERIALS,
        ("硅碳",),
        (
            "高纯碳化硅粉体制备",
            "锂电池硅碳负极材料",
            "等静压石墨制备技术",
            "碳化硅陶瓷膜",
            "针状焦制备工艺",
        ),
        ("碳化硅", "硅碳负极", "石墨", "针状焦", "陶瓷膜"),
    ),
    KeyIndustry.ADVANCED_EQUIPMENT: (
        TechField.ADVANCED_MANUFACTURING,
        ("智能制造",),
        (
            "煤矿智能综采装备",
            "矿用防爆电机",
            "液压支架电液控制系统",
            "盾构机主轴承密封",
            "工业机器人关节减速器",
        ),
        ("智能制造", "综采", "防爆", "液压支架", "减速器", "机器人"),
    ),
    KeyIndustry.BIOMEDICINE: (
        TechField.BIO_MEDICINE,
        ("生物医药",),
        (
            "中药配方颗粒质量控制技术",
            "艾草提取物制备工艺",
            "医用防护材料",
            "慢病管理数字疗法",
            "生物发酵饲料",
        ),
        ("中药", "艾草", "提取", "医用材料", "发酵", "质量控制"),
    ),
    KeyIndustry.AGRICULTURE: (
        TechField.BIO_MEDICINE,
        ("现代农业",),
        (
            "小麦高产抗逆品种选育",
            "烟叶绿色防控技术",
            "食用菌工厂化栽培",
            "设施蔬菜水肥一体化",
            "花生机械化收获技术",
        ),
        ("小麦", "育种", "绿色防控", "食用菌", "水肥一体化", "农机"),
    ),
    KeyIndustry.COAL_CHEMICAL: (
        TechField.RESOURCES_ENVIRONMENT,
        ("煤化工",),
        (
            "煤矸石综合利用技术",
            "焦炉煤气制氢",
            "煤焦油深加工",
            "矿井水深度处理",
            "瓦斯抽采利用",
            "煤化工废水零排放",
        ),
        ("煤矸石", "焦炉煤气", "制氢", "煤焦油", "矿井水", "瓦斯", "零排放"),
    ),
}
INDUSTRY_WEIGHTS = {
    KeyIndustry.NYLON: 16,
    KeyIndustry.ELECTRICAL: 13,
    KeyIndustry.SPECIAL_STEEL: 11,
    KeyIndustry.NEW_IT: 8,
    KeyIndustry.ENERGY_STORAGE: 8,
    KeyIndustry.SILICON_CARBON: 8,
    KeyIndustry.ADVANCED_EQUIPMENT: 10,
    KeyIndustry.BIOMEDICINE: 6,
    KeyIndustry.AGRICULTURE: 6,
    KeyIndustry.COAL_CHEMICAL: 8,
}
# Institutes and universities of demo/orgs.py that specialise in one industry.
INSTITUTE_INDUSTRY = {
    "尼龙": KeyIndustry.NYLON,
    "电气装备": KeyIndustry.ELECTRICAL,
    "农业": KeyIndustry.AGRICULTURE,
    "医院": KeyIndustry.BIOMEDICINE,
}
QUALIFIERS = (
    "",
    "研究与应用",
    "关键技术研究",
    "工程化应用",
    "产业化示范",
    "优化与集成",
    "智能化升级",
    "绿色低碳改造",
)
PREFIXES = ("", "", "新型", "高效", "低成本", "高性能")
DEMAND_PROBLEMS = (
    "{t}工艺瓶颈攻关",
    "{t}成本降低",
    "{t}国产化替代",
    "{t}质量稳定性提升",
    "{t}能耗降低",
    "{t}智能化改造",
)
# Places outside the city: (text, region code used in the registration number).
OUTSIDE_PLACES = (
    ("郑州市", "410100"),
    ("洛阳市", "410300"),
    ("许昌市", "411000"),
    ("北京市海淀区", "110108"),
    ("上海市", "310000"),
    ("武汉市", "420100"),
    ("西安市", "610100"),
    ("江苏省苏州市", "320500"),
    ("天津市", "120000"),
    ("广东省深圳市", "440300"),
)
OUTSIDE_SUFFIXES = ("科技有限公司", "研究院", "技术有限公司", "大学技术转移中心", "股份有限公司")
KIND_WEIGHTS = {
    ContractKind.DEVELOPMENT: 35,
    ContractKind.SERVICE: 30,
    ContractKind.CONSULTING: 10,
    ContractKind.TRANSFER: 15,
    ContractKind.LICENSING: 10,
}
# Share of the contract value that is technical income (技术交易额), by contract type.
TECH_SHARE = {
    ContractKind.DEVELOPMENT: (0.70, 0.98),
    ContractKind.SERVICE: (0.85, 1.0),
    ContractKind.CONSULTING: (0.95, 1.0),
    ContractKind.TRANSFER: (0.92, 1.0),
    ContractKind.LICENSING: (0.92, 1.0),
}
ORGANISERS = ("平顶山市科学技术局", "河南省技术市场协会", "示例科技评估中心", "示例理工学院科技处")
EXPERTS = ("张某某", "李某某", "王某某", "刘某某", "陈某某", "杨某某", "赵某某")
TITLES = ("教授", "研究员", "正高级工程师", "高级工程师")
TODAY = date.today()
LAST_DAY = min(date(YEARS[-1], 12, 31), TODAY)


def load(rng: random.Random) -> str:
    """Add the demo achievements, appraisals, demands and contracts that are not there yet."""
    orgs = list(Org.objects.filter(region__path__startswith=CITY_PATH).order_by("uscc"))
    if not orgs:
        return "成果转化：没有演示单位，未载入"
    pools = _pools(orgs)
    # One generator per part, so that what a part draws never depends on what is already saved.
    rngs = [random.Random(rng.getrandbits(64)) for _ in range(4)]
    achievements = _load_achievements(rngs[0], pools)
    appraisals = _load_appraisals(rngs[1], achievements)
    demands = _load_demands(rngs[2], pools)
    contracts, total_2020 = _load_contracts(rngs[3], pools)
    matches = _load_matches(random.Random(rng.getrandbits(64)))
    return (
        f"成果转化：新增科技成果 {len(achievements)} 项、评价记录 {appraisals} 条、技术需求 {demands} 项、"
        f"技术合同 {contracts} 份（2020 年市内卖方合同成交额 {total_2020 / 10000:,.2f} 亿元）、"
        f"供需对接 {matches} 条"
    )


MATCH_STATUSES = {"proposed": 40, "contacted": 20, "negotiating": 15, "signed": 15, "failed": 10}


def _load_matches(rng) -> int:
    """Match records for the first demands: each demand's best achievement by the matching engine,
    at a plausible stage; "signed" only where that achievement has a registered contract."""
    from kechuang.matching import Index

    from .matching import achievement_doc, demand_doc
    from .models import MatchRecord

    if MatchRecord.objects.exists():
        return 0
    achievements = {a.pk: a for a in Achievement.objects.all()}
    index = Index(achievement_doc(a) for a in achievements.values())
    contracts = {}
    for contract in Contract.objects.filter(achievement__isnull=False).order_by("pk"):
        contracts.setdefault(contract.achievement_id, contract)
    records = []
    for demand in Demand.objects.order_by("pk")[:60]:
        found = index.search(demand_doc(demand), top=1)
        if not found:
            continue
        achievement = achievements[int(found[0].id)]
        status = rng.choices(list(MATCH_STATUSES), list(MATCH_STATUSES.values()))[0]
        contract = contracts.get(achievement.pk) if status == "signed" else None
        if status == "signed" and contract is None:
            status = "negotiating"
        records.append(
            MatchRecord(
                demand=demand,
                achievement=achievement,
                status=status,
                score=round(found[0].score, 3),
                reasons=list(found[0].why),
                contract=contract,
                note="双方技术路线不一致，暂停对接（演示）" if status == "failed" else "",
            )
        )
    bulk_create_with_history(records, MatchRecord)
    return len(records)


def _pools(orgs):
    enterprises = [o for o in orgs if o.kind == OrgKind.ENTERPRISE]
    research = [o for o in orgs if o.kind in (OrgKind.UNIVERSITY, OrgKind.INSTITUTE)]
    by_industry = {}
    for industry, (_field, words, _topics, _kw) in INDUSTRIES.items():
        matching = [o for o in enterprises if any(w in o.name for w in words)]
        by_industry[industry] = matching or enterprises
    return {"all": orgs, "enterprises": enterprises, "research": research, **by_industry}


def _research_industry(org, rng):
    for word, industry in INSTITUTE_INDUSTRY.items():
        if word in org.name:
            return industry
    return _pick_industry(rng)


def _pick_industry(rng):
    return rng.choices(list(INDUSTRY_WEIGHTS), list(INDUSTRY_WEIGHTS.values()))[0]


def _random_date(rng, year):
    day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    return min(day, LAST_DAY)


def _ip_list(rng, topic, year):
    lines = []
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
        if rng.random() < 0.7:
            number = f"ZL{year}1{rng.randint(1000000, 9999999)}.{rng.randint(0, 9)}"
            kind = rng.choice(("发明专利", "发明专利", "实用新型专利"))
            lines.append(f"{number} 一种{topic}相关的方法及装置（{kind}，示例）")
        else:
            number = f"{year}SR{rng.randint(100000, 999999):07d}"
            lines.append(f"{number} {topic}管理软件 V1.0（软件著作权，示例）")
    return "\n".join(lines)


def _load_achievements(rng, pools):
    existing = set(Achievement.objects.values_list("title", "owner_id"))
    used_titles = {title for title, _owner in existing}
    new, co_owner_pairs, seen = [], [], set()
    year_weights = [1 + (y - 2016) * 0.25 for y in YEARS]
    for _ in range(ACHIEVEMENTS):
        if rng.random() < 0.3 and pools["research"]:
            owner = rng.choice(pools["research"])
            industry = _research_industry(owner, rng)
        else:
            industry = _pick_industry(rng)
            owner = rng.choice(pools[industry])
        field, _words, topics, keywords = INDUSTRIES[industry]
        topic = rng.choice(topics)
        title = _unique_title(rng, topic, seen)
        year = rng.choices(list(YEARS), year_weights)[0]
        trl = None if rng.random() < 0.15 else rng.choices(range(3, 10), (3, 6, 9, 10, 8, 5, 3))[0]
        status = rng.choices(list(AchievementStatus), (45, 25, 30))[0]
        co_owner = rng.choice(pools["research"]) if rng.random() < 0.15 else None
        record = Achievement(
            title=title,
            owner=owner,
            field=field,
            industry=industry,
            description=(
                f"{MARK}{title}：面向{KeyIndustry(industry).label}产业的示例成果，"
                f"已完成{'中试' if (trl or 0) >= 6 else '实验室验证'}。演示数据，虚构成果，仅用于展示。"
            ),
            keywords="、".join(rng.sample(keywords, 3)),
            ip_list=_ip_list(rng, topic, year),
            trl=trl,
            status=status,
            completed_on=_random_date(rng, year),
            region_id=owner.region_id,
            contact_person=owner.contact_person,
            contact_phone=owner.contact_phone,
            search_initials=pinyin_initials(title)[:200],
        )
        if (title, owner.pk) in existing or title in used_titles:
            continue
        new.append(record)
        if co_owner is not None and co_owner.pk != owner.pk:
            co_owner_pairs.append((record, co_owner))
    created = bulk_create_with_history(new, Achievement, batch_size=500)
    through = Achievement.co_owners.through
    through.objects.bulk_create(
        [through(achievement_id=a.pk, org_id=o.pk) for a, o in co_owner_pairs if a.pk]
    )
    return created


def _unique_title(rng, topic, seen):
    for _ in range(20):
        title = rng.choice(PREFIXES) + topic + rng.choice(QUALIFIERS)
        if title not in seen:
            break
    n = 2
    while title in seen:
        title, n = f"{topic}（{n}）", n + 1
    seen.add(title)
    return title


def _conclusion(score):
    if score >= 92:
        return AppraisalConclusion.INTL_LEADING
    if score >= 88:
        return AppraisalConclusion.INTL_ADVANCED
    if score >= 80:
        return AppraisalConclusion.DOMESTIC_LEADING
    if score >= 70:
        return AppraisalConclusion.DOMESTIC_ADVANCED
    return AppraisalConclusion.OTHER


def _load_appraisals(rng, achievements) -> int:
    """Appraisals of newly added achievements with TRL ≥ 5 (about half of them)."""
    records = []
    for achievement in achievements:
        if (achievement.trl or 0) < 5 or rng.random() > 0.55:
            continue
        for _ in range(1 if rng.random() < 0.85 else 2):
            parts = [rng.randint(62, 98) for _ in range(4)]
            score = (sum(parts) + 2) // 4
            on = min(achievement.completed_on + timedelta(days=rng.randint(30, 400)), LAST_DAY)
            experts = "\n".join(
                f"{name}（示例单位 {rng.choice(TITLES)}）" for name in rng.sample(EXPERTS, 5)
            )
            records.append(
                Appraisal(
                    achievement=achievement,
                    kind=rng.choices(list(AppraisalKind), (3, 7))[0],
                    organised_by=rng.choice(ORGANISERS),
                    appraised_on=on,
                    conclusion=_conclusion(score),
                    advancement=parts[0],
                    maturity=parts[1],
                    market_prospects=parts[2],
                    ip_strength=parts[3],
                    score=score,
                    experts=experts,
                    summary=f"{MARK}专家组认为该成果总体达到{_conclusion(score).label}水平（演示数据）。",
                )
            )
    bulk_create_with_history(records, Appraisal, batch_size=500)
    return len(records)


def _load_demands(rng, pools):
    existing = set(Demand.objects.values_list("title", "org_id"))
    new, seen = [], set()
    for _ in range(DEMANDS):
        industry = _pick_industry(rng)
        field, _words, topics, keywords = INDUSTRIES[industry]
        org = rng.choice(pools[industry])
        title = rng.choice(DEMAND_PROBLEMS).format(t=rng.choice(topics)) + "技术需求"
        year = rng.choice(list(range(2018, 2026)))
        published = _random_date(rng, year)
        deadline = published + timedelta(days=rng.choice((90, 180, 270, 365)))
        age = (TODAY - published).days
        if age > 900:
            status = rng.choices(list(DemandStatus), (0, 0, 6, 4))[0]
        elif age > 365:
            status = rng.choices(list(DemandStatus), (1, 3, 4, 2))[0]
        else:
            status = rng.choices(list(DemandStatus), (6, 3, 1, 0))[0]
        budget = Decimal(rng.choice((20, 30, 50, 80, 100, 150, 200, 300, 500, 800)))
        words = "、".join(rng.sample(keywords, 3))
        key = (title, org.pk)
        if key in seen or key in existing:
            continue
        seen.add(key)
        new.append(
            Demand(
                title=title,
                org=org,
                field=field,
                industry=industry,
                description=(
                    f"{MARK}{org.name}拟解决“{title.removesuffix('技术需求')}”问题，"
                    "寻求高校、科研院所合作开发或技术转让。演示数据，虚构需求，仅用于展示。"
                ),
                keywords=words,
                budget_wan=budget,
                published_on=published,
                deadline=deadline,
                status=status,
                region_id=org.region_id,
                contact_person=org.contact_person,
                contact_phone=org.contact_phone,
                search_initials=pinyin_initials(title)[:200],
            )
        )
    bulk_create_with_history(new, Demand, batch_size=500)
    return len(new)


def _split_exactly(rng, total: Decimal, count: int) -> list[Decimal]:
    """`count` positive amounts (0.1 万元 steps, heavy-tailed) summing exactly to `total`."""
    weights = [rng.lognormvariate(0, 1.1) for _ in range(count)]
    scale = float(total) / sum(weights)
    amounts = [
        max(Decimal(str(w * scale)).quantize(Decimal("0.1"), ROUND_HALF_UP), Decimal("1.0"))
        for w in weights
    ]
    largest = max(range(count), key=amounts.__getitem__)
    amounts[largest] += total - sum(amounts)
    return amounts


def _outside_party(rng):
    place, code = rng.choice(OUTSIDE_PLACES)
    name = f"{place.removesuffix('市').split('省')[-1]}示例{rng.choice(OUTSIDE_SUFFIXES)}"
    return place, code, name


def _load_contracts(rng, pools):
    existing = set(Contract.objects.values_list("contract_no", flat=True))
    by_owner = {}
    for a in (
        Achievement.objects.filter(description__startswith=MARK)
        .exclude(status=AchievementStatus.PENDING)
        .order_by("pk")
    ):
        by_owner.setdefault(a.owner_id, []).append(a)
    sellers = pools["enterprises"] * 4 + pools["research"] * 40
    new = []
    for year in YEARS:
        target = Decimal(YEAR_TARGETS_WAN[year])
        count = round(YEAR_TARGETS_WAN[year] / AVERAGE_CONTRACT_WAN)
        amounts = _split_exactly(rng, target, count)
        # Contracts whose seller is in the city (输出): these make up the year's total.
        for seq, amount in enumerate(amounts, start=1):
            seller = rng.choice(sellers)
            buyer = None
            if rng.random() < 0.65:
                buyer = rng.choice(pools["all"])
                buyer = None if buyer.pk == seller.pk else buyer
            contract = _contract(rng, year, f"{year}410400{seq:06d}", amount)
            contract.seller, contract.seller_name = seller, seller.name
            contract.seller_region_id = seller.region_id
            if buyer is not None:
                contract.buyer, contract.buyer_name = buyer, buyer.name
                contract.buyer_region_id = buyer.region_id
            else:
                place, _code, name = _outside_party(rng)
                contract.buyer_name, contract.buyer_region_text = name, place
            _link_achievement(rng, contract, by_owner)
            new.append(contract)
        # Contracts bought by city organisations from sellers outside it (吸纳); not in the total.
        for seq in range(1, count // 8 + 1):
            place, code, name = _outside_party(rng)
            amount = Decimal(str(rng.lognormvariate(5, 1.0))).quantize(Decimal("0.1"))
            contract = _contract(rng, year, f"{year}{code}{seq:06d}", max(amount, Decimal(1)))
            buyer = rng.choice(pools["enterprises"] or pools["all"])
            contract.seller_name, contract.seller_region_text = name, place
            contract.buyer, contract.buyer_name = buyer, buyer.name
            contract.buyer_region_id = buyer.region_id
            new.append(contract)
    new = [c for c in new if c.contract_no not in existing]
    bulk_create_with_history(new, Contract, batch_size=500)
    in_city_2020 = Contract.objects.filter(
        signed_on__year=2020, seller_region__path__startswith=CITY_PATH
    )
    return len(new), in_city_2020.totals()["contract_value_wan"]


def _contract(rng, year, contract_no, amount):
    kind = rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
    industry = _pick_industry(rng)
    field, _words, topics, _kw = INDUSTRIES[industry]
    topic = rng.choice(topics)
    low, high = TECH_SHARE[kind]
    share = Decimal(str(rng.uniform(low, high)))
    signed = _random_date(rng, year)
    name = _contract_name(topic, kind)
    return Contract(
        contract_no=contract_no,
        name=name,
        kind=kind,
        field=field,
        signed_on=signed,
        registered_on=min(signed + timedelta(days=rng.randint(3, 60)), TODAY),
        contract_value_wan=amount,
        transaction_value_wan=min((amount * share).quantize(Decimal("0.01"), ROUND_DOWN), amount),
        search_initials=pinyin_initials(name)[:200],
    )


def _contract_name(topic, kind):
    label = str(ContractKind(kind).label)
    if topic.endswith("技术"):  # "…利用技术" + "技术转让" → "…利用技术转让"
        label = label.removeprefix("技术")
    return f"{topic}{label}合同（示例）"


def _link_achievement(rng, contract, by_owner):
    """Transfers and licences of an owner's achievement point to it (its field follows)."""
    if contract.kind not in (
        ContractKind.TRANSFER,
        ContractKind.LICENSING,
        ContractKind.DEVELOPMENT,
    ):
        return
    if contract.kind == ContractKind.DEVELOPMENT and rng.random() > 0.3:
        return
    candidates = [
        a for a in by_owner.get(contract.seller.pk, ()) if a.completed_on <= contract.signed_on
    ]
    if candidates:
        achievement = rng.choice(candidates)
        contract.achievement = achievement
        contract.field = achievement.field
        contract.name = _contract_name(achievement.title, contract.kind)
        contract.search_initials = pinyin_initials(contract.name)[:200]
