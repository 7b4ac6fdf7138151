"""Cell parsers for spreadsheet imports: one per column type, pure Python (no Django).

Each parser takes a raw value as python-calamine or the csv module gives it (str, float, int, bool,
date, datetime or None) and returns the Python value, None for an empty cell that is not required,
or raises `CellError` with a stable code and a Chinese reason. Anything ambiguous is an error,
never a guess. Values that calamine already typed take a fast path with no regex.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from itertools import compress, count, repeat
from operator import is_
from typing import Any

__all__ = [
    "FALSE_WORDS",
    "MONEY_UNITS",
    "TRUE_WORDS",
    "CellError",
    "choice_key",
    "display_value",
    "error_dict",
    "parse_bool",
    "parse_choice",
    "parse_column",
    "parse_date",
    "parse_decimal",
    "parse_int",
    "parse_ratio",
    "parse_text",
    "parse_unit",
    "parse_year",
    "unit_factor",
]


class CellError(Exception):
    """A cell that cannot be imported: `code` is stable snake_case, `reason` a Chinese fragment."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


def display_value(raw: Any) -> str:
    """The value as the user sees it in the sheet (12.0 → "12", a date → "2024-03-01")."""
    if raw is None:
        return ""
    kind = type(raw)
    if kind is str:
        return raw
    if kind is bool:
        return "TRUE" if raw else "FALSE"
    if kind is float:
        return _float_text(raw)
    if kind is dt.datetime:
        if raw.time() == dt.time():
            return raw.date().isoformat()
        return raw.isoformat(sep=" ")
    return str(raw)


def error_dict(sheet: str, row: int, column: str, value: Any, err: CellError) -> dict:
    """The error object of the import contract (CONTRACTS.md §7)."""
    shown = display_value(value)
    message = f"第{row}行“{column}”{err.reason}"
    if shown.strip():
        message += f"：{shown}"
    return {
        "sheet": sheet,
        "row": row,
        "column": column,
        "value": shown,
        "code": err.code,
        "message": message,
    }


# Shared helpers

_SPACES = " \t\r\n\u3000\xa0"
_PLACEHOLDERS = frozenset({"-", "--", "—", "——", "–", "/", "无"})
_NUMBER_CHARS = re.compile(r"[+-]?[0-9][0-9., ]*|[+-]?\.[0-9]+")
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:([, ])[0-9]{3})(?:\1[0-9]{3})*(?:\.[0-9]+)?")
_MONEY_UNIT = re.compile(r"(亿元|千元|万元|元)$")
MONEY_UNITS = {
    "元": Decimal("0.0001"),
    "千元": Decimal("0.1"),
    "万元": Decimal(1),
    "亿元": Decimal(10000),
}
_ONE = Decimal(1)


def _float_text(value: float) -> str:
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def _is_empty(raw: Any) -> bool:
    return raw is None or (type(raw) is str and not raw.strip(_SPACES))


def _empty(required: bool) -> None:
    if required:
        raise CellError("required", "不能为空")
    return None


def _plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros (1E+2 → "100", 0.50 → "0.5")."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _range_reason(minimum: Any, maximum: Any) -> str:
    if minimum is not None and maximum is not None:
        return f"应在 {_plain(Decimal(minimum))} 到 {_plain(Decimal(maximum))} 之间"
    if minimum is not None:
        return f"不能小于 {_plain(Decimal(minimum))}"
    return f"不能大于 {_plain(Decimal(maximum))}"


def _check_range(value: Any, minimum: Any, maximum: Any) -> None:
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise CellError("out_of_range", _range_reason(minimum, maximum))


def _number_text(text: str, code: str = "not_a_number", reason: str = "不是有效数字") -> Decimal:
    """Parse a number typed as text: full-width forms, thousands separators (groups of 3 only)."""
    try:
        if "_" not in text:
            value = Decimal(text)
            if value.is_finite():
                return value
    except InvalidOperation:
        pass
    text = unicodedata.normalize("NFKC", text).replace("\u2212", "-").strip(_SPACES)
    if not _NUMBER_CHARS.fullmatch(text):
        raise CellError(code, reason)
    if "," in text or " " in text:
        if not _GROUPED.fullmatch(text):
            raise CellError(
                "ambiguous_number", "数字写法有歧义（千位分隔符应每3位一组，如 1,234.5）"
            )
        text = text.replace(",", "").replace(" ", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise CellError(code, reason) from None


# Units


def unit_factor(text: Any) -> Decimal | None:
    """The factor that converts an amount in the unit `text` into 万元 (元 → 0.0001), or None."""
    if type(text) is not str:
        return None
    text = unicodedata.normalize("NFKC", text)
    text = "".join(text.split()).strip("()[]")
    return MONEY_UNITS.get(text)


def parse_unit(raw: Any, required: bool = False) -> Decimal | None:
    """A cell of a unit column (单位/金额单位): 元、千元、万元、亿元 → factor to 万元."""
    if _is_empty(raw):
        return _empty(required)
    factor = unit_factor(raw)
    if factor is None:
        raise CellError("not_allowed", "应为以下之一：" + "、".join(MONEY_UNITS))
    return factor


# Parsers


def parse_text(raw: Any, max_length: int | None = None, required: bool = False) -> str | None:
    """Text stripped of ASCII and full-width spaces; Excel numbers as typed (123.0 → "123")."""
    kind = type(raw)
    if kind is str:
        text = raw.strip(_SPACES)
    elif raw is None:
        text = ""
    elif kind is float:
        text = _float_text(raw)
    elif kind is dt.datetime or kind is dt.date or kind is bool:
        text = display_value(raw)
    else:
        text = str(raw)
    if not text:
        return _empty(required)
    if max_length is not None and len(text) > max_length:
        raise CellError("too_long", f"不能超过 {max_length} 个字符（现有 {len(text)} 个）")
    return text


def parse_decimal(
    raw: Any,
    places: int | None = 2,
    minimum: Any = None,
    maximum: Any = None,
    factor: Decimal | int | None = 1,
    required: bool = False,
) -> Decimal | None:
    """A number as Decimal, multiplied by `factor` and rounded half-up to `places`.

    `factor` is the column's unit factor (1 for a column in the target unit, 0.0001 for a 元
    column feeding 万元) or None when the column states no unit. A cell whose own text carries a
    unit ("5000元") must agree with a stated column unit (else `ambiguous_unit`); with None the
    cell's unit is used, and a cell without unit is taken in the target unit.
    """
    kind = type(raw)
    if kind is float:
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise CellError("not_a_number", "不是有效数字")
        value = Decimal(repr(raw))
    elif kind is int:
        value = Decimal(raw)
    elif kind is str:
        text = raw.strip(_SPACES)
        if not text or text in _PLACEHOLDERS:
            return _empty(required)
        try:
            value = _number_text(text)
        except CellError:
            match = _MONEY_UNIT.search(text)
            if match is None:
                raise
            own = MONEY_UNITS[match.group(1)]
            if factor is not None and own != Decimal(factor):
                raise CellError("ambiguous_unit", "单元格中的单位与该列的单位不一致") from None
            value = _number_text(text[: match.start()].rstrip(_SPACES))
            factor = own
    elif raw is None:
        return _empty(required)
    else:
        raise CellError("not_a_number", "不是有效数字")
    if factor is not None and factor != 1:
        value *= factor
    if places is not None:
        try:
            value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        except InvalidOperation:  # more digits than a Decimal holds
            raise CellError("out_of_range", "数值过大") from None
    if minimum is not None or maximum is not None:
        _check_range(value, minimum, maximum)
    return value


def parse_int(
    raw: Any, minimum: int | None = None, maximum: int | None = None, required: bool = False
) -> int | None:
    """A whole number (12.0 is fine, 12.5 is `not_an_integer`)."""
    kind = type(raw)
    if kind is int:
        value = raw
    elif kind is float:
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise CellError("not_a_number", "不是有效数字")
        if not raw.is_integer():
            raise CellError("not_an_integer", "应为整数")
        value = int(raw)
    elif kind is str:
        text = raw.strip(_SPACES)
        if not text or text in _PLACEHOLDERS:
            return _empty(required)
        number = _number_text(text)
        if number != number.to_integral_value():
            raise CellError("not_an_integer", "应为整数")
        value = int(number)
    elif raw is None:
        return _empty(required)
    else:
        raise CellError("not_a_number", "不是有效数字")
    if minimum is not None or maximum is not None:
        _check_range(value, minimum, maximum)
    return value


_PERCENT_REASON = "不是有效的百分比（请写成 4.5% 或 0.045）"


def parse_ratio(
    raw: Any,
    places: int | None = None,
    minimum: Any = None,
    maximum: Any = None,
    required: bool = False,
) -> Decimal | None:
    """A ratio as a Decimal fraction: "4.5%" → 0.045, 0.045 → 0.045; a bare 4.5 is an error."""
    kind = type(raw)
    if kind is str:
        text = raw.strip(_SPACES)
        if not text or text in _PLACEHOLDERS:
            return _empty(required)
        if text[-1] in "%％":
            value = _number_text(text[:-1].rstrip(_SPACES), "not_a_percent", _PERCENT_REASON)
            value = value.scaleb(-2)
        else:
            value = _number_text(text, "not_a_percent", _PERCENT_REASON)
            if abs(value) > _ONE:
                raise CellError("not_a_percent", _PERCENT_REASON)
    elif kind is float or kind is int:
        if raw != raw or raw in (float("inf"), float("-inf")) or abs(raw) > 1:
            raise CellError("not_a_percent", _PERCENT_REASON)
        value = Decimal(repr(raw)) if kind is float else Decimal(raw)
    elif raw is None:
        return _empty(required)
    else:
        raise CellError("not_a_percent", _PERCENT_REASON)
    if places is not None:
        try:
            value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        except InvalidOperation:  # more digits than a Decimal holds
            raise CellError("out_of_range", "数值过大") from None
    if minimum is not None or maximum is not None:
        _check_range(value, minimum, maximum)
    return value


_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serial numbers accepted as dates: 1950-01-01 .. 2100-12-31. Smaller numbers are more likely
# years or counts typed into the wrong column than dates, so they are errors, not guesses.
_SERIAL_MIN, _SERIAL_MAX = 18264, 73415
_DATE_REASON = "不是有效日期（请写成 2024-03-01）"
_ISO_DATE = re.compile(
    r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_AMBIGUOUS_DATE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")


def _make_date(year: int, month: int, day: int) -> dt.date:
    if not 1900 <= year <= 2100:
        raise CellError("not_a_date", _DATE_REASON)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError("not_a_date", "不是有效日期（该日期不存在）") from None


def parse_date(raw: Any, required: bool = False) -> dt.date | None:
    """A date from a date cell, an Excel serial number or text (2024-03-01, 2024年3月1日, 20240301)."""
    kind = type(raw)
    if kind is dt.date:
        return raw
    if kind is dt.datetime:
        return raw.date()
    if kind is float or kind is int:
        if raw != raw:
            raise CellError("not_a_date", _DATE_REASON)
        if 19000101 <= raw <= 21001231 and raw == int(raw):
            number = int(raw)
            return _make_date(number // 10000, number // 100 % 100, number % 100)
        if _SERIAL_MIN <= raw <= _SERIAL_MAX:
            return _EXCEL_EPOCH + dt.timedelta(days=int(raw))
        raise CellError("not_a_date", _DATE_REASON)
    if kind is str:
        text = raw.strip(_SPACES)
        if not text:
            return _empty(required)
        text = unicodedata.normalize("NFKC", text)
        text = "".join(text.split()) if "年" in text else text
        match = _ISO_DATE.fullmatch(text) or _CN_DATE.fullmatch(text)
        if match is not None:
            groups = [g for g in match.groups() if g and g.isdigit()]
            return _make_date(int(groups[0]), int(groups[1]), int(groups[2]))
        match = _COMPACT_DATE.fullmatch(text)
        if match is not None:
            return _make_date(*(int(g) for g in match.groups()))
        if _AMBIGUOUS_DATE.fullmatch(text):
            raise CellError("ambiguous_date", "日期写法有歧义（年月日顺序不明），请写成 2024-03-01")
        raise CellError("not_a_date", _DATE_REASON)
    if raw is None:
        return _empty(required)
    raise CellError("not_a_date", _DATE_REASON)


_YEAR_REASON = "不是有效年份（应为 1900 到 2100 之间的四位年份，如 2024）"
_YEAR_TEXT = re.compile(r"(\d{4})(?:\.0+)?年?(?:度)?")


def parse_year(
    raw: Any, minimum: int | None = None, maximum: int | None = None, required: bool = False
) -> int | None:
    """A year: 2024, 2024.0, "2024", "2024年"; always within 1900–2100, then `minimum`/`maximum`."""
    kind = type(raw)
    if kind is int:
        year = raw
    elif kind is float:
        if raw != raw or not raw.is_integer():
            raise CellError("not_a_year", _YEAR_REASON)
        year = int(raw)
    elif kind is str:
        text = raw.strip(_SPACES)
        if not text:
            return _empty(required)
        match = _YEAR_TEXT.fullmatch(unicodedata.normalize("NFKC", text).replace(" ", ""))
        if match is None:
            raise CellError("not_a_year", _YEAR_REASON)
        year = int(match.group(1))
    elif raw is None:
        return _empty(required)
    else:
        raise CellError("not_a_year", _YEAR_REASON)
    if not 1900 <= year <= 2100:
        raise CellError("not_a_year", _YEAR_REASON)
    if minimum is not None or maximum is not None:
        _check_range(year, minimum, maximum)
    return year


TRUE_WORDS = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "✔", "有"})
FALSE_WORDS = frozenset({"否", "n", "no", "false", "0", "×", "✗", "✘", "无"})


def parse_bool(
    raw: Any,
    required: bool = False,
    synonyms: Mapping[str, bool] | None = None,
    hint: str = "",
) -> bool | None:
    """是/否, Y/N, yes/no, true/false, 1/0, √/×, 有/无 (and Excel TRUE/FALSE cells), or one of the
    column's `synonyms` (normalised text → True/False); `hint` follows the allowed values in the
    error."""
    kind = type(raw)
    if kind is bool:
        return raw
    if kind is int or kind is float:
        if raw == 1:
            return True
        if raw == 0:
            return False
    elif kind is str:
        text = unicodedata.normalize("NFKC", raw).strip(_SPACES).casefold()
        if not text:
            return _empty(required)
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        if synonyms:
            value = synonyms.get(choice_key(text))
            if value is not None:
                return value
    elif raw is None:
        return _empty(required)
    raise CellError("not_a_bool", "应为以下之一：是、否" + hint)


def choice_key(text: Any) -> str:
    """The form in which choice labels, values and aliases are compared: full-width → half-width,
    no spaces at all, case folded."""
    text = unicodedata.normalize("NFKC", str(text))
    return "".join(text.split()).casefold()


_LOOKUPS: dict[tuple[int, int], tuple[object, object, dict[str, Any], str]] = {}


def _choice_lookup(
    choices: Sequence[tuple[Any, str]], synonyms: Mapping[str, Any] | None
) -> tuple[dict[str, Any], str]:
    """Normalised text → value, built once per choices object (parse_column calls us per cell)."""
    cache_key = (id(choices), id(synonyms))
    cached = _LOOKUPS.get(cache_key)
    if cached is not None and cached[0] is choices and cached[1] is synonyms:
        return cached[2], cached[3]
    lookup: dict[str, Any] = {}
    for value, label in choices:
        lookup.setdefault(choice_key(value), value)
        lookup[choice_key(label)] = value
    for text, value in (synonyms or {}).items():
        lookup.setdefault(choice_key(text), value)
    reason = "应为以下之一：" + "、".join(str(label) for _, label in choices)
    if len(_LOOKUPS) > 256:
        _LOOKUPS.clear()
    _LOOKUPS[cache_key] = (choices, synonyms, lookup, reason)
    return lookup, reason


def parse_choice(
    raw: Any,
    choices: Sequence[tuple[Any, str]],
    synonyms: Mapping[str, Any] | None = None,
    required: bool = False,
    hint: str = "",
) -> Any:
    """One of `choices` ((value, label) pairs), matched by label, value or synonym; `hint` (the
    accepted aliases) follows the allowed values in the error."""
    if _is_empty(raw):
        return _empty(required)
    lookup, reason = _choice_lookup(choices, synonyms)
    text = _float_text(raw) if type(raw) is float else raw
    try:
        return lookup[choice_key(text)]
    except KeyError:
        raise CellError("not_allowed", reason + hint) from None


# Column-wise parsing

_MISS = object()


def _fast_decimal(
    places: int | None = 2,
    minimum: Any = None,
    maximum: Any = None,
    factor: Decimal | int | None = 1,
    required: bool = False,
) -> Callable[[Any], Any] | None:
    """A converter for float/int cells that gives exactly what parse_decimal gives, or _MISS.

    n = raw × 10^places × factor is rounded to the nearest integer r; unless n lies within float
    noise of a half (where half-up and half-even could differ, and the slow path decides), r is the
    correctly rounded value, so the result is r × 10^-places with no string conversion.
    """
    if places is None:
        return None
    quantum = _ONE.scaleb(-places)
    mult = float(Decimal(1 if factor is None else factor).scaleb(places))
    low = None if minimum is None else Decimal(minimum)
    high = None if maximum is None else Decimal(maximum)

    def convert(raw: Any) -> Any:
        kind = type(raw)
        if kind is str and "_" not in raw:
            # float() accepts what Decimal() accepts here (digits, sign, point, exponent, space
            # around); "1_000" is the one thing it takes that parse_decimal refuses.
            try:
                raw = float(raw)
            except ValueError:
                return _MISS
            kind = float
        if kind is float or kind is int:
            n = raw * mult
            # Also false for NaN and infinities; beyond 1e15 floats lose the cents.
            if -1e15 < n < 1e15:
                r = round(n)
                if -0.499999 < n - r < 0.499999:
                    value = Decimal(r) * quantum
                    if (low is None or value >= low) and (high is None or value <= high):
                        return value
        elif raw is None and not required:
            return None
        return _MISS

    return convert


def _fast_int(minimum: Any = None, maximum: Any = None, required: bool = False) -> Callable:
    low = -float("inf") if minimum is None else minimum
    high = float("inf") if maximum is None else maximum

    def convert(raw: Any) -> Any:
        kind = type(raw)
        if kind is float:
            if raw.is_integer() and low <= raw <= high:
                return int(raw)
        elif kind is int:
            if low <= raw <= high:
                return raw
        elif kind is str and raw.isdigit() and raw.isascii():  # csv: plain ASCII digits
            value = int(raw)
            if low <= value <= high:
                return value
        return _MISS

    return convert


def _fast_date(required: bool = False) -> Callable:
    def convert(raw: Any) -> Any:
        kind = type(raw)
        if kind is dt.date:
            return raw
        if kind is dt.datetime:
            return raw.date()
        return _MISS

    return convert


def _fast_ratio(
    places: int | None = None, minimum: Any = None, maximum: Any = None, required: bool = False
) -> Callable | None:
    if places is not None or minimum is not None or maximum is not None:
        return None

    def convert(raw: Any) -> Any:
        if type(raw) is float and -1 <= raw <= 1:
            return Decimal(repr(raw))
        return _MISS

    return convert


def _fast_year(minimum: Any = None, maximum: Any = None, required: bool = False) -> Callable:
    low = 1900 if minimum is None else max(1900, minimum)
    high = 2100 if maximum is None else min(2100, maximum)

    def convert(raw: Any) -> Any:
        kind = type(raw)
        if kind is str and len(raw) == 4 and raw.isdigit() and raw.isascii():  # csv: "2024"
            raw = int(raw)
            kind = int
        if (kind is float or kind is int) and low <= raw <= high and raw == int(raw):
            return int(raw)
        return _MISS

    return convert


def _plain_texts(values: list, required: bool) -> tuple[list, bool] | None:
    """The non-blank cells of a column when they are all text without underscores (a csv column),
    and whether there were blanks; None when the column is not like that."""
    types = set(map(type, values))  # also tells blanks apart, quicker than `None in values`
    if types == {str}:
        texts, blanks = values, False
    elif types == {str, type(None)} and not required:
        texts, blanks = [v for v in values if v is not None], True
    else:
        return None
    if "_" in "".join(texts):
        return None
    return texts, blanks


def _with_blanks(values: list, parsed: list) -> list:
    it = iter(parsed)
    return [None if v is None else next(it) for v in values]


def _bulk_decimal(
    values: list,
    places: int | None = 2,
    minimum: Any = None,
    maximum: Any = None,
    factor: Decimal | int | None = 1,
    required: bool = False,
) -> list | None:
    """A whole column of number texts at once (csv), exactly as parse_decimal reads each cell,
    or None when any cell needs parse_decimal's own handling (blanks where required, separators,
    units, placeholders, non-numbers, values out of range), and the column goes cell by cell.

    For text without underscores, parse_decimal takes Decimal(text) whenever that is a finite
    number; Decimal() strips surrounding blanks itself, so it gives the same number."""
    if places is None:
        return None
    plain = _plain_texts(values, required)
    if plain is None:
        return None
    texts, blanks = plain
    try:
        numbers = list(map(Decimal, texts))
        if not all(map(Decimal.is_finite, numbers)):
            return None
        if factor is not None and factor != 1:
            numbers = [n * factor for n in numbers]  # in the default context, as parse_decimal
        with localcontext() as ctx:
            ctx.rounding = ROUND_HALF_UP
            numbers = list(map(Decimal.quantize, numbers, repeat(_ONE.scaleb(-places))))
    except (InvalidOperation, ValueError):
        return None
    if minimum is not None and min(numbers) < Decimal(minimum):
        return None
    if maximum is not None and max(numbers) > Decimal(maximum):
        return None
    return _with_blanks(values, numbers) if blanks else numbers


def _bulk_int(
    values: list, minimum: int | None = None, maximum: int | None = None, required: bool = False
) -> list | None:
    """A whole column of whole-number texts at once (csv), as parse_int reads each cell, or None
    (see _bulk_decimal). int() accepts a subset of what Decimal() does, with the same value."""
    plain = _plain_texts(values, required)
    if plain is None:
        return None
    texts, blanks = plain
    try:
        numbers = list(map(int, texts))
    except ValueError:
        return None
    if minimum is not None and min(numbers) < minimum:
        return None
    if maximum is not None and max(numbers) > maximum:
        return None
    return _with_blanks(values, numbers) if blanks else numbers


# Whole-column converters tried before the per-cell ones: all or nothing.
_BULK: dict[Callable, Callable] = {parse_decimal: _bulk_decimal, parse_int: _bulk_int}

_FAST: dict[Callable, Callable] = {
    parse_decimal: _fast_decimal,
    parse_int: _fast_int,
    parse_date: _fast_date,
    parse_ratio: _fast_ratio,
    parse_year: _fast_year,
}


def parse_column(
    values: Iterable[Any],
    parser: Callable[..., Any],
    *,
    factors: Sequence[Decimal | None] | None = None,
    **kw: Any,
) -> tuple[list[Any], list[tuple[int, CellError]]]:
    """Parse a whole column; returns the values (None where an error was) and (index, error) pairs.

    Typed cells of the common kinds take a fast converter that agrees with the parser; repeated
    text values are parsed once (codes, choices, dates repeat a lot). `factors` gives a per-row
    unit factor from a unit column (None where that row states none); it must agree with a unit
    stated in the header (`factor=`), else that row gets `ambiguous_unit`.
    """
    errors: list[tuple[int, CellError]] = []
    if factors is not None:
        parsed: list[Any] = []
        append = parsed.append
        column_factor = kw.pop("factor", None)
        for index, (raw, row_factor) in enumerate(zip(values, factors, strict=True)):
            try:
                if row_factor is None:
                    append(parser(raw, factor=column_factor, **kw))
                elif column_factor is not None and Decimal(column_factor) != row_factor:
                    raise CellError("ambiguous_unit", "单位列与表头中的单位不一致")
                else:
                    append(parser(raw, factor=row_factor, **kw))
            except CellError as err:
                append(None)
                errors.append((index, err))
        return parsed, errors
    if type(values) is not list:
        values = list(values)
    bulk = _BULK.get(parser)
    if bulk is not None and values:
        done = bulk(values, **kw)
        if done is not None:
            return done, []
    factory = _FAST.get(parser)
    fast = factory(**kw) if factory is not None else None
    if fast is None:
        parsed = [_MISS] * len(values)
        todo: Iterable[int] = range(len(values))
    else:
        # map() keeps the common case at C speed; only the misses go through the parser.
        parsed = list(map(fast, values))
        todo = compress(count(), map(is_, parsed, repeat(_MISS)))
    memo: dict[str, Any] = {}
    for index in todo:
        raw = values[index]
        if type(raw) is str:
            result = memo.get(raw, memo)
            if result is memo:
                try:
                    result = parser(raw, **kw)
                except CellError as err:
                    result = err
                memo[raw] = result
        else:
            try:
                result = parser(raw, **kw)
            except CellError as err:
                result = err
        if type(result) is CellError:
            parsed[index] = None
            errors.append((index, result))
        else:
            parsed[index] = result
    return parsed, errors
