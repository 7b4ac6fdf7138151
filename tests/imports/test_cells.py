"""Cell parsers of the import engine (pure Python, no database)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from kechuang.imports.cells import (
    _BULK,
    CellError,
    error_dict,
    parse_bool,
    parse_choice,
    parse_column,
    parse_date,
    parse_decimal,
    parse_int,
    parse_ratio,
    parse_text,
    parse_unit,
    parse_year,
    unit_factor,
)

LEVELS = [("national", "国家级"), ("province", "省级"), ("city", "市级")]


def code_of(parser, raw, **kw) -> str:
    with pytest.raises(CellError) as info:
        parser(raw, **kw)
    return info.value.code


# error_dict


def test_it_builds_the_contract_error_object():
    err = CellError("not_a_number", "不是有效数字")
    assert error_dict("Sheet1", 17, "研发费用（万元）", "１２,３4O", err) == {
        "sheet": "Sheet1",
        "row": 17,
        "column": "研发费用（万元）",
        "value": "１２,３4O",
        "code": "not_a_number",
        "message": "第17行“研发费用（万元）”不是有效数字：１２,３4O",
    }


def test_it_omits_the_value_from_the_message_when_empty():
    err = CellError("required", "不能为空")
    assert error_dict("Sheet1", 5, "企业名称", None, err)["message"] == "第5行“企业名称”不能为空"


def test_it_shows_excel_numbers_as_typed_in_messages():
    err = CellError("out_of_range", "应在 0 到 100 之间")
    out = error_dict("S", 3, "人数", 120.0, err)
    assert out["value"] == "120"
    assert out["message"] == "第3行“人数”应在 0 到 100 之间：120"


def test_the_contract_example_value_is_not_a_number():
    assert code_of(parse_decimal, "１２,３4O") == "not_a_number"


# parse_text


def test_it_strips_ascii_and_full_width_spaces():
    assert parse_text("\u3000 示例企业 \t") == "示例企业"


def test_it_keeps_full_width_brackets_in_names():
    assert parse_text("示例（平顶山）有限公司") == "示例（平顶山）有限公司"


def test_it_turns_excel_whole_numbers_into_plain_text():
    assert parse_text(123.0) == "123"
    assert parse_text(13800138000.0) == "13800138000"
    assert parse_text(1.5) == "1.5"


def test_it_rejects_too_long_text():
    with pytest.raises(CellError) as info:
        parse_text("一二三四", max_length=3)
    assert info.value.code == "too_long"
    assert "3" in info.value.reason


def test_it_requires_text_when_asked():
    assert parse_text("  ") is None
    assert code_of(parse_text, "\u3000", required=True) == "required"


# parse_decimal


def test_it_takes_typed_numbers_as_decimals():
    assert parse_decimal(12.5) == Decimal("12.50")
    assert parse_decimal(7) == Decimal("7.00")


def test_it_rounds_half_up_to_the_places():
    assert parse_decimal(1.005) == Decimal("1.01")
    assert parse_decimal("2.345") == Decimal("2.35")
    assert parse_decimal(0.1 + 0.2) == Decimal("0.30")


def test_it_reads_full_width_digits():
    assert parse_decimal("１２３４．５") == Decimal("1234.50")
    assert parse_decimal("－３") == Decimal("-3.00")


def test_it_accepts_thousands_separators_in_groups_of_three():
    assert parse_decimal("1,234.5") == Decimal("1234.50")
    assert parse_decimal("1，234.5") == Decimal("1234.50")
    assert parse_decimal("1 234 567") == Decimal("1234567.00")


def test_it_refuses_ambiguous_thousands_separators():
    assert code_of(parse_decimal, "1,23") == "ambiguous_number"
    assert code_of(parse_decimal, "1,2345") == "ambiguous_number"
    assert code_of(parse_decimal, "1.234,5") == "ambiguous_number"


def test_it_refuses_underscores_and_non_numbers():
    assert code_of(parse_decimal, "1_000") == "not_a_number"
    assert code_of(parse_decimal, "abc") == "not_a_number"
    assert code_of(parse_decimal, "nan") == "not_a_number"
    assert code_of(parse_decimal, float("inf")) == "not_a_number"
    assert code_of(parse_decimal, True) == "not_a_number"


def test_it_counts_placeholders_as_empty():
    for text in ("—", "-", "/", "无", "", "  "):
        assert parse_decimal(text) is None
    assert code_of(parse_decimal, "—", required=True) == "required"


def test_it_checks_the_range_in_chinese():
    with pytest.raises(CellError) as info:
        parse_decimal("120", minimum=0, maximum=100)
    assert (info.value.code, info.value.reason) == ("out_of_range", "应在 0 到 100 之间")
    assert code_of(parse_decimal, -1.0, minimum=0) == "out_of_range"


def test_it_scales_by_the_column_factor():
    assert parse_decimal(12345.0, factor=Decimal("0.0001")) == Decimal("1.23")
    assert parse_decimal("2", factor=10000) == Decimal("20000.00")


def test_it_accepts_a_cell_unit_that_agrees_with_the_column():
    assert parse_decimal("12万元") == Decimal("12.00")
    assert parse_decimal("5000 元", factor=Decimal("0.0001")) == Decimal("0.50")


def test_it_uses_the_cell_unit_when_the_column_states_none():
    assert parse_decimal("5000元", factor=None) == Decimal("0.50")
    assert parse_decimal("3", factor=None) == Decimal("3.00")


def test_it_refuses_a_cell_unit_that_contradicts_the_column():
    assert code_of(parse_decimal, "5000元") == "ambiguous_unit"
    assert code_of(parse_decimal, "12万元", factor=Decimal("0.0001")) == "ambiguous_unit"


# units


def test_it_knows_the_money_units():
    assert unit_factor("元") == Decimal("0.0001")
    assert unit_factor("万元") == Decimal(1)
    assert unit_factor("千元") == Decimal("0.1")
    assert unit_factor("亿元") == Decimal(10000)
    assert unit_factor("（元）") == Decimal("0.0001")
    assert unit_factor("美元") is None


def test_it_parses_unit_column_cells():
    assert parse_unit(" 万元 ") == Decimal(1)
    assert parse_unit("") is None
    assert code_of(parse_unit, "万") == "not_allowed"


# parse_int


def test_it_takes_whole_numbers():
    assert parse_int(12.0) == 12
    assert parse_int("1,200") == 1200
    assert parse_int("１２") == 12


def test_it_refuses_fractions_for_integers():
    assert code_of(parse_int, 12.5) == "not_an_integer"
    assert code_of(parse_int, "12.5") == "not_an_integer"


def test_it_checks_integer_ranges():
    assert code_of(parse_int, 5.0, minimum=10) == "out_of_range"
    assert parse_int(10, minimum=10, maximum=10) == 10


# parse_ratio


def test_it_reads_percent_text():
    assert parse_ratio("4.5%") == Decimal("0.045")
    assert parse_ratio("４．５％") == Decimal("0.045")
    assert parse_ratio("150 %") == Decimal("1.5")


def test_it_reads_fractions():
    assert parse_ratio(0.045) == Decimal("0.045")
    assert parse_ratio("0.045") == Decimal("0.045")
    assert parse_ratio(1) == Decimal(1)


def test_it_refuses_a_bare_number_above_one_as_a_percent():
    with pytest.raises(CellError) as info:
        parse_ratio(4.5)
    assert info.value.code == "not_a_percent"
    assert "4.5%" in info.value.reason and "0.045" in info.value.reason
    assert code_of(parse_ratio, "4.5") == "not_a_percent"
    assert code_of(parse_ratio, "abc%") == "not_a_percent"


# parse_date


def test_it_takes_date_cells():
    assert parse_date(dt.date(2024, 3, 1)) == dt.date(2024, 3, 1)
    assert parse_date(dt.datetime(2024, 3, 1, 10, 30)) == dt.date(2024, 3, 1)


def test_it_reads_excel_serial_dates():
    assert parse_date(45352.0) == dt.date(2024, 3, 1)
    assert parse_date(45352) == dt.date(2024, 3, 1)
    assert parse_date(45352.75) == dt.date(2024, 3, 1)


def test_it_refuses_numbers_outside_the_serial_range():
    assert code_of(parse_date, 2024.0) == "not_a_date"
    assert code_of(parse_date, 99999999.0) == "not_a_date"


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-01",
        "2024/3/1",
        "2024.3.1",
        "2024年3月1日",
        "2024 年 3 月 1 日",
        "20240301",
        "２０２４－０３－０１",
        "2024-03-01 00:00:00",
    ],
)
def test_it_reads_text_dates(text):
    assert parse_date(text) == dt.date(2024, 3, 1)


def test_it_reads_a_yyyymmdd_number():
    assert parse_date(20240301.0) == dt.date(2024, 3, 1)


@pytest.mark.parametrize("text", ["3/1/2024", "01-03-24", "1.3.2024", "24/03/01"])
def test_it_refuses_ambiguous_dates(text):
    assert code_of(parse_date, text) == "ambiguous_date"


def test_it_refuses_impossible_calendar_dates():
    assert code_of(parse_date, "2023-02-29") == "not_a_date"
    assert code_of(parse_date, "20241301") == "not_a_date"
    assert code_of(parse_date, "明天") == "not_a_date"


# parse_year


def test_it_reads_years():
    for raw in (2024, 2024.0, "2024", "2024年", "２０２４", " 2024 "):
        assert parse_year(raw) == 2024


def test_it_refuses_non_years():
    assert code_of(parse_year, 1800) == "not_a_year"
    assert code_of(parse_year, 2024.5) == "not_a_year"
    assert code_of(parse_year, "24") == "not_a_year"
    assert code_of(parse_year, 2024, maximum=2023) == "out_of_range"


# parse_bool


def test_it_reads_yes_and_no_words():
    for raw in ("是", "Y", "yes", "TRUE", "1", "√", "有", True, 1.0):
        assert parse_bool(raw) is True
    for raw in ("否", "n", "No", "false", "0", "×", "无", False, 0):
        assert parse_bool(raw) is False


def test_it_lists_the_allowed_bool_values():
    with pytest.raises(CellError) as info:
        parse_bool("也许")
    assert (info.value.code, info.value.reason) == ("not_a_bool", "应为以下之一：是、否")


# parse_choice


def test_it_matches_choice_labels_and_values():
    assert parse_choice(" 国家 级 ", LEVELS) == "national"
    assert parse_choice("PROVINCE", LEVELS) == "province"


def test_it_matches_choice_synonyms():
    assert parse_choice("国家", LEVELS, {"国家": "national"}) == "national"


def test_it_lists_every_allowed_label():
    with pytest.raises(CellError) as info:
        parse_choice("区级", LEVELS)
    assert info.value.code == "not_allowed"
    assert info.value.reason == "应为以下之一：国家级、省级、市级"


def test_it_matches_numeric_choice_values_from_excel():
    assert parse_choice(2.0, [(1, "一类"), (2, "二类")]) == 2


# parse_column


def test_it_parses_a_column_and_reports_indexes():
    values, errors = parse_column([1.0, "x", None, "2"], parse_decimal, required=True)
    assert values == [Decimal("1.00"), None, None, Decimal("2.00")]
    assert [(i, e.code) for i, e in errors] == [(1, "not_a_number"), (2, "required")]


def test_it_parses_repeated_text_once_and_reports_every_row():
    values, errors = parse_column(["区级", "省级", "区级"], parse_choice, choices=LEVELS)
    assert values == [None, "province", None]
    assert [i for i, _ in errors] == [0, 2]


def test_its_fast_path_agrees_with_the_parser():
    rng = random.Random(7)
    raws = [round(rng.uniform(-1e6, 1e6), rng.randint(0, 5)) for _ in range(3000)]
    raws += [1.005, 2.675, 0.125, -0.125, 1e16, float("nan"), 7, "12.345", " 3 ", "1_0"]
    for kw in ({}, {"factor": Decimal("0.0001")}, {"factor": 10000, "places": 0}, {"minimum": 0}):
        assert parse_column(raws, parse_decimal, **kw)[0] == _cell_by_cell(
            parse_decimal, raws, **kw
        )


def test_its_fast_paths_agree_for_ints_years_and_dates():
    raws = [2024.0, 2024.5, 1800.0, 7, "2024", None, dt.date(2024, 3, 1), True]
    # csv cells are text: plain digits take the fast path, the rest the parser.
    raws += ["007", "1800", "2101", "12345", "²", "١٢", "２０２４", "-3", " 5", "1,000", "2024年"]
    for parser in (parse_int, parse_year, parse_date, parse_ratio):
        ranges = [{}] if parser is parse_date else [{}, {"minimum": 0, "maximum": 2024}]
        for kw in ranges:
            expected = _cell_by_cell(parser, raws, **kw)
            assert parse_column(raws, parser, **kw)[0] == expected, (parser.__name__, kw)


def _cell_by_cell(parser, raws, **kw):
    expected = []
    for raw in raws:
        try:
            expected.append(parser(raw, **kw))
        except CellError:
            expected.append(None)
    return expected


CSV_EDGES = [
    " 3 ",
    "\u30003.5",
    "+7",
    "-0",
    "-0.004",
    "1e3",
    "1E-2",
    "2.675",
    "0.125",
    "0.005",
    "１２",
    "١٢",
    "²",
    "12.0",
    "12.5",
    "1,000",
    "1_0",
    "NaN",
    "Infinity",
    "-",
    "无",
    "",
    "5000元",
    "9" * 30,
    "0." + "0" * 40 + "5",
]


@pytest.mark.parametrize("parser", [parse_decimal, parse_int])
def test_whole_csv_columns_agree_with_the_parser(parser):
    """A csv column of plain number texts is converted in one go (cells._BULK); any column with
    one cell it cannot take goes cell by cell. Either way each cell gets what the parser gives."""
    rng = random.Random(11)
    if parser is parse_decimal:
        plain = [f"{rng.uniform(0, 9000):.{rng.randint(0, 4)}f}" for _ in range(500)]
        settings = [
            {},
            {"factor": Decimal("0.0001")},
            {"places": 0},
            {"minimum": 0},
            {"maximum": 100},
            {"required": True},
        ]
    else:
        plain = [str(rng.randint(0, 9000)) for _ in range(500)]
        settings = [{}, {"minimum": 0}, {"maximum": 100}, {"required": True}]
    assert _BULK[parser](plain) is not None  # the plain column does take the whole-column path
    assert _BULK[parser]([*plain, "1,000"]) is None
    columns = [plain, [*plain, None, None], *([*plain[:50], edge] for edge in CSV_EDGES)]
    for kw in settings:
        for column in columns:
            values, errors = parse_column(column, parser, **kw)
            assert values == _cell_by_cell(parser, column, **kw), (kw, column[-1])
            assert len(errors) == sum(1 for raw in column if _failed(parser, raw, kw)), (
                kw,
                column[-1],
            )


def _failed(parser, raw, kw) -> bool:
    try:
        parser(raw, **kw)
    except CellError:
        return True
    return False


def test_it_applies_a_unit_column_per_row():
    factors = [Decimal("0.0001"), None, Decimal(1)]
    values, errors = parse_column(
        [10000.0, 3.0, "2万元"], parse_decimal, factors=factors, factor=None
    )
    assert values == [Decimal("1.00"), Decimal("3.00"), Decimal("2.00")]
    assert errors == []


def test_it_refuses_a_unit_column_that_contradicts_the_header():
    factors = [Decimal("0.0001"), Decimal(1)]
    values, errors = parse_column([5.0, 5.0], parse_decimal, factors=factors, factor=1)
    assert values == [None, Decimal("5.00")]
    assert [(i, e.code) for i, e in errors] == [(0, "ambiguous_unit")]
