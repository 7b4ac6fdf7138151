"""Input validation for the rule functions: structured errors that name each bad field."""

from __future__ import annotations

import math
from typing import Any


class ValidationError(ValueError):
    """Raised when rule input has missing or wrongly typed fields.

    ``errors`` is a list of ``{"field": name, "message": 中文说明}``.
    """

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors

    def as_dict(self) -> dict[str, Any]:
        """The JSON-ready error object."""
        return {
            "error": "invalid_input",
            "message": "输入数据有误：" + "、".join(e["field"] for e in self.errors),
            "errors": self.errors,
        }


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _Checker:
    """Collects errors while reading fields out of one input object."""

    def __init__(self, data: Any) -> None:
        self.errors: list[dict[str, str]] = []
        if not isinstance(data, dict):
            self.errors.append({"field": "$", "message": "输入必须是 JSON 对象"})
            data = {}
        self.data: dict[str, Any] = data
        self.out: dict[str, Any] = {}

    def _fail(self, field: str, message: str) -> None:
        self.errors.append({"field": field, "message": message})

    def _get(self, field: str, required: bool) -> tuple[bool, Any]:
        value = self.data.get(field)
        if value is None:
            if required:
                self._fail(field, "缺少必填字段")
            return False, None
        return True, value

    def int_(
        self,
        field: str,
        *,
        required: bool = True,
        minimum: int | None = 0,
        maximum: int | None = None,
    ) -> None:
        present, value = self._get(field, required)
        if not present:
            self.out[field] = None
            return
        if not _is_int(value):
            self._fail(field, "必须是整数")
        elif minimum is not None and value < minimum:
            self._fail(field, f"不能小于 {minimum}")
        elif maximum is not None and value > maximum:
            self._fail(field, f"不能大于 {maximum}")
        self.out[field] = value

    def number(self, field: str, *, minimum: float | None = 0) -> None:
        present, value = self._get(field, True)
        if not present:
            return
        if not _is_number(value):
            self._fail(field, "必须是数值")
        elif minimum is not None and value < minimum:
            self._fail(field, f"不能小于 {minimum}")
        self.out[field] = value

    def bool_(self, field: str, *, required: bool = True, default: bool = False) -> None:
        present, value = self._get(field, required)
        if not present:
            self.out[field] = default
            return
        if not isinstance(value, bool):
            self._fail(field, "必须是布尔值（true/false）")
        self.out[field] = value

    def number_list(
        self,
        field: str,
        *,
        required: bool = True,
        min_len: int = 1,
        max_len: int = 3,
        minimum: float | None = 0,
    ) -> None:
        present, value = self._get(field, required)
        if not present:
            self.out[field] = None
            return
        if not isinstance(value, list):
            self._fail(field, "必须是数值列表（由远及近）")
        elif not min_len <= len(value) <= max_len:
            self._fail(field, f"须包含 {min_len}–{max_len} 个年度的数值")
        elif not all(_is_number(v) for v in value):
            self._fail(field, "列表中的每一项都必须是数值")
        elif minimum is not None and any(v < minimum for v in value):
            self._fail(field, f"列表中的数值不能小于 {minimum}")
        self.out[field] = value

    def finish(self) -> dict[str, Any]:
        if self.errors:
            raise ValidationError(self.errors)
        return self.out


_INF = float("inf")
_TECH_SME_INTS = ("employees", "st_staff", "class1_ip", "class2_ip")
_TECH_SME_NUMBERS = (
    "sales_revenue_wan",
    "total_assets_wan",
    "cost_expense_total_wan",
    "rd_expense_wan",
)
_TECH_SME_FLAGS = (
    ("resident_in_mainland", True),
    ("restricted_industry", False),
    ("integrity_problem", False),
    ("valid_high_tech", False),
    ("national_award_top3_5y", False),
    ("provincial_rd_institution", False),
    ("led_standard_5y", False),
)


def _fine(value: Any, minimum: float | None = 0) -> bool:
    """A finite int or float (not a bool) ≥ `minimum` (unbounded when None): the fast-path check.
    NaN fails every comparison, so the chained comparison rejects it too."""
    kind = type(value)
    if kind is not float and kind is not int:
        return False
    if minimum is None:
        return -_INF < value < _INF
    return minimum <= value < _INF


def _fast_tech_sme(data: Any) -> dict[str, Any] | None:
    """The normalised input when every field is well formed, else None (the checker explains)."""
    if type(data) is not dict:
        return None
    out = {}
    for field in _TECH_SME_INTS:
        value = data.get(field)
        if type(value) is not int or value < 0:
            return None
        out[field] = value
    for field in _TECH_SME_NUMBERS:
        value = data.get(field)
        kind = type(value)
        if (kind is not float and kind is not int) or not 0 <= value < _INF:
            return None
        out[field] = value
    for field, default in _TECH_SME_FLAGS:
        value = data.get(field)
        if value is None:
            value = default
        elif type(value) is not bool:
            return None
        out[field] = value
    return out


def _fine_list(value: Any, max_len: int, min_len: int = 1, minimum: float | None = 0) -> bool:
    if type(value) is not list or not min_len <= len(value) <= max_len:
        return False
    for v in value:
        if not _fine(v, minimum):
            return False
    return True


def _fast_high_tech(data: Any, max_years: int) -> dict[str, Any] | None:
    """The normalised high-tech input when every field is well formed, else None."""
    if type(data) is not dict:
        return None
    get = data.get
    days, employees, st_staff = get("registered_days"), get("employees"), get("st_staff")
    if type(days) is not int or not _fine(employees) or not _fine(st_staff):
        return None
    if type(employees) is not int or type(st_staff) is not int:
        return None
    core_ip, field_ok = get("owns_core_ip"), get("field_in_catalog")
    if type(core_ip) is not bool or type(field_ok) is not bool:
        return None
    sales, rd, rd_cn = (
        get("sales_revenue_wan"),
        get("rd_expense_wan"),
        get("rd_expense_in_china_wan"),
    )
    if not (
        _fine_list(sales, max_years)
        and _fine_list(rd, max_years)
        and _fine_list(rd_cn, max_years)
        and len(rd) == len(sales) == len(rd_cn)
    ):
        return None
    ht, total = get("high_tech_income_wan"), get("total_income_wan")
    if not _fine(ht) or not _fine(total):
        return None
    score = get("innovation_score")
    if score is not None and (type(score) is not int or not 0 <= score <= 100):
        return None
    incident = get("major_incident_last_year")
    if incident is None:
        incident = False
    elif type(incident) is not bool:
        return None
    net = get("net_assets_wan")
    if net is not None and not _fine_list(net, max_years, 0, None):
        return None
    return {
        "registered_days": days,
        "owns_core_ip": core_ip,
        "field_in_catalog": field_ok,
        "employees": employees,
        "st_staff": st_staff,
        "sales_revenue_wan": sales,
        "rd_expense_wan": rd,
        "rd_expense_in_china_wan": rd_cn,
        "high_tech_income_wan": ht,
        "total_income_wan": total,
        "innovation_score": score,
        "major_incident_last_year": incident,
        "net_assets_wan": net,
    }


def validate_tech_sme(data: Any) -> dict[str, Any]:
    """Check and normalise tech-SME input (defaults filled in, unknown fields dropped)."""
    fast = _fast_tech_sme(data)
    if fast is not None:
        return fast
    c = _Checker(data)
    for field in ("employees", "st_staff", "class1_ip", "class2_ip"):
        c.int_(field)
    for field in (
        "sales_revenue_wan",
        "total_assets_wan",
        "cost_expense_total_wan",
        "rd_expense_wan",
    ):
        c.number(field)
    c.bool_("resident_in_mainland", required=False, default=True)
    for field in (
        "restricted_industry",
        "integrity_problem",
        "valid_high_tech",
        "national_award_top3_5y",
        "provincial_rd_institution",
        "led_standard_5y",
    ):
        c.bool_(field, required=False)
    return c.finish()


def validate_high_tech(data: Any, max_years: int = 3) -> dict[str, Any]:
    """Check and normalise high-tech input; the yearly lists must have the same length."""
    fast = _fast_high_tech(data, max_years)
    if fast is not None:
        return fast
    c = _Checker(data)
    c.int_("registered_days", minimum=None)
    c.bool_("owns_core_ip")
    c.bool_("field_in_catalog")
    c.int_("employees")
    c.int_("st_staff")
    for field in ("sales_revenue_wan", "rd_expense_wan", "rd_expense_in_china_wan"):
        c.number_list(field, max_len=max_years)
    c.number("high_tech_income_wan")
    c.number("total_income_wan")
    c.int_("innovation_score", required=False, minimum=0, maximum=100)
    c.bool_("major_incident_last_year", required=False)
    c.number_list("net_assets_wan", required=False, min_len=0, max_len=max_years, minimum=None)
    bad = {e["field"] for e in c.errors}
    sales = c.out.get("sales_revenue_wan")
    if "sales_revenue_wan" not in bad and sales is not None:
        for field in ("rd_expense_wan", "rd_expense_in_china_wan"):
            other = c.out.get(field)
            if field not in bad and other is not None and len(other) != len(sales):
                c._fail(field, f"年度数须与 sales_revenue_wan 相同（{len(sales)} 个）")
    return c.finish()
