"""绩效评价 (plan 四(四)): indicator schemes, evaluation runs and their results, spot checks.

A scheme (指标体系) is a tree of indicators kept as versioned data: a run keeps the exact version it
used, so a published result can always be recomputed and explained. Computation lives in the
numpy-only engine (``kechuang.evaluation.engine``); this app feeds it registry data and stores what
it returns.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kechuang.core.models import BaseModel, ScopedQuerySet
from kechuang.platforms.choices import PlatformKind

from .choices import CheckStatus, Proposal, RunStatus


class Scheme(BaseModel):
    """An evaluation scheme (指标体系) for one platform type; its content lives in versions."""

    code = models.SlugField(_("体系编号"), max_length=60, unique=True)
    name = models.CharField(_("体系名称"), max_length=200)
    platform_kind = models.CharField(
        _("适用平台类型"), max_length=20, choices=PlatformKind.choices, blank=True
    )
    is_example = models.BooleanField(
        _("示例体系"),
        default=False,
        help_text=_("按公开文件整理的示例，权重与分档须由主管部门确认后使用"),
    )
    description = models.TextField(_("说明"), blank=True)

    # Schemes are the bureau's published rules: every user allowed to view them sees them all.
    scope_public = True
    tag_fields = ("platform_kind",)

    class Meta:
        ordering = ("code",)
        verbose_name = _("指标体系")
        verbose_name_plural = _("指标体系")

    def __str__(self):
        return self.name

    @property
    def current(self) -> "SchemeVersion | None":
        return self.versions.order_by("-number").first()


class SchemeVersion(models.Model):
    """One immutable version of a scheme's definition (the tree, grading and rules as JSON)."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("指标体系"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("版本号"))
    definition = models.JSONField(_("体系定义"))
    note = models.CharField(_("修订说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修订人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(_("修订时间"), auto_now_add=True)

    class Meta:
        ordering = ("scheme", "-number")
        verbose_name = _("指标体系版本")
        verbose_name_plural = _("指标体系版本")
        constraints = [
            models.UniqueConstraint(
                fields=("scheme", "number"), name="evaluation_schemeversion_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.scheme.name} 第{self.number}版"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("指标体系版本保存后不可修改：请新建版本")
        super().save(*args, **kwargs)


class Run(BaseModel):
    """An evaluation run (评价任务): one scheme version over a population of platforms for a year."""

    title = models.CharField(_("任务名称"), max_length=200)
    scheme_version = models.ForeignKey(
        SchemeVersion, verbose_name=_("指标体系版本"), on_delete=models.PROTECT, related_name="runs"
    )
    year = models.PositiveSmallIntegerField(
        _("评价年度"), help_text=_("数据期为该年度及之前若干年（按指标体系的数据期）")
    )
    population = models.JSONField(
        _("评价范围"),
        default=dict,
        blank=True,
        help_text=_("平台类型、级别、县区与排除的平台"),
    )
    draws = models.PositiveIntegerField(
        _("不确定性模拟次数"), default=1000, help_text=_("蒙特卡洛抽样次数；0 表示不做不确定性分析")
    )
    seed = models.PositiveBigIntegerField(_("随机种子"), default=0)
    status = models.CharField(
        _("状态"), max_length=20, choices=RunStatus.choices, default=RunStatus.DRAFT
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("更正的任务"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    correction_reason = models.TextField(_("更正原因"), blank=True)
    computed_at = models.DateTimeField(_("计算时间"), null=True, blank=True)
    summary = models.JSONField(_("计算摘要"), default=dict, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("复核人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    # Runs are city-wide work; each user sees the results of their own region (Result is scoped).
    scope_public = True
    tag_fields = ("status",)

    class Meta:
        ordering = ("-year", "-pk")
        verbose_name = _("评价任务")
        verbose_name_plural = _("评价任务")
        permissions = [("publish_run", _("复核、发布评价结果"))]

    def __str__(self):
        return self.title

    @property
    def scheme(self) -> Scheme:
        return self.scheme_version.scheme

    @property
    def is_published(self) -> bool:
        return self.status == RunStatus.PUBLISHED


class ResultQuerySet(ScopedQuerySet):
    pass


class Result(models.Model):
    """One platform's result in a run: score, rank and its uncertainty, grade, contributions, and
    what the result proposes (结果运用). Computed, never typed in."""

    run = models.ForeignKey(
        Run, verbose_name=_("评价任务"), on_delete=models.CASCADE, related_name="results"
    )
    platform = models.ForeignKey(
        "platforms.Platform",
        verbose_name=_("创新平台"),
        on_delete=models.PROTECT,
        related_name="evaluation_results",
    )
    score = models.FloatField(_("得分"), null=True)
    adjustment = models.FloatField(_("抽查调整"), default=0)
    final_score = models.FloatField(_("最终得分"), null=True)
    rank = models.PositiveIntegerField(_("排名"), null=True)
    rank_median = models.FloatField(_("模拟排名中位数"), null=True)
    rank_low = models.PositiveIntegerField(_("排名区间下限（5%）"), null=True)
    rank_high = models.PositiveIntegerField(_("排名区间上限（95%）"), null=True)
    grade = models.CharField(_("等级"), max_length=20, blank=True)
    proposal = models.CharField(_("结果运用"), max_length=20, choices=Proposal.choices)
    reasons = models.JSONField(_("依据"), default=list, blank=True)
    exempt_reason = models.CharField(_("免评原因"), max_length=200, blank=True)
    values = models.JSONField(_("指标原始值"), default=dict, blank=True)
    node_scores = models.JSONField(_("各级指标得分"), default=dict, blank=True)
    contributions = models.JSONField(_("指标贡献"), default=dict, blank=True)
    imputed = models.JSONField(_("插补的指标"), default=list, blank=True)

    objects = ResultQuerySet.as_manager()

    scope_region_field = "platform__region"
    scope_org_field = "platform__host"

    class Meta:
        # Ranked first, best first; exempt and absent platforms (no rank) after them.
        ordering = ("run", models.F("rank").asc(nulls_last=True), "platform__name")
        verbose_name = _("评价结果")
        verbose_name_plural = _("评价结果")
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=("run", "platform"), name="evaluation_result_unique")
        ]

    def __str__(self):
        return f"{self.platform} · {self.run}"

    def get_absolute_url(self):
        return reverse("evaluation:result", args=[self.pk])


class SpotCheck(BaseModel):
    """抽查 (双随机): a stratified random sample of platforms drawn with a recorded seed, so that
    anyone can re-draw the same sample, and the findings of checking them."""

    title = models.CharField(_("抽查名称"), max_length=200)
    run = models.ForeignKey(
        Run,
        verbose_name=_("对应评价任务"),
        on_delete=models.PROTECT,
        related_name="spot_checks",
    )
    strata = models.CharField(
        _("分层方式"),
        max_length=40,
        default="kind,county",
        help_text=_("按平台类型和/或县区分层，逗号分隔：kind、county"),
    )
    proportion = models.DecimalField(
        _("抽取比例"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    count = models.PositiveIntegerField(_("每层抽取数"), null=True, blank=True)
    excluded = models.JSONField(_("排除的平台"), default=list, blank=True)
    seed = models.PositiveBigIntegerField(_("随机种子"))
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("抽取人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    scope_public = True

    class Meta:
        ordering = ("-created",)
        verbose_name = _("抽查")
        verbose_name_plural = _("抽查")

    def __str__(self):
        return self.title


class SpotCheckItem(BaseModel):
    """One sampled platform: its stratum, the finding and the score adjustment (audited)."""

    spot_check = models.ForeignKey(
        SpotCheck, verbose_name=_("抽查"), on_delete=models.CASCADE, related_name="items"
    )
    platform = models.ForeignKey(
        "platforms.Platform",
        verbose_name=_("创新平台"),
        on_delete=models.PROTECT,
        related_name="spot_checks",
    )
    stratum = models.CharField(_("所在层"), max_length=100)
    status = models.CharField(
        _("核查状态"), max_length=20, choices=CheckStatus.choices, default=CheckStatus.PENDING
    )
    finding = models.TextField(_("核查发现"), blank=True)
    adjustment = models.DecimalField(
        _("得分调整"),
        max_digits=6,
        decimal_places=2,
        default=0,
        help_text=_("核查后对评价得分的加减分，负数为扣分"),
    )
    checked_on = models.DateField(_("核查日期"), null=True, blank=True)

    scope_region_field = "platform__region"
    scope_org_field = None
    tag_fields = ("status",)

    class Meta:
        ordering = ("spot_check", "stratum", "platform__name")
        verbose_name = _("抽查对象")
        verbose_name_plural = _("抽查对象")
        # Drawn, never added or removed by hand: that would break the seeded sample.
        default_permissions = ("view", "change")
        constraints = [
            models.UniqueConstraint(
                fields=("spot_check", "platform"), name="evaluation_spotcheckitem_unique"
            )
        ]

    def __str__(self):
        return f"{self.platform} · {self.spot_check}"
