from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kechuang.core.models import BaseModel
from kechuang.core.text import pinyin_initials

from .choices import RegionKind, RegionLevel

CODE_LENGTH = {
    RegionLevel.PROVINCE: 6,
    RegionLevel.CITY: 6,
    RegionLevel.COUNTY: 6,
    RegionLevel.TOWNSHIP: 9,
    RegionLevel.VILLAGE: 12,
}


class Region(BaseModel):
    """An administrative division (or functional zone) in the tree province → … → village.

    Codes follow the NBS statistical division codes (统计用区划代码): 6 digits down to county level,
    9 for townships, 12 for villages. ``path`` is the materialised chain of codes from the root,
    used for scoping ("everything under 410402").
    """

    code = models.CharField(
        _("区划代码"),
        max_length=12,
        unique=True,
        validators=[RegexValidator(r"^\d{6}(\d{3}(\d{3})?)?$", "区划代码应为 6、9 或 12 位数字")],
    )
    name = models.CharField(_("名称"), max_length=100)
    level = models.PositiveSmallIntegerField(_("层级"), choices=RegionLevel.choices)
    kind = models.CharField(_("类型"), max_length=20, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级区划"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("路径"), max_length=120, editable=False, db_index=True)
    is_synthetic = models.BooleanField(
        _("演示生成"), default=False, help_text=_("演示数据中生成的村级区划，并非真实区划")
    )
    search_initials = models.CharField(_("拼音首字母"), max_length=50, editable=False, blank=True)

    scope_region_field = "self"
    org_users_see_own_region = True
    tag_fields = ("level", "kind", "is_synthetic")

    class Meta:
        ordering = ("code",)
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    select_related_for_label = ("parent",)

    def __str__(self):
        return self.name

    def select_label(self) -> str:
        """The name as shown in selects: townships and villages with their parent's name."""
        if self.level >= RegionLevel.TOWNSHIP and self.parent_id:
            return f"{self.parent.name} · {self.name}"
        return self.name

    @property
    def county(self):
        """The county-level unit this region lies in (itself for a county); None above it.
        Walks parents already loaded by select_related("parent__parent")."""
        region = self
        while region is not None and region.level > RegionLevel.COUNTY:
            region = region.parent
        return region if region is not None and region.level == RegionLevel.COUNTY else None

    @property
    def is_functional_zone(self) -> bool:
        return self.kind == RegionKind.ZONE

    def clean(self):
        errors = {}
        expected = CODE_LENGTH.get(self.level)
        if self.code and expected and len(self.code) != expected:
            errors["code"] = f"{self.get_level_display()}区划代码应为 {expected} 位数字"
        if self.parent_id:
            if self.parent.level >= (self.level or 0):
                errors["parent"] = "上级区划的层级必须高于本区划"
            elif self.pk and self.parent.path.startswith(self._own_path_prefix()):
                errors["parent"] = "不能把区划移到它自己的下级区划之下"
            elif self.code and not self.code.startswith(self._parent_code_prefix()):
                errors["code"] = (
                    f"区划代码应以上级区划“{self.parent.name}”的代码前缀"
                    f" {self._parent_code_prefix()} 开头"
                )
        elif self.level and self.level >= RegionLevel.COUNTY:
            errors["parent"] = "县级及以下区划必须有上级区划"
        if errors:
            raise ValidationError(errors)

    def _parent_code_prefix(self) -> str:
        code = self.parent.code
        # 410400 → 4104, 410402 → 410402, 410402001 → 410402001
        if self.parent.level == RegionLevel.PROVINCE:
            return code[:2]
        if self.parent.level == RegionLevel.CITY:
            return code[:4]
        return code

    def _own_path_prefix(self) -> str:
        return self.path or f"/{self.code}/"

    def save(self, *args, **kwargs):
        old_path = self.path
        self.path = (self.parent.path if self.parent_id else "/") + f"{self.code}/"
        self.search_initials = pinyin_initials(self.name)
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            # Moving or re-coding a region moves its whole subtree.
            for child in self.children.all():
                child.save()

    def ancestors(self):
        codes = [c for c in self.path.strip("/").split("/") if c and c != self.code]
        by_code = {r.code: r for r in Region.objects.filter(code__in=codes)}
        return [by_code[c] for c in codes if c in by_code]
