"""Computations over several talents models: commissioner service coverage (服务覆盖)."""

from collections import defaultdict

from django.db.models import Count, QuerySet

from kechuang.regions.choices import RegionLevel

from .models import Assignment, covering_q

REGION_FIELDS = ("id", "code", "name", "level", "parent_id", "path")


def rate(covered: int, total: int) -> float | None:
    """A coverage rate in percent with one decimal; None when there is nothing to cover."""
    return round(covered * 100 / total, 1) if total else None


def coverage(year: int, regions_queryset: QuerySet) -> list[dict]:
    """Township and village coverage by commissioners in `year`, per county-level unit.

    `regions_queryset` limits the tree (e.g. ``Region.objects.restrict(user)``); one row per
    county in it. A village is covered when an assignment covering `year` serves it; a township
    when one serves the township itself or any of its villages (see ``covering_q``).
    Five queries, whatever the number of townships.
    """
    regions = regions_queryset.order_by()
    counties = list(regions.filter(level=RegionLevel.COUNTY).order_by("code").only(*REGION_FIELDS))
    townships = list(
        regions.filter(level=RegionLevel.TOWNSHIP).order_by("code").only(*REGION_FIELDS)
    )
    villages = regions.filter(level=RegionLevel.VILLAGE)
    villages_per_township = dict(
        villages.values("parent_id").annotate(n=Count("id")).values_list("parent_id", "n")
    )
    covering = Assignment.objects.filter(covering_q(year)).order_by()
    covered_villages_per_township = dict(
        covering.filter(region__in=villages.values("id"))
        .values("region__parent_id")
        .annotate(n=Count("region_id", distinct=True))
        .values_list("region__parent_id", "n")
    )
    township_ids = regions.filter(level=RegionLevel.TOWNSHIP).values("id")
    covered_townships = set(
        covering.filter(region__in=township_ids).values_list("region_id", flat=True).distinct()
    ) | set(covered_villages_per_township)

    by_county = defaultdict(list)
    for township in townships:
        by_county[township.parent_id].append(township)
    rows = []
    for county in counties:
        towns = by_county.get(county.id, [])
        covered = [t for t in towns if t.id in covered_townships]
        n_villages = sum(villages_per_township.get(t.id, 0) for t in towns)
        n_covered_villages = sum(covered_villages_per_township.get(t.id, 0) for t in towns)
        rows.append(
            {
                "county": county,
                "townships": len(towns),
                "townships_covered": len(covered),
                "township_rate": rate(len(covered), len(towns)),
                "villages": n_villages,
                "villages_covered": n_covered_villages,
                "village_rate": rate(n_covered_villages, n_villages),
                "uncovered_townships": [t for t in towns if t.id not in covered_townships],
            }
        )
    return rows


def coverage_total(rows: list[dict]) -> dict:
    """The 合计 row of `coverage()` rows."""
    total = {
        key: sum(row[key] for row in rows)
        for key in ("townships", "townships_covered", "villages", "villages_covered")
    }
    total["township_rate"] = rate(total["townships_covered"], total["townships"])
    total["village_rate"] = rate(total["villages_covered"], total["villages"])
    total["uncovered_townships"] = [t for row in rows for t in row["uncovered_townships"]]
    return total


def coverage_chart(year: int, rows: list[dict]) -> dict:
    """ECharts option: township (and village) coverage per county, in percent."""
    return {
        "title": {
            "text": f"{year}年科技特派员服务覆盖率",
            "left": "center",
            "textStyle": {"fontSize": 14},
        },
        "tooltip": {"trigger": "axis"},
        "legend": {"data": ["乡镇覆盖率（%）", "行政村覆盖率（%）"], "bottom": 0},
        "grid": {"left": 40, "right": 20, "top": 40, "bottom": 80},
        "xAxis": {
            "type": "category",
            "data": [row["county"].name for row in rows],
            "axisLabel": {"interval": 0, "rotate": 30},
        },
        "yAxis": {"type": "value", "max": 100, "name": "%"},
        "series": [
            {
                "name": "乡镇覆盖率（%）",
                "type": "bar",
                "data": [row["township_rate"] for row in rows],
                "label": {"show": True, "position": "top"},
            },
            {
                "name": "行政村覆盖率（%）",
                "type": "bar",
                "data": [row["village_rate"] for row in rows],
            },
        ],
    }
