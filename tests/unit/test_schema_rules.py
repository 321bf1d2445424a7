"""The schema check of one file, on entries built in memory: a value the schemas
refuse is pointed at in its field, never refused as a whole file (E200)."""

from __future__ import annotations

import pytest
from in_memory import organization

from ecotone.validate.schema import check_document

# What `\s` matches in Python or in ECMA-262, whose patterns the schemas are written in.
WHITE_SPACE = sorted({c for c in map(chr, range(0x3001)) if c.isspace()} | {"\ufeff"})


def schema_codes(website: str) -> list[tuple[str, str]]:
    problems = check_document(organization("alpha", website=website))
    return [(problem.code, problem.field_text) for problem in problems]


def test_a_web_address_is_accepted() -> None:
    assert schema_codes("https://alpha.example.org/") == []


def test_a_web_address_holding_an_invisible_zero_width_no_break_space_is_e205() -> None:
    assert schema_codes("https://alpha.example.org/\ufeff") == [("E205", "website")]


@pytest.mark.parametrize("space", WHITE_SPACE, ids=lambda space: f"U+{ord(space):04X}")
def test_white_space_in_a_web_address_never_leaves_the_file_refused_as_a_whole(
    space: str,
) -> None:
    assert ("E200", "") not in schema_codes(f"https://alpha.example.org/{space}x")
