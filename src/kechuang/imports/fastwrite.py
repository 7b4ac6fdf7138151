"""Insert many new records and their history rows without the ORM's per-value machinery.

The import engine has already parsed, checked and derived every value, so rows go to the database as
they are: `executemany` with one prepared statement on SQLite, `COPY` on PostgreSQL. Primary keys are
reserved first (the sequence on PostgreSQL; on SQLite past both MAX(id) and sqlite_sequence, inside
the import's write transaction, which holds SQLite's write lock), so the history rows and the
batch's rollback rows can point at them. Each history row is what django-simple-history writes for
a creation ("+", date, author, reason).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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


def _columns(model, fields: Sequence[models.Field], connection):
    return [(f.attname, _prep(f, connection) if _needs_prep(f) else None) for f in fields]


def reserve_ids(model, n: int, connection=default_connection) -> list[int]:
    """`n` fresh primary keys for `model` (call inside the write transaction)."""
    if n == 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, n],
            )
            return [row[0] for row in cursor.fetchall()]
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


def create_with_history(
    model, objs: list, *, author, reason: str, now, connection=default_connection
) -> None:
    """Insert new (unsaved, checked) instances and one creation history row each; sets their pks."""
    if not objs:
        return
    opts = model._meta
    fields = [f for f in opts.concrete_fields if not f.primary_key]
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            for obj in objs:
                setattr(obj, f.attname, now)
    ids = reserve_ids(model, len(objs), connection)
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias
    getters = _columns(model, fields, connection)

    def rows():
        for obj in objs:
            yield [obj.pk] + [
                getattr(obj, a) if prep is None else prep(getattr(obj, a)) for a, prep in getters
            ]

    insert(model, [opts.pk.column] + [f.column for f in fields], rows(), connection)

    history = getattr(model, "history", None)
    if history is None:
        return
    hmodel = history.model
    hfields = [f for f in hmodel._meta.concrete_fields if f.name != "history_id"]
    fixed = {
        "history_date": now,
        "history_change_reason": reason,
        "history_type": "+",
        "history_user": author.pk if author is not None else None,
    }
    plan = []
    for f in hfields:
        if f.name in fixed:
            value = fixed[f.name]
            if _needs_prep(f):
                value = f.get_db_prep_save(value, connection)
            plan.append((None, value))
        elif f.name.startswith("history_"):
            raise ValueError(f"{hmodel.__name__}.{f.name}: unknown history field")
        else:
            source = opts.get_field(f.name)
            plan.append(
                (source.attname, _prep(source, connection) if _needs_prep(source) else None)
            )

    def history_rows():
        for obj in objs:
            row = []
            for attname, extra in plan:
                if attname is None:
                    row.append(extra)
                else:
                    value = getattr(obj, attname)
                    row.append(value if extra is None else extra(value))
            yield row

    insert(hmodel, [f.column for f in hfields], history_rows(), connection)
