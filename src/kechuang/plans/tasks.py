"""规划任务: the plan's tasks with lead department, deadline, status and progress (任务推进看板)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import django_filters
import django_tables2 as tables
from django import forms
from django.db.models import Q
from django.utils.html import format_html

from kechuang.core.filtersets import BaseFilterSet
from kechuang.core.forms import BaseModelForm
from kechuang.core.tables import BaseTable
from kechuang.web import generic

from .models import Plan, Task, TaskStatus

STATUS_BADGE = {
    TaskStatus.NOT_STARTED: "bg-secondary-lt",
    TaskStatus.IN_PROGRESS: "bg-blue-lt",
    TaskStatus.DONE: "bg-green-lt",
    TaskStatus.DELAYED: "bg-red-lt",
}


def summary(tasks) -> dict:
    """Counts by status and overdue, for the board and the dashboard card."""
    tasks = list(tasks)
    counts = Counter(t.status for t in tasks)
    return {
        "total": len(tasks),
        "by_status": [(value, label, counts.get(value, 0)) for value, label in TaskStatus.choices],
        "overdue": sum(1 for t in tasks if t.overdue),
        "average": round(sum(t.progress for t in tasks) / len(tasks)) if tasks else None,
    }


class TaskFilterSet(BaseFilterSet):
    search_fields = ("code", "title", "lead", "partners", "latest")
    status = django_filters.ChoiceFilter(choices=TaskStatus.choices, label="推进状态")
    section = django_filters.CharFilter(label="规划章节")
    lead = django_filters.CharFilter(lookup_expr="icontains", label="牵头单位")
    overdue = django_filters.ChoiceFilter(
        choices=(("true", "是"), ("false", "否")),
        method="filter_overdue",
        label="逾期未完成",
        empty_label="全部",
    )

    class Meta:
        model = Task
        fields = ("q", "status", "section", "lead", "overdue")

    def filter_overdue(self, queryset, name, value):
        late = Q(deadline__lt=date.today()) & ~Q(status=TaskStatus.DONE)
        return queryset.filter(late) if value == "true" else queryset.exclude(late)


class TaskTable(BaseTable):
    code = tables.Column(linkify=lambda record: record.get_absolute_url())
    title = tables.Column(attrs={"td": {"style": "min-width:16rem;white-space:normal"}})
    progress = tables.Column(attrs={"td": {"style": "min-width:9rem"}})
    latest = tables.Column(
        orderable=False,
        attrs={"td": {"style": "min-width:14rem;max-width:26rem;white-space:normal"}},
    )

    class Meta(BaseTable.Meta):
        model = Task
        fields = (
            "pk",
            "code",
            "section",
            "title",
            "lead",
            "deadline",
            "status",
            "progress",
            "latest",
            "actions",
        )
        sequence = fields
        row_attrs = {"data-overdue": lambda record: "yes" if record.overdue else "no"}

    def render_title(self, record):
        indent = "ps-3" if record.parent_id else "fw-bold"
        return format_html('<span class="{}">{}</span>', indent, record.title)

    def render_status(self, record):
        late = (
            format_html(' <span class="badge bg-red-lt">{}</span>', "逾期")
            if record.overdue
            else ""
        )
        return format_html(
            '<span class="badge {}">{}</span>{}',
            STATUS_BADGE.get(record.status, ""),
            record.get_status_display(),
            late,
        )

    def value_status(self, record):
        return record.get_status_display() + ("（逾期）" if record.overdue else "")

    def render_progress(self, value):
        return format_html(
            '<div class="d-flex align-items-center gap-2"><div class="progress progress-sm flex-fill">'
            '<div class="progress-bar" style="width:{}%"></div></div><span class="small">{}%</span></div>',
            value,
            value,
        )

    def value_progress(self, value):
        return value

    def render_latest(self, value):
        return value or "—"


class TaskForm(BaseModelForm):
    fieldsets = (
        ("任务", ("plan", "code", "section", "parent", "title", "description")),
        ("分工", ("lead", "partners", "deadline")),
        ("推进情况", ("status", "progress", "latest")),
    )

    class Meta:
        model = Task
        fields = (
            "plan",
            "code",
            "section",
            "parent",
            "title",
            "description",
            "lead",
            "partners",
            "deadline",
            "status",
            "progress",
            "latest",
        )
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "latest": forms.Textarea(attrs={"rows": 3}),
        }


class TaskListView(generic.ObjectListView):
    """任务推进看板: the default plan's tasks with their status, progress and what is overdue."""

    queryset = Task.objects.select_related("plan", "parent")
    filterset = TaskFilterSet
    table = TaskTable

    def get(self, request):
        plan = Plan.objects.filter(is_default=True).first()
        if plan is not None:
            self.queryset = self.queryset.filter(plan=plan)
        self.plan = plan
        return super().get(request)

    def list_context(self, queryset):
        tasks = list(queryset.select_related(None))
        sections = []
        for task in tasks:
            if task.parent_id is None:
                children = [t for t in tasks if t.parent_id == task.pk]
                sections.append({"task": task, "children": children})
        return {"plan": self.plan, "summary": summary(tasks), "sections": sections}


class TaskView(generic.ObjectView):
    queryset = Task.objects.select_related("plan", "parent")

    def extra_context(self, obj):
        return {"children": list(obj.children.all())}


class TaskEditView(generic.ObjectEditView):
    queryset = Task.objects.select_related("plan")
    form = TaskForm

    def initial(self):
        initial = super().initial()
        plan = Plan.objects.filter(is_default=True).first()
        if plan is not None:
            initial.setdefault("plan", plan.pk)
        return initial
