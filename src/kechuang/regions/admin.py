from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Region


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "level", "kind", "parent", "is_synthetic")
    list_filter = ("level", "kind", "is_synthetic")
    search_fields = ("code", "name", "search_initials")
