from collections import Counter
from decimal import Decimal

from django.db.models import Count, F, Q

from kechuang.core.choices import TechField
from kechuang.web import generic

from .filtersets import (
    CallFilterSet,
    ExpertFilterSet,
    MilestoneFilterSet,
    ProjectFilterSet,
    ProposalFilterSet,
    ReviewFilterSet,
)
from .forms import CallForm, ExpertForm, MilestoneForm, ProjectForm, ProposalForm, ReviewForm
from .models import Call, Expert, Milestone, Project, Proposal, Review
from .tables import CallTable, ExpertTable, MilestoneTable, ProjectTable, ProposalTable, ReviewTable


def proposals_by_field_chart(proposals) -> dict | None:
    """ECharts option: number of proposals per 技术领域 (bar chart)."""
    counts = Counter(p.field for p in proposals)
    if not counts:
        return None
    fields = [f for f in TechField if counts[f.value]]
    return {
        "title": {"text": "按技术领域的申报数", "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 40, "right": 20, "bottom": 40, "top": 40},
        "xAxis": {"type": "category", "data": [str(f.label) for f in fields]},
        "yAxis": {"type": "value", "name": "项", "minInterval": 1},
        "series": [
            {
                "type": "bar",
                "name": "申报数",
                "barMaxWidth": 48,
                "label": {"show": True, "position": "top"},
                "data": [counts[f.value] for f in fields],
            }
        ],
    }


def scoped_actions(obj, user) -> dict:
    """编辑 / 删除 buttons of a published record only where the user's scope allows them."""
    model = type(obj)
    return {
        f"can_{action}": model.objects.restrict(user, action).filter(pk=obj.pk).exists()
        for action in ("change", "delete")
    }


# 课题指南 -------------------------------------------------------------------------------


class CallListView(generic.ObjectListView):
    queryset = Call.objects.select_related("region")
    filterset = CallFilterSet
    table = CallTable

    def get(self, request):
        # Count only the proposals this user may see (calls are public, proposals are not).
        visible = Proposal.objects.restrict(request.user, "view").values("pk")
        # Aggregating queries ignore Meta.ordering: order explicitly.
        self.queryset = self.queryset.annotate(
            proposal_count=Count("proposals", filter=Q(proposals__in=visible))
        ).order_by(*Call._meta.ordering)
        return super().get(request)


class CallView(generic.ObjectView):
    queryset = Call.objects.select_related("region")

    def extra_context(self, obj):
        user = self.request.user
        proposals = list(
            obj.proposals.restrict(user, "view")
            .with_mean_score()
            .select_related("applicant", "region")
            .order_by(F("avg_score").desc(nulls_last=True), "title")
        )
        projects = obj.projects.restrict(user, "view")
        return {
            **scoped_actions(obj, user),
            "proposals": proposals,
            "requested_wan": sum((p.budget_wan for p in proposals), Decimal(0)),
            "project_count": projects.count(),
            "field_chart": proposals_by_field_chart(proposals),
            "can_add_proposal": user.has_perm("projects.add_proposal"),
        }


class CallEditView(generic.ObjectEditView):
    queryset = Call.objects.all()
    form = CallForm


# 课题申报 -------------------------------------------------------------------------------


class ProposalListView(generic.ObjectListView):
    queryset = (
        Proposal.objects.with_mean_score()
        .select_related("call", "applicant", "region__parent__parent")
        .order_by(*Proposal._meta.ordering)
    )
    filterset = ProposalFilterSet
    table = ProposalTable


class ProposalView(generic.ObjectView):
    queryset = Proposal.objects.with_mean_score().select_related("call", "applicant", "region")

    def extra_context(self, obj):
        user = self.request.user
        reviews = obj.reviews.restrict(user, "view").select_related("expert__org")
        return {
            "reviews": reviews,
            "project": Project.objects.restrict(user, "view").filter(proposal=obj).first(),
            "can_add_review": user.has_perm("projects.add_review"),
        }


class ProposalEditView(generic.ObjectEditView):
    queryset = Proposal.objects.all()
    form = ProposalForm


# 专家评审 -------------------------------------------------------------------------------


class ReviewListView(generic.ObjectListView):
    queryset = Review.objects.select_related("proposal", "expert")
    filterset = ReviewFilterSet
    table = ReviewTable


class ReviewView(generic.ObjectView):
    queryset = Review.objects.select_related("proposal", "expert")


class ReviewEditView(generic.ObjectEditView):
    queryset = Review.objects.select_related("proposal", "expert")
    form = ReviewForm


class ReviewDeleteView(generic.ObjectDeleteView):
    queryset = Review.objects.select_related("proposal", "expert")


class ReviewChangeLogView(generic.ObjectChangeLogView):
    queryset = Review.objects.select_related("proposal", "expert")


# 立项项目 -------------------------------------------------------------------------------


class ProjectListView(generic.ObjectListView):
    queryset = Project.objects.select_related("owner", "call", "region__parent__parent")
    filterset = ProjectFilterSet
    table = ProjectTable


class ProjectView(generic.ObjectView):
    queryset = Project.objects.select_related("owner", "call", "proposal", "region")

    def extra_context(self, obj):
        user = self.request.user
        milestones = list(obj.milestones.restrict(user, "view").order_by("due_on", "title"))
        return {
            "milestones": milestones,
            "overdue_count": sum(m.is_overdue for m in milestones),
            "can_add_milestone": user.has_perm("projects.add_milestone"),
        }


class ProjectEditView(generic.ObjectEditView):
    queryset = Project.objects.all()
    form = ProjectForm


# 里程碑 ---------------------------------------------------------------------------------


class MilestoneListView(generic.ObjectListView):
    queryset = Milestone.objects.select_related("project")
    filterset = MilestoneFilterSet
    table = MilestoneTable


class MilestoneView(generic.ObjectView):
    queryset = Milestone.objects.select_related("project")


class MilestoneEditView(generic.ObjectEditView):
    queryset = Milestone.objects.all()
    form = MilestoneForm


# 专家库 ---------------------------------------------------------------------------------


class ExpertListView(generic.ObjectListView):
    queryset = (
        Expert.objects.select_related("org")
        .annotate(review_count=Count("reviews"))
        .order_by(*Expert._meta.ordering)
    )
    filterset = ExpertFilterSet
    table = ExpertTable


class ExpertView(generic.ObjectView):
    queryset = Expert.objects.select_related("org", "region")

    def extra_context(self, obj):
        user = self.request.user
        reviews = obj.reviews.restrict(user, "view").select_related("proposal__call")
        return {
            **scoped_actions(obj, user),
            "reviews": reviews.order_by("-reviewed_on")[:50],
            "review_total": reviews.count(),
            "conflict_orgs": obj.conflict_orgs.restrict(user, "view"),
        }


class ExpertEditView(generic.ObjectEditView):
    queryset = Expert.objects.all()
    form = ExpertForm
