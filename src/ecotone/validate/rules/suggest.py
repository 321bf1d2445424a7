"""Fix hints that name the nearest valid choice."""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterable
from functools import cached_property

# How many names on each side of a word, in each order, a suggestion compares it with.
_NEIGHBOURS = 4


class Choices:
    """The names a suggestion is chosen from. A word is compared only with the names
    nearest to it in alphabetical order, forwards and backwards (a misspelling leaves
    one end of a name as it was), never with all of them: a directory of thousands of
    spaces, and an organization acknowledging hundreds that do not exist, would
    otherwise compare every pair in every run. The names are sorted when first asked,
    and each word's suggestion is remembered: many files may name one that left."""

    def __init__(self, names: Iterable[str]) -> None:
        self._names = tuple(names)
        self._closest: dict[str, str | None] = {}

    @cached_property
    def _forwards(self) -> list[str]:
        return sorted(set(self._names))

    @cached_property
    def _backwards(self) -> list[str]:
        return sorted(name[::-1] for name in self._forwards)

    def closest(self, word: str) -> str | None:
        """The name most like `word`, if any is like it enough; asked once per word."""
        if word not in self._closest:
            match = difflib.get_close_matches(word, sorted(self.nearest(word)), n=1, cutoff=0.6)
            self._closest[word] = match[0] if match else None
        return self._closest[word]

    def nearest(self, word: str) -> set[str]:
        """The names `word` is compared with: at most four times `_NEIGHBOURS`."""
        at = bisect.bisect(self._forwards, word)
        back = bisect.bisect(self._backwards, word[::-1])
        return {
            *self._forwards[max(0, at - _NEIGHBOURS) : at + _NEIGHBOURS],
            *(
                name[::-1]
                for name in self._backwards[max(0, back - _NEIGHBOURS) : back + _NEIGHBOURS]
            ),
        }


def did_you_mean(word: str, choices: Iterable[str] | Choices, fallback: str = "") -> str:
    """`Did you mean 'training'?` for the closest choice, else `fallback`. A rule that may
    ask many times of the same names passes them once as `Choices`."""
    closest = (choices if isinstance(choices, Choices) else Choices(choices)).closest(word)
    return f"Did you mean '{closest}'?" if closest else fallback
