"""统计填报: regions report their statistical figures per year; the city approves or returns them.

A submission is one region's figures for one year. The region fills it (draft), submits it (locked
for the region), and the city approves it (locked, counted in the indicators) or returns it with a
comment (editable again). Unlocking an approved submission is explicit, needs a reason, and is kept
in the change history like every other step.
"""

from datetime import date
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kechuang.core.changelog import changelog_context
from kechuang.core.scoping import instance_in_scope
from kechuang.regions.choices import RegionLevel
from kechuang.regions.models import Region

from .models import Plan, ReportingPeriod, StatValue, Submission

DEFAULT_DEADLINE = (3, 31)  # figures of year Y are due by 31 March of Y+1 unless a period says


def deadline_for(plan, year: int) -> date:
    """The deadline of a year's figures: the city's 填报期 if set, else 31 March of the next year."""
    period = ReportingPeriod.objects.filter(plan=plan, year=year).first()
    return period.deadline if period else date(year + 1, *DEFAULT_DEADLINE)


class PeriodForm(forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ("opens_on", "deadline", "note")
        widgets = {
            "opens_on": forms.DateInput(
                attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"
            ),
            "deadline": forms.DateInput(
                attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"
            ),
            "note": forms.TextInput(attrs={"class": "form-control"}),
        }


def _plan():
    return get_object_or_404(Plan.objects.select_related("region"), is_default=True)


def _year(request) -> int:
    value = request.GET.get("year", "")
    last = date.today().year - 1
    return int(value) if value.isdigit() and 2000 <= int(value) <= last + 1 else last


def reporting_regions(plan, user):
    """The city and counties of the plan the user may see."""
    visible = Region.objects.restrict(user)
    return list(
        visible.filter(path__startswith=plan.region.path)
        .filter(level__in=(RegionLevel.CITY, RegionLevel.COUNTY))
        .order_by("level", "code")
    )


@login_required
@permission_required("plans.view_submission", raise_exception=True)
def overview(request):
    """Completeness and timeliness of the year's figures, one row per region."""
    plan, year = _plan(), _year(request)
    regions = reporting_regions(plan, request.user)
    series = list(plan.series.all())
    subs = {
        s.region_id: s
        for s in Submission.objects.restrict(request.user)
        .filter(plan=plan, year=year)
        .select_related("submitted_by", "reviewed_by")
        .prefetch_related("values")
    }
    rows = []
    for region in regions:
        sub = subs.get(region.pk)
        filled = sum(1 for v in sub.values.all() if v.value is not None) if sub else 0
        rows.append({"region": region, "submission": sub, "filled": filled})
    counts = {
        key: sum(1 for r in rows if r["submission"] and r["submission"].status == key)
        for key in Submission.Status.values
    }
    context = {
        "plan": plan,
        "year": year,
        "years": list(range(date.today().year, 2015, -1)),
        "rows": rows,
        "series": series,
        "counts": counts,
        "can_add": request.user.has_perm("plans.add_submission"),
        "deadline": deadline_for(plan, year),
        "period": ReportingPeriod.objects.filter(plan=plan, year=year).first(),
        "period_form": PeriodForm(
            instance=ReportingPeriod.objects.filter(plan=plan, year=year).first()
            or ReportingPeriod(plan=plan, year=year, deadline=deadline_for(plan, year))
        )
        if request.user.has_perm("plans.change_reportingperiod")
        else None,
    }
    return render(request, "plans/reporting.html", context)


@login_required
@permission_required("plans.add_submission", raise_exception=True)
@require_POST
def start(request):
    """Open (or find) the submission of a region for a year."""
    plan = _plan()
    year = int(request.POST.get("year", "0") or 0)
    region = get_object_or_404(
        Region.objects.restrict(request.user), code=request.POST.get("region")
    )
    if not 2000 <= year <= date.today().year:
        raise PermissionDenied
    if not instance_in_scope(Submission(plan=plan, region=region, year=year), request.user, "add"):
        raise Http404
    with changelog_context(request.user, "开始填报"):
        sub, _created = Submission.objects.get_or_create(
            plan=plan,
            region=region,
            year=year,
            defaults={"deadline": deadline_for(plan, year)},
        )
    return redirect(sub)


@login_required
@permission_required("plans.change_reportingperiod", raise_exception=True)
@require_POST
def set_period(request):
    """Set a year's 填报期; every region's submission of that year takes the new deadline."""
    plan = _plan()
    year = int(request.POST.get("year", "0") or 0)
    if not 2000 <= year <= date.today().year:
        raise PermissionDenied
    period = ReportingPeriod.objects.filter(plan=plan, year=year).first() or ReportingPeriod(
        plan=plan, year=year
    )
    form = PeriodForm(request.POST, instance=period)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}：{error}" if label else error)
        return redirect(f"{request.path.rsplit('period/', 1)[0]}?year={year}")
    with transaction.atomic(), changelog_context(request.user, "设置填报期"):
        period = form.save()
        changed = 0
        for sub in Submission.objects.filter(plan=plan, year=year).exclude(
            deadline=period.deadline
        ):
            sub.deadline = period.deadline
            sub.save()
            changed += 1
    messages.success(
        request,
        f"已设置 {year} 年数据填报期，截止 {period.deadline:%Y-%m-%d}（更新 {changed} 份填报）",
    )
    return redirect(f"{request.path.rsplit('period/', 1)[0]}?year={year}")


class ValuesForm(forms.Form):
    """One value and one note per series."""

    def __init__(self, *args, series=(), previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.series = list(series)
        self.previous = previous or {}
        for s in self.series:
            self.fields[f"v_{s.code}"] = forms.DecimalField(
                label=f"{s.name}（{s.unit}）",
                required=False,
                min_value=0,
                max_digits=18,
                decimal_places=4,
            )
            self.fields[f"n_{s.code}"] = forms.CharField(
                label="说明", required=False, max_length=200
            )

    def rows(self):
        for s in self.series:
            prev = self.previous.get(s.code)
            yield {
                "series": s,
                "value": self[f"v_{s.code}"],
                "note": self[f"n_{s.code}"],
                "previous": prev,
            }

    def check_for_submit(self) -> list[str]:
        """Every figure is required to submit; a large change from last year needs a note."""
        problems = []
        for s in self.series:
            value = self.cleaned_data.get(f"v_{s.code}")
            if value is None:
                problems.append(f"“{s.name}”未填写")
                continue
            prev = self.previous.get(s.code)
            if prev and not self.cleaned_data.get(f"n_{s.code}"):
                change = (value - prev) / prev
                if abs(change) > s.max_change:
                    problems.append(
                        f"“{s.name}”比上年变化 {change * 100:+.1f}%（上年 {prev:,.2f}），超过 "
                        f"{s.max_change * 100:.0f}%，请在“说明”中写明原因"
                    )
        return problems


def _previous(sub) -> dict:
    """Last year's approved figures of the same region, by series code."""
    rows = StatValue.objects.filter(
        submission__plan=sub.plan,
        submission__region=sub.region,
        submission__year=sub.year - 1,
        submission__status=Submission.Status.APPROVED,
        value__isnull=False,
    ).values_list("series__code", "value")
    return {code: Decimal(v) for code, v in rows}


@login_required
@permission_required("plans.view_submission", raise_exception=True)
def submission(request, pk: int):
    sub = get_object_or_404(
        Submission.objects.restrict(request.user).select_related("region", "plan"), pk=pk
    )
    series = list(sub.plan.series.all())
    stored = {v.series.code: v for v in sub.values.select_related("series")}
    initial = {}
    for code, v in stored.items():
        initial[f"v_{code}"] = v.value
        initial[f"n_{code}"] = v.note
    previous = _previous(sub)
    may_edit = (
        not sub.locked
        and request.user.has_perm("plans.change_submission")
        and Submission.objects.restrict(request.user, "change").filter(pk=sub.pk).exists()
    )
    form = ValuesForm(request.POST or None, initial=initial, series=series, previous=previous)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if form.is_valid():
            action = request.POST.get("action", "save")
            problems = form.check_for_submit() if action == "submit" else []
            if problems:
                for p in problems:
                    messages.error(request, p)
            else:
                with transaction.atomic(), changelog_context(request.user, "统计填报"):
                    for s in series:
                        value = form.cleaned_data.get(f"v_{s.code}")
                        note = form.cleaned_data.get(f"n_{s.code}") or ""
                        current = stored.get(s.code)
                        if current is None:
                            StatValue.objects.create(
                                submission=sub, series=s, value=value, note=note
                            )
                        elif current.value != value or current.note != note:
                            current.value, current.note = value, note
                            current.save()
                    if action == "submit":
                        sub.status = Submission.Status.SUBMITTED
                        sub.submitted_at = timezone.now()
                        sub.submitted_by = request.user
                        sub.save()
                messages.success(
                    request, "已提交，等待市局审核" if action == "submit" else "已保存"
                )
                return redirect(sub)
    context = {
        "sub": sub,
        "form": form,
        "may_edit": may_edit,
        "may_review": request.user.has_perm("plans.review_submission"),
        "history": sub.history.select_related("history_user").order_by("-history_date")[:20],
    }
    return render(request, "plans/submission.html", context)


@login_required
@permission_required("plans.review_submission", raise_exception=True)
@require_POST
def review(request, pk: int):
    """Approve, return (with a comment) or unlock (with a reason) a submission."""
    sub = get_object_or_404(Submission.objects.restrict(request.user, "change"), pk=pk)
    action = request.POST.get("action")
    comment = (request.POST.get("comment") or "").strip()
    S = Submission.Status
    allowed = {"approve": (S.SUBMITTED,), "return": (S.SUBMITTED,), "unlock": (S.APPROVED,)}
    if sub.status not in allowed.get(action, ()):
        messages.error(request, f"当前状态为“{sub.get_status_display()}”，不能执行该操作")
        return redirect(sub)
    if action in ("return", "unlock") and not comment:
        messages.error(request, "退回或解锁须填写原因")
        return redirect(sub)
    reason = {"approve": "审核通过", "return": f"退回：{comment}", "unlock": f"解锁：{comment}"}[
        action
    ]
    with changelog_context(request.user, reason):
        sub.status = {"approve": S.APPROVED, "return": S.RETURNED, "unlock": S.RETURNED}[action]
        sub.reviewed_at = timezone.now()
        sub.reviewed_by = request.user
        sub.comment = comment
        sub.save()
    if action in ("approve", "unlock"):
        _refresh_indicators(sub)
    messages.success(
        request,
        {"approve": "已审核通过并锁定", "return": "已退回", "unlock": "已解锁并退回修改"}[action],
    )
    return redirect(sub)


def _refresh_indicators(sub):
    """Recompute the input indicators of the submission's year (their values changed)."""
    from .values import recompute

    recompute(sub.plan, [sub.year], only_inputs=True)
