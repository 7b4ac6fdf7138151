"""创新载体: incubation carriers, their tenants, venture funds and investments (三(五), 三(六)).

The chain "苗圃 + 孵化器 + 加速器 + 创投" (DOMAIN.md §9.1): a `Carrier` hosts enterprises for a
time (`Tenancy`), which leave as graduates, are eliminated or move away; `Fund`s invest in
enterprises (`Investment`), mostly while they are tenants. Yearly figures of a carrier are
derived from the stays (carriers.services), never typed in.
"""

import re
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from kechuang.core.choices import KeyIndustry
from kechuang.core.models import BaseModel, ScopedQuerySet
from kechuang.core.text import pinyin_initials
from kechuang.core.validators import (
    check_dates_ordered,
    check_not_greater,
    validate_non_negative,
)
from kechuang.orgs.choices import OrgKind

from .choices import (
    CarrierKind,
    CarrierLevel,
    CarrierStatus,
    ExitReason,
    InvestmentRound,
    Specialisation,
)


def validate_positive(value) -> None:
    if value is not None and value <= 0:
        raise ValidationError(f"必须大于 0（当前为 {value}）", code="not_positive")


def _check_enterprise(errors: dict, obj, field: str = "enterprise") -> None:
    """The organisation in `field` must be of kind 企业."""
    if getattr(obj, f"{field}_id", None) is None:
        return
    org = getattr(obj, field)
    if org.kind != OrgKind.ENTERPRISE:
        label = obj._meta.get_field(field).verbose_name
        errors.setdefault(field, []).append(
            f"{label}须为“企业”类型的法人单位，“{org}”的单位类型为“{org.get_kind_display()}”"
        )


def _year_end(year: int) -> date:
    return date(year, 12, 31)


class CarrierQuerySet(ScopedQuerySet):
    def with_tenant_counts(self, on: date | None = None):
        """Annotate `current_tenants` (incubating on `on`, default today) and `graduates_total`."""
        on = on or date.today()
        incubating = Q(tenancies__entered_on__lte=on) & (
            Q(tenancies__exited_on__isnull=True) | Q(tenancies__exited_on__gt=on)
        )
        return self.annotate(
            current_tenants=Count("tenancies", filter=incubating),
            graduates_total=Count(
                "tenancies", filter=Q(tenancies__exit_reason=ExitReason.GRADUATED)
            ),
        )


class Carrier(BaseModel):
    """孵化载体: a maker space (苗圃), incubator, accelerator, university science park or
    industrial park, run by an operating organisation (运营单位)."""

    name = models.CharField(
        _("载体名称"),
        max_length=200,
        unique=True,
        error_messages={"unique": "已有同名的孵化载体"},
    )
    kind = models.CharField(_("载体类型"), max_length=20, choices=CarrierKind.choices)
    level = models.CharField(
        _("认定级别"),
        max_length=20,
        choices=CarrierLevel.choices,
        default=CarrierLevel.UNRECOGNISED,
    )
    specialisation = models.CharField(
        _("综合/专业"),
        max_length=20,
        choices=Specialisation.choices,
        default=Specialisation.GENERAL,
        help_text=_("专业载体：在孵企业多数属于同一领域，并有公共技术平台"),
    )
    operator = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("运营单位"),
        on_delete=models.PROTECT,
        related_name="carriers",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在区划"),
        on_delete=models.PROTECT,
        related_name="carriers",
        blank=True,
        help_text=_("不填则取运营单位所在区划"),
    )
    industry = models.CharField(
        _("所属产业"),
        max_length=20,
        choices=KeyIndustry.choices,
        blank=True,
        help_text=_("专业载体必填：服务的重点产业"),
    )
    recognised_on = models.DateField(_("认定日期"), null=True, blank=True)
    area_sqm = models.DecimalField(
        _("场地面积（平方米）"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_non_negative],
    )
    incubation_area_sqm = models.DecimalField(
        _("孵化场地面积（平方米）"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_non_negative],
        help_text=_("在孵企业使用的场地（含公共服务场地），不大于场地面积"),
    )
    fund_size_wan = models.DecimalField(
        _("孵化基金规模（万元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_non_negative],
    )
    mentors = models.PositiveIntegerField(_("创业导师人数"), default=0)
    staff = models.PositiveIntegerField(
        _("从业人员数"), null=True, blank=True, help_text=_("载体运营机构的全部工作人员")
    )
    professional_staff = models.PositiveIntegerField(
        _("专业孵化人员数"),
        null=True,
        blank=True,
        help_text=_("从事孵化服务的专业人员，不大于从业人员数"),
    )
    status = models.CharField(
        _("运营状态"),
        max_length=20,
        choices=CarrierStatus.choices,
        default=CarrierStatus.OPERATING,
    )
    description = models.TextField(_("简介"), blank=True)
    search_initials = models.CharField(_("拼音首字母"), max_length=100, editable=False, blank=True)

    objects = CarrierQuerySet.as_manager()

    scope_region_field = "region"
    scope_org_field = "operator"
    tag_fields = ("kind", "level", "specialisation", "status")
    personal_fields = ()

    class Meta:
        ordering = ("name",)
        verbose_name = _("孵化载体")
        verbose_name_plural = _("孵化载体")

    def __str__(self):
        return self.name

    def clean(self):
        errors: dict = {}
        self._default_region()
        check_not_greater(errors, self, "incubation_area_sqm", "area_sqm")
        check_not_greater(errors, self, "professional_staff", "staff")
        if self.specialisation == Specialisation.SPECIALISED and not self.industry:
            errors.setdefault("industry", []).append("专业载体须填写所属产业（服务的重点产业）")
        if self.level == CarrierLevel.UNRECOGNISED and self.recognised_on:
            errors.setdefault("recognised_on", []).append(
                "认定级别为“未认定”时不应填写认定日期；请先选择认定级别"
            )
        if errors:
            raise ValidationError(errors)

    def prepare_save(self):
        self._default_region()
        self.search_initials = pinyin_initials(self.name)[:100]

    def _default_region(self):
        if self.region_id is None and self.operator_id is not None:
            self.region_id = self.operator.region_id

    # Yearly queries (incubation statistics use the state at 31 December).
    def incubating_at_year_end(self, year: int):
        """Stays in this carrier that were still running on 31 December of `year`."""
        return self.tenancies.incubating_on(_year_end(year))

    def entries_in(self, year: int):
        """Stays that began in `year` (当年新增在孵企业)."""
        return self.tenancies.entered_in(year)

    def graduates_in(self, year: int):
        """Stays that ended by graduation in `year` (当年毕业企业)."""
        return self.tenancies.graduated_in(year)

    def current_tenancies(self):
        return self.tenancies.incubating_on(date.today())


class TenancyQuerySet(ScopedQuerySet):
    def incubating_on(self, on: date):
        """Stays running on day `on`: entered on or before it and not yet left (the exit day
        itself no longer counts)."""
        return self.filter(
            Q(entered_on__lte=on) & (Q(exited_on__isnull=True) | Q(exited_on__gt=on))
        )

    def incubating_in(self, year: int):
        """Stays running at the end of `year` (在孵企业 at year end)."""
        return self.incubating_on(date(year, 12, 31))

    def entered_in(self, year: int):
        return self.filter(entered_on__year=year)

    def exited_in(self, year: int):
        return self.filter(exited_on__year=year)

    def graduated_in(self, year: int):
        return self.exited_in(year).filter(exit_reason=ExitReason.GRADUATED)


class Tenancy(BaseModel):
    """在孵企业: one stay of an enterprise in a carrier, from 入驻日期 to 离开日期 (open while
    it is still there), with the reason it left."""

    carrier = models.ForeignKey(
        Carrier,
        verbose_name=_("孵化载体"),
        on_delete=models.PROTECT,
        related_name="tenancies",
    )
    enterprise = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("在孵企业"),
        on_delete=models.PROTECT,
        related_name="tenancies",
        help_text=_("单位类型须为企业"),
    )
    entered_on = models.DateField(_("入驻日期"))
    exited_on = models.DateField(_("离开日期"), null=True, blank=True, help_text=_("仍在孵则留空"))
    exit_reason = models.CharField(
        _("离开原因"),
        max_length=20,
        choices=ExitReason.choices,
        blank=True,
        help_text=_("填写离开日期时必选"),
    )
    graduated_criteria_note = models.TextField(
        _("毕业认定说明"),
        blank=True,
        help_text=_(
            "毕业依据，如认定为高新技术企业、拥有知识产权并实现规模生产、"
            "单一年度营业收入超过1000万元、被兼并收购或上市"
        ),
    )
    ip_count = models.PositiveIntegerField(
        _("知识产权数"), default=0, help_text=_("离开时（仍在孵则为当前）拥有的有效知识产权数")
    )

    objects = TenancyQuerySet.as_manager()

    scope_region_field = "carrier__region"
    scope_org_field = "carrier__operator"
    tag_fields = ("exit_reason",)
    personal_fields = ()

    class Meta:
        ordering = ("-entered_on", "pk")
        verbose_name = _("在孵企业")
        verbose_name_plural = _("在孵企业")
        indexes = [models.Index(fields=("carrier", "entered_on"), name="carriers_tenancy_entered")]

    def __str__(self):
        return f"{self.enterprise} · {self.carrier}"

    def is_incubating(self, on: date | None = None) -> bool:
        """Whether the enterprise was in the carrier on day `on` (default today)."""
        on = on or date.today()
        return self.entered_on <= on and (self.exited_on is None or self.exited_on > on)

    @property
    def graduated(self) -> bool:
        return self.exit_reason == ExitReason.GRADUATED

    @property
    def status_label(self) -> str:
        if self.exited_on is None:
            return "在孵"
        return {
            ExitReason.GRADUATED: "已毕业",
            ExitReason.ELIMINATED: "已淘汰",
            ExitReason.RELOCATED: "已迁出",
        }.get(self.exit_reason, "已离开")

    @property
    def months(self) -> int | None:
        """Length of the stay so far in whole months (to today while still there)."""
        if self.entered_on is None:
            return None
        end = self.exited_on or date.today()
        return max(0, (end.year - self.entered_on.year) * 12 + end.month - self.entered_on.month)

    def clean(self):
        errors: dict = {}
        _check_enterprise(errors, self)
        check_dates_ordered(errors, self, "entered_on", "exited_on")
        if self.exited_on and not self.exit_reason:
            errors.setdefault("exit_reason", []).append(
                "已填写离开日期，须同时选择离开原因（毕业、淘汰或迁出）"
            )
        if self.exit_reason and not self.exited_on:
            errors.setdefault("exited_on", []).append(
                f"已选择离开原因“{self.get_exit_reason_display()}”，须同时填写离开日期"
            )
        if "entered_on" not in errors and "exited_on" not in errors:
            self._check_overlap(errors)
        if errors:
            raise ValidationError(errors)

    def _check_overlap(self, errors: dict) -> None:
        """An enterprise has at most one stay at a time in the same carrier."""
        if self.carrier_id is None or self.enterprise_id is None or self.entered_on is None:
            return
        others = Tenancy.objects.filter(
            carrier_id=self.carrier_id, enterprise_id=self.enterprise_id
        ).exclude(pk=self.pk)
        others = others.filter(Q(exited_on__isnull=True) | Q(exited_on__gt=self.entered_on))
        if self.exited_on is not None:
            others = others.filter(entered_on__lt=self.exited_on)
        other = others.order_by("entered_on").first()
        if other is not None:
            until = f"{other.exited_on:%Y-%m-%d}" if other.exited_on else "今"
            errors.setdefault("entered_on", []).append(
                f"入驻日期至离开日期与该企业在“{self.carrier}”的另一段在孵记录"
                f"（{other.entered_on:%Y-%m-%d} 至 {until}）重叠；同一企业在同一载体的在孵时段不能重叠"
            )


_MONEY = models.DecimalField(max_digits=14, decimal_places=2)
FOCUS_SPLIT = re.compile(r"[,，、;；\s]+")


class FundQuerySet(ScopedQuerySet):
    def with_invested(self):
        """Annotate `invested_sum` (Σ investment amounts, 万元) and `investment_count`."""
        return self.annotate(
            invested_sum=Coalesce(
                Sum("investments__amount_wan"), Value(Decimal("0")), output_field=_MONEY
            ),
            investment_count=Count("investments"),
        )


class Fund(BaseModel):
    """创投基金: a venture or angel fund (possibly a 政府引导基金) that invests in tech
    enterprises — the 创投 link of the incubation chain."""

    name = models.CharField(
        _("基金名称"), max_length=200, unique=True, error_messages={"unique": "已有同名的创投基金"}
    )
    manager = models.ForeignKey(
        "orgs.Org", verbose_name=_("管理机构"), on_delete=models.PROTECT, related_name="funds"
    )
    size_wan = models.DecimalField(
        _("基金规模（万元）"), max_digits=14, decimal_places=2, validators=[validate_positive]
    )
    established_on = models.DateField(_("成立日期"), null=True, blank=True)
    government_guided = models.BooleanField(_("政府引导基金"), default=False)
    focus_industries = models.CharField(
        _("重点投资产业"),
        max_length=200,
        blank=True,
        help_text=_("可多选；接口和导入中用逗号分隔的产业代码或名称，如 nylon,it"),
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在区划"),
        on_delete=models.PROTECT,
        related_name="funds",
        blank=True,
        help_text=_("不填则取管理机构所在区划"),
    )
    description = models.TextField(_("简介"), blank=True)
    search_initials = models.CharField(_("拼音首字母"), max_length=100, editable=False, blank=True)

    objects = FundQuerySet.as_manager()

    scope_region_field = "region"
    scope_org_field = "manager"
    tag_fields = ("government_guided",)
    personal_fields = ()

    class Meta:
        ordering = ("name",)
        verbose_name = _("创投基金")
        verbose_name_plural = _("创投基金")

    def __str__(self):
        return self.name

    @property
    def focus_industry_codes(self) -> list[str]:
        return [c for c in self.focus_industries.split(",") if c]

    @property
    def focus_industry_labels(self) -> str:
        labels = dict(KeyIndustry.choices)
        return "、".join(str(labels.get(c, c)) for c in self.focus_industry_codes)

    def invested_total(self) -> Decimal:
        """Σ amounts of this fund's investments (万元)."""
        total = self.investments.aggregate(total=Sum("amount_wan"))["total"]
        return total or Decimal("0")

    def clean(self):
        errors: dict = {}
        self._default_region()
        unknown = self._normalise_focus()
        if unknown:
            allowed = "、".join(f"{v}（{label}）" for v, label in KeyIndustry.choices)
            errors["focus_industries"] = [
                f"重点投资产业中“{'、'.join(unknown)}”不是有效的重点产业；可选：{allowed}"
            ]
        if self.pk and self.size_wan is not None:
            total = self.invested_total()
            if total > self.size_wan:
                errors.setdefault("size_wan", []).append(
                    f"基金规模（{self.size_wan:,.2f} 万元）不能小于该基金已登记的投资合计"
                    f"（{total:,.2f} 万元）"
                )
        if errors:
            raise ValidationError(errors)

    def prepare_save(self):
        self._default_region()
        self._normalise_focus()
        self.search_initials = pinyin_initials(self.name)[:100]

    def _default_region(self):
        if self.region_id is None and self.manager_id is not None:
            self.region_id = self.manager.region_id

    def _normalise_focus(self) -> list[str]:
        """Store focus industries as sorted-by-choice codes; accept codes or Chinese names.
        Returns the parts that are neither."""
        by_label = {str(label): value for value, label in KeyIndustry.choices}
        codes, unknown = set(), []
        for part in FOCUS_SPLIT.split(self.focus_industries or ""):
            if not part:
                continue
            code = part if part in KeyIndustry.values else by_label.get(part)
            if code is None:
                unknown.append(part)
            else:
                codes.add(code)
        if not unknown:
            self.focus_industries = ",".join(v for v in KeyIndustry.values if v in codes)
        return unknown


class Investment(BaseModel):
    """投资记录: one investment of a fund in an enterprise, noting the carrier the enterprise
    was in at the time, if any."""

    fund = models.ForeignKey(
        Fund, verbose_name=_("创投基金"), on_delete=models.PROTECT, related_name="investments"
    )
    enterprise = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("被投企业"),
        on_delete=models.PROTECT,
        related_name="investments",
        help_text=_("单位类型须为企业"),
    )
    amount_wan = models.DecimalField(
        _("投资金额（万元）"), max_digits=14, decimal_places=2, validators=[validate_positive]
    )
    invested_on = models.DateField(_("投资日期"))
    round = models.CharField(_("投资轮次"), max_length=20, choices=InvestmentRound.choices)
    carrier = models.ForeignKey(
        Carrier,
        verbose_name=_("所在孵化载体"),
        on_delete=models.PROTECT,
        related_name="investments",
        null=True,
        blank=True,
        help_text=_("投资时企业在孵的载体；不在孵则留空"),
    )
    note = models.TextField(_("备注"), blank=True)

    scope_region_field = "fund__region"
    scope_org_field = "fund__manager"
    tag_fields = ("round",)
    personal_fields = ()

    class Meta:
        ordering = ("-invested_on", "pk")
        verbose_name = _("投资记录")
        verbose_name_plural = _("投资记录")

    def __str__(self):
        return f"{self.fund} → {self.enterprise}（{self.invested_on:%Y-%m-%d}）"

    def clean(self):
        errors: dict = {}
        _check_enterprise(errors, self)
        if self.fund_id is not None:
            self._check_fund(errors)
        if (
            self.carrier_id is not None
            and self.enterprise_id is not None
            and self.invested_on is not None
            and not self.carrier.tenancies.filter(enterprise_id=self.enterprise_id)
            .incubating_on(self.invested_on)
            .exists()
        ):
            errors.setdefault("carrier", []).append(
                f"投资日期（{self.invested_on:%Y-%m-%d}）时“{self.enterprise}”不在“{self.carrier}”"
                "在孵；所在孵化载体只能填写投资时企业在孵的载体，否则留空"
            )
        if errors:
            raise ValidationError(errors)

    def _check_fund(self, errors: dict) -> None:
        fund = self.fund
        established = fund.established_on
        if self.invested_on and established and self.invested_on < established:
            errors.setdefault("invested_on", []).append(
                f"投资日期（{self.invested_on:%Y-%m-%d}）不能早于基金“{fund}”的成立日期"
                f"（{established:%Y-%m-%d}）"
            )
        if self.amount_wan is not None and self.amount_wan > 0:
            others = fund.investments.exclude(pk=self.pk).aggregate(total=Sum("amount_wan"))
            others = others["total"] or Decimal("0")
            total = others + self.amount_wan
            if total > fund.size_wan:
                errors.setdefault("amount_wan", []).append(
                    f"基金“{fund}”的投资合计将达 {total:,.2f} 万元（已登记 {others:,.2f} 万元"
                    f" + 本笔 {self.amount_wan:,.2f} 万元），超过基金规模 {fund.size_wan:,.2f} 万元"
                )
