"""Normalisation and segmentation (kechuang.matching.text)."""

from __future__ import annotations

from kechuang.matching import Synonyms, normalize, tokenize
from kechuang.matching.text import plain_analyzer, stopwords


def test_it_normalizes_full_width_case_and_punctuation() -> None:
    assert normalize("ＰＡ６６切片，ＧＩＳ（局放）") == "pa66切片 gis 局放"


def test_it_drops_joiners_inside_terms() -> None:
    assert normalize("尼龙6,6、PA-66与C/C复合材料") == "尼龙66 pa66与cc复合材料"
    assert normalize("1,6-己二胺；1,000吨") == "16己二胺 1000吨"


def test_it_keeps_domain_terms_whole() -> None:
    terms = tokenize("聚酰胺66工业丝与气体绝缘金属封闭开关设备")
    assert "尼龙66" in terms
    assert "gis" in terms  # 气体绝缘金属封闭开关设备 is one word, counted as GIS
    assert "金属" not in terms and "封闭" not in terms


def test_it_tokenizes_full_width_input_like_half_width() -> None:
    assert tokenize("ＰＡ６６切片") == tokenize("PA66切片")


def test_it_counts_terms_inside_longer_words() -> None:
    assert "石墨电极" in tokenize("超高功率石墨电极")
    assert "锂离子电池" in tokenize("磷酸铁锂电池")


def test_it_does_not_cut_latin_or_digit_runs() -> None:
    assert "集成电路" not in tokenize("SiC功率器件")  # "ic" inside "sic"
    assert "尼龙6" not in tokenize("尼龙66切片")  # "尼龙6" inside "尼龙66"


def test_it_drops_stop_words_and_bare_numbers() -> None:
    terms = tokenize("我公司寻求提高产量20%的技术")
    assert "我公司" not in terms and "技术" not in terms and "20%" not in terms
    assert "我公司" in stopwords()


def test_the_plain_analyzer_has_no_domain_words() -> None:
    terms = plain_analyzer().tokenize("聚酰胺66与气体绝缘金属封闭开关设备")
    assert "聚酰胺66" not in terms and "尼龙66" not in terms and "gis" not in terms


def test_an_empty_dictionary_maps_nothing() -> None:
    assert "尼龙66" not in tokenize("PA66切片", Synonyms.empty())
