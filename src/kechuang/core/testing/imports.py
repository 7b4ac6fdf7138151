"""Shared helpers of the import-kind tests: build a sheet, import it, read a template, re-import an
export, and the checks every app's kinds pass.

A test module of an app's kinds applies the checks with data only:

    class TemplateTests(KindTests, TestCase):
        kinds = KINDS           # the app's `imports.KINDS` (or some of them)
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

import openpyxl
import xlsxwriter

from kechuang.imports.engine import ImportResult, run_import
from kechuang.imports.kinds import Kind, get_kind
from kechuang.imports.reading import normalize_header
from kechuang.imports.workbook import export, template

from .personas import Personas

__all__ = ["KindTests", "first_sheet", "reimport_export", "run", "xlsx", "xlsx_rows"]


def xlsx(build: Callable[[xlsxwriter.Workbook], None]) -> bytes:
    """An xlsx written by xlsxwriter; `build` adds the sheets."""
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    build(book)
    book.close()
    return buf.getvalue()


def xlsx_rows(rows: Sequence[Sequence[Any]], sheet: str = "Sheet1") -> bytes:
    """An xlsx with one sheet holding `rows` from A1 (None leaves a cell empty)."""

    def build(book: xlsxwriter.Workbook) -> None:
        ws = book.add_worksheet(sheet)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    ws.write(r, c, value)

    return xlsx(build)


def first_sheet(kind_name: str):
    """The data sheet of the kind's template (openpyxl worksheet)."""
    return openpyxl.load_workbook(io.BytesIO(template(get_kind(kind_name)))).worksheets[0]


def run(kind_name: str, rows, user=None, dry_run: bool = False) -> ImportResult:
    """Import `rows` (the header first) as an xlsx; `user=None` imports without scope."""
    return run_import(get_kind(kind_name), xlsx_rows(rows), "t.xlsx", user, dry_run=dry_run)


def reimport_export(kind_name: str, queryset, show_personal: bool = True):
    """Export `queryset` as the kind's xlsx and check it back in (dry run): (content, result)."""
    content = export(get_kind(kind_name), queryset, "xlsx", show_personal=show_personal)
    return content, run_import(get_kind(kind_name), content, "x.xlsx", dry_run=True)


class KindTests(Personas):
    """The checks every kind passes; mix into a TestCase and set `kinds`."""

    kinds: Sequence[Kind] = ()
    # An example names records that do not exist, so failed lookups are its only errors; False
    # where some kind's example looks nothing up (or only regions, which the personas create).
    every_example_fails_a_lookup = True

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()  # the example regions exist; the example records do not

    def test_its_examples_pass_every_check_but_the_lookups(self):
        for kind in self.kinds:
            result = run_import(kind, template(kind), "t.xlsx", dry_run=True)
            codes = {e["code"] for e in result.errors}
            if self.every_example_fails_a_lookup:
                assert codes == {"not_found"}, kind.name
            else:
                assert codes <= {"not_found"}, kind.name

    def test_it_gives_every_header_and_synonym_to_one_column_only(self):
        for kind in self.kinds:
            owner: dict[str, str] = {}
            columns = kind.bind().columns
            assert len({col.key for col in columns}) == len(columns), kind.name
            for col in columns:
                for text in (col.header, *col.synonyms):
                    name = normalize_header(text)[0]
                    assert owner.setdefault(name, col.key) == col.key, (kind.name, text)
