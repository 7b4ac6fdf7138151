"""Choice aliases: other spellings of an enumeration's values ("国家" for 国家级, "TRL 6" for TRL 6),
declared per column (or common to every kind), checked for ambiguity when a kind is declared."""

import io

import openpyxl
import pytest
from django.test import TestCase
from django.utils import translation

from kechuang.achievements.models import Achievement
from kechuang.core.testing.imports import run
from kechuang.core.testing.personas import Personas
from kechuang.imports.cells import CellError
from kechuang.imports.kinds import BOOL, Col, Kind, get_kind, parser_for, registry
from kechuang.imports.workbook import INSTRUCTIONS, template

TRL_ALLOWED = "应为以下之一：1 级：发现基本原理、2 级：形成技术概念或应用方案、"


def parse(kind_name, key, raw):
    parser, kw = parser_for(get_kind(kind_name).column(key))
    return parser(raw, **kw)


def refusal(kind_name, key, raw) -> str:
    with pytest.raises(CellError) as info:
        parse(kind_name, key, raw)
    return info.value.reason


# Integer choices: the number and its usual spellings, without declaring them


@pytest.mark.parametrize(
    "raw",
    [
        "6",
        6,
        6.0,
        "６",
        "6级",
        "6 级",
        "６级",
        "TRL6",
        "TRL 6",
        "trl６",
        "六级",
        "6 级：相关环境下系统原型演示（中试）",
    ],
)
def test_it_takes_the_usual_spellings_of_a_trl(raw):
    assert parse("achievements", "trl", raw) == 6


def test_it_takes_every_level_in_chinese_numerals():
    assert [parse("achievements", "trl", f"{n}级") for n in "一二三四五六七八九"] == list(
        range(1, 10)
    )


@pytest.mark.parametrize("raw", ["6-7级", "TRL 6/7", "六", "十级", "0", "TRL"])
def test_it_refuses_an_ambiguous_or_unknown_trl_listing_the_allowed_values(raw):
    reason = refusal("achievements", "trl", raw)
    assert reason.startswith(TRL_ALLOWED)
    assert "9 级：实际系统通过实际使用验证（规模应用）" in reason
    assert reason.endswith("（也可只写数字，如 5、5级、TRL5、五级）")


# Levels: common to every kind whose column offers 国家级/省级/市级


@pytest.mark.parametrize(
    "kind_name", ["platforms", "commissioners", "honours", "carriers"], ids=lambda n: n
)
def test_every_level_column_takes_the_short_forms(kind_name):
    assert [parse(kind_name, "level", raw) for raw in ("国家", "国家级", " 省 ", "省级", "市")] == [
        "national",
        "national",
        "provincial",
        "provincial",
        "municipal",
    ]
    reason = refusal(kind_name, "level", "县级")
    assert "国家级、省级、市级" in reason
    assert reason.endswith("（也接受：“国家”→国家级、“省”→省级、“市”→市级）")


# Declared aliases


def test_it_takes_declared_aliases_and_refuses_what_would_be_a_guess():
    assert [parse("talents", "education", raw) for raw in ("博士", "硕士", "本科", "大专")] == [
        "doctor",
        "master",
        "bachelor",
        "college",
    ]
    # 研究生 could be 博士 or 硕士: an error, never a guess.
    reason = refusal("talents", "education", "研究生")
    assert reason.startswith("应为以下之一：博士研究生、硕士研究生、大学本科、大学专科、其他")
    assert "“博士”→博士研究生" in reason
    assert refusal("talents", "title", "高级").startswith("应为以下之一：正高级、副高级")


def test_an_industry_section_may_be_written_without_its_letter():
    assert [parse("orgs", "industry", raw) for raw in ("制造业", "C", "C 制造业", "c制造业")] == [
        "C"
    ] * 4


def test_yes_no_columns_keep_the_usual_words_and_take_their_own_aliases():
    words = ["是", "否", "Y", "n", "√", "×", "1", "0", 1, 0.0, "有", "无", "规上", "规模以下"]
    assert [parse("enterprise-annual", "above_scale", w) for w in words] == [True, False] * 7
    reason = refusal("enterprise-annual", "above_scale", "大概")
    assert reason == "应为以下之一：是、否（也接受：“规上”“规模以上”→是、“规下”“规模以下”→否）"
    # Without aliases, nothing changes.
    assert get_kind("experts").column("available").type == BOOL
    assert refusal("experts", "available", "大概") == "应为以下之一：是、否"


# Declarations


def platform_kind(*columns: Col) -> Kind:
    return Kind(name="test", model_label="platforms.Platform", key=("code",), columns=[*columns])


def test_an_alias_under_two_values_is_a_declaration_error():
    with pytest.raises(ValueError, match="would mean both"):
        Col("level", aliases={"national": ("国",), "provincial": ("国",)})
    # After the same normalisation as the cells: full-width, spaces, case.
    with pytest.raises(ValueError, match="would mean both"):
        Col("level", aliases={"national": ("ＧＪ",), "provincial": ("g j",)})


@pytest.mark.parametrize(
    "col",
    [
        Col("level", aliases={"municipal": ("省级",)}),  # another value's label
        Col("level", aliases={"municipal": ("provincial",)}),  # another value itself
        Col("level", aliases={"municipal": ("国家",)}),  # a common alias of 国家级
        Col("level", aliases={"county": ("县",)}),  # no such value
        Col("name", aliases={"x": ("y",)}),  # not an enumeration
    ],
    ids=["label", "value", "common", "unknown", "text"],
)
def test_an_alias_that_clashes_with_the_columns_choices_fails_when_bound(col):
    with pytest.raises(ValueError):
        platform_kind(Col("code"), col).bind()


def test_an_alias_clashing_with_a_number_form_or_a_yes_no_word_fails_when_bound():
    trl = Kind(
        name="test",
        model_label="achievements.Achievement",
        key=("title",),
        columns=[Col("title"), Col("trl", aliases={5: ("6级",)})],
    )
    with pytest.raises(ValueError, match="6级"):
        trl.bind()
    listed = Kind(
        name="test",
        model_label="enterprises.Enterprise",
        key=("org",),
        columns=[Col("org", lookup="uscc"), Col("listed", aliases={False: ("有",)})],
    )
    with pytest.raises(ValueError, match="有"):
        listed.bind()


def test_repeating_a_label_or_an_alias_for_the_same_value_is_fine():
    kind = platform_kind(
        Col("code"), Col("level", aliases={"national": ("国家级", "国家", "国 家")})
    )
    assert kind.bind().column("level").alias_lookup == {
        "国家": "national",
        "省": "provincial",
        "市": "municipal",
    }


def test_every_declared_kind_binds():
    for kind in registry().values():
        kind.bind()


def test_a_kind_bound_while_english_is_active_still_reads_chinese_files():
    with translation.override("en"):
        col = platform_kind(Col("code"), Col("level")).bind().column("level")
    assert (col.header, col.choices[0], col.alias_lookup["国家"]) == (
        "级别",
        ("national", "国家级"),
        "national",
    )


# Templates


def test_the_instructions_sheet_lists_the_aliases():
    book = openpyxl.load_workbook(io.BytesIO(template(get_kind("platforms"))))
    notes = {row[0].value: row[2].value for row in book[INSTRUCTIONS].iter_rows(min_row=2)}
    assert (
        notes["级别"] == "可选值：国家级、省级、市级；也接受：“国家”→国家级、“省”→省级、“市”→市级"
    )
    book = openpyxl.load_workbook(io.BytesIO(template(get_kind("achievements"))))
    notes = {row[0].value: row[2].value for row in book[INSTRUCTIONS].iter_rows(min_row=2)}
    assert "也可只写数字，如 5、5级、TRL5、五级" in notes["技术就绪度"]


def test_the_dropdown_lets_an_alias_stand_with_a_warning():
    sheet = openpyxl.load_workbook(io.BytesIO(template(get_kind("platforms")))).worksheets[0]
    styles = {
        str(dv.sqref).split(":")[0]: dv.errorStyle for dv in sheet.data_validations.dataValidation
    }
    headers = [c.value for c in sheet[1]]
    column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    assert styles[f"{column[headers.index('级别')]}2"] == "warning"
    assert styles[f"{column[headers.index('平台类型')]}2"] in (None, "stop")


# End to end


class TrlImportTests(Personas, TestCase):
    HEAD = ["成果名称", "成果持有单位统一社会信用代码", "技术领域", "重点产业", "成果简介"]
    HEAD += ["技术就绪度", "完成日期", "区划代码"]

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()

    def rows(self, *trls):
        uscc = self.org_a.uscc
        return [
            self.HEAD,
            *(
                [f"成果{i}", uscc, "新材料", "其他", "简介", trl, "2023-06-30", "410402001"]
                for i, trl in enumerate(trls)
            ),
        ]

    def test_it_imports_each_spelling_as_its_level(self):
        result = run("achievements", self.rows("6级", "TRL 7", "六级", "８", 3.0, "TRL９"))
        assert (result.errors, result.new) == ([], 6)
        stored = dict(Achievement.objects.values_list("title", "trl"))
        assert stored == {"成果0": 6, "成果1": 7, "成果2": 6, "成果3": 8, "成果4": 3, "成果5": 9}

    def test_an_ambiguous_level_names_row_column_and_the_allowed_values(self):
        result = run("achievements", self.rows("6级", "6-7级"))
        [err] = result.errors
        assert (err["sheet"], err["row"], err["column"], err["code"]) == (
            "Sheet1",
            3,
            "技术就绪度",
            "not_allowed",
        )
        assert err["message"].startswith("第3行“技术就绪度”" + TRL_ALLOWED)
        assert err["message"].endswith("（也可只写数字，如 5、5级、TRL5、五级）：6-7级")
        assert not result.written and Achievement.objects.count() == 0
