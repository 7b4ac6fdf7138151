"""Import kinds: each is a declaration (target model, columns, natural key); one engine runs them.

A kind's columns default from the model's fields (header = the field's Chinese label, type from the
field, choices from the field); a kind declares only what differs: foreign keys (matched by a natural
key of the related record, e.g. an organisation's 统一社会信用代码), synonyms, informational columns,
and aliases: other spellings real files use for a choice ("国家" for 国家级, "TRL 6" for TRL 6).
Each app lists its kinds in `<app>/imports.py` as ``KINDS = [...]``; they are discovered here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation

from . import cells

TEXT, DECIMAL, INT, RATIO, DATE, YEAR, BOOL, CHOICE, FK, INFO = (
    "text",
    "decimal",
    "int",
    "ratio",
    "date",
    "year",
    "bool",
    "choice",
    "fk",
    "info",
)

# Header synonyms every kind understands (the key is the canonical header).
COMMON_SYNONYMS = {
    "统一社会信用代码": ("社会信用代码", "信用代码", "USCC", "统一代码"),
    "年度": ("统计年度", "年份", "数据年度"),
}

# Choice aliases every kind understands, keyed by the choice label they stand for (the levels of
# core.choices.Level, which the carriers' CarrierLevel repeats).
COMMON_ALIASES = {
    "国家级": ("国家",),
    "省级": ("省",),
    "市级": ("市",),
}

_CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–99 in Chinese numerals: 6 → 六, 10 → 十, 12 → 十二, 20 → 二十, 36 → 三十六."""
    if not 0 < n < 100:
        raise ValueError(n)
    tens, units = divmod(n, 10)
    if not tens:
        return _CN_DIGITS[units]
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[units] if units else "")


def number_forms(value: int) -> tuple[str, ...]:
    """What files write for choice `value` of an integer enumeration besides the number itself."""
    forms = [f"{value}级", f"TRL{value}"]
    if 0 < value < 100:
        forms.append(f"{chinese_number(value)}级")
    return tuple(forms)


@dataclass
class Col:
    """One column. `key` is a model field name (or, for INFO, a free name)."""

    key: str
    header: str | None = None
    type: str | None = None
    required: bool | None = None
    synonyms: Sequence[str] = ()
    choices: Sequence[tuple[Any, str]] | None = None
    # FK: the related record's field matched by the cell, e.g. "org__uscc" or "code".
    lookup: str | None = None
    minimum: Any = None
    maximum: Any = None
    places: int = 2
    max_length: int | None = None
    money: bool = False
    # Personal data (ID numbers, phones): masked in exports for users who may not see it.
    personal: bool | None = None
    # A blank cell on an existing record keeps its value (fields the model fills itself, such as a
    # region defaulted from the organisation), instead of clearing it.
    keep_blank: bool = False
    # Codes compared case-insensitively (统一社会信用代码, ID numbers): upper-cased when read.
    upper: bool | None = None
    example: Any = None
    help: str = ""
    # INFO columns and exports: how to get the cell value from a record.
    get: Callable[[Any], Any] | None = None
    # CHOICE and BOOL: other spellings of a value, {value: ("alias", …)}, compared after the same
    # normalisation as the labels (full-width → half-width, no spaces, case folded). Integer
    # choices also take "N级", "TRL N" and "六级" without declaring them (number_forms).
    aliases: Mapping[Any, Sequence[str]] = field(default_factory=dict)
    # How the template and error messages describe the aliases, when listing them is too long.
    aliases_help: str = ""
    # Normalised alias → value, built by Kind.bind() once the choices are known.
    alias_lookup: dict[str, Any] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        # An alias listed under two values is a declaration error, never a silent first-wins.
        seen: dict[str, Any] = {}
        for value, texts in self.aliases.items():
            if isinstance(texts, str):
                raise TypeError(f"{self.key}: the aliases of {value!r} must be a tuple of strings")
            for text in texts:
                _claim(self.key, {}, seen, text, value)

    @property
    def writes(self) -> bool:
        return self.type != INFO


@dataclass
class Kind:
    name: str
    model_label: str
    key: tuple[str, ...]
    columns: list[Col]
    title: str = ""
    help: str = ""
    # Hooks for what one row's clean() cannot see (all optional):
    # may_write(obj, previous, user) -> a Chinese reason, or None: may this user write this row?
    #   `previous` holds the stored values before the file's (None for a new row). Checked after
    #   scope, for rows that would change.
    may_write: Callable[[Any, dict | None, Any], str | None] | None = None
    # check_rows(rows, problem): rules across the rows of one file and the registry. `rows` is
    #   [(obj, index, sheet row number)] of the rows about to be written (new and changed, each
    #   already clean), in file order; `problem(index, column key, reason)` refuses a row.
    check_rows: Callable[[list, Callable[[int, str, str], None]], None] | None = None
    # after_write(objs, author): in the import's transaction, after its rows are written (e.g.
    #   the records a model's save() would add). What it writes must keep its own history.
    after_write: Callable[[list, Any], None] | None = None
    _bound: bool = field(default=False, repr=False)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    def bind(self) -> Kind:
        """Fill in what the model fields say (once, in the project's language: headers and choice
        labels are what files carry, whatever language the user who triggers the binding reads)."""
        if self._bound:
            return self
        with translation.override(settings.LANGUAGE_CODE):
            self._bind()
        self._bound = True
        return self

    def _bind(self) -> None:
        meta = self.model._meta
        self.title = self.title or str(meta.verbose_name)
        for col in self.columns:
            if col.type == INFO:
                col.required = bool(col.required)
                col.personal, col.upper = bool(col.personal), bool(col.upper)
                _bind_aliases(col)
                continue
            f = meta.get_field(col.key)
            _from_field(col, f)
            _bind_aliases(col)
            target = f.related_model if col.type == FK else self.model
            last = col.lookup.split("__")[-1] if col.type == FK else col.key
            if col.personal is None:
                col.personal = last in getattr(target, "personal_fields", ())
            if col.upper is None:
                col.upper = last in ("uscc", "id_number")

    def column(self, key: str) -> Col:
        return next(c for c in self.columns if c.key == key)


def _from_field(col: Col, f: models.Field) -> None:
    col.header = col.header or str(f.verbose_name)
    if col.header in COMMON_SYNONYMS:
        col.synonyms = (*col.synonyms, *COMMON_SYNONYMS[col.header])
    if col.required is None:
        col.required = not (f.blank or f.null or f.has_default())
    for v in f.validators:
        if isinstance(v, MinValueValidator) and col.minimum is None:
            col.minimum = v.limit_value
        if isinstance(v, MaxValueValidator) and col.maximum is None:
            col.maximum = v.limit_value
    if getattr(f, "validators", None) and any(
        getattr(v, "__name__", "") == "validate_non_negative" for v in f.validators
    ):
        col.minimum = 0 if col.minimum is None else col.minimum
    if col.type is None:
        if f.is_relation:
            col.type = FK
        elif f.choices:
            col.type = CHOICE
        elif isinstance(f, models.BooleanField):
            col.type = BOOL
        elif isinstance(f, models.DateField):
            col.type = DATE
        elif isinstance(f, models.DecimalField):
            col.type = RATIO if f.name.endswith(("_ratio", "_rate")) else DECIMAL
        elif isinstance(f, models.IntegerField):
            col.type = YEAR if f.name == "year" or f.name.endswith("_year") else INT
        else:
            col.type = TEXT
    if col.type == CHOICE and col.choices is None:
        col.choices = [(k, str(v)) for k, v in f.choices]
    if col.type == DECIMAL:
        col.places = f.decimal_places
        if col.maximum is None:  # what the column can store (max_digits)
            col.maximum = Decimal(10) ** (f.max_digits - f.decimal_places) - 1
        col.money = col.money or f.name.endswith("_wan")
    if col.type == INT and isinstance(
        f, models.PositiveIntegerField | models.PositiveSmallIntegerField
    ):
        col.minimum = 0 if col.minimum is None else col.minimum
    if col.type == TEXT and col.max_length is None:
        col.max_length = f.max_length
    if col.type == FK and col.lookup is None:
        raise ValueError(f"{col.key}: a foreign-key column needs `lookup`")


def _claim(where: str, taken: Mapping[str, Any], lookup: dict, text: str, value: Any) -> None:
    """Add alias `text` → `value` to `lookup`, unless `taken` (labels, values, built-in words) or
    `lookup` already gives it another value: then the declaration is wrong."""
    key = cells.choice_key(text)
    other = taken[key] if key in taken else lookup.get(key, value)
    if not _same_value(other, value):
        raise ValueError(f"{where}: alias {text!r} would mean both {other!r} and {value!r}")
    if key not in taken:
        lookup[key] = value


def _same_value(a: Any, b: Any) -> bool:
    # True == 1, but an alias of 是 is no alias of TRL 1.
    return a == b and isinstance(a, bool) == isinstance(b, bool)


def integer_choices(col: Col) -> bool:
    """An IntegerChoices column (TRL): its values take number_forms() as aliases."""
    return bool(col.choices) and all(
        isinstance(value, int) and not isinstance(value, bool) for value, _label in col.choices
    )


def _bind_aliases(col: Col) -> None:
    """Build `alias_lookup` from the common, automatic and declared aliases; raises ValueError for
    an alias that would mean two values or names a value the column does not have."""
    if col.type not in (CHOICE, BOOL):
        if col.aliases:
            raise ValueError(f"{col.key}: aliases are for choice and yes/no columns only")
        return
    if col.type == BOOL:
        labels: dict[Any, str] = {True: "是", False: "否"}
        taken = {cells.choice_key(w): True for w in cells.TRUE_WORDS}
        taken |= {cells.choice_key(w): False for w in cells.FALSE_WORDS}
    else:
        labels = dict(col.choices)
        taken = {}
        for value, label in col.choices:  # as cells.parse_choice matches them
            taken.setdefault(cells.choice_key(value), value)
            taken[cells.choice_key(label)] = value
    lookup: dict[str, Any] = {}
    if integer_choices(col):
        for value in labels:
            for text in number_forms(value):
                _claim(col.key, taken, lookup, text, value)
    for value, label in labels.items():
        for text in COMMON_ALIASES.get(label, ()):
            _claim(col.key, taken, lookup, text, value)
    for declared, texts in col.aliases.items():
        # The column's own value (a plain str or int), also when declared as an enum member.
        value = next((v for v in labels if _same_value(v, declared)), None)
        if value is None:
            raise ValueError(f"{col.key}: alias for {declared!r}, which is not one of its values")
        for text in texts:
            _claim(col.key, taken, lookup, text, value)
    col.alias_lookup = lookup


def alias_text(col: Col) -> str:
    """The accepted aliases as the template and error messages list them ("" when none)."""
    parts = []
    if col.type == CHOICE and integer_choices(col):
        values = [value for value, _label in col.choices]
        n = values[len(values) // 2]
        parts.append(f"也可只写数字，如 {n}、{'、'.join(number_forms(n))}")
    labels: dict[Any, str] = {True: "是", False: "否"} if col.type == BOOL else dict(col.choices)
    if col.aliases_help:
        parts.append(col.aliases_help)
    else:
        pairs = []
        for value, label in labels.items():
            texts = [*COMMON_ALIASES.get(label, ()), *col.aliases.get(value, ())]
            if texts:
                pairs.append("".join(f"“{text}”" for text in texts) + f"→{label}")
        if pairs:
            parts.append("也接受：" + "、".join(pairs))
    return "；".join(parts)


def parser_for(col: Col) -> tuple[Callable, dict]:
    """The cells parser and its keyword arguments for a column (required is checked by the engine
    after parsing, so that an empty required cell gets its own clear error)."""
    if col.type in (TEXT, FK, INFO):
        return cells.parse_text, {"max_length": col.max_length if col.type == TEXT else None}
    if col.type == DECIMAL:
        return cells.parse_decimal, {
            "places": col.places,
            "minimum": col.minimum,
            "maximum": col.maximum,
        }
    if col.type == INT:
        return cells.parse_int, {"minimum": col.minimum, "maximum": col.maximum}
    if col.type == RATIO:
        return cells.parse_ratio, {"minimum": col.minimum, "maximum": col.maximum}
    if col.type == DATE:
        return cells.parse_date, {}
    if col.type == YEAR:
        return cells.parse_year, {"minimum": col.minimum, "maximum": col.maximum}
    if col.type in (BOOL, CHOICE):
        hint = alias_text(col)
        kw = {"synonyms": col.alias_lookup, "hint": f"（{hint}）" if hint else ""}
        if col.type == BOOL:
            return cells.parse_bool, kw
        return cells.parse_choice, {"choices": list(col.choices), **kw}
    raise ValueError(col.type)


def money_header(col: Col) -> str:
    return col.header


_REGISTRY: dict[str, Kind] | None = None


def registry() -> dict[str, Kind]:
    """Every kind, by name, from each app's `imports.KINDS` (in app order)."""
    global _REGISTRY
    if _REGISTRY is None:
        found: dict[str, Kind] = {}
        for config in apps.get_app_configs():
            if not config.name.startswith("kechuang.") or config.label == "imports":
                continue
            try:
                module = import_module(f"{config.name}.imports")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.imports":
                    raise
                continue
            for kind in getattr(module, "KINDS", ()):
                found[kind.name] = kind
        _REGISTRY = found
    return _REGISTRY


def get_kind(name: str) -> Kind:
    return registry()[name].bind()


def kinds_for_model(model) -> list[Kind]:
    label = model._meta.label
    return [k.bind() for k in registry().values() if k.model_label == label]


def as_cell(value: Any) -> Any:
    """A Python value as a spreadsheet cell (templates and exports)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return float(value)
    return value
