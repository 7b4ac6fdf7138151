from django.contrib.auth.models import AbstractUser, Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role


class User(AbstractUser):
    """A person who logs in. `role` decides the actions; `regions` / `org` decide the rows."""

    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.CITY_STAFF)
    display_name = models.CharField(_("姓名"), max_length=50, blank=True)
    division = models.CharField(
        _("科室"), max_length=50, blank=True, help_text=_("市局科室，如规划科")
    )
    regions = models.ManyToManyField(
        "regions.Region",
        verbose_name=_("管辖区划"),
        blank=True,
        related_name="users",
        help_text=_("县区业务人员可管理的县（市、区）；市级业务人员为全市"),
    )
    org = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("所属单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        permissions = [("view_personal_data", _("可查看个人敏感信息（身份证号码、电话）"))]

    def __str__(self):
        return self.display_name or self.username

    def clean(self):
        if self.role == Role.ORG_USER and not self.org_id:
            raise ValidationError({"org": "单位用户必须指定所属单位"})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The role's group carries its permissions; a user holds exactly one role group.
        role_groups = Group.objects.filter(name__in=Role.values)
        self.groups.remove(*role_groups.exclude(name=self.role))
        self.groups.add(Group.objects.get_or_create(name=self.role)[0])

    @property
    def is_unrestricted(self) -> bool:
        return self.is_superuser or self.role == Role.CITY_ADMIN

    @property
    def scope_org_id(self):
        return self.org_id if self.role == Role.ORG_USER and not self.is_superuser else None

    def scope_region_paths(self) -> list[str] | None:
        """Region paths this user may see; None means every region."""
        if self.is_unrestricted:
            return None
        if not hasattr(self, "_scope_paths"):
            if self.scope_org_id is not None:
                self._scope_paths = [self.org.region.path] if self.org_id else []
            else:
                self._scope_paths = list(self.regions.values_list("path", flat=True))
        return self._scope_paths

    @property
    def can_view_personal_data(self) -> bool:
        return self.has_perm("accounts.view_personal_data")
