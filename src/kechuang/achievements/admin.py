from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Achievement, Appraisal, Contract, Demand


@admin.register(Achievement)
class AchievementAdmin(SimpleHistoryAdmin):
    list_display = ("title", "owner", "field", "industry", "trl", "status", "completed_on")
    list_filter = ("field", "industry", "status", "trl")
    search_fields = ("title", "keywords", "search_initials")
    raw_id_fields = ("owner", "co_owners", "region")


@admin.register(Appraisal)
class AppraisalAdmin(SimpleHistoryAdmin):
    list_display = ("achievement", "kind", "appraised_on", "conclusion", "score")
    list_filter = ("kind", "conclusion")
    raw_id_fields = ("achievement",)


@admin.register(Demand)
class DemandAdmin(SimpleHistoryAdmin):
    list_display = ("title", "org", "field", "industry", "budget_wan", "published_on", "status")
    list_filter = ("field", "industry", "status")
    search_fields = ("title", "keywords", "search_initials")
    raw_id_fields = ("org", "region")


@admin.register(Contract)
class ContractAdmin(SimpleHistoryAdmin):
    list_display = (
        "contract_no",
        "name",
        "kind",
        "seller_name",
        "buyer_name",
        "signed_on",
        "contract_value_wan",
        "transaction_value_wan",
    )
    list_filter = ("kind", "field")
    search_fields = ("contract_no", "name", "seller_name", "buyer_name")
    raw_id_fields = ("seller", "buyer", "seller_region", "buyer_region", "achievement")
