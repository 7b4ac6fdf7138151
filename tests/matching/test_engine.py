"""Ranking, filters and explanations (kechuang.matching.engine)."""

from __future__ import annotations

import pytest

from kechuang.matching import FIELD_LABELS, INDUSTRY_LABELS, Doc, Index, baseline_index

ACHIEVEMENTS = [
    Doc("a1", "尼龙66切片连续聚合工艺", "采用多段连续缩聚，相对粘度稳定", ("尼龙66", "连续聚合"),
        field="materials", industry="nylon", trl=7),
    Doc("a2", "尼龙6切片阻燃改性", "无卤阻燃体系，达到V-0级", ("尼龙6", "阻燃"),
        field="materials", industry="nylon", trl=5),
    Doc("a3", "气体绝缘金属封闭开关设备局部放电检测", "特高频与超声联合检测", ("局部放电",),
        field="manufacturing", industry="electrical", trl=8),
    Doc("a4", "锂离子电池热失控预警装置", "特征气体与温度融合预警", ("锂离子电池",),
        field="energy", industry="storage"),
]  # fmt: skip
DEMAND = Doc("d1", "寻求PA66切片连续缩聚技术", "我公司生产聚酰胺66切片，批次间相对粘度波动大",
             field="materials", industry="nylon")  # fmt: skip


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(ACHIEVEMENTS)


def test_it_ranks_the_right_achievement_first(index: Index) -> None:
    matches = index.search(DEMAND)
    assert [m.id for m in matches] == ["a1", "a2"]  # a2 shares only 尼龙/切片; a3, a4 nothing
    assert matches[0].score > 3 * matches[1].score


def test_it_explains_the_match_in_chinese(index: Index) -> None:
    why = index.search(DEMAND)[0].why
    assert "同义: PA66 ≈ 尼龙66" in why
    assert "同义: 连续缩聚 ≈ 连续聚合工艺" in why  # 连续聚合工艺 is a variant itself
    assert why[-3:] == ("领域相同: 新材料", "产业相同: 尼龙新材料", "TRL 7")


def test_it_names_a_literally_shared_term(index: Index) -> None:
    why = index.search(Doc("q", "锂离子电池热失控"))[0].why
    assert why[0] == "共有词: 锂离子电池"


def test_it_matches_the_issue_synonyms(index: Index) -> None:
    assert index.search(Doc("q", "GIS局放检测"))[0].id == "a3"
    assert index.search(Doc("q", "锂电池安全预警"))[0].id == "a4"
    assert index.search(Doc("q", "锦纶66连续聚合"))[0].id == "a1"


def test_it_filters_by_field(index: Index) -> None:
    assert [m.id for m in index.search(DEMAND, field="manufacturing")] == []
    assert [m.id for m in index.search(Doc("q", "检测 预警"), field="energy")] == ["a4"]


def test_it_filters_by_minimum_trl(index: Index) -> None:
    assert [m.id for m in index.search(DEMAND, min_trl=6)] == ["a1"]
    assert [m.id for m in index.search(DEMAND, min_trl=8)] == []
    # a4 has no TRL: it never passes a minimum
    assert index.search(Doc("q", "锂离子电池"), min_trl=1) == []


def test_it_excludes_ids(index: Index) -> None:
    assert [m.id for m in index.search(DEMAND, exclude={"a1"})] == ["a2"]


def test_it_honours_top(index: Index) -> None:
    assert [m.id for m in index.search(DEMAND, top=1)] == ["a1"]
    assert index.search(DEMAND, top=0) == []


def test_it_returns_nothing_for_an_unrelated_query(index: Index) -> None:
    assert index.search(Doc("q", "小麦育种")) == []
    assert index.search(Doc("q", "")) == []


def test_it_matches_the_other_way_round() -> None:
    demands = Index([DEMAND, Doc("d2", "GIS局放在线监测需求", field="manufacturing")])
    assert [m.id for m in demands.search(ACHIEVEMENTS[2])] == ["d2"]


def test_it_matches_experts_for_a_demand() -> None:
    experts = Index([
        Doc("e1", "张工", "长期从事聚酰胺聚合工艺与尼龙66切片质量控制", field="materials"),
        Doc("e2", "李工", "高压开关设备绝缘与局部放电诊断", field="manufacturing"),
    ])  # fmt: skip
    assert experts.search(DEMAND)[0].id == "e1"


def test_field_and_industry_boost_is_moderate() -> None:
    docs = [Doc("x", "尼龙66切片", field="materials"), Doc("y", "尼龙66切片")]
    scores = {m.id: m.score for m in Index(docs).search(Doc("q", "尼龙66切片", field="materials"))}
    assert scores["x"] == pytest.approx(scores["y"] * 1.15, rel=1e-3)


def test_it_refuses_duplicate_ids() -> None:
    with pytest.raises(ValueError, match="a1"):
        Index([Doc("a1", "x"), Doc("a1", "y")])


def test_an_empty_index_finds_nothing() -> None:
    index = Index([])
    assert len(index) == 0 and index.search(DEMAND) == []


def test_the_baseline_needs_literal_words() -> None:
    baseline = baseline_index(ACHIEVEMENTS)
    assert [m.id for m in baseline.search(Doc("q", "GIS局放"))] == []
    assert baseline.search(Doc("q", "局部放电检测"))[0].id == "a3"


def test_the_labels_agree_with_the_model_choices() -> None:
    from django.utils import translation

    from kechuang.core.choices import KeyIndustry, TechField

    # The engine's labels are the Chinese source strings, whatever language a test left active.
    with translation.override("zh-hans"):
        assert FIELD_LABELS == {c.value: str(c.label) for c in TechField}
        assert INDUSTRY_LABELS == {c.value: str(c.label) for c in KeyIndustry}
