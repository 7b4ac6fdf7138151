from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from kechuang.orgs.models import Org
from kechuang.web import generic

from . import matching, trl
from .choices import MatchStatus
from .filtersets import (
    AchievementFilterSet,
    AppraisalFilterSet,
    ContractFilterSet,
    DemandFilterSet,
    MatchRecordFilterSet,
    SynonymEntryFilterSet,
    TransferOutcomeFilterSet,
    TRLAssessmentFilterSet,
)
from .forms import (
    AchievementForm,
    AppraisalForm,
    ContractForm,
    DemandForm,
    MatchRecordForm,
    SynonymEntryForm,
    TransferOutcomeForm,
    TRLAssessmentForm,
)
from .models import (
    Achievement,
    Appraisal,
    Contract,
    Demand,
    MatchRecord,
    SynonymEntry,
    TransferOutcome,
    TRLAssessment,
)
from .tables import (
    AchievementTable,
    AppraisalTable,
    ContractTable,
    DemandTable,
    MatchRecordTable,
    SynonymEntryTable,
    TransferOutcomeTable,
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
            "matched_demands": matching.demands_for(obj, user, top=8),
            **outcome_context(obj, user),
            "match_records": list(obj.matches.restrict(user).select_related("demand")),
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

    def extra_context(self, obj):
        user = self.request.user
        min_trl = self.request.GET.get("min_trl", "")
        min_trl = int(min_trl) if min_trl.isdigit() and 1 <= int(min_trl) <= 9 else None
        same_field = bool(self.request.GET.get("same_field")) and bool(obj.field)
        found = matching.achievements_for(
            obj, user, top=10, min_trl=min_trl, field=obj.field if same_field else None
        )
        records = {
            m.achievement_id: m for m in obj.matches.restrict(user).select_related("contract")
        }
        return {
            "found": [(f, records.get(f.obj.pk)) for f in found],
            "min_trl": min_trl,
            "same_field": same_field,
            "experts": matching.experts_for(obj, user)
            if user.has_perm("projects.view_expert")
            else [],
            "match_records": list(records.values()),
            "can_propose": user.has_perm("achievements.add_matchrecord"),
        }


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


# --- 供需对接 ---


class MatchRecordListView(generic.ObjectListView):
    queryset = MatchRecord.objects.select_related("demand__org", "achievement__owner", "contract")
    filterset = MatchRecordFilterSet
    table = MatchRecordTable

    def list_context(self, queryset):
        counts = dict(
            queryset.order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        total = sum(counts.values())
        signed = counts.get(MatchStatus.SIGNED, 0)
        return {
            "funnel": [(label, counts.get(value, 0)) for value, label in MatchStatus.choices],
            "match_total": total,
            "conversion": round(signed / total * 100, 1) if total else None,
        }


class MatchRecordView(generic.ObjectView):
    queryset = MatchRecord.objects.select_related("demand", "achievement", "contract")


class MatchRecordEditView(generic.ObjectEditView):
    queryset = MatchRecord.objects.select_related("demand", "achievement")
    form = MatchRecordForm

    def get_object(self):
        if "pk" not in self.kwargs:
            raise PermissionDenied("对接记录从需求页面的匹配结果发起")
        return super().get_object()


@login_required
@require_POST
def propose_match(request, pk):
    """发起对接: record a proposed match between a demand and one of its matched achievements."""
    user = request.user
    if not user.has_perm("achievements.add_matchrecord"):
        raise PermissionDenied
    demand = get_object_or_404(Demand.objects.restrict(user), pk=pk)
    achievement = get_object_or_404(
        Achievement.objects.restrict(user), pk=request.POST.get("achievement")
    )
    found = {f.obj.pk: f.match for f in matching.achievements_for(demand, user, top=50)}
    match = found.get(achievement.pk)
    record, created = MatchRecord.objects.get_or_create(
        demand=demand,
        achievement=achievement,
        defaults={
            "score": round(match.score, 3) if match else None,
            "reasons": list(match.why) if match else [],
        },
    )
    if created:
        messages.success(request, f"已发起对接：{record}")
    else:
        messages.info(request, f"已有对接记录（{record.get_status_display()}）")
    return redirect(record.get_absolute_url())


def outcome_context(achievement, user) -> dict:
    """转化与产业化成效: yearly outcomes after transfer, their totals and a chart."""
    outcomes = list(achievement.outcomes.restrict(user, "view").order_by("year"))
    chart = None
    if outcomes:
        chart = {
            "title": {
                "text": "转化后新增销售收入与利润",
                "left": "center",
                "textStyle": {"fontSize": 14},
            },
            "tooltip": {"trigger": "axis"},
            "legend": {"bottom": 0},
            "grid": {"left": 60, "right": 20, "top": 40, "bottom": 40},
            "xAxis": {"type": "category", "data": [f"{o.year}年" for o in outcomes]},
            "yAxis": {"type": "value", "name": "万元"},
            "series": [
                {
                    "type": "bar",
                    "name": "新增销售收入",
                    "data": [float(o.revenue_wan) for o in outcomes],
                },
                {
                    "type": "bar",
                    "name": "新增利润",
                    "data": [float(o.profit_wan) for o in outcomes],
                },
            ],
        }
    return {
        "outcomes": outcomes[::-1],
        "outcome_chart": chart,
        "outcome_totals": {
            "revenue": sum(o.revenue_wan for o in outcomes),
            "profit": sum(o.profit_wan for o in outcomes),
            "products": sum(o.product_count for o in outcomes),
            "jobs": sum(o.jobs for o in outcomes),
        },
        "can_add_outcome": user.has_perm("achievements.add_transferoutcome"),
    }


# --- 转化成效 ---


class TransferOutcomeListView(generic.ObjectListView):
    queryset = TransferOutcome.objects.select_related(
        "achievement__owner", "achievement__region__parent"
    )
    filterset = TransferOutcomeFilterSet
    table = TransferOutcomeTable


class TransferOutcomeView(generic.ObjectView):
    queryset = TransferOutcome.objects.select_related("achievement")


class TransferOutcomeEditView(generic.ObjectEditView):
    queryset = TransferOutcome.objects.select_related("achievement")
    form = TransferOutcomeForm


# --- 匹配同义词 ---


class SynonymEntryListView(generic.ObjectListView):
    queryset = SynonymEntry.objects.all()
    filterset = SynonymEntryFilterSet
    table = SynonymEntryTable

    def list_context(self, queryset):
        from kechuang.core.choices import KeyIndustry
        from kechuang.matching import Synonyms

        shipped = Synonyms.default()
        sections: dict[str, list] = {}
        for canonical, variants in shipped.groups().items():
            section = shipped.industry(canonical) or "general"
            sections.setdefault(section, []).append(
                (
                    shipped.display(canonical),
                    [shipped.display(v) for v in variants if v != canonical],
                )
            )
        labels = dict(KeyIndustry.choices)
        return {
            "shipped": [
                (str(labels.get(code, "通用")), sorted(groups))
                for code, groups in sorted(sections.items())
            ],
            "shipped_count": len(shipped.groups()),
        }


class SynonymEntryView(generic.ObjectView):
    queryset = SynonymEntry.objects.all()


class SynonymEntryEditView(generic.ObjectEditView):
    queryset = SynonymEntry.objects.all()
    form = SynonymEntryForm
