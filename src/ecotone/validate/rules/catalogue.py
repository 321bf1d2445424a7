"""The rule catalogue: every problem Ecotone reports comes from a rule listed here,
with its code, family, severity, title, message, fix, explanation, the version
that added it, and a wrong and a right example (`examples.py`). The rule
reference on the site and the published `api/rules.json` are made from it."""

from __future__ import annotations

from ecotone.load import rules as files  # noqa: F401
from ecotone.problems import REGISTRY, Example, Problem, Rule
from ecotone.validate.rules import (  # noqa: F401
    circles,
    duplicates,
    federation,
    lookalikes,
    references,
    schema,
    spaces,
)
from ecotone.validate.rules.suggest import did_you_mean


def all_rules() -> list[Rule]:
    """Every registered rule, ordered by code."""
    return [REGISTRY[code] for code in sorted(REGISTRY)]


def rule_examples() -> dict[str, Example]:
    """Each rule's example as the reference shows it, by code."""
    # Imported here: the site and the tests show the examples; a validation needs none.
    from ecotone.validate.rules.examples import EXAMPLES, shown

    return {code: shown(example) for code, example in sorted(EXAMPLES.items())}


def sample_problem() -> Problem:
    """A problem as the rule reference introduces them: the example of "How to
    join", with a circle's parent misspelt."""
    return REGISTRY["E302"].at(
        "partners/green-hollow/organization.yml",
        40,
        5,
        ("circles", "growing", "parent"),
        parent="genral",
        circle="growing",
        org="green-hollow",
        suggestion=did_you_mean("genral", ["general", "growing", "partnerships"]),
    )
