"""Choices shared by several registries."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyIndustry(models.TextChoices):
    """重点产业 / 产业链 of the plan (三(二), 三(五); DOMAIN.md §5.2)."""

    NYLON = "nylon", _("尼龙新材料")
    ELECTRICAL = "electrical", _("电气装备")
    SPECIAL_STEEL = "steel", _("特钢不锈钢")
    NEW_IT = "it", _("新一代信息技术")
    ENERGY_STORAGE = "storage", _("新能源储能")
    SILICON_CARBON = "sic", _("硅碳新材料")
    ADVANCED_EQUIPMENT = "equipment", _("先进装备制造")
    BIOMEDICINE = "bio", _("生物医药")
    AGRICULTURE = "agri", _("现代农业与食品")
    COAL_CHEMICAL = "coal", _("煤化工与能源")
    OTHER = "other", _("其他")


class TechField(models.TextChoices):
    """国家重点支持的高新技术领域 (the eight top-level areas)."""

    ELECTRONICS = "electronics", _("电子信息")
    BIO_MEDICINE = "bio", _("生物与新医药")
    AEROSPACE = "aerospace", _("航空航天")
    NEW_MATERIALS = "materials", _("新材料")
    HIGH_TECH_SERVICES = "services", _("高技术服务")
    NEW_ENERGY = "energy", _("新能源与节能")
    RESOURCES_ENVIRONMENT = "environment", _("资源与环境")
    ADVANCED_MANUFACTURING = "manufacturing", _("先进制造与自动化")


class Level(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")
