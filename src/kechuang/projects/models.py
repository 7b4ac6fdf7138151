"""创新课题与专家 (plan 三(二)): calls for proposals, proposals, expert reviews, funded projects
with milestones, and the city's expert pool."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Avg, Q
from django.utils.translation import gettext_lazy as _

from kechuang.core.choices import KeyIndustry, TechField
from kechuang.core.models import BaseModel, ScopedQuerySet
from kechuang.core.validators import (
    check_dates_ordered,
    validate_non_negative,
    validate_year,
)

from .choices import (
    OVERDUE,
    OVERDUE_LABEL,
    CallStatus,
    MilestoneStatus,
    ProjectStatus,
    ProposalStatus,
)


def validate_positive(value) -> None:
    if value is not None and value <= 0:
        raise ValidationError(f"须大于 0（当前为 {value}）", code="not_positive")


def wan(value) -> str:
    """Money for messages: thousands separators, two decimals."""
    return f"{value:,.2f}"


def money(label: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(label, max_digits=14, decimal_places=2, **kwargs)


class Call(BaseModel):
    """课题指南 / 申报通知: a call for research proposals in one of the plan's key fields,
    published by the city (or a county) to every user of the platform."""

    year = models.PositiveSmallIntegerField(_("年度"), validators=[validate_year])
    title = models.CharField(_("指南名称"), max_length=200)
    key_field = models.CharField(
        _("重点领域"),
        max_length=20,
        choices=KeyIndustry.choices,
        help_text=_("规划三（二）：尼龙新材料及应用、电气装备、特钢不锈钢、新一代信息技术等"),
    )
    budget_wan = money(
        _("经费预算（万元）"), validators=[validate_positive], help_text=_("本批次财政资助总额")
    )
    opens_on = models.DateField(_("申报开始日期"))
    closes_on = models.DateField(_("申报截止日期"))
    status = models.CharField(
        _("状态"), max_length=20, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("发布单位区划"),
        on_delete=models.PROTECT,
        related_name="project_calls",
        help_text=_("发布层级，通常为市本级（410400）"),
    )
    description = models.TextField(_("指南说明"), blank=True)

    scope_public = True
    scope_region_field = "region"
    scope_org_field = None
    tag_fields = ("key_field", "status")

    class Meta:
        ordering = ("-year", "title")
        verbose_name = _("课题指南")
        verbose_name_plural = _("课题指南")
        constraints = [
            models.UniqueConstraint(
                fields=("region", "year", "title"),
                name="projects_call_unique_title_per_year",
                violation_error_message="同一发布单位同一年度已有同名课题指南",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        check_dates_ordered(errors, self, "opens_on", "closes_on")
        if errors:
            raise ValidationError(errors)


class ProposalQuerySet(ScopedQuerySet):
    def with_mean_score(self):
        """Annotate ``avg_score``: the mean score of the reviews without a conflict declaration."""
        return self.annotate(
            avg_score=Avg("reviews__score", filter=Q(reviews__conflict_declared=False))
        )


class Proposal(BaseModel):
    """课题申报: one organisation's proposal answering a call."""

    call = models.ForeignKey(
        Call, verbose_name=_("课题指南"), on_delete=models.PROTECT, related_name="proposals"
    )
    title = models.CharField(_("课题名称"), max_length=200)
    applicant = models.ForeignKey(
        "orgs.Org", verbose_name=_("申报单位"), on_delete=models.PROTECT, related_name="proposals"
    )
    leader_name = models.CharField(_("负责人"), max_length=50)
    team = models.TextField(_("团队成员"), blank=True, help_text=_("姓名、单位、分工，每行一人"))
    budget_wan = money(
        _("申请经费（万元）"), validators=[validate_positive], help_text=_("不超过指南经费预算")
    )
    self_funding_wan = money(_("自筹经费（万元）"), default=0, validators=[validate_non_negative])
    field = models.CharField(_("技术领域"), max_length=20, choices=TechField.choices)
    status = models.CharField(
        _("状态"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    submitted_on = models.DateField(_("申报日期"), help_text=_("须在指南的申报起止日期之内"))
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在区划"),
        on_delete=models.PROTECT,
        related_name="project_proposals",
        blank=True,
        help_text=_("留空则取申报单位所在区划"),
    )

    scope_region_field = "region"
    scope_org_field = "applicant"
    tag_fields = ("field", "status")

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ("-submitted_on", "title")
        verbose_name = _("课题申报")
        verbose_name_plural = _("课题申报")

    def __str__(self):
        return self.title

    @property
    def mean_score(self):
        """Mean score over the reviews without a conflict declaration (None before any score)."""
        if "avg_score" in self.__dict__:
            return self.avg_score
        if self.pk is None:
            return None
        return self.reviews.filter(conflict_declared=False).aggregate(m=Avg("score"))["m"]

    def clean(self):
        errors = {}
        if self.region_id is None and self.applicant_id is not None:
            self.region = self.applicant.region
        call = self.call if self.call_id else None
        if call is not None:
            if self.budget_wan is not None and call.budget_wan is not None:
                if self.budget_wan > call.budget_wan:
                    errors.setdefault("budget_wan", []).append(
                        f"申请经费（{wan(self.budget_wan)} 万元）不能大于课题指南“{call}”的"
                        f"经费预算（{wan(call.budget_wan)} 万元）"
                    )
            if self.submitted_on and call.opens_on and call.closes_on:
                if not call.opens_on <= self.submitted_on <= call.closes_on:
                    errors.setdefault("submitted_on", []).append(
                        f"申报日期（{self.submitted_on:%Y-%m-%d}）应在课题指南“{call}”的申报期"
                        f" {call.opens_on:%Y-%m-%d} 至 {call.closes_on:%Y-%m-%d} 之内"
                    )
        if errors:
            raise ValidationError(errors)

    def prepare_save(self):
        if self.region_id is None and self.applicant_id is not None:
            self.region = self.applicant.region


class Expert(BaseModel):
    """专家库: a reviewer in the city-wide expert pool, with the organisations they must not
    review (回避单位). Phone and e-mail are personal data."""

    name = models.CharField(_("姓名"), max_length=50)
    org = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("工作单位"),
        on_delete=models.PROTECT,
        related_name="experts",
        null=True,
        blank=True,
        help_text=_("登记在册的单位；不在册时填写下方的单位名称"),
    )
    org_name = models.CharField(
        _("单位名称（未登记）"), max_length=200, blank=True, help_text=_("如市外高校、院所")
    )
    disciplines = models.CharField(
        _("学科领域"),
        max_length=300,
        blank=True,
        help_text=_("学科代码或名称，以逗号分隔，如：430 材料科学, 高分子材料"),
    )
    main_field = models.CharField(_("主要技术领域"), max_length=20, choices=TechField.choices)
    title = models.CharField(_("职称"), max_length=50, blank=True)
    phone = models.CharField(
        _("手机号码"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$", "应为 11 位手机号码或带区号的固定电话")
        ],
    )
    email = models.EmailField(_("电子邮箱"), blank=True)
    available = models.BooleanField(_("可参与评审"), default=True)
    conflict_orgs = models.ManyToManyField(
        "orgs.Org",
        verbose_name=_("回避单位"),
        blank=True,
        related_name="conflicted_experts",
        help_text=_("与本人有利害关系、评审时须回避的单位（本人工作单位自动回避）"),
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在区划"),
        on_delete=models.PROTECT,
        related_name="experts",
        null=True,
        blank=True,
        help_text=_("县区推荐的专家填写所在县区；市外专家留空"),
    )

    scope_public = True
    # Many-to-many changes are recorded in the history too (no silent loss).
    _history_m2m_fields = ["conflict_orgs"]
    public_to_org_users = False
    scope_region_field = "region"
    scope_org_field = "org"
    tag_fields = ("main_field", "title", "available")
    personal_fields = ("phone", "email")

    class Meta:
        ordering = ("name",)
        verbose_name = _("专家")
        verbose_name_plural = _("专家库")

    def __str__(self):
        return self.name

    @property
    def affiliation(self) -> str:
        return str(self.org) if self.org_id else self.org_name

    def has_conflict_with(self, org) -> bool:
        """True when the expert must not review `org` (own employer or a declared conflict)."""
        if org is None:
            return False
        if self.org_id == org.pk:
            return True
        return self.pk is not None and self.conflict_orgs.filter(pk=org.pk).exists()

    def clean(self):
        if not self.org_id and not self.org_name.strip():
            raise ValidationError({"org_name": "请选择工作单位，或填写不在册的单位名称"})


class Review(BaseModel):
    """专家评审: one expert's score and opinion on one proposal, or a declaration of conflict
    of interest (回避) in which case no score is given."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("课题申报"), on_delete=models.CASCADE, related_name="reviews"
    )
    expert = models.ForeignKey(
        Expert, verbose_name=_("评审专家"), on_delete=models.PROTECT, related_name="reviews"
    )
    score = models.DecimalField(
        _("评分"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(0, "评分应在 0–100 之间"),
            MaxValueValidator(100, "评分应在 0–100 之间"),
        ],
        help_text=_("百分制，0–100；声明回避时不打分"),
    )
    opinion = models.TextField(_("评审意见"), blank=True)
    conflict_declared = models.BooleanField(
        _("声明回避"), default=False, help_text=_("与申报单位存在利害关系时须声明回避")
    )
    reviewed_on = models.DateField(_("评审日期"), null=True, blank=True)

    scope_region_field = "proposal__region"
    # Applicants do not see who reviewed them.
    scope_org_field = None
    tag_fields = ("conflict_declared",)

    class Meta:
        ordering = ("proposal", "expert")
        verbose_name = _("专家评审")
        verbose_name_plural = _("专家评审")
        constraints = [
            models.UniqueConstraint(
                fields=("proposal", "expert"),
                name="projects_review_unique_expert",
                violation_error_message="该专家已有对此课题申报的评审记录",
            )
        ]

    def __str__(self):
        return f"{self.expert.name}评审：{self.proposal.title}"

    def clean(self):
        errors = {}
        if self.conflict_declared and self.score is not None:
            errors["score"] = ["已声明回避的评审不能打分，请清空评分"]
        if self.proposal_id and self.expert_id and not self.conflict_declared:
            applicant = self.proposal.applicant
            if self.expert.has_conflict_with(applicant):
                errors["conflict_declared"] = [
                    f"专家“{self.expert}”须回避申报单位“{applicant}”（本人单位或回避单位），"
                    "请勾选声明回避"
                ]
        if self.proposal_id and self.reviewed_on and self.proposal.submitted_on:
            if self.reviewed_on < self.proposal.submitted_on:
                errors["reviewed_on"] = [
                    f"评审日期（{self.reviewed_on:%Y-%m-%d}）不能早于申报日期"
                    f"（{self.proposal.submitted_on:%Y-%m-%d}）"
                ]
        if errors:
            raise ValidationError(errors)


class Project(BaseModel):
    """立项项目: a funded research project, usually from a proposal (some come from elsewhere,
    e.g. provincial projects managed by the city)."""

    proposal = models.OneToOneField(
        Proposal,
        verbose_name=_("来源申报"),
        on_delete=models.PROTECT,
        related_name="project",
        null=True,
        blank=True,
    )
    call = models.ForeignKey(
        Call,
        verbose_name=_("课题指南"),
        on_delete=models.PROTECT,
        related_name="projects",
        null=True,
        blank=True,
        help_text=_("留空则取来源申报的课题指南"),
    )
    project_no = models.CharField(
        _("项目编号"),
        max_length=40,
        unique=True,
        error_messages={"unique": "项目编号已被其他项目使用"},
    )
    title = models.CharField(_("项目名称"), max_length=200)
    owner = models.ForeignKey(
        "orgs.Org", verbose_name=_("承担单位"), on_delete=models.PROTECT, related_name="projects"
    )
    leader_name = models.CharField(_("负责人"), max_length=50)
    funded_wan = money(_("财政资助（万元）"), validators=[validate_positive])
    self_funding_wan = money(_("自筹经费（万元）"), default=0, validators=[validate_non_negative])
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    status = models.CharField(
        _("状态"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在区划"),
        on_delete=models.PROTECT,
        related_name="projects",
        blank=True,
        help_text=_("留空则取承担单位所在区划"),
    )

    scope_region_field = "region"
    scope_org_field = "owner"
    tag_fields = ("status",)

    class Meta:
        ordering = ("-starts_on", "project_no")
        verbose_name = _("立项项目")
        verbose_name_plural = _("立项项目")

    def __str__(self):
        return self.title

    def _fill_defaults(self):
        if self.region_id is None and self.owner_id is not None:
            self.region = self.owner.region
        if self.call_id is None and self.proposal_id is not None:
            self.call_id = self.proposal.call_id

    def clean(self):
        self._fill_defaults()
        errors = {}
        check_dates_ordered(errors, self, "starts_on", "ends_on")
        if self.proposal_id:
            proposal = self.proposal
            if self.call_id and proposal.call_id != self.call_id:
                errors.setdefault("call", []).append(
                    f"课题指南应与来源申报的课题指南“{proposal.call}”一致"
                )
            if self.owner_id and proposal.applicant_id != self.owner_id:
                errors.setdefault("owner", []).append(
                    f"承担单位应与来源申报的申报单位“{proposal.applicant}”一致"
                )
            if self.funded_wan is not None and self.funded_wan > proposal.budget_wan:
                errors.setdefault("funded_wan", []).append(
                    f"财政资助（{wan(self.funded_wan)} 万元）不能大于来源申报的申请经费"
                    f"（{wan(proposal.budget_wan)} 万元）"
                )
        if errors:
            raise ValidationError(errors)

    def prepare_save(self):
        self._fill_defaults()


class Milestone(BaseModel):
    """里程碑: a dated step of a project (开题, 中期检查, 结题验收…). 逾期 is derived: due date
    passed and not done."""

    project = models.ForeignKey(
        Project, verbose_name=_("立项项目"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("里程碑"), max_length=200)
    due_on = models.DateField(_("计划完成日期"))
    done_on = models.DateField(_("实际完成日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.PENDING,
        help_text=_("“逾期”不需填写：计划日期已过且未完成时自动显示"),
    )
    note = models.TextField(_("备注"), blank=True)

    scope_region_field = "project__region"
    scope_org_field = "project__owner"
    tag_fields = ("status",)

    class Meta:
        ordering = ("project", "due_on", "title")
        verbose_name = _("里程碑")
        verbose_name_plural = _("里程碑")

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        return (
            self.status != MilestoneStatus.DONE
            and self.done_on is None
            and self.due_on is not None
            and self.due_on < date.today()
        )

    @property
    def effective_status(self) -> str:
        """The stored status, or "overdue" when the due date has passed without completion."""
        return OVERDUE if self.is_overdue else self.status

    @property
    def effective_status_label(self) -> str:
        return str(OVERDUE_LABEL) if self.is_overdue else self.get_status_display()

    def clean(self):
        errors = {}
        if self.status == MilestoneStatus.DONE and self.done_on is None:
            errors["done_on"] = ["状态为“已完成”时须填写实际完成日期"]
        if self.done_on is not None and self.status != MilestoneStatus.DONE:
            errors["status"] = ["已填写实际完成日期时，状态应为“已完成”"]
        if self.project_id and self.due_on and self.project.starts_on:
            if self.due_on < self.project.starts_on:
                errors["due_on"] = [
                    f"计划完成日期（{self.due_on:%Y-%m-%d}）不能早于项目开始日期"
                    f"（{self.project.starts_on:%Y-%m-%d}）"
                ]
        if errors:
            raise ValidationError(errors)


__all__ = [
    "Call",
    "Expert",
    "Milestone",
    "Project",
    "Proposal",
    "Review",
]
