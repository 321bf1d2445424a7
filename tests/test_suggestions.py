"""Fix hints that name the nearest valid choice ("Did you mean 'garden'?"), among a
few names or among thousands."""

from __future__ import annotations

import pytest

from ecotone.validate.rules.suggest import Choices, did_you_mean

SPACES = [f"org-{n:04d}/{name}" for n in range(2000) for name in ("garden", "kitchen", "library")]


def test_the_closest_name_is_suggested() -> None:
    assert did_you_mean("trainig", ["growing", "training", "general"]) == "Did you mean 'training'?"


def test_a_word_like_no_name_gets_the_fallback() -> None:
    assert did_you_mean("orchard", ["growing", "training"], "Name a circle.") == "Name a circle."


@pytest.mark.parametrize(
    "word, meant",
    [
        ("org-1234/gardn", "org-1234/garden"),  # the end misspelt
        ("xrg-1234/garden", "org-1234/garden"),  # the start misspelt
        ("org-1234/ktichen", "org-1234/kitchen"),  # the middle
    ],
)
def test_a_misspelt_name_among_thousands_is_found(word: str, meant: str) -> None:
    assert did_you_mean(word, Choices(SPACES)) == f"Did you mean '{meant}'?"


def test_a_suggestion_compares_a_word_with_a_few_names_whatever_their_number() -> None:
    """Every reference to nothing in a directory of thousands of spaces would otherwise
    compare it with each of them: an organization acknowledging hundreds of spaces that
    do not exist would slow every run."""
    assert len(Choices(SPACES).nearest("org-1234/gone")) <= 16
