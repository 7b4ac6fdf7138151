from django import forms

from kechuang.core.forms import BaseModelForm

from .models import (
    SERVED_LEVELS,
    Assessment,
    Assignment,
    Commissioner,
    Honour,
    ServiceLog,
    Talent,
    Team,
    TeamMember,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def served_regions_only(form, name: str = "region") -> None:
    """Offer only townships and villages (the model rule still checks API and imports)."""
    field = form.fields[name]
    field.queryset = field.queryset.filter(level__in=SERVED_LEVELS)


class TalentForm(BaseModelForm):
    fieldsets = (
        (
            "基本信息",
            (
                "name",
                "gender",
                "birth_year",
                "id_number",
                "phone",
                "category",
                "title",
                "education",
            ),
        ),
        ("工作单位与领域", ("org", "region", "field", "industry")),
        ("其他", ("description",)),
    )

    class Meta:
        model = Talent
        fields = (
            "name",
            "gender",
            "birth_year",
            "id_number",
            "phone",
            "category",
            "title",
            "education",
            "org",
            "region",
            "field",
            "industry",
            "description",
        )
        widgets = {"description": TEXTAREA}


class HonourForm(BaseModelForm):
    class Meta:
        model = Honour
        fields = ("talent", "name", "level", "year")


class TeamForm(BaseModelForm):
    class Meta:
        model = Team
        fields = (
            "name",
            "leader",
            "org",
            "region",
            "field",
            "industry",
            "founded_year",
            "description",
        )
        widgets = {"description": TEXTAREA}


class TeamMemberForm(BaseModelForm):
    class Meta:
        model = TeamMember
        fields = ("team", "talent", "role", "joined_year")


class CommissionerForm(BaseModelForm):
    class Meta:
        model = Commissioner
        fields = ("kind", "talent", "name", "level", "home_org", "region", "speciality", "active")


class AssignmentForm(BaseModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        served_regions_only(self)

    class Meta:
        model = Assignment
        fields = ("commissioner", "region", "start_year", "end_year")


class ServiceLogForm(BaseModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        served_regions_only(self)

    class Meta:
        model = ServiceLog
        fields = ("commissioner", "date", "days", "region", "content", "beneficiaries")
        widgets = {"date": forms.DateInput(attrs={"type": "date"}), "content": TEXTAREA}


class AssessmentForm(BaseModelForm):
    class Meta:
        model = Assessment
        fields = ("commissioner", "year", "result", "comment")
        widgets = {"comment": TEXTAREA}
