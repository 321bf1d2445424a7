"""A directory built in memory, from the plain data its files would hold: no file is
written or read, so a rule's unit test runs in milliseconds. Each entry starts
valid; a test changes the one thing it is about."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from site_helpers import TODAY

from ecotone.load.directory import Document, Kind
from ecotone.load.positions import Source
from ecotone.model import Directory, build_directory
from ecotone.validate.run import model_problems

BASIC_COMMITMENTS = ("sovereignty", "shared_governance", "interoperable_data")
BASIC_COMMITMENTS += ("shared_communication",)


def organization(org_id: str, **changes: Any) -> Document:
    data: dict[str, Any] = {
        "name": org_id.title(),
        "summary": f"{org_id} in one line.",
        "maintainers": [f"{org_id}-admin"],
        "commitments": dict.fromkeys(BASIC_COMMITMENTS, True),
        "circles": {
            "general": {
                "name": "General",
                "aim": "Hold.",
                "domain": "All.",
                "conflicts_go_to": "The members' meeting.",
            }
        },
    }
    return _document(
        Kind.ORGANIZATION, org_id, f"partners/{org_id}/organization.yml", data, changes
    )


def space(space_id: str, **changes: Any) -> Document:
    """A running collaboration of its host's `general` circle, hosted alone."""
    host, _, slug = space_id.partition("/")
    data: dict[str, Any] = {
        "title": slug.title(),
        "mode": "collaboration",
        "status": "active",
        "host_circle": "general",
        "aim": "Grow together.",
        "term": {"start": "2026-01-01", "ongoing": True, "review": "2027-01-01"},
    }
    return _document(Kind.SPACE, space_id, f"partners/{host}/spaces/{slug}.yml", data, changes)


def _document(
    kind: Kind, entry_id: str, file: str, data: dict[str, Any], changes: Mapping[str, Any]
) -> Document:
    return Document(kind, entry_id, Source(file, ""), {**data, **changes})


def directory(*documents: Document) -> Directory:
    return build_directory(documents)


def codes(*documents: Document, today: date = TODAY) -> list[str]:
    """The codes of what the rules across files find in these entries."""
    return [problem.code for problem in model_problems(directory(*documents), today)]
