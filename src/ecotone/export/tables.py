"""CSV tables of organizations and spaces, for spreadsheets.

A spreadsheet treats a cell that starts with `=`, `+`, `-` or `@` (or a tab or
carriage return, which some strip before looking) as a formula, so a partner's
text could run as one on a reader's machine. Such cells are written with a
leading apostrophe, which spreadsheets show as text (OWASP's advice on CSV
injection). Lists go in one cell, separated by "; ".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from ecotone.export.urls import SiteUrls
from ecotone.model import Directory, Space, Standing

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

ORGANIZATION_COLUMNS = (
    "id",
    "name",
    "summary",
    "location",
    "website",
    "contact_email",
    "topics",
    "offers",
    "needs",
    "hosts",
    "participates_in",
    "page",
)

SPACE_COLUMNS = (
    "id",
    "title",
    "mode",
    "status",
    "level",
    "host",
    "host_circle",
    "topic",
    "aim",
    "topics",
    "term_start",
    "term_end",
    "ongoing",
    "review",
    "open_to_new_partners",
    "participants",
    "invited",
    "seeking",
    "page",
)


def safe_cell(value: object) -> str:
    """The cell's text, with a leading apostrophe if a spreadsheet would read it as
    a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def organizations_csv(directory: Directory, urls: SiteUrls) -> str:
    rows = (
        (
            org.id,
            org.name,
            org.summary,
            org.location,
            org.website,
            org.contact.email if org.contact else None,
            _list(org.topics),
            _list(item.title for item in org.offers),
            _list(item.title for item in org.needs),
            _list(space.id for space in directory.spaces_hosted_by(org.id)),
            _list(space.id for space, _ in directory.confirmed_participations(org.id)),
            urls.organization(org.id),
        )
        for org in directory.organizations
    )
    return _table(ORGANIZATION_COLUMNS, rows)


def spaces_csv(directory: Directory, urls: SiteUrls) -> str:
    rows = (
        (
            space.id,
            space.title,
            space.mode.value,
            space.status,
            space.level,
            space.host,
            space.host_circle,
            space.topic,
            space.aim,
            _list(space.topics),
            space.term.start.isoformat(),
            space.term.end.isoformat() if space.term.end else None,
            "yes" if space.term.ongoing else "no",
            space.term.review.isoformat() if space.term.review else None,
            "yes" if space.open_to_new_partners else "no",
            _participants(directory, space, Standing.CONFIRMED),
            _participants(directory, space, Standing.INVITED),
            _list(item.title for item in space.seeking),
            urls.space(space.id),
        )
        for space in directory.spaces
    )
    return _table(SPACE_COLUMNS, rows)


def _participants(directory: Directory, space: Space, standing: Standing) -> str:
    """The participating organizations of that standing, each once."""
    orgs = (p.organization for p in space.participants if directory.standing(space, p) is standing)
    return _list(dict.fromkeys(orgs))


def _list(items: Iterable[str]) -> str:
    return "; ".join(items)


def _table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue()
