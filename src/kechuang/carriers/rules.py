"""Recognition thresholds and graduation criteria, read from `data/recognition.yaml`.

The numbers are policy data (DOMAIN.md §9.1), versioned in the YAML; a revision edits the file,
the code only reads these objects. Ratios are fractions (0.75 = 75 %), money in 万元, areas in m².
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

RULES_FILE = Path(__file__).resolve().parent / "data" / "recognition.yaml"

# Metrics a condition may use (computed in carriers.diagnosis); listed here so that a typo in
# the YAML fails on loading, not on a carrier page.
METRICS = frozenset(
    {
        "operating_years",
        "area_sqm",
        "incubation_area_share",
        "fund_size_wan",
        "financed_share",
        "financed_firms",
        "investment_cases",
        "staff",
        "professional_share",
        "professionals_per_firms",
        "mentors",
        "mentors_per_firms",
        "ip_share",
        "incubating",
        "incubating_per_1000sqm",
        "graduated_cumulative",
        "tenants_with_sales",
    }
)
GRADUATION_CRITERIA = frozenset({"high_tech", "ip_and_scale", "revenue", "listed"})


@dataclass(frozen=True)
class Condition:
    """One recognition condition: `metric` compared with `value` (or `specialised_value`)."""

    code: str
    label: str
    short: str
    metric: str
    value: float
    unit: str
    op: str = ">="
    specialised_value: float | None = None
    per: int | None = None
    min_sales_wan: float | None = None

    def required(self, specialised: bool) -> float:
        if specialised and self.specialised_value is not None:
            return self.specialised_value
        return self.value


@dataclass(frozen=True)
class RecognitionSet:
    """A set of conditions for one recognition (国家级孵化器, a city's 市级孵化器 …)."""

    code: str
    label: str
    short: str
    level: str
    kinds: tuple[str, ...]
    source: str
    source_url: str
    conditions: tuple[Condition, ...]
    manual: tuple[str, ...] = ()


@dataclass(frozen=True)
class Criterion:
    """One graduation criterion (毕业条件); a graduate must meet at least one."""

    code: str
    label: str
    min_revenue_wan: float | None = None


@dataclass(frozen=True)
class Rules:
    policy_version: str
    graduation_source: str
    graduation: tuple[Criterion, ...]
    sets: tuple[RecognitionSet, ...] = field(default_factory=tuple)

    def sets_for(self, kind: str) -> list[RecognitionSet]:
        """The recognition sets that apply to a carrier of `kind`."""
        return [s for s in self.sets if kind in s.kinds]


def parse(data: dict) -> Rules:
    """Build and check the rules from the YAML's data; ValueError names what is wrong."""
    sets = []
    for raw in data.get("sets") or ():
        conditions = []
        for c in raw["conditions"]:
            if c["metric"] not in METRICS:
                raise ValueError(
                    f"认定条件 {raw['code']}.{c['code']}：未知的取值口径 {c['metric']}"
                )
            if c.get("op", ">=") not in (">=", "<="):
                raise ValueError(f"认定条件 {raw['code']}.{c['code']}：op 只能是 >= 或 <=")
            conditions.append(Condition(**c))
        codes = [c.code for c in conditions]
        if len(set(codes)) != len(codes):
            raise ValueError(f"认定条件集 {raw['code']} 中有重复的条件代码")
        sets.append(
            RecognitionSet(
                **{k: v for k, v in raw.items() if k not in ("conditions", "kinds", "manual")},
                kinds=tuple(raw["kinds"]),
                conditions=tuple(conditions),
                manual=tuple(raw.get("manual") or ()),
            )
        )
    graduation = data["graduation"]
    criteria = []
    for c in graduation["criteria"]:
        if c["code"] not in GRADUATION_CRITERIA:
            raise ValueError(f"毕业条件：未知的条件代码 {c['code']}")
        criteria.append(Criterion(**c))
    return Rules(
        policy_version=data["policy_version"],
        graduation_source=graduation["source"],
        graduation=tuple(criteria),
        sets=tuple(sets),
    )


@cache
def load_rules(path: Path = RULES_FILE) -> Rules:
    return parse(yaml.safe_load(path.read_text(encoding="utf-8")))
