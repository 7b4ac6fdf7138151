"""Open an uploaded spreadsheet (xlsx, xlsm, xls, ods, csv, txt) and find the table in it.

Pure Python over python-calamine and the standard library. The result is column-wise: one list of
raw values per expected column, aligned with the spreadsheet's own row numbers, so that the engine
can parse and check whole columns at once (cells.parse_column) and still report exact rows.
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import python_calamine

from .cells import MONEY_UNITS, display_value, unit_factor

__all__ = ["ColumnSpec", "ReadError", "Table", "normalize_header", "read_table"]

HEADER_SCAN_ROWS = 30
INSTRUCTIONS_SHEET = "填写说明"
UNIT_COLUMN_HEADERS = frozenset({"单位", "金额单位", "计量单位"})
WORKBOOK_TYPES = frozenset({"xlsx", "xlsm", "xls", "ods"})
TEXT_TYPES = frozenset({"csv", "txt"})
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ReadError(Exception):
    """The file cannot be used at all; the message is Chinese and says what to fix."""


@dataclass(frozen=True)
class ColumnSpec:
    """An expected column: `header` as in the template, plus synonyms that also match."""

    key: str
    header: str
    synonyms: Sequence[str] = ()
    required: bool = True


@dataclass
class Table:
    """The table found in a file, column-wise, with the file's own row numbers (1-based)."""

    sheet: str
    header_row: int
    headers: dict[str, str]
    units: dict[str, Decimal | None]
    unit_column: int | None
    ignored_headers: list[str]
    row_numbers: list[int]
    columns: dict[str, list[Any]] = field(repr=False)
    unit_header: str | None = None
    unit_cells: list[Any] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.row_numbers)

    def column(self, key: str) -> list[Any]:
        """Raw values of one column (None for empty cells); all None for an absent optional column."""
        values = self.columns.get(key)
        if values is None:
            if key not in self.units:
                raise KeyError(key)
            return [None] * len(self.row_numbers)
        return values


# Header matching


def normalize_header(text: Any) -> tuple[str, str | None]:
    """(name, unit) of a header cell: no whitespace, NFKC, case-folded, "*" markers dropped.

    "研发费用（元）" → ("研发费用", "元"); a parenthesised part that is not a money unit stays.
    """
    text = unicodedata.normalize("NFKC", display_value(text))
    text = "".join(text.split()).casefold().strip("*")
    if text.endswith(")") and "(" in text:
        start = text.rindex("(")
        unit = text[start + 1 : -1]
        if unit in MONEY_UNITS:
            return text[:start].rstrip("*"), unit
    return text, None


def _cell_text(value: Any) -> str:
    return display_value(value).strip() if value is not None else ""


class _Matcher:
    """Maps normalised header names to specs."""

    def __init__(self, columns: Sequence[ColumnSpec]) -> None:
        self.columns = list(columns)
        self.names: dict[str, ColumnSpec] = {}
        for spec in self.columns:
            for text in (spec.header, *spec.synonyms):
                self.names.setdefault(normalize_header(text)[0], spec)
        self.required = [spec for spec in self.columns if spec.required] or self.columns

    def match(self, row: Sequence[Any]) -> dict[int, tuple[ColumnSpec, str | None]]:
        found = {}
        for index, value in enumerate(row):
            if value is None or value == "":
                continue
            name, unit = normalize_header(value)
            spec = self.names.get(name)
            if spec is not None:
                found[index] = (spec, unit)
        return found

    def score(self, found: dict[int, tuple[ColumnSpec, str | None]]) -> int:
        keys = {spec.key for spec, _ in found.values()}
        return sum(1 for spec in self.required if spec.key in keys)

    def find_header(self, rows: Sequence[Sequence[Any]]) -> int | None:
        """Index of the first row where most required headers match."""
        needed = len(self.required) // 2 + 1
        for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
            if self.score(self.match(row)) >= needed:
                return index
        return None


# Files


def _extension(filename: str) -> str:
    return os.path.splitext(filename)[1].lower().lstrip(".")


def _load_bytes(source: str | os.PathLike | bytes) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise ReadError(f"无法打开文件：{exc.strerror or exc}") from None


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("无法识别文件编码，请将文件另存为 UTF-8 编码的 CSV 或 Excel 文件")


def _delimiter(text: str) -> str:
    sample = "\n".join(text[:20000].splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = next((line for line in sample.splitlines() if line.strip()), "")
        counts = {sep: first.count(sep) for sep in ",;\t"}
        best = max(counts, key=counts.__getitem__)
        return best if counts[best] else ","


def _csv_rows(data: bytes) -> list[list[Any]]:
    text = _decode(data)
    if "\x00" in text:
        raise ReadError("文件内容不是文本表格，请上传 xlsx、xls、ods 或 csv 文件")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return list(reader)
    except csv.Error as exc:
        raise ReadError(f"CSV 文件格式有误：{exc}") from None


def _open_workbook(data: bytes) -> python_calamine.CalamineWorkbook:
    if data.startswith(_OLE_MAGIC) and "EncryptedPackage".encode("utf-16-le") in data:
        raise ReadError("文件设置了打开密码，请取消密码后重新上传")
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise ReadError("文件设置了打开密码，请取消密码后重新上传") from None
    except Exception as exc:  # calamine raises several unrelated types for broken files
        raise ReadError(f"无法读取该文件，文件可能已损坏或不是所声明的格式（{exc}）") from None


def _sheet(book: python_calamine.CalamineWorkbook, name: str) -> python_calamine.CalamineSheet:
    # Loading parses the whole sheet, so each sheet is loaded once and kept for the full read.
    try:
        return book.get_sheet_by_name(name)
    except python_calamine.PasswordError:
        raise ReadError("文件设置了打开密码，请取消密码后重新上传") from None
    except Exception as exc:
        raise ReadError(f"无法读取工作表“{name}”（{exc}）") from None


_BLANKS = " \t\r\n\u3000\xa0"


def _data_rows(body: Sequence[Sequence[Any]]) -> list[int]:
    """Indexes of the rows that hold something other than blanks."""
    kept = []
    append = kept.append
    for index, row in enumerate(body):
        # Stops at the first real value, which in a data row is nearly always the first cell.
        for value in row:
            if value is None or value == "" or (type(value) is str and not value.strip(_BLANKS)):
                continue
            append(index)
            break
    return kept


def _take(column: Sequence[Any], gaps: Sequence[int]) -> list[Any]:
    """One column (of the transposed rows), with empty cells ("" from calamine and csv) as None;
    `gaps` are the rows that have an empty cell somewhere."""
    values = list(column)
    if len(gaps) * 8 < len(values):
        for index in gaps:
            if values[index] == "":
                values[index] = None
        return values
    try:  # many rows with gaps: the column is searched instead (list.index runs in C)
        index = values.index("")
        while True:
            values[index] = None
            index = values.index("", index + 1)
    except ValueError:
        pass
    return values


# The table


def read_table(
    source: str | os.PathLike | bytes,
    filename: str,
    columns: Sequence[ColumnSpec],
    *,
    sheet: str | None = None,
) -> Table:
    """Read the table with the expected `columns` from a file (path or bytes).

    The sheet is `sheet` if given, else the first visible sheet (not 填写说明) whose first 30 rows
    hold the header. Rows above the header are skipped; empty rows are dropped, keeping the file's
    row numbers. Raises ReadError with a Chinese message when the file cannot be used.
    """
    extension = _extension(filename)
    if extension not in WORKBOOK_TYPES | TEXT_TYPES:
        shown = f"“.{extension}”" if extension else "（无扩展名）"
        raise ReadError(f"不支持的文件类型{shown}，请上传 xlsx、xls、ods 或 csv 文件")
    data = _load_bytes(source)
    if not data:
        raise ReadError("文件是空的")
    matcher = _Matcher(columns)
    # A workbook saved with a .csv name is still read as a workbook.
    if extension in WORKBOOK_TYPES or data.startswith((b"PK\x03\x04", _OLE_MAGIC)):
        return _read_workbook(data, matcher, sheet)
    rows = _csv_rows(data)
    name = os.path.splitext(os.path.basename(filename))[0] or "Sheet1"
    header_index = matcher.find_header(rows)
    if header_index is None:
        raise ReadError(_no_header_message(matcher, {name: rows}))
    return _build_table(name, rows, header_index, matcher)


def _read_workbook(data: bytes, matcher: _Matcher, wanted: str | None) -> Table:
    book = _open_workbook(data)
    with book:
        names = [meta.name for meta in book.sheets_metadata]
        if wanted is not None:
            if wanted not in names:
                raise ReadError(f"找不到工作表“{wanted}”；文件中的工作表：{'、'.join(names)}")
            candidates = [wanted]
        else:
            candidates = [
                meta.name
                for meta in book.sheets_metadata
                if meta.visible == python_calamine.SheetVisibleEnum.Visible
                and meta.typ == python_calamine.SheetTypeEnum.WorkSheet
                and "".join(meta.name.split()) != INSTRUCTIONS_SHEET
            ]
        # The first sheet with every required column wins; failing that, the first with most
        # of them, which then fails below naming the missing ones.
        partial: tuple[str, int] | None = None
        heads: dict[str, list[list[Any]]] = {}
        loaded: dict[str, python_calamine.CalamineSheet] = {}
        for name in candidates:
            loaded[name] = _sheet(book, name)
            head = loaded[name].to_python(skip_empty_area=False, nrows=HEADER_SCAN_ROWS)
            heads[name] = head
            index = matcher.find_header(head)
            if index is None:
                continue
            if matcher.score(matcher.match(head[index])) == len(matcher.required):
                return _build_table(name, _all_rows(loaded[name]), index, matcher)
            partial = partial or (name, index)
        if partial is None:
            raise ReadError(_no_header_message(matcher, heads))
        name, index = partial
        return _build_table(name, _all_rows(loaded[name]), index, matcher)


def _all_rows(sheet: python_calamine.CalamineSheet) -> list[list[Any]]:
    try:
        return sheet.to_python(skip_empty_area=False)
    except Exception as exc:
        raise ReadError(f"无法读取工作表“{sheet.name}”（{exc}）") from None


def _no_header_message(matcher: _Matcher, heads: dict[str, list[list[Any]]]) -> str:
    expected = "、".join(f"“{spec.header}”" for spec in matcher.required)
    where = "、".join(heads) or "（没有可见的工作表）"
    return (
        f"没有找到表头：应有一行包含 {expected} 等列（在前 {HEADER_SCAN_ROWS} 行内）；"
        f"已查看的工作表：{where}"
    )


def _build_table(name: str, rows: list[list[Any]], header_index: int, matcher: _Matcher) -> Table:
    header = rows[header_index]
    found = matcher.match(header)
    by_key: dict[str, list[int]] = {}
    for index, (spec, _) in found.items():
        by_key.setdefault(spec.key, []).append(index)
    for indexes in by_key.values():
        if len(indexes) > 1:
            spec = found[indexes[0]][0]
            both = "和".join(f"“{_cell_text(header[i])}”" for i in indexes)
            raise ReadError(f"{both}都对应“{spec.header}”列，无法确定使用哪一列，请删除多余的列")
    texts = [_cell_text(value) for value in header]
    missing = [spec for spec in matcher.columns if spec.required and spec.key not in by_key]
    if missing:
        names = "、".join(f"“{spec.header}”" for spec in missing)
        present = "、".join(text for text in texts if text) or "（无）"
        raise ReadError(
            f"工作表“{name}”第{header_index + 1}行的表头缺少必填列：{names}。文件中的表头：{present}"
        )

    first_row = header_index + 2
    body = rows[header_index + 1 :]
    kept = _data_rows(body)
    row_numbers = [first_row + i for i in kept]
    width = len(header)
    body = [
        row if len(row) >= width else [*row, *([None] * (width - len(row)))]
        for row in map(body.__getitem__, kept)
    ]

    # Transposed once (zip runs in C): taking each column by itemgetter cost twice as much.
    # Rows are at least `width` long (padded above); cells past the header's width are not read.
    transposed = list(zip(*body, strict=False)) if body else [()] * width
    # Rows with an empty cell, found once for all columns (a full file usually has few).
    gaps = [index for index, row in enumerate(body) if "" in row]

    def take(col: int) -> list[Any]:
        return _take(transposed[col], gaps)

    headers: dict[str, str] = {}
    units: dict[str, Decimal | None] = {spec.key: None for spec in matcher.columns}
    data: dict[str, list[Any]] = {}
    for index, (spec, unit) in found.items():
        headers[spec.key] = texts[index]
        if unit is not None:
            spec_unit = normalize_header(spec.header)[1]
            factor = MONEY_UNITS[unit]
            units[spec.key] = factor / MONEY_UNITS[spec_unit] if spec_unit else factor
        data[spec.key] = take(index)

    unit_column = None
    unit_cells = None
    ignored = []
    for index, text in enumerate(texts):
        if not text or index in found:
            continue
        if normalize_header(text)[0] in UNIT_COLUMN_HEADERS:
            cells = take(index)
            if any(unit_factor(value) is not None for value in cells):
                if unit_column is not None:
                    raise ReadError(
                        f"“{texts[unit_column]}”和“{text}”都像是单位列，无法确定使用哪一列"
                    )
                unit_column, unit_cells = index, cells
                continue
        ignored.append(text)

    return Table(
        sheet=name,
        header_row=header_index + 1,
        headers=headers,
        units=units,
        unit_column=unit_column,
        ignored_headers=ignored,
        row_numbers=row_numbers,
        columns=data,
        unit_header=texts[unit_column] if unit_column is not None else None,
        unit_cells=unit_cells,
    )
