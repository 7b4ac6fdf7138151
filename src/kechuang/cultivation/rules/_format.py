"""Number formatting for Chinese rule messages."""

from __future__ import annotations


def num(value: float, places: int = 2) -> str:
    """A plain number: no trailing zeros, at most ``places`` decimals (620, 63.2)."""
    text = "%.*f" % (places, value)  # noqa: UP031 (faster than a nested format spec)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def pct(ratio: float) -> str:
    """A fraction as a percentage (0.031 → "3.1%")."""
    return num(ratio * 100) + "%"
