"""Identifiers that survive a move of the site: RFC 4151 `tag:` URIs, minted
under an authority (a domain name or an email address) and a date on which it
was held, such as `tag:example.org,2026:spaces/alpha/lab`. Atom (RFC 4287
section 4.2.6) asks that an entry's id never change when the site relocates;
an address under `site_url` would."""

from __future__ import annotations

import re

# A domain name or an email address, a comma, and a date: YYYY, YYYY-MM or YYYY-MM-DD.
TAG_AUTHORITY = re.compile(
    r"^([^@\s,:]+@)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+"
    r",[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
)
# The date of the default authority (the site's host), the year Ecotone began
# minting these ids.
DEFAULT_TAG_YEAR = "2026"


def tag_uri(authority: str, specific: str) -> str:
    """The `tag:` URI of `specific` (such as `spaces/alpha/lab`) under `authority`."""
    return f"tag:{authority}:{specific}"
