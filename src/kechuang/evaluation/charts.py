"""ECharts options for the evaluation pages (dicts rendered with json_script)."""

from __future__ import annotations

GRADE_COLOURS = ["#2fb344", "#4299e1", "#f59f00", "#d63939", "#9aa0ac"]


def grade_chart(results, definition: dict) -> dict | None:
    """Platforms per grade (bars coloured best → worst), exempt ones last."""
    if not results:
        return None
    labels = [str(label) for _lower, label in definition["grading"]["bands"]]
    if any(r.grade == "免评" for r in results):
        labels.append("免评")
    counts = {label: 0 for label in labels}
    for r in results:
        counts[r.grade] = counts.get(r.grade, 0) + 1
    return {
        "title": {"text": "等级分布", "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 40, "right": 20, "top": 40, "bottom": 30},
        "xAxis": {"type": "category", "data": list(counts)},
        "yAxis": {"type": "value", "minInterval": 1, "name": "个"},
        "series": [
            {
                "type": "bar",
                "name": "平台数",
                "label": {"show": True, "position": "top"},
                "data": [
                    {
                        "value": n,
                        "itemStyle": {"color": GRADE_COLOURS[min(i, len(GRADE_COLOURS) - 1)]},
                    }
                    for i, n in enumerate(counts.values())
                ],
            }
        ],
    }


def rank_interval_option(
    title: str, names: list[str], ranks: list, lows: list, highs: list, *, left: int, x_max=None
) -> dict:
    """Ranks with their 5–95 % intervals: a transparent bar up to the interval's start, a bar
    across the interval, the rank as a dot (one row per name, best first)."""
    x_axis = {"type": "value", "name": "名次", "minInterval": 1, "min": 0}
    if x_max is not None:
        x_axis["max"] = x_max
    return {
        "title": {"text": title, "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "item"},
        "grid": {"left": left, "right": 30, "top": 40, "bottom": 30},
        "yAxis": {
            "type": "category",
            "data": names,
            "inverse": True,
            "axisLabel": {"width": left - 20, "overflow": "truncate"},
        },
        "xAxis": x_axis,
        "series": [
            {
                "type": "bar",
                "stack": "interval",
                "itemStyle": {"color": "transparent"},
                "tooltip": {"show": False},
                "data": [low - 0.5 for low in lows],
            },
            {
                "type": "bar",
                "stack": "interval",
                "name": "排名区间",
                "itemStyle": {"color": "rgba(66,153,225,0.35)"},
                "data": [high - low + 1 for low, high in zip(lows, highs, strict=True)],
            },
            {
                "type": "scatter",
                "name": "排名",
                "symbolSize": 9,
                "itemStyle": {"color": "#206bc4"},
                "data": [[r, name] for r, name in zip(ranks, names, strict=True)],
            },
        ],
    }


def interval_chart(results, limit: int = 30) -> dict | None:
    """Rank with its 5–95 % Monte-Carlo interval for the best `limit` platforms."""
    ranked = sorted((r for r in results if r.rank_low is not None), key=lambda r: r.rank)[:limit]
    if not ranked:
        return None
    return rank_interval_option(
        "排名及其不确定性区间（5%–95%）",
        [r.platform.name for r in ranked],
        [r.rank for r in ranked],
        [r.rank_low for r in ranked],
        [r.rank_high for r in ranked],
        left=220,
    )


def contribution_chart(result, rows) -> dict | None:
    """Each indicator's points in the platform's score (horizontal bars), against its maximum."""
    leaves = [r for r in rows if r.get("leaf") and r.get("contribution") is not None]
    if not leaves:
        return None
    return {
        "title": {"text": "各指标得分贡献", "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"bottom": 0},
        "grid": {"left": 200, "right": 30, "top": 40, "bottom": 40},
        "yAxis": {
            "type": "category",
            "inverse": True,
            "data": [r["spec"].name for r in leaves],
            "axisLabel": {"width": 180, "overflow": "truncate"},
        },
        "xAxis": {"type": "value", "name": "分"},
        "series": [
            {
                "type": "bar",
                "name": "得分",
                "stack": "total",
                "itemStyle": {"color": "#206bc4"},
                "data": [round(r["contribution"], 2) for r in leaves],
            },
            {
                "type": "bar",
                "name": "失分",
                "stack": "total",
                "itemStyle": {"color": "#e6e7e9"},
                "data": [
                    round(max((r["used_weight"] or r["global"]) * 100 - r["contribution"], 0), 2)
                    for r in leaves
                ],
            },
        ],
    }


def rank_chart(result, counties) -> dict | None:
    """Each county's rank over the years (1 at the top)."""
    if not result.ranks or not counties:
        return None
    return {
        "title": {"text": "历年排名", "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis"},
        "legend": {"type": "scroll", "bottom": 0},
        "grid": {"left": 40, "right": 20, "top": 40, "bottom": 60},
        "xAxis": {"type": "category", "data": [f"{y}年" for y in result.years]},
        "yAxis": {
            "type": "value",
            "inverse": True,
            "min": 1,
            "max": len(result.counties),
            "minInterval": 1,
            "name": "名次",
        },
        "series": [
            {
                "name": c.name,
                "type": "line",
                "data": [result.ranks.get((c.pk, y)) for y in result.years],
            }
            for c in counties
        ],
    }


def radar_chart(result, county, year) -> dict | None:
    """One county's dimension scores against the average of all counties, in `year`."""
    dims = result.dimensions
    mine = result.dimension_scores.get((county.pk, year))
    if not dims or not mine:
        return None
    others = [result.dimension_scores.get((c.pk, year), {}) for c in result.counties]
    average = [
        round(sum(o.get(d["code"], 0) for o in others) / max(len(others), 1), 1) for d in dims
    ]
    return {
        "title": {
            "text": f"{county.name} {year}年各维度得分",
            "left": "center",
            "textStyle": {"fontSize": 14},
        },
        "tooltip": {},
        "legend": {"bottom": 0},
        "radar": {"indicator": [{"name": d["name"], "max": 100} for d in dims], "radius": "62%"},
        "series": [
            {
                "type": "radar",
                "data": [
                    {
                        "name": county.name,
                        "value": [round(mine.get(d["code"], 0), 1) for d in dims],
                        "areaStyle": {"opacity": 0.2},
                    },
                    {"name": "各县区平均", "value": average, "lineStyle": {"type": "dashed"}},
                ],
            }
        ],
    }


def county_interval_chart(rows, total: int | None = None) -> dict | None:
    """Each county's rank with its 5–95 % interval under perturbed weights."""
    ranked = [r for r in rows if r["interval"] is not None]
    if not ranked:
        return None
    return rank_interval_option(
        "排名不确定性（权重扰动 5%–95%）",
        [r["county"].name for r in ranked],
        [r["rank"] for r in ranked],
        [r["interval"][0] for r in ranked],
        [r["interval"][2] for r in ranked],
        left=110,
        x_max=(total or len(rows)) + 1,
    )
