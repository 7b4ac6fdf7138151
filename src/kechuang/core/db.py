"""Database helpers that are not per model."""

from __future__ import annotations

from django.db import connections, models, router

# Imports that write at least this many rows refresh the planner's statistics of the table.
ANALYZE_AFTER_ROWS = 5_000


def refresh_statistics(*models, planner_columns: bool = False) -> list[str]:
    """ANALYZE the tables of `models` on PostgreSQL, so that the planner knows their new size at
    once after a bulk load. Autovacuum would analyze them too, but only some time later; until then
    a plan made for a near-empty table (nested loops over 200,000 qualifications) can make the
    monitoring recompute several times slower. SQLite keeps no statistics unless asked and plans
    by fixed rules, so nothing is done there. Returns the tables analysed.

    `planner_columns`: only the columns queries filter, join and group on (see `planner_columns`)
    get statistics; the table's size is counted all the same. A quarter of the time on a table of
    money figures, whose full statistics autovacuum gathers later."""
    done = []
    for model in models:
        connection = connections[router.db_for_write(model)]
        if connection.vendor != "postgresql":
            continue
        qn = connection.ops.quote_name
        target = qn(model._meta.db_table)
        if planner_columns:
            target += f" ({', '.join(qn(c) for c in _planner_columns(model))})"
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {target}")
        done.append(model._meta.db_table)
    return done


def _planner_columns(model) -> list[str]:
    """Columns a query is likely to filter, join or group on: keys and relations, indexed and
    unique columns, choices, booleans, whole numbers (years, counts) and dates — not amounts,
    free text or timestamps, which are summed or shown."""
    opts = model._meta
    unique = {name for c in opts.constraints for name in getattr(c, "fields", ())}
    kinds = (models.BooleanField, models.IntegerField, models.DateField)
    return [
        f.column
        for f in opts.concrete_fields
        if (f.is_relation or f.primary_key or f.db_index or f.unique or f.choices)
        or f.name in unique
        or (isinstance(f, kinds) and not isinstance(f, models.DateTimeField))
    ]
