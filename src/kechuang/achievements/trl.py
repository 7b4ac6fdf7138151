"""技术就绪度评价 (TRL assessment): the questionnaire as data and the calculator rule.

The assessed TRL is the highest level L such that every applicable criterion at every level ≤ L
is met (answer ≥ threshold, 100 % by default): the AFRL/NASA calculator convention (DOMAIN.md §3.4),
never an average of answers. Levels above it that have some progress are reported as partly met.
Pure Python: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

CRITERIA_FILE = Path(__file__).resolve().parent / "data" / "trl-criteria.yaml"
VARIANTS = {"hardware": "硬件/工艺类", "software": "软件类"}
PERCENT_CHOICES = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class Criterion:
    code: str
    level: int
    text: str
    evidence: str
    applies: str  # both | hardware | software

    def applies_to(self, variant: str) -> bool:
        return self.applies in ("both", variant)


@cache
def questionnaire() -> dict:
    """{"source": str, "levels": {level: {"name": str, "criteria": [Criterion]}}} from the file."""
    data = yaml.safe_load(CRITERIA_FILE.read_text(encoding="utf-8"))
    levels = {}
    for level, spec in sorted(data["levels"].items()):
        levels[int(level)] = {
            "name": spec["name"],
            "criteria": [
                Criterion(
                    code=c["code"],
                    level=int(level),
                    text=c["text"],
                    evidence=c.get("evidence", ""),
                    applies=c.get("applies", "both"),
                )
                for c in spec["criteria"]
            ],
        }
    return {"source": data.get("source", ""), "levels": levels}


def criteria(variant: str) -> list[Criterion]:
    return [
        c
        for level in questionnaire()["levels"].values()
        for c in level["criteria"]
        if c.applies_to(variant)
    ]


def assess(answers: dict[str, int], variant: str, threshold: int = 100) -> dict:
    """The TRL and a per-level breakdown from `answers` ({criterion code: % complete}).

    Each level is "met" (every applicable criterion ≥ threshold), "partial" (some progress) or
    "none"; the TRL is the last level of the unbroken run of met levels from level 1 (0 if
    level 1 is not met).
    """
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {', '.join(VARIANTS)}")
    if not 1 <= threshold <= 100:
        raise ValueError("threshold must be within 1–100")
    levels, trl, broken = [], 0, False
    for number, spec in questionnaire()["levels"].items():
        applicable = [c for c in spec["criteria"] if c.applies_to(variant)]
        values = [int(answers.get(c.code, 0) or 0) for c in applicable]
        met = sum(v >= threshold for v in values)
        status = "met" if met == len(values) else ("partial" if any(values) else "none")
        if status == "met" and not broken:
            trl = number
        else:
            broken = True
        levels.append(
            {
                "level": number,
                "name": spec["name"],
                "status": status,
                "met": met,
                "total": len(values),
                "progress": round(sum(values) / len(values)) if values else 0,
            }
        )
    return {"trl": trl, "levels": levels}
