"""Wording shared by the computed sentences (matchmaking reasons, principle advice)
and by the pages and exports alike (enumerated values as words)."""

from __future__ import annotations

from collections.abc import Iterable


def joined(items: Iterable[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def capitalized(text: str) -> str:
    """The text with its first letter upper-case, the rest as written."""
    return text[:1].upper() + text[1:]


_HYPHENATED = {"one-directional", "bi-directional", "multi-directional"}


def label(value: str | None) -> str:
    """An enumerated value as words: `information-sharing` → `Information sharing`."""
    text = value or ""
    return (text if text in _HYPHENATED else text.replace("-", " ")).capitalize()
