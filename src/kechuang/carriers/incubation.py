"""The incubation chain 苗圃 → 孵化器 → 加速器 (DOMAIN.md §9.1): funnel, financing along the
chain, a carrier's figures for one year and the graduation-criteria check.

Everything is read with a fixed number of queries (`load`), then counted in Python: stays,
high-tech / tech-SME qualifications, annual data and investments of the tenants. When a user is
given, every queryset is restricted to what that user may see, so no figure counts a record the
user could not open.

Definitions (year Y, "end" = 31 December of Y):
- 累计入驻 entered: enterprises with a stay entered on or before the end of Y;
- 年末在孵 incubating: stays running at the end of Y (entered ≤ end < exited);
- 累计毕业 graduated: stays left with reason 毕业 on or before the end of Y;
- 毕业后认定高企 high_tech: graduates holding a 高新技术企业 certificate at the end of some year
  from their (first) graduation year to Y (QualificationQuerySet.held_in);
- 高企中规上 above_scale: of those, enterprises with AnnualData.above_scale in some year from the
  graduation year to Y.
The city counts distinct enterprises per stage (an enterprise moving from a maker space to an
incubator and an accelerator counts once); a carrier or a carrier kind counts its own stays'
enterprises. Financing: investments made while the enterprise was a tenant (entered ≤ invested
< exited), each investment counted once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet

from kechuang.enterprises.choices import QualificationKind
from kechuang.enterprises.models import AnnualData, Enterprise, Qualification

from .choices import CarrierKind, ExitReason, InvestmentRound
from .models import Carrier, Investment, Tenancy
from .rules import Rules, load_rules

CHAIN_KINDS = (CarrierKind.MAKER_SPACE, CarrierKind.INCUBATOR, CarrierKind.ACCELERATOR)
NEXT_LINK = {
    CarrierKind.MAKER_SPACE: CarrierKind.INCUBATOR,
    CarrierKind.INCUBATOR: CarrierKind.ACCELERATOR,
}
STAGES = (
    ("entered", "累计入驻"),
    ("incubating", "年末在孵"),
    ("graduated", "累计毕业"),
    ("high_tech", "毕业后认定高企"),
    ("above_scale", "高企中规上"),
)
# The stage each stage's conversion rate is taken against (年末在孵 is a stock and 累计毕业 a
# flow: both are shares of the enterprises that entered).
RATE_BASE = {
    "incubating": "entered",
    "graduated": "entered",
    "high_tech": "graduated",
    "above_scale": "high_tech",
}
STAGE_LABELS = dict(STAGES)


def year_end(year: int) -> date:
    return date(year, 12, 31)


def rate(numerator: int, denominator: int) -> float | None:
    """A share as a fraction; None when the base is empty."""
    return numerator / denominator if denominator else None


@dataclass(frozen=True)
class Stay:
    pk: int
    carrier_id: int
    carrier_kind: str
    enterprise_id: int
    enterprise_name: str
    carrier_name: str
    entered_on: date
    exited_on: date | None
    exit_reason: str
    ip_count: int

    def running_on(self, day: date) -> bool:
        return self.entered_on <= day and (self.exited_on is None or self.exited_on > day)

    def covers(self, day: date) -> bool:
        """Whether an investment made on `day` was made during this stay."""
        return self.running_on(day)

    def graduated_by(self, day: date) -> bool:
        return (
            self.exit_reason == ExitReason.GRADUATED
            and self.exited_on is not None
            and self.exited_on <= day
        )


@dataclass(frozen=True)
class Deal:
    pk: int
    enterprise_id: int
    amount_wan: Decimal
    invested_on: date
    round: str


@dataclass
class ChainData:
    """What the chain statistics need, read once for year `year`."""

    year: int
    stays: list[Stay]
    deals: list[Deal]
    high_tech: dict[int, list[tuple[date, date, date | None]]] = field(default_factory=dict)
    tech_sme: dict[int, dict[int, date | None]] = field(default_factory=dict)
    annual: dict[int, dict[int, tuple[bool, Decimal | None]]] = field(default_factory=dict)
    listed: set[int] = field(default_factory=set)
    registered: set[int] = field(default_factory=set)

    @property
    def end(self) -> date:
        return year_end(self.year)

    # Qualifications, the same rule as QualificationQuerySet.held_in (in force at year end).
    def holds_high_tech(self, org_id: int, year: int) -> bool:
        end = year_end(year)
        return any(
            issued <= end <= until and (revoked is None or revoked > end)
            for issued, until, revoked in self.high_tech.get(org_id, ())
        )

    def holds_tech_sme(self, org_id: int, year: int) -> bool:
        registrations = self.tech_sme.get(org_id, {})
        if year not in registrations:
            return False
        revoked = registrations[year]
        return revoked is None or revoked > year_end(year)

    def above_scale(self, org_id: int, year: int) -> bool:
        return self.annual.get(org_id, {}).get(year, (False, None))[0]

    def sales(self, org_id: int, year: int) -> Decimal | None:
        return self.annual.get(org_id, {}).get(year, (False, None))[1]

    def deals_during(self, stays: Iterable[Stay], until: date | None = None) -> list[Deal]:
        """Investments made during one of `stays` (each once), on or before `until`."""
        until = until or self.end
        by_enterprise: dict[int, list[Stay]] = defaultdict(list)
        for s in stays:
            by_enterprise[s.enterprise_id].append(s)
        return [
            d
            for d in self.deals
            if d.invested_on <= until
            and any(s.covers(d.invested_on) for s in by_enterprise.get(d.enterprise_id, ()))
        ]


def load(tenancies: QuerySet[Tenancy], year: int, user=None) -> ChainData:
    """Read the stays in `tenancies` entered by the end of `year`, and their enterprises'
    qualifications, annual data and investments (restricted to `user` when given)."""

    def scoped(qs):
        return qs.restrict(user) if user is not None else qs

    end = year_end(year)
    rows = (
        tenancies.filter(entered_on__lte=end)
        .order_by("entered_on", "pk")
        .values_list(
            "pk",
            "carrier_id",
            "carrier__kind",
            "enterprise_id",
            "enterprise__name",
            "carrier__name",
            "entered_on",
            "exited_on",
            "exit_reason",
            "ip_count",
        )
    )
    stays = [Stay(*r) for r in rows]
    data = ChainData(year=year, stays=stays, deals=[])
    if not stays:
        return data
    orgs = tenancies.filter(entered_on__lte=end).values("enterprise_id")
    quals = scoped(Qualification.objects).filter(
        Q(kind=QualificationKind.HIGH_TECH, issued_on__lte=end)
        | Q(kind=QualificationKind.TECH_SME, year__lte=year),
        enterprise__org__in=orgs,
    )
    for org_id, kind, y, issued, until, revoked in quals.values_list(
        "enterprise__org_id", "kind", "year", "issued_on", "valid_until", "revoked_on"
    ):
        if kind == QualificationKind.HIGH_TECH:
            data.high_tech.setdefault(org_id, []).append((issued, until, revoked))
        else:
            data.tech_sme.setdefault(org_id, {})[y] = revoked
    annual = scoped(AnnualData.objects).filter(enterprise__org__in=orgs, year__lte=year)
    for org_id, y, above, sales in annual.values_list(
        "enterprise__org_id", "year", "above_scale", "sales_revenue_wan"
    ):
        data.annual.setdefault(org_id, {})[y] = (above, sales)
    for org_id, listed in (
        scoped(Enterprise.objects).filter(org__in=orgs).values_list("org_id", "listed")
    ):
        data.registered.add(org_id)
        if listed:
            data.listed.add(org_id)
    deals = scoped(Investment.objects).filter(enterprise__in=orgs, invested_on__lte=end)
    data.deals = [
        Deal(*r)
        for r in deals.order_by("invested_on", "pk").values_list(
            "pk", "enterprise_id", "amount_wan", "invested_on", "round"
        )
    ]
    return data


# ---------------------------------------------------------------------------------------------
# Funnel


@dataclass(frozen=True)
class Stage:
    code: str
    label: str
    count: int
    base: str | None  # code of the stage the rate is taken against
    rate: float | None

    @property
    def base_label(self) -> str:
        return STAGE_LABELS.get(self.base, "") if self.base else ""


def stage_sets(data: ChainData, stays: Iterable[Stay]) -> dict[str, set[int]]:
    """Enterprise ids reaching each stage (distinct within `stays`)."""
    end, year = data.end, data.year
    stays = list(stays)
    first_graduation: dict[int, int] = {}
    for s in stays:
        if s.graduated_by(end):
            y = s.exited_on.year
            first_graduation[s.enterprise_id] = min(y, first_graduation.get(s.enterprise_id, y))
    high_tech = {
        e
        for e, g in first_graduation.items()
        if any(data.holds_high_tech(e, y) for y in range(g, year + 1))
    }
    above = {
        e
        for e in high_tech
        if any(data.above_scale(e, y) for y in range(first_graduation[e], year + 1))
    }
    return {
        "entered": {s.enterprise_id for s in stays},
        "incubating": {s.enterprise_id for s in stays if s.running_on(end)},
        "graduated": set(first_graduation),
        "high_tech": high_tech,
        "above_scale": above,
    }


def funnel_stages(sets: dict[str, set[int]]) -> list[Stage]:
    counts = {code: len(ids) for code, ids in sets.items()}
    return [
        Stage(
            code=code,
            label=label,
            count=counts[code],
            base=RATE_BASE.get(code),
            rate=rate(counts[code], counts[RATE_BASE[code]]) if code in RATE_BASE else None,
        )
        for code, label in STAGES
    ]


@dataclass
class Financing:
    """Investments made into tenants while they were incubating."""

    deals: int = 0
    amount_wan: Decimal = Decimal("0")
    enterprises: int = 0
    share: float | None = None  # financed enterprises ÷ entered enterprises
    deals_in_year: int = 0
    amount_in_year_wan: Decimal = Decimal("0")
    by_round: list[dict] = field(default_factory=list)


def financing(data: ChainData, stays: Iterable[Stay], entered: int) -> Financing:
    deals = data.deals_during(stays)
    result = Financing(
        deals=len(deals),
        amount_wan=sum((d.amount_wan for d in deals), Decimal("0")),
        enterprises=len({d.enterprise_id for d in deals}),
    )
    result.share = rate(result.enterprises, entered)
    in_year = [d for d in deals if d.invested_on.year == data.year]
    result.deals_in_year = len(in_year)
    result.amount_in_year_wan = sum((d.amount_wan for d in in_year), Decimal("0"))
    for value, label in InvestmentRound.choices:
        chosen = [d for d in deals if d.round == value]
        if chosen:
            result.by_round.append(
                {
                    "round": value,
                    "label": label,
                    "deals": len(chosen),
                    "amount_wan": sum((d.amount_wan for d in chosen), Decimal("0")),
                    "enterprises": len({d.enterprise_id for d in chosen}),
                }
            )
    return result


@dataclass
class CarrierRow:
    """One carrier's line in the ranked table."""

    carrier: Carrier
    counts: dict[str, int]
    graduation_rate: float | None
    high_tech_rate: float | None
    financed: int
    financed_amount_wan: Decimal
    rank: int = 0


@dataclass
class KindRow:
    """One link of the chain (a carrier kind)."""

    kind: str
    label: str
    counts: dict[str, int]
    graduation_rate: float | None
    financed: int
    financed_amount_wan: Decimal
    next_label: str = ""
    moved_on: int | None = None  # enterprises that later entered the next link


@dataclass
class Funnel:
    year: int
    stages: list[Stage]
    financing: Financing
    carriers: list[CarrierRow] = field(default_factory=list)
    kinds: list[KindRow] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {s.code: s.count for s in self.stages}


def funnel(data: ChainData, kind: str | None = None, carriers: Iterable[Carrier] = ()) -> Funnel:
    """The funnel of the stays in `data` (only carriers of `kind` when given), with financing,
    one ranked row per carrier (`carriers` supplies the Carrier objects) and the chain by kind
    (always over every kind: the links an enterprise passed through)."""
    stays = [s for s in data.stays if kind is None or s.carrier_kind == kind]
    sets = stage_sets(data, stays)
    result = Funnel(
        year=data.year,
        stages=funnel_stages(sets),
        financing=financing(data, stays, len(sets["entered"])),
    )
    by_carrier: dict[int, list[Stay]] = defaultdict(list)
    for s in stays:
        by_carrier[s.carrier_id].append(s)
    objects = {c.pk: c for c in carriers}
    rows = []
    for carrier_id, own in by_carrier.items():
        if carrier_id not in objects:
            continue
        counts = {k: len(v) for k, v in stage_sets(data, own).items()}
        deals = data.deals_during(own)
        rows.append(
            CarrierRow(
                carrier=objects[carrier_id],
                counts=counts,
                graduation_rate=rate(counts["graduated"], counts["entered"]),
                high_tech_rate=rate(counts["high_tech"], counts["graduated"]),
                financed=len({d.enterprise_id for d in deals}),
                financed_amount_wan=sum((d.amount_wan for d in deals), Decimal("0")),
            )
        )
    rows.sort(
        key=lambda r: (
            -r.counts["graduated"],
            -r.counts["high_tech"],
            -r.counts["entered"],
            r.carrier.name,
        )
    )
    for i, row in enumerate(rows, 1):
        row.rank = i
    result.carriers = rows
    result.kinds = chain_by_kind(data)
    return result


def chain_by_kind(data: ChainData) -> list[KindRow]:
    """One row per link of the chain (众创空间, 孵化器, 加速器; other kinds when present)."""
    by_kind: dict[str, list[Stay]] = defaultdict(list)
    for s in data.stays:
        by_kind[s.carrier_kind].append(s)
    kinds = list(CHAIN_KINDS) + [
        k for k in CarrierKind.values if k not in CHAIN_KINDS and k in by_kind
    ]
    labels = dict(CarrierKind.choices)
    rows = []
    for kind in kinds:
        own = by_kind.get(kind, [])
        counts = {k: len(v) for k, v in stage_sets(data, own).items()}
        deals = data.deals_during(own)
        row = KindRow(
            kind=kind,
            label=labels[kind],
            counts=counts,
            graduation_rate=rate(counts["graduated"], counts["entered"]),
            financed=len({d.enterprise_id for d in deals}),
            financed_amount_wan=sum((d.amount_wan for d in deals), Decimal("0")),
        )
        following = NEXT_LINK.get(kind)
        if following is not None:
            row.next_label = labels[following]
            later = by_kind.get(following, [])
            row.moved_on = len(
                {
                    s.enterprise_id
                    for s in own
                    if any(
                        n.enterprise_id == s.enterprise_id and n.entered_on >= s.entered_on
                        for n in later
                    )
                }
            )
        rows.append(row)
    return rows


def funnel_chart(stages: list[Stage], title: str) -> dict:
    """ECharts funnel option (stages in chain order, not re-sorted by size)."""
    return {
        "title": {"text": title, "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "item", "formatter": "{b}：{c} 家"},
        "series": [
            {
                "name": "孵化链条",
                "type": "funnel",
                "sort": "none",
                "top": 40,
                "bottom": 10,
                "left": "10%",
                "width": "80%",
                "minSize": "8%",
                "label": {"show": True, "position": "inside", "formatter": "{b}\n{c} 家"},
                "data": [{"name": s.label, "value": s.count} for s in stages],
            }
        ],
    }


# ---------------------------------------------------------------------------------------------
# One carrier, one year


@dataclass
class CarrierYear:
    """A carrier's figures for one statistical year, derived from its stays (stock at year end)."""

    year: int
    incubating: int  # 年末在孵企业
    new: int  # 当年新增在孵企业
    graduated: int  # 当年毕业企业
    graduated_cumulative: int  # 累计毕业企业（截至年末）
    financed: int  # 当年获投融资的企业（在孵期间获投）
    financed_amount_wan: Decimal  # 当年获投金额（万元）
    ip_total: int  # 年末在孵企业知识产权数合计
    ip_holders: int  # 年末在孵企业中拥有知识产权的企业
    high_tech: int  # 年末在孵企业中的高新技术企业
    tech_sme: int  # 年末在孵企业中的科技型中小企业（当年入库）
    financed_incubating: int  # 年末在孵企业中本次在孵期间获得过投资的企业
    investment_cases: int  # 在孵期间获投案例（累计，截至年末）
    sales: list[Decimal | None] = field(default_factory=list)  # 年末在孵企业当年销售收入

    def tenants_with_sales(self, minimum: float) -> int | None:
        """Year-end tenants with sales ≥ `minimum` 万元; None when no tenant reported sales."""
        known = [s for s in self.sales if s is not None]
        if self.incubating and not known:
            return None
        return sum(1 for s in known if s >= Decimal(str(minimum)))


def carrier_year(data: ChainData, carrier_id: int | None = None) -> CarrierYear:
    """Figures of the stays in `data` (one carrier's when `carrier_id` is given)."""
    year, end = data.year, data.end
    stays = [s for s in data.stays if carrier_id is None or s.carrier_id == carrier_id]
    running = [s for s in stays if s.running_on(end)]
    deals = data.deals_during(stays)
    in_year = [d for d in deals if d.invested_on.year == year]
    financed_running = {
        s.enterprise_id
        for s in running
        for d in deals
        if d.enterprise_id == s.enterprise_id and s.covers(d.invested_on)
    }
    return CarrierYear(
        year=year,
        incubating=len(running),
        new=sum(1 for s in stays if s.entered_on.year == year),
        graduated=sum(1 for s in stays if s.graduated_by(end) and s.exited_on.year == year),
        graduated_cumulative=sum(1 for s in stays if s.graduated_by(end)),
        financed=len({d.enterprise_id for d in in_year}),
        financed_amount_wan=sum((d.amount_wan for d in in_year), Decimal("0")),
        ip_total=sum(s.ip_count for s in running),
        ip_holders=sum(1 for s in running if s.ip_count > 0),
        high_tech=sum(1 for s in running if data.holds_high_tech(s.enterprise_id, year)),
        tech_sme=sum(1 for s in running if data.holds_tech_sme(s.enterprise_id, year)),
        financed_incubating=len(financed_running),
        investment_cases=len(deals),
        sales=[data.sales(s.enterprise_id, year) for s in running],
    )


# ---------------------------------------------------------------------------------------------
# Graduation criteria (data quality)


@dataclass(frozen=True)
class Flag:
    """A stay whose recorded status disagrees with the graduation criteria."""

    stay: Stay
    problem: str
    met: tuple[str, ...]  # labels of the criteria met
    note: str = ""


def criteria_met(data: ChainData, stay: Stay, last_year: int, rules: Rules) -> list[str]:
    """Labels of the graduation criteria `stay`'s enterprise meets in the years of the stay
    (entry year to `last_year`)."""
    e = stay.enterprise_id
    years = range(stay.entered_on.year, last_year + 1)
    met = []
    for c in rules.graduation:
        if c.code == "high_tech":
            ok = any(data.holds_high_tech(e, y) for y in years)
        elif c.code == "ip_and_scale":
            ok = stay.ip_count > 0 and any(data.above_scale(e, y) for y in years)
        elif c.code == "revenue":
            minimum = Decimal(str(c.min_revenue_wan or 0))
            ok = any((data.sales(e, y) or 0) > minimum for y in years)
        else:  # listed
            ok = e in data.listed
        if ok:
            met.append(c.label)
    return met


def graduation_flags(
    data: ChainData, kind: str | None = None, rules: Rules | None = None
) -> tuple[list[Flag], list[Flag]]:
    """(stays recorded as graduated without meeting any criterion, stays still incubating at
    year end that meet one) — for the data-quality list."""
    rules = rules or load_rules()
    end = data.end
    unmet, unrecorded = [], []
    for s in data.stays:
        if kind is not None and s.carrier_kind != kind:
            continue
        if s.graduated_by(end):
            if not criteria_met(data, s, s.exited_on.year, rules):
                unmet.append(Flag(s, "记为毕业，但未满足任何毕业条件", (), _missing(data, s)))
        elif s.running_on(end):
            met = criteria_met(data, s, data.year, rules)
            if met:
                unrecorded.append(Flag(s, "已满足毕业条件，仍记为在孵", tuple(met)))
    return unmet, unrecorded


def _missing(data: ChainData, stay: Stay) -> str:
    if stay.enterprise_id not in data.registered:
        return "该单位未登记为企业（无资质和年度数据），无法核验"
    last = stay.exited_on.year if stay.exited_on else data.year
    years = range(stay.entered_on.year, last + 1)
    if not any(y in data.annual.get(stay.enterprise_id, {}) for y in years):
        return "在孵期间无企业年度数据，营业收入和规模条件无法核验"
    return ""
