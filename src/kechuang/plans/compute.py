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
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db import connections
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Substr


class ComputeSpecError(ValueError):
    """A compute definition that cannot work; the message is Chinese and names the indicator."""


# How a batch of rows tells its year: every row counts in one given year, the rows carry their
# year in the column "_y" (a year field, grouped in the query), or the same rows count every year.
_GROUPED = "grouped"
_EVERY = "every"


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

    def by_region(self, year: int, paths: list[str], within: str = "") -> dict[str, Decimal]:
        """{region path: value} in `year` for the regions whose materialised paths are `paths`."""
        return self.by_region_years([year], paths, within)[year]

    def by_region_years(
        self, years, paths: list[str], within: str = ""
    ) -> dict[int, dict[str, Decimal]]:
        """{year: {region path: value}} for `years` (see `MeasureValues`)."""
        return MeasureValues([self], years, paths, within)[self]

    @property
    def rolls_up(self) -> bool:
        """Whether a region's value is exactly the sum of the values of the regions it contains,
        so that one query per year grouped on the row's own region, rolled up to every level in
        Python, gives the very number a query per level gives. True for a count when every row
        lies in one region; for a distinct count when the counted entity determines the region
        (`count_distinct: enterprise` with `region: enterprise__org__region`); for a sum that the
        database adds exactly (integers; decimals except on SQLite, which adds them as floating
        point numbers, so that a sum depends on the order of its rows). Not for an entity that can
        lie in two regions (a commissioner serving villages of two counties): such measures are
        grouped per level (`_exact`), as are several region paths."""
        if len(self.regions) != 1:
            return False
        region = self.regions[0]
        kind, _sep, target = self.value.partition(":")
        if kind == "sum" and not _sums_exactly(self.model, target):
            return False
        if region == "self":
            return kind in ("sum", "count")
        if not _single_valued(self.model, region):
            return False
        if kind in ("sum", "count"):
            return True
        return _single_valued(self.model, target) and (
            region == target or region.startswith(target + "__")
        )

    def _batches(self, years: list[int], where, by_year: bool = False) -> list[tuple[Any, Any]]:
        """[(rows, year)] covering `years` (sorted), with the filters `where`: one query per year
        for a year method (or `by_year`), one query for all years for a year field (its year in
        "_y"), one for every year when the rows do not depend on the year."""
        if not years:
            return []
        base = self.model._default_manager.all()
        if self.year_method:
            batches = [(getattr(base, self.year_method)(y), y) for y in years]
        elif not self.year_field:
            batches = [(base, _EVERY)]
        elif not by_year and _single_valued(self.model, self.year_field):
            field = self.year_field
            qs = base.filter(**{f"{field}__gte": years[0], f"{field}__lte": years[-1]})
            batches = [(qs.annotate(_y=F(field)), _GROUPED)]
        else:
            batches = [(base.filter(**{self.year_field: y}), y) for y in years]
        if where:
            batches = [(qs.filter(**dict(where)), y) for qs, y in batches]
        return [(qs.order_by(), y) for qs, y in batches]

    @staticmethod
    def _located(qs, region: str, within: str):
        """The rows under `within` with a region on the path `region`, and the region's path."""
        path = "path" if region == "self" else f"{region}__path"
        if within:
            qs = qs.filter(**{f"{path}__startswith": within})
        if region != "self":
            qs = qs.exclude(**{f"{region}__isnull": True})
        return qs, path


class MeasureValues:
    """{measure: {year: {region path: value}}} for `years` and the regions at `paths`, computed on
    first use, with queries shared between measures where they can be:

    * measures that roll up (`Measure.rolls_up`) of the same model, year rule and region path: one
      query per year (one in all for a year field) grouped on the row's own region, one aggregate
      per measure (its own filters as the aggregate's filter), rolled up to the regions in Python;
    * other measures with one region path and the same model, year rule, filters and region path
      (the two sums of a ratio on SQLite): grouped on the region path's prefix, one query per
      level (and year), one aggregate per measure;
    * a measure with several region paths: its rows collected and de-duplicated in Python."""

    def __init__(self, measures, years, paths: list[str], within: str = ""):
        self.years = sorted(set(years))
        self.paths = list(paths)
        self.within = within
        self._found: dict = {}
        self._batch_of: dict = {}
        batches: dict = defaultdict(list)
        for measure in dict.fromkeys(measures):
            if not isinstance(measure, Measure) or len(measure.regions) > 1:
                key = measure
            elif measure.rolls_up:
                key = ("up", measure.model_label, measure.year_method, measure.year_field)
                key += measure.regions
            else:
                key = ("levels", measure.model_label, measure.year_method, measure.year_field)
                key += (measure.where, *measure.regions)
            batches[key].append(measure)
        for members in batches.values():
            for measure in members:
                self._batch_of[measure] = members

    def __getitem__(self, measure) -> dict[int, dict[str, Decimal]]:
        if measure not in self._found:
            members = self._batch_of.get(measure, [measure])
            if isinstance(measure, InputMeasure):
                self._found[measure] = measure.by_region_years(self.years, self.paths, self.within)
            elif measure.rolls_up:
                self._found.update(self._shared(members))
            else:
                self._found.update(self._exact(members))
        return self._found[measure]

    def _shared(self, members: list[Measure]) -> dict:
        """Measures that roll up: grouped on the row's own region, rolled up in Python."""
        model = members[0].model
        common = set.intersection(*(set(m.where) for m in members))
        # A filter that only some measures have becomes their aggregate's filter; one across a
        # relation that can hold several rows could then count differently: such a measure runs
        # on its own.
        alone = [
            m
            for m in members
            if not all(_single_valued(model, k) for k, _v in set(m.where) - common)
        ]
        if alone and len(members) > 1:
            out = {}
            for m in alone:
                out |= self._shared([m])
            rest = [m for m in members if m not in alone]
            return out | (self._shared(rest) if rest else {})
        aggregates = {}
        for n, measure in enumerate(members):
            only = [item for item in measure.where if item not in common]
            aggregates[f"_v{n}"] = _aggregate(measure, Q(**dict(only)) if only else None)
        first = members[0]
        where = tuple(item for item in first.where if item in common)
        wanted_years = set(self.years)
        found: dict = {m: defaultdict(dict) for m in members}
        for rows, year in first._batches(self.years, where):
            qs, path = first._located(rows, first.regions[0], self.within)
            keys = ["_y", path] if year == _GROUPED else [path]
            for row in qs.values_list(*keys).annotate(**aggregates):
                y = row[0] if year == _GROUPED else year
                if year == _GROUPED and y not in wanted_years:
                    continue
                region_path = row[len(keys) - 1]
                for measure, value in zip(members, row[len(keys) :], strict=True):
                    found[measure][y][region_path] = _number(measure, value)
        return {
            measure: _per_year(
                {y: _roll_up(by_path, self.paths) for y, by_path in per_year.items()},
                self.years,
            )
            for measure, per_year in found.items()
        }

    def _exact(self, members: list[Measure]) -> dict:
        """Measures that do not roll up: rows grouped on their region path's prefix, one query per
        distinct path length (and per year, unless a year field groups the years of counts),
        or, for several region paths, collected and de-duplicated in Python."""
        first = members[0]
        wanted = set(self.paths)
        lengths = sorted({len(p) for p in self.paths})
        found: dict = {m: defaultdict(lambda: defaultdict(Decimal)) for m in members}
        # A sum here is one the database adds inexactly: each year's query stays as it always
        # was, so that its rows are added in the same order.
        by_year = any(m.value.startswith("sum:") for m in members)
        for rows, year in first._batches(self.years, first.where, by_year=by_year):
            parts = [first._located(rows, region, self.within) for region in first.regions]
            ykey = ["_y"] if year == _GROUPED else []
            if len(parts) == 1:
                qs, path = parts[0]
                aggregates = {f"_v{n}": _aggregate(m) for n, m in enumerate(members)}
                for length in lengths:
                    grouped = (
                        qs.annotate(_prefix=Substr(F(path), 1, length))
                        .values_list(*ykey, "_prefix")
                        .annotate(**aggregates)
                    )
                    for row in grouped:
                        y = row[0] if ykey else year
                        prefix = row[len(ykey)]
                        # A shorter path (a row of a higher level) is its own "prefix".
                        if len(prefix) != length or prefix not in wanted:
                            continue
                        for measure, value in zip(members, row[len(ykey) + 1 :], strict=True):
                            found[measure][y][prefix] = _number(measure, value)
                continue
            # Several region paths: collect (prefix, entity[, amount]) and de-duplicate in Python,
            # so an entity in two regions counts once in each and once in a region holding both.
            (measure,) = members
            kind, _sep, target = measure.value.partition(":")
            key = "pk" if kind in ("count", "sum") else target
            seen: set = set()
            for qs, path in parts:
                fields = [*ykey, path, key] + ([target] if kind == "sum" else [])
                for row in qs.values_list(*fields):
                    y = row[0] if ykey else year
                    full, entity = row[len(ykey)], row[len(ykey) + 1]
                    for length in lengths:
                        prefix = full[:length]
                        if len(prefix) != length or prefix not in wanted:
                            continue
                        if (y, prefix, entity) in seen:
                            continue
                        seen.add((y, prefix, entity))
                        amount = Decimal(str(row[-1] or 0)) if kind == "sum" else 1
                        found[measure][y][prefix] += amount
        return {m: _per_year(per_year, self.years) for m, per_year in found.items()}


def _aggregate(measure: Measure, condition: Q | None = None):
    kind, _sep, target = measure.value.partition(":")
    if kind == "sum":
        return Sum(target, filter=condition)
    return Count("pk" if kind == "count" else target, distinct=True, filter=condition)


def _number(measure: Measure, value) -> Decimal:
    if measure.value.startswith("sum:"):
        return Decimal(str(value or 0))
    return Decimal(value)


def _sums_exactly(model, target: str) -> bool:
    """Whether the database adds up `target` exactly: integers, or decimals where it keeps them
    as decimals (not SQLite)."""
    try:
        field = model._default_manager.all().query.resolve_ref(target).output_field
    except FieldError:
        return False
    kind = field.get_internal_type()
    if kind == "DecimalField":
        return connections[model._default_manager.db].vendor != "sqlite"
    return kind in {
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveBigIntegerField",
        "PositiveSmallIntegerField",
    }


def _roll_up(by_path: dict[str, Decimal], paths: list[str]) -> dict[str, Decimal]:
    """{wanted path: sum of the values of the paths it is a prefix of} (a region's own path
    included; a region lies under a wanted one exactly when its path starts with it)."""
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


def _per_year(found: dict, years: list[int]) -> dict[int, dict[str, Decimal]]:
    """{year: {path: value}} for each of `years` (the rows of every year where they do not depend
    on it)."""
    if _EVERY in found:
        return {y: dict(found[_EVERY]) for y in years}
    return {y: dict(found.get(y, {})) for y in years}


def _single_valued(model, lookup: str) -> bool:
    """Whether `lookup` (fields joined by "__", perhaps ending in transforms or a lookup) reaches
    at most one value from a row: only forward foreign keys and one-to-one fields on the way."""
    for part in lookup.split("__"):
        if part == "pk":
            return True
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return True  # a transform or lookup (year, in, gte…) after a field
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

    def by_region(self, year: int, paths: list[str], within: str = "") -> dict[str, Decimal]:
        return self.by_region_years([year], paths, within)[year]

    def by_region_years(
        self, years, paths: list[str], within: str = ""
    ) -> dict[int, dict[str, Decimal]]:
        from .models import StatValue, Submission

        years = list(years)
        rows = StatValue.objects.filter(
            series__code=self.series,
            submission__year__in=years,
            submission__status=Submission.Status.APPROVED,
            value__isnull=False,
        )
        if self.plan_id is not None:
            rows = rows.filter(submission__plan_id=self.plan_id)
        if within:
            rows = rows.filter(submission__region__path__startswith=within)
        reported: dict[int, dict[str, Any]] = {y: {} for y in years}
        for year, path, value in rows.values_list(
            "submission__year", "submission__region__path", "value"
        ):
            reported[year][path] = value
        return {y: self._from(reported[y], paths) for y in years}

    @staticmethod
    def _from(reported: dict, paths: list[str]) -> dict[str, Decimal]:
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
    measure: Measure | InputMeasure | None = None
    numerator: Measure | InputMeasure | None = None
    denominator: Measure | InputMeasure | None = None
    scale: Decimal = Decimal(1)

    @property
    def is_ratio(self) -> bool:
        return self.numerator is not None

    @property
    def measures(self) -> tuple:
        return (self.numerator, self.denominator) if self.is_ratio else (self.measure,)

    def values(self, year: int, paths: list[str], within: str = "") -> dict[str, dict]:
        """{region path: {"value", "numerator", "denominator"}} for the regions that have data."""
        return self.values_by_year([year], paths, within)[year]

    def values_by_year(
        self, years, paths: list[str], within: str = "", found: MeasureValues | None = None
    ) -> dict[int, dict[str, dict]]:
        """{year: values(year, …)} for `years`; `found` may carry the measures' values already
        (shared with other indicators)."""
        years = sorted(set(years))
        if found is None:
            found = MeasureValues(self.measures, years, paths, within)
        out = {}
        for year in years:
            if not self.is_ratio:
                out[year] = {
                    p: {"value": v * self.scale, "numerator": None, "denominator": None}
                    for p, v in found[self.measure][year].items()
                }
                continue
            num = found[self.numerator][year]
            den = found[self.denominator][year]
            rows = {}
            for prefix in set(num) | set(den):
                n, d = num.get(prefix, Decimal(0)), den.get(prefix, Decimal(0))
                rows[prefix] = {
                    "value": (n / d * self.scale) if d else None,
                    "numerator": n,
                    "denominator": d,
                }
            out[year] = rows
        return out


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
    return indicator_values_by_year(compute, [year], regions)[year]


def indicator_values_by_year(
    compute: Compute, years, regions, found: MeasureValues | None = None
) -> dict[int, list[dict]]:
    """{year: indicator_values(compute, year, regions)} for `years`, the years of a measure read
    together; `found` may be a `MeasureValues` shared with other indicators (built for the same
    regions, e.g. by `measure_values_for`)."""
    regions = list(regions)
    paths = [r.path for r in regions]
    years = sorted(set(years))
    if found is None:
        found = MeasureValues(compute.measures, years, paths, common_prefix(paths))
    by_year = compute.values_by_year(years, paths, found=found)
    out = {}
    for year in years:
        rows = []
        for region in regions:
            row = by_year[year].get(region.path)
            if row is None:
                row = {
                    "value": None if compute.is_ratio else Decimal(0),
                    "numerator": Decimal(0) if compute.is_ratio else None,
                    "denominator": Decimal(0) if compute.is_ratio else None,
                }
            rows.append({"region": region, "year": year, **row})
        out[year] = rows
    return out


def measure_values_for(computes, years, regions) -> MeasureValues:
    """The measures of several indicators for `years` and `regions`, computed on first use with
    the queries shared where they can be (see `MeasureValues`)."""
    paths = [r.path for r in regions]
    measures = [m for compute in computes for m in compute.measures]
    return MeasureValues(measures, years, paths, common_prefix(paths))


def common_prefix(paths: list[str]) -> str:
    """The longest prefix of whole segments ("/410000/410400/") that the paths share."""
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
    "MeasureValues",
    "Q",
    "indicator_values",
    "indicator_values_by_year",
    "measure_values_for",
    "parse",
]
