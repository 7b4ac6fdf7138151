from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kechuang.core.models import BaseModel


class Direction(models.TextChoices):
    UP = "up", _("正向")
    DOWN = "down", _("逆向")


class Plan(BaseModel):
    """A development plan (规划) held as data: its indicators, baselines and targets."""

    code = models.SlugField(_("规划编号"), max_length=50, unique=True)
    name = models.CharField(_("规划名称"), max_length=200)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("适用区划"), on_delete=models.PROTECT, related_name="plans"
    )
    start_year = models.PositiveSmallIntegerField(_("起始年度"))
    end_year = models.PositiveSmallIntegerField(_("目标年度"))
    source = models.CharField(_("来源"), max_length=300, blank=True)
    is_default = models.BooleanField(_("默认规划"), default=False)
    path_method = models.CharField(
        _("进度路径"),
        max_length=10,
        choices=[("linear", _("线性（每年增量相同）")), ("cagr", _("复合增长（每年增速相同）"))],
        default="linear",
        help_text=_("无年度目标时，当年应达到的值按此路径由基期值推算到目标值"),
    )
    warning_normal = models.DecimalField(
        _("正常线"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        help_text=_("实际进度达到应达进度的该比例为“正常”，如 1.00 = 100%"),
    )
    warning_serious = models.DecimalField(
        _("严重滞后线"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.80"),
        help_text=_("低于应达进度的该比例为“严重滞后”，介于两线之间为“预警”"),
    )
    tasks_illustrative = models.BooleanField(
        _("任务分工为示意"),
        default=False,
        help_text=_("规划未列明牵头单位和时限时，任务分工为示意，待正式分工方案确定"),
    )

    # A plan is published city-wide: every user who may view plans sees it.
    scope_public = True

    class Meta:
        ordering = ("-is_default", "-start_year")
        verbose_name = _("规划")
        verbose_name_plural = _("规划")

    def clean(self):
        errors = {}
        if self.end_year and self.start_year and self.end_year < self.start_year:
            errors["end_year"] = "目标年度不能早于起始年度"
        if self.warning_serious is not None and self.warning_normal is not None:
            if not 0 < self.warning_serious < self.warning_normal <= 2:
                errors["warning_serious"] = (
                    f"应满足 0 < 严重滞后线（{self.warning_serious}）< 正常线（{self.warning_normal}）≤ 2"
                )
        if errors:
            raise ValidationError(errors)

    def __str__(self):
        return self.name


class Indicator(BaseModel):
    """A plan indicator. Values are stored canonically (ratios as fractions, money in 万元) and
    shown as value × display_factor in display_unit (e.g. 0.0176 → 1.76 %, 75400 万元 → 7.54 亿元)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("规划"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.SlugField(_("指标代码"), max_length=60)
    name = models.CharField(_("指标名称"), max_length=100)
    section = models.CharField(_("规划章节"), max_length=20, blank=True)
    unit = models.CharField(
        _("计量单位"), max_length=20, help_text=_("存储单位，如 家、比例、万元")
    )
    display_unit = models.CharField(_("显示单位"), max_length=20)
    display_factor = models.DecimalField(
        _("显示换算系数"), max_digits=12, decimal_places=6, default=1
    )
    decimals = models.PositiveSmallIntegerField(_("小数位数"), default=0)
    direction = models.CharField(_("指标方向"), max_length=4, choices=Direction.choices)
    definition = models.TextField(_("指标定义"), blank=True)
    headline = models.BooleanField(_("首页展示"), default=False)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    target_year = models.PositiveSmallIntegerField(_("目标年度"), null=True, blank=True)
    target_value = models.DecimalField(
        _("目标值"), max_digits=18, decimal_places=6, null=True, blank=True
    )
    target_illustrative = models.BooleanField(
        _("示意目标"),
        default=False,
        help_text=_("规划未给出数值目标时的示意值，由市局确定正式目标后取消"),
    )
    compute = models.JSONField(
        _("计算口径"),
        default=dict,
        blank=True,
        help_text=_(
            "由登记数据计算的口径（见 plans/compute.py）；空表示统计部门数据，按地区年度填报"
        ),
    )

    scope_public = True

    class Meta:
        ordering = ("plan", "order", "code")
        verbose_name = _("规划指标")
        verbose_name_plural = _("规划指标")
        constraints = [
            models.UniqueConstraint(fields=("plan", "code"), name="indicator_code_unique_in_plan")
        ]

    def __str__(self):
        return self.name

    @property
    def computed(self) -> bool:
        """Computed from the registries (not from statistical inputs)."""
        return bool(self.compute) and "input" not in self.compute

    @property
    def is_input(self) -> bool:
        """Computed from the statistics the regions report (统计填报)."""
        return "input" in (self.compute or {})

    def input_series(self) -> list[str]:
        source = (self.compute or {}).get("input")
        if isinstance(source, str):
            return [source]
        return list(source.values()) if isinstance(source, dict) else []

    def compute_spec(self):
        """The parsed computation (checked once per instance: parsing builds test queries)."""
        from .compute import parse

        key = (self.code, repr(self.compute), self.plan_id)
        cached = getattr(self, "_spec_cache", None)
        if cached is None or cached[0] != key:
            self._spec_cache = (
                key,
                parse(self.code, self.compute, self.plan_id) if self.compute else None,
            )
        return self._spec_cache[1]

    @property
    def display_target(self) -> str:
        return self.display(self.target_value)

    @property
    def display_baseline(self) -> str:
        latest = max(self.baselines.all(), key=lambda b: b.year, default=None)
        return self.display(latest.value) if latest else "—"

    def display(self, value: Decimal | None) -> str:
        """A stored value as shown on screen, with the indicator's decimals (no unit)."""
        if value is None:
            return "—"
        shown = Decimal(value) * self.display_factor
        return f"{shown:,.{self.decimals}f}"


class Baseline(models.Model):
    """A known value of an indicator in a year, as stated by the plan (e.g. 2015 and 2020)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("指标"), on_delete=models.CASCADE, related_name="baselines"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    value = models.DecimalField(_("数值"), max_digits=18, decimal_places=6)
    source = models.CharField(_("数据来源"), max_length=200, blank=True)

    class Meta:
        ordering = ("indicator", "year")
        verbose_name = _("基期值")
        verbose_name_plural = _("基期值")
        constraints = [
            models.UniqueConstraint(fields=("indicator", "year"), name="baseline_one_per_year")
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}"


class IndicatorValue(models.Model):
    """A computed value of an indicator for a region and year (stored by `kechuang monitor compute`
    and the recompute job, read by the dashboards). Ratios keep their numerator and denominator."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("指标"), on_delete=models.CASCADE, related_name="values"
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("区划"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    value = models.DecimalField(_("数值"), max_digits=20, decimal_places=6, null=True)
    numerator = models.DecimalField(_("分子"), max_digits=20, decimal_places=6, null=True)
    denominator = models.DecimalField(_("分母"), max_digits=20, decimal_places=6, null=True)
    computed_at = models.DateTimeField(_("计算时间"), auto_now=True)

    class Meta:
        ordering = ("indicator", "region__code", "year")
        verbose_name = _("指标值")
        verbose_name_plural = _("指标值")
        constraints = [
            models.UniqueConstraint(
                fields=("indicator", "region", "year"), name="indicator_value_unique"
            )
        ]

    def __str__(self):
        return f"{self.indicator} {self.region} {self.year}"


class Series(models.Model):
    """A statistical series the statistics offices report per region and year (地区生产总值,
    全社会研发经费支出…); input indicators are computed from approved values of these."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("规划"), on_delete=models.CASCADE, related_name="series"
    )
    code = models.SlugField(_("代码"), max_length=60)
    name = models.CharField(_("名称"), max_length=100)
    unit = models.CharField(_("单位"), max_length=20, help_text=_("如 万元"))
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    max_change = models.DecimalField(
        _("同比变化提示阈值"),
        max_digits=6,
        decimal_places=3,
        default=Decimal("0.3"),
        help_text=_("与上年相比变化超过该比例（0.3 = 30%）时须填写说明"),
    )

    class Meta:
        ordering = ("plan", "order", "code")
        verbose_name = _("统计指标")
        verbose_name_plural = _("统计指标")
        constraints = [models.UniqueConstraint(fields=("plan", "code"), name="series_code_unique")]

    def __str__(self):
        return self.name


class Submission(BaseModel):
    """One region's statistical figures for one year (统计填报): filled and submitted by the region,
    approved (and thereby locked) or returned with a comment by the city."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("填报中")
        SUBMITTED = "submitted", _("已提交，待审核")
        RETURNED = "returned", _("已退回")
        APPROVED = "approved", _("已审核（锁定）")

    plan = models.ForeignKey(
        Plan, verbose_name=_("规划"), on_delete=models.CASCADE, related_name="submissions"
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("填报地区"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("数据年度"))
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    deadline = models.DateField(_("截止日期"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("提交人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField(_("审核意见"), blank=True)

    scope_region_field = "region"
    scope_org_field = None

    class Meta:
        ordering = ("-year", "region__code")
        verbose_name = _("统计填报")
        verbose_name_plural = _("统计填报")
        permissions = [("review_submission", _("审核统计填报"))]
        constraints = [
            models.UniqueConstraint(
                fields=("plan", "region", "year"), name="submission_one_per_year"
            )
        ]

    def __str__(self):
        return f"{self.region} {self.year}年统计填报"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("plans:submission", args=[self.pk])

    @property
    def locked(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.APPROVED)

    @property
    def late(self) -> bool:
        return bool(
            self.deadline and self.submitted_at and self.submitted_at.date() > self.deadline
        )


class StatValue(BaseModel):
    """One figure of a submission, with the reporter's note where it changed a lot."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("填报"), on_delete=models.CASCADE, related_name="values"
    )
    series = models.ForeignKey(
        Series, verbose_name=_("统计指标"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("数值"), max_digits=18, decimal_places=4, null=True, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    scope_region_field = "submission__region"
    scope_org_field = None

    class Meta:
        ordering = ("submission", "series__order")
        verbose_name = _("填报数值")
        verbose_name_plural = _("填报数值")
        constraints = [
            models.UniqueConstraint(
                fields=("submission", "series"), name="stat_value_one_per_series"
            )
        ]

    def __str__(self):
        return f"{self.submission} {self.series}"


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not-started", _("未启动")
    IN_PROGRESS = "in-progress", _("推进中")
    DONE = "done", _("已完成")
    DELAYED = "delayed", _("滞后")


class Task(BaseModel):
    """A task of the plan (重点任务 三(一)–(七), 保障措施 四(一)–(四), and their sub-tasks) with the
    responsible department, deadline, status and progress; every update is kept in its history."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("规划"), on_delete=models.CASCADE, related_name="tasks"
    )
    code = models.CharField(_("任务编号"), max_length=20, help_text=_("如 3.1、3.1.2"))
    section = models.CharField(_("规划章节"), max_length=20, help_text=_("如 三(一)"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级任务"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    title = models.CharField(_("任务名称"), max_length=200)
    description = models.TextField(_("任务内容"), blank=True)
    lead = models.CharField(_("牵头单位"), max_length=100)
    partners = models.CharField(_("配合单位"), max_length=300, blank=True)
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    status = models.CharField(
        _("推进状态"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(_("完成进度（%）"), default=0)
    latest = models.TextField(_("最新进展"), blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    # The plan's tasks are published city-wide, like the plan.
    scope_public = True
    tag_fields = ("status",)

    class Meta:
        ordering = ("plan", "order", "code")
        verbose_name = _("规划任务")
        verbose_name_plural = _("规划任务")
        constraints = [
            models.UniqueConstraint(
                fields=("plan", "code"),
                name="plans_task_unique_code",
                violation_error_message="该规划中已有相同编号的任务",
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def overdue(self) -> bool:
        from datetime import date

        return bool(
            self.deadline and self.deadline < date.today() and self.status != TaskStatus.DONE
        )

    def clean(self):
        errors = {}
        if self.progress > 100:
            errors["progress"] = f"完成进度应在 0–100 之间（当前为 {self.progress}）"
        if self.status == TaskStatus.DONE and self.progress != 100:
            errors["progress"] = "状态为“已完成”时完成进度应为 100%"
        if self.status == TaskStatus.NOT_STARTED and self.progress:
            errors["status"] = "已有进度的任务不能是“未启动”"
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = "上级任务不能是本任务"
        if errors:
            raise ValidationError(errors)


class ReportingPeriod(BaseModel):
    """填报期: when the figures of a year may be reported and the deadline (default 31 March of
    the next year); set by the city, it applies to every region's submission of that year."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("规划"), on_delete=models.CASCADE, related_name="reporting_periods"
    )
    year = models.PositiveSmallIntegerField(_("数据年度"))
    opens_on = models.DateField(_("开始填报日期"), null=True, blank=True)
    deadline = models.DateField(_("截止日期"))
    note = models.CharField(_("填报说明"), max_length=300, blank=True)

    scope_public = True

    class Meta:
        ordering = ("plan", "-year")
        verbose_name = _("填报期")
        verbose_name_plural = _("填报期")
        constraints = [
            models.UniqueConstraint(
                fields=("plan", "year"),
                name="plans_reporting_period_unique",
                violation_error_message="该年度的填报期已设置",
            )
        ]

    def __str__(self):
        return f"{self.year}年数据填报期"

    def clean(self):
        errors = {}
        if self.year and self.deadline and self.deadline.year <= self.year:
            errors["deadline"] = (
                f"截止日期（{self.deadline:%Y-%m-%d}）应在数据年度（{self.year}年）结束之后"
            )
        if self.opens_on and self.deadline and self.opens_on > self.deadline:
            errors["opens_on"] = "开始填报日期不能晚于截止日期"
        if errors:
            raise ValidationError(errors)


class AnnualTarget(BaseModel):
    """An indicator's target for one year of the plan (年度目标); where set, it replaces the
    linear or CAGR path for that year. Stored in canonical units like every value."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("指标"), on_delete=models.CASCADE, related_name="annual_targets"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    value = models.DecimalField(_("年度目标"), max_digits=18, decimal_places=6)

    scope_public = True

    class Meta:
        ordering = ("indicator", "year")
        verbose_name = _("年度目标")
        verbose_name_plural = _("年度目标")
        constraints = [
            models.UniqueConstraint(fields=("indicator", "year"), name="plans_annual_target_unique")
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}"
