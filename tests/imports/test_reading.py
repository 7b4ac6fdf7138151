"""Reading uploaded spreadsheets and finding the table (pure Python, no database)."""

from __future__ import annotations

import ast
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

import kechuang.imports
from kechuang.imports.cells import (
    error_dict,
    parse_column,
    parse_date,
    parse_decimal,
    parse_ratio,
    parse_unit,
)
from kechuang.imports.reading import ColumnSpec, ReadError, normalize_header, read_table

from . import files

COLUMNS = [
    ColumnSpec("name", "企业名称", synonyms=("单位名称", "名称")),
    ColumnSpec("year", "年份"),
    ColumnSpec("rd", "研发费用（万元）", synonyms=("研发经费",)),
    ColumnSpec("note", "备注", required=False),
]
ROWS = [
    ["企业名称", "年份", "研发费用（万元）"],
    ["示例企业甲", 2024, 12.5],
    ["示例企业乙", 2023, 8],
]


def read(data: bytes, filename: str = "data.xlsx", columns=COLUMNS, **kw):
    return read_table(data, filename, columns, **kw)


# Headers


def test_it_normalises_headers():
    assert normalize_header(" 研发 费用\n（元）* ") == ("研发费用", "元")
    assert normalize_header("*ＵＳＣＣ") == ("uscc", None)
    assert normalize_header("负责人（电话）") == ("负责人(电话)", None)


def test_it_reads_a_plain_xlsx():
    table = read(files.xlsx_rows(ROWS))
    assert (table.sheet, table.header_row, table.row_numbers) == ("Sheet1", 1, [2, 3])
    assert table.column("name") == ["示例企业甲", "示例企业乙"]
    assert table.column("year") == [2024.0, 2023.0]
    assert table.headers == {"name": "企业名称", "year": "年份", "rd": "研发费用（万元）"}
    assert len(table) == 2


def test_it_matches_header_synonyms_spaces_and_required_markers():
    rows = [[" 单位 名称* ", "年\u3000份", "*研发经费\n（万元）"], ["甲", 2024, 1]]
    table = read(files.xlsx_rows(rows))
    assert table.headers == {
        "name": "单位 名称*",
        "year": "年\u3000份",
        "rd": "*研发经费\n（万元）",
    }
    assert table.column("rd") == [1.0]


def test_it_gives_absent_optional_columns_as_empty():
    table = read(files.xlsx_rows(ROWS))
    assert "note" not in table.headers
    assert table.column("note") == [None, None]
    with pytest.raises(KeyError):
        table.column("nope")


def test_it_lists_unknown_columns_as_ignored():
    rows = [["企业名称", "联系人", "年份", "研发费用（万元）"], ["甲", "张三", 2024, 1]]
    assert read(files.xlsx_rows(rows)).ignored_headers == ["联系人"]


def test_it_refuses_two_columns_for_one_spec():
    rows = [["企业名称", "年份", "研发费用（元）", "研发费用（万元）"], ["甲", 2024, 1, 2]]
    with pytest.raises(ReadError) as info:
        read(files.xlsx_rows(rows))
    assert "“研发费用（元）”和“研发费用（万元）”" in str(info.value)


def test_it_names_missing_required_columns_and_lists_headers_found():
    rows = [["企业名称", "年份", "备注"], ["甲", 2024, ""]]
    with pytest.raises(ReadError) as info:
        read(files.xlsx_rows(rows))
    message = str(info.value)
    assert "缺少必填列：“研发费用（万元）”" in message
    assert "企业名称、年份、备注" in message


def test_it_says_when_no_sheet_has_the_header():
    with pytest.raises(ReadError) as info:
        read(files.xlsx_rows([["a", "b"], [1, 2]]))
    assert "没有找到表头" in str(info.value)
    assert "Sheet1" in str(info.value)


# Title rows, empty rows, row numbers


def test_it_skips_merged_title_rows_above_the_header():
    def build(book):
        ws = book.add_worksheet("统计表")
        ws.merge_range("A1:C1", "2024年企业研发情况统计表")
        ws.write("A2", "填报单位：示例县科技局")
        ws.write_row("A4", ROWS[0])
        ws.write_row("A5", ROWS[1])

    table = read(files.xlsx(build))
    assert (table.sheet, table.header_row, table.row_numbers) == ("统计表", 4, [5])


def test_it_drops_empty_rows_but_keeps_the_file_row_numbers():
    rows = [ROWS[0], ROWS[1], [None, None, None], [" ", "\u3000", None], ROWS[2]]
    rows += [[None, None, None]] * 5 + [[" "]]
    table = read(files.xlsx_rows(rows))
    assert table.row_numbers == [2, 5]
    assert table.column("name") == ["示例企业甲", "示例企业乙"]


def test_it_pads_short_rows_with_none():
    data = files.csv_bytes([["企业名称", "年份", "研发费用（万元）", "备注"], ["甲", "2024"]])
    table = read(data, "data.csv")
    assert table.column("rd") == [None]
    assert table.column("note") == [None]


# Sheets


def test_it_skips_a_hidden_first_sheet():
    def build(book):
        old = book.add_worksheet("旧表")
        old.write_row("A1", ROWS[0])
        old.write_row("A2", ["旧数据", 2020, 1])
        old.hide()
        ws = book.add_worksheet("新表")
        ws.activate()
        for r, row in enumerate(ROWS):
            ws.write_row(r, 0, row)

    table = read(files.xlsx(build))
    assert table.sheet == "新表"
    assert table.column("name") == ["示例企业甲", "示例企业乙"]


def test_it_skips_the_instructions_sheet():
    def build(book):
        book.add_worksheet("填写说明").write_row("A1", ["企业名称", "年份", "研发费用（万元）"])
        ws = book.add_worksheet("数据")
        for r, row in enumerate(ROWS):
            ws.write_row(r, 0, row)

    assert read(files.xlsx(build)).sheet == "数据"


def test_it_reads_the_named_sheet():
    def build(book):
        for name in ("一", "二"):
            ws = book.add_worksheet(name)
            ws.write_row("A1", ROWS[0])
            ws.write_row("A2", [f"企业{name}", 2024, 1])

    assert read(files.xlsx(build), sheet="二").column("name") == ["企业二"]
    with pytest.raises(ReadError) as info:
        read(files.xlsx(build), sheet="三")
    assert "找不到工作表“三”" in str(info.value)


def test_it_prefers_a_sheet_with_every_required_column():
    def build(book):
        book.add_worksheet("汇总").write_row("A1", ["企业名称", "年份"])
        ws = book.add_worksheet("明细")
        for r, row in enumerate(ROWS):
            ws.write_row(r, 0, row)

    assert read(files.xlsx(build)).sheet == "明细"


# Values


def test_it_reads_formula_cached_values():
    def build(book):
        ws = book.add_worksheet()
        ws.write_row("A1", ["企业名称", "年份", "研发费用（万元）", "甲", "乙"])
        ws.write_row("A2", ["示例企业", 2024])
        ws.write_row("D2", [10, 20])
        ws.write_formula("C2", "=D2+E2", None, 30)

    assert read(files.xlsx(build)).column("rd") == [30.0]


def test_it_reads_excel_dates_and_serials():
    columns = [ColumnSpec("name", "企业名称"), ColumnSpec("day", "成立日期")]

    def build(book):
        ws = book.add_worksheet()
        ws.write_row("A1", ["企业名称", "成立日期"])
        ws.write("A2", "甲")
        ws.write_datetime(
            "B2", dt.datetime(2024, 3, 1), book.add_format({"num_format": "yyyy/m/d"})
        )
        ws.write_row("A3", ["乙", 45352])

    table = read(files.xlsx(build), columns=columns)
    assert parse_column(table.column("day"), parse_date)[0] == [dt.date(2024, 3, 1)] * 2


# Units


def test_it_reports_the_unit_in_the_header():
    rows = [["企业名称", "年份", "研发费用(元)"], ["甲", 2024, 12345.0]]
    table = read(files.xlsx_rows(rows))
    assert table.units["rd"] == Decimal("0.0001")
    assert table.units["name"] is None
    values, _ = parse_column(table.column("rd"), parse_decimal, factor=table.units["rd"])
    assert values == [Decimal("1.23")]


def test_it_reports_no_unit_when_the_header_has_none():
    rows = [["企业名称", "年份", "研发费用"], ["甲", 2024, 1]]
    assert read(files.xlsx_rows(rows)).units["rd"] is None


def test_it_reports_the_template_unit_as_one():
    assert read(files.xlsx_rows(ROWS)).units["rd"] == Decimal(1)


def test_it_detects_a_unit_column():
    rows = [
        ["企业名称", "年份", "研发费用", "金额单位"],
        ["甲", 2024, 5000, "元"],
        ["乙", 2024, 3, "万元"],
    ]
    table = read(files.xlsx_rows(rows))
    assert (table.unit_column, table.unit_header, table.ignored_headers) == (3, "金额单位", [])
    factors, errors = parse_column(table.unit_cells, parse_unit)
    assert errors == []
    values, errors = parse_column(
        table.column("rd"), parse_decimal, factors=factors, factor=table.units["rd"]
    )
    assert (values, errors) == ([Decimal("0.50"), Decimal("3.00")], [])


def test_it_does_not_take_an_organisation_column_for_a_unit_column():
    rows = [["企业名称", "年份", "研发费用（万元）", "单位"], ["甲", 2024, 1, "示例科技局"]]
    table = read(files.xlsx_rows(rows))
    assert table.unit_column is None
    assert table.ignored_headers == ["单位"]


# CSV


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_it_detects_csv_encodings(encoding):
    data = files.csv_bytes([ROWS[0], ["示例（平顶山）科技有限公司", "2024", "1,234.5"]], encoding)
    table = read(data, "企业年报.csv")
    assert table.sheet == "企业年报"
    assert table.column("name") == ["示例（平顶山）科技有限公司"]
    assert table.column("rd") == ["1,234.5"]


def test_it_reads_gbk_csv_with_chinese_text():
    data = "企业名称,年份,研发费用（万元）\r\n示例企业甲,2024年,１２\r\n".encode("gbk")
    table = read(data, "data.csv")
    assert table.column("name") == ["示例企业甲"]
    assert table.column("year") == ["2024年"]


@pytest.mark.parametrize("sep", [";", "\t"])
def test_it_sniffs_the_csv_delimiter(sep):
    table = read(files.csv_bytes(ROWS, sep=sep), "data.txt")
    assert table.column("name") == ["示例企业甲", "示例企业乙"]


def test_it_reads_quoted_csv_fields_with_commas():
    data = '企业名称,年份,研发费用（万元）\r\n"示例,企业",2024,"1,234.5"\r\n'.encode()
    assert read(data, "data.csv").column("rd") == ["1,234.5"]


def test_it_skips_title_rows_in_csv():
    data = files.csv_bytes([["2024年企业研发情况统计表"], [], *ROWS])
    table = read(data, "data.csv")
    assert (table.header_row, table.row_numbers) == (3, [4, 5])


def test_it_refuses_undecodable_text():
    with pytest.raises(ReadError) as info:
        read(b"\x81\x20\xff\xfe\x00" * 3, "data.csv")
    assert "无法识别文件编码" in str(info.value)


# Other formats and bad files


def test_it_reads_ods():
    data = files.ods({"说明": [["本表说明"]], "数据": [["标题"], ROWS[0], ROWS[1]]})
    table = read(data, "data.ods")
    assert (table.sheet, table.header_row, table.row_numbers) == ("数据", 2, [3])
    assert table.column("rd") == [12.5]


def test_it_reads_xls():
    columns = [
        ColumnSpec("name", "企业名称"),
        ColumnSpec("rd", "研发费用（万元）"),
        ColumnSpec("day", "填报日期"),
    ]
    table = read(files.xls(), "data.xls", columns=columns)
    assert (table.sheet, table.header_row, table.row_numbers) == ("企业", 3, [4, 5])
    assert table.units["rd"] == Decimal("0.0001")
    rd, errors = parse_column(table.column("rd"), parse_decimal, factor=table.units["rd"])
    assert (rd, errors) == ([Decimal("123.45"), Decimal("0.20")], [])
    assert parse_column(table.column("day"), parse_date)[0] == [dt.date(2024, 3, 1)] * 2


def test_it_reads_from_a_path(tmp_path: Path):
    path = tmp_path / "data.xlsx"
    path.write_bytes(files.xlsx_rows(ROWS))
    assert read_table(path, path.name, COLUMNS).row_numbers == [2, 3]


def test_it_reads_a_workbook_saved_with_a_csv_name():
    assert read(files.xlsx_rows(ROWS), "data.csv").sheet == "Sheet1"


def test_it_refuses_unsupported_extensions():
    with pytest.raises(ReadError) as info:
        read(b"%PDF-1.4", "report.pdf")
    assert "不支持的文件类型“.pdf”" in str(info.value)


def test_it_refuses_a_broken_workbook():
    with pytest.raises(ReadError) as info:
        read(b"<html><table></table></html>", "data.xls")
    assert "无法读取该文件" in str(info.value)


def test_it_refuses_an_encrypted_workbook():
    data = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le")
    )
    with pytest.raises(ReadError) as info:
        read(data, "data.xlsx")
    assert "密码" in str(info.value)


def test_it_refuses_an_empty_file():
    with pytest.raises(ReadError):
        read(b"", "data.csv")


# Purity


def test_the_reading_layer_does_not_import_django():
    folder = Path(kechuang.imports.__file__).parent
    for path in (folder / "cells.py", folder / "reading.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] in ("django", "rest_framework") for n in names), path


# End to end: a messy sheet to contract errors


def test_it_reads_a_percent_formatted_cell_as_a_fraction():
    columns = [ColumnSpec("name", "企业名称"), ColumnSpec("share", "研发投入占比")]

    def build(book):
        ws = book.add_worksheet()
        ws.write_row("A1", ["企业名称", "研发投入占比"])
        ws.write("A2", "甲")
        ws.write("B2", 0.045, book.add_format({"num_format": "0.0%"}))
        ws.write_row("A3", ["乙", "4.5%"])
        ws.write_row("A4", ["丙", 4.5])

    table = read(files.xlsx(build), columns=columns)
    values, errors = parse_column(table.column("share"), parse_ratio)
    assert values == [Decimal("0.045"), Decimal("0.045"), None]
    assert [(table.row_numbers[i], e.code) for i, e in errors] == [(4, "not_a_percent")]


def test_it_reports_errors_with_the_spreadsheet_row_number():
    def build(book):
        ws = book.add_worksheet()
        ws.merge_range("A1:C1", "2024年企业研发情况统计表")
        ws.write_row("A3", ["企业名称", "年份", "研发费用（万元）"])
        ws.write_row("A4", ["甲", 2024, "１,２34.5"])
        ws.write_row("A6", ["乙", 2024, "１２,３4O"])

    table = read(files.xlsx(build))
    values, errors = parse_column(table.column("rd"), parse_decimal, factor=table.units["rd"])
    assert values == [Decimal("1234.50"), None]
    (index, err), *_ = errors
    out = error_dict(
        table.sheet, table.row_numbers[index], table.headers["rd"], table.column("rd")[index], err
    )
    assert out["message"] == "第6行“研发费用（万元）”不是有效数字：１２,３4O"


def test_empty_cells_become_none_whether_few_or_many_rows_have_gaps():
    from kechuang.imports.reading import _take

    column = ["a", "", "b", "", 0, 0.0, None]
    expected = ["a", None, "b", None, 0, 0.0, None]
    assert _take(column, [1, 3]) == expected  # few rows with gaps: only those are looked at
    assert _take(column, list(range(7))) == expected  # many: the column is searched
    assert _take(column * 100, [1, 3]) == expected + ["a", "", "b", "", 0, 0.0, None] * 99
