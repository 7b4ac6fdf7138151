from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Carrier, Fund, Investment, Tenancy


@admin.register(Carrier)
class CarrierAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "level", "operator", "region", "status")
    list_filter = ("kind", "level", "status")
    search_fields = ("name", "search_initials")
    raw_id_fields = ("operator", "region")


@admin.register(Tenancy)
class TenancyAdmin(SimpleHistoryAdmin):
    list_display = ("enterprise", "carrier", "entered_on", "exited_on", "exit_reason")
    list_filter = ("exit_reason",)
    search_fields = ("enterprise__name", "carrier__name")
    raw_id_fields = ("carrier", "enterprise")


@admin.register(Fund)
class FundAdmin(SimpleHistoryAdmin):
    list_display = ("name", "manager", "size_wan", "government_guided", "region")
    list_filter = ("government_guided",)
    search_fields = ("name", "search_initials")
    raw_id_fields = ("manager", "region")


@admin.register(Investment)
class InvestmentAdmin(SimpleHistoryAdmin):
    list_display = ("fund", "enterprise", "amount_wan", "round", "invested_on", "carrier")
    list_filter = ("round",)
    search_fields = ("enterprise__name", "fund__name")
    raw_id_fields = ("fund", "enterprise", "carrier")
