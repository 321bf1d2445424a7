"""Export: the directory in open formats, so its data travels.

Our own JSON (with a published JSON Schema), CSV tables, JSON-LD (schema.org and
the W3C Organization Ontology), Murmurations profiles, a Kumu blueprint of the
graph, an Atom feed of spaces and an iCalendar feed of review dates. Each module
turns the model into one format; none reads the clock.
"""

from __future__ import annotations

from typing import Any

_ABSENT = (None, [])


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """The mapping without its absent values (None) and empty lists, as the YAML
    files leave them out."""
    return {key: value for key, value in data.items() if value not in _ABSENT}
