"""Fix hints that name the nearest valid choice."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str], fallback: str = "") -> str:
    """`Did you mean 'training'?` for the closest choice, else `fallback`."""
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"Did you mean '{match[0]}'?" if match else fallback
