from django import forms

from kechuang.core.forms import BaseModelForm

from .choices import ORG_USER_REPORT_STATUSES, REVIEWED_REPORT_STATUSES, org_user_lock_problem
from .models import Platform, PlatformReport, co_host_problem


class PlatformForm(BaseModelForm):
    fieldsets = (
        ("基本信息", ("name", "code", "kind", "level", "industry", "tech_field", "director")),
        ("依托与共建", ("host", "co_hosts", "region")),
        ("认定与运行", ("approved_on", "approval_doc", "status", "status_since", "revoked_on")),
        ("其他", ("description",)),
    )

    class Meta:
        model = Platform
        fields = (
            "name",
            "code",
            "kind",
            "level",
            "industry",
            "tech_field",
            "director",
            "host",
            "co_hosts",
            "region",
            "approved_on",
            "approval_doc",
            "status",
            "status_since",
            "revoked_on",
            "description",
        )
        widgets = {
            "approved_on": forms.DateInput(attrs={"type": "date"}),
            "status_since": forms.DateInput(attrs={"type": "date"}),
            "revoked_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        if problem := co_host_problem(cleaned.get("host"), cleaned.get("co_hosts")):
            self.add_error("co_hosts", problem)
        return cleaned


class PlatformReportForm(BaseModelForm):
    fieldsets = (
        ("基本信息", ("platform", "year")),
        ("人员", ("staff", "researchers", "senior_researchers")),
        (
            "投入",
            ("rd_spend_wan", "equipment_value_wan", "projects", "project_funding_wan"),
        ),
        (
            "产出",
            (
                "patents_applied",
                "patents_granted",
                "invention_patents_granted",
                "papers",
                "standards",
                "achievements_transferred",
                "transfer_income_wan",
                "cooperation_projects",
                "income_wan",
            ),
        ),
        ("填报与审核", ("status", "review_comment")),
    )

    class Meta:
        model = PlatformReport
        fields = (
            "platform",
            "year",
            "staff",
            "researchers",
            "senior_researchers",
            "rd_spend_wan",
            "equipment_value_wan",
            "projects",
            "project_funding_wan",
            "patents_applied",
            "patents_granted",
            "invention_patents_granted",
            "papers",
            "standards",
            "achievements_transferred",
            "transfer_income_wan",
            "cooperation_projects",
            "income_wan",
            "status",
            "review_comment",
        )
        widgets = {"review_comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._status_before = self.instance.status if self.instance.pk else None
        if getattr(self.user, "scope_org_id", None) is not None:
            # Organisation users fill in and submit; reviewing is the bureau's job.
            allowed = set(ORG_USER_REPORT_STATUSES) | {self._status_before}
            self.fields["status"].choices = [
                c for c in self.fields["status"].choices if c[0] in allowed
            ]

    def clean(self):
        cleaned = super().clean()
        if problem := org_user_lock_problem(self._status_before, self.user):
            raise forms.ValidationError(problem)
        return cleaned

    def save(self, commit=True):
        report = self.instance
        if report.status in REVIEWED_REPORT_STATUSES and report.status != self._status_before:
            report.reviewed_by = self.user
        return super().save(commit)
