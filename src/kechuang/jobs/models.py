"""Long-running jobs (batch evaluations, imports): who started what, how far it got, its result.

The work runs in a django-tasks worker (`kechuang db_worker`); the page polls the Job row.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JobQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view"):
        """A user sees the jobs they started; administrators see all."""
        from kechuang.accounts.roles import Role

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser or getattr(user, "role", None) == Role.CITY_ADMIN:
            return self
        return self.filter(user=user)


class Job(models.Model):
    """One run of a registered job function, with progress the web page polls."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("运行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    function = models.CharField(_("任务函数"), max_length=200)
    title = models.CharField(_("任务"), max_length=200)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("总量"), default=0)
    done = models.PositiveIntegerField(_("已完成"), default=0)
    message = models.CharField(_("进度说明"), max_length=200, blank=True)
    result = models.JSONField(_("结果"), null=True, blank=True)
    result_url = models.CharField(_("结果页面"), max_length=300, blank=True)
    error = models.TextField(_("错误"), blank=True)
    created = models.DateTimeField(_("提交时间"), auto_now_add=True)
    started = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished = models.DateTimeField(_("结束时间"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ("-created",)
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")

    def __str__(self):
        return f"{self.title}（{self.get_status_display()}）"

    def get_absolute_url(self):
        return reverse("jobs:job", args=[self.pk])

    @property
    def finished_running(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> float:
        if self.status == self.Status.DONE:
            return 100.0
        if not self.total:
            return 0.0
        return min(100.0, 100.0 * self.done / self.total)
