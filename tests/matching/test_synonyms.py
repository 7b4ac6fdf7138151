"""The domain synonym dictionary (kechuang.matching.synonyms, data/synonyms.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kechuang.matching import Synonyms, tokenize
from kechuang.matching.engine import INDUSTRY_LABELS

ISSUE_GROUPS = [
    ["尼龙66", "PA66", "聚酰胺66", "锦纶66", "尼龙6,6"],
    ["GIS", "气体绝缘金属封闭开关设备", "气体绝缘开关设备"],
    ["特厚板", "超厚钢板", "特厚钢板"],
    ["锂离子电池", "锂电池", "锂电"],
    ["碳化硅", "SiC"],
]


@pytest.mark.parametrize("group", ISSUE_GROUPS, ids=lambda g: g[0])
def test_it_maps_the_issue_synonyms_to_one_term(group: list[str]) -> None:
    synonyms = Synonyms.default()
    assert {synonyms.canonical(word) for word in group} == {group[0]}
    assert len({tokenize(word)[0] for word in group}) == 1


def test_it_is_insensitive_to_width_and_case() -> None:
    assert Synonyms.default().canonical("ｐａ６６") == "尼龙66"


def test_it_returns_unknown_words_unchanged() -> None:
    assert Synonyms.default().canonical("不在词典里") == "不在词典里"


def test_it_covers_every_key_industry_with_at_least_150_groups() -> None:
    synonyms = Synonyms.default()
    assert len(synonyms) >= 150
    sections = {synonyms.industry(canonical) for canonical in synonyms.groups()}
    assert set(INDUSTRY_LABELS) - {"other"} <= sections


def test_it_refuses_a_variant_in_two_groups() -> None:
    synonyms = Synonyms()
    synonyms.add("尼龙66", ["PA66"])
    with pytest.raises(ValueError, match="PA66"):
        synonyms.add("聚酰胺", ["PA66"])


def test_it_reports_the_file_of_a_bad_yaml(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("nylon:\n  尼龙66: PA66\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"s\.yaml"):
        Synonyms.from_yaml(path)


def test_added_terms_reach_a_built_tokenizer() -> None:
    synonyms = Synonyms.default().copy()
    assert "超临界发泡" not in tokenize("超临界发泡尼龙", synonyms)
    synonyms.add("超临界发泡", ["微孔发泡"])
    assert tokenize("微孔发泡尼龙", synonyms)[0] == "超临界发泡"


def test_copy_leaves_the_default_alone() -> None:
    synonyms = Synonyms.default().copy()
    synonyms.add("测试专用词甲", ["测试专用词乙"])
    assert "测试专用词乙" not in Synonyms.default()
