"""Every problem Ecotone reports comes from a rule registered here.

Rules are grouped by what they look at: files (checked while loading), schema
(checked per file against the JSON Schemas), circles, references and
participation, spaces, and likely duplicates. `all_rules()` lists them all,
for the rule reference on the site and for the validator.
"""

from __future__ import annotations

from ecotone.rules.registry import REGISTRY, Rule


def all_rules() -> list[Rule]:
    """Every registered rule, ordered by code."""
    # Imported here, not at the top: the check modules depend on the model,
    # which depends on the loader, which uses the file rules.
    from ecotone.rules import circles, duplicates, files, references, schema, spaces  # noqa: F401

    return [REGISTRY[code] for code in sorted(REGISTRY)]
