"""The JSON Schemas as the site publishes them, each with its own address as `$id`.

The packaged schemas carry ids under `https://ecotone.invalid/` (a name no one can
register, RFC 6761), for our own validation. A published copy says where it is
(`<site_url>schemas/space.schema.json`), so a standard validator resolves its
relative `$ref`s (`common.schema.json#/$defs/line`) on the same site.
"""

from __future__ import annotations

import json

from ecotone.export.urls import SiteUrls


def published_schema(shipped: bytes, path: str, urls: SiteUrls) -> str:
    """A schema as shipped in the package, as JSON text for the site's `path`, its
    `$id` that page's address."""
    document = json.loads(shipped.decode("utf-8"))
    document["$id"] = urls.page(path)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
