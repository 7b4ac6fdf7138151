from django import forms

from kechuang.core.choices import KeyIndustry
from kechuang.core.forms import BaseModelForm
from kechuang.orgs.choices import OrgKind

from .models import Carrier, Fund, Investment, Tenancy

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


def limit_to_enterprises(form, name: str = "enterprise") -> None:
    """Offer only organisations of kind 企业 (the model rule still checks API and imports)."""
    field = form.fields[name]
    field.queryset = field.queryset.filter(kind=OrgKind.ENTERPRISE)


class CarrierForm(BaseModelForm):
    fieldsets = (
        (
            "基本信息",
            (
                "name",
                "kind",
                "level",
                "recognised_on",
                "specialisation",
                "industry",
                "operator",
                "region",
                "status",
            ),
        ),
        (
            "场地与服务",
            (
                "area_sqm",
                "incubation_area_sqm",
                "fund_size_wan",
                "mentors",
                "staff",
                "professional_staff",
            ),
        ),
        ("其他", ("description",)),
    )

    class Meta:
        model = Carrier
        fields = (
            "name",
            "kind",
            "level",
            "recognised_on",
            "specialisation",
            "industry",
            "operator",
            "region",
            "status",
            "area_sqm",
            "incubation_area_sqm",
            "fund_size_wan",
            "mentors",
            "staff",
            "professional_staff",
            "description",
        )
        widgets = {"recognised_on": DATE, "description": TEXT}


class TenancyForm(BaseModelForm):
    fieldsets = (
        ("在孵信息", ("carrier", "enterprise", "entered_on", "ip_count")),
        ("离开", ("exited_on", "exit_reason", "graduated_criteria_note")),
    )

    class Meta:
        model = Tenancy
        fields = (
            "carrier",
            "enterprise",
            "entered_on",
            "ip_count",
            "exited_on",
            "exit_reason",
            "graduated_criteria_note",
        )
        widgets = {"entered_on": DATE, "exited_on": DATE, "graduated_criteria_note": TEXT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_to_enterprises(self)


class FundForm(BaseModelForm):
    focus_industries = forms.MultipleChoiceField(
        label=Fund._meta.get_field("focus_industries").verbose_name,
        choices=KeyIndustry.choices,
        required=False,
        help_text="可多选",
    )

    class Meta:
        model = Fund
        fields = (
            "name",
            "manager",
            "region",
            "size_wan",
            "established_on",
            "government_guided",
            "focus_industries",
            "description",
        )
        widgets = {"established_on": DATE, "description": TEXT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Stored as a comma list ("nylon,it"); the select wants a list of codes.
        value = self.initial.get("focus_industries")
        if isinstance(value, str):
            self.initial["focus_industries"] = [c for c in value.split(",") if c]

    def clean_focus_industries(self):
        return ",".join(self.cleaned_data.get("focus_industries") or [])


class InvestmentForm(BaseModelForm):
    class Meta:
        model = Investment
        fields = (
            "fund",
            "enterprise",
            "amount_wan",
            "invested_on",
            "round",
            "carrier",
            "note",
        )
        widgets = {"invested_on": DATE, "note": TEXT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_to_enterprises(self)
