"""Text helpers: pinyin initials for search, masking of personal data."""

from pypinyin import Style, lazy_pinyin


def pinyin_initials(text: str) -> str:
    """'平顶山市' -> 'pdss'. Non-Chinese characters are kept as they are (lower case)."""
    if not text:
        return ""
    letters = lazy_pinyin(text, style=Style.FIRST_LETTER, errors=lambda s: list(s))
    return "".join(letters).lower().replace(" ", "")


def mask(value: str, keep_start: int = 3, keep_end: int = 4) -> str:
    """'13812345678' -> '138****5678'. Short values are masked entirely."""
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]
