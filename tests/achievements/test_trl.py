"""技术就绪度评价: the calculator rule by hand, the questionnaire form, scope (UI and API)."""

from datetime import date

import pytest

from kechuang.achievements import trl
from kechuang.achievements.models import Achievement, TRLAssessment
from kechuang.core.testing.api import APITestCases
from kechuang.core.testing.views import ViewTestCases

from .data import make_achievement


def full(*levels, variant="hardware"):
    """Every applicable criterion of `levels` at 100 %."""
    return {c.code: 100 for c in trl.criteria(variant) if c.level in levels}


def test_the_trl_is_the_top_of_the_unbroken_run_of_met_levels():
    result = trl.assess(full(1, 2, 3, 4), "hardware")
    assert result["trl"] == 4
    assert [lv["status"] for lv in result["levels"]][:5] == ["met"] * 4 + ["none"]


def test_a_met_level_above_a_gap_does_not_count():
    # Levels 1–3 and 5–6 met, level 4 only half done: TRL 3 (not an average, not 6).
    answers = {**full(1, 2, 3, 5, 6), "L4.1": 50, "L4.3": 100}
    result = trl.assess(answers, "hardware")
    assert result["trl"] == 3
    statuses = {lv["level"]: lv["status"] for lv in result["levels"]}
    assert (statuses[4], statuses[5], statuses[6]) == ("partial", "met", "met")


def test_the_threshold_can_be_lowered():
    answers = {code: 75 for code in full(1, 2)}
    assert trl.assess(answers, "hardware")["trl"] == 0
    assert trl.assess(answers, "hardware", threshold=75)["trl"] == 2


def test_software_and_hardware_criteria_differ():
    # L2.3 (architecture design) applies to software only; L4.1 (lab prototype) to hardware only.
    hardware = full(1, 2, 3, 4)
    assert trl.assess(hardware, "software")["trl"] == 1  # L2.3 not answered
    assert trl.assess(full(1, 2, 3, 4, variant="software"), "software")["trl"] == 4
    assert "L4.1" not in {c.code for c in trl.criteria("software")}


def test_it_refuses_an_unknown_variant():
    with pytest.raises(ValueError):
        trl.assess({}, "biology")


def test_the_questionnaire_has_nine_levels_each_with_criteria_for_both_variants():
    levels = trl.questionnaire()["levels"]
    assert list(levels) == list(range(1, 10))
    for variant in trl.VARIANTS:
        assert all(any(c.applies_to(variant) for c in lv["criteria"]) for lv in levels.values())


class TRLData:
    model = TRLAssessment
    search_term = "尼龙66"

    @classmethod
    def setup_data(cls):
        cls.ach_a = make_achievement(cls.org_a, "尼龙66盐连续聚合工艺")
        cls.ach_b = make_achievement(cls.org_b, "特厚钢板轧制技术")

    @classmethod
    def make(cls, achievement, levels=(1, 2, 3)):
        answers = {code: {"percent": 100, "evidence": "报告"} for code in full(*levels)}
        assessment = TRLAssessment(
            achievement=achievement,
            assessor="专家组",
            assessed_on=date(2024, 3, 1),
            answers=answers,
        )
        assessment.save()
        return assessment

    @classmethod
    def in_scope(cls):
        return cls.make(cls.ach_a)

    @classmethod
    def out_of_scope(cls):
        return cls.make(cls.ach_b)


class TRLViewTests(TRLData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        answers = {}
        for code in full(1, 2, 3, 4, 5, 6):
            answers[f"p_{code}"] = 100
            answers[f"e_{code}"] = f"{code} 报告"
        cls.form_data = {
            "achievement": cls.ach_a.pk,
            "variant": "hardware",
            "assessed_on": "2024-05-01",
            "assessor": "市技术市场专家组",
            "threshold": 100,
            **answers,
        }
        cls.form_data_outside = {**cls.form_data, "achievement": cls.ach_b.pk}
        cls.edit_data = {**cls.form_data, "assessor": "复评专家组"}

    def test_saving_sets_the_trl_and_the_achievements_trl(self):
        self.login(self.user_a)
        self.client.post(self.url("add"), self.form_data)
        assessment = TRLAssessment.objects.latest("pk")
        assert assessment.trl == 6
        assert assessment.answers["L6.1"] == {"percent": 100, "evidence": "L6.1 报告"}
        achievement = Achievement.objects.get(pk=self.ach_a.pk)
        assert achievement.trl == 6
        assert achievement.history.latest().history_user == self.user_a

    def test_a_percentage_without_evidence_is_refused(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "e_L5.1": ""})
        self.assertContains(r, "L5.1（第 5 级）填写了完成度 100%，须注明证明材料", status_code=400)
        assert not TRLAssessment.objects.filter(assessor="市技术市场专家组").exists()

    def test_the_page_shows_levels_and_the_achievement_shows_the_history(self):
        achievement = make_achievement(self.org_a, "尼龙66切片干燥技术")
        assessment = self.make(achievement, levels=(1, 2, 3))
        self.make(achievement, levels=(1, 2, 3, 4, 5))
        self.login(self.user_a)
        r = self.client.get(assessment.get_absolute_url())
        assert [lv["status"] for lv in r.context["levels"]][:4] == ["met", "met", "met", "none"]
        r = self.client.get(achievement.get_absolute_url())
        assert [a.trl for a in r.context["trl_assessments"]] == [5, 3]
        assert r.context["trl_chart"]["series"][0]["data"][-1][1] == 5


class TRLAPITests(TRLData, APITestCases.Standard):
    endpoint = "trl-assessments"
    filter_params = {"q": "尼龙"}

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        answers = {code: {"percent": 100, "evidence": "报告"} for code in full(1, 2)}
        cls.create_data = {
            "achievement": cls.ach_a.pk,
            "variant": "hardware",
            "assessed_on": "2024-05-01",
            "assessor": "专家组",
            "answers": answers,
        }
        cls.create_data_outside = {**cls.create_data, "achievement": cls.ach_b.pk}
        cls.update_data = {"assessor": "复评专家组"}
