"""Achievement ↔ demand matching for Chinese text (供需对接): jieba + BM25 (bm25s) + a domain
synonym dictionary. Pure Python, no Django: the platform builds ``Doc``s from its models.

    from kechuang.matching import Doc, Index
    index = Index(Doc(a.pk, a.title, a.description, tuple(a.keyword_list), a.field, a.industry,
                      a.trl) for a in achievements)
    for match in index.search(Doc("d1", demand.title, demand.description), top=10, min_trl=5):
        match.id, match.score, match.why   # why: ("同义: PA66 ≈ 尼龙66", "领域相同: 新材料", "TRL 7")

The same ``Index`` matches demands for an achievement (index demands) and experts for a demand
(index one ``Doc`` per expert: name as title, expertise/description as description).
"""

from .engine import FIELD_LABELS, INDUSTRY_LABELS, Doc, Index, Match, baseline_index, tokenize
from .metrics import mrr, recall_at_k
from .synonyms import Synonyms
from .text import normalize

__all__ = [
    "FIELD_LABELS",
    "INDUSTRY_LABELS",
    "Doc",
    "Index",
    "Match",
    "Synonyms",
    "baseline_index",
    "mrr",
    "normalize",
    "recall_at_k",
    "tokenize",
]
