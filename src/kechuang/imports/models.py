"""Import batches: who imported which file when, what it did, and how to undo it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class BatchQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view"):
        """A user sees their own batches; the city bureau (administrators and city staff) sees all."""
        from kechuang.accounts.roles import Role

        if not user.is_authenticated or not user.has_perm(f"imports.{action}_batch"):
            return self.none()
        if user.is_superuser or getattr(user, "role", None) in (Role.CITY_ADMIN, Role.CITY_STAFF):
            return self
        return self.filter(user=user)


class Batch(models.Model):
    """One uploaded file of one kind: checked (预检) and, once confirmed, written all at once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("预检中")
        CHECKED = "checked", _("已预检，待确认")
        INVALID = "invalid", _("有错误")
        COMMITTED = "committed", _("已导入")
        ROLLED_BACK = "rolled_back", _("已回滚")

    kind = models.CharField(_("导入类型"), max_length=50)
    file_name = models.CharField(_("文件名"), max_length=255)
    file_hash = models.CharField(_("文件 SHA-256"), max_length=64, db_index=True)
    content = models.BinaryField(_("文件内容"), editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="import_batches",
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    rows = models.PositiveIntegerField(_("数据行数"), default=0)
    new = models.PositiveIntegerField(_("新增"), default=0)
    changed = models.PositiveIntegerField(_("修改"), default=0)
    unchanged = models.PositiveIntegerField(_("未变"), default=0)
    error_count = models.PositiveIntegerField(_("错误数"), default=0)
    errors = models.JSONField(_("错误"), default=list, blank=True)
    preview = models.JSONField(_("预览"), default=dict, blank=True)
    created = models.DateTimeField(_("上传时间"), auto_now_add=True)
    committed_at = models.DateTimeField(_("导入时间"), null=True, blank=True)
    rolled_back_at = models.DateTimeField(_("回滚时间"), null=True, blank=True)
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("回滚人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = BatchQuerySet.as_manager()

    class Meta:
        ordering = ("-created",)
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入记录")
        default_permissions = ("view", "add")

    def __str__(self):
        return f"#{self.pk} {self.file_name}"

    def get_absolute_url(self):
        return reverse("imports:batch", args=[self.pk])


class BatchRow(models.Model):
    """A record an import created or changed, with the values it had before (for rollback).

    A row for created records may stand for `count` of them: file rows `row` … `row + count - 1`
    created the records with ids `object_id` … `object_id + count - 1` (a 100,000-row file of
    new records is one row here, not 100,000)."""

    class Action(models.TextChoices):
        CREATED = "created", _("新增")
        UPDATED = "updated", _("修改")

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="written")
    row = models.PositiveIntegerField(_("行号"))
    object_id = models.BigIntegerField(_("记录 ID"))
    action = models.CharField(_("操作"), max_length=10, choices=Action.choices)
    before = models.JSONField(_("原值"), default=dict, blank=True)
    version_after = models.PositiveIntegerField(_("导入后版本"))
    count = models.PositiveIntegerField(_("记录数"), default=1)

    class Meta:
        ordering = ("batch", "row")
        verbose_name = _("导入行")
        verbose_name_plural = _("导入行")

    def __str__(self):
        if self.count > 1:
            return f"#{self.batch_id} 第{self.row}–{self.row + self.count - 1}行"
        return f"#{self.batch_id} 第{self.row}行"

    def records(self):
        """(file row, record id) of each record this row stands for."""
        return [(self.row + i, self.object_id + i) for i in range(self.count)]
