"""Every problem Ecotone reports comes from a rule listed here."""

from __future__ import annotations

from ecotone.load import rules as files  # noqa: F401
from ecotone.problems import REGISTRY, Rule
from ecotone.validate.rules import circles, duplicates, references, schema, spaces  # noqa: F401


def all_rules() -> list[Rule]:
    """Every registered rule, ordered by code."""
    return [REGISTRY[code] for code in sorted(REGISTRY)]
