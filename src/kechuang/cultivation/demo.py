"""Demo: evaluate the demo enterprises' last two data years, so the 后备库 is filled."""

import random

from kechuang.enterprises.demo import LAST_YEAR

from .services import evaluate_year


def load(rng: random.Random) -> str:
    counts = [evaluate_year(year) for year in (LAST_YEAR - 1, LAST_YEAR)]
    return "培育评价：" + "，".join(
        f"{year}年 {c.get('evaluated', 0)} 家"
        for year, c in zip((LAST_YEAR - 1, LAST_YEAR), counts, strict=True)
    )
