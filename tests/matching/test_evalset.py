"""The labelled evaluation set (data/eval_*.jsonl) is well-formed, and the engine's quality on it
does not regress (the benchmark reports the same figures)."""

from __future__ import annotations

import pytest

from kechuang.matching import Index, baseline_index, mrr, recall_at_k
from kechuang.matching.engine import FIELD_LABELS, INDUSTRY_LABELS
from kechuang.matching.files import load_evalset


@pytest.fixture(scope="module")
def evalset():
    return load_evalset()


def test_it_has_at_least_200_pairs_and_1000_achievements(evalset) -> None:
    assert len(evalset.demands) >= 200
    assert len(evalset.achievements) >= 1000


def test_every_relevant_id_exists(evalset) -> None:
    ids = {a.id for a in evalset.achievements}
    for demand, relevant in zip(evalset.demands, evalset.relevant, strict=True):
        assert relevant and relevant <= ids, demand.id


def test_at_least_a_third_is_reworded(evalset) -> None:
    assert sum(evalset.reworded) * 3 >= len(evalset.demands)


def test_reworded_pairs_do_not_share_the_product_name(evalset) -> None:
    by_id = {a.id: a for a in evalset.achievements}
    for demand, relevant, reworded in zip(
        evalset.demands, evalset.relevant, evalset.reworded, strict=True
    ):
        if reworded:
            (target,) = relevant
            product = by_id[target].keywords[0]
            assert product not in demand.title + demand.description, demand.id


def test_it_covers_every_key_industry(evalset) -> None:
    industries = {a.industry for a in evalset.achievements}
    assert set(INDUSTRY_LABELS) - {"other"} == industries
    assert {a.field for a in evalset.achievements} <= set(FIELD_LABELS)
    assert all(a.trl is None or 1 <= a.trl <= 9 for a in evalset.achievements)


def test_the_engine_clearly_beats_the_baseline(evalset) -> None:
    def run(index):
        rankings = [[m.id for m in index.search(d)] for d in evalset.demands]
        return mrr(rankings, evalset.relevant), recall_at_k(rankings, evalset.relevant, 10)

    ours_mrr, ours_r10 = run(Index(evalset.achievements))
    base_mrr, _ = run(baseline_index(evalset.achievements))
    assert ours_mrr >= 0.9
    assert ours_r10 >= 0.95
    assert ours_mrr - base_mrr >= 0.2
