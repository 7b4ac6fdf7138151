"""Indicators computed from the registries, defined as data (the plan's YAML), never per indicator in
Python.

A computed indicator names a *measure* — which rows count in a year, where they lie, what is added up:

    compute:
      model: enterprises.Qualification     # app_label.Model
      year: {method: held_in}              # a queryset method taking the year, or {field: "signed_on__year"}
      where: {kind: high_tech}             # field lookups (equality, __in, __gte …)
      region: enterprise__org__region      # path to the Region the row belongs to (or a list of paths)
      value: {count_distinct: enterprise}  # count | {count_distinct: path} | {sum: field}
      scale: 1                             # optional factor (e.g. per 10,000)

or a ratio of two measures (`numerator:` / `denominator:`, each a measure as above). Every value is
computed for each region of a level (city or county) by grouping the rows on their region's
materialised path, so:

* a ratio rolls up as the ratio of sums: numerator and denominator are summed per region separately
  and divided last — never an average of the counties' ratios;
* a row that belongs to two regions (a contract with seller and buyer in different counties, when
  both paths are given) counts once in each, and once in a city that contains both: counts are
  distinct per region.

Speed (the recompute of every year and region at once, `Compute.values_years`): a measure whose
value for a region is exactly the sum of the values of the regions it contains (`Measure.rolls_up`)
is read with one query per year (one in all for a year field), grouped on the row's own region, and
rolled up to every level in Python; the others keep one query per year and level. Each query is a
plain GROUP BY with no FILTER clauses, so no database has to plan anything unusual.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Substr


class ComputeSpecError(ValueError):
    """A compute definition that cannot work; the message is Chinese and names the indicator."""


@dataclass(frozen=True)
class Measure:
    model_label: str
    year_method: str | None
    year_field: str | None
    where: tuple[tuple[str, Any], ...]
    regions: tuple[str, ...]
    value: str  # "count", "count_distinct:<path>", "sum:<field>"

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def rows(self, year: int):
        """The rows that count in `year`."""
        qs = self.model._default_manager.all()
        if self.year_method:
            qs = getattr(qs, self.year_method)(year)
        elif self.year_field:
            qs = qs.filter(**{self.year_field: year})
        if self.where:
            qs = qs.filter(**dict(self.where))
        return qs.order_by()

    def by_region_years(
        self, years, paths: list[str], within: str = ""
    ) -> dict[int, dict[str, Decimal]]:
        """{year: {region path: value}} for `years` and the regions whose paths are `paths`."""
        if self.rolls_up:
            return rolled_up([self], years, paths, within)[0]
        return {year: self.by_region(year, paths, within) for year in years}

    def tables(self) -> set:
        """The models this measure's queries read: its own and those on its region path."""
        models = {self.model}
        for region in self.regions:
            if region == "self":
                continue
            model = self.model
            for part in region.split("__"):
                model = model._meta.get_field(part).related_model
                models.add(model)
        return models

    @property
    def rolls_up(self) -> bool:
        """Whether a region's value is exactly the sum of the values of the regions it contains,
        so that grouping the rows on their own region and adding up in Python gives the number a
        query per level gives: a count or a sum when every row lies in one region; a distinct
        count when the counted entity determines the region (`count_distinct: enterprise` with
        `region: enterprise__org__region`). Not for an entity that can lie in two regions (an
        enterprise incubated in carriers of two counties, a commissioner serving two counties),
        nor for several region paths."""
        if len(self.regions) != 1:
            return False
        region = self.regions[0]
        kind, _sep, target = self.value.partition(":")
        if region == "self":
            return kind in ("count", "sum")
        model = self.model
        if not _single_valued(model, region):
            return False
        if kind in ("count", "sum"):
            return True
        return _single_valued(model, target) and (
            region == target or region.startswith(target + "__")
        )

    def by_region(self, year: int, paths: list[str], within: str = "") -> dict[str, Decimal]:
        """{region path: value} in `year` for the regions whose materialised paths are `paths`
        (rows are grouped on their region path's prefix; one query per distinct path length)."""
        wanted = set(paths)
        result: dict[str, Decimal] = {}
        for length in sorted({len(p) for p in paths}):
            for prefix, value in self._grouped(year, length, within).items():
                # A shorter path (a row of a higher level) is its own "prefix" at every length.
                if len(prefix) == length and prefix in wanted:
                    result[prefix] = value
        return result

    def _grouped(self, year: int, length: int, within: str) -> dict[str, Decimal]:
        kind, _sep, target = self.value.partition(":")
        # One row per (entity, region) so an entity in two regions counts once in each and once in a
        # region holding both.
        pairs = []
        for region in self.regions:
            path = "path" if region == "self" else f"{region}__path"
            qs = (
                self.rows(year).filter(**{f"{path}__startswith": within})
                if within
                else self.rows(year)
            )
            if region != "self":
                qs = qs.exclude(**{f"{region}__isnull": True})
            pairs.append(qs.annotate(_prefix=Substr(F(path), 1, length)))
        result: dict[str, Decimal] = defaultdict(Decimal)
        if kind == "sum" and len(pairs) == 1:
            for prefix, total in pairs[0].values_list("_prefix").annotate(v=Sum(target)):
                result[prefix] += Decimal(str(total or 0))
            return dict(result)
        if kind in ("count", "count_distinct") and len(pairs) == 1:
            key = "pk" if kind == "count" else target
            rows = pairs[0].values_list("_prefix").annotate(v=Count(key, distinct=True))
            return {prefix: Decimal(n) for prefix, n in rows}
        # Several region paths: collect (prefix, entity[, amount]) and de-duplicate in Python.
        key = "pk" if kind in ("count", "sum") else target
        seen: set = set()
        for qs in pairs:
            fields = ["_prefix", key] + ([target] if kind == "sum" else [])
            for row in qs.values_list(*fields):
                prefix, entity = row[0], row[1]
                if (prefix, entity) in seen:
                    continue
                seen.add((prefix, entity))
                result[prefix] += Decimal(str(row[2] or 0)) if kind == "sum" else 1
        return dict(result)


def rolled_up(
    measures: list[Measure], years, paths: list[str], within: str = ""
) -> list[dict[int, dict[str, Decimal]]]:
    """[{year: {region path: value}}] for `measures` that roll up (`Measure.rolls_up`) and share
    their model, year rule, filters and region path (the two sums of a ratio): their rows grouped
    on the row's own region path — one query per year for a year method, one for all years for a
    year field, one for rows that count every year — each measure one aggregate of that query,
    then added up to the wanted regions in Python."""
    first = measures[0]
    years = sorted(set(years))
    if not years:
        return [{} for _m in measures]
    region = first.regions[0]
    path = "path" if region == "self" else f"{region}__path"
    aggregates = {f"_v{n}": _aggregate(m) for n, m in enumerate(measures)}
    base = first.model._default_manager.all()
    if first.where:
        base = base.filter(**dict(first.where))
    if within:
        base = base.filter(**{f"{path}__startswith": within})
    if region != "self":
        base = base.exclude(**{f"{region}__isnull": True})
    # (queryset, the year its rows count in, or None: the year is the query's "_y" column).
    if first.year_method:
        batches = [(getattr(base, first.year_method)(y), y) for y in years]
    elif first.year_field and _single_valued(first.model, first.year_field):
        field = first.year_field
        ranged = base.filter(**{f"{field}__gte": years[0], f"{field}__lte": years[-1]})
        batches = [(ranged.annotate(_y=F(field)), None)]
    elif first.year_field:
        batches = [(base.filter(**{first.year_field: y}), y) for y in years]
    else:
        batches = [(base, "every")]
    found: list[dict] = [defaultdict(dict) for _m in measures]
    for qs, year in batches:
        keys = ["_y", path] if year is None else [path]
        for row in qs.order_by().values_list(*keys).annotate(**aggregates):
            y = row[0] if year is None else year
            for n, measure in enumerate(measures):
                found[n][y][row[len(keys) - 1]] = _number(measure, row[len(keys) + n])
    out = []
    for per_year in found:
        if "every" in per_year:
            per_year = {y: per_year["every"] for y in years}
        out.append({y: _roll_up(per_year.get(y, {}), paths) for y in years})
    return out


def _aggregate(measure: Measure):
    kind, _sep, target = measure.value.partition(":")
    if kind == "sum":
        return Sum(target)
    return Count("pk" if kind == "count" else target, distinct=True)


def _number(measure: Measure, value) -> Decimal:
    if measure.value.startswith("sum:"):
        return Decimal(str(value or 0))
    return Decimal(value)


def _roll_up(by_path: dict[str, Decimal], paths: list[str]) -> dict[str, Decimal]:
    """{wanted path: the sum of the values of the paths that start with it} (a region's own path
    included; a row of a higher level adds to that level and above, never below)."""
    wanted = set(paths)
    lengths = sorted({len(p) for p in wanted})
    out: dict[str, Decimal] = {}
    for path, value in by_path.items():
        for length in lengths:
            if len(path) < length:
                break
            prefix = path[:length]
            if prefix in wanted:
                out[prefix] = out.get(prefix, Decimal(0)) + value
    return out


def _single_valued(model, lookup: str) -> bool:
    """Whether `lookup` (fields joined by "__", perhaps ending in a transform such as year)
    reaches at most one value from a row: only forward foreign keys and one-to-one fields."""
    for part in lookup.split("__"):
        if part == "pk":
            return True
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return True  # a transform (year, month…) after a field
        if not field.is_relation:
            return True
        if not (field.many_to_one or field.one_to_one) or field.auto_created:
            return False  # a reverse relation or many-to-many
        model = field.related_model
    return True


@dataclass(frozen=True)
class InputMeasure:
    """Approved statistical figures of one series (统计填报). A region's value is its own approved
    figure, or else the sum of the figures of the regions below it that reported."""

    plan_id: int | None
    series: str

    def by_region_years(
        self, years, paths: list[str], within: str = ""
    ) -> dict[int, dict[str, Decimal]]:
        return {year: self.by_region(year, paths, within) for year in years}

    def tables(self) -> set:
        from .models import StatValue, Submission

        return {StatValue, Submission}

    def by_region(self, year: int, paths: list[str], within: str = "") -> dict[str, Decimal]:
        from .models import StatValue, Submission

        rows = StatValue.objects.filter(
            series__code=self.series,
            submission__year=year,
            submission__status=Submission.Status.APPROVED,
            value__isnull=False,
        )
        if self.plan_id is not None:
            rows = rows.filter(submission__plan_id=self.plan_id)
        if within:
            rows = rows.filter(submission__region__path__startswith=within)
        reported = dict(rows.values_list("submission__region__path", "value"))
        out = {}
        for path in paths:
            if path in reported:
                out[path] = Decimal(reported[path])
                continue
            below = [p for p in reported if p.startswith(path) and p != path]
            # Only the topmost reporters under `path` (a township inside a reporting county would
            # otherwise count twice).
            top = [p for p in below if not any(q != p and p.startswith(q) for q in below)]
            if top:
                out[path] = sum((Decimal(reported[p]) for p in top), Decimal(0))
        return out


@dataclass(frozen=True)
class Compute:
    measure: Measure | None = None
    numerator: Measure | None = None
    denominator: Measure | None = None
    scale: Decimal = Decimal(1)

    @property
    def is_ratio(self) -> bool:
        return self.numerator is not None

    def tables(self) -> set:
        """The models its queries read."""
        parts = (self.measure, self.numerator, self.denominator)
        return set().union(*(m.tables() for m in parts if m is not None))

    def values(self, year: int, paths: list[str], within: str = "") -> dict[str, dict]:
        """{region path: {"value", "numerator", "denominator"}} for the regions that have data."""
        return self.values_years([year], paths, within)[year]

    def values_years(self, years, paths: list[str], within: str = "") -> dict[int, dict]:
        """{year: values(year, …)} for `years`, the queries shared between the years (and between
        numerator and denominator when they read the same rows)."""
        years = list(years)
        if not self.is_ratio:
            found = self.measure.by_region_years(years, paths, within)
            return {
                y: {
                    p: {"value": v * self.scale, "numerator": None, "denominator": None}
                    for p, v in found[y].items()
                }
                for y in years
            }
        num, den = self.numerator, self.denominator
        if (
            isinstance(num, Measure)
            and isinstance(den, Measure)
            and num.rolls_up
            and den.rolls_up
            and _same_rows(num, den)
        ):
            nums, dens = rolled_up([num, den], years, paths, within)
        else:
            nums = num.by_region_years(years, paths, within)
            dens = den.by_region_years(years, paths, within)
        return {y: self._ratios(nums[y], dens[y]) for y in years}

    def _ratios(self, num: dict, den: dict) -> dict[str, dict]:
        out = {}
        for prefix in set(num) | set(den):
            n, d = num.get(prefix, Decimal(0)), den.get(prefix, Decimal(0))
            out[prefix] = {
                "value": (n / d * self.scale) if d else None,
                "numerator": n,
                "denominator": d,
            }
        return out


def _same_rows(a: Measure, b: Measure) -> bool:
    return (a.model_label, a.year_method, a.year_field, a.where, a.regions) == (
        b.model_label,
        b.year_method,
        b.year_field,
        b.where,
        b.regions,
    )


def parse(code: str, spec: Any, plan_id: int | None = None) -> Compute:
    """Check a YAML compute definition and build it; raises ComputeSpecError naming what is wrong."""
    if not isinstance(spec, dict):
        raise ComputeSpecError(
            f"指标 {code}：compute 应为映射（model/year/region/value 或 numerator/denominator）"
        )
    scale = Decimal(str(spec.get("scale", 1)))
    if "input" in spec:
        # Statistical inputs: {input: series} or {input: {numerator: series, denominator: series}}.
        source = spec["input"]
        if isinstance(source, str):
            return Compute(measure=InputMeasure(plan_id, source), scale=scale)
        if isinstance(source, dict) and set(source) == {"numerator", "denominator"}:
            return Compute(
                numerator=InputMeasure(plan_id, source["numerator"]),
                denominator=InputMeasure(plan_id, source["denominator"]),
                scale=scale,
            )
        raise ComputeSpecError(
            f"指标 {code}：input 应为统计指标代码，或 {{numerator: 代码, denominator: 代码}}"
        )
    if "numerator" in spec or "denominator" in spec:
        if "numerator" not in spec or "denominator" not in spec:
            raise ComputeSpecError(f"指标 {code}：比例指标须同时给出 numerator 和 denominator")
        return Compute(
            numerator=_measure(code, spec["numerator"], "numerator"),
            denominator=_measure(code, spec["denominator"], "denominator"),
            scale=scale,
        )
    return Compute(measure=_measure(code, spec, "compute"), scale=scale)


def _measure(code: str, spec: Any, where_in: str) -> Measure:
    label = f"指标 {code} 的 {where_in}"
    if not isinstance(spec, dict):
        raise ComputeSpecError(f"{label} 应为映射")
    for key in ("model", "region"):
        if key not in spec:
            raise ComputeSpecError(f"{label} 缺少“{key}”")
    try:
        model = apps.get_model(spec["model"])
    except (LookupError, ValueError) as exc:
        raise ComputeSpecError(f"{label}：模型“{spec['model']}”不存在") from exc
    year = spec.get("year") or {}  # none: the same rows every year (e.g. the villages)
    if (
        not isinstance(year, dict)
        or len(year) > 1
        or (year and next(iter(year)) not in ("method", "field"))
    ):
        raise ComputeSpecError(f"{label}：year 应为 {{method: 名称}} 或 {{field: 字段}}")
    year_method = year.get("method")
    year_field = year.get("field")
    if year_method and not callable(getattr(model._default_manager.all(), year_method, None)):
        raise ComputeSpecError(f"{label}：{spec['model']} 没有按年度取数的方法“{year_method}”")
    regions = spec["region"] if isinstance(spec["region"], list) else [spec["region"]]
    value = spec.get("value", "count")
    if (
        isinstance(value, dict)
        and len(value) == 1
        and next(iter(value)) in ("sum", "count_distinct")
    ):
        kind, target = next(iter(value.items()))
        value_text = f"{kind}:{target}"
    elif value == "count":
        value_text = "count"
    else:
        raise ComputeSpecError(
            f"{label}：value 应为 count、{{count_distinct: 路径}} 或 {{sum: 字段}}"
        )
    where = spec.get("where") or {}
    if not isinstance(where, dict):
        raise ComputeSpecError(f"{label}：where 应为映射")
    measure = Measure(
        model_label=model._meta.label,
        year_method=year_method,
        year_field=year_field,
        where=tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in where.items())),
        regions=tuple(regions),
        value=value_text,
    )
    # Build (not run) the queries once, so a wrong field name fails at load time.
    try:
        for region in regions:
            path = "path" if region == "self" else f"{region}__path"
            qs = measure.rows(2000).filter(**{f"{path}__startswith": "/"})
            target = value_text.partition(":")[2]
            if target:
                qs = qs.values(target)
            str(qs.query)
    except (FieldError, AttributeError, TypeError, ValueError) as exc:
        raise ComputeSpecError(f"{label}：{exc}") from exc
    return measure


def indicator_values(compute: Compute, year: int, regions) -> list[dict]:
    """Values of one indicator in `year` for each of `regions` (a zero count, or a ratio with no
    denominator, where no row counts)."""
    return indicator_values_years(compute, [year], regions)[year]


def indicator_values_years(compute: Compute, years, regions) -> dict[int, list[dict]]:
    """{year: indicator_values(compute, year, regions)} for `years`, computed together."""
    regions = list(regions)
    years = list(years)
    within = _common_prefix([r.path for r in regions])
    found = compute.values_years(years, [r.path for r in regions], within)
    empty = {
        "value": None if compute.is_ratio else Decimal(0),
        "numerator": Decimal(0) if compute.is_ratio else None,
        "denominator": Decimal(0) if compute.is_ratio else None,
    }
    return {
        year: [
            {"region": region, "year": year, **found[year].get(region.path, empty)}
            for region in regions
        ]
        for year in years
    }


def _common_prefix(paths: list[str]) -> str:
    if not paths:
        return ""
    first, last = min(paths), max(paths)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    prefix = first[:n]
    return prefix[: prefix.rfind("/") + 1]


__all__ = [
    "Compute",
    "ComputeSpecError",
    "Measure",
    "Q",
    "indicator_values",
    "indicator_values_years",
    "parse",
]
