from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Chain, Link


class LinkInline(admin.TabularInline):
    model = Link
    extra = 0
    fields = ("position", "name", "stage", "description")


@admin.register(Chain)
class ChainAdmin(SimpleHistoryAdmin):
    list_display = ("name", "industry", "leader")
    inlines = [LinkInline]


@admin.register(Link)
class LinkAdmin(SimpleHistoryAdmin):
    list_display = ("chain", "position", "name", "stage")
    filter_horizontal = ("enterprises", "platforms", "talents", "funds")
