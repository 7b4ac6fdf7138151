"""创新团队 (plan 三(四)) and 科技特派员 (plan 三(七)): talents, teams, commissioners, their service."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kechuang.core.choices import KeyIndustry, Level, TechField
from kechuang.core.identifiers import id_number_problem
from kechuang.core.models import BaseModel, ScopedQuerySet
from kechuang.core.text import pinyin_initials
from kechuang.core.validators import validate_non_negative, validate_year
from kechuang.regions.choices import RegionLevel

from .choices import (
    AssessmentResult,
    CommissionerKind,
    Education,
    Gender,
    TalentCategory,
    TitleLevel,
)

FIRST_BIRTH_YEAR = 1930
SERVED_LEVELS = (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE)


def validate_id_number(value: str) -> None:
    if value and (problem := id_number_problem(value)):
        raise ValidationError(problem, code="invalid_id_number")


def validate_birth_year(value: int) -> None:
    last = date.today().year
    if value is not None and not FIRST_BIRTH_YEAR <= value <= last:
        raise ValidationError(
            f"出生年份 {value} 超出允许范围（{FIRST_BIRTH_YEAR}–{last}）", code="birth_year_range"
        )


def check_served_region(errors: dict, region, field: str = "region") -> None:
    """Commissioners serve townships and villages: anything else is refused, naming the level."""
    if region is not None and region.level not in SERVED_LEVELS:
        errors.setdefault(field, []).append(
            f"服务地点应为乡级或村级区划（乡镇、街道或村），"
            f"“{region.name}”是{region.get_level_display()}区划"
        )


def id_birth_date(number: str) -> date | None:
    """The birth date in positions 7–14 of a resident ID number; None when it is not a date."""
    digits = number[6:14]
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


class Talent(BaseModel):
    """A person in the talent registry (人才), classed by the plan's 旗舰 / 航母 / 千帆 categories.

    ID number and phone are personal data: masked for users without ``view_personal_data``.
    """

    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=10, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("出生年份"), validators=[validate_birth_year], help_text=_("四位年份，如 1980")
    )
    id_number = models.CharField(
        _("身份证号码"),
        max_length=18,
        blank=True,
        validators=[validate_id_number],
        help_text=_("18 位居民身份证号码，按 GB 11643 校验；属个人信息，按权限脱敏显示"),
    )
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    category = models.CharField(_("人才类别"), max_length=20, choices=TalentCategory.choices)
    title = models.CharField(_("职称"), max_length=20, choices=TitleLevel.choices, blank=True)
    education = models.CharField(_("学历"), max_length=20, choices=Education.choices, blank=True)
    field = models.CharField(
        _("技术领域"),
        max_length=20,
        choices=TechField.choices,
        blank=True,
        help_text=_("国家重点支持的高新技术领域"),
    )
    industry = models.CharField(
        _("重点产业"), max_length=20, choices=KeyIndustry.choices, blank=True
    )
    org = models.ForeignKey(
        "orgs.Org", verbose_name=_("工作单位"), on_delete=models.PROTECT, related_name="talents"
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在区划"),
        on_delete=models.PROTECT,
        related_name="talents",
        blank=True,
        help_text=_("留空则取工作单位所在区划"),
    )
    description = models.TextField(_("简介"), blank=True)
    search_initials = models.CharField(_("拼音首字母"), max_length=50, editable=False, blank=True)

    scope_region_field = "region"
    scope_org_field = "org"
    tag_fields = ("category", "title", "education")
    personal_fields = ("id_number", "phone")
    select_related_for_label = ("org",)

    class Meta:
        ordering = ("name", "pk")
        verbose_name = _("人才")
        verbose_name_plural = _("人才")
        constraints = [
            models.UniqueConstraint(
                fields=("id_number",),
                condition=~Q(id_number=""),
                name="talents_talent_unique_id_number",
                violation_error_message="身份证号码已登记在其他人才名下，同一人不能重复登记",
            )
        ]

    def __str__(self):
        return self.name

    def select_label(self) -> str:
        """Shown in selects, where people with the same name must be told apart."""
        return f"{self.name}（{self.org.name}）"

    def fill_defaults(self) -> None:
        if self.region_id is None and self.org_id is not None:
            self.region_id = self.org.region_id

    def clean(self):
        self.fill_defaults()
        errors: dict[str, list[str]] = {}
        if self.id_number:
            self.id_number = self.id_number.strip().upper()
            if id_number_problem(self.id_number) is None:
                self._check_id_number(errors)
        if errors:
            raise ValidationError(errors)

    def _check_id_number(self, errors: dict) -> None:
        """The birth date and the sex encoded in the ID must agree with the other fields."""
        born = id_birth_date(self.id_number)
        if born is None:
            errors.setdefault("id_number", []).append(
                f"身份证号码第 7–14 位的出生日期 {self.id_number[6:14]} 不是有效日期"
            )
            return
        if self.birth_year and born.year != self.birth_year:
            message = f"身份证号码中的出生年份（{born.year}）与出生年份（{self.birth_year}）不一致"
            errors.setdefault("birth_year", []).append(message)
            errors.setdefault("id_number", []).append(message)
        digit = int(self.id_number[16])
        encoded = Gender.MALE if digit % 2 else Gender.FEMALE
        if self.gender and self.gender != encoded:
            message = (
                f"身份证号码第 17 位（{digit}）表示性别为{encoded.label}，"
                f"与所填性别（{Gender(self.gender).label}）不一致"
            )
            errors.setdefault("gender", []).append(message)
            errors.setdefault("id_number", []).append(message)

    def prepare_save(self):
        self.fill_defaults()
        self.id_number = (self.id_number or "").strip().upper()
        self.search_initials = pinyin_initials(self.name)[:50]


class Honour(BaseModel):
    """A talent programme the person was selected for (入选人才计划), with its level and year."""

    talent = models.ForeignKey(
        Talent, verbose_name=_("人才"), on_delete=models.CASCADE, related_name="honours"
    )
    name = models.CharField(_("人才计划名称"), max_length=100)
    level = models.CharField(_("级别"), max_length=20, choices=Level.choices)
    year = models.PositiveSmallIntegerField(_("入选年度"), validators=[validate_year])

    scope_region_field = "talent__region"
    scope_org_field = "talent__org"
    tag_fields = ("level",)

    class Meta:
        ordering = ("-year", "pk")
        verbose_name = _("入选人才计划")
        verbose_name_plural = _("入选人才计划")
        constraints = [
            models.UniqueConstraint(
                fields=("talent", "name", "year"),
                name="talents_honour_unique",
                violation_error_message="该人才同一年度已登记入选此人才计划，不能重复登记",
            )
        ]

    def __str__(self):
        return f"{self.talent} · {self.name}（{self.year}）"


class Team(BaseModel):
    """An innovation team (创新团队): a leader, members with roles, the organisation it works in."""

    name = models.CharField(_("团队名称"), max_length=100)
    leader = models.ForeignKey(
        Talent,
        verbose_name=_("团队带头人"),
        on_delete=models.PROTECT,
        related_name="teams_led",
    )
    members = models.ManyToManyField(
        Talent,
        verbose_name=_("团队成员"),
        through="TeamMember",
        related_name="teams",
        blank=True,
    )
    org = models.ForeignKey(
        "orgs.Org", verbose_name=_("依托单位"), on_delete=models.PROTECT, related_name="teams"
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在区划"),
        on_delete=models.PROTECT,
        related_name="teams",
        blank=True,
        help_text=_("留空则取依托单位所在区划"),
    )
    field = models.CharField(_("技术领域"), max_length=20, choices=TechField.choices, blank=True)
    industry = models.CharField(
        _("重点产业"), max_length=20, choices=KeyIndustry.choices, blank=True
    )
    founded_year = models.PositiveSmallIntegerField(
        _("组建年度"), validators=[validate_year], null=True, blank=True
    )
    description = models.TextField(_("简介"), blank=True)
    search_initials = models.CharField(_("拼音首字母"), max_length=100, editable=False, blank=True)

    scope_region_field = "region"
    scope_org_field = "org"
    tag_fields = ("field", "industry")

    class Meta:
        ordering = ("name", "pk")
        verbose_name = _("创新团队")
        verbose_name_plural = _("创新团队")

    def __str__(self):
        return self.name

    def fill_defaults(self) -> None:
        if self.region_id is None and self.org_id is not None:
            self.region_id = self.org.region_id

    def clean(self):
        self.fill_defaults()

    def prepare_save(self):
        self.fill_defaults()
        self.search_initials = pinyin_initials(self.name)[:100]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        add_leader_memberships([self])


def add_leader_memberships(teams) -> int:
    """The leader is always a member of the team: adds (with history) the membership of each
    team's leader where it is missing. Returns the number added."""
    teams = [t for t in teams if t.leader_id]
    if not teams:
        return 0
    present = set(
        TeamMember.objects.filter(team__in=[t.pk for t in teams]).values_list(
            "team_id", "talent_id"
        )
    )
    added = 0
    for team in teams:
        if (team.pk, team.leader_id) not in present:
            TeamMember(
                team=team, talent_id=team.leader_id, role="团队带头人", joined_year=None
            ).save()
            present.add((team.pk, team.leader_id))
            added += 1
    return added


class TeamMember(BaseModel):
    """Membership of a talent in a team (团队成员), with the role and the year of joining."""

    team = models.ForeignKey(
        Team, verbose_name=_("创新团队"), on_delete=models.CASCADE, related_name="memberships"
    )
    talent = models.ForeignKey(
        Talent, verbose_name=_("人才"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("团队角色"), max_length=50, blank=True, help_text=_("如 核心成员"))
    joined_year = models.PositiveSmallIntegerField(
        _("加入年度"), validators=[validate_year], null=True, blank=True
    )

    scope_region_field = "team__region"
    scope_org_field = "team__org"

    class Meta:
        ordering = ("team", "pk")
        verbose_name = _("团队成员")
        verbose_name_plural = _("团队成员")
        constraints = [
            models.UniqueConstraint(
                fields=("team", "talent"),
                name="talents_teammember_unique",
                violation_error_message="该人才已是本团队成员，不能重复添加",
            )
        ]

    def __str__(self):
        return f"{self.team} · {self.talent}"

    def clean(self):
        founded = self.team.founded_year if self.team_id else None
        if self.joined_year and founded and self.joined_year < founded:
            raise ValidationError(
                {"joined_year": f"加入年度（{self.joined_year}）不能早于团队组建年度（{founded}）"}
            )


class Commissioner(BaseModel):
    """A 科技特派员: a person (linked to a talent) or an 产业科技特派员服务团, sent by a home unit.

    Scoped by the home unit's region (派出单位所在区划); the places served are on assignments.
    """

    kind = models.CharField(
        _("类型"),
        max_length=20,
        choices=CommissionerKind.choices,
        default=CommissionerKind.INDIVIDUAL,
    )
    talent = models.ForeignKey(
        Talent,
        verbose_name=_("人才"),
        on_delete=models.PROTECT,
        related_name="commissioner_roles",
        null=True,
        blank=True,
        help_text=_("个人科技特派员必填；产业服务团留空"),
    )
    name = models.CharField(
        _("名称"), max_length=100, blank=True, help_text=_("产业服务团必填；个人留空则取人才姓名")
    )
    level = models.CharField(_("级别"), max_length=20, choices=Level.choices)
    home_org = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("派出单位"),
        on_delete=models.PROTECT,
        related_name="commissioners",
        blank=True,
        help_text=_("个人留空则取人才的工作单位"),
    )
    speciality = models.CharField(_("专业特长"), max_length=200, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("派出单位所在区划"),
        on_delete=models.PROTECT,
        related_name="commissioners",
        blank=True,
        help_text=_("留空则取派出单位所在区划"),
    )
    active = models.BooleanField(_("在岗"), default=True, help_text=_("当前仍在履职"))
    search_initials = models.CharField(_("拼音首字母"), max_length=100, editable=False, blank=True)

    # Generic scoping follows one path: the home unit's region. A county user therefore sees the
    # commissioners sent from the county, while assignments and service logs are scoped by the
    # place served (so a county also sees who serves its townships, on those records).
    scope_region_field = "region"
    scope_org_field = "home_org"
    tag_fields = ("kind", "level", "active")

    class Meta:
        ordering = ("name", "pk")
        verbose_name = _("科技特派员")
        verbose_name_plural = _("科技特派员")
        constraints = [
            models.UniqueConstraint(
                fields=("talent",),
                condition=Q(talent__isnull=False),
                name="talents_commissioner_unique_talent",
                violation_error_message="该人才已登记为科技特派员，不能重复登记",
            )
        ]

    def __str__(self):
        return self.name

    def fill_defaults(self) -> None:
        if self.talent_id is not None:
            if not self.name:
                self.name = self.talent.name
            if self.home_org_id is None:
                self.home_org_id = self.talent.org_id
        if self.region_id is None and self.home_org_id is not None:
            self.region_id = self.home_org.region_id

    def clean(self):
        errors: dict[str, list[str]] = {}
        if self.kind == CommissionerKind.INDIVIDUAL and self.talent_id is None:
            errors["talent"] = ["个人科技特派员须选择对应的人才"]
        if self.kind == CommissionerKind.GROUP:
            if self.talent_id is not None:
                errors["talent"] = ["产业服务团不关联单个人才：请将“人才”留空"]
            if not self.name:
                errors["name"] = ["产业服务团须填写名称"]
        self.fill_defaults()
        if self.home_org_id is None and "talent" not in errors:
            errors["home_org"] = ["请选择派出单位（个人科技特派员可留空，取其工作单位）"]
        if errors:
            raise ValidationError(errors)

    def prepare_save(self):
        self.fill_defaults()
        self.search_initials = pinyin_initials(self.name)[:100]


def covering_q(year: int, prefix: str = "") -> Q:
    """Assignments that cover `year`: started by then and not ended before it. An open-ended
    assignment counts only while its commissioner is active (we do not know when it ended)."""
    p = prefix
    return Q(**{f"{p}start_year__lte": year}) & (
        Q(**{f"{p}end_year__gte": year})
        | Q(**{f"{p}end_year__isnull": True, f"{p}commissioner__active": True})
    )


class AssignmentQuerySet(ScopedQuerySet):
    def covering(self, year: int):
        """Assignments that cover `year` (see covering_q): the yearly statistics' rows."""
        return self.filter(covering_q(year))


class Assignment(BaseModel):
    """A commissioner's service object (服务对象): a township or village, over a span of years."""

    commissioner = models.ForeignKey(
        Commissioner,
        verbose_name=_("科技特派员"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("服务乡镇/村"),
        on_delete=models.PROTECT,
        related_name="commissioner_assignments",
        help_text=_("乡级或村级区划"),
    )
    start_year = models.PositiveSmallIntegerField(_("开始年度"), validators=[validate_year])
    end_year = models.PositiveSmallIntegerField(
        _("结束年度"),
        validators=[validate_year],
        null=True,
        blank=True,
        help_text=_("留空表示仍在服务"),
    )

    objects = AssignmentQuerySet.as_manager()

    scope_region_field = "region"
    scope_org_field = "commissioner__home_org"

    class Meta:
        ordering = ("-start_year", "pk")
        verbose_name = _("服务对象")
        verbose_name_plural = _("服务对象")
        constraints = [
            models.UniqueConstraint(
                fields=("commissioner", "region", "start_year"),
                name="talents_assignment_unique",
                violation_error_message="该科技特派员在同一开始年度已登记服务此乡镇/村，不能重复登记",
            )
        ]

    def __str__(self):
        end = self.end_year or "至今"
        return f"{self.commissioner} · {self.region}（{self.start_year}–{end}）"

    def covers(self, year: int) -> bool:
        if self.start_year is None or self.start_year > year:
            return False
        if self.end_year is None:
            return self.commissioner.active
        return self.end_year >= year

    def clean(self):
        errors: dict[str, list[str]] = {}
        if self.region_id:
            check_served_region(errors, self.region)
        if self.end_year is not None and self.start_year and self.end_year < self.start_year:
            errors["end_year"] = [
                f"结束年度（{self.end_year}）不能早于开始年度（{self.start_year}）"
            ]
        if errors:
            raise ValidationError(errors)


class ServiceLog(BaseModel):
    """One spell of on-site service (服务日志): where, when, how many days, for how many people."""

    commissioner = models.ForeignKey(
        Commissioner,
        verbose_name=_("科技特派员"),
        on_delete=models.CASCADE,
        related_name="service_logs",
    )
    date = models.DateField(_("服务日期"))
    days = models.DecimalField(
        _("服务天数"),
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("31"))],
        help_text=_("0.5–31 天，以半天计"),
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("服务乡镇/村"),
        on_delete=models.PROTECT,
        related_name="service_logs",
        help_text=_("乡级或村级区划"),
    )
    content = models.TextField(_("服务内容"))
    beneficiaries = models.PositiveIntegerField(
        _("受益人数"), default=0, validators=[validate_non_negative]
    )

    scope_region_field = "region"
    scope_org_field = "commissioner__home_org"

    class Meta:
        ordering = ("-date", "pk")
        verbose_name = _("服务日志")
        verbose_name_plural = _("服务日志")

    def __str__(self):
        when = f"{self.date:%Y-%m-%d}" if self.date else ""
        return f"{self.commissioner} · {self.region} · {when}"

    def clean(self):
        errors: dict[str, list[str]] = {}
        if self.region_id:
            check_served_region(errors, self.region)
        # After a failed range check clean_fields() leaves the raw value: check numbers only.
        if isinstance(self.days, Decimal | int | float) and (Decimal(str(self.days)) * 2) % 1:
            errors["days"] = [f"服务天数（{self.days}）应以 0.5 天为单位"]
        if self.date is not None:
            if self.date > date.today():
                errors["date"] = [f"服务日期（{self.date:%Y-%m-%d}）不能晚于今天"]
            else:
                try:
                    validate_year(self.date.year)
                except ValidationError as exc:
                    errors["date"] = [f"服务日期的{exc.messages[0]}"]
        if errors:
            raise ValidationError(errors)


class Assessment(BaseModel):
    """The annual assessment (年度考核) of a commissioner: one per commissioner and year."""

    commissioner = models.ForeignKey(
        Commissioner,
        verbose_name=_("科技特派员"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    year = models.PositiveSmallIntegerField(_("考核年度"), validators=[validate_year])
    result = models.CharField(_("考核结果"), max_length=20, choices=AssessmentResult.choices)
    comment = models.TextField(_("考核意见"), blank=True)

    scope_region_field = "commissioner__region"
    scope_org_field = "commissioner__home_org"
    tag_fields = ("result",)

    class Meta:
        ordering = ("-year", "pk")
        verbose_name = _("年度考核")
        verbose_name_plural = _("年度考核")
        constraints = [
            models.UniqueConstraint(
                fields=("commissioner", "year"),
                name="talents_assessment_unique_year",
                violation_error_message="该科技特派员本年度已有考核记录（每名科技特派员每年一条）",
            )
        ]

    def __str__(self):
        return f"{self.commissioner} · {self.year}年度考核"
