from django.db import models
from django.utils.translation import gettext_lazy as _


class QualificationKind(models.TextChoices):
    TECH_SME = "tech_sme", _("科技型中小企业")
    HIGH_TECH = "high_tech", _("高新技术企业")
    SHUANGBAI = "shuangbai", _("创新“双百”企业")
    CHUYING = "chuying", _("科技“雏鹰”企业")
    SPECIALISED = "specialised", _("专精特新企业")
    GAZELLE = "gazelle", _("瞪羚企业")


class Tier(models.TextChoices):
    """微成长 → 小升高 → 高变强 (plan 三(三)): derived from qualifications, never typed in."""

    MICRO = "micro", _("微成长")
    TECH_SME = "tech_sme", _("科技型中小企业")
    HIGH_TECH = "high_tech", _("高新技术企业")
    LEADER = "leader", _("创新龙头")


# Validity of a qualification when the certificate does not say otherwise (years).
DEFAULT_VALIDITY_YEARS = {
    QualificationKind.HIGH_TECH: 3,  # 高新技术企业证书有效期三年 (办法 第十六条)
    QualificationKind.SHUANGBAI: 3,
    QualificationKind.CHUYING: 3,
    QualificationKind.SPECIALISED: 3,
    QualificationKind.GAZELLE: 1,
}
LEADER_KINDS = (QualificationKind.SHUANGBAI, QualificationKind.CHUYING)
