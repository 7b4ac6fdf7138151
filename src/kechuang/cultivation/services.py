"""Cultivation in the platform: diagnosis of one enterprise, the yearly batch that fills the 后备库,
and the tier pipeline (微成长 → 科技型中小企业 → 高新技术企业 → 创新龙头) per county and for the city.

One implementation of the rules (`kechuang.cultivation.rules`) serves the CLI, the pages and the API.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.db import transaction
from django.urls import reverse

from kechuang.enterprises.choices import QualificationKind, Tier
from kechuang.enterprises.models import AnnualData, Enterprise, Qualification
from kechuang.enterprises.tiers import held, tier_of

from .inputs import HIGH_TECH_YEARLY_FIELDS, TECH_SME_FIELDS, high_tech_input, tech_sme_input
from .models import Evaluation
from .rules import HIGH_TECH, TECH_SME, ValidationError, evaluate_high_tech, evaluate_tech_sme
from .rules._format import pct

POLICY_VERSIONS = f"{TECH_SME.policy_version} / {HIGH_TECH.policy_version}"
TIER_ORDER = (Tier.MICRO, Tier.TECH_SME, Tier.HIGH_TECH, Tier.LEADER)

CONDITION_LABELS = {
    "registration_age": "注册成立满一年",
    "core_ip": "拥有核心知识产权",
    "field": "属于国家重点支持的高新技术领域",
    "st_staff_ratio": "科技人员占职工总数比例",
    "rd_ratio": "近三年研发费用占销售收入比例",
    "rd_in_china": "境内研发费用占全部研发费用比例",
    "high_tech_income_ratio": "高新技术产品（服务）收入占总收入比例",
    "innovation_score": "创新能力评价",
    "compliance": "无重大安全、质量事故或严重环境违法行为",
}
RATIO_CODES = ("st_staff_ratio", "rd_ratio", "rd_in_china", "high_tech_income_ratio")
FIELD_LABELS = {"established_on": "成立日期（法人单位）"}

# Annual-data fields any rule reads (the batch loads only these).
ANNUAL_FIELDS = sorted(
    {*TECH_SME_FIELDS, *HIGH_TECH_YEARLY_FIELDS, "high_tech_income_wan", "total_income_wan"}
    | {"net_assets_wan", "class1_ip", "class2_ip", "employees", "st_staff"}
)


def field_label(name: str) -> str:
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    return str(AnnualData._meta.get_field(name).verbose_name)


# --- one enterprise ----------------------------------------------------------------------------


def evaluate(enterprise, rows_by_year: dict, qualifications, year: int, today: date | None = None):
    """An unsaved Evaluation of `enterprise` for data year `year` from its annual rows (by year) and
    its qualifications. `enterprise` needs `pk`, `tech_field` and `org.established_on`."""
    today = today or date.today()
    kinds = {q.kind for q in qualifications if held(q, year)}
    tier = tier_of(qualifications, year)
    ts = tech_sme_input(
        rows_by_year.get(year), holds_high_tech=QualificationKind.HIGH_TECH in kinds
    )
    ht = high_tech_input(
        rows_by_year,
        year,
        established_on=enterprise.org.established_on,
        tech_field=enterprise.tech_field,
    )
    result: dict = {"years": ht.years or ts.years}
    missing = sorted(set(ts.missing) | set(ht.missing), key=_field_order)
    ev = Evaluation(
        enterprise_id=enterprise.pk,
        year=year,
        tier=tier,
        policy_versions=POLICY_VERSIONS,
        high_tech_until=_high_tech_until(qualifications, today),
    )
    problems = []
    if ts.data is not None:
        try:
            ts_result = evaluate_tech_sme(ts.data)
        except ValidationError as exc:
            problems += [e["message"] for e in exc.errors]
        else:
            result["tech_sme"] = ts_result
            ev.tech_sme_eligible = ts_result["eligible"]
            ev.tech_sme_score = ts_result["score"]
    if ht.data is not None:
        try:
            ht_result = evaluate_high_tech(ht.data)
        except ValidationError as exc:
            problems += [e["message"] for e in exc.errors]
        else:
            result["high_tech"] = ht_result
            failed = [c for c in ht_result["conditions"] if c["passed"] is False]
            ev.high_tech_assessed = True
            ev.high_tech_eligible = ht_result["eligible"]
            ev.high_tech_failed = len(failed)
            ev.high_tech_gap_wan = Decimal(
                str(round(sum(c.get("gap_wan") or 0 for c in failed), 2))
            )
            ev.to_fix = "；".join(c["message"] for c in failed)
    ev.missing = [field_label(name) for name in missing]
    if problems:
        result["problems"] = problems
    ev.result = result
    return ev


def _field_order(name: str) -> int:
    order = (*TECH_SME_FIELDS, *ANNUAL_FIELDS, "established_on")
    return order.index(name) if name in order else len(order)


def _high_tech_until(qualifications, today: date) -> date | None:
    """End of validity of the enterprise's latest high-tech certificate issued by `today` and not
    revoked — in the past when it has lapsed (the 后备库 shows 将到期 / 已过期 from it)."""
    ends = [
        q.valid_until
        for q in qualifications
        if q.kind == QualificationKind.HIGH_TECH
        and q.issued_on <= today
        and (q.revoked_on is None or q.revoked_on > today)
    ]
    return max(ends) if ends else None


def latest_data_year(enterprise) -> int | None:
    return enterprise.annual_data.order_by("-year").values_list("year", flat=True).first()


def diagnose(enterprise, year: int | None = None) -> dict | None:
    """What the enterprise page shows: the rule results for `year` (default: its latest data year),
    explained — or which data is missing. None when the enterprise has no annual data at all."""
    years = list(enterprise.annual_data.order_by("-year").values_list("year", flat=True))
    if not years:
        return None
    year = year if year in years else years[0]
    rows = {r.year: r for r in enterprise.annual_data.filter(year__gte=year - 2, year__lte=year)}
    ev = evaluate(enterprise, rows, list(enterprise.qualifications.all()), year)
    return {"year": year, "years": years, "evaluation": ev, **explain(ev)}


def explain(ev: Evaluation) -> dict:
    """Rows and sentences for showing an evaluation."""
    ht = ev.result.get("high_tech")
    ts = ev.result.get("tech_sme")
    conditions = []
    if ht:
        for c in ht["conditions"]:
            conditions.append(
                {
                    "code": c["code"],
                    "label": CONDITION_LABELS[c["code"]],
                    "passed": c["passed"],
                    "actual": _show(c["code"], c.get("actual")),
                    "required": _show(c["code"], c.get("required")),
                    "gap_wan": c.get("gap_wan"),
                    "message": c.get("message", ""),
                }
            )
    if ht is None:
        headline = ""
    elif ht["eligible"]:
        headline = "已满足高新技术企业认定的全部量化条件，可申报认定。"
    elif ev.high_tech_failed:
        headline = "距离高新技术企业认定还差：" + ev.to_fix + "。"
    else:
        headline = "量化条件均已满足；创新能力评价须经专家评分达到 71 分，可准备申报。"
    return {
        "conditions": conditions,
        "headline": headline,
        "tech_sme": ts,
        "growth": _growth((ht or {}).get("growth")),
        "missing": ev.missing,
        "problems": ev.result.get("problems", []),
    }


def _growth(growth: dict | None) -> dict | None:
    if not growth:
        return None
    rate = lambda v: "—" if v is None else pct(v)  # noqa: E731
    return {
        "net_assets": rate(growth["net_assets_growth"]),
        "net_assets_band": growth["net_assets_band"] or "—",
        "sales": rate(growth["sales_growth"]),
        "sales_band": growth["sales_band"] or "—",
    }


def _show(code: str, value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if code == "registration_age":
        return f"{value} 天"
    if code == "innovation_score":
        return f"{value} 分"
    if code in RATIO_CODES:
        return pct(value)
    return str(value)


# --- the yearly batch --------------------------------------------------------------------------

CHUNK = 2000


def evaluate_year(year: int, progress=None, enterprises=None, today: date | None = None) -> dict:
    """Evaluate every enterprise (or those of the `enterprises` queryset) for data year `year` and
    store the results, replacing that year's earlier ones. Chunks of 2,000 enterprises, each written
    in one transaction; `progress(done, total)` after each. Returns counts."""
    today = today or date.today()
    queryset = (enterprises if enterprises is not None else Enterprise.objects.all()).order_by("pk")
    ids = list(queryset.values_list("pk", flat=True))
    total = len(ids)
    counts = Counter()
    if progress:
        progress(0, total, f"评价 {year} 年度数据")
    for start in range(0, total, CHUNK):
        chunk = ids[start : start + CHUNK]
        evaluations = _evaluate_chunk(chunk, year, today)
        for ev in evaluations:
            counts["evaluated"] += 1
            # Eligible needs the experts' innovation score too; "ready" = every quantified one met.
            counts["high_tech_ready"] += ev.high_tech_failed == 0
            counts["tech_sme_eligible"] += ev.tech_sme_eligible is True
            counts["incomplete"] += not ev.high_tech_assessed
        with transaction.atomic():
            Evaluation.objects.filter(year=year, enterprise_id__in=chunk).delete()
            Evaluation.objects.bulk_create(evaluations, batch_size=500)
        if progress:
            progress(min(start + CHUNK, total), total, f"评价 {year} 年度数据")
    counts["enterprises"] = total
    return dict(counts)


def _evaluate_chunk(ids: list[int], year: int, today: date) -> list[Evaluation]:
    enterprises = (
        Enterprise.objects.filter(pk__in=ids)
        .select_related("org")
        .only("pk", "tech_field", "org__established_on")
    )
    rows = defaultdict(dict)
    annual = AnnualData.objects.filter(
        enterprise_id__in=ids, year__gte=year - 2, year__lte=year
    ).values("enterprise_id", "year", *ANNUAL_FIELDS)
    for values in annual:
        rows[values["enterprise_id"]][values["year"]] = SimpleNamespace(**values)
    quals = defaultdict(list)
    for q in Qualification.objects.filter(enterprise_id__in=ids).only(
        "enterprise_id", "kind", "year", "issued_on", "valid_until", "revoked_on"
    ):
        quals[q.enterprise_id].append(q)
    return [evaluate(e, rows[e.pk], quals[e.pk], year, today) for e in enterprises]


def evaluate_job(progress, year: int) -> dict:
    """Job function (kechuang.jobs): the batch for `year`, then a link to the 后备库."""
    counts = evaluate_year(int(year), progress)
    summary = (
        f"已评价 {counts.get('evaluated', 0)} 家企业 {year} 年度数据："
        f"高新技术企业量化条件全部满足 {counts.get('high_tech_ready', 0)} 家，"
        f"符合科技型中小企业条件 {counts.get('tech_sme_eligible', 0)} 家，"
        f"数据不全 {counts.get('incomplete', 0)} 家。"
    )
    url = reverse("cultivation:evaluation_list") + f"?year={year}"
    return {"summary": summary, "url": url, **counts}


# --- tiers over years: the pipeline ------------------------------------------------------------


def tier_matrix(enterprises, years) -> dict[int, dict[int, str]]:
    """{enterprise_id: {year: tier}} for the enterprises of the queryset (two queries)."""
    ids = list(enterprises.order_by().values_list("pk", flat=True))
    grouped = defaultdict(list)
    for q in Qualification.objects.filter(
        enterprise_id__in=enterprises.order_by().values("pk")
    ).only("enterprise_id", "kind", "year", "issued_on", "valid_until", "revoked_on"):
        grouped[q.enterprise_id].append(q)
    micro = dict.fromkeys(years, Tier.MICRO)
    return {
        eid: ({y: tier_of(grouped[eid], y) for y in years} if eid in grouped else micro)
        for eid in ids
    }


def tier_counts(enterprises, year: int) -> dict[str, int]:
    """Enterprises per tier in `year` (feeds the monitoring indicators)."""
    counts = Counter(tiers[year] for tiers in tier_matrix(enterprises, [year]).values())
    return {tier.value: counts.get(tier, 0) for tier in TIER_ORDER}


def rate(numerator: int, denominator: int) -> float | None:
    return None if not denominator else round(100 * numerator / denominator, 1)


def flow(matrix: dict[int, dict[int, str]], year: int) -> dict:
    """Counts in `year`, and what became of `year − 1`'s tiers: 小升高 and 高变强."""
    before, now = year - 1, year
    counts = Counter(t[now] for t in matrix.values())
    moves = Counter((t[before], t[now]) for t in matrix.values())
    sme_before = sum(n for (a, _b), n in moves.items() if a == Tier.TECH_SME)
    sme_up = sum(
        n
        for (a, b), n in moves.items()
        if a == Tier.TECH_SME and b in (Tier.HIGH_TECH, Tier.LEADER)
    )
    ht_before = sum(n for (a, _b), n in moves.items() if a == Tier.HIGH_TECH)
    ht_up = moves[(Tier.HIGH_TECH, Tier.LEADER)]
    new_high_tech = sum(
        n
        for (a, b), n in moves.items()
        if a in (Tier.MICRO, Tier.TECH_SME) and b in (Tier.HIGH_TECH, Tier.LEADER)
    )
    leaders_before = sum(n for (a, _b), n in moves.items() if a == Tier.LEADER)
    return {
        "counts": {tier.value: counts.get(tier, 0) for tier in TIER_ORDER},
        "total": sum(counts.values()),
        "sme_before": sme_before,
        "sme_up": sme_up,
        "sme_up_rate": rate(sme_up, sme_before),
        "high_tech_before": ht_before,
        "high_tech_up": ht_up,
        "high_tech_up_rate": rate(ht_up, ht_before),
        "new_high_tech": new_high_tech,
        "leaders_before": leaders_before,
        "leader_growth": rate(counts.get(Tier.LEADER, 0) - leaders_before, leaders_before),
    }


def pipeline(enterprises, counties, year: int, first_year: int) -> dict:
    """The pipeline page: tier counts per year, the flow into `year`, and one row per county."""
    years = list(range(first_year, year + 1))
    rows = enterprises.order_by().values_list("pk", "org__region__path")
    county_of = {}
    by_path = {c.path: c for c in counties}
    for eid, path in rows:
        county_of[eid] = next((c for p, c in by_path.items() if path.startswith(p)), None)
    matrix = tier_matrix(enterprises, sorted({*years, year - 1}))
    per_county = defaultdict(dict)
    for eid, tiers in matrix.items():
        county = county_of.get(eid)
        if county is not None:
            per_county[county.pk][eid] = tiers
    by_year = {y: Counter(t[y] for t in matrix.values()) for y in years}
    return {
        "year": year,
        "city": flow(matrix, year),
        "counties": [{"county": c, **flow(per_county.get(c.pk, {}), year)} for c in counties],
        "by_year": {y: {t.value: by_year[y].get(t, 0) for t in TIER_ORDER} for y in years},
        "sankey": sankey_chart(matrix, year),
        "trend": trend_chart(by_year, years),
    }


def sankey_chart(matrix: dict[int, dict[int, str]], year: int) -> dict:
    """ECharts Sankey of tier transitions over the last three years."""
    years = [year - 2, year - 1, year]
    names = {t: str(Tier(t).label) for t in TIER_ORDER}
    colours = {
        Tier.MICRO: "#adb5bd",
        Tier.TECH_SME: "#66a3ff",
        Tier.HIGH_TECH: "#2fb344",
        Tier.LEADER: "#f76707",
    }
    nodes, links = [], []
    seen = set()
    for a, b in itertools.pairwise(years):
        moves = Counter((t[a], t[b]) for t in matrix.values() if a in t and b in t)
        for (src, dst), n in sorted(moves.items()):
            s, d = f"{names[src]}（{a}）", f"{names[dst]}（{b}）"
            for node, tier in ((s, src), (d, dst)):
                if node not in seen:
                    seen.add(node)
                    nodes.append({"name": node, "itemStyle": {"color": colours[tier]}})
            links.append({"source": s, "target": d, "value": n})
    return {
        "title": {"text": f"梯次流转（{years[0]}—{year}年）", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "item"},
        "series": [
            {
                "type": "sankey",
                "top": 40,
                "bottom": 10,
                "left": 10,
                "right": 150,
                "nodeGap": 12,
                "emphasis": {"focus": "adjacency"},
                "lineStyle": {"color": "gradient", "opacity": 0.35},
                "label": {"fontSize": 12},
                "data": nodes,
                "links": links,
            }
        ],
    }


def trend_chart(by_year: dict, years: list[int]) -> dict:
    shown = (Tier.TECH_SME, Tier.HIGH_TECH, Tier.LEADER)
    return {
        "title": {"text": "各梯次企业数", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0, "data": [str(Tier(t).label) for t in shown]},
        "grid": {"left": 50, "right": 20, "top": 50, "bottom": 50},
        "xAxis": {"type": "category", "data": [str(y) for y in years]},
        "yAxis": {"type": "value", "name": "家"},
        "series": [
            {
                "name": str(Tier(t).label),
                "type": "bar",
                "stack": "tiers",
                "data": [by_year[y].get(t, 0) for y in years],
            }
            for t in shown
        ],
    }
