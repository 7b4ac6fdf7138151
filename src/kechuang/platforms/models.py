"""创新平台: innovation platforms (plan 三(一)) and their annual reports."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kechuang.core.choices import KeyIndustry, Level, TechField
from kechuang.core.models import BaseModel, ScopedQuerySet
from kechuang.core.text import pinyin_initials
from kechuang.core.validators import (
    check_dates_ordered,
    check_not_greater,
    validate_non_negative,
    validate_year,
)

from .choices import REVIEWED_REPORT_STATUSES, PlatformKind, PlatformStatus, ReportStatus


class PlatformQuerySet(ScopedQuerySet):
    def operating_at(self, day: date):
        """Platforms in operation on `day`: approved on or before it and not revoked by then.

        Platforms under warning or rectification still operate; a platform revoked later than
        `day` was operating on it.
        """
        return self.filter(approved_on__lte=day).filter(
            Q(revoked_on__isnull=True) | Q(revoked_on__gt=day)
        )

    def operating_in(self, year: int):
        """Platforms in operation at the end of `year` (the statistical convention)."""
        return self.operating_at(date(year, 12, 31))


class Platform(BaseModel):
    """An innovation platform (创新平台): key lab, engineering centre, enterprise technology centre…

    Hosted by one organisation (依托单位), possibly co-built with others; approved at a level.
    """

    name = models.CharField(_("平台名称"), max_length=200)
    code = models.CharField(
        _("平台编号"),
        max_length=50,
        blank=True,
        help_text=_("认定部门给出的编号；填写时不得与其他平台重复"),
    )
    kind = models.CharField(_("平台类型"), max_length=20, choices=PlatformKind.choices)
    level = models.CharField(_("级别"), max_length=20, choices=Level.choices)
    host = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("依托单位"),
        on_delete=models.PROTECT,
        related_name="hosted_platforms",
    )
    co_hosts = models.ManyToManyField(
        "orgs.Org",
        verbose_name=_("共建单位"),
        blank=True,
        related_name="co_hosted_platforms",
    )
    tech_field = models.CharField(
        _("技术领域"), max_length=20, choices=TechField.choices, blank=True
    )
    industry = models.CharField(_("重点产业"), max_length=20, choices=KeyIndustry.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在区划"),
        on_delete=models.PROTECT,
        related_name="platforms",
        blank=True,
        help_text=_("留空则取依托单位所在区划"),
    )
    approved_on = models.DateField(_("认定日期"))
    approval_doc = models.CharField(
        _("批准文号"), max_length=100, blank=True, help_text=_("如 豫科〔2020〕12号")
    )
    status = models.CharField(
        _("运行状态"),
        max_length=20,
        choices=PlatformStatus.choices,
        default=PlatformStatus.OPERATING,
    )
    status_since = models.DateField(
        _("状态日期"),
        null=True,
        blank=True,
        help_text=_("当前状态开始的日期；留空时新平台取认定日期，状态变更时取当天"),
    )
    revoked_on = models.DateField(
        _("撤销日期"), null=True, blank=True, help_text=_("状态为“撤销”时必填")
    )
    director = models.CharField(_("负责人"), max_length=50, blank=True)
    description = models.TextField(_("简介"), blank=True)
    search_initials = models.CharField(_("拼音首字母"), max_length=200, editable=False, blank=True)

    objects = PlatformQuerySet.as_manager()

    scope_region_field = "region"
    # Many-to-many changes are recorded in the history too (no silent loss).
    _history_m2m_fields = ["co_hosts"]
    scope_org_field = "host"
    tag_fields = ("level", "kind", "status")

    class Meta:
        ordering = ("name",)
        verbose_name = _("创新平台")
        verbose_name_plural = _("创新平台")
        constraints = [
            models.UniqueConstraint(
                fields=("code",),
                condition=~Q(code=""),
                name="platforms_platform_unique_code",
                violation_error_message="平台编号已被其他平台使用，请核对后重新填写",
            )
        ]

    def __str__(self):
        return self.name

    @classmethod
    def from_db(cls, db, field_names, values):
        obj = super().from_db(db, field_names, values)
        # Remembered so that a status change without a new date gets today's date.
        obj._loaded_status = (obj.__dict__.get("status"), obj.__dict__.get("status_since"))
        return obj

    def is_operating_at(self, day: date) -> bool:
        return self.approved_on <= day and (self.revoked_on is None or self.revoked_on > day)

    def _fill_derived(self):
        if self.code:
            self.code = self.code.strip()
        if not self.region_id and self.host_id:
            self.region_id = self.host.region_id
        loaded = getattr(self, "_loaded_status", None)
        if loaded is not None and loaded[0] != self.status and loaded[1] == self.status_since:
            self.status_since = (
                self.revoked_on if self.status == PlatformStatus.REVOKED else None
            ) or timezone.localdate()
        if self.status_since is None:
            if self.status == PlatformStatus.REVOKED and self.revoked_on:
                self.status_since = self.revoked_on
            else:
                self.status_since = self.approved_on

    def clean(self):
        self._fill_derived()
        errors: dict = {}
        if not self.region_id:
            errors["region"] = ["请填写所在区划（或先选择依托单位，以其所在区划为准）"]
        if self.status == PlatformStatus.REVOKED and not self.revoked_on:
            errors["revoked_on"] = ["运行状态为“撤销”时必须填写撤销日期"]
        if self.status != PlatformStatus.REVOKED and self.revoked_on:
            errors["revoked_on"] = ["只有运行状态为“撤销”的平台才能填写撤销日期"]
        check_dates_ordered(errors, self, "approved_on", "revoked_on")
        check_dates_ordered(errors, self, "approved_on", "status_since")
        if errors:
            raise ValidationError(errors)

    def prepare_save(self):
        self._fill_derived()
        self.search_initials = pinyin_initials(self.name)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._loaded_status = (self.status, self.status_since)

    def status_timeline(self) -> list[dict]:
        """(date, status) each time the status changed, oldest first, from the history records."""
        timeline = []
        records = self.history.order_by("history_date", "history_id").values_list(
            "status", "status_since", "approved_on", "history_date"
        )
        for status, since, approved_on, history_date in records:
            when = since or approved_on or timezone.localdate(history_date)
            if timeline and timeline[-1]["status"] == status:
                # Same status: at most a corrected date.
                timeline[-1]["date"] = when
                continue
            timeline.append({"date": when, "status": status, "label": PlatformStatus(status).label})
        return timeline


def co_host_problem(host, co_hosts) -> str | None:
    """The host organisation must not also be listed among the co-hosts."""
    if host is not None and any(o.pk == host.pk for o in co_hosts or ()):
        return f"共建单位不能包含依托单位本身（{host}）"
    return None


class PlatformReport(BaseModel):
    """A platform's annual report (平台年报): staff, R&D input and outputs of one year.

    Filled in by the host organisation, reviewed by the S&T bureau.
    """

    platform = models.ForeignKey(
        Platform, verbose_name=_("创新平台"), on_delete=models.CASCADE, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=[validate_year])
    rd_spend_wan = models.DecimalField(
        _("研发投入（万元）"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[validate_non_negative],
    )
    staff = models.PositiveIntegerField(_("固定人员（人）"), default=0)
    researchers = models.PositiveIntegerField(
        _("研究人员（人）"), default=0, help_text=_("不超过固定人员数")
    )
    senior_researchers = models.PositiveIntegerField(
        _("高级职称人员（人）"), default=0, help_text=_("不超过研究人员数")
    )
    projects = models.PositiveIntegerField(_("在研项目数（项）"), default=0)
    project_funding_wan = models.DecimalField(
        _("项目经费（万元）"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[validate_non_negative],
    )
    patents_applied = models.PositiveIntegerField(_("专利申请数（件）"), default=0)
    patents_granted = models.PositiveIntegerField(
        _("专利授权数（件）"),
        default=0,
        help_text=_("当年授权，可包含以前年度申请的专利，故可大于当年申请数"),
    )
    invention_patents_granted = models.PositiveIntegerField(
        _("发明专利授权数（件）"), default=0, help_text=_("不超过专利授权数")
    )
    achievements_transferred = models.PositiveIntegerField(_("成果转化数（项）"), default=0)
    transfer_income_wan = models.DecimalField(
        _("成果转化收入（万元）"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[validate_non_negative],
    )
    cooperation_projects = models.PositiveIntegerField(_("产学研合作项目数（项）"), default=0)
    income_wan = models.DecimalField(
        _("技术性收入（万元）"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[validate_non_negative],
    )
    equipment_value_wan = models.DecimalField(
        _("仪器设备原值（万元）"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[validate_non_negative],
    )
    standards = models.PositiveIntegerField(_("制定标准数（项）"), default=0)
    papers = models.PositiveIntegerField(_("发表论文数（篇）"), default=0)
    status = models.CharField(
        _("填报状态"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("审核人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_platform_reports",
    )
    review_comment = models.TextField(_("审核意见"), blank=True, help_text=_("退回时必须说明原因"))

    scope_region_field = "platform__region"
    scope_org_field = "platform__host"
    tag_fields = ("status",)

    class Meta:
        ordering = ("platform__name", "-year")
        verbose_name = _("平台年报")
        verbose_name_plural = _("平台年报")
        constraints = [
            models.UniqueConstraint(
                fields=("platform", "year"),
                name="platforms_report_unique_platform_year",
                violation_error_message="该平台该年度的年报已存在：每个平台每年只能填报一份年报",
            )
        ]

    def __str__(self):
        return f"{self.platform.name} {self.year}年报"

    def clean(self):
        errors: dict = {}
        check_not_greater(errors, self, "researchers", "staff")
        check_not_greater(errors, self, "senior_researchers", "researchers")
        check_not_greater(errors, self, "invention_patents_granted", "patents_granted")
        if self.platform_id and self.year and self.platform.approved_on:
            approved_year = self.platform.approved_on.year
            if self.year < approved_year:
                errors.setdefault("year", []).append(
                    f"年度（{self.year}）不能早于平台认定年份（{approved_year}）"
                )
        if self.status == ReportStatus.RETURNED and not self.review_comment.strip():
            errors.setdefault("review_comment", []).append("退回年报时必须填写审核意见")
        if errors:
            raise ValidationError(errors)

    def prepare_save(self):
        if self.status != ReportStatus.DRAFT and self.submitted_at is None:
            self.submitted_at = timezone.now()

    @property
    def is_reviewed(self) -> bool:
        return self.status in REVIEWED_REPORT_STATUSES
