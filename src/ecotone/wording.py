"""Wording shared by the computed sentences (matchmaking reasons, principle advice)
and by the pages, the exports and the commands alike (enumerated values as words,
dates as a reader writes them)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


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


def long_date(day: date) -> str:
    """`1 September 2024`: the same in every locale, so that builds are reproducible."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
