"""A directory built in memory, from the plain data its files would hold: no file is
written or read, so a rule's unit test runs in milliseconds. Each entry starts
valid; a test changes the one thing it is about."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from site_helpers import TODAY

from ecotone.load.directory import Document, Kind
from ecotone.load.federation import Network, Partner, export_problems
from ecotone.load.positions import Source
from ecotone.model import Directory, Federated, build_directory, build_federated
from ecotone.problems import Problem
from ecotone.validate.incremental import model_problems

BASIC_COMMITMENTS = ("sovereignty", "shared_governance", "interoperable_data")
BASIC_COMMITMENTS += ("shared_communication",)
# This directory's address, by which a federated directory names it.
HOME_SITE = "https://home.example.org/"


def circle(parent: str | None = "general", **changes: Any) -> dict[str, Any]:
    """A circle under `parent`; with no parent, a root that says where conflicts go."""
    data: dict[str, Any] = {"name": "A circle", "aim": "Hold.", "domain": "All."}
    if parent is None:
        data["conflicts_go_to"] = "The members' meeting."
    else:
        data["parent"] = parent
    return {**data, **changes}


def organization(org_id: str, **changes: Any) -> Document:
    """An organization that made the basic commitments, with one circle, `general`."""
    data: dict[str, Any] = {
        "name": org_id.title(),
        "summary": f"{org_id} in one line.",
        "maintainers": [f"{org_id}-admin"],
        "commitments": dict.fromkeys(BASIC_COMMITMENTS, True),
        "circles": {"general": circle(None, name="General")},
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


def playbook(playbook_id: str, **changes: Any) -> Document:
    """A conflict-resolution playbook whose one step uses its one number parameter,
    `answer_days`."""
    publisher, _, slug = playbook_id.partition("/")
    data: dict[str, Any] = {
        "title": slug.title(),
        "kind": "conflict-resolution",
        "summary": "Talk first.",
        "parameters": {"answer_days": {"title": "Days to answer", "type": "number"}},
        "steps": [{"title": "Talk", "description": "Answer within {answer_days} days."}],
    }
    return _document(
        Kind.PLAYBOOK, playbook_id, f"partners/{publisher}/playbooks/{slug}.yml", data, changes
    )


def social_contract(
    playbook_id: str, slot: str = "conflict_resolution", **parameters: Any
) -> dict[str, Any]:
    """A social contract that plugs `playbook_id` into `slot` with `parameters`."""
    return {
        "governance": "Consent.",
        slot: {"playbook": playbook_id, "parameters": parameters},
    }


def member(org_id: str, circle_id: str = "general", **changes: Any) -> dict[str, Any]:
    """A participant of a space, as its host lists it: a representative of a circle."""
    return {"organization": org_id, "role": "representative", "circle": circle_id, **changes}


def joined(space_id: str, circle_id: str = "general") -> dict[str, Any]:
    """A participation, as the participant acknowledges it in its own file."""
    return {"space": space_id, "circle": circle_id}


def _document(
    kind: Kind, entry_id: str, file: str, data: dict[str, Any], changes: Mapping[str, Any]
) -> Document:
    return Document(kind, entry_id, Source(file, ""), {**data, **changes})


# -- a federated directory, as its committed snapshot shows it ----------------------


def published_organization(org_id: str, *acknowledges: dict[str, Any]) -> dict[str, Any]:
    """An organization as a federated directory's export publishes it, acknowledging
    spaces as its own file does (a space of ours as `home:<host>/<space>`)."""
    site = f"https://elsewhere.example.org/organizations/{org_id}/"
    return {
        "id": org_id,
        "url": site,
        "name": org_id.title(),
        "summary": f"{org_id} in one line.",
        "maintainers": [f"{org_id}-admin"],
        "commitments": dict.fromkeys(
            (*BASIC_COMMITMENTS, "transparent_budgets", "conflict_resolution", "accountability"),
            True,
        ),
        "circles": [
            {
                "id": "general",
                "key": f"{org_id}/general",
                "name": "General",
                "aim": "Hold.",
                "domain": "All.",
                "status": "active",
            }
        ],
        "acknowledges": list(acknowledges),
    }


def published_space(space_id: str) -> dict[str, Any]:
    """A running space as a federated directory's export publishes it, hosted alone."""
    host, _, slug = space_id.partition("/")
    return {
        "id": space_id,
        "url": f"https://elsewhere.example.org/spaces/{space_id}/",
        "title": slug.title(),
        "mode": "collaboration",
        "status": "active",
        "host": {"id": host},
        "aim": "Grow together.",
        "term": {"start": "2026-01-01", "ongoing": True},
        "open_to_new_partners": False,
        "principles": [
            {"number": n, "title": f"Principle {n}", "coverage": "not-met"} for n in range(1, 9)
        ],
    }


def federation(
    name: str = "riverside",
    *organizations: dict[str, Any],
    spaces: tuple[dict[str, Any], ...] = (),
    fetched: bool = True,
) -> Federated:
    """ecotone.yml naming the directory `name`, which calls this one `home`, with its
    snapshot (unless not `fetched` yet) publishing `organizations` and `spaces`. The
    snapshot is one the loader accepts."""
    partner = Partner(name, f"https://{name}.example.org/")
    document = {
        "$schema": f"{partner.site}api/directory.schema.json",
        "schema_version": "v1",
        "site": partner.site,
        "name": name.title(),
        "federates_with": [{"name": "home", "site": HOME_SITE}],
        "organizations": list(organizations),
        "spaces": list(spaces),
        "playbooks": [],
    }
    assert export_problems(document, partner) == []
    network = Network(partner, name.title(), Source(partner.snapshot_file, ""), document)
    return build_federated((partner,), (network,) if fetched else (), HOME_SITE)


# -- the rules on it ------------------------------------------------------------------


def directory(*documents: Document, federated: Federated | None = None) -> Directory:
    return build_directory(documents, federated=federated)


def problems(
    *documents: Document, today: date = TODAY, federated: Federated | None = None
) -> list[Problem]:
    """What the rules across files find in these entries."""
    return list(model_problems(directory(*documents, federated=federated), today))


def codes(
    *documents: Document, today: date = TODAY, federated: Federated | None = None
) -> list[str]:
    """The codes of what the rules across files find in these entries."""
    return [problem.code for problem in problems(*documents, today=today, federated=federated)]
