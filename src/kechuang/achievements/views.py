from kechuang.orgs.models import Org
from kechuang.web import generic

from .filtersets import AchievementFilterSet, AppraisalFilterSet, ContractFilterSet, DemandFilterSet
from .forms import AchievementForm, AppraisalForm, ContractForm, DemandForm
from .models import Achievement, Appraisal, Contract, Demand
from .tables import AchievementTable, AppraisalTable, ContractTable, DemandTable

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
