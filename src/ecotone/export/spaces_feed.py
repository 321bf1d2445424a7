"""An Atom feed (RFC 4287) of new and changed spaces, newest change first.

Each space is an entry dated by `ecotone.analysis.history`: git's first and latest
commit of its file, or the dates in its own data. The feed's `updated` is its
newest entry's, so the feed changes only when the data does. Written with
ElementTree, which escapes text and attributes; characters XML 1.0 cannot
carry (control characters a YAML escape could produce) become U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from datetime import UTC, datetime

from ecotone.analysis.history import Dates
from ecotone.export.tags import tag_uri
from ecotone.export.urls import SiteUrls
from ecotone.model import Directory, Space
from ecotone.wording import label

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feeds/spaces.atom"
MAX_ENTRIES = 50
_EMPTY_FEED_DATE = datetime(1970, 1, 1, tzinfo=UTC)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def spaces_feed(
    directory: Directory,
    dates: Mapping[str, Dates],
    urls: SiteUrls,
    site_name: str,
    authority: str,
) -> str:
    """The feed as XML text. `dates` holds every space's dates by id; the ids of the
    feed and its entries are `tag:` URIs under `authority`."""
    spaces = sorted(directory.spaces, key=lambda s: (dates[s.id].updated, s.id), reverse=True)
    spaces = spaces[:MAX_ENTRIES]
    feed = ET.Element("feed", xmlns=ATOM)
    _text(feed, "id", tag_uri(authority, "feeds/spaces"))
    _text(feed, "title", f"{site_name}: new and changed spaces")
    _text(feed, "subtitle", "Spaces where organizations meet, newest change first.")
    ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=urls.page(FEED_PATH))
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=urls.page("marketplace/"))
    newest = dates[spaces[0].id].updated if spaces else _EMPTY_FEED_DATE
    _text(feed, "updated", _timestamp(newest))
    _text(ET.SubElement(feed, "author"), "name", site_name)
    _text(feed, "generator", "Ecotone")
    for space in spaces:
        _entry(feed, directory, space, dates[space.id], urls, authority)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"


def _entry(
    feed: ET.Element,
    directory: Directory,
    space: Space,
    dates: Dates,
    urls: SiteUrls,
    authority: str,
) -> None:
    page = urls.space(space.id)
    entry = ET.SubElement(feed, "entry")
    _text(entry, "id", tag_uri(authority, f"spaces/{space.id}"))
    _text(entry, "title", space.title)
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=page)
    _text(entry, "published", _timestamp(dates.published))
    _text(entry, "updated", _timestamp(dates.updated))
    author = ET.SubElement(entry, "author")
    _text(author, "name", directory.display_name(space.host))
    _text(author, "uri", urls.organization(space.host))
    for term, title in (
        (space.mode.value, label(space.mode.value)),
        (space.status, label(space.status)),
        *((topic, topic) for topic in space.topics),
    ):
        ET.SubElement(entry, "category", term=_clean(term), label=_clean(title))
    summary = f"{label(space.mode.value)}, {space.status}. {space.aim}"
    _text(entry, "summary", summary)


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = _clean(text)
    return element


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
