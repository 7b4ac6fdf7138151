from datetime import date

from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear
from django.shortcuts import render

from kechuang.core.validators import FIRST_YEAR, last_allowed_year
from kechuang.regions.models import Region
from kechuang.web import generic

from . import filtersets, forms, services, tables
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

FIRST_COVERAGE_YEAR = 2016

# --- 人才 -------------------------------------------------------------------------------------


class TalentListView(generic.ObjectListView):
    queryset = Talent.objects.select_related("org", "region__parent__parent").annotate(
        honour_count=Count("honours")
    )
    filterset = filtersets.TalentFilterSet
    table = tables.TalentTable


class TalentView(generic.ObjectView):
    queryset = Talent.objects.select_related("org", "region")

    def extra_context(self, obj):
        user = self.request.user
        return {
            "honours": obj.honours.restrict(user, "view"),
            "memberships": obj.memberships.restrict(user, "view").select_related("team__leader"),
            "commissioner_roles": obj.commissioner_roles.restrict(user, "view"),
            "can_add_honour": user.has_perm("talents.add_honour"),
        }


class TalentEditView(generic.ObjectEditView):
    queryset = Talent.objects.all()
    form = forms.TalentForm


class HonourListView(generic.ObjectListView):
    queryset = Honour.objects.select_related("talent__region__parent__parent")
    filterset = filtersets.HonourFilterSet
    table = tables.HonourTable


class HonourView(generic.ObjectView):
    queryset = Honour.objects.select_related("talent")


class HonourEditView(generic.ObjectEditView):
    queryset = Honour.objects.all()
    form = forms.HonourForm


# --- 创新团队 ---------------------------------------------------------------------------------


class TeamListView(generic.ObjectListView):
    queryset = Team.objects.select_related("leader", "org", "region__parent__parent").annotate(
        member_count=Count("memberships")
    )
    filterset = filtersets.TeamFilterSet
    table = tables.TeamTable


class TeamView(generic.ObjectView):
    queryset = Team.objects.select_related("leader", "org", "region")

    def extra_context(self, obj):
        user = self.request.user
        members = obj.memberships.restrict(user, "view").select_related("talent__org")
        return {
            # The leader first, then by year of joining.
            "members": sorted(
                members, key=lambda m: (m.talent_id != obj.leader_id, m.joined_year or 0, m.pk)
            ),
            "can_add_member": user.has_perm("talents.add_teammember"),
        }


class TeamEditView(generic.ObjectEditView):
    queryset = Team.objects.all()
    form = forms.TeamForm


class TeamMemberListView(generic.ObjectListView):
    queryset = TeamMember.objects.select_related("team", "talent")
    filterset = filtersets.TeamMemberFilterSet
    table = tables.TeamMemberTable


class TeamMemberView(generic.ObjectView):
    queryset = TeamMember.objects.select_related("team", "talent")


class TeamMemberEditView(generic.ObjectEditView):
    queryset = TeamMember.objects.all()
    form = forms.TeamMemberForm


# --- 科技特派员 -------------------------------------------------------------------------------


class CommissionerListView(generic.ObjectListView):
    queryset = Commissioner.objects.select_related(
        "talent", "home_org", "region__parent__parent"
    ).annotate(assignment_count=Count("assignments"))
    filterset = filtersets.CommissionerFilterSet
    table = tables.CommissionerTable


class CommissionerView(generic.ObjectView):
    queryset = Commissioner.objects.select_related("talent", "home_org", "region")

    def extra_context(self, obj):
        user = self.request.user
        logs = obj.service_logs.restrict(user, "view")
        yearly = (
            logs.annotate(y=ExtractYear("date"))
            .order_by()
            .values("y")
            .annotate(n=Count("id"), days=Sum("days"), people=Sum("beneficiaries"))
            .order_by("-y")
        )
        return {
            "assignments": obj.assignments.restrict(user, "view").select_related("region__parent"),
            "log_years": list(yearly),
            "recent_logs": logs.select_related("region__parent")[:20],
            "log_count": logs.count(),
            "assessments": obj.assessments.restrict(user, "view"),
            "this_year": date.today().year,
            "perms_add": {
                "assignment": user.has_perm("talents.add_assignment"),
                "servicelog": user.has_perm("talents.add_servicelog"),
                "assessment": user.has_perm("talents.add_assessment"),
            },
        }


class CommissionerEditView(generic.ObjectEditView):
    queryset = Commissioner.objects.all()
    form = forms.CommissionerForm


class AssignmentListView(generic.ObjectListView):
    queryset = Assignment.objects.select_related("commissioner", "region__parent__parent")
    filterset = filtersets.AssignmentFilterSet
    table = tables.AssignmentTable


class AssignmentView(generic.ObjectView):
    queryset = Assignment.objects.select_related("commissioner", "region")


class AssignmentEditView(generic.ObjectEditView):
    queryset = Assignment.objects.all()
    form = forms.AssignmentForm


class ServiceLogListView(generic.ObjectListView):
    queryset = ServiceLog.objects.select_related("commissioner", "region__parent__parent")
    filterset = filtersets.ServiceLogFilterSet
    table = tables.ServiceLogTable


class ServiceLogView(generic.ObjectView):
    queryset = ServiceLog.objects.select_related("commissioner", "region")


class ServiceLogEditView(generic.ObjectEditView):
    queryset = ServiceLog.objects.all()
    form = forms.ServiceLogForm


class AssessmentListView(generic.ObjectListView):
    queryset = Assessment.objects.select_related("commissioner")
    filterset = filtersets.AssessmentFilterSet
    table = tables.AssessmentTable


class AssessmentView(generic.ObjectView):
    queryset = Assessment.objects.select_related("commissioner")


class AssessmentEditView(generic.ObjectEditView):
    queryset = Assessment.objects.all()
    form = forms.AssessmentForm


# --- 服务覆盖 ---------------------------------------------------------------------------------


def chosen_year(value: str | None) -> int:
    """The ?year= parameter when it is a year the registries accept, else this year."""
    this_year = date.today().year
    if value and value.isdigit() and FIRST_YEAR <= int(value) <= last_allowed_year():
        return int(value)
    return this_year


@login_required
@permission_required("talents.view_commissioner", raise_exception=True)
def coverage(request):
    """服务覆盖: township and village coverage per county in the user's scope for one year."""
    year = chosen_year(request.GET.get("year"))
    rows = services.coverage(year, Region.objects.restrict(request.user, "view"))
    years = sorted({*range(FIRST_COVERAGE_YEAR, date.today().year + 1), year}, reverse=True)
    context = {
        "year": year,
        "years": years,
        "rows": rows,
        "total": services.coverage_total(rows) if len(rows) > 1 else None,
        "chart": services.coverage_chart(year, rows) if rows else None,
    }
    return render(request, "talents/coverage.html", context)
