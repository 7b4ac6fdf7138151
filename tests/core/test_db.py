"""Planner statistics after bulk loads (`kechuang.core.db.refresh_statistics`)."""

from unittest import mock

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from kechuang.core import db
from kechuang.core.testing.imports import xlsx_rows
from kechuang.core.testing.personas import Personas
from kechuang.enterprises.models import AnnualData, Enterprise
from kechuang.imports.engine import run_import
from kechuang.imports.kinds import get_kind


def estimated_rows(model) -> float | None:
    """PostgreSQL's estimate of the table's rows (pg_class.reltuples: -1 before any ANALYZE)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table]
        )
        return cursor.fetchone()[0]


class RefreshStatisticsTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.enterprises = [Enterprise.objects.create(org=o) for o in (cls.org_a, cls.org_b)]

    def test_it_analyzes_on_postgresql_and_does_nothing_on_sqlite(self):
        for year in range(2001, 2031):
            for ent in self.enterprises:
                AnnualData.objects.create(enterprise=ent, year=year)
        done = db.refresh_statistics(AnnualData)
        if connection.vendor == "postgresql":
            assert done == [AnnualData._meta.db_table]
            assert estimated_rows(AnnualData) == 60
        else:
            assert done == []

    def test_a_large_import_refreshes_the_statistics_of_its_table(self):
        head = ["统一社会信用代码", "企业名称", "年度", "职工总数"]
        kind = get_kind("enterprise-annual")

        def rows(years):
            return xlsx_rows(
                [head, *([o.uscc, "", y, 10] for o in (self.org_a, self.org_b) for y in years)]
            )

        # Whatever earlier tests left: the estimate starts at this transaction's 0 rows.
        db.refresh_statistics(AnnualData)
        assert estimated_rows(AnnualData) in (None, 0)
        with mock.patch.object(db, "ANALYZE_AFTER_ROWS", 20):
            small = run_import(kind, rows(range(2001, 2010)), "a.xlsx", self.city_staff)
            assert small.new == 18
            assert estimated_rows(AnnualData) in (None, 0)  # below the threshold: no ANALYZE
            with CaptureQueriesContext(connection) as queries:
                large = run_import(kind, rows(range(2011, 2021)), "b.xlsx", self.city_staff)
            assert large.new == 20
        assert estimated_rows(AnnualData) in (None, 38)
        analyze = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("ANALYZE")]
        if connection.vendor == "postgresql":
            [statement] = analyze
            assert '"year"' in statement and '"sales_revenue_wan"' not in statement
        else:
            assert analyze == []
        if connection.vendor == "postgresql":  # only the columns queries filter and join on
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT attname FROM pg_stats WHERE tablename = %s",
                    [AnnualData._meta.db_table],
                )
                analysed = {row[0] for row in cursor.fetchall()}
            assert {"enterprise_id", "year", "employees", "above_scale"} <= analysed


def test_planner_columns_leave_out_amounts_and_timestamps():
    columns = db._planner_columns(AnnualData)
    assert {"id", "enterprise_id", "year", "employees", "version", "above_scale"} <= set(columns)
    assert not set(columns) & {"sales_revenue_wan", "rd_expense_wan", "created", "updated"}
