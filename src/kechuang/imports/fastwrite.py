"""Insert many new records and their history rows without the ORM's per-value machinery.

The import engine has already parsed, checked and derived every value, so rows go to the database as
they are: `executemany` with one prepared statement on SQLite, `COPY` on PostgreSQL. Primary keys are
reserved first (the sequence on PostgreSQL; on SQLite past both MAX(id) and sqlite_sequence, inside
the import's write transaction, which holds SQLite's write lock), so the batch's rollback record can
name them as id ranges. Each history row is what django-simple-history writes for a creation ("+",
date, author, reason), copied from the stored row by the database (INSERT … SELECT).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from itertools import islice, repeat
from operator import is_, itemgetter, methodcaller
from typing import Any

from django.db import connection as default_connection
from django.db import models

CHUNK = 5000


def _needs_prep(f: models.Field) -> bool:
    """Fields whose Python values the driver cannot take as they are."""
    return isinstance(
        f, models.DateTimeField | models.JSONField | models.UUIDField | models.DurationField
    )


def _prep(f: models.Field, connection):
    """The field's conversion, remembered per value (an import stamps one `now` on every row)."""
    memo: dict = {}

    def prep(value):
        try:
            return memo[value]
        except (KeyError, TypeError):
            converted = f.get_db_prep_save(value, connection)
            try:
                memo[value] = converted
            except TypeError:  # unhashable (JSON)
                pass
            return converted

    return prep


def reserve_ids(model, n: int, connection=default_connection) -> list[int] | range:
    """`n` fresh primary keys for `model` (call inside the write transaction)."""
    if n == 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The sequence is named once (pg_get_serial_sequence inside nextval() would be
            # looked up again for every value: ten times slower). Its values are drawn on the
            # server; only when another session drew some in between (the ids are not one run)
            # are they all fetched.
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk])
            sequence = cursor.fetchone()[0]
            cursor.execute(
                "SELECT min(v), max(v), CASE WHEN max(v) - min(v) + 1 <> count(*)"
                " THEN array_agg(v ORDER BY v) END"
                " FROM (SELECT nextval(%s::regclass) AS v FROM generate_series(1, %s)) AS drawn",
                [sequence, n],
            )
            low, high, drawn = cursor.fetchone()
            return range(low, high + 1) if drawn is None else list(drawn)
        qn = connection.ops.quote_name
        cursor.execute(f"SELECT COALESCE(MAX({qn(pk)}), 0) FROM {qn(table)}")
        top = cursor.fetchone()[0]
        try:
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
        except Exception:  # no AUTOINCREMENT table yet
            row = None
        start = max(top, row[0] if row else 0) + 1
        return list(range(start, start + n))


def insert(
    model, columns: Sequence[str], rows: Iterable[Sequence[Any]], connection=default_connection
) -> None:
    """Insert `rows` (values in the order of `columns`) into `model`'s table."""
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    cols = ", ".join(qn(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(columns))})"
        batch: list = []
        for row in rows:
            batch.append(row)
            if len(batch) >= CHUNK:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


# COPY's text format: a tab between columns, \N for NULL, these four escaped in text.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_COPY_BOOL = {True: "t", False: "f"}


def _copy_column(f: models.Field, column: Sequence[Any]) -> list[str] | None:
    """A column of values as COPY text, each column converted in one pass (map in C) rather than
    a row at a time by psycopg; None for a field or value type it does not know (the caller then
    copies row by row)."""
    blanks = any(map(is_, column, repeat(None)))
    values = [v for v in column if v is not None] if blanks else column
    types = set(map(type, values))
    target = f.target_field if f.is_relation else f
    if not values:
        texts: list[str] = []
    elif isinstance(target, models.BooleanField) and types <= {bool}:
        texts = list(map(_COPY_BOOL.__getitem__, values))
    elif isinstance(target, models.IntegerField | models.AutoField) and types <= {int}:
        texts = list(map(str, values))
    elif isinstance(target, models.DecimalField) and types <= {Decimal, int}:
        texts = list(map(str, values))
    elif isinstance(target, models.CharField | models.TextField) and types <= {str}:
        joined = "".join(values)
        special = any(c in joined for c in "\\\t\n\r")
        texts = list(map(methodcaller("translate", _COPY_ESCAPES), values)) if special else values
    elif isinstance(target, models.DateField) and not isinstance(target, models.DateTimeField):
        if types != {date}:
            return None
        texts = list(map(date.isoformat, values))
    else:
        return None
    if blanks:
        it = iter(texts)
        return ["\\N" if v is None else next(it) for v in column]
    return texts


def _copy_texts(fields, columns, constants) -> list | None:
    """COPY text for each column, then for each auto_now timestamp (the fields after the
    columns', all rows stamped with one value); None when any cannot be written so."""
    texts = []
    for f, column in zip(fields, columns):  # noqa: B905 (the constants' fields follow)
        converted = _copy_column(f, column)
        if converted is None:
            return None
        texts.append(converted)
    for f, value in zip(fields[len(columns) :], constants, strict=True):
        # A DateField's auto_now is a local date, not this timestamp: left to psycopg.
        if not isinstance(f, models.DateTimeField) or not isinstance(value, datetime):
            return None
        texts.append(repeat(value.isoformat()))
    return texts


def _copy_lines(model, columns: Sequence[str], lines: Iterable[str], connection) -> None:
    qn = connection.ops.quote_name
    sql = f"COPY {qn(model._meta.db_table)} ({', '.join(qn(c) for c in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        while chunk := list(islice(lines, CHUNK)):
            copy.write("\n".join(chunk) + "\n")


def id_ranges(ids: Sequence[int]) -> list[tuple[int, int]]:
    """Runs of consecutive ids as (first, last) pairs ([1, 2, 3, 7] → [(1, 3), (7, 7)])."""
    ranges: list[tuple[int, int]] = []
    for pk in ids:
        if ranges and pk == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], pk)
        else:
            ranges.append((pk, pk))
    return ranges


def create_with_history(
    model, objs: list, *, author, reason: str, now, connection=default_connection
) -> None:
    """Insert new (unsaved, checked) instances and one creation history row each; sets their pks.

    The rows go in as they are (see `insert`); the history rows are then copied from the stored
    rows by the database itself (INSERT … SELECT over the new id ranges), so they hold exactly
    what was written, without a second pass through Python."""
    if not objs:
        return
    opts = model._meta
    fields = [f for f in opts.concrete_fields if not f.primary_key]
    ids = reserve_ids(model, len(objs), connection)
    constant: dict[str, Any] = {}  # auto_now fields: one prepared value for every row
    per_row = []
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            constant[f.attname] = f.get_db_prep_save(now, connection)
        else:
            per_row.append(f)
    alias = connection.alias
    for obj, pk in zip(objs, ids, strict=True):
        state = obj._state
        state.adding = False
        state.db = alias
        stored = obj.__dict__
        stored[opts.pk.attname] = pk
        for attname in constant:
            stored[attname] = now
    # The rows are put together column by column (each column one pass in C), then zipped.
    dicts = [obj.__dict__ for obj in objs]
    values = [ids]
    for f in per_row:
        column = list(map(itemgetter(f.attname), dicts))
        if _needs_prep(f):
            column = list(map(_prep(f, connection), column))
        elif (
            connection.vendor == "sqlite"
            and isinstance(f, models.DecimalField)
            and not any(map(is_, column, repeat(None)))
        ):
            # What the sqlite3 adapter Django registers (str) would do to each value, at once.
            column = list(map(str, column))
        values.append(column)
    values += [repeat(value) for value in constant.values()]
    rows = zip(*values)  # noqa: B905 (repeat() columns are endless; the ids end it)

    columns = [opts.pk.column] + [f.column for f in per_row]
    columns += [opts.get_field(a).column for a in constant]
    texts = None
    if connection.vendor == "postgresql":
        fields = [opts.pk, *per_row, *(opts.get_field(a) for a in constant)]
        texts = _copy_texts(fields, values[: 1 + len(per_row)], [now] * len(constant))
    if texts is not None:
        _copy_lines(model, columns, map("\t".join, zip(*texts)), connection)  # noqa: B905
    else:
        insert(model, columns, rows, connection)
    copy_history(
        model, id_ranges(ids), "+", author=author, reason=reason, now=now, connection=connection
    )


def copy_history(
    model, ranges, history_type: str, *, author, reason: str, now, connection=default_connection
) -> None:
    """A history row of `history_type` ("+" created, "-" deleted), `now`, `author` and `reason`
    for each stored record whose id lies in one of `ranges`, with the record's values as stored —
    what django-simple-history writes when a record is created or deleted."""
    history = getattr(model, "history", None)
    if history is None or not ranges:
        return
    opts = model._meta
    hmodel = history.model
    qn = connection.ops.quote_name
    fixed = {
        "history_date": now,
        "history_change_reason": reason,
        "history_type": history_type,
        "history_user": author.pk if author is not None else None,
    }
    targets, sources, params = [], [], []
    for f in hmodel._meta.concrete_fields:
        if f.name == "history_id":
            continue
        targets.append(qn(f.column))
        if f.name in fixed:
            sources.append("%s")
            params.append(f.get_db_prep_save(fixed[f.name], connection))
        elif f.name.startswith("history_"):
            raise ValueError(f"{hmodel.__name__}.{f.name}: unknown history field")
        else:
            sources.append(qn(opts.get_field(f.name).column))
    pk = qn(opts.pk.column)
    sql = (
        f"INSERT INTO {qn(hmodel._meta.db_table)} ({', '.join(targets)}) "
        f"SELECT {', '.join(sources)} FROM {qn(opts.db_table)} WHERE {pk} BETWEEN %s AND %s "
        f"ORDER BY {pk}"
    )
    with connection.cursor() as cursor:
        for first, last in ranges:
            cursor.execute(sql, [*params, first, last])


def store_bytes(obj, field: str, data: bytes, connection=default_connection) -> None:
    """Write a large binary value (an uploaded file) into the saved `obj`'s `field`.

    On PostgreSQL the value goes as a binary parameter of a server-side-bound statement: Django's
    client-side binding would spell 15 MB out as a 30 MB hex literal inside the SQL text."""
    model = type(obj)
    qn = connection.ops.quote_name
    column = model._meta.get_field(field).column
    sql = (
        f"UPDATE {qn(model._meta.db_table)} SET {qn(column)} = %s "
        f"WHERE {qn(model._meta.pk.column)} = %s"
    )
    if connection.vendor == "postgresql":
        import psycopg

        connection.ensure_connection()
        with psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(sql.replace("= %s", "= %b", 1), [data, obj.pk])
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql, [data, obj.pk])
    setattr(obj, field, data)


def referenced(model, ranges, connection=default_connection) -> bool:
    """Whether anything points at a record of `model` whose id lies in `ranges` (a foreign key,
    a many-to-many row), or could without a column to check (generic relations)."""
    opts = model._meta
    if opts.private_fields:
        return True
    for rel in opts.get_fields(include_hidden=True):
        if not rel.auto_created or rel.concrete or not (rel.one_to_many or rel.one_to_one):
            continue
        field = rel.field
        if field.target_field != opts.pk:
            return True
        q = models.Q()
        for first, last in ranges:
            q |= models.Q(**{f"{field.attname}__gte": first, f"{field.attname}__lte": last})
        if rel.related_model._base_manager.using(connection.alias).filter(q).exists():
            return True
    return False


def delete_with_history(
    model, ranges, *, author, reason: str, now, connection=default_connection
) -> None:
    """Delete the records whose ids lie in `ranges`, each with a deletion history row ("-", its
    last values, `author`, `reason`) as django-simple-history writes one. Only for records nothing
    points at (see `referenced`): this skips Django's collector, and with it cascades."""
    copy_history(model, ranges, "-", author=author, reason=reason, now=now, connection=connection)
    qn = connection.ops.quote_name
    pk = qn(model._meta.pk.column)
    with connection.cursor() as cursor:
        for first, last in ranges:
            cursor.execute(
                f"DELETE FROM {qn(model._meta.db_table)} WHERE {pk} BETWEEN %s AND %s",
                [first, last],
            )
