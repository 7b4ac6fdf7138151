from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kechuang.core.identifiers import uscc_problem
from kechuang.core.models import BaseModel
from kechuang.core.text import mask, pinyin_initials

from .choices import Industry, OrgKind


def validate_uscc(value: str) -> None:
    if problem := uscc_problem(value):
        raise ValidationError(problem, code="invalid_uscc")


class Org(BaseModel):
    """A legal entity (法人单位) identified by its 统一社会信用代码: enterprise, university, institute…

    Enterprises, platform hosts, contract parties and talents' employers all point here.
    """

    name = models.CharField(_("单位名称"), max_length=200)
    uscc = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        validators=[validate_uscc],
        help_text=_("18 位，按 GB 32100-2015 校验"),
        error_messages={"unique": "统一社会信用代码已被其他单位使用"},
    )
    kind = models.CharField(_("单位类型"), max_length=20, choices=OrgKind.choices)
    industry = models.CharField(
        _("所属行业"),
        max_length=1,
        choices=Industry.choices,
        blank=True,
        help_text=_("国民经济行业分类门类"),
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="orgs"
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=50, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    established_on = models.DateField(_("成立日期"), null=True, blank=True)
    registered_capital_wan = models.DecimalField(
        _("注册资本（万元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    description = models.TextField(_("简介"), blank=True)
    search_initials = models.CharField(_("拼音首字母"), max_length=100, editable=False, blank=True)

    scope_region_field = "region"
    scope_org_field = "self"
    tag_fields = ("kind", "industry")
    personal_fields = ("contact_phone",)

    class Meta:
        ordering = ("name",)
        verbose_name = _("法人单位")
        verbose_name_plural = _("法人单位")

    def __str__(self):
        return self.name

    @property
    def masked_phone(self) -> str:
        return mask(self.contact_phone)

    def clean(self):
        if self.uscc:
            self.uscc = self.uscc.strip().upper()

    def prepare_save(self):
        self.uscc = self.uscc.strip().upper()
        self.search_initials = pinyin_initials(self.name)
