import django_filters

from kechuang.core.choices import KeyIndustry, Level, TechField
from kechuang.core.filtersets import BaseFilterSet, YearRuleFilter
from kechuang.orgs.models import Org
from kechuang.regions.choices import RegionLevel
from kechuang.regions.filters import CountyFilter
from kechuang.regions.models import Region

from .choices import (
    AssessmentResult,
    CommissionerKind,
    Education,
    Gender,
    TalentCategory,
    TitleLevel,
)
from .models import (
    Assessment,
    Assignment,
    Commissioner,
    Honour,
    ServiceLog,
    Talent,
    Team,
    TeamMember,
)


class TalentFilterSet(BaseFilterSet):
    search_fields = ("name", "search_initials", "org__name")
    category = django_filters.ChoiceFilter(choices=TalentCategory.choices, label="人才类别")
    county = CountyFilter("region")
    field = django_filters.ChoiceFilter(choices=TechField.choices, label="技术领域")
    industry = django_filters.ChoiceFilter(choices=KeyIndustry.choices, label="重点产业")
    gender = django_filters.ChoiceFilter(choices=Gender.choices, label="性别")
    title = django_filters.ChoiceFilter(choices=TitleLevel.choices, label="职称")
    education = django_filters.ChoiceFilter(choices=Education.choices, label="学历")
    honour_level = django_filters.ChoiceFilter(
        choices=Level.choices, method="filter_honour_level", label="入选人才计划级别"
    )
    org = django_filters.ModelChoiceFilter(queryset=Org.objects.all(), label="工作单位")
    born_after = django_filters.NumberFilter(
        field_name="birth_year", lookup_expr="gte", label="出生年份起"
    )
    born_before = django_filters.NumberFilter(
        field_name="birth_year", lookup_expr="lte", label="出生年份止"
    )

    class Meta:
        model = Talent
        fields = (
            "q",
            "category",
            "county",
            "field",
            "industry",
            "gender",
            "title",
            "education",
            "honour_level",
            "org",
            "born_after",
            "born_before",
        )

    def filter_honour_level(self, queryset, name, value):
        return queryset.filter(honours__level=value).distinct()


class HonourFilterSet(BaseFilterSet):
    search_fields = ("name", "talent__name", "talent__search_initials")
    level = django_filters.ChoiceFilter(choices=Level.choices, label="级别")
    year = django_filters.NumberFilter(label="入选年度")
    category = django_filters.ChoiceFilter(
        field_name="talent__category", choices=TalentCategory.choices, label="人才类别"
    )
    county = CountyFilter("talent__region")
    talent = django_filters.ModelChoiceFilter(queryset=Talent.objects.all(), label="人才")

    class Meta:
        model = Honour
        fields = ("q", "level", "year", "category", "county", "talent")


class TeamFilterSet(BaseFilterSet):
    search_fields = ("name", "search_initials", "leader__name", "org__name")
    county = CountyFilter("region")
    field = django_filters.ChoiceFilter(choices=TechField.choices, label="技术领域")
    industry = django_filters.ChoiceFilter(choices=KeyIndustry.choices, label="重点产业")
    org = django_filters.ModelChoiceFilter(queryset=Org.objects.all(), label="依托单位")
    founded_year = django_filters.NumberFilter(label="组建年度")

    class Meta:
        model = Team
        fields = ("q", "county", "field", "industry", "org", "founded_year")


class TeamMemberFilterSet(BaseFilterSet):
    search_fields = ("talent__name", "talent__search_initials", "team__name", "role")
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all(), label="创新团队")
    talent = django_filters.ModelChoiceFilter(queryset=Talent.objects.all(), label="人才")
    county = CountyFilter("team__region")

    class Meta:
        model = TeamMember
        fields = ("q", "team", "talent", "county")


class CommissionerFilterSet(BaseFilterSet):
    search_fields = ("name", "search_initials", "speciality", "home_org__name")
    kind = django_filters.ChoiceFilter(choices=CommissionerKind.choices, label="类型")
    level = django_filters.ChoiceFilter(choices=Level.choices, label="级别")
    county = CountyFilter("region", label="派出单位所在县（市、区）")
    served_county = django_filters.ModelChoiceFilter(
        queryset=Region.objects.filter(level=RegionLevel.COUNTY),
        method="filter_served_county",
        label="服务县（市、区）",
    )
    active = django_filters.BooleanFilter(label="在岗")
    home_org = django_filters.ModelChoiceFilter(queryset=Org.objects.all(), label="派出单位")

    class Meta:
        model = Commissioner
        fields = ("q", "kind", "level", "county", "served_county", "active", "home_org")

    def filter_served_county(self, queryset, name, value):
        """Commissioners with an assignment anywhere in the county (wherever they are from)."""
        served = Assignment.objects.filter(region__path__startswith=value.path)
        return queryset.filter(pk__in=served.values("commissioner_id"))


class AssignmentFilterSet(BaseFilterSet):
    search_fields = (
        "commissioner__name",
        "commissioner__search_initials",
        "region__name",
        "region__search_initials",
    )
    county = CountyFilter("region")
    level = django_filters.ChoiceFilter(
        field_name="region__level",
        choices=[(RegionLevel.TOWNSHIP, "乡级"), (RegionLevel.VILLAGE, "村级")],
        label="服务地点层级",
    )
    year = YearRuleFilter("covering", label="覆盖年度")
    ongoing = django_filters.BooleanFilter(
        field_name="end_year", lookup_expr="isnull", label="仍在服务"
    )
    commissioner = django_filters.ModelChoiceFilter(
        queryset=Commissioner.objects.all(), label="科技特派员"
    )
    commissioner_level = django_filters.ChoiceFilter(
        field_name="commissioner__level", choices=Level.choices, label="特派员级别"
    )

    class Meta:
        model = Assignment
        fields = ("q", "county", "level", "year", "ongoing", "commissioner", "commissioner_level")


class ServiceLogFilterSet(BaseFilterSet):
    search_fields = (
        "commissioner__name",
        "commissioner__search_initials",
        "region__name",
        "content",
    )
    county = CountyFilter("region")
    year = django_filters.NumberFilter(field_name="date__year", label="年度")
    commissioner = django_filters.ModelChoiceFilter(
        queryset=Commissioner.objects.all(), label="科技特派员"
    )
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label="服务日期起")
    date_before = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label="服务日期止"
    )

    class Meta:
        model = ServiceLog
        fields = ("q", "county", "year", "commissioner", "date_after", "date_before")


class AssessmentFilterSet(BaseFilterSet):
    search_fields = ("commissioner__name", "commissioner__search_initials", "comment")
    year = django_filters.NumberFilter(label="考核年度")
    result = django_filters.ChoiceFilter(choices=AssessmentResult.choices, label="考核结果")
    level = django_filters.ChoiceFilter(
        field_name="commissioner__level", choices=Level.choices, label="特派员级别"
    )
    county = CountyFilter("commissioner__region", label="派出单位所在县（市、区）")
    commissioner = django_filters.ModelChoiceFilter(
        queryset=Commissioner.objects.all(), label="科技特派员"
    )

    class Meta:
        model = Assessment
        fields = ("q", "year", "result", "level", "county", "commissioner")
