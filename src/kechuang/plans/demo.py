"""Demo: store the computed indicator values for 2016–2025 (the monitoring dashboard reads them)."""

import random

from .models import Plan
from .values import recompute


def load(rng: random.Random) -> str:
    plan = Plan.objects.filter(is_default=True).first()
    if plan is None:
        return "规划监测：无默认规划"
    n = recompute(plan, range(2016, 2026))
    return f"规划监测：指标值 {n} 个（2016—2025 年）"
