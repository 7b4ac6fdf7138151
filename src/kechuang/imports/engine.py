"""The import engine: read → parse column-wise → look up keys in bulk → diff → check → write all or
nothing, recorded as a batch that can be rolled back.

Nothing is written unless every row of the file is valid; a dry run stops before writing. Rows are
matched on the kind's natural key, so importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import gc
import hashlib
import threading
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import compress, count, repeat
from operator import is_, itemgetter
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import (
    DecimalValidator,
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from kechuang.core import db
from kechuang.core.changelog import changelog_context
from kechuang.core.scoping import instance_in_scope, permission_name
from kechuang.core.text import mask

from . import cells, fastwrite
from .kinds import BOOL, CHOICE, DATE, FK, Col, Kind, parser_for
from .models import Batch, BatchRow
from .reading import ColumnSpec, ReadError, read_table

MAX_STORED_ERRORS = 2000
PREVIEW_ROWS = 200
CHUNK = 900  # values per IN (...) query: under SQLite's variable limit

__all__ = ["ImportResult", "ReadError", "RollbackRefused", "rollback", "run_import"]


@dataclass
class ImportResult:
    kind: str
    dry_run: bool
    written: bool = False
    rows: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)
    preview: dict = field(default_factory=dict)
    batch_id: int | None = None

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "dry_run": self.dry_run,
            "written": self.written,
            "rows": self.rows,
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "errors": self.errors,
            **({"batch": self.batch_id} if self.batch_id else {}),
        }


class RollbackRefused(Exception):
    """Rows the batch wrote were changed since; `conflicts` lists them."""

    def __init__(self, message: str, conflicts: list[str]):
        super().__init__(message)
        self.conflicts = conflicts


def _progress(progress, done, total, message):
    if progress is not None:
        progress(done, total, message)


class _Run:
    """One import of one file: the state shared by the steps."""

    def __init__(self, kind: Kind, table, user, progress):
        self.kind = kind
        self.model = kind.model
        self.table = table
        self.user = user
        self.progress = progress
        self.n = len(table)
        self.errors: list[dict] = []
        self.bad_rows: set[int] = set()
        self.values: dict[str, list] = {}
        self.present = [c for c in kind.columns if c.key in table.columns]
        # Only a scoped importer's rows are followed to their region or organisation; everyone
        # else's related records are loaded without those joins.
        self.scoped = not getattr(user, "is_superuser", False)
        # Values per IN (...) in the lookups: SQLite's limit, else fewer, larger queries.
        self.chunk = CHUNK if connection.features.max_query_params else 10 * CHUNK

    # --- errors -------------------------------------------------------------------------------

    def error(
        self, index: int, column: str, value: Any, code: str, reason: str, sentence: bool = False
    ) -> None:
        """Record an error; `sentence` reasons are whole sentences (model rules), shown after a colon
        instead of being followed by the value."""
        row = self.table.row_numbers[index]
        err = cells.CellError(code, reason)
        entry = cells.error_dict(self.table.sheet, row, column, value, err)
        if sentence:
            entry["message"] = f"第{row}行“{column}”：{reason}"
        self.errors.append(entry)
        self.bad_rows.add(index)

    def header(self, col: Col) -> str:
        return self.table.headers.get(col.key, col.header)

    # --- steps ------------------------------------------------------------------------------

    def parse(self) -> None:
        table = self.table
        factors = None
        if table.unit_column is not None and table.unit_cells is not None:
            factors, errs = cells.parse_column(table.unit_cells, cells.parse_unit)
            for index, err in errs:
                self.error(
                    index,
                    table.unit_header or "单位",
                    table.unit_cells[index],
                    err.code,
                    err.reason,
                )
                factors[index] = None
        for col in self.present:
            raw = table.column(col.key)
            parser, kw = parser_for(col)
            if col.money:
                kw["factor"] = table.units.get(col.key)
                parsed, errs = cells.parse_column(raw, parser, factors=factors, **kw)
            else:
                parsed, errs = cells.parse_column(raw, parser, **kw)
            for index, err in errs:
                self.error(index, self.header(col), raw[index], err.code, err.reason)
            if col.required and col.writes:
                failed = {i for i, _ in errs}
                for index in _blank_indexes(parsed):
                    if index not in failed:
                        self.error(index, self.header(col), None, "required", "必须填写")
            if col.upper:  # once per distinct value (codes repeat, e.g. one USCC per year)
                upper = {v: v.strip().upper() for v in set(parsed) if isinstance(v, str)}
                parsed = list(map(upper.get, parsed, parsed)) if upper else parsed
            self.values[col.key] = parsed
            self.validate_field(col, raw)

    def validate_field(self, col: Col, raw: list) -> None:
        """The model field's own validators (e.g. the USCC check character), once per value."""
        if not col.writes or col.type == FK:
            return
        f = self.model._meta.get_field(col.key)
        checks = [
            v
            for v in f.validators
            # Bounds, lengths and digits are checked by the column parsers already.
            if not isinstance(
                v, MinValueValidator | MaxValueValidator | MaxLengthValidator | DecimalValidator
            )
            and getattr(v, "__name__", "") != "validate_non_negative"
        ]
        if not checks:
            return
        column = self.values[col.key]
        invalid: dict = {}
        for value in set(column):
            if value is None:
                continue
            if col.personal and isinstance(value, str) and "*" in value:
                continue  # masked: judged against the stored value in build()
            try:
                for check in checks:
                    check(value)
            except ValidationError as exc:
                invalid[value] = "；".join(exc.messages)
        if not invalid:
            return
        for index, value in enumerate(column):
            if value in invalid and index not in self.bad_rows:
                self.error(index, self.header(col), raw[index], "invalid", invalid[value])

    def lookup(self) -> None:
        """Foreign keys: one query per chunk of distinct values per column."""
        for col in self.present:
            if col.type != FK:
                continue
            related = self.model._meta.get_field(col.key).related_model
            wanted = set(self.values[col.key])
            wanted.discard(None)
            found: dict[str, Any] = {}
            ambiguous: set[str] = set()
            select = _scope_paths(related) if self.scoped else []
            keys = sorted(wanted)
            for part in _chunks(keys, self.chunk):
                # No ordering: the default one (by name, through joins) only costs here.
                qs = related._default_manager.filter(**{f"{col.lookup}__in": part}).order_by()
                # The looked-up value comes with the row (no related instance per row for it).
                qs = qs.annotate(import_lookup_value=F(col.lookup))
                if select:
                    qs = qs.select_related(*select)
                for obj in qs:
                    value = str(obj.import_lookup_value)
                    if value in found and found[value].pk != obj.pk:
                        ambiguous.add(value)
                    found[value] = obj
            name = str(related._meta.verbose_name)
            # Each distinct cell value is resolved once; rows then take their value's outcome.
            outcome: dict[Any, Any] = {}
            problems: dict[Any, tuple[str, str]] = {}
            for value in wanted:
                key = str(value)
                if key in ambiguous:
                    problems[value] = ("ambiguous", f"对应系统中多条{name}记录，无法确定是哪一条")
                elif key in found:
                    outcome[value] = found[key]
                elif col.personal and "*" in key:
                    problems[value] = ("masked", "是脱敏后的值，无法据此识别记录")
                else:
                    problems[value] = ("not_found", f"在系统中找不到对应的{name}")
            column = self.values[col.key]
            resolved = list(map(outcome.get, column))
            if problems:
                for index, value in enumerate(column):
                    if value in problems:
                        code, reason = problems[value]
                        self.error(index, self.header(col), value, code, reason)
            self.values[col.key] = resolved

    def column_values(self, key: str) -> list:
        """Parsed values of a column (all None when the file lacks it)."""
        values = self.values.get(key)
        return values if values is not None else [None] * self.n

    def match(self) -> dict[tuple, models.Model]:
        """Existing records by natural key (duplicates within the file are errors)."""
        seen: dict[tuple, int] = {}
        key_cols = [self.kind.column(k) for k in self.kind.key]
        key_values = [
            [None if v is None else v.pk for v in self.column_values(c.key)]
            if c.type == FK
            else self.column_values(c.key)
            for c in key_cols
        ]
        self.keys = [None if None in key else key for key in zip(*key_values, strict=True)]
        for index, key in enumerate(self.keys):
            if key is None:
                continue
            if key in seen:
                first = self.table.row_numbers[seen[key]]
                headers = "、".join(self.header(c) for c in key_cols)
                self.error(
                    index,
                    self.header(key_cols[0]),
                    self.values[key_cols[0].key][index],
                    "duplicate",
                    f"与第{first}行重复（{headers}相同）",
                )
            else:
                seen[key] = index
        fields = [
            f"{name}_id" if self.model._meta.get_field(name).is_relation else name
            for name in self.kind.key
        ]
        if not seen:
            return {}
        # The stored keys are read as plain values, filtered on the key field with the most
        # distinct values in the file; only the records that match are loaded as instances.
        manager = self.model._default_manager
        distinct = [{k[pos] for k in seen} for pos in range(len(fields))]
        pos = max(range(len(fields)), key=lambda p: len(distinct[p]))
        values = sorted(distinct[pos], key=str)
        matched: dict[int, tuple] = {}
        for part in _chunks(values, self.chunk):
            stored = manager.filter(**{f"{fields[pos]}__in": part}).order_by()
            stored = stored.values_list("pk", *fields)
            for pk, *key in stored:
                if tuple(key) in seen:
                    matched[pk] = tuple(key)
        existing: dict[tuple, models.Model] = {}
        select = _scope_paths(self.model) if self.scoped else []
        pks = list(matched)
        for part in _chunks(pks, self.chunk):
            qs = manager.filter(pk__in=part).order_by()
            if select:
                qs = qs.select_related(*select)
            for obj in qs:
                existing[matched[obj.pk]] = obj
        return existing

    def build(self, existing) -> tuple[list, list, int]:
        """New instances, (instance, previous values of the changed fields, index) for changes, and
        the count of unchanged rows. Changes are found after the model has derived its own fields
        (clean() and prepare_save()), so a re-import of what the registry holds changes nothing."""
        new, changed, unchanged = [], [], 0
        writable = [c for c in self.present if c.writes]
        opts = self.model._meta
        tracked = [
            f.attname
            for f in opts.concrete_fields
            if f.attname not in ("id", "version", "updated", "created")
        ]
        make = _factory(self.model)
        relations = {f.name for f in opts.concrete_fields if f.is_relation}
        get_tracked = itemgetter(*tracked) if len(tracked) > 1 else lambda d: (d[tracked[0]],)
        names = [c.key for c in writable]
        masked = any(c.personal and c.type != FK for c in self.present)
        prepare = getattr(self.model, "prepare_save", None) is not None
        scoped = self.scoped
        may_write = self.kind.may_write
        bad = self.bad_rows
        keys = self.keys
        rows = zip(*(self.values[name] for name in names), strict=True) if names else [()] * self.n
        blank_rows = set()  # rows with a blank cell
        for name in names:
            blank_rows.update(_blank_indexes(self.values[name]))
        for index, row in enumerate(rows):
            if index in bad:
                continue
            values = dict(zip(names, row, strict=True))
            obj = existing.get(keys[index]) if existing else None
            if obj is None:
                if masked and not self.masked_ok(index, None, values):
                    continue
                # Blank cells take the field's default.
                obj = make(values, index in blank_rows)
                action = "add"
            else:
                if scoped and not instance_in_scope(obj, self.user, "change"):
                    self.scope_error(index, obj)
                    continue
                if masked and not self.masked_ok(index, obj, values):
                    continue
                if index in blank_rows and not self.blanks_ok(index, obj, values):
                    continue
                data = obj.__dict__
                try:
                    old = get_tracked(data)
                except KeyError:  # a deferred field: loaded through the model
                    old = tuple(getattr(obj, a) for a in tracked)
                for k, v in values.items():
                    if k in relations:
                        setattr(obj, k, v)  # the descriptor keeps the related instance
                    else:
                        data[k] = v  # what setattr does for a plain field
                action = "change"
            try:
                obj.clean()
            except ValidationError as exc:
                self.clean_errors(index, exc)
                continue
            if prepare:
                obj.prepare_save()
            if action == "change":
                after = get_tracked(obj.__dict__)
                # Equal tuples are the common case of a re-import; otherwise field by field,
                # where a few more pairs count as the same (None and "", 1.5 and Decimal("1.50")).
                before = (
                    {}
                    if after == old
                    else {
                        a: o for a, o, n in zip(tracked, old, after, strict=True) if not _same(o, n)
                    }
                )
                if not before:
                    unchanged += 1
                    continue
            if scoped and not instance_in_scope(obj, self.user, action):
                self.scope_error(index, obj)
                continue
            if may_write is not None:
                previous = dict(zip(tracked, old, strict=True)) if action == "change" else None
                if reason := may_write(obj, previous, self.user):
                    self.refused(index, reason)
                    continue
            if action == "add":
                new.append((obj, index))
            else:
                changed.append((obj, before, index))
        return new, changed, unchanged

    def masked_ok(self, index: int, obj, values: dict) -> bool:
        """A masked personal value (exported to someone who may not see it) sent back unchanged
        keeps the stored value; any other masked value is an error, never stored."""
        ok = True
        for col in self.present:
            if not col.personal or col.type == FK:
                continue
            value = values.get(col.key)
            if not (isinstance(value, str) and "*" in value):
                continue
            stored = getattr(obj, col.key, None) if obj is not None else None
            if stored and value == mask(stored):
                values[col.key] = stored
            else:
                self.error(
                    index,
                    self.header(col),
                    value,
                    "masked",
                    "是脱敏后的值，不能用于新增或修改，请填写完整值",
                )
                ok = False
        return ok

    def blanks_ok(self, index: int, obj, values: dict) -> bool:
        """A blank cell clears a field that may be empty; it may not clear one that may not."""
        ok = True
        opts = self.model._meta
        for col in self.present:
            if not col.writes or values.get(col.key) is not None:
                continue
            if col.keep_blank:
                values[col.key] = getattr(obj, col.key)
                continue
            f = opts.get_field(col.key)
            if _is_text(f) and f.blank:
                values[col.key] = ""
            elif not f.null or not f.blank:
                current = getattr(obj, col.key)
                self.error(
                    index,
                    self.header(col),
                    None,
                    "required",
                    f"不能清空（现值为 {_display(col, current)}）",
                )
                ok = False
        return ok

    def scope_error(self, index: int, obj) -> None:
        col = self.kind.column(self.kind.key[0])
        self.error(
            index,
            self.header(col),
            _cell_shown(self.column_values(col.key)[index]),
            "out_of_scope",
            "不在您的数据范围内（只能导入本辖区/本单位的数据）",
        )

    def refused(self, index: int, reason: str) -> None:
        """A row the importing user may not write (`Kind.may_write`), named by its key."""
        col = self.kind.column(self.kind.key[0])
        value = _cell_shown(self.column_values(col.key)[index])
        self.error(index, self.header(col), value, "refused", reason, True)

    def cross_rows(self, new, changed) -> None:
        """The kind's rules across the file's rows (`Kind.check_rows`), on the rows still good."""
        if self.kind.check_rows is None:
            return
        numbers = self.table.row_numbers
        rows = [(obj, i, numbers[i]) for obj, i in new if i not in self.bad_rows]
        rows += [(obj, i, numbers[i]) for obj, _b, i in changed if i not in self.bad_rows]

        def problem(index: int, key: str, reason: str) -> None:
            col = self.kind.column(key)
            value = _cell_shown(self.column_values(key)[index])
            self.error(index, self.header(col), value, "invalid", reason, True)

        self.kind.check_rows(sorted(rows, key=lambda r: r[1]), problem)

    def clean_errors(self, index: int, exc: ValidationError) -> None:
        by_field = (
            exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
        )
        for name, messages in by_field.items():
            col = next((c for c in self.kind.columns if c.key == name), None)
            if col is None:
                col = self.kind.column(self.kind.key[0])
            value = self.column_values(col.key)[index]
            for message in messages:
                self.error(
                    index, self.header(col), _cell_shown(value), "invalid", str(message), True
                )

    def unique(self, new, changed) -> None:
        """Unique fields and constraints other than the natural key: within the file and against
        records not written by this import."""
        opts = self.model._meta
        sets = [(f.name,) for f in opts.fields if f.unique and not f.primary_key]
        for c in opts.constraints:
            if isinstance(c, models.UniqueConstraint) and c.fields:
                sets.append(tuple(c.fields))
        sets = [s for s in sets if set(s) != set(self.kind.key)]
        rows = [(obj, index) for obj, index in new] + [(obj, index) for obj, _b, index in changed]
        for names in sets:
            attnames = [opts.get_field(n).attname for n in names]
            seen: dict[tuple, int] = {}
            tuples: dict[tuple, list] = defaultdict(list)
            for obj, index in rows:
                key = tuple(getattr(obj, a) for a in attnames)
                if any(v in (None, "") for v in key):
                    continue
                if key in seen:
                    self.unique_error(
                        index, names, key, f"与第{self.table.row_numbers[seen[key]]}行重复"
                    )
                    continue
                seen[key] = index
                tuples[key].append((obj, index))
            keys = list(tuples)
            for part in _chunks(keys, CHUNK):
                qs = self.model._default_manager.filter(
                    **{f"{attnames[0]}__in": {k[0] for k in part}}
                )
                for other in qs.order_by().only("pk", *attnames):
                    key = tuple(getattr(other, a) for a in attnames)
                    for obj, index in tuples.get(key, ()):
                        if obj.pk != other.pk:
                            self.unique_error(index, names, key, f"已被系统中的记录“{other}”使用")

    def unique_error(self, index, names, key, reason) -> None:
        # The most specific field of the set (the number rather than its type) names the column.
        col = next(
            (
                self.kind.column(n)
                for n in reversed(names)
                if any(c.key == n for c in self.kind.columns)
            ),
            None,
        )
        header = self.header(col) if col else "、".join(names)
        self.error(index, header, key[-1] if len(key) else "", "not_unique", reason)

    def preview(self, new, changed) -> dict:
        opts = self.model._meta
        diffs = []
        for obj, before, index in changed[:PREVIEW_ROWS]:
            diffs.append(
                {
                    "row": self.table.row_numbers[index],
                    "record": _safe_str(obj),
                    "changes": [self.change(opts, obj, a, old) for a, old in before.items()],
                }
            )
        added = [
            {"row": self.table.row_numbers[index], "record": _safe_str(obj)}
            for obj, index in new[:PREVIEW_ROWS]
        ]
        return {
            "sheet": self.table.sheet,
            "header_row": self.table.header_row,
            "ignored_headers": self.table.ignored_headers,
            "changed": diffs,
            "new": added,
        }

    def change(self, opts, obj, attname: str, old) -> dict:
        """One field's change as the preview shows it (column header, old and new as people read them)."""
        f = opts.get_field(attname)
        col = next((c for c in self.kind.columns if c.key == f.name and c.writes), None)
        column = self.header(col) if col else str(f.verbose_name)
        if f.is_relation:
            new_value = getattr(obj, f.name)
            old_value = f.related_model._default_manager.filter(pk=old).first() if old else None
            return {
                "column": column,
                "old": "（空）" if old_value is None else str(old_value),
                "new": "（空）" if new_value is None else str(new_value),
            }
        shown = col or _plain_col(f)
        return {
            "column": column,
            "old": _display(shown, old),
            "new": _display(shown, getattr(obj, attname)),
        }

    def write(self, new, changed, batch: Batch, author) -> None:
        reason = f"导入批次 #{batch.pk}：{batch.file_name}"
        now = timezone.now()
        total = len(new) + len(changed)
        new_objs = [obj for obj, _i in new]
        for start in range(0, len(new_objs), 20000):
            part = new_objs[start : start + 20000]
            fastwrite.create_with_history(self.model, part, author=author, reason=reason, now=now)
            _progress(self.progress, start + len(part), total, "写入新增记录")
        by_fields: dict[tuple, list] = defaultdict(list)
        for obj, before, _index in changed:
            obj.version += 1
            obj.updated = now
            by_fields[tuple(sorted(before))].append(obj)
        for fields_, objs in by_fields.items():
            bulk_update_with_history(
                objs,
                self.model,
                [*fields_, "version", "updated"],
                batch_size=500,
                default_user=author,
                default_change_reason=reason,
            )
        if self.kind.after_write is not None:
            with changelog_context(author, reason):
                self.kind.after_write(new_objs + [obj for obj, _b, _i in changed], author)
        _progress(self.progress, total, total, "记录导入批次")
        rows = self.table.row_numbers
        pk_name = self.model._meta.pk.attname
        fastwrite.insert(
            BatchRow,
            ["batch_id", "row", "object_id", "action", "before", "version_after", "count"],
            (
                (batch.pk, row, pk, BatchRow.Action.CREATED, "{}", version, count)
                for row, pk, version, count in _spans(
                    (rows[index], obj.__dict__[pk_name], obj.version) for obj, index in new
                )
            ),
        )
        BatchRow.objects.bulk_create(
            [
                BatchRow(
                    batch=batch,
                    row=rows[index],
                    object_id=obj.pk,
                    action=BatchRow.Action.UPDATED,
                    before={k: _jsonable(v) for k, v in before.items()},
                    version_after=obj.version,
                )
                for obj, before, index in changed
            ],
            batch_size=1000,
        )


def run_import(kind: Kind, source: bytes, filename: str, user=None, **options) -> ImportResult:
    """Check `source` (the file's bytes) as `kind`, and unless `dry_run` or there are errors, write
    every row in one transaction and record the batch. `user=None` imports without scope (the
    administrator's CLI); otherwise the user's permissions and scope apply to every row.
    Raises ReadError when the file cannot be read at all. Options: `dry_run`, `progress`
    (called with done, total, message), `batch` (the pending batch of a web upload)."""
    with gc_paused():
        return _run_import(kind, source, filename, user, **options)


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = True


@contextmanager
def gc_paused():
    """Python's cyclic garbage collector off while an import holds its rows.

    An import builds hundreds of thousands of long-lived objects (cells, values, instances), and
    each of the collector's full passes walks all of them: on 100,000 rows that was a third of the
    import's time, and nothing the import builds is a cycle that needs it (everything is freed by
    reference counting when the import returns). Nested and concurrent imports keep it off until
    the last one ends; it is back on afterwards if it was on before."""
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


def _run_import(
    kind: Kind,
    source: bytes,
    filename: str,
    user=None,
    *,
    dry_run: bool = False,
    progress=None,
    batch: Batch | None = None,
) -> ImportResult:
    kind = kind.bind()
    model = kind.model
    result = ImportResult(kind=kind.name, dry_run=dry_run)
    author = user
    importer = user or _Unrestricted()
    for action in ("add", "change"):
        if not importer.has_perm(permission_name(model, action)):
            raise ReadError(f"您没有导入{model._meta.verbose_name}的权限")
    _progress(progress, 0, 100, "读取文件")
    specs = [ColumnSpec(c.key, c.header, tuple(c.synonyms), bool(c.required)) for c in kind.columns]
    table = read_table(source, filename, specs)
    run = _Run(kind, table, importer, progress)
    result.rows = run.n
    _progress(progress, 15, 100, "检查各列数据")
    run.parse()
    _progress(progress, 35, 100, "查找关联记录")
    run.lookup()
    existing = run.match()
    _progress(progress, 50, 100, "比对现有记录")
    new, changed, unchanged = run.build(existing)
    run.unique(new, changed)
    run.cross_rows(new, changed)
    if run.errors:
        bad = run.bad_rows
        new = [(o, i) for o, i in new if i not in bad]
        changed = [(o, b, i) for o, b, i in changed if i not in bad]
    result.new, result.changed, result.unchanged = len(new), len(changed), unchanged
    result.errors = sorted(run.errors, key=lambda e: (e["row"], e["column"]))
    result.preview = run.preview(new, changed)
    _progress(progress, 60, 100, "预检完成")
    digest = hashlib.sha256(source).hexdigest()
    if batch is None and (dry_run or result.errors):
        return result
    with transaction.atomic():
        stored = batch is not None  # a web upload's batch holds its file already
        if batch is None:
            batch = Batch(kind=kind.name, file_name=filename, content=b"", user=author)
        batch.file_hash = digest
        batch.rows, batch.new, batch.changed, batch.unchanged = (
            result.rows,
            result.new,
            result.changed,
            result.unchanged,
        )
        batch.error_count = len(result.errors)
        batch.errors = result.errors[:MAX_STORED_ERRORS]
        batch.preview = result.preview
        if result.errors:
            batch.status = Batch.Status.INVALID
        elif dry_run:
            batch.status = Batch.Status.CHECKED
        else:
            batch.status = Batch.Status.COMMITTED
            batch.committed_at = timezone.now()
        if stored:
            batch.save(
                update_fields=[
                    f.name
                    for f in Batch._meta.concrete_fields
                    if not f.primary_key and f.name != "content"
                ]
            )
        else:
            batch.save()
            fastwrite.store_bytes(batch, "content", source)
        result.batch_id = batch.pk
        if batch.status == Batch.Status.COMMITTED:
            run.write(new, changed, batch, author)
            result.written = True
    if result.written and result.new + result.changed >= db.ANALYZE_AFTER_ROWS:
        db.refresh_statistics(model, planner_columns=True)
    _progress(progress, 100, 100, "完成")
    return result


def rollback(batch: Batch, user) -> int:
    """Undo a committed batch: delete what it created, restore what it changed — refused, naming
    the rows, when any of them was changed since. Returns the number of records restored."""
    if batch.status != Batch.Status.COMMITTED:
        raise RollbackRefused("只有已导入的批次可以回滚", [])
    from .kinds import get_kind

    kind = get_kind(batch.kind)
    model = kind.model
    manager = model._default_manager
    records = list(batch.written.all())
    created = [r for r in records if r.action == BatchRow.Action.CREATED]
    updated = [r for r in records if r.action != BatchRow.Action.CREATED]
    ranges = [(r.object_id, r.object_id + r.count - 1) for r in created]
    with transaction.atomic():
        # Versions now, read as values: a batch of 100,000 new records is one range query.
        versions: dict[int, int] = {}
        for first, last in ranges:
            in_range = manager.filter(pk__range=(first, last)).order_by()
            versions.update(in_range.values_list("pk", "version"))
        ids = [r.object_id for r in updated]
        for part in _chunks(ids, CHUNK):
            versions.update(manager.filter(pk__in=part).order_by().values_list("pk", "version"))
        stale = [
            (row, pk, r)
            for r in records
            for row, pk in r.records()
            if versions.get(pk) != r.version_after
        ]
        if stale:
            shown = _in_bulk(manager, [pk for _row, pk, _r in stale if pk in versions])
            conflicts = [
                f"第{row}行：该记录已被删除"
                if pk not in versions
                else f"第{row}行“{shown[pk]}”：导入后已被修改（版本 {r.version_after} → {versions[pk]}）"
                for row, pk, r in stale
            ]
            raise RollbackRefused(
                f"批次 #{batch.pk} 导入的 {len(conflicts)} 条记录此后已被修改，不能回滚", conflicts
            )
        fast = bool(ranges) and not fastwrite.referenced(model, ranges)
        doomed = []
        if ranges and not fast:
            doomed = [o for first, last in ranges for o in manager.filter(pk__range=(first, last))]
            if blockers := _dependents_from_elsewhere(model, doomed, batch):
                raise RollbackRefused(
                    f"批次 #{batch.pk} 新增的记录此后已被其他记录引用，回滚会一并删除或改动它们，"
                    "不能回滚（请先处理下列记录）",
                    blockers,
                )
        reason = f"回滚导入批次 #{batch.pk}：{batch.file_name}"
        now = timezone.now()
        with changelog_context(user, reason):
            if fast:
                # Nothing points at the new records: deleted by id range, history copied.
                fastwrite.delete_with_history(model, ranges, author=user, reason=reason, now=now)
            for obj in doomed:
                # Django's deletion, with its cascades to what this import itself added
                # (e.g. a team's leader membership).
                obj.delete()
            current = _in_bulk(manager, ids)
            by_fields: dict[tuple, list] = defaultdict(list)
            for r in updated:
                obj = current[r.object_id]
                for name, value in r.before.items():
                    setattr(
                        obj,
                        name,
                        model._meta.get_field(name).to_python(value) if value is not None else None,
                    )
                obj.version += 1
                obj.updated = now
                by_fields[tuple(sorted(r.before))].append(obj)
            for names, objs in by_fields.items():
                bulk_update_with_history(
                    objs,
                    model,
                    [*names, "version", "updated"],
                    batch_size=500,
                    default_user=user,
                    default_change_reason=reason,
                )
        batch.status = Batch.Status.ROLLED_BACK
        batch.rolled_back_at = timezone.now()
        batch.rolled_back_by = user
        batch.save(update_fields=["status", "rolled_back_at", "rolled_back_by"])
    return sum(r.count for r in records)


MAX_LISTED = 50


def _dependents_from_elsewhere(model, objs: list, batch: Batch) -> list[str]:
    """What deleting `objs` would delete or change besides records this same import created
    (their creation history carries the batch's reason): each named, for the refusal."""
    from django.db.models.deletion import Collector, ProtectedError, RestrictedError

    collector = Collector(using=model._default_manager.db)
    try:
        collector.collect(objs)
    except (ProtectedError, RestrictedError) as exc:
        protected = getattr(exc, "protected_objects", None) or exc.restricted_objects
        found = list(protected)
    else:
        found = _collected_elsewhere(model, collector, batch)
    listed = [
        f"{o._meta.verbose_name}“{_safe_str(o)}”引用了本批次新增的记录" for o in found[:MAX_LISTED]
    ]
    if len(found) > MAX_LISTED:
        listed.append("……等更多记录")
    return listed


def _collected_elsewhere(model, collector, batch: Batch) -> list:
    ours = f"导入批次 #{batch.pk}："
    found: list = []
    for related, instances in collector.data.items():
        if related is model:
            continue
        history = getattr(related, "history", None)
        created_here: set = set()
        if history is not None:
            pks = [o.pk for o in instances]
            for part in _chunks(pks, CHUNK):
                created_here.update(
                    history.filter(
                        id__in=part,
                        history_type="+",
                        history_change_reason__startswith=ours,
                    ).values_list("id", flat=True)
                )
        found += [o for o in instances if o.pk not in created_here]
    for qs in collector.fast_deletes:
        if not qs.model._meta.auto_created:  # a many-to-many row goes with its record
            found += list(qs[: MAX_LISTED + 1])
    for batches in collector.field_updates.values():  # on_delete=SET_NULL and the like
        for objs in batches:
            found += list(objs[: MAX_LISTED + 1])
    return found


def _in_bulk(manager, ids: list) -> dict:
    found: dict = {}
    for part in _chunks(ids, CHUNK):
        found.update(manager.in_bulk(part))
    return found


# --- helpers ---------------------------------------------------------------------------------


class _Unrestricted:
    """The CLI's default importer: every permission, no scope, no author."""

    is_active = is_authenticated = is_superuser = True
    scope_org_id = None

    def has_perm(self, perm):
        return True

    def scope_region_paths(self):
        return None


def _spans(records):
    """(row, id, version, count) runs of created records whose file rows and ids both go up by
    one, from (row, id, version) in file order."""
    span = None
    for row, pk, version in records:
        if span and span[0] + span[3] == row and span[1] + span[3] == pk and span[2] == version:
            span[3] += 1
            continue
        if span:
            yield tuple(span)
        span = [row, pk, version, 1]
    if span:
        yield tuple(span)


def _chunks(values: list, size: int):
    """`values` in slices of at most `size` (one IN (...) query each)."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _blank_indexes(values: list):
    """Indexes of the None values, found by identity in C (comparing Decimals with None, as
    `value is None` in a Python loop or `None in values` would, is slow)."""
    return compress(count(), map(is_, values, repeat(None)))


def _scope_paths(model) -> list[str]:
    """select_related paths that make the scope check free of extra queries."""
    paths = []
    for attr in ("scope_region_field", "scope_org_field"):
        value = getattr(model, attr, None)
        for path in (value,) if isinstance(value, str) else (value or ()):
            if path and path != "self":
                paths.append(path)
    return paths


def _factory(model):
    """A fast constructor for new instances: the field defaults, then the row's non-blank values
    (blank cells take the default). Equivalent to ``model(**values)`` without its per-field
    argument handling, which dominates when a file has 100,000 rows."""
    from django.db.models.base import ModelState

    opts = model._meta
    defaults = {}
    for f in opts.concrete_fields:
        defaults[f.attname] = f.get_default()
    relations = {f.name: f.attname for f in opts.concrete_fields if f.is_relation}
    callables = [f for f in opts.concrete_fields if f.has_default() and callable(f.default)]
    new = object.__new__

    def make(values: dict, blanks: bool = True):
        """`blanks`: whether any value may be None (False skips looking)."""
        obj = new(model)
        data = obj.__dict__
        data.update(defaults)
        for f in callables:  # fresh mutable defaults (dict, list) per instance
            data[f.attname] = f.get_default()
        data.update(values)
        data["_state"] = state = ModelState()
        if blanks:
            for name, value in values.items():
                if value is None and name not in relations:
                    data[name] = defaults[name]
        for name, attname in relations.items():
            if name in values:
                value = data.pop(name)
                if value is not None:
                    data[attname] = value.pk
                    state.fields_cache[name] = value
        return obj

    return make


def _plain_col(f) -> Col:
    if f.choices:
        return Col(f.name, type=CHOICE, choices=[(k, str(v)) for k, v in f.choices])
    if isinstance(f, models.BooleanField):
        return Col(f.name, type=BOOL)
    return Col(f.name, type="text")


def _is_text(f) -> bool:
    return isinstance(f, models.CharField | models.TextField) and not f.null


def _same(old, new) -> bool:
    if isinstance(old, Decimal) and isinstance(new, Decimal | int | float):
        return old == Decimal(str(new))
    if old in (None, "") and new in (None, ""):
        return True
    return old == new


def _jsonable(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def _display(col: Col, value) -> str:
    if value in (None, ""):
        return "（空）"
    if col.type == BOOL:
        return "是" if value else "否"
    if col.type == CHOICE:
        return dict(col.choices).get(value, str(value))
    if col.type == DATE and isinstance(value, date):
        return value.isoformat()
    return str(value)


def _cell_shown(value):
    if isinstance(value, models.Model):
        return str(value)
    return value


def _safe_str(obj) -> str:
    try:
        return str(obj)
    except Exception:
        return obj._meta.verbose_name
