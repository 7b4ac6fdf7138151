"""成果转化 (plan 三(六)): achievements with TRL and appraisals, demands, technology contracts."""

import re
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from kechuang.core.choices import KeyIndustry, TechField
from kechuang.core.models import BaseModel, ScopedQuerySet
from kechuang.core.text import pinyin_initials
from kechuang.core.validators import (
    check_dates_ordered,
    check_not_greater,
    validate_non_negative,
    validate_year,
)

from .choices import (
    TRL,
    AchievementStatus,
    AppraisalConclusion,
    AppraisalKind,
    ContractKind,
    DemandStatus,
    MatchStatus,
    OutcomeRating,
)

KEYWORD_SEPARATORS = re.compile(r"[,，、;；]+")


def split_keywords(text: str) -> list[str]:
    """'尼龙66, 连续聚合、己二胺' -> ['尼龙66', '连续聚合', '己二胺'] (blanks and repeats dropped)."""
    words = []
    for word in KEYWORD_SEPARATORS.split(text or ""):
        word = word.strip()
        if word and word not in words:
            words.append(word)
    return words


def check_not_in_future(errors: dict, obj, name: str) -> None:
    value, today = getattr(obj, name), date.today()
    if value is not None and value > today:
        label = obj._meta.get_field(name).verbose_name
        errors.setdefault(name, []).append(
            f"{label}（{value:%Y-%m-%d}）不能晚于今天（{today:%Y-%m-%d}）"
        )


class KeywordsMixin:
    @property
    def keyword_list(self) -> list[str]:
        return split_keywords(self.keywords)


class Achievement(KeywordsMixin, BaseModel):
    """A scientific and technological achievement (科技成果) held by an organisation, with its
    technology readiness level (TRL) and transfer status."""

    title = models.CharField(_("成果名称"), max_length=200)
    owner = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("成果持有单位"),
        on_delete=models.PROTECT,
        related_name="achievements",
    )
    co_owners = models.ManyToManyField(
        "orgs.Org",
        verbose_name=_("共同持有单位"),
        blank=True,
        related_name="co_owned_achievements",
    )
    field = models.CharField(_("技术领域"), max_length=20, choices=TechField.choices)
    industry = models.CharField(_("重点产业"), max_length=20, choices=KeyIndustry.choices)
    description = models.TextField(_("成果简介"))
    keywords = models.CharField(
        _("关键词"), max_length=200, blank=True, help_text=_("多个关键词用逗号或顿号（、）分隔")
    )
    ip_list = models.TextField(
        _("知识产权清单"),
        blank=True,
        help_text=_("每行一项：专利号或软件著作权登记号及名称"),
    )
    trl = models.PositiveSmallIntegerField(
        _("技术就绪度"),
        choices=TRL.choices,
        null=True,
        blank=True,
        help_text=_("TRL 1–9 级；尚未评估的留空"),
    )
    status = models.CharField(
        _("转化状态"),
        max_length=20,
        choices=AchievementStatus.choices,
        default=AchievementStatus.PENDING,
    )
    completed_on = models.DateField(_("完成日期"))
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在区划"),
        on_delete=models.PROTECT,
        blank=True,
        related_name="achievements",
        help_text=_("留空则取成果持有单位的所在区划"),
    )
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    search_initials = models.CharField(_("拼音首字母"), max_length=200, editable=False, blank=True)

    scope_region_field = "region"
    # Many-to-many changes are recorded in the history too (no silent loss).
    _history_m2m_fields = ["co_owners"]
    scope_org_field = "owner"
    tag_fields = ("status", "industry", "trl")
    personal_fields = ("contact_phone",)

    class Meta:
        ordering = ("-completed_on", "-pk")
        verbose_name = _("科技成果")
        verbose_name_plural = _("科技成果")

    def __str__(self):
        return self.title

    @property
    def ip_items(self) -> list[str]:
        return [line.strip() for line in (self.ip_list or "").splitlines() if line.strip()]

    def clean(self):
        errors = {}
        check_not_in_future(errors, self, "completed_on")
        if self.region_id is None and self.owner_id:
            self.region_id = self.owner.region_id
        if errors:
            raise ValidationError(errors)

    def prepare_save(self):
        if self.region_id is None and self.owner_id:
            self.region_id = self.owner.region_id
        self.search_initials = pinyin_initials(self.title)[:200]


class Appraisal(BaseModel):
    """A record of an achievement's appraisal (成果鉴定) or evaluation (成果评价): conclusion and
    scores for advancement, maturity, market prospects and IP strength (each 0–100)."""

    SCORE_PARTS = ("advancement", "maturity", "market_prospects", "ip_strength")

    achievement = models.ForeignKey(
        Achievement,
        verbose_name=_("科技成果"),
        on_delete=models.CASCADE,
        related_name="appraisals",
    )
    kind = models.CharField(_("类型"), max_length=20, choices=AppraisalKind.choices)
    organised_by = models.CharField(_("组织单位"), max_length=200)
    appraised_on = models.DateField(_("评价日期"))
    conclusion = models.CharField(_("评价结论"), max_length=20, choices=AppraisalConclusion.choices)
    advancement = models.PositiveSmallIntegerField(
        _("技术先进性评分"), null=True, blank=True, help_text=_("0–100 分")
    )
    maturity = models.PositiveSmallIntegerField(
        _("技术成熟度评分"), null=True, blank=True, help_text=_("0–100 分")
    )
    market_prospects = models.PositiveSmallIntegerField(
        _("市场前景评分"), null=True, blank=True, help_text=_("0–100 分")
    )
    ip_strength = models.PositiveSmallIntegerField(
        _("知识产权评分"), null=True, blank=True, help_text=_("0–100 分")
    )
    score = models.PositiveSmallIntegerField(
        _("综合评分"),
        null=True,
        blank=True,
        help_text=_("0–100 分；留空且四项评分齐全时取四项平均值（四舍五入）"),
    )
    experts = models.TextField(_("评价专家"), blank=True, help_text=_("姓名、单位、职称，每行一人"))
    summary = models.TextField(_("评价意见"), blank=True)

    scope_region_field = "achievement__region"
    scope_org_field = "achievement__owner"
    tag_fields = ("kind", "conclusion")

    class Meta:
        ordering = ("-appraised_on", "-pk")
        verbose_name = _("成果评价")
        verbose_name_plural = _("成果评价")

    def __str__(self):
        when = f"，{self.appraised_on:%Y-%m-%d}" if self.appraised_on else ""
        return f"{self.achievement}（{self.get_kind_display()}{when}）"

    def derived_score(self) -> int | None:
        """The stated total, else the rounded mean of the four part scores when all are given."""
        if self.score is not None:
            return self.score
        parts = [getattr(self, name) for name in self.SCORE_PARTS]
        if any(p is None for p in parts):
            return None
        return (sum(parts) + 2) // 4  # mean rounded half up

    def clean(self):
        errors = {}
        for name in (*self.SCORE_PARTS, "score"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 100:
                label = self._meta.get_field(name).verbose_name
                errors[name] = f"{label}应为 0–100 之间的整数（当前为 {value}）"
        check_not_in_future(errors, self, "appraised_on")
        if errors:
            raise ValidationError(errors)

    def prepare_save(self):
        self.score = self.derived_score()


class Demand(KeywordsMixin, BaseModel):
    """A technology demand (技术需求) published by an organisation, to be matched with
    achievements and solved through technology contracts."""

    title = models.CharField(_("需求名称"), max_length=200)
    org = models.ForeignKey(
        "orgs.Org", verbose_name=_("需求单位"), on_delete=models.PROTECT, related_name="demands"
    )
    field = models.CharField(_("技术领域"), max_length=20, choices=TechField.choices, blank=True)
    industry = models.CharField(
        _("重点产业"), max_length=20, choices=KeyIndustry.choices, blank=True
    )
    description = models.TextField(_("需求描述"))
    keywords = models.CharField(
        _("关键词"), max_length=200, blank=True, help_text=_("多个关键词用逗号或顿号（、）分隔")
    )
    budget_wan = models.DecimalField(
        _("拟投入资金（万元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_non_negative],
    )
    published_on = models.DateField(_("发布日期"), default=date.today)
    deadline = models.DateField(_("截止日期"), null=True, blank=True)
    status = models.CharField(
        _("需求状态"), max_length=20, choices=DemandStatus.choices, default=DemandStatus.OPEN
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在区划"),
        on_delete=models.PROTECT,
        blank=True,
        related_name="demands",
        help_text=_("留空则取需求单位的所在区划"),
    )
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    search_initials = models.CharField(_("拼音首字母"), max_length=200, editable=False, blank=True)

    scope_region_field = "region"
    scope_org_field = "org"
    tag_fields = ("status", "industry")
    personal_fields = ("contact_phone",)

    class Meta:
        ordering = ("-published_on", "-pk")
        verbose_name = _("技术需求")
        verbose_name_plural = _("技术需求")

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        check_dates_ordered(errors, self, "published_on", "deadline")
        if self.region_id is None and self.org_id:
            self.region_id = self.org.region_id
        if errors:
            raise ValidationError(errors)

    def prepare_save(self):
        if self.region_id is None and self.org_id:
            self.region_id = self.org.region_id
        self.search_initials = pinyin_initials(self.title)[:200]


class ContractQuerySet(ScopedQuerySet):
    def totals(self) -> dict:
        """合同数, Σ 合同成交额 and Σ 技术交易额 (万元) of these contracts, in one query; the
        ``output_*`` figures count only sellers inside the registry's regions (技术输出)."""
        in_registry = Q(seller_region__isnull=False)
        # Aliases must not shadow field names, hence the "sum_" prefix.
        sums = self.order_by().aggregate(
            sum_count=Count("pk"),
            sum_contract_value_wan=Sum("contract_value_wan"),
            sum_transaction_value_wan=Sum("transaction_value_wan"),
            sum_output_count=Count("pk", filter=in_registry),
            sum_output_contract_value_wan=Sum("contract_value_wan", filter=in_registry),
            sum_output_transaction_value_wan=Sum("transaction_value_wan", filter=in_registry),
        )
        totals = {}
        for alias, value in sums.items():
            key = alias.removeprefix("sum_")
            if key.endswith("_wan"):
                # SQLite sums decimals as floats; money is exact to the fen.
                value = Decimal(value or 0).quantize(Decimal("0.01"))
            totals[key] = value
        return totals


class Contract(BaseModel):
    """A registered technology contract (技术合同认定登记, DOMAIN.md §4): parties, type,
    合同成交额 and the certified 技术交易额. Statistics count the seller side (输出)."""

    contract_no = models.CharField(
        _("合同登记编号"),
        max_length=40,
        unique=True,
        error_messages={"unique": "合同登记编号已存在"},
    )
    name = models.CharField(_("合同名称"), max_length=200)
    kind = models.CharField(_("合同类型"), max_length=20, choices=ContractKind.choices)
    seller = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("卖方单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contracts_as_seller",
        help_text=_("登记库中的单位；市外单位留空并填写卖方名称"),
    )
    seller_name = models.CharField(
        _("卖方名称"), max_length=200, blank=True, help_text=_("选择卖方单位时自动填写")
    )
    seller_region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("卖方所在区划"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seller_contracts",
        help_text=_("留空则取卖方单位的所在区划"),
    )
    seller_region_text = models.CharField(
        _("卖方所在地（市外）"), max_length=100, blank=True, help_text=_("如：北京市海淀区")
    )
    buyer = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("买方单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contracts_as_buyer",
        help_text=_("登记库中的单位；市外单位留空并填写买方名称"),
    )
    buyer_name = models.CharField(
        _("买方名称"), max_length=200, blank=True, help_text=_("选择买方单位时自动填写")
    )
    buyer_region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("买方所在区划"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="buyer_contracts",
        help_text=_("留空则取买方单位的所在区划"),
    )
    buyer_region_text = models.CharField(
        _("买方所在地（市外）"), max_length=100, blank=True, help_text=_("如：郑州市")
    )
    signed_on = models.DateField(_("签订日期"))
    registered_on = models.DateField(_("登记日期"))
    contract_value_wan = models.DecimalField(
        _("合同成交额（万元）"),
        max_digits=14,
        decimal_places=2,
        help_text=_("合同约定的总金额"),
    )
    transaction_value_wan = models.DecimalField(
        _("技术交易额（万元）"),
        max_digits=14,
        decimal_places=2,
        validators=[validate_non_negative],
        help_text=_("合同成交额扣除设备、原材料等非技术性费用后的部分"),
    )
    achievement = models.ForeignKey(
        Achievement,
        verbose_name=_("关联科技成果"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contracts",
    )
    field = models.CharField(_("技术领域"), max_length=20, choices=TechField.choices, blank=True)
    search_initials = models.CharField(_("拼音首字母"), max_length=200, editable=False, blank=True)

    # A contract belongs to both parties' regions: the seller's (输出, where 技术合同成交额 is
    # counted) and the buyer's (吸纳). Statistics choose the side explicitly.
    scope_region_field = ("seller_region", "buyer_region")
    scope_org_field = ("seller", "buyer")
    tag_fields = ("kind", "field")

    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ("-signed_on", "-pk")
        verbose_name = _("技术合同")
        verbose_name_plural = _("技术合同")

    def __str__(self):
        return self.name

    @property
    def year(self) -> int | None:
        """The statistical year: the year the contract was signed."""
        return self.signed_on.year if self.signed_on else None

    @property
    def seller_place(self) -> str:
        """Where the seller is: "叶县 · 昆阳镇" in the registry, else the text given."""
        if self.seller_region_id:
            return self.seller_region.select_label()
        return self.seller_region_text

    @property
    def buyer_place(self) -> str:
        if self.buyer_region_id:
            return self.buyer_region.select_label()
        return self.buyer_region_text

    def fill_parties(self) -> None:
        """Names and regions of registry parties come from the org records."""
        for side in ("seller", "buyer"):
            if getattr(self, f"{side}_id"):
                org = getattr(self, side)
                setattr(self, f"{side}_name", org.name)
                if getattr(self, f"{side}_region_id") is None:
                    setattr(self, f"{side}_region_id", org.region_id)
        if not self.field and self.achievement_id:
            self.field = self.achievement.field

    def clean(self):
        errors = {}
        for side, label in (("seller", "卖方"), ("buyer", "买方")):
            if not getattr(self, f"{side}_id") and not getattr(self, f"{side}_name").strip():
                errors[f"{side}_name"] = (
                    f"未选择登记库中的{label}单位时，必须填写{label}名称（如市外单位的全称）"
                )
        if self.contract_value_wan is not None and self.contract_value_wan <= 0:
            errors["contract_value_wan"] = (
                f"合同成交额（万元）必须大于 0（当前为 {self.contract_value_wan}）"
            )
        check_not_greater(errors, self, "transaction_value_wan", "contract_value_wan")
        check_dates_ordered(errors, self, "signed_on", "registered_on")
        if errors:
            raise ValidationError(errors)
        self.fill_parties()

    def prepare_save(self):
        self.contract_no = (self.contract_no or "").strip()
        self.fill_parties()
        self.search_initials = pinyin_initials(self.name)[:200]


class TRLAssessment(BaseModel):
    """A technology-readiness assessment (技术就绪度评价) of an achievement: the answers to the
    level questionnaire with evidence, and the TRL they give (calculator rule, achievements.trl)."""

    achievement = models.ForeignKey(
        Achievement,
        verbose_name=_("科技成果"),
        on_delete=models.CASCADE,
        related_name="trl_assessments",
    )
    variant = models.CharField(
        _("问卷类型"),
        max_length=20,
        choices=[("hardware", _("硬件/工艺类")), ("software", _("软件类"))],
        default="hardware",
    )
    assessed_on = models.DateField(_("评价日期"), default=date.today)
    assessor = models.CharField(_("评价人"), max_length=100, help_text=_("评价专家或机构"))
    threshold = models.PositiveSmallIntegerField(
        _("达标阈值（%）"),
        default=100,
        help_text=_("一项条件完成度达到该百分比即视为满足；默认 100%"),
    )
    answers = models.JSONField(
        _("问卷答案"), default=dict, blank=True, help_text=_("{条件编号: {percent, evidence}}")
    )
    trl = models.PositiveSmallIntegerField(_("评定等级"), default=0, editable=False)
    note = models.TextField(_("备注"), blank=True)

    scope_region_field = "achievement__region"
    scope_org_field = "achievement__owner"
    tag_fields = ("variant",)

    class Meta:
        ordering = ("-assessed_on", "-pk")
        verbose_name = _("技术就绪度评价")
        verbose_name_plural = _("技术就绪度评价")

    def __str__(self):
        return f"{self.achievement} TRL {self.trl}（{self.assessed_on:%Y-%m-%d}）"

    def percents(self) -> dict[str, int]:
        return {
            code: int((a or {}).get("percent") or 0) for code, a in (self.answers or {}).items()
        }

    def result(self) -> dict:
        from .trl import assess

        return assess(self.percents(), self.variant, self.threshold)

    def clean(self):
        errors = {}
        check_not_in_future(errors, self, "assessed_on")
        if not 1 <= (self.threshold or 0) <= 100:
            errors["threshold"] = f"达标阈值应为 1–100 之间的整数（当前为 {self.threshold}）"
        if errors:
            raise ValidationError(errors)

    def prepare_save(self):
        self.trl = self.result()["trl"]


class MatchRecord(BaseModel):
    """A demand ↔ achievement match (供需对接) followed from proposal to a signed technology
    contract or failure. The score and reasons are those of the matching engine when proposed."""

    demand = models.ForeignKey(
        Demand, verbose_name=_("技术需求"), on_delete=models.CASCADE, related_name="matches"
    )
    achievement = models.ForeignKey(
        Achievement, verbose_name=_("科技成果"), on_delete=models.CASCADE, related_name="matches"
    )
    status = models.CharField(
        _("对接状态"), max_length=20, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    score = models.FloatField(_("匹配得分"), null=True, blank=True, editable=False)
    reasons = models.JSONField(_("匹配理由"), default=list, blank=True, editable=False)
    contract = models.ForeignKey(
        "Contract",
        verbose_name=_("技术合同"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="matches",
        help_text=_("签约后关联登记的技术合同"),
    )
    note = models.TextField(_("对接情况"), blank=True, help_text=_("未成功时须说明原因"))

    scope_region_field = ("demand__region", "achievement__region")
    scope_org_field = ("demand__org", "achievement__owner")
    tag_fields = ("status",)

    class Meta:
        ordering = ("-updated", "-pk")
        verbose_name = _("供需对接")
        verbose_name_plural = _("供需对接")
        constraints = [
            models.UniqueConstraint(
                fields=("demand", "achievement"),
                name="achievements_match_unique",
                violation_error_message="该需求与该成果已有对接记录，请在原记录上更新进展",
            )
        ]

    def __str__(self):
        return f"{self.demand} ↔ {self.achievement}"

    def clean(self):
        errors = {}
        if self.status == MatchStatus.SIGNED and self.contract_id is None:
            errors["contract"] = "状态为“已签约”时须关联登记的技术合同"
        if self.status == MatchStatus.FAILED and not self.note.strip():
            errors["note"] = "状态为“未成功”时须在对接情况中说明原因"
        if self.contract_id and self.status != MatchStatus.SIGNED:
            errors["status"] = "已关联技术合同的对接，状态应为“已签约”"
        if errors:
            raise ValidationError(errors)


class SynonymEntry(BaseModel):
    """A synonym group the bureau adds to the shipped matching dictionary (同义词、缩写词):
    a canonical term and the other names of the same technology."""

    industry = models.CharField(
        _("重点产业"),
        max_length=20,
        choices=KeyIndustry.choices,
        blank=True,
        help_text=_("留空为通用"),
    )
    canonical = models.CharField(_("规范词"), max_length=50, help_text=_("如：尼龙66"))
    variants = models.CharField(
        _("同义词、缩写"),
        max_length=500,
        help_text=_("多个用逗号或顿号（、）分隔，如：PA66、聚酰胺66、锦纶66"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        ordering = ("industry", "canonical")
        verbose_name = _("匹配同义词")
        verbose_name_plural = _("匹配同义词")

    def __str__(self):
        return f"{self.canonical}：{self.variants}"

    @property
    def variant_list(self) -> list[str]:
        return split_keywords(self.variants)

    def clean(self):
        from kechuang.matching import Synonyms

        errors = {}
        if not self.variant_list:
            errors["variants"] = "请至少填写一个同义词或缩写"
        else:
            # Must fit with the shipped dictionary and the other entries (no term in two groups).
            synonyms = Synonyms.default().copy()
            try:
                for other in SynonymEntry.objects.exclude(pk=self.pk):
                    synonyms.add(other.canonical, other.variant_list, industry=other.industry)
                synonyms.add(self.canonical, self.variant_list, industry=self.industry)
            except ValueError as exc:
                errors["variants"] = f"与现有词典冲突：{exc}"
        if errors:
            raise ValidationError(errors)


class TransferOutcome(BaseModel):
    """转化与产业化成效: what an achievement produced in a year after its transfer — sales, profit,
    new products, jobs — with an evaluation of the effect."""

    achievement = models.ForeignKey(
        Achievement, verbose_name=_("科技成果"), on_delete=models.CASCADE, related_name="outcomes"
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=[validate_year])
    revenue_wan = models.DecimalField(
        _("新增销售收入（万元）"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[validate_non_negative],
    )
    profit_wan = models.DecimalField(
        _("新增利润（万元）"), max_digits=14, decimal_places=2, default=0
    )
    product_count = models.PositiveIntegerField(_("新产品（新工艺）数"), default=0)
    products = models.TextField(_("新产品、新工艺"), blank=True, help_text=_("每行一项"))
    jobs = models.PositiveIntegerField(_("新增就业（人）"), default=0)
    rating = models.CharField(_("成效评价"), max_length=20, choices=OutcomeRating.choices)
    evaluator = models.CharField(_("评价人"), max_length=100, blank=True)
    summary = models.TextField(_("评价意见"), blank=True)

    scope_region_field = "achievement__region"
    scope_org_field = "achievement__owner"
    tag_fields = ("rating",)

    class Meta:
        ordering = ("achievement", "-year")
        verbose_name = _("转化成效")
        verbose_name_plural = _("转化成效")
        constraints = [
            models.UniqueConstraint(
                fields=("achievement", "year"),
                name="achievements_outcome_unique_year",
                violation_error_message="该成果该年度的转化成效已登记：每项成果每年一条",
            )
        ]

    def __str__(self):
        return f"{self.achievement} {self.year}年转化成效"

    def clean(self):
        errors = {}
        if self.achievement_id and self.year and self.achievement.completed_on:
            if self.year < self.achievement.completed_on.year:
                errors["year"] = (
                    f"年度（{self.year}）不能早于成果完成年份（{self.achievement.completed_on.year}）"
                )
        lines = [line for line in (self.products or "").splitlines() if line.strip()]
        if lines and self.product_count < len(lines):
            errors["product_count"] = (
                f"新产品（新工艺）数（{self.product_count}）少于所列项目（{len(lines)} 项）"
            )
        if errors:
            raise ValidationError(errors)
