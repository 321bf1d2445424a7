"""The directory as one JSON document (`/api/directory.json`): every organization,
space and playbook with its references resolved, so a reader needs no second
lookup: a space's host circle as the circle itself, each participant with its
organization's name, its home circle and its standing (confirmed or invited),
each plugged playbook with its title and kind. It carries the version of the
schemas the data was written against (`v1`), and its shape is published as a
JSON Schema of its own (`directory-export.schema.json`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ecotone.export import compact
from ecotone.export.urls import SiteUrls
from ecotone.model import (
    Circle,
    Contact,
    Contribution,
    Directory,
    Exchange,
    HistoryEntry,
    Organization,
    Participant,
    Playbook,
    PlaybookSlot,
    Space,
    Standing,
)
from ecotone.sitedata import SiteData

DIRECTORY_SCHEMA = "api/directory.schema.json"  # where the site publishes it

Json = dict[str, Any]


def directory_json(data: SiteData, urls: SiteUrls, name: str) -> str:
    """The document as JSON text, the same bytes for the same directory."""
    return "".join(directory_json_chunks(data, urls, name))


def directory_json_chunks(data: SiteData, urls: SiteUrls, name: str) -> Iterator[str]:
    """The document's JSON text, one entry at a time, so that at scale (tens of
    megabytes) neither the whole document nor its whole text need be held to
    write it. Compact: it is for programs, and Python's C encoder writes that
    several times faster than indented text (for that it falls back to Python)."""
    head = _dumps(_head(data, urls, name))
    yield head[:-1]  # without its closing brace: the entries follow
    for key, entries in _entries(data, urls):
        yield f",{_dumps(key)}:["
        for index, entry in enumerate(entries):
            yield ("," if index else "") + _dumps(entry)
        yield "]"
    yield "}\n"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def directory_document(data: SiteData, urls: SiteUrls, name: str) -> Json:
    """Which directory this is (its address, name and schema version, and the
    directories it federates with), then its entries."""
    return {**_head(data, urls, name), **{key: list(items) for key, items in _entries(data, urls)}}


def _head(data: SiteData, urls: SiteUrls, name: str) -> Json:
    return {
        "$schema": urls.page(DIRECTORY_SCHEMA),
        "schema_version": data.schemas.version,
        "site": urls.base,
        "name": name,
        **compact(
            {
                "federates_with": [
                    {"name": partner.name, "site": partner.site}
                    for partner in data.directory.federated.partners
                ]
            }
        ),
    }


def _entries(data: SiteData, urls: SiteUrls) -> Iterator[tuple[str, Iterator[Json]]]:
    """Each kind of entry, made one at a time."""
    directory = data.directory
    yield "organizations", (_organization(directory, org, urls) for org in directory.organizations)
    yield "spaces", (_space(data, space, urls) for space in directory.spaces)
    yield "playbooks", (_playbook(directory, book, urls) for book in directory.playbooks)


# -- organizations ---------------------------------------------------------------


def _organization(directory: Directory, org: Organization, urls: SiteUrls) -> Json:
    participations = directory.participations_of(org.id)
    return compact(
        {
            "id": org.id,
            "url": urls.organization(org.id),
            "name": org.name,
            "summary": org.summary,
            "description": org.description,
            "website": org.website,
            "location": org.location,
            "contact": _contact(org.contact),
            "maintainers": list(org.maintainers),
            "topics": list(org.topics),
            "commitments": {
                name: getattr(org.commitments, name)
                for name in (*org.commitments.BASIC, *org.commitments.ENHANCING)
            },
            "offers": [_exchange(item) for item in org.offers],
            "needs": [_exchange(item) for item in org.needs],
            "circles": [_circle(circle) for circle in org.circles],
            "hosts": [space.id for space in directory.spaces_hosted_by(org.id)],
            "acknowledges": [
                compact({"space": p.space, "circle": p.circle}) for p in org.participations
            ],
            "participations": [
                compact(
                    {
                        "space": space.id,
                        "circle": _circle_ref(directory.circle(org.id, participant.circle)),
                        "role": participant.role,
                        "standing": standing.value,
                    }
                )
                for space, participant, standing in participations
            ],
            "former_ids": list(org.former_ids),
        }
    )


def _circle(circle: Circle) -> Json:
    return compact(
        {
            "id": circle.id,
            "key": circle.key,
            "name": circle.name,
            "aim": circle.aim,
            "domain": circle.domain,
            "parent": circle.parent,
            "status": "dissolved" if circle.dissolved else "active",
            "successors": list(circle.successors),
            "conflicts_go_to": circle.conflicts_go_to,
        }
    )


def _circle_ref(circle: Circle | None) -> Json | None:
    if circle is None:
        return None
    return {"key": circle.key, "id": circle.id, "name": circle.name}


# -- spaces ----------------------------------------------------------------------


def _space(data: SiteData, space: Space, urls: SiteUrls) -> Json:
    directory = data.directory
    host = directory.organization(space.host)
    host_circle = directory.circle(space.host, space.host_circle)
    contract = space.social_contract
    return compact(
        {
            "id": space.id,
            "url": urls.space(space.id),
            "title": space.title,
            "mode": space.mode.value,
            "status": space.status,
            "host": _organization_ref(space.host, host),
            "host_circle": _circle(host_circle) if host_circle else None,
            "topic": space.topic,
            "aim": space.aim,
            "description": space.description,
            "topics": list(space.topics),
            "level": space.level,
            "domain": space.domain,
            "venue": space.venue,
            "direction": space.direction,
            "term": compact(
                {
                    "start": space.term.start.isoformat(),
                    "end": space.term.end.isoformat() if space.term.end else None,
                    "ongoing": space.term.ongoing,
                    "review": space.term.review.isoformat() if space.term.review else None,
                }
            ),
            "open_to_new_partners": space.open_to_new_partners,
            "participants": [_participant(directory, space, p) for p in space.participants],
            "seeking": [_exchange(item) for item in space.seeking],
            "budget": [_contribution(directory, space, item) for item in space.budget],
            "social_contract": compact(
                {
                    "governance": contract.governance,
                    "conflict_resolution": _slot(directory, contract.conflict_resolution),
                    "accountability": _slot(directory, contract.accountability),
                    "rules": list(contract.rules),
                }
            )
            if contract
            else None,
            "principles": [
                compact(
                    {
                        "number": check.principle.number,
                        "title": check.principle.title,
                        "coverage": check.coverage.value,
                        "covered_by": list(check.covered_by),
                        "note": check.note,
                    }
                )
                for check in data.checklists[space.id]
            ],
            "contact": _contact(space.contact),
            "history": [_history(item) for item in space.history],
            "former_ids": list(space.former_ids),
        }
    )


def _participant(directory: Directory, space: Space, participant: Participant) -> Json:
    org = directory.organization(participant.organization)
    circle = directory.circle(participant.organization, participant.circle)
    standing: Standing = directory.standing(space, participant)
    return compact(
        {
            "organization": _organization_ref(participant.organization, org),
            "role": participant.role,
            "circle": _circle_ref(circle),
            "person": participant.person,
            "standing": standing.value,
        }
    )


def _contribution(directory: Directory, space: Space, item: Contribution) -> Json:
    org = directory.organization(item.organization) if item.organization else None
    standing = directory.contribution_standing(space, item)
    return compact(
        {
            "from": item.provider,
            "organization": _organization_ref(item.organization, org)
            if item.organization
            else None,
            "name": item.name,
            "kind": item.kind,
            "amount": item.amount,
            "currency": item.currency,
            "period": item.period,
            "description": item.description,
            "standing": standing.value if standing else None,
        }
    )


def _slot(directory: Directory, slot: PlaybookSlot | None) -> Json | None:
    if slot is None:
        return None
    playbook = directory.playbook(slot.playbook)
    return compact(
        {
            "playbook": compact(
                {
                    "id": slot.playbook,
                    "title": playbook.title if playbook else None,
                    "kind": playbook.kind if playbook else None,
                    "publisher": playbook.publisher if playbook else None,
                }
            ),
            "parameters": dict(sorted(slot.parameters.items())),
            "amendments": list(slot.amendments),
        }
    )


# -- playbooks -------------------------------------------------------------------


def _playbook(directory: Directory, playbook: Playbook, urls: SiteUrls) -> Json:
    return compact(
        {
            "id": playbook.id,
            "url": urls.playbook(playbook.id),
            "title": playbook.title,
            "kind": playbook.kind,
            "publisher": playbook.publisher,
            "summary": playbook.summary,
            "description": playbook.description,
            "source": compact({"title": playbook.provenance.title, "url": playbook.provenance.url})
            if playbook.provenance
            else None,
            "forked_from": playbook.forked_from,
            "forks": [fork.id for fork in directory.forks_of(playbook.id)],
            "used_by": [space.id for space in directory.spaces_using(playbook.id)],
            "parameters": [
                compact({"name": p.name, "title": p.title, "type": p.type, "unit": p.unit})
                for p in playbook.parameters
            ],
            "steps": [{"title": s.title, "description": s.description} for s in playbook.steps],
            "history": [_history(item) for item in playbook.history],
            "former_ids": list(playbook.former_ids),
        }
    )


# -- shared pieces ---------------------------------------------------------------


def _organization_ref(org_id: str, org: Organization | None) -> Json:
    return compact({"id": org_id, "name": org.name if org else None})


def _contact(contact: Contact | None) -> Json | None:
    if contact is None:
        return None
    return compact({"name": contact.name, "email": contact.email, "url": contact.url})


def _exchange(item: Exchange) -> Json:
    return compact({"title": item.title, "topics": list(item.topics), "details": item.details})


def _history(item: HistoryEntry) -> Json:
    return {"date": item.date.isoformat(), "change": item.change}
