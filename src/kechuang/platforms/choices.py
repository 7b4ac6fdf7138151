from django.db import models
from django.utils.translation import gettext_lazy as _


class PlatformKind(models.TextChoices):
    """平台类型."""

    KEY_LAB = "key-lab", _("重点实验室")
    ENGINEERING_CENTER = "engineering-center", _("工程技术研究中心")
    ENTERPRISE_CENTER = "enterprise-center", _("企业技术中心")
    NEW_RD_INSTITUTION = "new-rd", _("新型研发机构")
    PILOT_BASE = "pilot-base", _("中试基地")
    ACADEMICIAN_STATION = "academician", _("院士工作站")
    POSTDOC_STATION = "postdoc", _("博士后科研工作站")
    INTERNATIONAL_LAB = "international-lab", _("国际联合实验室")
    OTHER = "other", _("其他")


class PlatformStatus(models.TextChoices):
    """运行状态: warning and rectification sit between operation and revocation."""

    OPERATING = "operating", _("运行")
    WARNING = "warning", _("警告")
    RECTIFYING = "rectifying", _("整改")
    REVOKED = "revoked", _("撤销")


class ReportStatus(models.TextChoices):
    """填报状态 of an annual report."""

    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("已审核")


# Statuses an organisation user may set on its own reports (review is the bureau's job).
ORG_USER_REPORT_STATUSES = (ReportStatus.DRAFT, ReportStatus.SUBMITTED)
REVIEWED_REPORT_STATUSES = (ReportStatus.RETURNED, ReportStatus.APPROVED)


def org_user_lock_problem(status_before: str | None, user) -> str | None:
    """Organisation users edit their reports until they submit them; after that the report is the
    bureau's to review (or to return, which hands it back)."""
    if getattr(user, "scope_org_id", None) is None or status_before is None:
        return None
    if status_before in (ReportStatus.SUBMITTED, ReportStatus.APPROVED):
        label = ReportStatus(status_before).label
        return f"该年报{label}，单位用户不能再修改；如需修改，请联系科技部门退回"
    return None
