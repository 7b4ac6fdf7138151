"""Indicator values per region and year, computed from the registries (see compute.py)."""

from __future__ import annotations

from decimal import Decimal

from kechuang.regions.choices import RegionLevel
from kechuang.regions.models import Region

from .compute import indicator_values


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
    total = len(indicators) * len(years)
    stored = 0
    for n, indicator in enumerate(indicators):
        spec = indicator.compute_spec()
        objs = []
        for year in years:
            for row in indicator_values(spec, year, regions):
                objs.append(
                    IndicatorValue(
                        indicator=indicator,
                        region=row["region"],
                        year=year,
                        value=row["value"],
                        numerator=row["numerator"],
                        denominator=row["denominator"],
                    )
                )
        with transaction.atomic():
            IndicatorValue.objects.filter(indicator=indicator, year__in=years).delete()
            IndicatorValue.objects.bulk_create(objs, batch_size=1000)
        stored += len(objs)
        if progress:
            progress((n + 1) * len(years), total, f"计算指标：{indicator.name}")
    return stored


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
