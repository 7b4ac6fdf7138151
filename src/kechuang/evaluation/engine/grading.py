"""Grades from scores: by score bands, or by quotas on the ranking (e.g. 优秀 at most 20 %)."""

from __future__ import annotations

import itertools
import math

import numpy as np

from ._checks import as_vector
from .aggregate import rank

__all__ = ["grade_bands", "grade_quota"]


def grade_bands(scores, bands) -> np.ndarray:
    """The label of the first band whose lower bound ≤ score; `bands` = [(lower, label), ...] with
    strictly decreasing lower bounds (inclusive). Make the last bound −inf (or the scale's
    minimum): a score below every band raises ValueError rather than getting no grade."""
    s = as_vector(scores, "scores", allow_empty=True)
    lowers, labels = _bands(bands)
    out = np.empty(s.shape[0], dtype=object)
    for i, value in enumerate(s):
        k = next((k for k, lo in enumerate(lowers) if value >= lo), None)
        if k is None:
            raise ValueError(
                f"score {value!r} at position {i} is below the lowest band ({lowers[-1]!r})"
            )
        out[i] = labels[k]
    return out


def _bands(bands) -> tuple[list[float], list]:
    try:
        pairs = [(float(lo), label) for lo, label in bands]
    except (TypeError, ValueError):
        raise ValueError("bands must be [(lower bound, label), ...]") from None
    if not pairs:
        raise ValueError("bands is empty")
    lowers = [lo for lo, _ in pairs]
    if any(math.isnan(lo) for lo in lowers) or any(b >= a for a, b in itertools.pairwise(lowers)):
        raise ValueError(f"band lower bounds must be strictly decreasing numbers, got {lowers}")
    return lowers, [label for _, label in pairs]


def grade_quota(scores, quotas, *, fallback, floors=None) -> np.ndarray:
    """Grades capped by rank: `quotas` = [("优秀", 0.20), ("良好", 0.50), ...], best grade first.

    Each cap is cumulative: at most ⌊cap · n⌋ entities may hold that grade *or a better one*
    (so ("良好", 0.5) after ("优秀", 0.2) allows 优秀 + 良好 ≤ 50 %; normally the caps do not
    decrease). `floors` optionally adds a minimum score per grade, e.g. {"优秀": 90}.

    An entity takes the first grade in `quotas` whose floor it reaches and whose cap holds its
    whole tie group: with r its (min-method) rank and t the number of entities sharing its score,
    that is r − 1 + t ≤ ⌊cap · n⌋. TIE RULE: tied entities at a quota edge all get the lower
    grade when admitting them all would exceed the quota (strict; never a lottery). Entities
    that take no grade in `quotas` get `fallback`.
    """
    s = as_vector(scores, "scores", allow_empty=True)
    n = s.shape[0]
    floors = dict(floors or {})
    grades = []
    for item in quotas:
        try:
            label, cap = item
            cap = float(cap)
        except (TypeError, ValueError):
            raise ValueError("quotas must be [(label, share), ...]") from None
        if not 0.0 <= cap <= 1.0:
            raise ValueError(f"the quota of {label!r} must be a share in [0, 1], got {cap!r}")
        floor = floors.get(label)
        grades.append(
            (label, math.floor(cap * n + 1e-9), -math.inf if floor is None else float(floor))
        )
    unknown = set(floors) - {g[0] for g in grades}
    if unknown:
        raise ValueError(f"floors name grades that are not in quotas: {sorted(map(str, unknown))}")
    out = np.empty(n, dtype=object)
    if n == 0:
        return out
    r = rank(s)
    _, inverse, counts = np.unique(s, return_inverse=True, return_counts=True)
    last = r - 1 + counts[inverse]  # the worst position of each entity's tie group
    out.fill(fallback)
    open_ = np.ones(n, dtype=bool)
    for label, allowed, floor in grades:
        take = open_ & (last <= allowed) & (s >= floor)
        out[take] = label
        open_ &= ~take
    return out
