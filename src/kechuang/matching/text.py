"""Chinese text analysis for matching: normalisation, jieba segmentation, stop words.

The analyser turns a text into ``(term, surface)`` pairs: ``surface`` is the word as written (after
normalisation), ``term`` the canonical term it counts as (the synonym dictionary's canonical form,
normalised). Domain terms are added to a private ``jieba.Tokenizer`` so that they stay whole, and the
dictionary terms contained in a longer word count too ("超高功率石墨电极" also counts as
"石墨电极", "PA66" also as "尼龙").
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

    from .synonyms import Synonyms

__all__ = ["Analyzer", "normalize", "plain_analyzer", "stopwords"]

DATA = Path(__file__).resolve().parent / "data"

# A domain word outweighs any general-dictionary segmentation of the same characters, and longer
# domain words outweigh shorter ones (fewer pieces on the best path).
DOMAIN_WORD_FREQ = 200_000

_DIGIT_COMMA = re.compile(r"(?<=\d)[,，](?=\d)")
# Joiners inside a term: "PA-66", "C/C", "碳/碳", "1,6-己二胺", "奥氏体-铁素体".
_JOINER = re.compile(r"(?<=[0-9a-z\u4e00-\u9fff])[-/·・_](?=[0-9a-z\u4e00-\u9fff])")
_NOT_WORD = re.compile(r"[^0-9a-z\u4e00-\u9fff.%+#]+")
_STRAY = re.compile(r"(?<![0-9])[.%+#]|[.+#](?![0-9a-z])")
_NUMBER = re.compile(r"^[0-9.%]+$")


def normalize(text: str) -> str:
    """Full-width → half-width (NFKC), Latin lower case, punctuation → spaces.

    Joiners inside terms are dropped so that every spelling of a term normalises alike:
    ``"ＰＡ-66，尼龙6,6"`` → ``"pa66 尼龙66"``.
    """
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = _DIGIT_COMMA.sub("", text)
    text = _JOINER.sub("", text)
    text = _NOT_WORD.sub(" ", text)
    text = _STRAY.sub(" ", text)
    return " ".join(text.split())


@cache
def stopwords() -> frozenset[str]:
    """Function words and the boilerplate of demand and achievement texts (data/stopwords.txt)."""
    words = set()
    for line in (DATA / "stopwords.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(normalize(line))
    return frozenset(words)


def _new_jieba() -> jieba.Tokenizer:
    import jieba

    # jieba logs "Building prefix dict…" at DEBUG on its own logger; the platform has no use for it.
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _splits_run(word: str, start: int, end: int) -> bool:
    """Does word[start:end] cut a run of Latin letters or of digits ("sic" → "ic", "尼龙66" → "尼龙6")?"""

    def kind(ch: str) -> str:
        return "a" if "a" <= ch <= "z" else "d" if ch.isdigit() else "h"

    if start > 0 and kind(word[start - 1]) == kind(word[start]) != "h":
        return True
    return end < len(word) and kind(word[end - 1]) == kind(word[end]) != "h"


class Analyzer:
    """Segments normalised text with jieba and maps words to canonical terms.

    ``synonyms=None`` gives the plain analyser: jieba's general dictionary, no domain words, no
    synonyms, no contained terms (the benchmark's baseline). The jieba instance is private (the
    global ``jieba`` is left alone) and built on first use, once.
    """

    def __init__(self, synonyms: Synonyms | None = None) -> None:
        self.synonyms = synonyms
        self._jieba: jieba.Tokenizer | None = None
        self._lock = threading.Lock()
        self._words: dict[str, tuple[tuple[str, str], ...]] = {}
        self._stop = stopwords()

    # -- jieba ----------------------------------------------------------------------------------

    def _tokenizer(self) -> jieba.Tokenizer:
        if self._jieba is None:
            with self._lock:
                if self._jieba is None:
                    tokenizer = _new_jieba()
                    if self.synonyms is not None:
                        for term in self.synonyms.terms():
                            tokenizer.add_word(term, DOMAIN_WORD_FREQ)
                    self._jieba = tokenizer
        return self._jieba

    def add_words(self, terms: list[str]) -> None:
        """New dictionary terms (Synonyms.add) reach an already built tokenizer too."""
        self._words.clear()
        if self._jieba is not None:
            for term in terms:
                self._jieba.add_word(term, DOMAIN_WORD_FREQ)

    # -- analysis -------------------------------------------------------------------------------

    def _word(self, word: str) -> tuple[tuple[str, str], ...]:
        """The (term, surface) pairs one segmented word stands for (cached per word)."""
        found = self._words.get(word)
        if found is not None:
            return found
        synonyms = self.synonyms
        if word in self._stop or _NUMBER.match(word) or (len(word) == 1 and word.isascii()):
            pairs: tuple[tuple[str, str], ...] = ()
        elif synonyms is None:
            pairs = ((word, word),)
        else:
            term = synonyms.key(word)
            pairs_list = [(term, word)]
            seen = {term}
            # Dictionary terms inside a longer word count as well (longest first).
            n = len(word)
            if n >= 3:
                for size in range(n - 1, 1, -1):
                    for start in range(0, n - size + 1):
                        part = word[start : start + size]
                        if not synonyms.is_term(part) or _splits_run(word, start, start + size):
                            continue
                        sub = synonyms.key(part)
                        if sub not in seen:
                            seen.add(sub)
                            pairs_list.append((sub, part))
            pairs = tuple(pairs_list)
        if len(self._words) < 500_000:
            self._words[word] = pairs
        return pairs

    def analyze(self, text: str) -> list[tuple[str, str]]:
        """``[(term, surface), …]`` in text order; stop words and bare numbers dropped."""
        text = normalize(text)
        if not text:
            return []
        out: list[tuple[str, str]] = []
        for word in self._tokenizer().cut(text, HMM=False):
            if word != " ":
                out.extend(self._word(word))
        return out

    def tokenize(self, text: str) -> list[str]:
        return [term for term, _ in self.analyze(text)]


_plain: Analyzer | None = None


def plain_analyzer() -> Analyzer:
    """The shared plain analyser (general jieba dictionary only)."""
    global _plain
    if _plain is None:
        _plain = Analyzer(None)
    return _plain
