from django import forms

from kechuang.core.forms import BaseModelForm

from .models import Achievement, Appraisal, Contract, Demand

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class AchievementForm(BaseModelForm):
    fieldsets = (
        (
            "基本信息",
            ("title", "owner", "co_owners", "field", "industry", "completed_on", "region"),
        ),
        ("技术与转化", ("trl", "status", "keywords", "description", "ip_list")),
        ("联系方式", ("contact_person", "contact_phone")),
    )

    class Meta:
        model = Achievement
        fields = (
            "title",
            "owner",
            "co_owners",
            "field",
            "industry",
            "completed_on",
            "region",
            "trl",
            "status",
            "keywords",
            "description",
            "ip_list",
            "contact_person",
            "contact_phone",
        )
        widgets = {
            "completed_on": DATE,
            "description": textarea(4),
            "ip_list": textarea(4),
        }


class AppraisalForm(BaseModelForm):
    fieldsets = (
        ("基本信息", ("achievement", "kind", "organised_by", "appraised_on", "conclusion")),
        ("评分", ("advancement", "maturity", "market_prospects", "ip_strength", "score")),
        ("专家与意见", ("experts", "summary")),
    )

    class Meta:
        model = Appraisal
        fields = (
            "achievement",
            "kind",
            "organised_by",
            "appraised_on",
            "conclusion",
            "advancement",
            "maturity",
            "market_prospects",
            "ip_strength",
            "score",
            "experts",
            "summary",
        )
        widgets = {"appraised_on": DATE, "experts": textarea(3), "summary": textarea(4)}


class DemandForm(BaseModelForm):
    fieldsets = (
        ("基本信息", ("title", "org", "field", "industry", "region", "status")),
        ("需求内容", ("keywords", "description", "budget_wan", "published_on", "deadline")),
        ("联系方式", ("contact_person", "contact_phone")),
    )

    class Meta:
        model = Demand
        fields = (
            "title",
            "org",
            "field",
            "industry",
            "region",
            "status",
            "keywords",
            "description",
            "budget_wan",
            "published_on",
            "deadline",
            "contact_person",
            "contact_phone",
        )
        widgets = {"published_on": DATE, "deadline": DATE, "description": textarea(4)}


class ContractForm(BaseModelForm):
    fieldsets = (
        (
            "合同信息",
            ("contract_no", "name", "kind", "field", "achievement", "signed_on", "registered_on"),
        ),
        ("金额", ("contract_value_wan", "transaction_value_wan")),
        ("卖方（技术输出方）", ("seller", "seller_name", "seller_region", "seller_region_text")),
        ("买方（技术吸纳方）", ("buyer", "buyer_name", "buyer_region", "buyer_region_text")),
    )

    class Meta:
        model = Contract
        fields = (
            "contract_no",
            "name",
            "kind",
            "field",
            "achievement",
            "signed_on",
            "registered_on",
            "contract_value_wan",
            "transaction_value_wan",
            "seller",
            "seller_name",
            "seller_region",
            "seller_region_text",
            "buyer",
            "buyer_name",
            "buyer_region",
            "buyer_region_text",
        )
        widgets = {"signed_on": DATE, "registered_on": DATE}
