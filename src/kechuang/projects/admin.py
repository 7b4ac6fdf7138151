from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Call, Expert, Milestone, Project, Proposal, Review


@admin.register(Call)
class CallAdmin(SimpleHistoryAdmin):
    list_display = ("title", "year", "key_field", "budget_wan", "status", "region")
    list_filter = ("year", "key_field", "status")
    search_fields = ("title",)


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    list_display = ("title", "call", "applicant", "budget_wan", "status", "submitted_on")
    list_filter = ("status", "field")
    search_fields = ("title", "applicant__name", "leader_name")
    raw_id_fields = ("call", "applicant", "region")


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    list_display = ("proposal", "expert", "score", "conflict_declared", "reviewed_on")
    list_filter = ("conflict_declared",)
    raw_id_fields = ("proposal", "expert")


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ("project_no", "title", "owner", "funded_wan", "status", "starts_on", "ends_on")
    list_filter = ("status",)
    search_fields = ("project_no", "title", "owner__name")
    raw_id_fields = ("proposal", "call", "owner", "region")


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ("title", "project", "due_on", "done_on", "status")
    list_filter = ("status",)
    raw_id_fields = ("project",)


@admin.register(Expert)
class ExpertAdmin(SimpleHistoryAdmin):
    list_display = ("name", "title", "org", "org_name", "main_field", "available")
    list_filter = ("main_field", "available")
    search_fields = ("name", "org_name", "disciplines")
    raw_id_fields = ("org", "region")
    filter_horizontal = ("conflict_orgs",)
