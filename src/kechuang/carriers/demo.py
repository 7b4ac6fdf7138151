"""Demo carriers for Pingdingshan 2016–2025: the chain 苗圃 → 孵化器 → 加速器, a university
science park and industrial parks, ~500 stays of demo enterprises, venture funds and their
investments. Invented names (all contain 示例); deterministic for the rng; idempotent."""

import random
from datetime import date, timedelta
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from kechuang.core.identifiers import make_uscc
from kechuang.orgs.choices import OrgKind
from kechuang.orgs.models import Org
from kechuang.regions.choices import RegionLevel
from kechuang.regions.models import Region

from .choices import CarrierKind, CarrierLevel, ExitReason, InvestmentRound, Specialisation
from .models import Carrier, Fund, Investment, Tenancy

FIRST, LAST = date(2016, 1, 1), date(2025, 12, 31)
REASON = "载入演示数据"
# Serial numbers of the operator / fund-manager organisations this demo adds (orgs' demo uses
# 7xxxxxxx and 9xxxxxxx).
ORG_SERIAL = 83100000

MS, INC, ACC, UNI, PARK = (
    CarrierKind.MAKER_SPACE,
    CarrierKind.INCUBATOR,
    CarrierKind.ACCELERATOR,
    CarrierKind.UNIVERSITY_PARK,
    CarrierKind.INDUSTRIAL_PARK,
)
NAT, PROV, MUN, NONE = (
    CarrierLevel.NATIONAL,
    CarrierLevel.PROVINCIAL,
    CarrierLevel.MUNICIPAL,
    CarrierLevel.UNRECOGNISED,
)

# name, kind, level, county, industry ("" = 综合), recognised year, area m², stays to generate
CARRIERS = (
    ("示例尼龙城众创空间", MS, PROV, "410471", "nylon", 2017, 3200, 22),
    ("示例鹰城创客空间", MS, MUN, "410402", "", 2016, 1800, 20),
    ("示例卫东区青年创业众创空间", MS, MUN, "410403", "", 2018, 1500, 16),
    ("示例湛河区大学生创业苗圃", MS, NONE, "410411", "", None, 900, 12),
    ("示例石龙区能源众创空间", MS, NONE, "410404", "coal", None, 800, 8),
    ("示例高新区智能制造众创空间", MS, NAT, "410471", "equipment", 2018, 4000, 26),
    ("示例叶县农业星创天地", MS, PROV, "410422", "agri", 2019, 1200, 12),
    ("示例宝丰县电商众创空间", MS, MUN, "410421", "", 2019, 1000, 10),
    ("示例鲁山县文旅众创空间", MS, NONE, "410423", "", None, 700, 8),
    ("示例郏县创新创业空间", MS, MUN, "410425", "", 2020, 900, 10),
    ("示例舞钢市众创空间", MS, MUN, "410481", "", 2018, 1100, 10),
    ("示例汝州市软件众创空间", MS, PROV, "410482", "it", 2020, 1600, 14),
    ("示例高新区科技企业孵化器", INC, NAT, "410471", "", 2016, 32000, 48),
    ("示例尼龙新材料专业孵化器", INC, NAT, "410471", "nylon", 2019, 18000, 36),
    ("示例电气装备专业孵化器", INC, PROV, "410402", "electrical", 2017, 12000, 28),
    ("示例新华区科技企业孵化器", INC, PROV, "410402", "", 2016, 9000, 26),
    ("示例卫东区科技企业孵化器", INC, MUN, "410403", "", 2018, 6000, 18),
    ("示例舞钢特钢专业孵化器", INC, PROV, "410481", "steel", 2018, 8000, 18),
    ("示例汝州市科技企业孵化器", INC, MUN, "410482", "", 2019, 5000, 16),
    ("示例宝丰县科技企业孵化器", INC, MUN, "410421", "", 2020, 4000, 12),
    ("示例郏县科技企业孵化器", INC, NONE, "410425", "", None, 3000, 8),
    ("示例城乡一体化示范区孵化器", INC, MUN, "410472", "", 2021, 4500, 10),
    ("示例高新区企业加速器", ACC, PROV, "410471", "", 2019, 30000, 20),
    ("示例尼龙新材料产业加速器", ACC, MUN, "410471", "nylon", 2021, 24000, 14),
    ("示例电气装备产业加速器", ACC, NONE, "410402", "electrical", None, 16000, 10),
    ("示例大学科技园", UNI, PROV, "410402", "", 2018, 20000, 24),
    ("示例尼龙新材料产业园", PARK, PROV, "410471", "nylon", 2016, 600000, 12),
    ("示例电气装备产业园", PARK, MUN, "410402", "electrical", 2017, 300000, 8),
    ("示例硅碳新材料产业园", PARK, MUN, "410422", "sic", 2020, 250000, 6),
)
# Typical length of a stay, in months (maker spaces short, incubators up to four years).
STAY_MONTHS = {MS: (9, 24), INC: (12, 48), ACC: (12, 36), UNI: (12, 48), PARK: (24, 60)}
# Where graduates of one link of the chain may move on to.
NEXT_LINK = {MS: INC, INC: ACC}
GRADUATION_NOTES = (
    "认定为高新技术企业",
    "拥有知识产权并实现规模生产",
    "单一年度营业收入超过1000万元",
    "被兼并收购",
)

# name, manager (index into MANAGERS), size 万元, established, government-guided, focus
FUNDS = (
    ("示例平顶山市科技创新引导基金", 0, 50000, date(2016, 6, 1), True, "nylon,electrical,it"),
    ("示例尼龙新材料产业投资基金", 0, 30000, date(2017, 3, 15), True, "nylon"),
    ("示例高新区天使投资基金", 2, 5000, date(2016, 9, 1), True, ""),
    ("示例电气装备产业发展基金", 2, 20000, date(2018, 5, 20), True, "electrical,equipment"),
    ("示例鹰城创业投资基金", 1, 12000, date(2017, 1, 10), False, "it,bio"),
    ("示例科技成果转化基金", 1, 8000, date(2019, 4, 1), False, ""),
    ("示例中原创投平顶山子基金", 3, 15000, date(2018, 11, 1), False, "nylon,storage,sic"),
    ("示例舞钢特钢产业基金", 3, 10000, date(2020, 2, 1), False, "steel"),
)
# name, county (operator / manager organisations added by this demo)
MANAGERS = (
    ("平顶山示例产业投资集团有限公司", "410402"),
    ("平顶山示例创业投资管理有限公司", "410402"),
    ("平顶山示例高新投资发展有限公司", "410471"),
    ("平顶山示例私募基金管理有限公司", "410411"),
)
LATE_ROUNDS = (InvestmentRound.B, InvestmentRound.C_PLUS)
ROUNDS = (
    (InvestmentRound.ANGEL, 40, (50, 300)),
    (InvestmentRound.A, 30, (300, 1500)),
    (InvestmentRound.B, 12, (800, 3000)),
    (InvestmentRound.C_PLUS, 4, (1500, 4000)),
    (InvestmentRound.EQUITY_DEBT, 8, (200, 1200)),
    (InvestmentRound.OTHER, 6, (100, 600)),
)


def load(rng: random.Random) -> str:
    counties = {
        r.code: r for r in Region.objects.filter(level=RegionLevel.COUNTY, code__startswith="4104")
    }
    if not counties:
        return "创新载体：缺少平顶山区划，未载入"
    enterprises = _demo_enterprises()
    if not enterprises:
        return "创新载体：缺少演示企业，未载入"
    # One generator per phase: draws that happen only when a record is new (a second run
    # skips them) must not shift what later phases generate.
    rngs = [random.Random(rng.randrange(2**32)) for _ in range(4)]
    operators = _operators(rngs[0], counties)
    carriers, new_carriers = _carriers(rngs[1], counties, operators)
    stays = _stays(rngs[2], carriers, enterprises)
    existing = set(Tenancy.objects.values_list("carrier_id", "enterprise_id", "entered_on"))
    new_stays = [s for s in stays if (s.carrier_id, s.enterprise_id, s.entered_on) not in existing]
    bulk_create_with_history(new_stays, Tenancy, default_change_reason=REASON)

    managers = [operators[f"manager:{i}"] for i in range(len(MANAGERS))]
    funds, new_funds = _funds(managers)
    investments = _investments(rngs[3], funds, stays, enterprises)
    existing = set(
        Investment.objects.values_list("fund_id", "enterprise_id", "invested_on", "amount_wan")
    )
    new_investments = [
        i
        for i in investments
        if (i.fund_id, i.enterprise_id, i.invested_on, i.amount_wan) not in existing
    ]
    bulk_create_with_history(new_investments, Investment, default_change_reason=REASON)
    graduates = sum(1 for s in new_stays if s.exit_reason == ExitReason.GRADUATED)
    return (
        f"创新载体：新增载体 {new_carriers} 个、在孵记录 {len(new_stays)} 条（其中毕业 {graduates}）、"
        f"创投基金 {new_funds} 只、投资记录 {len(new_investments)} 条"
    )


def _demo_enterprises() -> list[Org]:
    """The demo command's synthetic enterprises (serials 7xxxxxxx), in a stable order."""
    orgs = Org.objects.filter(kind=OrgKind.ENTERPRISE, name__contains="示例").select_related(
        "region__parent"
    )
    return sorted((o for o in orgs if o.uscc[8] == "7"), key=lambda o: o.uscc)


def _operators(rng, counties) -> dict:
    """Operating companies of the carriers and fund managers (one organisation each)."""
    wanted = {}
    for i, (name, kind, _level, code, *_rest) in enumerate(CARRIERS):
        if kind == UNI:
            continue  # run by a university (below)
        suffix = "管理委员会" if kind == PARK else "运营管理有限公司"
        wanted[name] = (f"平顶山{name}{suffix}", code, ORG_SERIAL + i + 1)
    for i, (name, code) in enumerate(MANAGERS):
        wanted[f"manager:{i}"] = (name, code, ORG_SERIAL + 500 + i)
    by_uscc = {}
    result = {}
    for key, (name, code, serial) in wanted.items():
        county = counties[code]
        uscc = make_uscc("91", code, f"{serial:08d}")
        by_uscc[uscc] = key
        result[key] = (name, county, uscc)
    existing = {o.uscc: o for o in Org.objects.filter(uscc__in=by_uscc)}
    orgs = {}
    for key, (name, county, uscc) in result.items():
        org = existing.get(uscc)
        if org is None:
            towns = sorted(county.children.all(), key=lambda r: r.code) or [county]
            org = Org(
                name=name,
                uscc=uscc,
                kind=OrgKind.OTHER,
                industry="L" if key.startswith("manager") else "M",
                region=rng.choice(towns),
                address=f"{county.name}示例大道{rng.randint(1, 300)}号",
                established_on=date(rng.randint(2010, 2016), rng.randint(1, 12), 1),
                description="演示数据：虚构单位，仅用于展示。",
            )
            org.save()
        orgs[key] = org
    university = (
        Org.objects.filter(kind=OrgKind.UNIVERSITY, name__contains="示例").order_by("uscc").first()
    )
    for name, kind, *_rest in CARRIERS:
        if kind == UNI:
            orgs[name] = university or orgs["manager:2"]
    return orgs


def _carriers(rng, counties, operators) -> tuple[list[tuple[Carrier, tuple]], int]:
    existing = {c.name: c for c in Carrier.objects.filter(name__in=[c[0] for c in CARRIERS])}
    result, created = [], 0
    for spec in CARRIERS:
        name, kind, level, code, industry, year, area, _stays = spec
        carrier = existing.get(name)
        incubation_share = Decimal(rng.randint(75, 90)) / 100
        fund = rng.choice((0, 100, 200, 500, 500, 1000, 2000)) if kind != PARK else 0
        mentors = rng.randint(3, 30) if kind != PARK else rng.randint(0, 5)
        staff = rng.randint(4, 30)
        professional = max(1, round(staff * rng.uniform(0.6, 0.95)))
        if carrier is None:
            operator = operators[name]
            in_county = operator.region.path.startswith(counties[code].path)
            carrier = Carrier(
                name=name,
                kind=kind,
                level=level,
                specialisation=Specialisation.SPECIALISED if industry else Specialisation.GENERAL,
                industry=industry,
                operator=operator,
                region=operator.region if in_county else counties[code],
                recognised_on=date(year, rng.choice((3, 6, 9, 12)), 1) if year else None,
                area_sqm=Decimal(area),
                incubation_area_sqm=(Decimal(area) * incubation_share).quantize(Decimal("1")),
                fund_size_wan=Decimal(fund),
                mentors=mentors,
                staff=staff,
                professional_staff=professional,
                description=f"演示数据：虚构的{kind.label}，仅用于展示。",
            )
            carrier.save()
            created += 1
        result.append((carrier, spec))
    return result, created


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def _random_day(rng, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _stays(rng, carriers, enterprises) -> list[Tenancy]:
    """Stays of 1–4 years; about 40 % of the finished ones graduate; graduates of a maker space
    or incubator sometimes move on to the next link of the chain."""
    busy: dict[int, list[tuple[date, date]]] = {}
    by_county: dict[str, list[Org]] = {}
    for org in enterprises:
        county = org.region.county if org.region else None
        by_county.setdefault(county.code if county else "", []).append(org)
    by_kind: dict[str, list[Carrier]] = {}
    for carrier, spec in carriers:
        by_kind.setdefault(spec[1], []).append(carrier)
    stays: list[Tenancy] = []

    def free(org, start, end):
        return all(end <= a or start >= b for a, b in busy.get(org.pk, ()))

    def add(carrier, kind, org, start):
        low, high = STAY_MONTHS[kind]
        end = _add_months(start, rng.randint(low, high))
        finished = end <= LAST
        stay_end = end if finished else date(2100, 1, 1)
        busy.setdefault(org.pk, []).append((start, stay_end))
        reason = ""
        if finished:
            reason = rng.choices(
                (ExitReason.GRADUATED, ExitReason.ELIMINATED, ExitReason.RELOCATED), (40, 35, 25)
            )[0]
        graduated = reason == ExitReason.GRADUATED
        stay = Tenancy(
            carrier=carrier,
            enterprise=org,
            entered_on=start,
            exited_on=end if finished else None,
            exit_reason=reason,
            graduated_criteria_note=rng.choice(GRADUATION_NOTES) if graduated else "",
            ip_count=rng.randint(3, 15) if graduated else rng.randint(0, 6),
        )
        stays.append(stay)
        return stay

    for carrier, (_name, kind, _level, code, _ind, year, _area, count) in carriers:
        opened = date(max(2016, (year or 2018) - 2), 1, 1)
        local = by_county.get(code, [])
        for _ in range(count):
            start = _random_day(rng, max(opened, FIRST), date(2025, 9, 30))
            for _attempt in range(6):
                pool = local if local and rng.random() < 0.7 else enterprises
                org = rng.choice(pool)
                if free(org, start, _add_months(start, 60)):
                    break
            else:
                continue
            stay = add(carrier, kind, org, start)
            following = NEXT_LINK.get(kind)
            if stay.graduated and following and rng.random() < 0.45:
                nxt = rng.choice(by_kind[following])
                begin = stay.exited_on + timedelta(days=rng.randint(1, 90))
                if begin <= LAST and free(org, begin, _add_months(begin, 60)):
                    add(nxt, following, org, begin)
    return stays


def _funds(managers) -> tuple[list[Fund], int]:
    existing = {f.name: f for f in Fund.objects.filter(name__in=[f[0] for f in FUNDS])}
    funds, created = [], 0
    for name, manager, size, established, guided, focus in FUNDS:
        fund = existing.get(name)
        if fund is None:
            fund = Fund(
                name=name,
                manager=managers[manager],
                size_wan=Decimal(size),
                established_on=established,
                government_guided=guided,
                focus_industries=focus,
                description="演示数据：虚构基金，仅用于展示。",
            )
            fund.save()
            created += 1
        funds.append(fund)
    return funds, created


def _investments(rng, funds, stays, enterprises, count: int = 150) -> list[Investment]:
    """About 85 % go to enterprises while they are tenants (carrier noted), the rest to others;
    a fund never invests more than its size."""
    remaining = {f.pk: f.size_wan for f in funds}
    rounds, weights = [r[0] for r in ROUNDS], [r[1] for r in ROUNDS]
    ranges = {r[0]: r[2] for r in ROUNDS}
    # Graduates and incubator tenants are likelier to be financed.
    weighted = [s for s in stays for _ in range(3 if s.graduated else 1)]
    result = []
    for _ in range(count):
        round_ = rng.choices(rounds, weights)[0]
        amount = Decimal(rng.randint(*ranges[round_]) // 10 * 10)
        if rng.random() < 0.85:
            stay = rng.choice(weighted)
            if stay.carrier.kind == MS and round_ in LATE_ROUNDS:
                # Maker-space tenants are too young for later rounds.
                round_ = InvestmentRound.ANGEL
                amount = Decimal(rng.randint(*ranges[round_]) // 10 * 10)
            end = min(stay.exited_on - timedelta(days=1), LAST) if stay.exited_on else LAST
            day = _random_day(rng, stay.entered_on, end)
            org, carrier = stay.enterprise, stay.carrier
        else:
            day = _random_day(rng, FIRST, LAST)
            org, carrier = rng.choice(enterprises), None
        candidates = [f for f in funds if f.established_on <= day and remaining[f.pk] >= amount]
        if not candidates:
            continue
        fund = rng.choice(candidates)
        remaining[fund.pk] -= amount
        result.append(
            Investment(
                fund=fund,
                enterprise=org,
                amount_wan=amount,
                invested_on=day,
                round=round_,
                carrier=carrier,
                note="演示数据",
            )
        )
    return result
