"""Benchmark: achievement ↔ demand matching, quality and latency (CONTRACTS.md §3, issue #8).

Quality: recall@1, recall@10 and MRR of the 240 labelled demands of the evaluation set
(src/kechuang/matching/data/eval_*.jsonl, 1,049 achievements) for our engine (domain dictionary,
synonyms, weighted fields, coverage and field boosts) and for the floor, plain jieba + BM25 (general
dictionary, title + keywords + description once each, no synonyms, no boosts), on the same set.

Latency: the evaluation set padded to SIZE achievements with distractors made by recombining the
set's own vocabulary (title halves, description clauses, keywords; seeded), then every demand
queried once per index (top 10); median and p95 milliseconds per query. ``seconds`` is our total
query time, ``floor_seconds`` the baseline's on the same padded index. Target: < 50 ms per query
on 100,000 achievements.

    .venv/bin/python bench/matching.py [--quick] [--size N]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import peak_mb

from kechuang.matching import Doc, Index, baseline_index, mrr, recall_at_k
from kechuang.matching.files import load_evalset

TARGET_MS = 50
CLAUSE = re.compile(r"[^，。；：]+[，。；：]?")


def padding(achievements: list[Doc], n: int, seed: int = 2026) -> list[Doc]:
    """``n`` synthetic achievements recombining the evaluation set's titles, clauses and keywords."""
    rng = random.Random(seed)
    titles = [a.title for a in achievements]
    clauses = [c for a in achievements for c in CLAUSE.findall(a.description)]
    keywords = [k for a in achievements for k in a.keywords]
    out = []
    for i in range(n):
        left, right = rng.choice(titles), rng.choice(titles)
        title = left[: len(left) // 2] + right[len(right) // 2 :]
        description = "".join(rng.sample(clauses, rng.randint(3, 6)))
        donor = rng.choice(achievements)
        out.append(
            Doc(
                id=f"S{i:06d}",
                title=title,
                description=description,
                keywords=tuple(rng.sample(keywords, 2)),
                field=donor.field,
                industry=donor.industry,
                trl=rng.choice([None, 3, 4, 5, 6, 7, 8, 9]),
            )
        )
    return out


def quality(index, evalset) -> dict:
    rankings = [[m.id for m in index.search(d, top=10)] for d in evalset.demands]
    rel = evalset.relevant
    reworded = [i for i, r in enumerate(evalset.reworded) if r]
    literal = [i for i, r in enumerate(evalset.reworded) if not r]
    return {
        "recall_at_1": recall_at_k(rankings, rel, 1),
        "recall_at_10": recall_at_k(rankings, rel, 10),
        "mrr": mrr(rankings, rel),
        "mrr_reworded": mrr([rankings[i] for i in reworded], [rel[i] for i in reworded]),
        "mrr_literal": mrr([rankings[i] for i in literal], [rel[i] for i in literal]),
    }


def latency(index, demands: list[Doc]) -> list[float]:
    index.search(demands[0], top=10)  # warm-up: jieba's first cut, numpy's first allocations
    times = []
    for demand in demands:
        start = time.perf_counter()
        index.search(demand, top=10)
        times.append((time.perf_counter() - start) * 1000)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 achievements")
    parser.add_argument("--size", type=int, help="achievements for latency (default 100,000)")
    args = parser.parse_args(argv)
    size = args.size or (20_000 if args.quick else 100_000)

    evalset = load_evalset()
    ours_q = quality(Index(evalset.achievements), evalset)
    base_q = quality(baseline_index(evalset.achievements), evalset)
    n_reworded = sum(evalset.reworded)
    print(
        f"评测集：{len(evalset)} 条需求（{n_reworded} 条措辞不同），{len(evalset.achievements)} 项成果"
    )
    print(f"{'':10}{'R@1':>8}{'R@10':>8}{'MRR':>8}{'MRR(异词)':>11}{'MRR(同词)':>11}")
    for name, q in (("本引擎", ours_q), ("基线", base_q)):
        print(
            f"{name:10}{q['recall_at_1']:8.3f}{q['recall_at_10']:8.3f}{q['mrr']:8.3f}"
            f"{q['mrr_reworded']:11.3f}{q['mrr_literal']:11.3f}"
        )

    docs = evalset.achievements + padding(evalset.achievements, size - len(evalset.achievements))
    start = time.perf_counter()
    ours = Index(docs)
    build_seconds = time.perf_counter() - start
    ours_ms = latency(ours, evalset.demands)
    padded_mrr = mrr([[m.id for m in ours.search(d)] for d in evalset.demands], evalset.relevant)
    del ours
    start = time.perf_counter()
    base = baseline_index(docs)
    base_build_seconds = time.perf_counter() - start
    base_ms = latency(base, evalset.demands)
    del base

    seconds, floor_seconds = sum(ours_ms) / 1000, sum(base_ms) / 1000
    median, high = statistics.median(ours_ms), p95(ours_ms)
    print(
        f"{size:,} 项成果：建索引 {build_seconds:.1f} s（基线 {base_build_seconds:.1f} s）；"
        f"每次检索中位数 {median:.1f} ms，p95 {high:.1f} ms（基线中位数 "
        f"{statistics.median(base_ms):.1f} ms）；目标 < {TARGET_MS} ms"
    )
    print(
        f"（填充后的索引上本引擎 MRR {padded_mrr:.3f}：填充文档由评测集词汇重组，个别可能与需求真正相关）"
    )
    print(
        json.dumps(
            {
                "bench": "matching",
                "size": size,
                "seconds": round(seconds, 3),
                "floor_seconds": round(floor_seconds, 3),
                "ratio": round(seconds / floor_seconds, 2),
                "queries": len(evalset.demands),
                "eval_achievements": len(evalset.achievements),
                "recall_at_1": round(ours_q["recall_at_1"], 3),
                "recall_at_10": round(ours_q["recall_at_10"], 3),
                "mrr": round(ours_q["mrr"], 3),
                "mrr_reworded": round(ours_q["mrr_reworded"], 3),
                "baseline_recall_at_1": round(base_q["recall_at_1"], 3),
                "baseline_recall_at_10": round(base_q["recall_at_10"], 3),
                "baseline_mrr": round(base_q["mrr"], 3),
                "baseline_mrr_reworded": round(base_q["mrr_reworded"], 3),
                "padded_mrr": round(padded_mrr, 3),
                "ms_per_query_median": round(median, 2),
                "ms_per_query_p95": round(high, 2),
                "baseline_ms_per_query_median": round(statistics.median(base_ms), 2),
                "index_seconds": round(build_seconds, 1),
                "target_ms": TARGET_MS,
                "peak_mb": round(peak_mb()),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
