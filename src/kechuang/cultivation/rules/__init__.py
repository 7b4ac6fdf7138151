"""Pure-Python cultivation rules (no Django): tech-SME evaluation and high-tech conditions."""

from .high_tech import CONDITION_CODES, evaluate_high_tech, growth_band, growth_rate
from .tech_sme import evaluate_tech_sme
from .thresholds import HIGH_TECH, TECH_SME, HighTechRules, TechSmeRules
from .validation import ValidationError

__all__ = [
    "CONDITION_CODES",
    "HIGH_TECH",
    "TECH_SME",
    "HighTechRules",
    "TechSmeRules",
    "ValidationError",
    "evaluate_high_tech",
    "evaluate_tech_sme",
    "growth_band",
    "growth_rate",
]
