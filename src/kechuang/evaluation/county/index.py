"""县域科技创新指数: counties × years from the stored monitoring indicator values.

EIS-style: every indicator is min-max normalised over all counties *and* all years together, so a
county's index is comparable from year to year; dimensions are weighted means of their indicators and
the index a weighted mean of the dimensions (scale 0–100). Missing values follow the definition's
policy and are flagged. The rank interval comes from the engine's Monte-Carlo over the weights.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

from kechuang.evaluation import engine
from kechuang.plans.models import Direction, IndicatorValue

DEFINITION = Path(__file__).resolve().parent / "index.yaml"


def definition() -> dict:
    return yaml.safe_load(DEFINITION.read_text(encoding="utf-8"))


@dataclass
class CountyIndex:
    years: list[int]
    counties: list  # Region objects, in code order
    dimensions: list[dict]  # {code, name, indicators: [Indicator]}
    scores: dict = field(default_factory=dict)  # (county id, year) -> index
    dimension_scores: dict = field(default_factory=dict)  # (county id, year) -> {dim: score}
    ranks: dict = field(default_factory=dict)  # (county id, year) -> rank
    imputed: dict = field(default_factory=dict)  # (county id, year) -> [indicator codes]
    intervals: dict = field(default_factory=dict)  # county id -> (q05, median, q95) for `year`
    missing_indicators: list[str] = field(default_factory=list)


def compute(plan, counties, years, *, interval_year=None, draws=1000, seed=0) -> CountyIndex:
    spec = definition()
    by_code = {i.code: i for i in plan.indicators.all()}
    dimensions, missing = [], []
    for dim in spec["dimensions"]:
        present = [by_code[c] for c in dim["indicators"] if c in by_code]
        missing += [c for c in dim["indicators"] if c not in by_code]
        if present:
            dimensions.append({**dim, "indicators": present})
    result = CountyIndex(years=list(years), counties=list(counties), dimensions=dimensions)
    result.missing_indicators = missing
    leaves = [ind for dim in dimensions for ind in dim["indicators"]]
    if not leaves or not counties or not years:
        return result
    rows = [(c, y) for y in years for c in counties]
    index = {(c.pk, y): i for i, (c, y) in enumerate(rows)}
    column = {ind.pk: j for j, ind in enumerate(leaves)}
    X = np.full((len(rows), len(leaves)), np.nan)
    values = IndicatorValue.objects.filter(
        indicator__in=leaves, region__in=counties, year__in=list(years), value__isnull=False
    ).values_list("indicator_id", "region_id", "year", "value")
    for indicator_id, region_id, year, value in values:
        X[index[(region_id, year)], column[indicator_id]] = float(value)
    # Indicators nobody has a value for cannot be normalised: leave them out (listed as missing).
    usable = ~np.all(np.isnan(X), axis=0)
    result.missing_indicators += [leaves[j].code for j in np.flatnonzero(~usable)]
    X[:, ~usable] = 0.0  # not in the tree; keeps the imputation from refusing them
    tree = _tree(dimensions, {ind.pk: column[ind.pk] for ind in leaves if usable[column[ind.pk]]})
    if tree is None:
        return result
    missing_policy = spec.get("missing", "median")
    evaluation = engine.evaluate(X, tree, missing=missing_policy, scale=100.0)
    codes = list(evaluation.leaf_codes)
    for (county, year), i in index.items():
        result.scores[(county, year)] = float(evaluation.scores[i])
        result.dimension_scores[(county, year)] = {
            d["code"]: float(evaluation.node_scores[d["code"]][i])
            for d in dimensions
            if d["code"] in evaluation.node_scores
        }
        result.imputed[(county, year)] = [
            c for j, c in enumerate(codes) if evaluation.imputed[i, j]
        ]
    for year in years:
        ids = [c.pk for c in counties]
        ranks = engine.rank(np.array([result.scores[(c, year)] for c in ids]))
        for c, r in zip(ids, ranks, strict=True):
            result.ranks[(c, year)] = int(r)
    if interval_year in years and draws and len(counties) >= 3:
        # Ranks among the counties of that year under weights drawn around the given ones, on the
        # values normalised over all years (as the index itself), so the base ranks agree.
        # The index's own normalised values (directions applied), taken as they are.
        position = {code: j for j, code in enumerate(evaluation.leaf_codes)}
        as_is = _tree(
            dimensions,
            {ind.pk: position[ind.code] for ind in leaves if ind.code in position},
            normalization="none",
        )
        picked = [index[(c.pk, interval_year)] for c in counties]
        u = engine.uncertainty(evaluation.normalized[picked], as_is, draws=draws, seed=seed)
        for c, lo, med, hi in zip(counties, u.q05, u.median_rank, u.q95, strict=True):
            result.intervals[c.pk] = (math.floor(lo), float(med), math.ceil(hi))
    return result


def _tree(dimensions, column: dict, normalization: str = "minmax"):
    """The index tree over the indicators in `column` ({indicator id: column of X}). With
    normalization "none" the values are already normalised with their directions applied."""
    nodes = []
    for dim in dimensions:
        leaves = [
            engine.Leaf(
                code=ind.code,
                column=column[ind.pk],
                direction=-1 if ind.direction == Direction.DOWN and normalization != "none" else 1,
                normalization=normalization,
            )
            for ind in dim["indicators"]
            if ind.pk in column
        ]
        if leaves:
            nodes.append(
                engine.Node(code=dim["code"], children=tuple(leaves), weight=dim.get("weight", 1))
            )
    return engine.Node(code="index", children=tuple(nodes)) if nodes else None
