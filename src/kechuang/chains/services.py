"""The chain page: counts per link (published aggregates) and the user's own scoped lists."""

from collections import defaultdict

from django.db.models import Count, F

from .models import Link

RELATIONS = (
    # (Link attribute, label, unit)
    ("enterprises", "企业", "家"),
    ("platforms", "平台", "个"),
    ("talents", "人才", "人"),
    ("funds", "基金", "只"),
)


def chain_context(chain, user) -> dict:
    links = list(chain.links.order_by("position"))
    counts = {name: _counts(chain, name) for name, _, _ in RELATIONS}
    listed = {name: _scoped(chain, name, user) for name, _, _ in RELATIONS}
    rows = []
    for link in links:
        rows.append(
            {
                "link": link,
                "counts": [
                    {
                        "name": name,
                        "label": label,
                        "unit": unit,
                        "n": counts[name].get(link.pk, 0),
                        "items": listed[name].get(link.pk, []),
                    }
                    for name, label, unit in RELATIONS
                ],
            }
        )
    return {"rows": rows, "graph": graph_option(chain, rows)}


def _counts(chain, name: str) -> dict[int, int]:
    through = getattr(Link, name).through
    return dict(
        through.objects.filter(link__chain=chain)
        .values("link")
        .annotate(n=Count("id"))
        .values_list("link", "n")
    )


def _scoped(chain, name: str, user) -> dict[int, list]:
    model = getattr(Link, name).field.related_model
    if not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
        return {}
    rows = (
        model.objects.restrict(user)
        .filter(chain_links__chain=chain)
        .annotate(link_id=F("chain_links"))
        .order_by("pk")
    )
    out = defaultdict(list)
    for obj in rows[:2000]:
        out[obj.link_id].append(obj)
    return out


def graph_option(chain, rows) -> dict:
    """ECharts graph: links left to right, upstream → downstream, sized by what they hold."""
    colours = {"up": "#206bc4", "mid": "#2fb344", "down": "#f76707"}
    nodes, edges = [], []
    for i, row in enumerate(rows):
        link = row["link"]
        total = sum(c["n"] for c in row["counts"])
        summary = " · ".join(f"{c['label']} {c['n']}" for c in row["counts"])
        nodes.append(
            {
                "name": link.name,
                "x": i * 180,
                "y": 0 if i % 2 == 0 else 60,
                "symbolSize": 28 + min(total, 60),
                "itemStyle": {"color": colours.get(link.stage, "#666")},
                "label": {
                    "show": True,
                    "position": "bottom",
                    "formatter": f"{link.name}\n{summary}",
                },
                "tooltip": {"formatter": f"{link.get_stage_display()}：{link.name}<br>{summary}"},
            }
        )
        if i:
            edges.append({"source": rows[i - 1]["link"].name, "target": link.name})
    return {
        "title": {"text": f"{chain.name}产业链图谱", "left": "left", "textStyle": {"fontSize": 14}},
        "tooltip": {},
        "series": [
            {
                "type": "graph",
                "layout": "none",
                "roam": True,
                "data": nodes,
                "links": edges,
                "edgeSymbol": ["none", "arrow"],
                "edgeSymbolSize": 10,
                "lineStyle": {"width": 2, "color": "#999"},
                "label": {"fontSize": 11},
            }
        ],
    }
