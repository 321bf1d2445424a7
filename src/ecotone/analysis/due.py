"""What falls due soon, per organization: the reminders its maintainers get.

A space's review date and the end of its term fall due on a date; within a
window before it (45 days by default, like a registry's renewal window), and
after it until someone acts, the hosting organization's maintainers are the
people to ask. Each date comes with the one line to change in the space's file
that renews it. `today` is a parameter, never the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ecotone.analysis.reviews import Due, DueKind, due_dates
from ecotone.model import Directory

WINDOW_DAYS = 45


@dataclass(frozen=True)
class DueItem:
    """One date of one space: days from today to it (negative once it has passed),
    where it is written, and the edit that renews it."""

    due: Due
    days: int
    file: str
    line: int
    change: str

    @property
    def overdue(self) -> bool:
        return self.days < 0


@dataclass(frozen=True)
class OrganizationDue:
    """Everything one organization hosts that falls due, soonest first."""

    organization: str
    maintainers: tuple[str, ...]
    items: tuple[DueItem, ...]


def due_within(
    directory: Directory, today: date, days: int = WINDOW_DAYS
) -> tuple[OrganizationDue, ...]:
    """Per hosting organization (by id), the dates that have passed or fall within
    `days` of `today`; organizations with nothing due are left out."""
    horizon = today + timedelta(days=days)
    by_host: dict[str, list[DueItem]] = {}
    for due in due_dates(directory):
        if due.date <= horizon:
            by_host.setdefault(due.space.host, []).append(_item(due, today))
    found = []
    for host, items in sorted(by_host.items()):
        organization = directory.organization(host)
        maintainers = organization.maintainers if organization else ()
        found.append(OrganizationDue(host, maintainers, tuple(items)))
    return tuple(found)


def _item(due: Due, today: date) -> DueItem:
    space = due.space
    field = "review" if due.kind is DueKind.REVIEW else "end"
    line, _ = space.source.locate(("term", field))
    return DueItem(due, (due.date - today).days, space.source.file, line, _renewal(due, today))


def _renewal(due: Due, today: date) -> str:
    """The line that renews the date: the same day of a later year that is still
    ahead (a review stays within the term). A term can also end: `status: concluded`."""
    later = _next_anniversary(due.date, today)
    if due.kind is DueKind.TERM_END:
        return f"end: {later.isoformat()}"
    end = due.space.term.end
    if end is not None and later > end:
        later = end
    return f"review: {later.isoformat()}"


def _next_anniversary(day: date, today: date) -> date:
    years = 1
    while True:
        try:
            later = day.replace(year=day.year + years)
        except ValueError:  # 29 February in a year that has none
            later = date(day.year + years, 2, 28)
        if later > today:
            return later
        years += 1
