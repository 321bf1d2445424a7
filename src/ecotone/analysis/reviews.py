"""Reviews and terms: the dates on which spaces fall due, across the directory.

A running space (any status but concluded) has up to two such dates: its
review date, when the members look at the space and its agreements again, and
the end of its term. Each is overdue once `today` has passed it, upcoming
within the next `UPCOMING_DAYS`, and later after that. `today` is always a
parameter, never the clock, so that the same data and date give the same page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from ecotone.model import Directory, Space

UPCOMING_DAYS = 90


class DueKind(StrEnum):
    REVIEW = "review"
    TERM_END = "term-end"


@dataclass(frozen=True)
class Due:
    """One date a space falls due."""

    space: Space
    kind: DueKind
    date: date


@dataclass(frozen=True)
class Agenda:
    """Every due date of the running spaces, soonest first: overdue, upcoming within
    `UPCOMING_DAYS` of today (today included), then later."""

    today: date
    overdue: tuple[Due, ...]
    upcoming: tuple[Due, ...]
    later: tuple[Due, ...]

    @property
    def every(self) -> tuple[Due, ...]:
        """Every due date, soonest first (as `due_dates` orders them)."""
        return self.overdue + self.upcoming + self.later

    def days(self, due: Due) -> int:
        """Days from today to the date; negative when it is overdue."""
        return (due.date - self.today).days


def due_dates(directory: Directory) -> tuple[Due, ...]:
    """The review dates and term ends of every running space, soonest first, then by
    space and kind."""
    found = [due for space in directory.spaces for due in _space_dues(space)]
    return tuple(sorted(found, key=lambda due: (due.date, due.space.id, due.kind.value)))


def overdue(space: Space, today: date) -> tuple[Due, ...]:
    """The dates a running space has let pass by `today`: a review not held, a term
    ended. Its page says so; no build fails for it."""
    return tuple(due for due in _space_dues(space) if due.date < today)


def _space_dues(space: Space) -> tuple[Due, ...]:
    if not space.is_running:
        return ()
    dates = ((DueKind.REVIEW, space.term.review), (DueKind.TERM_END, space.term.end))
    return tuple(Due(space, kind, day) for kind, day in dates if day is not None)


def agenda(directory: Directory, today: date) -> Agenda:
    dues = due_dates(directory)
    horizon = today + timedelta(days=UPCOMING_DAYS)
    return Agenda(
        today=today,
        overdue=tuple(d for d in dues if d.date < today),
        upcoming=tuple(d for d in dues if today <= d.date <= horizon),
        later=tuple(d for d in dues if d.date > horizon),
    )
