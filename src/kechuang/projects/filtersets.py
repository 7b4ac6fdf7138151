from datetime import date

import django_filters

from kechuang.core.choices import KeyIndustry, TechField
from kechuang.core.filtersets import BaseFilterSet
from kechuang.regions.filters import CountyFilter

from .choices import CallStatus, MilestoneStatus, ProjectStatus, ProposalStatus
from .models import Call, Expert, Milestone, Project, Proposal, Review


def id_filter(field_name: str, label: str):
    """Filter by a related record's id (linked from other pages and used by the API); the
    related tables are too long for a select."""
    return django_filters.NumberFilter(field_name=field_name, label=label)


def year_filter(field_name: str, label: str = "年度"):
    return django_filters.NumberFilter(field_name=field_name, label=label)


class CallFilterSet(BaseFilterSet):
    search_fields = ("title", "description")
    year = year_filter("year")
    key_field = django_filters.ChoiceFilter(choices=KeyIndustry.choices, label="重点领域")
    status = django_filters.ChoiceFilter(choices=CallStatus.choices, label="状态")
    county = CountyFilter("region")

    class Meta:
        model = Call
        fields = ("q", "year", "key_field", "status", "county")


class ProposalFilterSet(BaseFilterSet):
    search_fields = ("title", "leader_name", "applicant__name", "applicant__search_initials")
    year = year_filter("call__year")
    key_field = django_filters.ChoiceFilter(
        field_name="call__key_field", choices=KeyIndustry.choices, label="重点领域"
    )
    status = django_filters.ChoiceFilter(choices=ProposalStatus.choices, label="状态")
    county = CountyFilter("region")
    call = django_filters.ModelChoiceFilter(queryset=Call.objects.all(), label="课题指南")
    field = django_filters.ChoiceFilter(choices=TechField.choices, label="技术领域")
    applicant = id_filter("applicant", "申报单位ID")

    class Meta:
        model = Proposal
        fields = ("q", "year", "key_field", "status", "county", "call", "field", "applicant")


class ReviewFilterSet(BaseFilterSet):
    search_fields = ("proposal__title", "expert__name", "opinion")
    year = year_filter("proposal__call__year")
    key_field = django_filters.ChoiceFilter(
        field_name="proposal__call__key_field", choices=KeyIndustry.choices, label="重点领域"
    )
    conflict_declared = django_filters.BooleanFilter(label="声明回避")
    county = CountyFilter("proposal__region")
    call = django_filters.ModelChoiceFilter(
        field_name="proposal__call", queryset=Call.objects.all(), label="课题指南"
    )
    proposal = id_filter("proposal", "课题申报ID")
    expert = django_filters.ModelChoiceFilter(queryset=Expert.objects.all(), label="评审专家")

    class Meta:
        model = Review
        fields = (
            "q",
            "year",
            "key_field",
            "conflict_declared",
            "county",
            "call",
            "proposal",
            "expert",
        )


class ProjectFilterSet(BaseFilterSet):
    search_fields = ("title", "project_no", "leader_name", "owner__name", "owner__search_initials")
    year = year_filter("starts_on__year", "立项年度")
    key_field = django_filters.ChoiceFilter(
        field_name="call__key_field", choices=KeyIndustry.choices, label="重点领域"
    )
    status = django_filters.ChoiceFilter(choices=ProjectStatus.choices, label="状态")
    county = CountyFilter("region")
    call = django_filters.ModelChoiceFilter(queryset=Call.objects.all(), label="课题指南")
    owner = id_filter("owner", "承担单位ID")

    class Meta:
        model = Project
        fields = ("q", "year", "key_field", "status", "county", "call", "owner", "project_no")


class MilestoneFilterSet(BaseFilterSet):
    search_fields = ("title", "project__title", "project__project_no", "note")
    year = year_filter("due_on__year", "计划完成年度")
    status = django_filters.ChoiceFilter(choices=MilestoneStatus.choices, label="状态")
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="逾期")
    county = CountyFilter("project__region")
    call = django_filters.ModelChoiceFilter(
        field_name="project__call", queryset=Call.objects.all(), label="课题指南"
    )
    project = id_filter("project", "立项项目ID")

    class Meta:
        model = Milestone
        fields = ("q", "year", "status", "overdue", "county", "call", "project")

    def filter_overdue(self, queryset, name, value):
        overdue = {
            "due_on__lt": date.today(),
            "done_on__isnull": True,
        }
        if value:
            return queryset.filter(**overdue).exclude(status=MilestoneStatus.DONE)
        if value is False:
            return queryset.exclude(
                pk__in=queryset.filter(**overdue).exclude(status=MilestoneStatus.DONE).values("pk")
            )
        return queryset


class ExpertFilterSet(BaseFilterSet):
    search_fields = ("name", "org__name", "org_name", "disciplines", "title")
    main_field = django_filters.ChoiceFilter(choices=TechField.choices, label="主要技术领域")
    available = django_filters.BooleanFilter(label="可参与评审")
    county = CountyFilter("region")
    org = id_filter("org", "工作单位ID")

    class Meta:
        model = Expert
        fields = ("q", "main_field", "available", "county", "org")
