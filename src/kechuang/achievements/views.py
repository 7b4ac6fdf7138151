from kechuang.orgs.models import Org
from kechuang.web import generic

from . import trl
from .filtersets import (
    AchievementFilterSet,
    AppraisalFilterSet,
    ContractFilterSet,
    DemandFilterSet,
    TRLAssessmentFilterSet,
)
from .forms import AchievementForm, AppraisalForm, ContractForm, DemandForm, TRLAssessmentForm
from .models import Achievement, Appraisal, Contract, Demand, TRLAssessment
from .tables import (
    AchievementTable,
    AppraisalTable,
    ContractTable,
    DemandTable,
    TRLAssessmentTable,
)

# --- 科技成果 ---


class AchievementListView(generic.ObjectListView):
    queryset = Achievement.objects.select_related("owner", "region__parent__parent")
    filterset = AchievementFilterSet
    table = AchievementTable


class AchievementView(generic.ObjectView):
    queryset = Achievement.objects.select_related("owner", "region")

    def extra_context(self, obj):
        user = self.request.user
        appraisals = obj.appraisals.restrict(user, "view")
        contracts = obj.contracts.restrict(user, "view").select_related(
            "seller", "buyer", "seller_region__parent", "buyer_region__parent"
        )
        return {
            "co_owners": obj.co_owners.restrict(user, "view"),
            "appraisals": appraisals,
            "contracts": contracts,
            "can_add_appraisal": user.has_perm("achievements.add_appraisal"),
            **trl_context(obj, user),
        }


def trl_context(achievement, user) -> dict:
    """The achievement's TRL assessments, oldest first, and a step chart of TRL over time."""
    assessments = list(
        achievement.trl_assessments.restrict(user, "view").order_by("assessed_on", "pk")
    )
    chart = None
    if assessments:
        chart = {
            "title": {"text": "技术就绪度变化", "left": "center", "textStyle": {"fontSize": 14}},
            "tooltip": {"trigger": "axis"},
            "grid": {"left": 40, "right": 20, "top": 40, "bottom": 30},
            "xAxis": {"type": "time"},
            "yAxis": {"type": "value", "min": 0, "max": 9, "interval": 1, "name": "TRL"},
            "series": [
                {
                    "type": "line",
                    "step": "end",
                    "name": "TRL",
                    "data": [[a.assessed_on.isoformat(), a.trl] for a in assessments],
                }
            ],
        }
    return {
        "trl_assessments": assessments[::-1],
        "trl_chart": chart,
        "can_assess_trl": user.has_perm("achievements.add_trlassessment"),
    }


class AchievementEditView(generic.ObjectEditView):
    queryset = Achievement.objects.all()
    form = AchievementForm


# --- 成果评价 ---


class AppraisalListView(generic.ObjectListView):
    queryset = Appraisal.objects.select_related("achievement__region__parent__parent")
    filterset = AppraisalFilterSet
    table = AppraisalTable


class AppraisalView(generic.ObjectView):
    queryset = Appraisal.objects.select_related("achievement")


class AppraisalEditView(generic.ObjectEditView):
    queryset = Appraisal.objects.all()
    form = AppraisalForm


# --- 技术需求 ---


class DemandListView(generic.ObjectListView):
    queryset = Demand.objects.select_related("org", "region__parent__parent")
    filterset = DemandFilterSet
    table = DemandTable


class DemandView(generic.ObjectView):
    queryset = Demand.objects.select_related("org", "region")


class DemandEditView(generic.ObjectEditView):
    queryset = Demand.objects.all()
    form = DemandForm


# --- 技术合同 ---


class ContractListView(generic.ObjectListView):
    """The list carries a totals panel (count, Σ 合同成交额, Σ 技术交易额) for the current
    filter: ContractTable.totals, one aggregate query over the filtered, scoped rows."""

    queryset = Contract.objects.select_related(
        "seller", "buyer", "seller_region__parent", "buyer_region__parent"
    )
    filterset = ContractFilterSet
    table = ContractTable


class ContractView(generic.ObjectView):
    queryset = Contract.objects.select_related(
        "seller", "buyer", "seller_region__parent", "buyer_region__parent", "achievement"
    )

    def extra_context(self, obj):
        # Parties in the registry are linked only when the user may open their page.
        ids = [pk for pk in (obj.seller_id, obj.buyer_id) if pk]
        visible = set(
            Org.objects.restrict(self.request.user).filter(pk__in=ids).values_list("pk", flat=True)
        )
        parties = [
            {
                "role": role,
                "org": org,
                "name": name,
                "place": place,
                "link": org.get_absolute_url() if org is not None and org.pk in visible else None,
            }
            for role, org, name, place in (
                ("卖方（技术输出方）", obj.seller, obj.seller_name, obj.seller_place),
                ("买方（技术吸纳方）", obj.buyer, obj.buyer_name, obj.buyer_place),
            )
        ]
        return {"parties": parties}


class ContractEditView(generic.ObjectEditView):
    queryset = Contract.objects.all()
    form = ContractForm


# --- 技术就绪度评价 ---


class TRLAssessmentListView(generic.ObjectListView):
    queryset = TRLAssessment.objects.select_related("achievement__owner", "achievement__region")
    filterset = TRLAssessmentFilterSet
    table = TRLAssessmentTable


class TRLAssessmentView(generic.ObjectView):
    queryset = TRLAssessment.objects.select_related("achievement")

    def extra_context(self, obj):
        result = obj.result()
        questionnaire = trl.questionnaire()
        answers = obj.answers or {}
        levels = []
        for row in result["levels"]:
            spec = questionnaire["levels"][row["level"]]
            levels.append(
                {
                    **row,
                    "criteria": [
                        {"criterion": c, **(answers.get(c.code) or {"percent": 0, "evidence": ""})}
                        for c in spec["criteria"]
                        if c.applies_to(obj.variant)
                    ],
                }
            )
        return {"levels": levels, "source": questionnaire["source"]}


class TRLAssessmentEditView(generic.ObjectEditView):
    queryset = TRLAssessment.objects.select_related("achievement")
    form = TRLAssessmentForm
