import django_tables2 as tables

from kechuang.core.tables import BaseTable, RecordColumn
from kechuang.core.text import mask

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


def county_column(accessor: str = "region__county", path: str = "region__path", **kwargs):
    return tables.Column(
        accessor=accessor,
        verbose_name=kwargs.pop("verbose_name", "县（市、区）"),
        order_by=(path,),
        linkify=True,
        **kwargs,
    )


class PersonalDataMixin:
    """Personal fields masked on screen and in exports unless the user may see them."""

    def _personal(self, value):
        return value if getattr(self.user, "can_view_personal_data", False) else mask(value)

    def render_phone(self, value):
        return self._personal(value)

    def value_phone(self, value):
        return self._personal(value)

    def render_id_number(self, value):
        return self._personal(value)

    def value_id_number(self, value):
        return self._personal(value)


class TalentTable(PersonalDataMixin, BaseTable):
    name = tables.Column(linkify=True)
    org = tables.Column(linkify=True)
    county = county_column()
    honour_count = tables.Column(verbose_name="入选计划数", orderable=True)

    class Meta(BaseTable.Meta):
        model = Talent
        fields = (
            "pk",
            "name",
            "gender",
            "birth_year",
            "category",
            "title",
            "education",
            "org",
            "county",
            "field",
            "industry",
            "honour_count",
            "phone",
            "id_number",
            "actions",
        )


class HonourTable(BaseTable):
    record = RecordColumn(verbose_name="入选记录")
    talent = tables.Column(linkify=True)
    category = tables.Column(accessor="talent__category", verbose_name="人才类别")
    county = county_column("talent__region__county", "talent__region__path")

    class Meta(BaseTable.Meta):
        model = Honour
        fields = (
            "pk",
            "record",
            "talent",
            "category",
            "name",
            "level",
            "year",
            "county",
            "actions",
        )

    def render_category(self, record):
        return record.talent.get_category_display()


class TeamTable(BaseTable):
    name = tables.Column(linkify=True)
    leader = tables.Column(linkify=True)
    org = tables.Column(linkify=True)
    county = county_column()
    member_count = tables.Column(verbose_name="成员数", orderable=True)

    class Meta(BaseTable.Meta):
        model = Team
        fields = (
            "pk",
            "name",
            "leader",
            "org",
            "county",
            "field",
            "industry",
            "founded_year",
            "member_count",
            "actions",
        )


class TeamMemberTable(BaseTable):
    record = RecordColumn(verbose_name="成员记录")
    team = tables.Column(linkify=True)
    talent = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = TeamMember
        fields = ("pk", "record", "team", "talent", "role", "joined_year", "actions")


class CommissionerTable(BaseTable):
    name = tables.Column(linkify=True)
    talent = tables.Column(linkify=True)
    home_org = tables.Column(linkify=True)
    county = county_column(verbose_name="派出单位所在县（市、区）")
    assignment_count = tables.Column(verbose_name="服务对象数", orderable=True)

    class Meta(BaseTable.Meta):
        model = Commissioner
        fields = (
            "pk",
            "name",
            "kind",
            "level",
            "talent",
            "home_org",
            "county",
            "speciality",
            "assignment_count",
            "active",
            "actions",
        )


class AssignmentTable(BaseTable):
    record = RecordColumn(verbose_name="服务对象")
    commissioner = tables.Column(linkify=True)
    region = tables.Column(linkify=True, verbose_name="服务乡镇/村")
    level = tables.Column(accessor="region__level", verbose_name="层级")
    county = county_column()

    class Meta(BaseTable.Meta):
        model = Assignment
        fields = (
            "pk",
            "record",
            "commissioner",
            "region",
            "level",
            "county",
            "start_year",
            "end_year",
            "actions",
        )

    def render_level(self, record):
        return record.region.get_level_display()

    def render_end_year(self, value):
        return value or "至今"


class ServiceLogTable(BaseTable):
    record = RecordColumn(verbose_name="服务日志")
    commissioner = tables.Column(linkify=True)
    region = tables.Column(linkify=True, verbose_name="服务乡镇/村")
    county = county_column()

    class Meta(BaseTable.Meta):
        model = ServiceLog
        fields = (
            "pk",
            "record",
            "date",
            "commissioner",
            "region",
            "county",
            "days",
            "beneficiaries",
            "actions",
        )


class AssessmentTable(BaseTable):
    record = RecordColumn(verbose_name="考核记录")
    commissioner = tables.Column(linkify=True)
    level = tables.Column(accessor="commissioner__level", verbose_name="特派员级别")

    class Meta(BaseTable.Meta):
        model = Assessment
        fields = ("pk", "record", "commissioner", "level", "year", "result", "comment", "actions")

    def render_level(self, record):
        return record.commissioner.get_level_display()
