"""Indicator values per region and year, computed from the registries (see compute.py)."""

from __future__ import annotations

from decimal import Decimal

from kechuang.core.db import refresh_statistics
from kechuang.regions.choices import RegionLevel
from kechuang.regions.models import Region

from . import progress
from .compute import indicator_values, indicator_values_years


def plan_regions(plan, region: Region | None = None) -> list[Region]:
    """The plan's region and the city- and county-level units under it (or just `region`)."""
    if region is not None:
        return [region]
    below = Region.objects.filter(
        level__in=(RegionLevel.CITY, RegionLevel.COUNTY), path__startswith=plan.region.path
    ).exclude(pk=plan.region.pk)
    return [plan.region, *below.order_by("code")]


def values(plan, year: int, regions: list[Region], indicators=None) -> list[dict]:
    """One row per indicator × region: value (None for statistical inputs not computed here),
    numerator and denominator for ratios."""
    rows = []
    for indicator in indicators if indicators is not None else plan.indicators.all():
        spec = indicator.compute_spec()
        if spec is None:
            for region in regions:
                rows.append(
                    {
                        "indicator": indicator,
                        "region": region,
                        "year": year,
                        "value": None,
                        "numerator": None,
                        "denominator": None,
                    }
                )
            continue
        # Regions of different levels are computed together: grouping is by path length.
        for row in indicator_values(spec, year, regions):
            rows.append({"indicator": indicator, **row})
    return rows


def number(value: Decimal | None):
    """A JSON number: integers stay integers, other values keep six decimals."""
    if value is None:
        return None
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return float(round(value, 6))


def recompute(plan, years, progress=None, only_inputs: bool = False) -> int:
    """Compute every computed indicator of `plan` for its regions and `years`, replacing the stored
    values (`only_inputs`: just the indicators fed by 统计填报). Returns the number stored."""
    from django.db import transaction

    from .models import IndicatorValue

    regions = plan_regions(plan)
    indicators = [i for i in plan.indicators.all() if i.compute and (i.is_input or not only_inputs)]
    years = list(years)
    # Planner statistics first (PostgreSQL): a recompute right after a bulk load — or, in the
    # tests, on rows no other session can see — otherwise runs on plans made for the tables as
    # they were, and one query can take minutes instead of milliseconds.
    refresh_statistics(Region, *set().union(*(i.compute_spec().tables() for i in indicators)))
    total = len(indicators) * len(years)
    stored = 0
    for n, indicator in enumerate(indicators):
        spec = indicator.compute_spec()
        rows = [
            (
                indicator.pk,
                row["region"].pk,
                year,
                row["value"],
                row["numerator"],
                row["denominator"],
            )
            for year, by_region in indicator_values_years(spec, years, regions).items()
            for row in by_region
        ]
        with transaction.atomic():
            IndicatorValue.objects.filter(indicator=indicator, year__in=years).delete()
            _insert_values(rows)
        stored += len(rows)
        if progress:
            progress((n + 1) * len(years), total, f"计算指标：{indicator.name}")
    return stored


def _insert_values(rows: list[tuple]) -> None:
    """INSERT the rows (indicator id, region id, year, value, numerator, denominator) as
    IndicatorValue with the imports' bulk writer (executemany, or COPY on PostgreSQL), each number
    prepared for the database by its field as bulk_create would (32,000 model instances cost
    seconds at province scale; no signal or history is attached to these derived values)."""
    from django.db import connections, router
    from django.utils import timezone

    from kechuang.imports import fastwrite

    from .models import IndicatorValue

    if not rows:
        return
    connection = connections[router.db_for_write(IndicatorValue)]
    names = ("indicator", "region", "year", "value", "numerator", "denominator", "computed_at")
    fields = [IndicatorValue._meta.get_field(name) for name in names]
    computed_at = fields[-1].get_db_prep_save(timezone.now(), connection)
    prepare = [field.get_db_prep_save for field in fields[3:6]]
    params = (
        (
            indicator,
            region,
            year,
            *(p(v, connection) for p, v in zip(prepare, numbers, strict=True)),
            computed_at,
        )
        for indicator, region, year, *numbers in rows
    )
    fastwrite.insert(IndicatorValue, [f.column for f in fields], params, connection)


def recompute_job(progress, plan_id: int, first: int, last: int) -> dict:
    """Job function: recompute a plan's indicators for years first..last."""
    from django.urls import reverse

    from .models import Plan

    plan = Plan.objects.get(pk=plan_id)
    n = recompute(plan, range(first, last + 1), progress)
    return {
        "summary": f"已重新计算 {first}—{last} 年指标值 {n} 个",
        "url": reverse("plans:monitor") + f"?year={last}",
    }


# --- progress of an indicator (shared by the dashboards and the annual report) --------------------


def latest_baseline(indicator, year: int):
    """The latest baseline at or before `year` (the plan's starting point)."""
    known = [b for b in indicator.baselines.all() if b.year <= year]
    return max(known, key=lambda b: b.year, default=None)


def assess(indicator, values_by_year: dict, year: int) -> dict | None:
    """Progress of the city's value in `year` against the indicator's baseline and target."""
    actual = values_by_year.get(year)
    base = latest_baseline(indicator, year)
    if (
        actual is None
        or base is None
        or indicator.target_value is None
        or not indicator.target_year
    ):
        return None
    up = indicator.direction == "up"
    plan = indicator.plan
    annual = next((t.value for t in indicator.annual_targets.all() if t.year == year), None)
    result = progress.level(
        float(actual),
        float(base.value),
        float(indicator.target_value),
        base.year,
        indicator.target_year,
        year,
        up=up,
        method=plan.path_method,
        bands=progress.Bands(float(plan.warning_normal), float(plan.warning_serious)),
        annual_target=None if annual is None else float(annual),
    )
    points = [
        (y, float(v)) for y, v in sorted(values_by_year.items()) if v is not None and y >= base.year
    ]
    projected = progress.projection(
        points, indicator.target_year, float(indicator.target_value), up
    )
    result["projection"] = progress.say_projection(
        projected,
        float(indicator.target_value),
        lambda v: f"{indicator.display(v)} {indicator.display_unit}",
    )
    result["baseline"] = base
    result["achievement_pct"] = (
        None if result["achievement"] is None else round(100 * result["achievement"])
    )
    return result


def rank_rows(rows: list[dict], indicator) -> list[dict]:
    """The rows with a value, best first by the indicator's direction, each given its "rank";
    ties share the better rank (1, 2, 2, 4)."""
    ranked = sorted(
        (r for r in rows if r["value"] is not None),
        key=lambda r: r["value"],
        reverse=indicator.direction == "up",
    )
    for position, row in enumerate(ranked, start=1):
        same = position > 1 and row["value"] == ranked[position - 2]["value"]
        row["rank"] = ranked[position - 2]["rank"] if same else position
    return ranked
