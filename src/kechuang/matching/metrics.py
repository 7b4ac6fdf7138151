"""Retrieval metrics for the evaluation set (and the benchmark)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

__all__ = ["first_hit_rank", "mrr", "recall_at_k"]


def first_hit_rank(ranked: Sequence[str], relevant: Collection[str]) -> int | None:
    """1-based rank of the first relevant id in ``ranked``, None when none is there."""
    for rank, doc_id in enumerate(ranked, 1):
        if doc_id in relevant:
            return rank
    return None


def recall_at_k(
    rankings: Sequence[Sequence[str]], relevant: Sequence[Collection[str]], k: int
) -> float:
    """Mean over queries of |relevant ∩ top k| / |relevant| (queries without relevant ids skipped)."""
    values = [
        len(set(ranked[:k]) & set(rel)) / len(set(rel))
        for ranked, rel in zip(rankings, relevant, strict=True)
        if rel
    ]
    return sum(values) / len(values) if values else 0.0


def mrr(rankings: Sequence[Sequence[str]], relevant: Sequence[Collection[str]]) -> float:
    """Mean reciprocal rank of the first relevant id (0 for a query whose list has none)."""
    values = []
    for ranked, rel in zip(rankings, relevant, strict=True):
        if rel:
            rank = first_hit_rank(ranked, rel)
            values.append(1 / rank if rank else 0.0)
    return sum(values) / len(values) if values else 0.0
