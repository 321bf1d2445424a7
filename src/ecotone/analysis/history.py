"""History: when each entry was first published and last changed, from the files'
git dates (read once by the caller, with `analysis.git.git_file_dates`) or the
entries' own data.

From git when the directory is a full git checkout: one `git log` over
`partners/` along the first-parent history of the checked-out branch (main,
where pull requests land) gives every file's first and latest change. A date
there is when a change reached the branch, set by whoever merged it: the
commits inside a pull request, whose dates their author sets freely (2099 would
pin an entry to the top of the feed), are not read. A first-parent commit is
never dated later than the one after it, and no date is later than the build's
day. Otherwise, and for a file git does not know yet, from the entry's own
data: its `history:` dates, else (a space) its term's start, likewise never
later than the build's day. Never from the clock, so that building the same
data twice gives the same feeds.

A shallow clone (CI's default checkout) is treated as no git history at all:
its single commit would date every file the same day. Deploy workflows should
check out the full history (`fetch-depth: 0`) for the feed to show real dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from ecotone.model import Directory, Playbook, Space


@dataclass(frozen=True)
class Dates:
    """When an entry was first published and when it last changed, in UTC."""

    published: datetime
    updated: datetime


def entry_dates(
    directory: Directory, file_dates: Mapping[str, Dates], today: date
) -> Mapping[str, Dates]:
    """The dates of every space and playbook, by id: from `file_dates` (git) where
    the file is known there, otherwise from the entry's data; none after `today`."""
    entries: Iterable[Space | Playbook] = (*directory.spaces, *directory.playbooks)
    last = datetime.combine(today, time(23, 59, 59), tzinfo=UTC)
    return {
        entry.id: _until(file_dates.get(entry.source.file) or _dates_from_data(entry), last)
        for entry in entries
    }


def _until(dates: Dates, last: datetime) -> Dates:
    return Dates(published=min(dates.published, last), updated=min(dates.updated, last))


def _dates_from_data(entry: Space | Playbook) -> Dates:
    days = [item.date for item in entry.history]
    if not days:
        days = [entry.term.start] if isinstance(entry, Space) else [_EPOCH]
    return Dates(published=_midnight(min(days)), updated=_midnight(max(days)))


_EPOCH = date(1970, 1, 1)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)
