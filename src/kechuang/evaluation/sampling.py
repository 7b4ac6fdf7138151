"""抽查 (双随机) sampling: stratified, seeded, reproducible. Pure Python + numpy, no database.

The rule, so that anyone can re-draw the same sample by hand or with another tool:

1. the population is sorted by (stratum, key) where key is the platform's id;
2. each stratum draws k = count (at most the stratum's size), or k = ⌈size × proportion⌉;
3. one ``numpy.random.Generator(PCG64(seed))`` serves all strata in sorted stratum order; each
   stratum takes ``rng.permutation(size)[:k]`` of its sorted members.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable

import numpy as np


def draw(
    population: Iterable[tuple[Hashable, str]],
    *,
    seed: int,
    proportion: float | None = None,
    count: int | None = None,
    exclude: Iterable[Hashable] = (),
) -> list[tuple[Hashable, str]]:
    """(key, stratum) pairs drawn from `population` ((key, stratum) pairs), in stratum then key
    order. Exactly one of `proportion` (0 < p ≤ 1) and `count` (≥ 1) must be given."""
    if (proportion is None) == (count is None):
        raise ValueError("give exactly one of proportion and count")
    if proportion is not None and not 0 < proportion <= 1:
        raise ValueError("proportion must be in (0, 1]")
    if count is not None and count < 1:
        raise ValueError("count must be at least 1")
    excluded = set(exclude)
    strata: dict[str, list] = defaultdict(list)
    for key, stratum in population:
        if key not in excluded:
            strata[stratum].append(key)
    rng = np.random.Generator(np.random.PCG64(seed))
    sample = []
    for stratum in sorted(strata):
        members = sorted(strata[stratum])
        size = len(members)
        k = min(size, count) if count is not None else min(size, math.ceil(size * proportion))
        picked = rng.permutation(size)[:k]
        sample.extend((members[i], stratum) for i in sorted(picked))
    return sample
