from django import forms
from django.db.models import Q

from kechuang.core.forms import BaseModelForm

from .models import Call, Expert, Milestone, Project, Proposal, Review

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class CallForm(BaseModelForm):
    fieldsets = (
        ("基本信息", ("year", "title", "key_field", "region", "budget_wan", "status")),
        ("申报期", ("opens_on", "closes_on")),
        ("其他", ("description",)),
    )

    class Meta:
        model = Call
        fields = (
            "year",
            "title",
            "key_field",
            "region",
            "budget_wan",
            "status",
            "opens_on",
            "closes_on",
            "description",
        )
        widgets = {"opens_on": DATE, "closes_on": DATE, "description": text(4)}


class ProposalForm(BaseModelForm):
    fieldsets = (
        ("基本信息", ("call", "title", "field", "applicant", "region", "submitted_on", "status")),
        ("团队", ("leader_name", "team")),
        ("经费", ("budget_wan", "self_funding_wan")),
    )

    class Meta:
        model = Proposal
        fields = (
            "call",
            "title",
            "field",
            "applicant",
            "region",
            "submitted_on",
            "status",
            "leader_name",
            "team",
            "budget_wan",
            "self_funding_wan",
        )
        widgets = {"submitted_on": DATE, "team": text(4)}


class ReviewForm(BaseModelForm):
    class Meta:
        model = Review
        fields = ("proposal", "expert", "conflict_declared", "score", "reviewed_on", "opinion")
        widgets = {"reviewed_on": DATE, "opinion": text(4)}


class ProjectForm(BaseModelForm):
    fieldsets = (
        ("基本信息", ("project_no", "title", "proposal", "call", "status")),
        ("承担单位", ("owner", "region", "leader_name")),
        ("经费与周期", ("funded_wan", "self_funding_wan", "starts_on", "ends_on")),
    )

    class Meta:
        model = Project
        fields = (
            "project_no",
            "title",
            "proposal",
            "call",
            "status",
            "owner",
            "region",
            "leader_name",
            "funded_wan",
            "self_funding_wan",
            "starts_on",
            "ends_on",
        )
        widgets = {"starts_on": DATE, "ends_on": DATE}


class MilestoneForm(BaseModelForm):
    class Meta:
        model = Milestone
        fields = ("project", "title", "due_on", "status", "done_on", "note")
        widgets = {"due_on": DATE, "done_on": DATE, "note": text(3)}


class ExpertForm(BaseModelForm):
    fieldsets = (
        ("基本信息", ("name", "title", "org", "org_name", "region", "available")),
        ("专业", ("main_field", "disciplines")),
        ("联系方式（个人信息）", ("phone", "email")),
        ("回避", ("conflict_orgs",)),
    )

    class Meta:
        model = Expert
        fields = (
            "name",
            "title",
            "org",
            "org_name",
            "region",
            "available",
            "main_field",
            "disciplines",
            "phone",
            "email",
            "conflict_orgs",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The pool is city-wide: keep the expert's current organisations selectable even when
        # they lie outside the editing user's scope, so that saving does not drop them.
        if self.instance.pk:
            current = [
                self.instance.org_id,
                *self.instance.conflict_orgs.values_list("pk", flat=True),
            ]
            for name in ("org", "conflict_orgs"):
                field = self.fields[name]
                base = field.queryset.model.objects.all()
                field.queryset = base.filter(
                    Q(pk__in=field.queryset.values("pk")) | Q(pk__in=[c for c in current if c])
                )
