"""Generic view test suites, applied to every registry model (STYLE.md §4.4).

A concrete test class subclasses ``ViewTestCases.Standard`` and supplies data only:

    model              the model under test
    in_scope()         a record inside user_a's county (classmethod returning the object)
    out_of_scope()     a record in county_b
    form_data          POST data creating a record inside county_a
    form_data_outside  POST data placing a new record in county_b (must write nothing)
    edit_data          POST data for editing `in_scope` (a complete form)
    search_term        a term (`q`) that finds `in_scope` and not `out_of_scope`

The scoped writer is ``user_a`` (county staff of county_a), given every permission on the model
so that permission and scope are tested separately.
"""

import csv
import io

import openpyxl
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .personas import PASSWORD, Personas


class ViewTestCases:
    """Container: the suites inside are collected only through concrete subclasses."""

    class Base(Personas, TestCase):
        model = None
        form_data: dict = {}
        form_data_outside: dict = {}
        edit_data: dict = {}
        search_term = ""
        max_list_queries = 12

        @classmethod
        def setUpTestData(cls):
            cls.setup_personas()
            cls.grant(cls.user_a, cls.model)
            cls.setup_data()
            cls.obj_in = cls.in_scope()
            cls.obj_out = cls.out_of_scope()

        @classmethod
        def setup_data(cls):
            """Hook for extra records the concrete class needs."""

        def url(self, action, obj=None):
            opts = self.model._meta
            name = f"{opts.app_label}:{opts.model_name}" + (f"_{action}" if action else "")
            return reverse(name, kwargs={"pk": obj.pk} if obj is not None else None)

        def login(self, user):
            self.client.force_login(user)

        def history(self, obj_pk):
            return self.model.history.filter(id=obj_pk).order_by("history_date", "history_id")

    class List(Base):
        def test_list_requires_login(self):
            r = self.client.get(self.url("list"))
            self.assertEqual(r.status_code, 302)
            self.assertIn(reverse("login"), r["Location"])

        def test_list_without_permission_is_forbidden(self):
            self.login(self.outsider)
            self.assertEqual(self.client.get(self.url("list")).status_code, 403)

        def export_text(self, obj) -> str:
            """Text identifying `obj` in a CSV/XLSX export (override when str() is not a column)."""
            return str(obj)

        def test_list_shows_only_rows_in_scope(self):
            self.login(self.user_a)
            r = self.client.get(self.url("list"))
            self.assertContains(r, f'href="{self.obj_in.get_absolute_url()}"')
            self.assertNotContains(r, f'href="{self.obj_out.get_absolute_url()}"')
            scoped = self.model.objects.restrict(self.user_a).count()
            self.assertContains(r, f"共 {scoped} 条")

        def test_list_search_finds_the_record(self):
            self.login(self.admin)
            r = self.client.get(self.url("list"), {"q": self.search_term})
            self.assertContains(r, f'href="{self.obj_in.get_absolute_url()}"')
            self.assertNotContains(r, f'href="{self.obj_out.get_absolute_url()}"')

        def test_list_sorts_and_pages(self):
            self.login(self.admin)
            for params in ({"sort": "-name"}, {"per_page": 50, "page": 1}):
                self.assertEqual(self.client.get(self.url("list"), params).status_code, 200)

        def test_list_query_count_is_bounded(self):
            self.login(self.admin)
            with CaptureQueriesContext(connection) as queries:
                self.client.get(self.url("list"), {"per_page": 100})
            self.assertLessEqual(len(queries), self.max_list_queries, [q["sql"] for q in queries])

        def test_export_csv_is_scoped(self):
            self.login(self.user_a)
            r = self.client.get(self.url("list"), {"export": "csv"})
            self.assertEqual(r.status_code, 200)
            text = r.content.decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text)))
            self.assertEqual(len(rows) - 1, self.model.objects.restrict(self.user_a).count())
            self.assertIn(self.export_text(self.obj_in), text)
            self.assertNotIn(self.export_text(self.obj_out), text)

        def test_export_xlsx_is_scoped_and_opens(self):
            self.login(self.user_a)
            r = self.client.get(self.url("list"), {"export": "xlsx"})
            self.assertEqual(r.status_code, 200)
            sheet = openpyxl.load_workbook(io.BytesIO(r.content)).active
            values = {str(c.value) for row in sheet.iter_rows() for c in row}
            self.assertIn(self.export_text(self.obj_in), values)
            self.assertNotIn(self.export_text(self.obj_out), values)
            self.assertEqual(sheet.max_row - 1, self.model.objects.restrict(self.user_a).count())

    class Detail(Base):
        def test_detail_in_scope(self):
            self.login(self.user_a)
            r = self.client.get(self.obj_in.get_absolute_url())
            self.assertContains(r, str(self.obj_in))

        def test_detail_out_of_scope_is_404(self):
            self.login(self.user_a)
            self.assertEqual(self.client.get(self.obj_out.get_absolute_url()).status_code, 404)

        def test_detail_without_permission_is_forbidden(self):
            self.login(self.outsider)
            self.assertEqual(self.client.get(self.obj_in.get_absolute_url()).status_code, 403)

    class Create(Base):
        def test_create_writes_record_and_history(self):
            self.login(self.user_a)
            before = self.model.objects.count()
            r = self.client.post(self.url("add"), self.form_data)
            self.assertEqual(
                r.status_code,
                302,
                getattr(r, "context", {}) and r.context.get("form") and r.context["form"].errors,
            )
            self.assertEqual(self.model.objects.count(), before + 1)
            obj = self.model.objects.latest("pk")
            # Setting many-to-many values after the insert may add "~" records; all are the user's.
            records = list(self.history(obj.pk))
            self.assertEqual(records[0].history_type, "+")
            self.assertEqual({rec.history_user for rec in records}, {self.user_a})

        def test_create_outside_scope_writes_nothing(self):
            self.login(self.user_a)
            before = (self.model.objects.count(), self.model.history.count())
            r = self.client.post(self.url("add"), self.form_data_outside)
            self.assertEqual(r.status_code, 400)
            self.assertEqual((self.model.objects.count(), self.model.history.count()), before)

        def test_create_missing_required_field_names_it_in_chinese(self):
            self.login(self.user_a)
            data = dict(self.form_data)
            required = next(n for n, f in self._form_fields().items() if f.required)
            data.pop(required)
            r = self.client.post(self.url("add"), data)
            self.assertEqual(r.status_code, 400)
            label = str(self._form_fields()[required].label)
            self.assertContains(r, f"{label}：该字段是必填项", status_code=400)

        def test_create_without_permission_is_forbidden(self):
            self.login(self.outsider)
            self.assertEqual(self.client.post(self.url("add"), self.form_data).status_code, 403)

        def _form_fields(self):
            r = self.client.get(self.url("add"))
            return r.context["form"].fields

    class Edit(Base):
        def test_edit_records_before_and_after(self):
            self.login(self.user_a)
            r = self.client.post(
                self.url("edit", self.obj_in), {**self.edit_data, "version": self.obj_in.version}
            )
            self.assertEqual(r.status_code, 302, r.context and r.context["form"].errors)
            latest = self.history(self.obj_in.pk).last()
            self.assertEqual((latest.history_type, latest.history_user), ("~", self.user_a))
            changes = latest.diff_against(latest.prev_record).changes
            self.assertTrue(changes)
            page = self.client.get(self.url("changelog", self.obj_in))
            change = changes[0]
            self.assertContains(page, str(self.user_a))
            self.assertContains(page, str(self.model._meta.get_field(change.field).verbose_name))

        def test_stale_edit_is_refused_and_writes_nothing(self):
            self.login(self.user_a)
            obj = self.model.objects.get(pk=self.obj_in.pk)
            stale_version = obj.version
            obj.save()  # someone else saved in between
            history_before = self.model.history.count()
            r = self.client.post(
                self.url("edit", self.obj_in), {**self.edit_data, "version": stale_version}
            )
            self.assertContains(r, "已被他人修改", status_code=400)
            self.assertEqual(self.model.history.count(), history_before)
            self.assertEqual(self.model.objects.get(pk=obj.pk).version, stale_version + 1)

        def test_edit_out_of_scope_is_404(self):
            self.login(self.user_a)
            self.assertEqual(self.client.get(self.url("edit", self.obj_out)).status_code, 404)
            r = self.client.post(self.url("edit", self.obj_out), self.edit_data)
            self.assertEqual(r.status_code, 404)

        def test_edit_cannot_move_record_out_of_scope(self):
            self.login(self.user_a)
            data = {**self.edit_data, "version": self.obj_in.version}
            data.update(self.move_outside_data())
            r = self.client.post(self.url("edit", self.obj_in), data)
            self.assertEqual(r.status_code, 400)
            self.assertTrue(
                self.model.objects.restrict(self.user_a).filter(pk=self.obj_in.pk).exists()
            )

        def move_outside_data(self) -> dict:
            """Fields of form_data_outside that place a record in county_b."""
            return {
                k: v
                for k, v in self.form_data_outside.items()
                if self.form_data.get(k) != v and k in self.edit_data
            }

    class Delete(Base):
        def test_delete_confirms_then_deletes_with_history(self):
            self.login(self.user_a)
            r = self.client.get(self.url("delete", self.obj_in))
            self.assertContains(r, "此操作可在变更记录中追溯")
            r = self.client.post(self.url("delete", self.obj_in))
            self.assertEqual(r.status_code, 302)
            self.assertFalse(self.model.objects.filter(pk=self.obj_in.pk).exists())
            latest = self.history(self.obj_in.pk).last()
            self.assertEqual((latest.history_type, latest.history_user), ("-", self.user_a))

        def test_delete_out_of_scope_is_404(self):
            self.login(self.user_a)
            self.assertEqual(self.client.post(self.url("delete", self.obj_out)).status_code, 404)
            self.assertTrue(self.model.objects.filter(pk=self.obj_out.pk).exists())

    class ChangeLog(Base):
        def test_changelog_in_scope_and_out(self):
            self.login(self.user_a)
            self.assertEqual(self.client.get(self.url("changelog", self.obj_in)).status_code, 200)
            self.assertEqual(self.client.get(self.url("changelog", self.obj_out)).status_code, 404)

    class Standard(List, Detail, Create, Edit, Delete, ChangeLog):
        pass


__all__ = ["PASSWORD", "ViewTestCases"]
