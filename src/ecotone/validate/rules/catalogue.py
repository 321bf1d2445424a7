"""Every problem Ecotone reports comes from a rule listed here."""

from __future__ import annotations

from ecotone.load import rules as files  # noqa: F401
from ecotone.problems import REGISTRY, Rule
from ecotone.validate.rules import (  # noqa: F401
    circles,
    duplicates,
    federation,
    references,
    schema,
    spaces,
)


def all_rules() -> list[Rule]:
    """Every registered rule, ordered by code."""
    return [REGISTRY[code] for code in sorted(REGISTRY)]
