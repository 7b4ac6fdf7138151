from django import forms

from kechuang.core.forms import BaseModelForm

from .models import AnnualData, Enterprise, Qualification


class EnterpriseForm(BaseModelForm):
    class Meta:
        model = Enterprise
        fields = ("org", "tech_field", "industry", "main_products", "listed", "description")
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = self.fields["org"].queryset.filter(kind="enterprise")
        self.fields["org"].help_text = "先在“法人单位”中登记企业，再在此选择"


class AnnualDataForm(BaseModelForm):
    fieldsets = (
        ("基本", ("enterprise", "year", "above_scale")),
        ("人员", ("employees", "st_staff")),
        (
            "收入与资产（万元）",
            (
                "sales_revenue_wan",
                "total_income_wan",
                "high_tech_income_wan",
                "new_product_revenue_wan",
                "export_wan",
                "total_assets_wan",
                "net_assets_wan",
                "cost_expense_total_wan",
            ),
        ),
        ("研发与知识产权", ("rd_expense_wan", "rd_expense_in_china_wan", "class1_ip", "class2_ip")),
    )

    class Meta:
        model = AnnualData
        fields = (
            "enterprise",
            "year",
            "above_scale",
            "employees",
            "st_staff",
            "sales_revenue_wan",
            "total_income_wan",
            "high_tech_income_wan",
            "new_product_revenue_wan",
            "export_wan",
            "total_assets_wan",
            "net_assets_wan",
            "cost_expense_total_wan",
            "rd_expense_wan",
            "rd_expense_in_china_wan",
            "class1_ip",
            "class2_ip",
        )


class QualificationForm(BaseModelForm):
    class Meta:
        model = Qualification
        fields = (
            "enterprise",
            "kind",
            "number",
            "year",
            "issued_on",
            "valid_until",
            "revoked_on",
            "note",
        )
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}),
            "valid_until": forms.DateInput(attrs={"type": "date"}),
            "revoked_on": forms.DateInput(attrs={"type": "date"}),
        }


__all__ = ["AnnualDataForm", "EnterpriseForm", "QualificationForm"]
