"""Base models: timestamps, optimistic locking, scoped querysets, change history."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .scoping import restrict


class KechuangHistoricalRecords(HistoricalRecords):
    """History whose change reason may also come from ``changelog_context(reason=…)``."""

    def get_change_reason_for_object(self, instance, history_type, using):
        reason = super().get_change_reason_for_object(instance, history_type, using)
        if reason is None:
            request = getattr(self.context, "request", None)
            reason = getattr(request, "change_reason", None)
        return reason


class StaleObjectError(Exception):
    """Raised when a record was changed by someone else since it was loaded."""

    def __init__(self, obj, current_version):
        self.obj = obj
        self.current_version = current_version
        super().__init__(
            f"“{obj}”已被他人修改（您编辑的是第 {obj.version} 版，当前为第 {current_version} 版），"
            "未保存。请刷新页面查看最新内容后重新修改。"
        )


class ScopedQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view"):
        """Only the rows `user` may `action` (see core.scoping)."""
        return restrict(self, user, action)


class BaseModel(models.Model):
    """Every registry model: timestamps, a version for optimistic locking, history, scoping."""

    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated = models.DateTimeField(_("更新时间"), auto_now=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    history = KechuangHistoricalRecords(inherit=True, excluded_fields=["updated"])
    objects = ScopedQuerySet.as_manager()

    scope_region_field: str | None = None
    scope_org_field: str | None = None
    # Fields shown as the record's key tags on its detail page.
    tag_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.prepare_save()
        if self.pk is not None and not self._state.adding:
            # Compare-and-set on the version: a second save of a stale copy updates no row.
            bumped = (
                type(self)
                ._base_manager.filter(pk=self.pk, version=self.version)
                .update(version=self.version + 1)
            )
            if not bumped:
                current = (
                    type(self)._base_manager.filter(pk=self.pk).values_list("version", flat=True)
                )
                raise StaleObjectError(self, current.first())
            self.version += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return self.get_url()

    def prepare_save(self) -> None:
        """Hook: derive computed fields (search initials, defaults from related records) before a
        save. Bulk writers (imports) call it too, since bulk_create and bulk_update skip save()."""

    def get_url(self, action: str | None = None) -> str:
        """URL of this record's page, or of one of its actions ("edit", "delete", "changelog")."""
        name = f"{self._meta.app_label}:{self._meta.model_name}"
        return reverse(f"{name}_{action}" if action else name, kwargs={"pk": self.pk})
