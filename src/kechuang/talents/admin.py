from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Assessment,
    Assignment,
    Commissioner,
    Honour,
    ServiceLog,
    Talent,
    Team,
    TeamMember,
)


class HonourInline(admin.TabularInline):
    model = Honour
    extra = 0


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    raw_id_fields = ("talent",)


@admin.register(Talent)
class TalentAdmin(SimpleHistoryAdmin):
    list_display = ("name", "category", "org", "region")
    list_filter = ("category", "gender", "title")
    search_fields = ("name", "search_initials")
    raw_id_fields = ("org", "region")
    inlines = (HonourInline,)


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = ("name", "leader", "org", "founded_year")
    search_fields = ("name", "search_initials")
    raw_id_fields = ("leader", "org", "region")
    inlines = (TeamMemberInline,)


@admin.register(Commissioner)
class CommissionerAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "level", "home_org", "active")
    list_filter = ("kind", "level", "active")
    search_fields = ("name", "search_initials")
    raw_id_fields = ("talent", "home_org", "region")


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ("commissioner", "region", "start_year", "end_year")
    raw_id_fields = ("commissioner", "region")


@admin.register(ServiceLog)
class ServiceLogAdmin(SimpleHistoryAdmin):
    list_display = ("commissioner", "date", "region", "days", "beneficiaries")
    raw_id_fields = ("commissioner", "region")


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ("commissioner", "year", "result")
    list_filter = ("year", "result")
    raw_id_fields = ("commissioner",)


admin.site.register(Honour, SimpleHistoryAdmin)
admin.site.register(TeamMember, SimpleHistoryAdmin)
