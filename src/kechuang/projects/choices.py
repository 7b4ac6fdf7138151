from django.db import models
from django.utils.translation import gettext_lazy as _


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("征集中")
    REVIEWING = "reviewing", _("评审中")
    APPROVED = "approved", _("已立项")
    CLOSED = "closed", _("已结束")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已提交")
    FORMAL_PASSED = "formal_passed", _("形式审查通过")
    FORMAL_FAILED = "formal_failed", _("形式审查未通过")
    REVIEWING = "reviewing", _("专家评审中")
    RECOMMENDED = "recommended", _("拟立项")
    DECLINED = "declined", _("未立项")


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", _("在研")
    EXTENDED = "extended", _("延期")
    COMPLETED = "completed", _("结题")
    TERMINATED = "terminated", _("终止")


class MilestoneStatus(models.TextChoices):
    """Stored states; 逾期 (overdue) is derived from the dates, never stored."""

    PENDING = "pending", _("未开始")
    IN_PROGRESS = "in_progress", _("进行中")
    DONE = "done", _("已完成")


OVERDUE = "overdue"
OVERDUE_LABEL = _("逾期")

# Tabler colour of each status tag (the word is always shown as well).
STATUS_COLOURS = {
    CallStatus.DRAFT: "secondary",
    CallStatus.OPEN: "green",
    CallStatus.REVIEWING: "orange",
    CallStatus.APPROVED: "blue",
    CallStatus.CLOSED: "secondary",
    ProposalStatus.SUBMITTED: "secondary",
    ProposalStatus.FORMAL_PASSED: "cyan",
    ProposalStatus.FORMAL_FAILED: "red",
    ProposalStatus.REVIEWING: "orange",
    ProposalStatus.RECOMMENDED: "green",
    ProposalStatus.DECLINED: "secondary",
    ProjectStatus.ACTIVE: "green",
    ProjectStatus.EXTENDED: "orange",
    ProjectStatus.COMPLETED: "blue",
    ProjectStatus.TERMINATED: "red",
    MilestoneStatus.PENDING: "secondary",
    MilestoneStatus.IN_PROGRESS: "cyan",
    MilestoneStatus.DONE: "green",
    OVERDUE: "red",
}
