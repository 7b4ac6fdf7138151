"""recall@k and MRR, hand-checked."""

from __future__ import annotations

import pytest

from kechuang.matching import mrr, recall_at_k

RANKINGS = [["a", "b", "c"], ["x", "y", "z"], ["p", "q", "r"]]
RELEVANT = [{"a"}, {"z"}, {"s"}]


def test_recall_at_1() -> None:
    assert recall_at_k(RANKINGS, RELEVANT, 1) == pytest.approx(1 / 3)


def test_recall_at_3() -> None:
    assert recall_at_k(RANKINGS, RELEVANT, 3) == pytest.approx(2 / 3)


def test_recall_counts_the_share_of_several_relevant() -> None:
    assert recall_at_k([["a", "b"]], [{"a", "c"}], 2) == 0.5


def test_mrr() -> None:
    # 1/1, 1/3 and 0 (not found)
    assert mrr(RANKINGS, RELEVANT) == pytest.approx((1 + 1 / 3 + 0) / 3)


def test_mrr_uses_the_first_relevant_hit() -> None:
    assert mrr([["x", "a", "b"]], [{"a", "b"}]) == 0.5
