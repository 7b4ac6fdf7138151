from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")


class TalentCategory(models.TextChoices):
    """The plan's 人才"联合舰队" (三(四)): 高层次人才为"旗舰"，"归根"人才为"航母"，本土人才为"千帆"."""

    FLAGSHIP = "flagship", _("高层次人才（“旗舰”）")
    CARRIER = "carrier", _("“归根”人才（“航母”）")
    SAIL = "sail", _("本土人才（“千帆”）")


class TitleLevel(models.TextChoices):
    """职称 by grade."""

    SENIOR = "senior", _("正高级")
    ASSOCIATE = "associate", _("副高级")
    INTERMEDIATE = "intermediate", _("中级")
    JUNIOR = "junior", _("初级")
    NONE = "none", _("无职称")


class Education(models.TextChoices):
    DOCTOR = "doctor", _("博士研究生")
    MASTER = "master", _("硕士研究生")
    BACHELOR = "bachelor", _("大学本科")
    COLLEGE = "college", _("大学专科")
    OTHER = "other", _("其他")


class CommissionerKind(models.TextChoices):
    """Henan's two types (DOMAIN.md §9.2): 个人科技特派员 and 产业科技特派员服务团."""

    INDIVIDUAL = "individual", _("个人")
    GROUP = "group", _("产业服务团")


class AssessmentResult(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    QUALIFIED = "qualified", _("合格")
    BASIC = "basic", _("基本合格")
    UNQUALIFIED = "unqualified", _("不合格")
