"""Industry chains (产业链, plan 三(五) 四链融合): ordered links with what is attached to each."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kechuang.core.choices import KeyIndustry
from kechuang.core.models import BaseModel


class Stage(models.TextChoices):
    UPSTREAM = "up", _("上游")
    MIDSTREAM = "mid", _("中游")
    DOWNSTREAM = "down", _("下游")


class Chain(BaseModel):
    """A key industrial chain run by a 链长 + 专班, e.g. 尼龙新材料 (the city's 首位产业)."""

    name = models.CharField(_("产业链名称"), max_length=100, unique=True)
    industry = models.CharField(_("重点产业"), max_length=20, choices=KeyIndustry.choices)
    leader = models.CharField(_("链长"), max_length=100, blank=True)
    task_force = models.CharField(_("工作专班"), max_length=200, blank=True)
    description = models.TextField(_("简介"), blank=True)

    # A chain is a city-wide planning object: every user allowed to view chains sees it; the
    # lists of attached entities on its page are scoped per user.
    scope_public = True
    tag_fields = ("industry",)

    class Meta:
        ordering = ("name",)
        verbose_name = _("产业链")
        verbose_name_plural = _("产业链")

    def __str__(self):
        return self.name


class Link(BaseModel):
    """One link of a chain (e.g. 己二酸 → 尼龙66盐), ordered upstream → downstream."""

    chain = models.ForeignKey(
        Chain, verbose_name=_("产业链"), on_delete=models.CASCADE, related_name="links"
    )
    name = models.CharField(_("环节名称"), max_length=100)
    position = models.PositiveSmallIntegerField(_("顺序"), help_text=_("从上游到下游，1 为最上游"))
    stage = models.CharField(_("环节位置"), max_length=4, choices=Stage.choices)
    description = models.CharField(_("说明"), max_length=300, blank=True)
    enterprises = models.ManyToManyField(
        "enterprises.Enterprise", verbose_name=_("企业"), blank=True, related_name="chain_links"
    )
    platforms = models.ManyToManyField(
        "platforms.Platform", verbose_name=_("创新平台"), blank=True, related_name="chain_links"
    )
    talents = models.ManyToManyField(
        "talents.Talent", verbose_name=_("人才"), blank=True, related_name="chain_links"
    )
    funds = models.ManyToManyField(
        "carriers.Fund", verbose_name=_("创投基金"), blank=True, related_name="chain_links"
    )

    scope_public = True
    # Many-to-many changes are recorded in the history too (no silent loss).
    _history_m2m_fields = ["enterprises", "platforms", "talents", "funds"]

    class Meta:
        ordering = ("chain", "position")
        verbose_name = _("产业链环节")
        verbose_name_plural = _("产业链环节")
        constraints = [
            models.UniqueConstraint(
                fields=("chain", "position"),
                name="link_position_unique",
                violation_error_message="该产业链中已有相同顺序号的环节",
            ),
        ]

    def __str__(self):
        return f"{self.chain} · {self.name}"
