import pytest
from django.test import TestCase

from kechuang.core.testing.personas import Personas, make_org
from kechuang.evaluation import services
from kechuang.evaluation.models import Run, SpotCheck

from . import data

YEARS = (2022, 2023, 2024)


class RunTests(Personas, TestCase):
    """Scores by hand (see data.DEFINITION): 60 × min(ΣR&D / 900, 1) + 40 × min(Σpatents / 10, 1).

    A: R&D 300/yr, 2 patents/yr → 60 × 1 + 40 × 0.6 = 84
    B: R&D 100/yr, 1 patent/yr  → 60 × ⅓ + 40 × 0.3 = 32   (基本合格 → 警告)
    C: R&D 200/yr, 5 patents/yr → 60 × ⅔ + 40 × 1   = 80
    F: R&D 0, 5 patents/yr      → 40, but no R&D at all: floor → 不合格, 撤销
    D: no approved 2024 report  → did not take part: 不合格, 撤销
    E: host holds a high-tech certificate → exempt, passes without a score
    """

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.scheme = data.scheme()
        org_c = make_org("丙示例科技有限公司", cls.town_b, 10000003)
        org_e = make_org("戊示例科技有限公司", cls.town_b, 10000005)
        cls.a = data.platform("甲工程中心", cls.org_a)
        cls.b = data.platform("乙工程中心", cls.org_b)
        cls.c = data.platform("丙工程中心", org_c)
        cls.d = data.platform("丁工程中心", cls.org_a)
        cls.e = data.platform("戊工程中心", org_e)
        cls.f = data.platform("己工程中心", cls.org_b)
        data.platform("庚重点实验室", cls.org_a, kind="key-lab")  # another type: not evaluated
        data.reports(cls.a, YEARS, 300, 2)
        data.reports(cls.b, (2021, *YEARS), 100, 1)  # 2021 counts for the 2023 run
        data.reports(cls.c, YEARS, 200, 5)
        data.reports(cls.d, (2022, 2023), 300, 2)
        data.reports(cls.d, (2024,), 300, 2, status="submitted")
        data.reports(cls.e, YEARS, 10, 0)
        data.reports(cls.f, YEARS, 0, 5)
        data.high_tech(org_e, 2023)

    def computed(self, **extra):
        run = data.run(self.scheme, **extra)
        services.compute(run)
        return run, {r.platform_id: r for r in run.results.all()}

    def test_it_scores_ranks_and_grades_by_hand(self):
        run, results = self.computed()
        a, b, c = results[self.a.pk], results[self.b.pk], results[self.c.pk]
        assert (a.final_score, b.final_score, c.final_score) == pytest.approx((84, 32, 80))
        assert (a.rank, c.rank, b.rank) == (1, 2, 4)  # F (40) is third
        # 优秀 at most 34 % of 4 evaluated = 1: C (80) falls to the next grade.
        assert (a.grade, c.grade, b.grade) == ("优秀", "合格", "基本合格")
        assert (a.proposal, b.proposal) == ("pass", "warning")
        assert a.contributions == pytest.approx({"rd": 60, "patents": 24})
        assert a.values == pytest.approx({"rd": 900, "patents": 6})
        assert run.summary["evaluated"] == 4 and run.summary["exempt"] == 1
        assert run.summary["population"] == 6  # the key lab is another type

    def test_it_applies_floors_absence_and_exemptions(self):
        _run, results = self.computed()
        f, d, e = results[self.f.pk], results[self.d.pk], results[self.e.pk]
        assert (f.grade, f.proposal) == ("不合格", "revoke")
        assert "低于底线：近三年无研发投入" in f.reasons
        assert (d.grade, d.proposal, d.score) == ("不合格", "revoke", None)
        assert "未提交或未通过审核 2024 年度年报" in d.reasons[0]
        assert (e.grade, e.proposal) == ("免评", "pass")
        assert e.exempt_reason == "依托单位为有效期内的高新技术企业"

    def test_a_second_warning_in_a_row_proposes_revocation(self):
        earlier = data.run(self.scheme, year=2023, title="2023")
        services.compute(earlier)
        services.review(earlier, self.city_staff)
        services.publish(earlier, self.city_staff)
        assert earlier.results.get(platform=self.b).proposal == "warning"
        _run, results = self.computed()
        assert results[self.b.pk].proposal == "revoke"
        assert "连续 2 次评价为警告" in results[self.b.pk].reasons

    def test_it_gives_a_reproducible_rank_interval(self):
        _run, results = self.computed()
        _again, results_again = self.computed(title="again")
        for pk, result in results.items():
            if result.rank_low is not None:
                assert result.rank_low <= result.rank_median <= result.rank_high
                assert (result.rank_low, result.rank_high) == (
                    results_again[pk].rank_low,
                    results_again[pk].rank_high,
                )

    def test_published_runs_are_immutable_and_corrected_by_a_new_run(self):
        run, _results = self.computed()
        with pytest.raises(services.RunError, match="先复核"):
            services.publish(run, self.city_staff)
        services.review(run, self.city_staff)
        services.publish(run, self.city_staff)
        with pytest.raises(services.RunError, match="只有草稿"):
            services.compute(run)
        with pytest.raises(services.RunError, match="说明原因"):
            services.correct(run, self.city_staff, " ")
        # A spot check finds A's R&D overstated: −10 points.
        check = services.create_spot_check(
            SpotCheck(title="抽查", run=run, strata="", count=10, seed=3)
        )
        item = check.items.get(platform=self.a)
        item.status, item.adjustment, item.finding = "checked", -10, "研发投入不实"
        item.save()
        correction = services.correct(run, self.city_staff, "按抽查结果调整")
        services.compute(correction)
        a = correction.results.get(platform=self.a)
        c = correction.results.get(platform=self.c)
        assert (a.score, a.adjustment, a.final_score) == pytest.approx((84, -10, 74))
        assert (a.grade, c.grade) == ("合格", "优秀")
        assert "抽查调整 -10 分" in a.reasons
        assert run.results.get(platform=self.a).final_score == pytest.approx(84)  # untouched
        assert correction.corrects == run

    def test_a_spot_check_redraws_the_same_sample_from_its_seed(self):
        run, _results = self.computed()
        services.review(run, self.city_staff)
        check = services.create_spot_check(
            SpotCheck(title="抽查", run=run, strata="county", proportion=0.5, seed=11)
        )
        strata = sorted(check.items.values_list("stratum", flat=True))
        assert strata == [
            "叶县",
            "叶县",
            "新华区",
        ]  # ⌈3 × 0.5⌉ of 叶县 (B, C, F), ⌈1 × 0.5⌉ of 新华区 (A)
        assert services.verify_draw(check)
        assert check.items.first().history.count() == 1  # audited from the start

    def test_it_refuses_an_empty_population(self):
        run = data.run(self.scheme, year=2016)
        with pytest.raises(services.RunError, match="没有符合条件的平台"):
            services.compute(run)
        assert not Run.objects.get(pk=run.pk).results.exists()


class BrokenSchemeTests(TestCase):
    def test_a_version_with_an_inconsistent_ahp_matrix_cannot_run(self):
        from kechuang.evaluation.models import SchemeVersion

        scheme = data.scheme()
        broken = dict(data.DEFINITION, weighting="ahp", pairwise=[[1, 9], [9, 1]])
        # Stored around save_version's check (e.g. by hand in the database).
        version = SchemeVersion.objects.create(scheme=scheme, number=2, definition=broken)
        run = Run.objects.create(title="t", scheme_version=version, year=2024)
        with pytest.raises(services.RunError, match="指标体系有误，不能运行"):
            services.compute(run)
