"""Templates and round-trip exports of an import kind (xlsx via xlsxwriter, csv)."""

from __future__ import annotations

import csv
import io
from datetime import date

import xlsxwriter

from kechuang.core.text import mask

from .kinds import (
    BOOL,
    CHOICE,
    DATE,
    DECIMAL,
    FK,
    INFO,
    INT,
    RATIO,
    TEXT,
    YEAR,
    Col,
    Kind,
    alias_text,
    as_cell,
)

INSTRUCTIONS = "填写说明"
ROWS_WITH_DROPDOWNS = 10000

TYPE_TEXT = {
    TEXT: "文本",
    DECIMAL: "数值",
    INT: "整数",
    RATIO: "比例：填 4.5% 或 0.045",
    DATE: "日期：2024-03-01、2024/3/1 或 2024年3月1日",
    YEAR: "年份：2024",
    BOOL: "是 / 否（也可填 Y / N、√ / ×、1 / 0、有 / 无）",
    CHOICE: "从下拉列表选择",
    FK: "已登记记录的代码",
    INFO: "仅供核对，不导入",
}


def describe(col: Col) -> str:
    parts = [TYPE_TEXT.get(col.type, "")]
    if col.type == CHOICE:
        parts = ["可选值：" + "、".join(label for _v, label in col.choices)]
    if col.type in (CHOICE, BOOL):
        parts.append(alias_text(col))
    if col.money:
        parts.append("单位：万元（表头或单位列写明“元”时按元换算）")
    if col.minimum is not None and col.type in (DECIMAL, INT, RATIO):
        parts.append(f"不小于 {col.minimum}")
    if col.maximum is not None and col.type in (DECIMAL, INT, RATIO):
        parts.append(f"不大于 {col.maximum}")
    if col.max_length and col.type == TEXT:
        parts.append(f"不超过 {col.max_length} 字")
    if col.help:
        parts.append(col.help)
    return "；".join(p for p in parts if p)


def template(kind: Kind) -> bytes:
    """The import template: the header and one example row on the first sheet, dropdowns for
    enumerations, and an instructions sheet."""
    kind.bind()
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(kind.title[:31])
    head = book.add_format({"bold": True, "bg_color": "#EEF2F7", "border": 1, "text_wrap": True})
    required = book.add_format(
        {
            "bold": True,
            "bg_color": "#FDECEC",
            "border": 1,
            "font_color": "#B42318",
            "text_wrap": True,
        }
    )
    example = book.add_format({"font_color": "#667085", "italic": True})
    lists = book.add_worksheet("选项")
    list_row = 0
    for c, col in enumerate(kind.columns):
        sheet.write(0, c, col.header, required if col.required else head)
        sheet.write_comment(0, c, describe(col) + ("（必填）" if col.required else ""))
        sheet.set_column(c, c, max(12, min(len(col.header) * 2 + 2, 30)))
        if col.example is not None:
            sheet.write(1, c, as_cell(col.example), example)
        if col.type in (CHOICE, BOOL):
            labels = ["是", "否"] if col.type == BOOL else [label for _v, label in col.choices]
            for i, label in enumerate(labels):
                lists.write(list_row + i, 0, label)
            source = f"=选项!$A${list_row + 1}:$A${list_row + len(labels)}"
            list_row += len(labels)
            sheet.data_validation(
                1,
                c,
                ROWS_WITH_DROPDOWNS,
                c,
                {
                    "validate": "list",
                    "source": source,
                    # The import also takes aliases ("国家", "TRL6", "√"): Excel warns about a
                    # value outside the list but lets it stand.
                    "error_type": "warning" if col.type == BOOL or col.alias_lookup else "stop",
                    "error_title": col.header,
                    "error_message": describe(col)[:255],
                },
            )
    lists.hide()
    sheet.freeze_panes(1, 0)
    notes = book.add_worksheet(INSTRUCTIONS)
    notes.set_column(0, 0, 26)
    notes.set_column(1, 1, 8)
    notes.set_column(2, 2, 90)
    notes.write_row(0, 0, ["列", "必填", "填写要求"], head)
    for r, col in enumerate(kind.columns, start=1):
        notes.write_row(r, 0, [col.header, "是" if col.required else "", describe(col)])
    r = len(kind.columns) + 2
    key = "、".join(kind.column(k).header for k in kind.key)
    for line in (
        f"按“{key}”识别记录：已存在的记录会被更新，不存在的新增；重复导入同一文件不会产生变化。",
        "第一行为表头；第二行为示例，导入前请删除或覆盖。表头上方可以有标题行，表头可带单位，如“研发费用（元）”。",
        "导入前系统先预检全部数据：任何一行有错都不会写入，并列出每个错误所在的行、列和原因。",
        "只能导入本人数据范围（辖区或本单位）内的记录。导入后可在“导入记录”中回滚。",
    ):
        notes.write(r, 0, line)
        r += 1
    book.close()
    return buffer.getvalue()


def cell_value(col: Col, obj, show_personal: bool = True):
    """A record's value for a column, as the template expects it (so the file re-imports)."""
    if col.get is not None:
        value = col.get(obj)
    elif col.type == FK:
        value = getattr(obj, col.key)
        for part in col.lookup.split("__"):
            value = getattr(value, part) if value is not None else None
    else:
        value = getattr(obj, col.key)
    if col.type == CHOICE and value not in (None, ""):
        value = dict(col.choices).get(value, value)
    if isinstance(value, date):
        value = value.isoformat()
    if not show_personal and (col.personal or col.key in getattr(obj, "personal_fields", ())):
        value = mask(value or "")
    return as_cell(value)


def export(kind: Kind, queryset, fmt: str = "xlsx", show_personal: bool = True) -> bytes:
    """The rows of `queryset` in the kind's template layout (xlsx or csv): re-importable."""
    kind.bind()
    headers = [c.header for c in kind.columns]
    rows = (
        [cell_value(c, obj, show_personal) for c in kind.columns] for obj in queryset.iterator()
    )
    if fmt == "csv":
        text = io.StringIO()
        text.write("\ufeff")
        writer = csv.writer(text)
        writer.writerow(headers)
        writer.writerows(rows)
        return text.getvalue().encode("utf-8")
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "constant_memory": True})
    sheet = book.add_worksheet(kind.title[:31])
    head = book.add_format({"bold": True, "bg_color": "#EEF2F7", "border": 1})
    sheet.write_row(0, 0, headers, head)
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, row)
    book.close()
    return buffer.getvalue()
