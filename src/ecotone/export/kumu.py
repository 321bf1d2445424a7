"""The ecosystem graph as a Kumu blueprint (Kumu's JSON import: `elements` and
`connections`), for mapping the network in Kumu.

Every organization and every space is an element: the relationship is a third
party, a node of its own between the organizations in it, not a line between
them. Connections run from each organization to the spaces it is in, typed
`hosts`, `takes part in` (confirmed) or `invited to` (not yet confirmed).
Elements and connections carry an `id`, since labels (names) need not be
unique; connections refer to those ids.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ecotone.export import compact
from ecotone.export.urls import SiteUrls
from ecotone.model import Directory, Standing
from ecotone.wording import label

Json = dict[str, Any]


def blueprint_json(directory: Directory, urls: SiteUrls) -> Iterator[str]:
    """Compact, as directory.json is: for Kumu's import, and large at scale, so
    written an element and a connection at a time."""
    yield '{"elements":['
    yield from _listed(_elements(directory, urls))
    yield '],"connections":['
    yield from _listed(_connections(directory))
    yield "]}\n"


def _listed(items: Iterator[Json]) -> Iterator[str]:
    for index, item in enumerate(items):
        yield ("," if index else "") + json.dumps(item, ensure_ascii=False, separators=(",", ":"))


def _elements(directory: Directory, urls: SiteUrls) -> Iterator[Json]:
    for org in directory.organizations:
        yield compact(
            {
                "id": org.id,
                "label": org.name,
                "type": "Organization",
                "description": org.summary,
                "tags": list(org.topics),
                "Location": org.location,
                "Website": org.website,
                "Page": urls.organization(org.id),
            }
        )
    for space in directory.spaces:
        yield compact(
            {
                "id": space.id,
                "label": space.title,
                "type": label(space.mode.value),
                "description": space.aim,
                "tags": list(space.topics),
                "Status": label(space.status),
                "Level": label(space.level) if space.level else None,
                "Page": urls.space(space.id),
            }
        )


def _connections(directory: Directory) -> Iterator[Json]:
    """Each connection once, though an organization may be listed twice in a space."""
    seen: set[str] = set()
    for space in directory.spaces:
        found = [_connection(space.host, space.id, "hosts")]
        for participant in space.participants:
            if directory.organization(participant.organization) is None:
                continue  # it left, or was never here (E401): no element to connect
            standing = directory.standing(space, participant)
            kind = "takes part in" if standing is Standing.CONFIRMED else "invited to"
            found.append(_connection(participant.organization, space.id, kind))
        for connection in found:
            if connection["id"] not in seen:
                seen.add(connection["id"])
                yield connection


def _connection(org_id: str, space_id: str, kind: str) -> Json:
    return {
        "id": f"{org_id} {kind} {space_id}",
        "from": org_id,
        "to": space_id,
        "type": kind,
        "direction": "directed",
    }
