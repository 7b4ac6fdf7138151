"""Enterprises (创新主体): an organisation with annual data and qualifications; tiers derived."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kechuang.core.choices import KeyIndustry, TechField
from kechuang.core.models import BaseModel, ScopedQuerySet
from kechuang.core.validators import (
    check_dates_ordered,
    check_not_greater,
    validate_non_negative,
    validate_year,
)

from .choices import DEFAULT_VALIDITY_YEARS, QualificationKind


def money(label):
    return models.DecimalField(
        label,
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_non_negative],
    )


def count(label):
    return models.PositiveIntegerField(label, null=True, blank=True)


class Enterprise(BaseModel):
    """An enterprise followed by the bureau: one organisation (法人单位) plus what the bureau tracks."""

    org = models.OneToOneField(
        "orgs.Org", verbose_name=_("法人单位"), on_delete=models.PROTECT, related_name="enterprise"
    )
    tech_field = models.CharField(
        _("技术领域"),
        max_length=20,
        choices=TechField.choices,
        blank=True,
        help_text=_("国家重点支持的高新技术领域"),
    )
    industry = models.CharField(
        _("重点产业"), max_length=20, choices=KeyIndustry.choices, default=KeyIndustry.OTHER
    )
    main_products = models.CharField(_("主要产品"), max_length=200, blank=True)
    listed = models.BooleanField(_("上市企业"), default=False)
    description = models.TextField(_("备注"), blank=True)

    scope_region_field = "org__region"
    scope_org_field = "org"
    tag_fields = ("industry", "tech_field", "listed")

    class Meta:
        ordering = ("org__name",)
        verbose_name = _("企业")
        verbose_name_plural = _("企业")

    def __str__(self):
        return self.org.name

    def clean(self):
        if self.org_id and self.org.kind != "enterprise":
            raise ValidationError(
                {
                    "org": f"“{self.org}”的单位类型是{self.org.get_kind_display()}，只有企业可以登记为企业"
                }
            )

    @property
    def region(self):
        return self.org.region

    def tier(self, year: int) -> str:
        from .tiers import tier_of

        return tier_of(self.qualifications.all(), year)


class AnnualData(BaseModel):
    """One enterprise's figures for one statistical year (企业年度数据)."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("企业"), on_delete=models.CASCADE, related_name="annual_data"
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=[validate_year])
    employees = count(_("职工总数"))
    st_staff = count(_("科技人员数"))
    sales_revenue_wan = money(_("销售收入（万元）"))
    total_income_wan = money(_("总收入（万元）"))
    total_assets_wan = money(_("资产总额（万元）"))
    net_assets_wan = money(_("净资产（万元）"))
    cost_expense_total_wan = money(_("成本费用支出总额（万元）"))
    rd_expense_wan = money(_("研发费用（万元）"))
    rd_expense_in_china_wan = money(_("境内研发费用（万元）"))
    high_tech_income_wan = money(_("高新技术产品（服务）收入（万元）"))
    class1_ip = count(_("Ⅰ类知识产权数"))
    class2_ip = count(_("Ⅱ类知识产权数"))
    new_product_revenue_wan = money(_("新产品销售收入（万元）"))
    export_wan = money(_("出口额（万元）"))
    above_scale = models.BooleanField(_("规模以上"), default=False)

    scope_region_field = "enterprise__org__region"
    scope_org_field = "enterprise__org"

    class Meta:
        ordering = ("enterprise__org__name", "-year")
        verbose_name = _("企业年度数据")
        verbose_name_plural = _("企业年度数据")
        constraints = [
            models.UniqueConstraint(
                fields=("enterprise", "year"),
                name="annual_data_one_per_year",
                violation_error_message="该企业该年度的数据已存在（每家企业每年只有一行）",
            )
        ]

    def __str__(self):
        return f"{self.enterprise} {self.year}年"

    def clean(self):
        errors: dict = {}
        check_not_greater(errors, self, "st_staff", "employees")
        check_not_greater(errors, self, "rd_expense_in_china_wan", "rd_expense_wan")
        check_not_greater(errors, self, "high_tech_income_wan", "total_income_wan")
        if errors:
            raise ValidationError(errors)

    @property
    def rd_intensity(self):
        """研发费用 ÷ 销售收入 (a fraction), None when sales are missing or zero."""
        if self.rd_expense_wan is None or not self.sales_revenue_wan:
            return None
        return self.rd_expense_wan / self.sales_revenue_wan


class QualificationQuerySet(ScopedQuerySet):
    def valid_on(self, day: date):
        """Qualifications in force on `day` (issued, not expired, not revoked)."""
        return self.filter(issued_on__lte=day, valid_until__gte=day).filter(
            Q(revoked_on__isnull=True) | Q(revoked_on__gt=day)
        )

    def held_in(self, year: int):
        """Qualifications an enterprise holds for statistical `year`: in force at year end, and
        科技型中小企业 registered (入库) for that year."""
        end = date(year, 12, 31)
        not_revoked = Q(revoked_on__isnull=True) | Q(revoked_on__gt=end)
        # The same conditions as valid_on(end), written inline (no subquery: the monitoring
        # recompute runs this for every year over the whole registry).
        in_force = Q(issued_on__lte=end, valid_until__gte=end)
        return self.filter(
            (Q(kind=QualificationKind.TECH_SME) & Q(year=year) & not_revoked)
            | (~Q(kind=QualificationKind.TECH_SME) & in_force & not_revoked)
        )


class Qualification(BaseModel):
    """A qualification with its validity: 高新技术企业 certificate, 科技型中小企业 registration…"""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("企业"), on_delete=models.CASCADE, related_name="qualifications"
    )
    kind = models.CharField(_("资质类型"), max_length=20, choices=QualificationKind.choices)
    number = models.CharField(
        _("证书编号/入库编号"),
        max_length=50,
        blank=True,
        help_text=_("高新技术企业证书编号，或科技型中小企业入库登记编号"),
    )
    year = models.PositiveSmallIntegerField(_("认定/入库年度"), validators=[validate_year])
    issued_on = models.DateField(_("发证/入库日期"))
    valid_until = models.DateField(
        _("有效期至"),
        blank=True,
        help_text=_("留空时按类型自动计算：高新技术企业三年；科技型中小企业为入库当年年底"),
    )
    revoked_on = models.DateField(_("撤销/取消日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = QualificationQuerySet.as_manager()

    scope_region_field = "enterprise__org__region"
    scope_org_field = "enterprise__org"
    tag_fields = ("kind",)

    class Meta:
        ordering = ("enterprise__org__name", "-issued_on")
        verbose_name = _("企业资质")
        verbose_name_plural = _("企业资质")
        constraints = [
            models.UniqueConstraint(
                fields=("kind", "number"),
                condition=~Q(number=""),
                name="qualification_number_unique",
                violation_error_message="同类资质的证书编号/入库编号已被使用",
            ),
            models.UniqueConstraint(
                fields=("enterprise", "kind", "year"),
                name="qualification_one_per_kind_and_year",
                violation_error_message="该企业该年度已有同类资质记录",
            ),
        ]

    def __str__(self):
        return f"{self.enterprise} {self.get_kind_display()} {self.year}"

    def default_valid_until(self) -> date | None:
        if self.kind == QualificationKind.TECH_SME:
            return date(self.year, 12, 31) if self.year else None
        years = DEFAULT_VALIDITY_YEARS.get(self.kind, 1)
        if not self.issued_on:
            return None
        try:
            end = self.issued_on.replace(year=self.issued_on.year + years)
        except ValueError:  # 29 February
            end = self.issued_on.replace(year=self.issued_on.year + years, day=28)
        return end - timedelta(days=1)

    def clean(self):
        if not self.valid_until:
            self.valid_until = self.default_valid_until()
        errors: dict = {}
        check_dates_ordered(errors, self, "issued_on", "valid_until")
        check_dates_ordered(errors, self, "issued_on", "revoked_on")
        if self.issued_on and self.year and abs(self.issued_on.year - self.year) > 1:
            errors.setdefault("year", []).append(
                f"认定/入库年度 {self.year} 与发证日期 {self.issued_on:%Y-%m-%d} 相差超过一年"
            )
        if errors:
            raise ValidationError(errors)

    def prepare_save(self):
        if not self.valid_until:
            self.valid_until = self.default_valid_until()

    def is_valid_on(self, day: date) -> bool:
        return self.issued_on <= day <= self.valid_until and (
            self.revoked_on is None or self.revoked_on > day
        )
