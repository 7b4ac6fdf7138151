"""Stored rule results (培育评价): one row per enterprise and data year, recomputed in batch.

Derived data, never typed in: no edit views and no change history (the inputs, annual data and
qualifications, carry the history). Each row records the policy versions that produced it.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kechuang.core.models import ScopedQuerySet
from kechuang.enterprises.choices import Tier


class Evaluation(models.Model):
    """An enterprise's tech-SME score and high-tech conditions for one data year."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("企业"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    year = models.PositiveSmallIntegerField(_("数据年度"))
    tier = models.CharField(_("梯次"), max_length=20, choices=Tier.choices)
    tech_sme_eligible = models.BooleanField(_("符合科技型中小企业条件"), null=True)
    tech_sme_score = models.PositiveSmallIntegerField(_("科技型中小企业评分"), null=True)
    high_tech_eligible = models.BooleanField(
        _("符合高新技术企业条件"),
        null=True,
        help_text=_("空：数据不全，或其余条件均满足而创新能力尚未评分"),
    )
    high_tech_assessed = models.BooleanField(_("高企条件已评估"), default=False)
    high_tech_failed = models.PositiveSmallIntegerField(_("未满足条件数"), null=True)
    high_tech_gap_wan = models.DecimalField(
        _("比例缺口合计（万元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        help_text=_("研发费用、境内研发费用、高新技术产品收入三项比例未达标时需补足的金额之和"),
    )
    high_tech_until = models.DateField(_("高企证书有效期至"), null=True)
    to_fix = models.TextField(_("需改进"), blank=True)
    missing = models.JSONField(_("缺少数据"), default=list, blank=True)
    result = models.JSONField(_("评价结果"), default=dict)
    policy_versions = models.CharField(_("规则版本"), max_length=100)
    computed_at = models.DateTimeField(_("计算时间"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    scope_region_field = "enterprise__org__region"
    scope_org_field = "enterprise__org"

    class Meta:
        ordering = ("high_tech_failed", "high_tech_gap_wan", "-tech_sme_score")
        verbose_name = _("培育评价")
        verbose_name_plural = _("后备库")
        default_permissions = ("view", "change")
        constraints = [
            models.UniqueConstraint(fields=("enterprise", "year"), name="evaluation_one_per_year")
        ]
        indexes = [models.Index(fields=("year", "high_tech_failed", "high_tech_gap_wan"))]

    def __str__(self):
        return f"{self.enterprise} {self.year}年"

    def get_absolute_url(self):
        return (
            reverse("enterprises:enterprise", args=[self.enterprise_id])
            + f"?year={self.year}#diagnosis"
        )
