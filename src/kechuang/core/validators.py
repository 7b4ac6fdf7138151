"""Validators shared by the registries; every message names the field and what is allowed."""

from datetime import date

from django.core.exceptions import ValidationError

FIRST_YEAR = 2000


def last_allowed_year() -> int:
    return date.today().year + 1


def validate_year(value: int) -> None:
    """A statistical year between 2000 and next year."""
    if value is None:
        return
    if not FIRST_YEAR <= value <= last_allowed_year():
        raise ValidationError(
            f"年度 {value} 超出允许范围（{FIRST_YEAR}–{last_allowed_year()}）", code="year_range"
        )


def validate_non_negative(value) -> None:
    if value is not None and value < 0:
        raise ValidationError(f"不能为负数（当前为 {value}）", code="negative")


def check_not_greater(errors: dict, obj, small: str, large: str) -> None:
    """Add an error on `small` when obj.small > obj.large (e.g. 科技人员数 ≤ 职工总数)."""
    a, b = getattr(obj, small), getattr(obj, large)
    if a is not None and b is not None and a > b:
        meta = obj._meta
        errors.setdefault(small, []).append(
            f"{meta.get_field(small).verbose_name}（{a}）不能大于"
            f"{meta.get_field(large).verbose_name}（{b}）"
        )


def check_dates_ordered(errors: dict, obj, first: str, second: str) -> None:
    """Add an error on `second` when it is earlier than `first` (e.g. 入驻日期 ≤ 迁出日期)."""
    a, b = getattr(obj, first), getattr(obj, second)
    if a is not None and b is not None and b < a:
        meta = obj._meta
        errors.setdefault(second, []).append(
            f"{meta.get_field(second).verbose_name}（{b:%Y-%m-%d}）不能早于"
            f"{meta.get_field(first).verbose_name}（{a:%Y-%m-%d}）"
        )
