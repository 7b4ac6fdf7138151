"""Progress against the plan: direction-aware, against the target and against the path expected by
now, with warning levels and a projection to the target year. Pure Python (no Django).

Definitions (b = baseline in year y0, t = target in year T, a = actual in year y):

* achievement = (a − b) / (t − b): the share of the planned change achieved so far. Because it is
  a ratio of changes it works the same for 正向 (up) and 逆向 (down) indicators. When t = b the
  target is met or not.
* expected by now: linear  e = b + (t − b)·(y − y0)/(T − y0);
                   CAGR    e = b·(t/b)^((y − y0)/(T − y0))   (b, t > 0; else linear).
* pace = (a − b) / (e − b): 1 means exactly on the expected path.
* warning level: 达标 when the target is met; else by pace: ≥ `normal` → 正常; ≥ `serious` → 预警;
  below → 严重滞后 (bands configurable; defaults 1.0 and 0.8).
* projection: least-squares line through the actual values of the last years, read at T; the chance of
  reaching the target is the normal probability that the target-year value lies on the right side of
  the target, with the spread of the points around the line (at least three years of data; said
  plainly when there are fewer).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MET, NORMAL, WARNING, SERIOUS = "met", "normal", "warning", "serious"
LEVEL_LABELS = {MET: "达标", NORMAL: "正常", WARNING: "预警", SERIOUS: "严重滞后"}
LEVEL_COLOURS = {MET: "green", NORMAL: "blue", WARNING: "yellow", SERIOUS: "red"}


@dataclass(frozen=True)
class Bands:
    normal: float = 1.0
    serious: float = 0.8


def expected(
    b: float, t: float, y0: int, target_year: int, year: int, method: str = "linear"
) -> float:
    """The value expected in `year` on the way from b (y0) to t (target_year)."""
    if target_year == y0:
        return t
    share = (year - y0) / (target_year - y0)
    if method == "cagr" and b > 0 and t > 0:
        return b * (t / b) ** share
    return b + (t - b) * share


def achievement(a: float, b: float, t: float, up: bool = True) -> float | None:
    """Share of the planned change achieved; None when nothing could be computed."""
    if t == b:
        return 1.0 if (a >= t if up else a <= t) else 0.0
    return (a - b) / (t - b)


def met(a: float, t: float, up: bool = True) -> bool:
    return a >= t if up else a <= t


def level(
    a: float,
    b: float,
    t: float,
    y0: int,
    target_year: int,
    year: int,
    *,
    up: bool = True,
    method: str = "linear",
    bands: Bands = Bands(),
    annual_target: float | None = None,
) -> dict:
    """Achievement, expected value, pace and warning level of an actual value `a` in `year`.
    An annual target, where the plan sets one for `year`, is the expected value instead of the
    path's."""
    e = (
        annual_target
        if annual_target is not None
        else expected(b, t, y0, target_year, year, method)
    )
    pace = None if e == b else (a - b) / (e - b)
    if met(a, t, up):
        lvl = MET
    elif pace is None:
        lvl = NORMAL if met(a, b, up) else SERIOUS
    elif pace >= bands.normal:
        lvl = NORMAL
    elif pace >= bands.serious:
        lvl = WARNING
    else:
        lvl = SERIOUS
    return {
        "achievement": achievement(a, b, t, up),
        "expected": e,
        "pace": pace,
        "level": lvl,
        "label": LEVEL_LABELS[lvl],
        "colour": LEVEL_COLOURS[lvl],
    }


def projection(
    points: list[tuple[int, float]], target_year: int, target: float, up: bool = True
) -> dict | None:
    """Linear trend through (year, value) points, read at the target year, with the chance of
    reaching the target. None with fewer than two points."""
    if len(points) < 2:
        return None
    n = len(points)
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    slope = sum((x - mx) * (y - my) for x, y in points) / sxx
    value = my + slope * (target_year - mx)
    out = {"value": value, "slope": slope, "years": n, "probability": None}
    if n >= 3:
        residual = sum((y - (my + slope * (x - mx))) ** 2 for x, y in points)
        sigma = math.sqrt(residual / (n - 2))
        # Spread of a new value at the target year around the fitted line.
        spread = sigma * math.sqrt(1 + 1 / n + (target_year - mx) ** 2 / sxx)
        if spread == 0:
            out["probability"] = 1.0 if met(value, target, up) else 0.0
        else:
            z = (value - target) / spread if up else (target - value) / spread
            out["probability"] = 0.5 * (1 + math.erf(z / math.sqrt(2)))
    return out


def say_projection(p: dict | None, target: float, fmt) -> str:
    """The projection in one plain Chinese sentence."""
    if p is None:
        return "数据不足两年，无法外推。"
    text = f"按近 {p['years']} 年线性趋势外推，目标年预计为 {fmt(p['value'])}"
    if p["probability"] is None:
        return text + "（数据少于三年，不估计达标可能性）。"
    pct = round(p["probability"] * 100)
    if pct >= 90:
        chance = "基本可以达到目标"
    elif pct >= 60:
        chance = "较有可能达到目标"
    elif pct >= 40:
        chance = "能否达到目标难以判断"
    elif pct >= 10:
        chance = "达到目标的可能性较小"
    else:
        chance = "基本不可能达到目标"
    return text + f"，{chance}（约 {pct}%）。"
