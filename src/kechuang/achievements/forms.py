from django import forms
from django.db import models

from kechuang.core.forms import BaseModelForm

from . import trl
from .models import (
    Achievement,
    Appraisal,
    Contract,
    Demand,
    MatchRecord,
    SynonymEntry,
    TransferOutcome,
    TRLAssessment,
)

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


class TRLAssessmentForm(BaseModelForm):
    """The TRL questionnaire: % complete and evidence per criterion, for every level."""

    class Meta:
        model = TRLAssessment
        fields = ("achievement", "variant", "assessed_on", "assessor", "threshold", "note")
        widgets = {
            "assessed_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        answers = self.instance.answers or {}
        for criterion in trl.criteria("hardware") + [
            c for c in trl.criteria("software") if c.applies == "software"
        ]:
            saved = answers.get(criterion.code) or {}
            self.fields[f"p_{criterion.code}"] = forms.TypedChoiceField(
                label=criterion.text,
                choices=[(p, f"{p}%") for p in trl.PERCENT_CHOICES],
                coerce=int,
                initial=saved.get("percent", 0),
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"e_{criterion.code}"] = forms.CharField(
                label=f"{criterion.code} 证明材料",
                initial=saved.get("evidence", ""),
                required=False,
                max_length=300,
                widget=forms.TextInput(
                    attrs={
                        "class": "form-control form-control-sm",
                        "placeholder": criterion.evidence,
                    }
                ),
            )

    def header_fields(self):
        return [
            self[name]
            for name in ("achievement", "variant", "assessed_on", "assessor", "threshold")
        ]

    def levels(self):
        """The questionnaire laid out by level for the template."""
        out = []
        for number, spec in trl.questionnaire()["levels"].items():
            out.append(
                {
                    "level": number,
                    "name": spec["name"],
                    "criteria": [
                        {
                            "criterion": c,
                            "percent": self[f"p_{c.code}"],
                            "evidence": self[f"e_{c.code}"],
                        }
                        for c in spec["criteria"]
                    ],
                }
            )
        return out

    def clean(self):
        cleaned = super().clean()
        answers = {}
        variant = cleaned.get("variant") or "hardware"
        for c in trl.criteria(variant):
            percent = cleaned.get(f"p_{c.code}") or 0
            evidence = (cleaned.get(f"e_{c.code}") or "").strip()
            if percent and not evidence:
                self.add_error(
                    f"e_{c.code}",
                    f"{c.code}（第 {c.level} 级）填写了完成度 {percent}%，须注明证明材料",
                )
            if percent or evidence:
                answers[c.code] = {"percent": percent, "evidence": evidence}
        self.instance.answers = answers
        return cleaned

    def save(self, commit=True):
        assessment = super().save(commit)
        if commit:
            # The achievement's TRL follows its latest assessment (recorded in its history).
            latest = (
                TRLAssessment.objects.filter(achievement=assessment.achievement)
                .order_by("-assessed_on", "-pk")
                .first()
            )
            achievement = Achievement.objects.get(pk=assessment.achievement_id)
            wanted = latest.trl or None
            if achievement.trl != wanted:
                achievement.trl = wanted
                achievement.save()
        return assessment


class MatchRecordForm(BaseModelForm):
    """Progress of a match: status, the contract once signed, what happened."""

    class Meta:
        model = MatchRecord
        fields = ("status", "contract", "note")
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contracts = self.fields["contract"].queryset
        record = self.instance
        # The contract of this match: signed for this achievement, or between its two parties.
        self.fields["contract"].queryset = contracts.filter(
            models.Q(achievement=record.achievement_id)
            | models.Q(seller=record.achievement.owner_id, buyer=record.demand.org_id)
        )


class SynonymEntryForm(BaseModelForm):
    class Meta:
        model = SynonymEntry
        fields = ("industry", "canonical", "variants", "note")


class TransferOutcomeForm(BaseModelForm):
    fieldsets = (
        ("成果与年度", ("achievement", "year")),
        ("成效", ("revenue_wan", "profit_wan", "product_count", "products", "jobs")),
        ("评价", ("rating", "evaluator", "summary")),
    )

    class Meta:
        model = TransferOutcome
        fields = (
            "achievement",
            "year",
            "revenue_wan",
            "profit_wan",
            "product_count",
            "products",
            "jobs",
            "rating",
            "evaluator",
            "summary",
        )
        widgets = {"products": textarea(3), "summary": textarea(3)}
