"""An iCalendar feed (RFC 5545) of the review dates and term ends of running
spaces, to subscribe to in a calendar.

Each date is an all-day event. Its UID, a `tag:` URI (`ecotone.export.tags`),
names the space and the kind of date,
so when a space moves its review date, calendars move the event instead of
adding a second one. DTSTAMP, which RFC 5545 requires, is the date the space's
entry last changed (from `ecotone.analysis.history`), never the time of the build.
Text values are escaped (backslash, semicolon, comma, line breaks) and lines
folded at 75 octets, as the RFC asks; characters it does not allow in text
(control characters) become U+FFFD.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, timedelta

from ecotone.analysis.history import Dates
from ecotone.analysis.reviews import Due, DueKind
from ecotone.export.tags import tag_uri
from ecotone.export.urls import SiteUrls
from ecotone.model import Directory
from ecotone.sitedata import SiteData

CALENDAR_PATH = "feeds/reviews.ics"
MAX_OCTETS = 75
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_SUMMARY = {DueKind.REVIEW: "Review", DueKind.TERM_END: "Term ends"}


def reviews_calendar(
    data: SiteData, urls: SiteUrls, site_name: str, authority: str
) -> Iterator[str]:
    """The calendar of the site data's agenda, as text with CRLF line ends, an event
    at a time (at 10,000 organizations it is 20 MB); the UIDs are `tag:` URIs under
    `authority`."""
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Ecotone//{_text(site_name)} reviews and terms//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(site_name)}: reviews and terms",
    ]
    yield _lines(head)
    for due in data.agenda.every:
        yield _lines(_event(data.directory, due, data.dates[due.space.id], urls, authority))
    yield _lines(["END:VCALENDAR"])


def _lines(lines: list[str]) -> str:
    return "".join(_fold(line) + "\r\n" for line in lines)


def _event(
    directory: Directory, due: Due, dates: Dates, urls: SiteUrls, authority: str
) -> list[str]:
    space = due.space
    page = urls.space(space.id)
    stamp = dates.updated.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    description = (
        f"{_SUMMARY[due.kind]} of {space.title}, hosted by {directory.display_name(space.host)}. "
        f"{page}"
    )
    return [
        "BEGIN:VEVENT",
        f"UID:{tag_uri(authority, f'{due.kind.value}/{space.id}')}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{due.date.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(due.date + timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{_text(_SUMMARY[due.kind] + ': ' + space.title)}",
        f"DESCRIPTION:{_text(description)}",
        f"URL;VALUE=URI:{page}",
        f"CATEGORIES:{_text(due.kind.value)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def _text(value: str) -> str:
    """A TEXT value, escaped as RFC 5545 section 3.3.11 says."""
    value = _CONTROL.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))
    for raw, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        value = value.replace(raw, escaped)
    return value


def _fold(line: str) -> str:
    """The line folded so that no line is longer than 75 octets (a continuation line
    starts with a space), never splitting a UTF-8 character."""
    octets = line.encode("utf-8")
    parts, start, limit = [], 0, MAX_OCTETS
    while len(octets) - start > limit:
        end = start + limit
        while octets[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        parts.append(octets[start:end])
        start, limit = end, MAX_OCTETS - 1
    parts.append(octets[start:])
    return b"\r\n ".join(parts).decode("utf-8")
