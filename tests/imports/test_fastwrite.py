"""The import's raw writer: id reservation, history copied by the database, large file contents."""

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
