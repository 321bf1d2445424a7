"""Murmurations profiles: one JSON document per organization, in the field names of
the Murmurations Library's `organizations_schema-v1.0.0`, so that a Murmurations
index can read the directory's organizations.

Fields used, as that schema defines them: `linked_schemas` (required), `name`
(required), `primary_url` (the organization's own website, else its page here),
`description`, `tags`, `urls` (name and url), `contact_details` (`email`,
`contact_form`) and `relationships` (`predicate_url`, `object_url`): one
`https://schema.org/memberOf` relationship for each space the organization
hosts or has confirmed joining, pointing at that space's page.
"""

from __future__ import annotations

import json
from typing import Any

from ecotone.export.urls import SiteUrls
from ecotone.model import Directory, Organization

LINKED_SCHEMA = "organizations_schema-v1.0.0"
MEMBER_OF = "https://schema.org/memberOf"

Json = dict[str, Any]


def profile(directory: Directory, org: Organization, urls: SiteUrls) -> Json:
    page = urls.organization(org.id)
    contact = {
        key: value
        for key, value in (
            ("email", org.contact.email if org.contact else None),
            ("contact_form", org.contact.url if org.contact else None),
        )
        if value
    }
    data: Json = {
        "linked_schemas": [LINKED_SCHEMA],
        "name": org.name,
        "primary_url": org.website or page,
        "description": org.summary,
        "tags": list(org.topics),
        "urls": [{"name": "Ecotone directory page", "url": page}],
        "contact_details": contact,
        "relationships": [
            {"predicate_url": MEMBER_OF, "object_url": urls.space(space.id)}
            for space in directory.spaces_taken_part_in(org.id)
        ],
    }
    return {key: value for key, value in data.items() if value}


def profile_json(directory: Directory, org: Organization, urls: SiteUrls) -> str:
    return json.dumps(profile(directory, org, urls), ensure_ascii=False, indent=2) + "\n"
