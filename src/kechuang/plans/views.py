from datetime import date
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse

from kechuang.regions.choices import RegionLevel
from kechuang.regions.filters import CountyFilter
from kechuang.regions.models import Region
from kechuang.web import generic

from . import maps, progress, tasks
from .models import IndicatorValue, Plan
from .values import assess, latest_baseline, rank_rows


class PlanView(generic.ObjectView):
    queryset = Plan.objects.select_related("region")

    def extra_context(self, obj):
        return {"indicators": indicator_rows(obj)}


def indicator_rows(plan) -> list[dict]:
    rows = []
    for ind in plan.indicators.prefetch_related("baselines", "annual_targets"):
        baselines = [{"year": b.year, "value": ind.display(b.value)} for b in ind.baselines.all()]
        rows.append(
            {
                "indicator": ind,
                "baselines": baselines,
                "target": ind.display(ind.target_value) if ind.target_value else None,
                "annual": "，".join(
                    f"{t.year}年 {ind.display(t.value)}" for t in ind.annual_targets.all()
                ),
            }
        )
    return rows


class DefaultPlanView(PlanView):
    """规划指标: the default plan's page."""

    def get(self, request):
        plan = get_object_or_404(self.queryset.filter(is_default=True))
        return PlanView.get(self, request, plan.pk)


# --- 规划监测 ---------------------------------------------------------------------------------


def _context(request):
    """The default plan, the chosen year, the regions the user may see and the one in focus."""
    plan = get_object_or_404(Plan.objects.select_related("region"), is_default=True)
    visible = Region.objects.restrict(request.user)
    counties = list(
        visible.filter(level=RegionLevel.COUNTY, path__startswith=plan.region.path).order_by("code")
    )
    city_visible = visible.filter(pk=plan.region.pk).exists()
    choices = ([plan.region] if city_visible else []) + counties
    if not choices and not request.user.has_perm("regions.view_region"):
        # Users outside the regional hierarchy (experts) see the published plan's city figures.
        choices = [plan.region]
    if not choices:
        raise Http404
    focus = next((r for r in choices if r.code == request.GET.get("region")), choices[0])
    stored = IndicatorValue.objects.filter(indicator__plan=plan).aggregate(y=Max("year"))["y"]
    latest = min(stored or date.today().year - 1, date.today().year)
    value = request.GET.get("year", "")
    year = int(value) if value.isdigit() and 2000 <= int(value) <= latest else latest
    return plan, year, focus, choices, counties


def _series(plan, regions, years, indicator=None):
    """{(indicator_id, region_id, year): IndicatorValue} in one query (one indicator's, if given)."""
    rows = IndicatorValue.objects.filter(
        indicator__plan=plan, region__in=regions, year__in=list(years)
    ).only("indicator_id", "region_id", "year", "value", "numerator", "denominator")
    if indicator is not None:
        rows = rows.filter(indicator=indicator)
    return {(v.indicator_id, v.region_id, v.year): v for v in rows}


def _spark(indicator, values_by_year: dict, years) -> dict:
    factor = float(indicator.display_factor)
    data = [
        None
        if values_by_year.get(y) is None
        else round(float(values_by_year[y]) * factor, indicator.decimals + 2)
        for y in years
    ]
    return {
        "grid": {"left": 2, "right": 2, "top": 4, "bottom": 2},
        "xAxis": {"type": "category", "show": False, "data": [str(y) for y in years]},
        "yAxis": {"type": "value", "show": False, "scale": True},
        "tooltip": {"trigger": "axis"},
        "series": [
            {
                "type": "line",
                "data": data,
                "symbol": "none",
                "smooth": True,
                "areaStyle": {"opacity": 0.15},
            }
        ],
    }


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def monitor(request):
    """规划监测: every indicator of the plan for one region and year, coloured by warning level."""
    plan, year, focus, choices, _counties = _context(request)
    years = list(range(max(plan.start_year - 5, year - 9), year + 1))
    series = _series(plan, [focus], years)
    cards = []
    for indicator in plan.indicators.prefetch_related("baselines"):
        by_year = {
            y: v.value
            for (i, _r, y), v in series.items()
            if i == indicator.pk and v.value is not None
        }
        state = assess(indicator, by_year, year) if focus.pk == plan.region_id else None
        cards.append(
            {
                "indicator": indicator,
                "value": by_year.get(year),
                "shown": indicator.display(by_year.get(year))
                if by_year.get(year) is not None
                else None,
                "state": state,
                "spark": _spark(indicator, by_year, years) if by_year else None,
                "spark_id": f"spark-{indicator.code}",
            }
        )
    context = {
        "plan": plan,
        "year": year,
        "years": list(range(year, plan.start_year - 6, -1)),
        "focus": focus,
        "choices": choices,
        "cards": cards,
        "levels": progress.LEVEL_LABELS,
        "counts": {
            lvl: sum(1 for c in cards if c["state"] and c["state"]["level"] == lvl)
            for lvl in progress.LEVEL_LABELS
        },
        "tasks": tasks.summary(plan.tasks.all())
        if request.user.has_perm("plans.view_task")
        else None,
    }
    return render(request, "plans/monitor.html", context)


def drill_url(indicator, region, year: int | None = None) -> str | None:
    """The registry list behind a computed value: filtered to the region, the year by the
    measure's own year rule and the measure's filters, each through the list's filter that
    expresses it (`drill_filters`)."""
    if indicator.is_input:
        return reverse("plans:reporting") + (f"?year={year}" if year else "")
    spec = indicator.compute_spec()
    if spec is None:
        return None
    measure = spec.measure or spec.numerator
    model = measure.model
    try:
        url = reverse(f"{model._meta.app_label}:{model._meta.model_name}_list")
    except NoReverseMatch:
        return None
    params, _missing = drill_filters(url, measure, region, year)
    return url + ("?" + urlencode(params) if params else "")


def drill_filters(url: str, measure, region, year: int | None) -> tuple[dict, list[str]]:
    """({list filter: value}, [the parts of the measure no filter of the list expresses]) for the
    rows of `measure` in `region` and `year`. A filter is found by what it does — the county
    filter on the measure's region path, the `YearRuleFilter` of the measure's year method, the
    filters on its year field and `where` lookups — not by its name."""
    from django.urls import resolve

    view = getattr(resolve(url).func, "view_class", None)
    filterset = getattr(view, "filterset", None)
    filters = filterset.base_filters if filterset is not None else {}

    def lookup(f) -> str:
        expr = f.lookup_expr
        return f.field_name if expr == "exact" else f"{f.field_name}__{expr}"

    def named(test) -> str | None:
        return next((name for name, f in filters.items() if test(f)), None)

    params, missing = {}, []
    if region.level == RegionLevel.COUNTY:
        name = named(lambda f: isinstance(f, CountyFilter) and f.field_name == measure.regions[0])
        if name:
            params[name] = region.pk
        else:
            missing.append("county")
    if year is not None and measure.year_method:
        name = named(lambda f: getattr(f, "rule", None) == measure.year_method)
        if name:
            params[name] = year
        else:
            missing.append(measure.year_method)
    elif year is not None and measure.year_field:
        field = measure.year_field
        exact = named(lambda f: lookup(f) == field and not f.method)
        low = named(lambda f: lookup(f) == f"{field}__gte" and not f.method)
        high = named(lambda f: lookup(f) == f"{field}__lte" and not f.method)
        if exact:
            params[exact] = year
        elif low and high:
            params[low] = params[high] = year
        else:
            missing.append(field)
    for key, value in measure.where:
        name = named(lambda f, key=key: lookup(f) == key and not f.method)
        if name and not isinstance(value, tuple):
            params[name] = value
        else:
            missing.append(key)
    return params, missing


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def indicator_detail(request, code: str):
    """One indicator: trend against the target path, projection, and every county ranked."""
    plan, year, _focus, choices, counties = _context(request)
    indicator = get_object_or_404(plan.indicators.prefetch_related("baselines"), code=code)
    years = list(range(max(plan.start_year - 5, 2016), year + 1))
    regions = list(choices)
    series = _series(plan, regions, years, indicator)
    city = {
        y: v.value
        for (i, r, y), v in series.items()
        if i == indicator.pk and r == plan.region_id and v.value is not None
    }
    state = assess(indicator, city, year) if plan.region in choices else None
    rows = []
    for region in counties:
        v = series.get((indicator.pk, region.pk, year))
        rows.append(
            {
                "region": region,
                "value": v.value if v else None,
                "numerator": v.numerator if v else None,
                "denominator": v.denominator if v else None,
                "shown": indicator.display(v.value) if v and v.value is not None else "—",
                "url": drill_url(indicator, region, year),
            }
        )
    ranked = rank_rows(rows, indicator)
    factor = float(indicator.display_factor)
    base = latest_baseline(indicator, year)
    trend = {
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0},
        "grid": {"left": 60, "right": 20, "top": 20, "bottom": 40},
        "xAxis": {"type": "category", "data": [str(y) for y in years]},
        "yAxis": {"type": "value", "name": indicator.display_unit, "scale": True},
        "series": [
            {
                "name": "实际值",
                "type": "line",
                "data": [
                    None if city.get(y) is None else round(float(city[y]) * factor, 4)
                    for y in years
                ],
            },
        ],
    }
    if base is not None and indicator.target_value is not None and indicator.target_year:
        trend["xAxis"]["data"] = [
            str(y) for y in sorted(set(years) | set(range(base.year, indicator.target_year + 1)))
        ]
        axis = [int(y) for y in trend["xAxis"]["data"]]
        trend["series"][0]["data"] = [
            None if city.get(y) is None else round(float(city[y]) * factor, 4) for y in axis
        ]
        trend["series"].append(
            {
                "name": "目标路径（线性）",
                "type": "line",
                "lineStyle": {"type": "dashed"},
                "symbol": "none",
                "data": [
                    round(
                        progress.expected(
                            float(base.value),
                            float(indicator.target_value),
                            base.year,
                            indicator.target_year,
                            y,
                        )
                        * factor,
                        4,
                    )
                    if y >= base.year
                    else None
                    for y in axis
                ],
            }
        )
    bars = {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 150, "right": 30, "top": 10, "bottom": 20},
        "xAxis": {"type": "value"},
        "yAxis": {"type": "category", "inverse": True, "data": [r["region"].name for r in ranked]},
        "series": [
            {
                "type": "bar",
                "data": [round(float(r["value"]) * factor, 4) for r in ranked],
                "label": {"show": True, "position": "right"},
            }
        ],
    }
    context = {
        "plan": plan,
        "indicator": indicator,
        "year": year,
        "years": list(range(year, 2015, -1)),
        "state": state,
        "rows": rows,
        "trend": trend,
        "bars": bars,
        "baseline": base,
        "city_value": indicator.display(city.get(year)) if city.get(year) is not None else "—",
        "city_url": drill_url(indicator, plan.region, year),
        "is_ratio": bool(indicator.compute_spec() and indicator.compute_spec().is_ratio),
        "map": maps.county_map(indicator, rows),
    }
    return render(request, "plans/indicator_detail.html", context)


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def report(request):
    """The annual monitoring report of the default plan, as docx (with charts) or xlsx."""
    from django.http import HttpResponse

    from .report import docx_report, xlsx_report

    plan, year, _focus, choices, _counties = _context(request)
    if plan.region not in choices:
        raise Http404  # the report covers the whole city
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "docx"
    if fmt == "xlsx":
        content = xlsx_report(plan, year)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = docx_report(plan, year)
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="monitoring-{year}.{fmt}"'
    return response
