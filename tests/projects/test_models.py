from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import TestCase

from kechuang.core.testing.personas import Personas
from kechuang.projects.models import Milestone, Proposal

from .fixtures import ProjectsData, make_expert, make_milestone, make_review


class DerivedValueTests(ProjectsData, Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.setup_data()

    def test_it_averages_only_reviews_without_conflict(self):
        make_review(self.prop_a, self.expert_b, Decimal("91"))
        conflicted = make_expert("丙某某（示例）", self.county_a, org=self.org_a)
        make_review(self.prop_a, conflicted, None, conflict_declared=True)
        annotated = Proposal.objects.with_mean_score().get(pk=self.prop_a.pk)
        self.assertEqual(Decimal(annotated.mean_score).quantize(Decimal("0.1")), Decimal("85.5"))
        fresh = Proposal.objects.get(pk=self.prop_a.pk)
        self.assertEqual(Decimal(fresh.mean_score).quantize(Decimal("0.1")), Decimal("85.5"))

    def test_mean_score_is_none_without_scores(self):
        self.review_a.delete()
        self.assertIsNone(Proposal.objects.get(pk=self.prop_a.pk).mean_score)
        self.assertIsNone(Proposal.objects.with_mean_score().get(pk=self.prop_a.pk).mean_score)

    def test_milestone_is_overdue_only_when_past_due_and_not_done(self):
        past = date.today() - timedelta(days=1)
        overdue = make_milestone(self.project_a, "开题", past)
        done = make_milestone(self.project_a, "验收", past, status="done", done_on=past)
        future = make_milestone(self.project_a, "中期", date.today() + timedelta(days=30))
        self.assertEqual(
            [(m.is_overdue, m.effective_status) for m in (overdue, done, future)],
            [(True, "overdue"), (False, "done"), (False, "pending")],
        )
        self.assertEqual(overdue.effective_status_label, "逾期")
        self.assertEqual(Milestone.objects.get(pk=future.pk).status, "pending")

    def test_it_refuses_a_score_above_100_on_the_model(self):
        self.review_a.score = Decimal("100.5")
        with self.assertRaises(ValidationError) as ctx:
            self.review_a.full_clean()
        self.assertIn("评分应在 0–100 之间", ctx.exception.message_dict["score"])

    def test_it_names_the_field_when_the_expert_has_no_org(self):
        expert = make_expert("庚某某（示例）", None)
        expert.org_name = ""
        with self.assertRaises(ValidationError) as ctx:
            expert.full_clean()
        self.assertIn("org_name", ctx.exception.message_dict)
