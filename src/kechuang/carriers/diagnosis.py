"""A carrier's figures for one year checked against the recognition thresholds in
data/recognition.yaml: each condition with actual, required and ✓ / ✗ / ？ (data missing), and a
one-line headline ("距国家级孵化器认定还差：在孵企业 38 家，低于 50 家；…")."""

from __future__ import annotations

from dataclasses import dataclass

from .choices import Specialisation
from .incubation import CarrierYear
from .models import Carrier
from .rules import Condition, RecognitionSet, Rules, load_rules

# Tolerance for comparing a computed ratio with a bound (0.3 * 10 / 10 must reach 0.3).
EPS = 1e-9


@dataclass(frozen=True)
class Check:
    condition: Condition
    actual: float | None
    required: float
    passed: bool | None  # None: data missing, cannot judge
    note: str = ""

    @property
    def actual_text(self) -> str:
        return "—" if self.actual is None else fmt(self.actual, self.condition.unit)

    @property
    def required_text(self) -> str:
        sign = "≥" if self.condition.op == ">=" else "≤"
        return f"{sign} {fmt(self.required, self.condition.unit)}"

    @property
    def shortfall(self) -> str:
        """'在孵企业 38 家，低于 50 家' for the headline."""
        word = "低于" if self.condition.op == ">=" else "高于"
        unit = self.condition.unit
        return f"{self.condition.short} {fmt(self.actual, unit)}，{word} {fmt(self.required, unit)}"


@dataclass(frozen=True)
class Diagnosis:
    rules: RecognitionSet
    year: int
    checks: tuple[Check, ...]

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if c.passed is False]

    @property
    def missing(self) -> list[Check]:
        return [c for c in self.checks if c.passed is None]

    @property
    def met(self) -> bool:
        return not self.failed and not self.missing

    @property
    def headline(self) -> str:
        name = self.rules.short
        if self.failed:
            text = f"距{name}认定还差：" + "；".join(c.shortfall for c in self.failed)
        else:
            text = f"已满足{name}认定的全部可核验条件"
        if self.missing:
            names = "、".join(c.condition.short for c in self.missing)
            text += f"；另有 {len(self.missing)} 项无法判断（{names}）"
        return text + "。"


def fmt(value: float | None, unit: str) -> str:
    """A value with its unit, as the diagnosis table shows it: 38 家, 75.0%, 12,000 平方米."""
    if value is None:
        return "—"
    if unit == "%":
        return f"{float(value) * 100:.1f}%"
    number = float(value)
    if number.is_integer():
        text = f"{int(number):,}"
    else:
        text = f"{number:,.2f}".rstrip("0").rstrip(".")
    return f"{text} {unit}"


def _share(part, whole) -> float | None:
    if part is None or whole is None or not whole:
        return None
    return float(part) / float(whole)


def metric(carrier: Carrier, f: CarrierYear, c: Condition) -> tuple[float | None, str]:
    """(value of `c.metric` for the carrier in year f.year, note explaining a missing value)."""
    no_tenants = "年末无在孵企业，无法计算"
    name = c.metric
    if name == "operating_years":
        founded = carrier.operator.established_on if carrier.operator_id else None
        if founded is None:
            return None, "运营单位未填写成立日期"
        return float(max(0, f.year - founded.year)), ""
    if name in ("area_sqm", "fund_size_wan", "staff"):
        value = getattr(carrier, name)
        label = carrier._meta.get_field(name).verbose_name
        return (None, f"未填写{label}") if value is None else (float(value), "")
    if name == "mentors":
        return float(carrier.mentors), ""
    if name == "incubation_area_share":
        value = _share(carrier.incubation_area_sqm, carrier.area_sqm)
        return value, "" if value is not None else "未填写场地面积或孵化场地面积"
    if name == "professional_share":
        value = _share(carrier.professional_staff, carrier.staff)
        return value, "" if value is not None else "未填写从业人员数或专业孵化人员数"
    if name in ("professionals_per_firms", "mentors_per_firms"):
        people = (
            carrier.professional_staff if name == "professionals_per_firms" else carrier.mentors
        )
        if people is None:
            return None, "未填写专业孵化人员数"
        if not f.incubating:
            return None, no_tenants
        return people * (c.per or 10) / f.incubating, ""
    if name == "incubating_per_1000sqm":
        if not carrier.incubation_area_sqm:
            return None, "未填写孵化场地面积"
        return f.incubating * 1000 / float(carrier.incubation_area_sqm), ""
    if name in ("financed_share", "ip_share"):
        part = f.financed_incubating if name == "financed_share" else f.ip_holders
        value = _share(part, f.incubating)
        return value, "" if value is not None else no_tenants
    if name == "financed_firms":
        return float(f.financed_incubating), ""
    if name == "investment_cases":
        return float(f.investment_cases), ""
    if name == "tenants_with_sales":
        value = f.tenants_with_sales(c.min_sales_wan or 0)
        note = "" if value is not None else f"年末在孵企业均无{f.year}年度销售收入数据"
        return (None if value is None else float(value)), note
    # incubating, graduated_cumulative: plain counts of CarrierYear
    return float(getattr(f, name)), ""


def check(carrier: Carrier, f: CarrierYear, c: Condition) -> Check:
    specialised = carrier.specialisation == Specialisation.SPECIALISED
    required = c.required(specialised)
    actual, note = metric(carrier, f, c)
    if actual is None:
        passed = None
    elif c.op == ">=":
        passed = actual + EPS >= required
    else:
        passed = actual <= required + EPS
    return Check(condition=c, actual=actual, required=required, passed=passed, note=note)


def diagnose(carrier: Carrier, figures: CarrierYear, rules: Rules | None = None) -> list[Diagnosis]:
    """One diagnosis per recognition set that applies to the carrier's kind."""
    rules = rules or load_rules()
    return [
        Diagnosis(
            rules=rset,
            year=figures.year,
            checks=tuple(check(carrier, figures, c) for c in rset.conditions),
        )
        for rset in rules.sets_for(carrier.kind)
    ]
