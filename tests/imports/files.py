"""Builders for the spreadsheet files the import tests read (all made in memory)."""

from __future__ import annotations

import base64
import csv
import io
import zipfile
import zlib
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from kechuang.core.testing.imports import xlsx, xlsx_rows

__all__ = ["csv_bytes", "ods", "xls", "xlsx", "xlsx_rows"]


def csv_bytes(rows: Sequence[Sequence[Any]], encoding: str = "utf-8", sep: str = ",") -> bytes:
    """Rows as CSV the way Excel saves it (quoted where needed, CRLF) in `encoding`."""
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep).writerows(rows)
    return buf.getvalue().encode(encoding)


_ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/"
  manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
_ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>
</office:document-content>
"""


def _ods_cell(value: Any) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    if hasattr(value, "isoformat"):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
            f"<text:p>{value.isoformat()}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p>'
        "</table:table-cell>"
    )


def ods(sheets: dict[str, Sequence[Sequence[Any]]]) -> bytes:
    """A minimal OpenDocument spreadsheet: mimetype (stored first), content.xml, manifest."""
    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join(
            "<table:table-row>" + "".join(map(_ods_cell, row)) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for name, rows in sheets.items()
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("content.xml", _ODS_CONTENT.format(tables=tables), zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", _ODS_MANIFEST, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


# A real BIFF8 .xls, written by xlwt 1.3.0 (not a project dependency, so it was run once in a
# throw-away virtualenv) with this script, then zlib-compressed and base64-encoded:
#
#     wb = xlwt.Workbook(encoding="utf-8")
#     hidden = wb.add_sheet("旧表")
#     hidden.write(0, 0, "名称")
#     hidden.visibility = 1
#     ws = wb.add_sheet("企业")
#     ws.write_merge(0, 0, 0, 2, "2024年企业研发情况统计表")
#     for col, text in enumerate(["企业名称", "研发费用（元）", "填报日期"]):
#         ws.write(2, col, text)
#     ws.write(3, 0, "示例企业甲")
#     ws.write(3, 1, 1234500)
#     ws.write(3, 2, datetime.date(2024, 3, 1), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
#     ws.write(4, 0, "示例企业乙")
#     ws.write(4, 1, "2,000")
#     ws.write(4, 2, "2024年3月1日")
#     ws.set_selected(True)
#     wb.set_active_sheet(1)
#     wb.save(buf)
#
# xlwt cannot store a formula's cached value, so formulas are tested with xlsx only.
_XLS = """
eNrtWE1IVFEU/u6bN86M6DjaGGhgImRmCuPYogIbK8pFNGoFaUSpOWiYGoNC06IsEwQTglZFG0MXbawW/dEPBQUtAvtZBEWk
hbRoU1DQQn2dc+aNjDaBAyVY73vcc+8595x37px77s+852OZ40PXcycwD5tgw4zhQkqcTFFxxRgPqN8wuBmrnVQMC0sKLidN
ZIodd9OfOXgOeb4noOGa/ogo8IHKfhxFsLMjlL+I2CJjaFQ8hgqlU+5puETFjRwZV5bQQ0KXCb0quveEVopkUGgF6Y6rfRgL
BIvX03v4qdMKpM9NVOGW2LwRSRmy8ZTz+OQ5Fc15OzaHDzceWWIdeXoahkFTWhXqCIWZz8AIUoEIobS9vbS5eRxemu5hfDfy
gW+xdf0w35IvrlyB5D/myh2/kTtpEufLz2s60AOjQXEy9yENfTpngqY+hVr7mX9rZ01Nqerc4BTOyibOhfTT93yJuKH88MGP
deg6wDreYy92P2m4Ufv+xNBAaz8tPhaypgOK+zYMFnU7ja21LoP62upGmiZDK1vsUBsjA9Ws6u+OY+qD5N1f4vP5XPF+yuFs
KcNkKJXHIpuQZ84mlC5LM41oMzKknSkL1EMxmLry9eXOpprAQZH0yMETPZ5WcSxg4BRbkLF7tidKi8VirdDT8tYV0s4V6qXV
Q3VhTbbZ2N4rOmekt5D8lAteBVbHtYuo3fe59nZe38fAGmqPVk0c946+DgyhgKLcbG45vShRJeriBcadQKxW5kb2TmjOL5ua
U/OYYzfMMzgD07yMCZnRg1rLwk1pVcYd1YsRVUkquiYs3ajaEkaVf/ED4Tg6HB/W1xLoa6LPNMqxvm2W04jTTW+2BNY2seYo
3qfx2sQ6q34HtS8/1kyvegI7XexSTD+62DlmOfbKMzdJnDKzQYtmiZYoSyxYsGDBggUL/x2UXA+i1zjdvNTx1cJhfteZpjJj
fSb5Z7ELnfR00V/KbeigOoxIUvmzHHYVe5daoE3seyFjL3kPow1NMo62pPOXLvoq/vcs2NDz55ZQsv5nkhnnX/b/E6kFJQ8=
"""


def xls() -> bytes:
    return zlib.decompress(base64.b64decode("".join(_XLS.split())))
