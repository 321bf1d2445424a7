"""JSON-LD for organization and space pages, in schema.org and the W3C
Organization Ontology (https://www.w3.org/TR/vocab-org/).

- An organization is a `schema:Organization` and an `org:Organization`; its
  circles are its `org:OrganizationalUnit`s (`org:hasUnit`), each with its aim
  as `org:purpose` and, below the root, the circle it belongs to as
  `org:subOrganizationOf`.
- A collaboration is an `org:OrganizationalCollaboration`, "a collaboration
  between two or more organizations such as a project", and a `schema:Project`;
  its members (the host and every confirmed participant) are `org:hasMember`,
  and each member organization says `org:memberOf` back.
- An information-sharing space makes no shared decisions, so it is not an
  organizational collaboration; it is a `schema:Project` (an enterprise
  planned to achieve an aim), its members `schema:member`, and each member
  organization says `schema:memberOf` back.

Invited organizations are left out until they confirm: membership is mutual.
The `@context` is written inline, so that reading the data never needs a
remote context.
"""

from __future__ import annotations

from typing import Any

from ecotone.export import compact
from ecotone.export.urls import SiteUrls
from ecotone.model import Circle, Directory, Organization, Space

SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"

CONTEXT: dict[str, Any] = {
    "schema": SCHEMA,
    "org": ORG,
    "name": "schema:name",
    "description": "schema:description",
    "url": {"@id": "schema:url", "@type": "@id"},
    "sameAs": {"@id": "schema:sameAs", "@type": "@id"},
    "email": "schema:email",
    "keywords": "schema:keywords",
    "location": "schema:location",
    "foundingDate": {"@id": "schema:foundingDate", "@type": "schema:Date"},
    "dissolutionDate": {"@id": "schema:dissolutionDate", "@type": "schema:Date"},
    "member": {"@id": "schema:member", "@type": "@id"},
    "memberOf": {"@id": "schema:memberOf", "@type": "@id"},
    "purpose": "org:purpose",
    "hasUnit": {"@id": "org:hasUnit", "@type": "@id"},
    "unitOf": {"@id": "org:unitOf", "@type": "@id"},
    "subOrganizationOf": {"@id": "org:subOrganizationOf", "@type": "@id"},
    "hasMember": {"@id": "org:hasMember", "@type": "@id"},
    "orgMemberOf": {"@id": "org:memberOf", "@type": "@id"},
}

Json = dict[str, Any]


def organization_jsonld(directory: Directory, org: Organization, urls: SiteUrls) -> Json:
    page = urls.organization(org.id)
    collaborations, sharing = _spaces_of(directory, org.id)
    return compact(
        {
            "@context": CONTEXT,
            "@id": page,
            "@type": ["schema:Organization", "org:Organization"],
            "name": org.name,
            "description": org.summary,
            "url": page,
            "sameAs": org.website,
            "email": org.contact.email if org.contact else None,
            "location": org.location,
            "keywords": list(org.topics),
            "hasUnit": [_circle(circle, page) for circle in org.circles if not circle.dissolved],
            "orgMemberOf": [urls.space(space.id) for space in collaborations],
            "memberOf": [urls.space(space.id) for space in sharing],
        }
    )


def space_jsonld(directory: Directory, space: Space, urls: SiteUrls) -> Json:
    page = urls.space(space.id)
    members = [
        _organization_id(directory, org_id, urls)
        for org_id in dict.fromkeys((space.host, *directory.confirmed_members(space)))
    ]
    collaboration = space.is_collaboration
    return compact(
        {
            "@context": CONTEXT,
            "@id": page,
            "@type": ["org:OrganizationalCollaboration", "schema:Project"]
            if collaboration
            else ["schema:Project"],
            "name": space.title,
            "description": space.aim,
            "purpose": space.aim if collaboration else None,
            "url": page,
            "keywords": list(space.topics),
            "foundingDate": space.term.start.isoformat(),
            "dissolutionDate": space.term.end.isoformat() if space.term.end else None,
            "email": space.contact.email if space.contact else None,
            "hasMember" if collaboration else "member": members,
        }
    )


def _circle(circle: Circle, org_page: str) -> Json:
    return compact(
        {
            "@id": _circle_id(org_page, circle.id),
            "@type": "org:OrganizationalUnit",
            "name": circle.name,
            "purpose": circle.aim,
            "unitOf": org_page,
            "subOrganizationOf": _circle_id(org_page, circle.parent) if circle.parent else None,
        }
    )


def _circle_id(org_page: str, circle_id: str) -> str:
    return f"{org_page}#circle-{circle_id}"


def _organization_id(directory: Directory, org_id: str, urls: SiteUrls) -> str:
    """An organization's page: here, or in its federated directory."""
    home = directory.home(org_id)
    return home.url if home else urls.organization(org_id)


def _spaces_of(directory: Directory, org_id: str) -> tuple[list[Space], list[Space]]:
    """The spaces the organization is a member of (hosts, or joined and confirmed),
    as (collaborations, information-sharing spaces), in identifier order."""
    ordered = directory.spaces_taken_part_in(org_id)
    return (
        [s for s in ordered if s.is_collaboration],
        [s for s in ordered if not s.is_collaboration],
    )
