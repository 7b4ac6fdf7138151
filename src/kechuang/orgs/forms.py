from django import forms

from kechuang.core.forms import BaseModelForm

from .models import Org


class OrgForm(BaseModelForm):
    fieldsets = (
        (
            "基本信息",
            (
                "name",
                "uscc",
                "kind",
                "industry",
                "region",
                "established_on",
                "registered_capital_wan",
            ),
        ),
        ("联系方式", ("address", "legal_representative", "contact_person", "contact_phone")),
        ("其他", ("description",)),
    )

    class Meta:
        model = Org
        fields = (
            "name",
            "uscc",
            "kind",
            "industry",
            "region",
            "established_on",
            "registered_capital_wan",
            "address",
            "legal_representative",
            "contact_person",
            "contact_phone",
            "description",
        )
        widgets = {
            "established_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
