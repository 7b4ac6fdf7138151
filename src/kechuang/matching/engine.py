"""BM25 matching of Chinese technology texts with a domain synonym dictionary.

One ``Index`` serves every direction: achievements for a demand, demands for an achievement,
experts (a ``Doc`` per person: name as title, expertise as description) for a demand.

Ranking
-------
Each indexed document is the bag of canonical terms of its title (counted ``title_weight`` = 3
times), its keywords (``keyword_weight`` = 2 times) and its description (once); a synonym variant
counts as its canonical term, and dictionary terms inside a longer word count too. A query term's
weight w_q is where it occurs in the query (title or keywords 1.0, description only 0.3): what a
demand's title and keywords name is what it asks for, its description is context. Its core terms C
are those of the title and keywords. With Lucene's BM25 as computed by bm25s (k1 = 1.2, b = 0.75)::

    bm25(q, d)  = Σ_t  w_q(t) · idf(t) · tf(t, d) · (k1 + 1) / (tf(t, d) + k1 · (1 − b + b · |d| / avgdl))
    cover(q, d) = Σ_{t ∈ C, t ∈ d} idf(t) / Σ_{t ∈ C} idf(t)          (0–1, idf-weighted)
    score(q, d) = bm25(q, d) · (1 + 2 · cover(q, d)) · (1 + 0.15 · [same field] + 0.15 · [same industry])

The coverage factor (a coordination factor, as in Lucene's classic similarity) favours documents
that contain *all* of what the title asks for (product and process) over documents that repeat many
context words. The field/industry boost is moderate (at most +30 %): it reorders close candidates,
and a document that shares no term scores 0 and is never returned. Filters (``field``, ``min_trl``,
``exclude``) remove documents before ranking; a document without a TRL fails any ``min_trl``.
The weights were chosen on the shipped evaluation set (a coarse grid of three parameters).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .synonyms import Synonyms
from .text import Analyzer, plain_analyzer

__all__ = [
    "FIELD_LABELS",
    "INDUSTRY_LABELS",
    "Doc",
    "Index",
    "Match",
    "baseline_index",
    "tokenize",
]

# Labels of kechuang.core.choices.TechField and KeyIndustry (kept here: the engine imports no
# Django; a test checks that the two agree).
FIELD_LABELS = {
    "electronics": "电子信息",
    "bio": "生物与新医药",
    "aerospace": "航空航天",
    "materials": "新材料",
    "services": "高技术服务",
    "energy": "新能源与节能",
    "environment": "资源与环境",
    "manufacturing": "先进制造与自动化",
}
INDUSTRY_LABELS = {
    "nylon": "尼龙新材料",
    "electrical": "电气装备",
    "steel": "特钢不锈钢",
    "it": "新一代信息技术",
    "storage": "新能源储能",
    "sic": "硅碳新材料",
    "equipment": "先进装备制造",
    "bio": "生物医药",
    "agri": "现代农业与食品",
    "coal": "煤化工与能源",
    "other": "其他",
}

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 3
KEYWORD_WEIGHT = 2
FIELD_BOOST = 0.15
INDUSTRY_BOOST = 0.15
COVERAGE_BOOST = 2.0
QUERY_WEIGHTS = {"title": 1.0, "keywords": 1.0, "description": 0.3}
WHY_TERMS = 3


@dataclass(frozen=True)
class Doc:
    """Anything to match: an achievement, a demand, an expert. ``keywords`` are single terms."""

    id: str
    title: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    field: str = ""
    industry: str = ""
    trl: int | None = None


@dataclass(frozen=True)
class Match:
    """One ranked result: the document id, its score and the reasons in Chinese."""

    id: str
    score: float
    why: tuple[str, ...]


def tokenize(text: str, synonyms: Synonyms | None = None) -> list[str]:
    """Canonical terms of a text, in order (``synonyms=None``: the shipped dictionary).

    ``tokenize("PA66切片")`` → ``["尼龙66", "尼龙", "切片"]`` (normalised: Latin in lower case).
    """
    return (synonyms if synonyms is not None else Synonyms.default()).analyzer.tokenize(text)


class Index:
    """A BM25 index (bm25s) over documents, searched with another document as the query."""

    def __init__(
        self,
        docs: Iterable[Doc],
        *,
        synonyms: Synonyms | None = None,
        title_weight: int = TITLE_WEIGHT,
        keyword_weight: int = KEYWORD_WEIGHT,
        field_boost: float = FIELD_BOOST,
        industry_boost: float = INDUSTRY_BOOST,
        query_weights: dict[str, float] | None = None,
        coverage_boost: float = COVERAGE_BOOST,
        analyzer: Analyzer | None = None,
    ) -> None:
        import bm25s

        # bm25s logs every build at DEBUG ("Building index from tokens"); the CLI's stderr is for errors.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self.synonyms = synonyms if synonyms is not None else Synonyms.default()
        self.analyzer = analyzer if analyzer is not None else self.synonyms.analyzer
        self.field_boost, self.industry_boost = field_boost, industry_boost
        self.query_weights = dict(query_weights or QUERY_WEIGHTS)
        self.coverage_boost = coverage_boost
        self._docs: list[Doc] = list(docs)
        self._position: dict[str, int] = {}
        for i, doc in enumerate(self._docs):
            if doc.id in self._position:
                raise ValueError(f"文档编号重复：{doc.id}")
            self._position[doc.id] = i

        # Words written differently from their canonical term, per document, for the explanations.
        self._surfaces: dict[int, dict[str, str]] = {}
        corpus: list[list[str]] = []
        analyze = self.analyzer.analyze
        for i, doc in enumerate(self._docs):
            title = analyze(doc.title)
            keywords = analyze(" ".join(doc.keywords)) if doc.keywords else []
            description = analyze(doc.description)
            terms = [t for t, _ in title] * title_weight + [t for t, _ in keywords] * keyword_weight
            terms += [t for t, _ in description]
            corpus.append(terms)
            surfaces: dict[str, str] = {}
            for term, surface in (*title, *keywords, *description):
                if term != surface:
                    surfaces.setdefault(term, surface)
            if surfaces:
                self._surfaces[i] = surfaces

        self._codes = {}
        for name in ("field", "industry"):
            values = [getattr(doc, name) or "" for doc in self._docs]
            codes = {v: n for n, v in enumerate(sorted(set(values) | {""}))}
            self._codes[name] = codes
            setattr(self, f"_{name}_code", np.array([codes[v] for v in values], dtype=np.int16))
        self._trl = np.array(
            [doc.trl if doc.trl is not None else -1 for doc in self._docs], dtype=np.int16
        )

        self._vocab: dict[str, int] = {}
        if any(corpus):
            retriever = bm25s.BM25(k1=K1, b=B, method="lucene")
            retriever.index(corpus, show_progress=False)
            self._vocab = retriever.vocab_dict
            scores = retriever.scores
            self._data = np.asarray(scores["data"], dtype=np.float32)
            self._indices = np.asarray(scores["indices"], dtype=np.int64)
            self._indptr = np.asarray(scores["indptr"], dtype=np.int64)
            self._sort_columns()

    def _sort_columns(self) -> None:
        """Document positions ascending inside each term's column (for the explanations' lookups)."""
        indices, indptr = self._indices, self._indptr
        if len(indices) < 2:
            return
        starts = np.zeros(len(indices), dtype=bool)
        starts[indptr[:-1][indptr[:-1] < len(indices)]] = True
        ascending = (np.diff(indices) > 0) | starts[1:]
        if ascending.all():
            return
        column = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
        order = np.lexsort((indices, column))
        self._indices, self._data = indices[order], self._data[order]

    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._position

    def doc(self, doc_id: str) -> Doc:
        return self._docs[self._position[doc_id]]

    # -- querying -------------------------------------------------------------------------------

    def _query_terms(self, query: Doc) -> tuple[dict[str, tuple[float, str]], set[str]]:
        """term → (weight, surface in the query) for the query's terms known to the index, and
        the core terms (those of the title and keywords)."""
        terms: dict[str, tuple[float, str]] = {}
        core: set[str] = set()
        parts = (
            ("title", query.title),
            ("keywords", " ".join(query.keywords)),
            ("description", query.description),
        )
        for part, text in parts:
            if not text:
                continue
            weight = self.query_weights[part]
            for term, surface in self.analyzer.analyze(text):
                if term not in self._vocab:
                    continue
                if part != "description":
                    core.add(term)
                old = terms.get(term)
                if old is None or old[0] < weight:
                    terms[term] = (weight, old[1] if old else surface)
        return terms, core

    def search(
        self,
        query: Doc,
        *,
        top: int = 10,
        field: str | None = None,
        min_trl: int | None = None,
        exclude: Iterable[str] = (),
    ) -> list[Match]:
        """The ``top`` best documents for ``query`` (score > 0), best first, with reasons.

        ``field`` keeps only documents of that TechField code; ``min_trl`` only documents whose
        TRL is known and at least that; ``exclude`` drops these ids (e.g. the query itself).
        """
        if top <= 0 or not self._docs:
            return []
        terms, core = self._query_terms(query)
        if not terms:
            return []
        term_ids = np.fromiter((self._vocab[t] for t in terms), dtype=np.int64, count=len(terms))
        weights = np.fromiter((w for w, _ in terms.values()), dtype=np.float32, count=len(terms))
        scores = np.zeros(len(self._docs), dtype=np.float32)
        data, indices, indptr = self._data, self._indices, self._indptr
        for tid, w in zip(term_ids.tolist(), weights.tolist(), strict=True):
            start, end = indptr[tid], indptr[tid + 1]
            # Positions are unique within one column, so fancy-index += is exact here.
            scores[indices[start:end]] += w * data[start:end]

        if core and self.coverage_boost:
            scores *= self._coverage(core) * self.coverage_boost + 1
        boost = self._boost(query)
        if boost is not None:
            scores *= boost
        if field is not None:
            code = self._codes["field"].get(field)
            if code is None:
                return []
            scores[self._field_code != code] = 0
        if min_trl is not None:
            scores[self._trl < min_trl] = 0
        for doc_id in exclude:
            position = self._position.get(doc_id)
            if position is not None:
                scores[position] = 0

        candidates = np.flatnonzero(scores > 0)
        if len(candidates) > top:
            keep = np.argpartition(-scores[candidates], top - 1)[:top]
            candidates = candidates[keep]
        # Best first; equal scores in index order (deterministic).
        order = candidates[np.lexsort((candidates, -scores[candidates]))]
        return [
            self._match(int(p), float(scores[p]), query, terms, term_ids, weights) for p in order
        ]

    def _coverage(self, core: set[str]) -> np.ndarray:
        """Per document, the idf-weighted share of the query's core terms it contains (0–1)."""
        coverage = np.zeros(len(self._docs), dtype=np.float32)
        n, indptr, indices = len(self._docs), self._indptr, self._indices
        total = 0.0
        for term in core:
            tid = self._vocab[term]
            start, end = indptr[tid], indptr[tid + 1]
            df = end - start
            idf = float(np.log(1 + (n - df + 0.5) / (df + 0.5)))
            coverage[indices[start:end]] += idf
            total += idf
        return coverage / total if total > 0 else coverage

    def _boost(self, query: Doc) -> np.ndarray | None:
        boost = None
        for name, factor in (("field", self.field_boost), ("industry", self.industry_boost)):
            code = self._codes[name].get(getattr(query, name) or "")
            if factor and getattr(query, name) and code is not None:
                same = (getattr(self, f"_{name}_code") == code).astype(np.float32) * factor
                boost = same + 1 if boost is None else boost + same
        return boost

    def _match(self, position, score, query, terms, term_ids, weights) -> Match:
        doc = self._docs[position]
        # Each query term's share of this document's score.
        contributions = []
        for tid, w, (term, (_, q_surface)) in zip(
            term_ids.tolist(), weights.tolist(), terms.items(), strict=True
        ):
            start, end = self._indptr[tid], self._indptr[tid + 1]
            column = self._indices[start:end]
            at = int(np.searchsorted(column, position))
            if at < len(column) and column[at] == position:
                contributions.append((w * float(self._data[start + at]), term, q_surface))
        contributions.sort(key=lambda c: -c[0])
        why: list[str] = []
        shown: list[tuple[str, str]] = []
        surfaces = self._surfaces.get(position, {})
        display = self.synonyms.display
        for _, term, q_surface in contributions:
            if len(shown) == WHY_TERMS:
                break
            d_surface = surfaces.get(term, term)
            # "PA ≈ 尼龙" adds nothing after "PA66 ≈ 尼龙66": a term inside a word already shown.
            if any(q_surface in q and d_surface in d for q, d in shown):
                continue
            shown.append((q_surface, d_surface))
            if q_surface == d_surface:
                why.append(f"共有词: {display(q_surface)}")
            else:
                why.append(f"同义: {display(q_surface)} ≈ {display(d_surface)}")
        if query.field and query.field == doc.field:
            why.append(f"领域相同: {FIELD_LABELS.get(doc.field, doc.field)}")
        if query.industry and query.industry == doc.industry:
            why.append(f"产业相同: {INDUSTRY_LABELS.get(doc.industry, doc.industry)}")
        if doc.trl is not None:
            why.append(f"TRL {doc.trl}")
        return Match(id=doc.id, score=round(score, 4), why=tuple(why))


def baseline_index(docs: Iterable[Doc]) -> Index:
    """Plain jieba (general dictionary) + BM25 over title, keywords and description once each:
    no domain words, no synonyms, no field or industry boost. The benchmark's reference."""
    return Index(
        docs,
        synonyms=Synonyms.empty(),
        title_weight=1,
        keyword_weight=1,
        field_boost=0.0,
        industry_boost=0.0,
        query_weights={"title": 1.0, "keywords": 1.0, "description": 1.0},
        coverage_boost=0.0,
        analyzer=plain_analyzer(),
    )
