"""Choices of the 成果转化 registry (plan 三(六); DOMAIN.md §3, §4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AchievementStatus(models.TextChoices):
    PENDING = "pending", _("待转化")
    TRANSFERRING = "transferring", _("转化中")
    TRANSFERRED = "transferred", _("已转化")


class TRL(models.IntegerChoices):
    """技术就绪度 (TRL) 1–9. Working wording aligned with GB/T 22900 / NASA (DOMAIN.md §3.1);
    replace it with the standard's text when available."""

    TRL1 = 1, _("1 级：发现基本原理")
    TRL2 = 2, _("2 级：形成技术概念或应用方案")
    TRL3 = 3, _("3 级：关键功能通过实验验证（概念验证）")
    TRL4 = 4, _("4 级：实验室环境下样机（样品）验证")
    TRL5 = 5, _("5 级：相关环境下样机验证")
    TRL6 = 6, _("6 级：相关环境下系统原型演示（中试）")
    TRL7 = 7, _("7 级：实际使用环境下系统原型演示")
    TRL8 = 8, _("8 级：实际系统完成并通过试验验证（定型）")
    TRL9 = 9, _("9 级：实际系统通过实际使用验证（规模应用）")


class AppraisalKind(models.TextChoices):
    APPRAISAL = "appraisal", _("鉴定")
    EVALUATION = "evaluation", _("评价")


class AppraisalConclusion(models.TextChoices):
    INTL_LEADING = "intl_leading", _("国际领先")
    INTL_ADVANCED = "intl_advanced", _("国际先进")
    DOMESTIC_LEADING = "domestic_leading", _("国内领先")
    DOMESTIC_ADVANCED = "domestic_advanced", _("国内先进")
    OTHER = "other", _("其他")


class DemandStatus(models.TextChoices):
    OPEN = "open", _("征集中")
    MATCHING = "matching", _("对接中")
    SOLVED = "solved", _("已解决")
    CLOSED = "closed", _("已关闭")


class ContractKind(models.TextChoices):
    """技术合同类型 under the 民法典 (技术许可 split out of 技术转让; DOMAIN.md §4)."""

    DEVELOPMENT = "development", _("技术开发")
    TRANSFER = "transfer", _("技术转让")
    LICENSING = "licensing", _("技术许可")
    CONSULTING = "consulting", _("技术咨询")
    SERVICE = "service", _("技术服务")


class MatchStatus(models.TextChoices):
    """供需对接 progress, so that conversion from a proposed match to a contract is measurable."""

    PROPOSED = "proposed", _("已推荐")
    CONTACTED = "contacted", _("已联系")
    NEGOTIATING = "negotiating", _("洽谈中")
    SIGNED = "signed", _("已签约")
    FAILED = "failed", _("未成功")


class OutcomeRating(models.TextChoices):
    """转化成效评价."""

    SIGNIFICANT = "significant", _("成效显著")
    GOOD = "good", _("成效良好")
    FAIR = "fair", _("成效一般")
    NONE = "none", _("未见成效")
