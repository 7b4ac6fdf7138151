from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Platform, PlatformReport


@admin.register(Platform)
class PlatformAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "kind", "level", "host", "region", "approved_on", "status")
    list_filter = ("kind", "level", "status", "industry")
    search_fields = ("name", "code", "search_initials")
    raw_id_fields = ("host", "region")
    filter_horizontal = ("co_hosts",)


@admin.register(PlatformReport)
class PlatformReportAdmin(SimpleHistoryAdmin):
    list_display = ("platform", "year", "rd_spend_wan", "staff", "patents_granted", "status")
    list_filter = ("status", "year")
    search_fields = ("platform__name", "platform__code")
    raw_id_fields = ("platform", "reviewed_by")
