import copy

import pytest
from django.test import TestCase

from kechuang.evaluation import schemes, services
from kechuang.evaluation.models import Scheme

from .data import DEFINITION


def changed(**parts):
    definition = copy.deepcopy(DEFINITION)
    definition.update(parts)
    return definition


def errors_of(definition) -> str:
    with pytest.raises(schemes.SchemeError) as info:
        schemes.parse(definition)
    return "；".join(info.value.errors)


def test_it_parses_the_tree_with_weights():
    root, leaves = schemes.parse(DEFINITION)
    assert [leaf.code for leaf in leaves] == ["rd", "patents"]
    weights = {spec.code: round(g, 6) for _d, spec, _l, g in schemes.walk(root)}
    assert weights == {"input": 0.6, "rd": 0.6, "output": 0.4, "patents": 0.4}


def test_it_names_an_unknown_source_field_and_lists_the_allowed_ones():
    definition = copy.deepcopy(DEFINITION)
    definition["tree"][0]["children"][0]["source"] = {"field": "rd_money"}
    message = errors_of(definition)
    assert "指标“研发经费”的数据来源 field “rd_money”无效" in message
    assert "rd_spend_wan" in message


def test_it_reports_every_problem_at_once():
    definition = changed(window=9, missing="guess")
    definition["tree"][1]["children"][0]["params"] = {"low": 5, "high": 1}
    message = errors_of(definition)
    assert "window（数据期年数）应为 1–5 的整数" in message
    assert "missing（缺失值处理）只能为" in message
    assert "上限 high（1）应大于下限 low（5）" in message


def test_it_refuses_duplicate_codes_and_unordered_bands():
    definition = copy.deepcopy(DEFINITION)
    definition["tree"][1]["children"][0]["code"] = "rd"
    definition["grading"]["bands"] = [[60, "合格"], [80, "优秀"], [None, "不合格"]]
    message = errors_of(definition)
    assert "指标代码“rd”重复" in message
    assert "分级应按分数从高到低排列" in message


def test_it_refuses_an_inconsistent_ahp_matrix_naming_the_judgement():
    # A > B (3), B > C (3) but C > A (5): far from consistent.
    definition = changed(weighting="ahp", pairwise=[[1, 3], [1 / 3, 1]])
    definition["tree"].append(
        {
            "code": "c",
            "name": "丙",
            "children": [{"code": "c1", "name": "丙一", "source": {"field": "papers"}}],
        }
    )
    definition["pairwise"] = [[1, 3, 1 / 5], [1 / 3, 1, 3], [5, 1 / 3, 1]]
    message = errors_of(definition)
    assert "一致性比率 CR = " in message
    assert "不能保存或运行" in message
    assert "最不一致的判断是“" in message


def test_it_takes_weights_from_a_consistent_ahp_matrix():
    definition = changed(weighting="ahp", pairwise=[[1, 3], [1 / 3, 1]])
    root, _leaves = schemes.parse(definition)
    assert root.cr == 0  # n = 2
    assert [round(c.weight, 4) for c in root.children] == [0.75, 0.25]


class SchemeVersionTests(TestCase):
    def test_it_versions_a_changed_definition_and_skips_an_unchanged_one(self):
        scheme, v1, created = services.save_version(DEFINITION)
        assert created and v1.number == 1
        _s, same, created = services.save_version(copy.deepcopy(DEFINITION))
        assert not created and same == v1
        _s, v2, created = services.save_version(changed(window=2), note="改为两年")
        assert created and v2.number == 2 and scheme.current == v2
        assert v1.definition["window"] == 3  # the old version is kept as it was

    def test_a_saved_version_cannot_be_changed(self):
        _scheme, version, _c = services.save_version(DEFINITION)
        version.note = "改"
        with pytest.raises(ValueError, match="不可修改"):
            version.save()

    def test_it_loads_the_builtin_schemes(self):
        loaded = services.load_builtin()
        codes = set(Scheme.objects.values_list("code", flat=True))
        assert {"engineering-center", "enterprise-center", "key-lab", "new-rd"} <= codes
        assert all(created for _s, created in loaded)
        assert not any(created for _s, created in services.load_builtin())
        # The Henan engineering-centre split, 40/10/10/30/10.
        root, _ = schemes.parse(Scheme.objects.get(code="engineering-center").current.definition)
        assert [round(c.weight) for c in root.children] == [40, 10, 10, 30, 10]
        key_lab = schemes.parse(Scheme.objects.get(code="key-lab").current.definition)[0]
        assert key_lab.cr is not None and key_lab.cr < 0.1

    def test_yaml_round_trip(self):
        scheme, _v, _c = services.save_version(DEFINITION)
        text = services.dump_definition(scheme.current.definition)
        assert services.read_definition(text) == DEFINITION
        json_text = services.dump_definition(scheme.current.definition, "json")
        assert services.read_definition(json_text) == DEFINITION
