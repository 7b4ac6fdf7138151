from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Run, Scheme, SchemeVersion, SpotCheck


@admin.register(Scheme)
class SchemeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "platform_kind", "is_example")


@admin.register(SchemeVersion)
class SchemeVersionAdmin(admin.ModelAdmin):
    list_display = ("scheme", "number", "note", "created")
    readonly_fields = ("scheme", "number", "definition", "note", "created_by")


@admin.register(Run)
class RunAdmin(SimpleHistoryAdmin):
    list_display = ("title", "year", "status")


@admin.register(SpotCheck)
class SpotCheckAdmin(SimpleHistoryAdmin):
    list_display = ("title", "run", "seed")
