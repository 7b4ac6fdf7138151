"""The domain synonym and abbreviation dictionary (data/synonyms.yaml, editable by the bureau)."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

from .text import DATA, Analyzer, normalize

__all__ = ["Synonyms"]

DEFAULT_PATH = DATA / "synonyms.yaml"


class Synonyms:
    """Groups of terms that name the same technology, each with one canonical term.

    Lookups are insensitive to full/half width, case and joiners ("ＰＡ-66" finds "PA66").
    ``canonical("PA66")`` → ``"尼龙66"``; an unknown word is returned unchanged. Every term of
    the dictionary is also a word for the tokenizer (``analyzer``), built lazily once per
    dictionary.
    """

    def __init__(self) -> None:
        self._key: dict[str, str] = {}  # normalised term -> normalised canonical
        self._display: dict[str, str] = {}  # normalised term -> as written in the dictionary
        self._groups: dict[str, list[str]] = {}  # normalised canonical -> normalised variants
        self._industry: dict[str, str] = {}  # normalised canonical -> industry section
        self._analyzer: Analyzer | None = None
        self._lock = threading.Lock()

    # -- construction ---------------------------------------------------------------------------

    @classmethod
    def from_yaml(cls, path: str | Path) -> Synonyms:
        """Load ``{section: {canonical: [variant, …]}}`` (sections are KeyIndustry codes)."""
        import yaml

        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path}: 顶层应为按产业分节的映射")
        synonyms = cls()
        for section, groups in data.items():
            if not isinstance(groups, dict):
                raise ValueError(f"{path}: “{section}”一节应为“规范词: [变体, …]”的映射")
            for canonical, variants in groups.items():
                if variants is None:
                    variants = []
                if not isinstance(variants, list):
                    raise ValueError(f"{path}: “{canonical}”的变体应写成列表")
                try:
                    synonyms.add(str(canonical), [str(v) for v in variants], industry=str(section))
                except ValueError as exc:
                    raise ValueError(f"{path}: {exc}") from None
        return synonyms

    _default: Synonyms | None = None
    _default_lock = threading.Lock()

    @classmethod
    def default(cls) -> Synonyms:
        """The shipped dictionary, loaded once per process and shared (``copy()`` before editing)."""
        if cls._default is None:
            with cls._default_lock:
                if cls._default is None:
                    cls._default = cls.from_yaml(DEFAULT_PATH)
        return cls._default

    @classmethod
    def empty(cls) -> Synonyms:
        return cls()

    def copy(self) -> Synonyms:
        other = Synonyms()
        other._key = dict(self._key)
        other._display = dict(self._display)
        other._groups = {k: list(v) for k, v in self._groups.items()}
        other._industry = dict(self._industry)
        return other

    def add(self, canonical: str, variants: Iterable[str] = (), *, industry: str = "") -> None:
        """Add a group, or more variants to an existing group.

        Raises ValueError when a term is blank or already belongs to another group.
        """
        key = normalize(canonical)
        if not key or " " in key:
            raise ValueError(f"规范词“{canonical}”为空或含有空格")
        if self._key.get(key, key) != key:
            raise ValueError(f"“{canonical}”已是“{self._display[self._key[key]]}”的变体")
        group = self._groups.setdefault(key, [])
        self._key[key] = key
        self._display.setdefault(key, canonical.strip())
        if industry:
            self._industry.setdefault(key, industry)
        new = [key]
        for variant in variants:
            v = normalize(variant)
            if not v or " " in v:
                raise ValueError(f"“{canonical}”的变体“{variant}”为空或含有空格")
            owner = self._key.get(v)
            if owner is not None and owner != key:
                raise ValueError(
                    f"“{variant}”同时出现在“{self._display[owner]}”和“{canonical}”两条中"
                )
            if owner is None:
                self._key[v] = key
                self._display[v] = variant.strip()
                group.append(v)
                new.append(v)
        if self._analyzer is not None:
            self._analyzer.add_words(new)

    # -- lookups --------------------------------------------------------------------------------

    def canonical(self, token: str) -> str:
        """The canonical term for a token, as written in the dictionary; unknown tokens unchanged."""
        key = self._key.get(normalize(token))
        return self._display[key] if key is not None else token

    def key(self, word: str) -> str:
        """Normalised word → normalised canonical term (itself when not in the dictionary)."""
        return self._key.get(word, word)

    def is_term(self, word: str) -> bool:
        return word in self._key

    def display(self, word: str) -> str:
        """How a normalised word is written in the dictionary ("pa66" → "PA66"), else itself."""
        return self._display.get(word, word)

    def variants(self, canonical: str) -> list[str]:
        """The variants of a term's group, as written in the dictionary."""
        key = self._key.get(normalize(canonical))
        if key is None:
            return []
        return [self._display[v] for v in self._groups[key]]

    def industry(self, token: str) -> str:
        """The dictionary section (KeyIndustry code or "general") of a term's group."""
        key = self._key.get(normalize(token))
        return self._industry.get(key, "") if key is not None else ""

    def terms(self) -> list[str]:
        """Every normalised term (canonicals and variants): the tokenizer's domain words."""
        return list(self._key)

    def groups(self) -> dict[str, list[str]]:
        """``{canonical: [variants]}`` as written in the dictionary."""
        return {self._display[k]: [self._display[v] for v in vs] for k, vs in self._groups.items()}

    @property
    def analyzer(self) -> Analyzer:
        """The analyser (private jieba instance) that knows this dictionary's terms."""
        if self._analyzer is None:
            with self._lock:
                if self._analyzer is None:
                    self._analyzer = Analyzer(self)
        return self._analyzer

    def __len__(self) -> int:
        return len(self._groups)

    def __contains__(self, token: str) -> bool:
        return normalize(token) in self._key

    def __repr__(self) -> str:
        return f"<Synonyms {len(self)} groups, {len(self._key)} terms>"
