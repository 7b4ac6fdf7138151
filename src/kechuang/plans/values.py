"""Indicator values per region and year, computed from the registries (see compute.py)."""

from __future__ import annotations

from decimal import Decimal

from kechuang.regions.choices import RegionLevel
from kechuang.regions.models import Region

from .compute import indicator_values


def plan_regions(plan, region: Region | None = None) -> list[Region]:
    """The plan's region and the county-level units under it (or just `region`)."""
    if region is not None:
        return [region]
    counties = Region.objects.filter(level=RegionLevel.COUNTY, path__startswith=plan.region.path)
    return [plan.region, *counties.order_by("code")]


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
