"""The import's raw writer: id reservation, history copied by the database, large file contents."""

from contextlib import nullcontext
from decimal import Decimal
from unittest import mock

from django.db import connection
from django.test import TestCase
from django.utils import timezone

from kechuang.core.testing.personas import Personas
from kechuang.enterprises.models import AnnualData, Enterprise
from kechuang.imports import fastwrite
from kechuang.imports.models import Batch


def test_id_ranges_are_runs_of_consecutive_ids():
    assert fastwrite.id_ranges([]) == []
    assert fastwrite.id_ranges([1, 2, 3, 7, 9, 10]) == [(1, 3), (7, 7), (9, 10)]
    assert fastwrite.id_ranges(range(5, 9)) == [(5, 8)]


class WriterTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.enterprise = Enterprise.objects.create(org=cls.org_a)

    def test_reserved_ids_are_fresh_and_history_copies_the_stored_rows(self):
        before = AnnualData.objects.create(enterprise=self.enterprise, year=2019, employees=3)
        ids = list(fastwrite.reserve_ids(AnnualData, 4))
        assert len(set(ids)) == 4 and min(ids) > before.pk
        if connection.vendor == "postgresql":
            # Another session's draws between ours would leave gaps: the ids are then listed.
            with connection.cursor() as cursor:
                cursor.execute("ALTER SEQUENCE enterprises_annualdata_id_seq INCREMENT BY 2")
            try:
                stepped = list(fastwrite.reserve_ids(AnnualData, 3))
            finally:
                with connection.cursor() as cursor:
                    cursor.execute("ALTER SEQUENCE enterprises_annualdata_id_seq INCREMENT BY 1")
            assert stepped[1] - stepped[0] == 2 and len(set(stepped)) == 3
        objs = [
            AnnualData(enterprise=self.enterprise, year=y, employees=y - 2000) for y in (2020, 2021)
        ]
        now = timezone.now()
        fastwrite.create_with_history(AnnualData, objs, author=self.admin, reason="测试", now=now)
        for obj in objs:
            stored = AnnualData.objects.get(pk=obj.pk)
            assert (stored.year, stored.employees, stored.created) == (obj.year, obj.employees, now)
            [entry] = stored.history.all()
            assert (entry.history_type, entry.history_user, entry.history_change_reason) == (
                "+",
                self.admin,
                "测试",
            )
            assert (entry.year, entry.employees, entry.history_date) == (
                obj.year,
                obj.employees,
                now,
            )
        assert before.history.count() == 1  # only the new ids' rows were copied

    def test_a_large_file_is_stored_whole(self):
        data = bytes(range(256)) * 40_000  # 10 MB, every byte value
        batch = Batch.objects.create(kind="enterprise-annual", file_name="x.csv")
        fastwrite.store_bytes(batch, "content", data)
        assert bytes(Batch.objects.get(pk=batch.pk).content) == data


class ReferencedTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()

    def test_a_record_something_points_at_is_referenced(self):
        from kechuang.enterprises.models import Enterprise as E

        enterprise = E.objects.create(org=self.org_a)
        other = E.objects.create(org=self.org_b)
        assert not fastwrite.referenced(E, [(enterprise.pk, enterprise.pk)])
        AnnualData.objects.create(enterprise=enterprise, year=2024)
        assert fastwrite.referenced(E, [(enterprise.pk, enterprise.pk)])
        assert fastwrite.referenced(E, [(other.pk, other.pk), (enterprise.pk, enterprise.pk)])
        assert not fastwrite.referenced(E, [(other.pk, other.pk)])


class CopyTextTests(Personas, TestCase):
    """New rows go to PostgreSQL as COPY text built column by column (SQLite: executemany); what
    is stored must be what was given, whatever the text holds."""

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.enterprise = Enterprise.objects.create(org=cls.org_a)

    def test_awkward_text_blanks_dates_and_flags_are_stored_as_given(self):
        from datetime import date

        from kechuang.enterprises.models import Qualification

        notes = ["制表\t符", "换\n行", "反\\斜杠 \\N", "回车\r", "", "普通"]
        objs = [
            Qualification(
                enterprise=self.enterprise,
                kind="high_tech",
                number=f"GR{i}",
                year=2020 + i,
                issued_on=date(2020 + i, 1, 2),
                valid_until=date(2023 + i, 1, 1),
                revoked_on=date(2024, 5, 6) if i % 2 else None,
                note=note,
            )
            for i, note in enumerate(notes)
        ]
        now = timezone.now()
        # On PostgreSQL the column-built COPY text is used, not the row-by-row copy.
        direct = (
            mock.patch.object(fastwrite, "insert", side_effect=AssertionError("row by row"))
            if connection.vendor == "postgresql"
            else nullcontext()
        )
        with direct:
            fastwrite.create_with_history(Qualification, objs, author=None, reason="测试", now=now)
        stored = {q.number: q for q in Qualification.objects.filter(enterprise=self.enterprise)}
        for obj in objs:
            got = stored[obj.number]
            assert (got.note, got.issued_on, got.revoked_on, got.year, got.created) == (
                obj.note,
                obj.issued_on,
                obj.revoked_on,
                obj.year,
                now,
            )
        flags = [
            AnnualData(
                enterprise=self.enterprise,
                year=2000 + i,
                above_scale=bool(i % 2),
                employees=None if i == 3 else i,
                rd_expense_wan=Decimal("1.05") * i,
            )
            for i in range(5)
        ]
        fastwrite.create_with_history(AnnualData, flags, author=None, reason="测试", now=now)
        for obj in flags:
            got = AnnualData.objects.get(pk=obj.pk)
            assert (got.above_scale, got.employees, got.rd_expense_wan) == (
                obj.above_scale,
                obj.employees,
                obj.rd_expense_wan,
            )

    def test_unknown_types_are_left_to_row_by_row_copy(self):
        from datetime import datetime

        assert fastwrite._copy_column(AnnualData._meta.get_field("year"), [2024, None]) == [
            "2024",
            "\\N",
        ]
        assert fastwrite._copy_column(AnnualData._meta.get_field("year"), [True]) is None
        created = AnnualData._meta.get_field("created")
        assert fastwrite._copy_column(created, [datetime(2024, 1, 1)]) is None
