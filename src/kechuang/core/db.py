"""Database helpers that are not per model."""

from __future__ import annotations

from django.db import connections, router

# Imports that write at least this many rows refresh the planner's statistics of the table.
ANALYZE_AFTER_ROWS = 5_000


def refresh_statistics(*models) -> list[str]:
    """ANALYZE the tables of `models` on PostgreSQL, so that the planner knows their new size at
    once after a bulk load. Autovacuum would analyze them too, but only some time later; until then
    a plan made for a near-empty table (nested loops over 200,000 qualifications) can make the
    monitoring recompute several times slower. SQLite keeps no statistics unless asked and plans
    by fixed rules, so nothing is done there. Returns the tables analysed."""
    done = []
    for model in models:
        connection = connections[router.db_for_write(model)]
        if connection.vendor != "postgresql":
            continue
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        done.append(table)
    return done
