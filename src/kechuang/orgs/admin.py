from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Org


@admin.register(Org)
class OrgAdmin(SimpleHistoryAdmin):
    list_display = ("name", "uscc", "kind", "industry", "region")
    list_filter = ("kind", "industry")
    search_fields = ("name", "uscc", "search_initials")
    autocomplete_fields = ()
