"""技术合同市场 (issue #8): statistics of registered technology contracts by year, county (输出
seller side / 吸纳 buyer side), contract type, technology field and seller type; the page, its
ECharts options and an xlsx export.

The statistical year is the year the contract was signed and the headline side is the seller's
(输出), exactly as the monitoring indicators tech_contract_value / tech_transaction_value count
(plans/builtin/pingdingshan-14th.yaml), so the figures of a year and region agree with them.
A region is "in the city" when it is one of the registry's regions (seller_region / buyer_region
set); a party outside the city has no region (市外).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import quote, urlencode

from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from kechuang.core.choices import TechField
from kechuang.orgs.choices import OrgKind
from kechuang.regions.choices import RegionLevel
from kechuang.regions.models import Region

from .choices import ContractKind
from .filtersets import ContractFilterSet
from .models import Contract

OUTPUT, BUYER = "output", "buyer"
SIDES = {OUTPUT: "输出", BUYER: "吸纳"}
OUTSIDE = "市外"
UNREGISTERED = "未登记"
NO_FIELD = "未填写"
CENT = Decimal("0.01")
TENTH = Decimal("0.1")
WAN_PER_YI = Decimal(10000)


def quantize(value, step: Decimal = CENT) -> Decimal:
    # SQLite sums decimals as floats; money is exact to the fen.
    return Decimal(str(value or 0)).quantize(step, ROUND_HALF_UP)


def percent(part, whole) -> Decimal | None:
    """part / whole in %, one decimal; None without a base."""
    if not whole:
        return None
    return quantize(Decimal(part) / Decimal(whole) * 100, TENTH)


def change(current, previous) -> Decimal | None:
    """Year-on-year change in %, one decimal; None when the previous year has nothing."""
    if not previous:
        return None
    return quantize((Decimal(current) - Decimal(previous)) / Decimal(previous) * 100, TENTH)


def wan_text(value: Decimal) -> str:
    return f"{value:,.2f}"


def yi_text(value: Decimal) -> str:
    return f"{quantize(value / WAN_PER_YI):,.2f}"


# --- links to the contract list -------------------------------------------------------------------


def list_url(params: dict) -> str | None:
    """The contract list filtered by `params`, or None when ContractFilterSet cannot express one
    of them (the list would then show other contracts than the number counts)."""
    params = {k: v for k, v in params.items() if v is not None}
    if any(k not in ContractFilterSet.base_filters for k in params):
        return None
    return reverse("achievements:contract_list") + "?" + urlencode(params)


# --- the area the page is about -------------------------------------------------------------------


@dataclass
class Focus:
    """The area whose contracts are counted: the whole registry (city), a set of region paths
    (a county), or one organisation (an organisation user)."""

    label: str
    paths: list[str] | None = None  # None: any region of the registry (the city)
    org_id: int | None = None
    county: Region | None = None
    is_city: bool = False
    chosen: bool = False  # a county picked in the selector, not the user's own area

    def has(self, path: str | None, org_id: int | None) -> bool:
        """Whether a party (its region path and org) lies in the focus."""
        if self.org_id is not None:
            return org_id == self.org_id
        if path is None:
            return False
        return self.paths is None or any(path.startswith(p) for p in self.paths)

    def q(self, side: str) -> Q:
        """Contracts whose seller (output) or buyer (吸纳) lies in the focus, in SQL."""
        party = "seller" if side == OUTPUT else "buyer"
        if self.org_id is not None:
            return Q(**{f"{party}_id": self.org_id})
        if self.paths is None:
            return Q(**{f"{party}_region__isnull": False})
        q = Q(pk__in=[])
        for path in self.paths:
            q |= Q(**{f"{party}_region__path__startswith": path})
        return q

    def link_params(self, side: str) -> dict:
        """Contract-list parameters selecting the focus on `side` (a parameter the list does not
        know makes the link None: see list_url)."""
        if self.org_id is not None:
            return {"seller" if side == OUTPUT else "buyer": self.org_id}
        if self.county is not None:
            return {"county" if side == OUTPUT else "buyer_county": self.county.pk}
        if self.is_city:
            return {"seller_location" if side == OUTPUT else "buyer_location": "inside"}
        return {"unsupported": "paths"}


def resolve_focus(user, county_id: str | None) -> tuple[Focus, list[Region], list[Region]]:
    """(focus, counties shown in the county table, counties offered in the selector)."""
    if user.scope_org_id is not None:
        return Focus(label="本单位", org_id=user.scope_org_id), [], []
    choices = list(Region.objects.restrict(user).filter(level=RegionLevel.COUNTY).order_by("code"))
    chosen = next((c for c in choices if str(c.pk) == (county_id or "")), None)
    if chosen is not None:
        focus = Focus(label=chosen.name, paths=[chosen.path], county=chosen, chosen=True)
        return focus, [chosen], choices
    paths = user.scope_region_paths()
    if paths is None:
        return Focus(label="全市", is_city=True), choices, choices
    regions = list(Region.objects.filter(path__in=paths))
    if len(regions) == 1 and regions[0].level == RegionLevel.COUNTY:
        return Focus(label="本县区", paths=paths, county=regions[0]), choices, choices
    if len(regions) == 1 and regions[0].level == RegionLevel.CITY:
        return Focus(label="全市", paths=paths, is_city=True), choices, choices
    return Focus(label="本辖区", paths=paths), choices, choices


# --- figures ----------------------------------------------------------------------------------------


@dataclass
class Stat:
    """Number of contracts, 合同成交额 and 技术交易额 (万元) of a group, with its list link."""

    count: int = 0
    value: Decimal = Decimal("0.00")
    trans: Decimal = Decimal("0.00")
    url: str | None = None

    def add(self, row: Row) -> None:
        self.count += 1
        self.value += row.value
        self.trans += row.trans

    @property
    def share(self) -> Decimal | None:
        """技术交易额 as % of 合同成交额."""
        return percent(self.trans, self.value)

    @property
    def value_text(self) -> str:
        return wan_text(self.value)

    @property
    def trans_text(self) -> str:
        return wan_text(self.trans)

    @property
    def value_yi(self) -> str:
        return yi_text(self.value)

    @property
    def trans_yi(self) -> str:
        return yi_text(self.trans)


@dataclass
class Row:
    """One contract as the statistics need it."""

    kind: str
    field: str
    seller_id: int | None
    buyer_id: int | None
    seller_path: str | None
    buyer_path: str | None
    seller_kind: str | None
    value: Decimal
    trans: Decimal


ROW_FIELDS = (
    "kind",
    "field",
    "seller_id",
    "buyer_id",
    "seller_region__path",
    "buyer_region__path",
    "seller__kind",
    "contract_value_wan",
    "transaction_value_wan",
)


def year_rows(contracts, year: int) -> list[Row]:
    rows = contracts.filter(signed_on__year=year).order_by().values_list(*ROW_FIELDS)
    return [Row(*r[:7], quantize(r[7]), quantize(r[8])) for r in rows]


@dataclass
class Group:
    key: str
    label: str
    stat: Stat = field(default_factory=Stat)
    share: Decimal | None = None  # of the side's 合同成交额, %


def groups(rows: list[Row], key, labels: dict, params, total: Stat, keep_empty=()) -> list[Group]:
    """Rows grouped by key(row), largest 合同成交额 first (`keep_empty`: keys listed even without
    contracts, in this order among equals)."""
    found: dict[str, Group] = {k: Group(k, str(labels.get(k, k))) for k in keep_empty}
    for row in rows:
        k = key(row)
        found.setdefault(k, Group(k, str(labels.get(k, k)))).stat.add(row)
    order = {k: n for n, k in enumerate(keep_empty)}
    out = sorted(found.values(), key=lambda g: (-g.stat.value, order.get(g.key, len(order))))
    for g in out:
        g.share = percent(g.stat.value, total.value)
        g.stat.url = params(g.key)
    return out


def seller_type(row: Row) -> str:
    """The seller's organisation kind; 市外 outside the city; 未登记 in the city but not in the
    organisation registry."""
    if row.seller_kind:
        return row.seller_kind
    return UNREGISTERED if row.seller_path else OUTSIDE


def trend(contracts, focus: Focus, side: str, base: dict) -> dict[int, Stat]:
    """{signed year: Stat} of the side's contracts, every year with contracts."""
    rows = (
        contracts.filter(focus.q(side))
        .order_by()
        .values_list("signed_on__year")
        .annotate(n=Count("pk"), v=Sum("contract_value_wan"), t=Sum("transaction_value_wan"))
    )
    found = {year: (n, v, t) for year, n, v, t in rows}
    out = {}
    # Every year from the first to the last, so a year without contracts shows as a gap of zero.
    for year in range(min(found, default=0), max(found, default=-1) + 1):
        n, v, t = found.get(year, (0, 0, 0))
        url = list_url({**base, "year_from": year, "year_to": year})
        out[year] = Stat(n, quantize(v), quantize(t), url)
    return out


def kpis(by_year: dict[int, Stat], year: int) -> dict:
    now, before = by_year.get(year, Stat()), by_year.get(year - 1, Stat())
    share_change = None
    if now.share is not None and before.share is not None:
        share_change = now.share - before.share
    return {
        "now": now,
        "before": before,
        "count_change": change(now.count, before.count),
        "value_change": change(now.value, before.value),
        "trans_change": change(now.trans, before.trans),
        "share_change": share_change,  # percentage points
    }


@dataclass
class CountyRow:
    label: str
    output: Stat
    buyer: Stat
    rank: int | None = None
    code: str = ""

    @property
    def stats(self) -> tuple[Stat, Stat]:
        return self.output, self.buyer


def by_county(rows: list[Row], focus: Focus, counties: list[Region], year_params: dict) -> dict:
    """输出 and 吸纳 per county, ranked by 输出合同成交额; rows for parties in the focus but in no
    listed county (市本级), for 市外 as the other party, and the focus total (each contract once)."""
    out_rows = []
    for county in counties:
        output = Stat(url=list_url({**year_params, "county": county.pk}))
        buyer = Stat(url=list_url({**year_params, "buyer_county": county.pk}))
        for row in rows:
            if row.seller_path and row.seller_path.startswith(county.path):
                output.add(row)
            if row.buyer_path and row.buyer_path.startswith(county.path):
                buyer.add(row)
        out_rows.append(CountyRow(county.name, output, buyer, code=county.code))
    out_rows.sort(key=lambda r: (-r.output.value, r.code))
    for n, r in enumerate(out_rows, start=1):
        r.rank = n
    paths = [c.path for c in counties]

    def elsewhere(path):
        return path is not None and not any(path.startswith(p) for p in paths)

    other = CountyRow("市本级及其他", Stat(), Stat())
    outside = CountyRow(
        OUTSIDE,
        # Sold by outsiders to the focus / bought by outsiders from it.
        Stat(
            url=list_url({**year_params, **focus.link_params(BUYER), "seller_location": "outside"})
        ),
        Stat(
            url=list_url({**year_params, **focus.link_params(OUTPUT), "buyer_location": "outside"})
        ),
    )
    total = CountyRow(
        f"合计（{focus.label}）",
        Stat(url=list_url({**year_params, **focus.link_params(OUTPUT)})),
        Stat(url=list_url({**year_params, **focus.link_params(BUYER)})),
    )
    for row in rows:
        seller_in = focus.has(row.seller_path, row.seller_id)
        buyer_in = focus.has(row.buyer_path, row.buyer_id)
        if seller_in:
            total.output.add(row)
            if elsewhere(row.seller_path):
                other.output.add(row)
            if row.buyer_path is None:
                outside.buyer.add(row)
        if buyer_in:
            total.buyer.add(row)
            if elsewhere(row.buyer_path):
                other.buyer.add(row)
            if row.seller_path is None:
                outside.output.add(row)
    extra = [r for r in (other, outside) if r.output.count or r.buyer.count]
    return {"rows": out_rows, "extra": extra, "total": total}


FLOW_LABELS = {
    "local": "{area}（买卖双方均在{where}）",
    "out_city": "输出至市内其他县区",
    "out_outside": "输出至市外",
    "in_city": "吸纳自市内其他县区",
    "in_outside": "吸纳自市外",
}


def flows(rows: list[Row], focus: Focus, year_params: dict) -> dict:
    """Where the focus's contracts go and come from; each contract is counted once, so a contract
    with both parties in the focus (e.g. two counties of the city) counts once for it."""
    stats = {key: Stat() for key in FLOW_LABELS}
    for row in rows:
        seller_in = focus.has(row.seller_path, row.seller_id)
        buyer_in = focus.has(row.buyer_path, row.buyer_id)
        if seller_in and buyer_in:
            stats["local"].add(row)
        elif seller_in:
            stats["out_city" if row.buyer_path else "out_outside"].add(row)
        elif buyer_in:
            stats["in_city" if row.seller_path else "in_outside"].add(row)
    own = focus.link_params(OUTPUT)
    theirs = focus.link_params(BUYER)
    stats["local"].url = list_url({**year_params, **own, **theirs})
    stats["out_outside"].url = list_url({**year_params, **own, "buyer_location": "outside"})
    stats["in_outside"].url = list_url({**year_params, **theirs, "seller_location": "outside"})
    total = Stat()
    for s in stats.values():
        total.count += s.count
        total.value += s.value
        total.trans += s.trans
    area, where = ("市内流转", "市内") if focus.is_city else (f"{focus.label}内部", focus.label)
    items = [
        {"key": key, "label": FLOW_LABELS[key].format(area=area, where=where), "stat": stats[key]}
        for key in FLOW_LABELS
        # The city has no "other counties".
        if not (focus.is_city and key in ("out_city", "in_city"))
    ]
    return {"items": items, "total": total, "by_key": stats}


def market_data(contracts, focus: Focus, side: str, year: int, counties: list[Region]) -> dict:
    """Every figure of the page for `year` (contracts already scoped to the user)."""
    side_params = focus.link_params(side)
    by_year = trend(contracts, focus, side, side_params)
    year_params = {"year_from": year, "year_to": year}
    rows = year_rows(contracts, year)
    side_rows = [
        r
        for r in rows
        if focus.has(
            *((r.seller_path, r.seller_id) if side == OUTPUT else (r.buyer_path, r.buyer_id))
        )
    ]
    total = Stat()
    for r in side_rows:
        total.add(r)
    base = {**year_params, **side_params}
    kinds = groups(
        side_rows,
        lambda r: r.kind,
        dict(ContractKind.choices),
        lambda k: list_url({**base, "kind": k}),
        total,
        keep_empty=ContractKind.values,
    )
    fields = groups(
        side_rows,
        lambda r: r.field or NO_FIELD,
        dict(TechField.choices),
        lambda k: None if k == NO_FIELD else list_url({**base, "field": k}),
        total,
    )
    seller_types = groups(
        side_rows,
        seller_type,
        dict(OrgKind.choices),
        lambda k: list_url({**base, "seller_kind": k}),
        total,
    )
    data = {
        "year": year,
        "side": side,
        "side_label": SIDES[side],
        "focus": focus,
        "kpi": kpis(by_year, year),
        "trend": by_year,
        "kinds": kinds,
        "fields": fields,
        "seller_types": seller_types,
        "side_total": total,
        "counties": by_county(rows, focus, counties, year_params) if focus.org_id is None else None,
        "flows": flows(rows, focus, year_params) if focus.org_id is None else None,
    }
    data["charts"] = {
        "trend": trend_option(by_year, focus, side),
        "kind": pie_option(f"按合同类型（{year}年）", kinds),
        "field": bar_option(f"按技术领域（{year}年）", fields),
        "seller": pie_option(f"按卖方类型（{year}年）", seller_types),
    }
    if data["counties"] is not None:
        data["charts"]["county"] = county_option(data["counties"]["rows"], year, focus)
    return data


# --- ECharts options --------------------------------------------------------------------------------

PALETTE = ["#206bc4", "#2fb344", "#f76707", "#ae3ec9", "#d63939", "#17a2b8", "#f59f00", "#74b816"]


def trend_option(by_year: dict[int, Stat], focus: Focus, side: str) -> dict:
    years = sorted(by_year)
    return {
        "title": {
            "text": f"{focus.label}技术合同{SIDES[side]}逐年变化（按签订年度）",
            "textStyle": {"fontSize": 14},
        },
        "color": PALETTE,
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0},
        "grid": {"left": 60, "right": 50, "top": 50, "bottom": 50},
        "xAxis": {"type": "category", "data": [f"{y}年" for y in years]},
        "yAxis": [
            {"type": "value", "name": "万元"},
            {"type": "value", "name": "项", "splitLine": {"show": False}},
        ],
        "series": [
            {
                "name": "合同成交额（万元）",
                "type": "bar",
                "data": [float(by_year[y].value) for y in years],
            },
            {
                "name": "技术交易额（万元）",
                "type": "line",
                "data": [float(by_year[y].trans) for y in years],
            },
            {
                "name": "合同数（项）",
                "type": "line",
                "yAxisIndex": 1,
                "lineStyle": {"type": "dashed"},
                "data": [by_year[y].count for y in years],
            },
        ],
    }


def county_option(rows: list[CountyRow], year: int, focus: Focus) -> dict:
    rows = list(reversed(rows))  # the first-ranked county on top
    area = focus.label if focus.label == "本县区" else "各县（市、区）"
    return {
        "title": {"text": f"{area}输出与吸纳（{year}年）", "textStyle": {"fontSize": 14}},
        "color": ["#206bc4", "#f76707"],
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"bottom": 0},
        "grid": {"left": 90, "right": 40, "top": 40, "bottom": 50},
        "xAxis": {"type": "value", "name": "万元", "splitNumber": 4},
        "yAxis": {"type": "category", "data": [r.label for r in rows]},
        "series": [
            {
                "name": "输出合同成交额",
                "type": "bar",
                "data": [float(r.output.value) for r in rows],
            },
            {
                "name": "吸纳合同成交额",
                "type": "bar",
                "data": [float(r.buyer.value) for r in rows],
            },
        ],
    }


def pie_option(title: str, items: list[Group]) -> dict:
    return {
        "title": {"text": title, "textStyle": {"fontSize": 14}},
        "color": PALETTE,
        "tooltip": {"trigger": "item", "formatter": "{b}：{c} 万元（{d}%）"},
        "series": [
            {
                "type": "pie",
                "radius": ["35%", "65%"],
                "top": 30,
                "label": {"formatter": "{b}\n{d}%"},
                "data": [
                    {"name": g.label, "value": float(g.stat.value)} for g in items if g.stat.value
                ],
            }
        ],
    }


def bar_option(title: str, items: list[Group]) -> dict:
    items = [g for g in reversed(items) if g.stat.count]
    return {
        "title": {"text": title, "textStyle": {"fontSize": 14}},
        "color": PALETTE,
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"bottom": 0},
        "grid": {"left": 100, "right": 40, "top": 40, "bottom": 50},
        "xAxis": {"type": "value", "name": "万元", "splitNumber": 3},
        "yAxis": {"type": "category", "data": [g.label for g in items]},
        "series": [
            {
                "name": "合同成交额（万元）",
                "type": "bar",
                "data": [float(g.stat.value) for g in items],
            },
            {
                "name": "技术交易额（万元）",
                "type": "bar",
                "data": [float(g.stat.trans) for g in items],
            },
        ],
    }


# --- export -----------------------------------------------------------------------------------------


def xlsx_export(data: dict) -> bytes:
    """The page's tables as a workbook (one sheet each)."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    head = book.add_format({"bold": True, "bg_color": "#EEF2F7", "border": 1})
    money = book.add_format({"num_format": "#,##0.00"})
    stat_head = ["合同数（项）", "合同成交额（万元）", "技术交易额（万元）"]

    def sheet(name, headers, lines, widths=(24,)):
        ws = book.add_worksheet(name)
        ws.write_row(0, 0, headers, head)
        for i, line in enumerate(lines, start=1):
            for j, value in enumerate(line):
                if isinstance(value, Decimal):
                    ws.write_number(i, j, float(value), money)
                elif value is None:
                    ws.write_blank(i, j, None)
                else:
                    ws.write(i, j, value)
        ws.set_column(0, 0, widths[0])
        ws.set_column(1, len(headers), 16)

    def cells(s: Stat):
        return [s.count, s.value, s.trans]

    focus, year, side = data["focus"], data["year"], data["side_label"]
    sheet(
        "年度趋势",
        ["签订年度", *stat_head, "技术交易额占比（%）"],
        [[y, *cells(s), s.share] for y, s in sorted(data["trend"].items())],
        (12,),
    )
    if data["counties"] is not None:
        c = data["counties"]
        lines = [
            [r.rank, r.label, *cells(r.output), *cells(r.buyer)]
            for r in [*c["rows"], *c["extra"], c["total"]]
        ]
        sheet(
            "县区输出吸纳",
            [
                "排名",
                "县（市、区）",
                *[f"输出{h}" for h in stat_head],
                *[f"吸纳{h}" for h in stat_head],
            ],
            lines,
            (8,),
        )
        flow = data["flows"]
        sheet(
            "合同流向",
            ["流向", *stat_head],
            [[f["label"], *cells(f["stat"])] for f in flow["items"]]
            + [["合计（去重）", *cells(flow["total"])]],
            (32,),
        )
    for name, key, label in (
        ("合同类型", "kinds", "合同类型"),
        ("技术领域", "fields", "技术领域"),
        ("卖方类型", "seller_types", "卖方类型"),
    ):
        sheet(
            name,
            [label, *stat_head, "成交额占比（%）"],
            [[g.label, *cells(g.stat), g.share] for g in data[key]],
        )
    info = book.add_worksheet("说明")
    info.write(0, 0, f"{focus.label}技术合同市场（{year}年，{side}）")
    info.write(1, 0, NOTE)
    info.set_column(0, 0, 120)
    book.close()
    return buffer.getvalue()


NOTE = (
    "口径：按合同签订日期所在年度统计，输出按卖方所在地、吸纳按买方所在地计，与规划监测指标"
    "“技术合同成交额”“技术交易额”（本市卖方登记的合同）一致；市外指不在本系统区划内的一方；"
    "同一合同买卖双方均在统计区域内时只计一次。"
)


# --- the page ---------------------------------------------------------------------------------------


@login_required
@permission_required("achievements.view_contract", raise_exception=True)
def market(request):
    """技术合同市场: KPIs, trend, counties (输出/吸纳), flows, type, field and seller type."""
    contracts = Contract.objects.restrict(request.user)
    focus, counties, county_choices = resolve_focus(request.user, request.GET.get("county"))
    side = request.GET.get("side") if request.GET.get("side") in SIDES else OUTPUT
    this_year = date.today().year
    with_data = [d.year for d in contracts.dates("signed_on", "year") if d.year <= this_year]
    years = list(range(min(with_data, default=this_year), this_year + 1))
    value = request.GET.get("year", "")
    latest = max(with_data, default=this_year)
    year = int(value) if value.isdigit() and int(value) in years else latest
    data = market_data(contracts, focus, side, year, counties)
    if request.GET.get("export") == "xlsx":
        response = HttpResponse(
            xlsx_export(data),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = quote(f"技术合同市场-{focus.label}-{year}.xlsx")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
        return response
    query = {"year": year, "side": side}
    if focus.chosen:
        query["county"] = focus.county.pk
    context = {
        **data,
        "years": list(reversed(years)),
        "sides": SIDES,
        "county": focus.county if focus.chosen else None,
        "county_choices": county_choices,
        "export_query": urlencode({**query, "export": "xlsx"}),
        "note": NOTE,
    }
    return render(request, "achievements/market.html", context)


__all__ = [
    "Focus",
    "Stat",
    "by_county",
    "flows",
    "market",
    "market_data",
    "resolve_focus",
    "xlsx_export",
]
