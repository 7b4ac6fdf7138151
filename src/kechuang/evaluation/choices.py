from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    """评价任务的状态: a published run is immutable; a correction is a new run."""

    DRAFT = "draft", _("草稿")
    REVIEWED = "reviewed", _("已复核")
    PUBLISHED = "published", _("已发布")


class Proposal(models.TextChoices):
    """结果运用: what the result proposes for the platform's standing."""

    PASS = "pass", _("通过")
    WARNING = "warning", _("警告")
    REVOKE = "revoke", _("撤销")


class CheckStatus(models.TextChoices):
    PENDING = "pending", _("待核查")
    CHECKED = "checked", _("已核查")
