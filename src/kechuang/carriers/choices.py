from django.db import models
from django.utils.translation import gettext_lazy as _


class CarrierKind(models.TextChoices):
    """孵化载体类型: the incubation chain 苗圃 → 孵化器 → 加速器, plus parks (DOMAIN.md §9.1)."""

    MAKER_SPACE = "maker_space", _("众创空间（苗圃）")
    INCUBATOR = "incubator", _("科技企业孵化器")
    ACCELERATOR = "accelerator", _("加速器")
    UNIVERSITY_PARK = "university_park", _("大学科技园")
    INDUSTRIAL_PARK = "industrial_park", _("产业园区")
    OTHER = "other", _("其他")


class CarrierLevel(models.TextChoices):
    """core.choices.Level plus 未认定 (a carrier not (yet) recognised at any level)."""

    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")
    UNRECOGNISED = "unrecognised", _("未认定")


class Specialisation(models.TextChoices):
    GENERAL = "general", _("综合")
    SPECIALISED = "specialised", _("专业")


class CarrierStatus(models.TextChoices):
    OPERATING = "operating", _("运营")
    CLOSED = "closed", _("停运")


class ExitReason(models.TextChoices):
    GRADUATED = "graduated", _("毕业")
    ELIMINATED = "eliminated", _("淘汰")
    RELOCATED = "relocated", _("迁出")


class TenancyStatus(models.TextChoices):
    """Derived state of a stay, used by filters (never stored)."""

    INCUBATING = "incubating", _("在孵")
    GRADUATED = "graduated", _("已毕业")
    ELIMINATED = "eliminated", _("已淘汰")
    RELOCATED = "relocated", _("已迁出")


class InvestmentRound(models.TextChoices):
    ANGEL = "angel", _("天使轮")
    A = "a", _("A轮")
    B = "b", _("B轮")
    C_PLUS = "c_plus", _("C轮及以后")
    EQUITY_DEBT = "equity_debt", _("股权+债权")
    OTHER = "other", _("其他")
