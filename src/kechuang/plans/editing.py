"""Editing the plan in the UI: warning settings, and each indicator's wording, direction, target
and annual targets (entered in display units, stored canonically). Every change is in the history."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from kechuang.core.changelog import changelog_context
from kechuang.core.forms import BaseModelForm
from kechuang.web import generic

from .models import AnnualTarget, Indicator, Plan


class PlanSettingsForm(BaseModelForm):
    class Meta:
        model = Plan
        fields = (
            "name",
            "source",
            "path_method",
            "warning_normal",
            "warning_serious",
            "tasks_illustrative",
        )


class IndicatorForm(BaseModelForm):
    """Targets are typed as shown (1.76 for 1.76 %, 7.54 for 7.54 亿元) and stored canonically."""

    target_shown = forms.DecimalField(
        label="目标值", required=False, max_digits=20, decimal_places=6
    )

    class Meta:
        model = Indicator
        fields = (
            "name",
            "section",
            "direction",
            "decimals",
            "definition",
            "headline",
            "target_year",
            "target_shown",
            "target_illustrative",
        )
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ind = self.instance
        self.fields["target_shown"].label = f"目标值（{ind.display_unit}）"
        if ind.target_value is not None:
            self.fields["target_shown"].initial = _shown(ind, ind.target_value)
        plan = ind.plan
        self.year_fields = []
        existing = {t.year: t.value for t in ind.annual_targets.all()}
        for year in range(plan.start_year, plan.end_year + 1):
            name = f"y_{year}"
            self.fields[name] = forms.DecimalField(
                label=f"{year}年",
                required=False,
                max_digits=20,
                decimal_places=6,
                initial=_shown(ind, existing[year]) if year in existing else None,
                widget=forms.NumberInput(
                    attrs={"class": "form-control form-control-sm", "step": "any"}
                ),
            )
            self.year_fields.append(self[name])

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("target_year")
        plan = self.instance.plan
        if year and not plan.start_year <= year <= plan.end_year + 5:
            self.add_error(
                "target_year", f"目标年度应在 {plan.start_year}–{plan.end_year + 5} 之间"
            )
        if cleaned.get("target_shown") is not None and not year:
            self.add_error("target_year", "填写目标值时须填写目标年度")
        return cleaned

    def save(self, commit=True):
        ind = self.instance
        shown = self.cleaned_data.get("target_shown")
        ind.target_value = None if shown is None else _stored(ind, shown)
        ind = super().save(commit)
        for year in range(ind.plan.start_year, ind.plan.end_year + 1):
            value = self.cleaned_data.get(f"y_{year}")
            target = AnnualTarget.objects.filter(indicator=ind, year=year).first()
            if value is None:
                if target is not None:
                    target.delete()
                continue
            stored = _stored(ind, value)
            if target is None:
                AnnualTarget.objects.create(indicator=ind, year=year, value=stored)
            elif target.value != stored:
                target.value = stored
                target.save()
        return ind


def _shown(ind, value) -> Decimal:
    return (Decimal(value) * ind.display_factor).normalize()


def _stored(ind, shown) -> Decimal:
    try:
        return (Decimal(shown) / ind.display_factor).quantize(Decimal("0.000001"))
    except (InvalidOperation, ZeroDivisionError):
        return Decimal(shown)


class PlanEditView(generic.ObjectEditView):
    """规划设置: the generic edit page (validation, stale-edit refusal, history)."""

    queryset = Plan.objects.all()
    form = PlanSettingsForm

    def get_object(self):
        if "pk" not in self.kwargs:
            raise PermissionDenied("规划由规划文件载入（kechuang plan load）")
        return super().get_object()


@login_required
@permission_required("plans.change_indicator", raise_exception=True)
def indicator_edit(request, pk):
    ind = get_object_or_404(Indicator.objects.select_related("plan"), pk=pk)
    form = IndicatorForm(request.POST or None, instance=ind, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic(), changelog_context(request.user, "修改规划指标"):
            form.save()
        messages.success(request, f"已保存指标“{ind.name}”")
        return redirect("plans:plan", pk=ind.plan_id)
    return render(
        request,
        "plans/indicator_edit.html",
        {"indicator": ind, "form": form},
        status=400 if form.errors else 200,
    )
