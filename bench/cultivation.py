"""Benchmark: the pure cultivation rules over synthetic enterprises (CONTRACTS.md §3).

Each enterprise is evaluated twice: 科技型中小企业评价 and 高新技术企业认定条件 (three years of
figures), with explanations and gaps, exactly as the batch and the CLI do. The floor, measured in the
same run, is the bare arithmetic of the same ratios and sums in a plain loop (no validation, no
bands, no messages): what any implementation must at least do. Target: ≥ 20,000 enterprises/s.

    .venv/bin/python bench/cultivation.py [--quick] [--size N]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from kechuang.cultivation.rules import evaluate_high_tech, evaluate_tech_sme


def synthetic(n: int, seed: int = 2026) -> list[tuple[dict, dict]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        employees = rng.randint(5, 800)
        sales = [rng.uniform(100, 30000) for _ in range(3)]
        rd = [s * rng.uniform(0.0, 0.08) for s in sales]
        total_income = sales[-1] * rng.uniform(1.0, 1.2)
        tech_sme = {
            "employees": employees,
            "st_staff": int(employees * rng.uniform(0, 0.4)),
            "sales_revenue_wan": sales[-1],
            "total_assets_wan": sales[-1] * rng.uniform(0.5, 2),
            "cost_expense_total_wan": sales[-1] * rng.uniform(0.7, 1.0),
            "rd_expense_wan": rd[-1],
            "class1_ip": rng.randint(0, 2),
            "class2_ip": rng.randint(0, 6),
        }
        high_tech = {
            "registered_days": rng.randint(100, 9000),
            "owns_core_ip": rng.random() < 0.8,
            "field_in_catalog": rng.random() < 0.85,
            "employees": employees,
            "st_staff": tech_sme["st_staff"],
            "sales_revenue_wan": sales,
            "rd_expense_wan": rd,
            "rd_expense_in_china_wan": [r * rng.uniform(0.5, 1) for r in rd],
            "high_tech_income_wan": total_income * rng.uniform(0, 0.9),
            "total_income_wan": total_income,
            "net_assets_wan": [s * rng.uniform(0.3, 0.6) for s in sales],
        }
        out.append((tech_sme, high_tech))
    return out


def ours(data) -> int:
    eligible = 0
    for ts, ht in data:
        eligible += evaluate_tech_sme(ts)["eligible"]
        eligible += evaluate_high_tech(ht)["eligible"] is not False
    return eligible


def floor(data) -> int:
    """The same ratios and sums, bare."""
    passed = 0
    for ts, ht in data:
        e = ts["employees"] or 1
        r1 = ts["st_staff"] / e
        r2 = ts["rd_expense_wan"] / (ts["sales_revenue_wan"] or 1)
        r3 = ts["rd_expense_wan"] / (ts["cost_expense_total_wan"] or 1)
        s = sum(ht["sales_revenue_wan"]) or 1
        rd = sum(ht["rd_expense_wan"]) or 1
        cn = sum(ht["rd_expense_in_china_wan"])
        h = ht["high_tech_income_wan"] / (ht["total_income_wan"] or 1)
        n = ht["net_assets_wan"]
        g = (n[-1] / n[0]) ** 0.5 - 1
        passed += (r1 + r2 + r3 + rd / s + cn / rd + h + g) > 1
    return passed


def best_of(function, data, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(data)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 enterprises")
    parser.add_argument("--size", type=int, help="number of enterprises (default 200,000)")
    args = parser.parse_args(argv)
    size = args.size or (20_000 if args.quick else 200_000)
    repeat = 3
    data = synthetic(size)
    seconds = best_of(ours, data, repeat)
    floor_seconds = best_of(floor, data, repeat)
    rate = size / seconds
    print(
        f"规则评价 {size:,} 家企业（科技型中小企业 + 高新技术企业）：{seconds:.2f} s，{rate:,.0f} 家/秒"
    )
    print(f"下限（同样比例的裸算术）：{floor_seconds:.3f} s；目标 ≥ 20,000 家/秒")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "bench": "cultivation",
                "size": size,
                "seconds": round(seconds, 3),
                "floor_seconds": round(floor_seconds, 3),
                "ratio": round(seconds / floor_seconds, 2),
                "enterprises_per_second": round(rate),
                "target_per_second": 20000,
                "peak_mb": round(peak_mb),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
