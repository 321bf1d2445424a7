"""Git: the dates of the directory's files, from one `git log` of the branch's
first-parent history. The caller reads them once per build, before the site data
is computed (see `analysis.history` for how the dates are read; `load.git` runs
git, and reads the organization folders renamed, which validation needs)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time
from pathlib import Path

from ecotone.analysis.history import Dates
from ecotone.load.git import KeptLog, first_parent_log
from ecotone.validate.cache import remember, remembered

_COMMIT_MARK = "commit-date "


def git_file_dates(root: Path, today: date) -> Mapping[str, Dates]:
    """First and latest commit dates of every file under `root/partners/`, by path
    relative to `root` (see `reached_branch`); empty when `root` is not in a full git
    checkout."""
    options = (
        "--diff-merges=first-parent",  # a merge's files: what it brought to the branch
        f"--format={_COMMIT_MARK}%cI",
        "--name-only",
        "--no-renames",
        "--relative",
    )
    log = kept_log(root, "dates-log", options)
    if log is None:
        return {}
    lines = log.split("\n")  # oldest commit first
    stamps = [line[len(_COMMIT_MARK) :] for line in lines if line.startswith(_COMMIT_MARK)]
    moments = reversed(reached_branch(reversed(stamps), today))
    found: dict[str, Dates] = {}
    when: datetime | None = None
    for line in lines:
        if line.startswith(_COMMIT_MARK):
            when = next(moments)
        elif line and when is not None:
            first = found.get(line)
            found[line] = Dates(published=first.published if first else when, updated=when)
    return found


def kept_log(root: Path, name: str, options: tuple[str, ...]) -> str | None:
    """The first-parent history's log with `options` of the commits that touch
    `partners/`, oldest commit first (`load.git.first_parent_log`), kept beside the
    validation cache under `name` so that the next build reads only the commits since;
    None outside a full git checkout."""
    known = KeptLog.from_plain(remembered(root, name))
    log = first_parent_log(root, options, ("partners",), known)
    if log is not None and log != known:
        remember(root, name, log.to_plain())
    return log.text if log is not None else None


def reached_branch(stamps: Iterable[str], today: date) -> list[datetime]:
    """First-parent commits' committer dates (ISO 8601, newest first) as the moments
    they can have reached the branch: no later than the commit after them, nor than
    the end of `today`. A pull request's author sets its commits' dates freely; a
    merge's date is the branch's own, and bounds every commit before it."""
    last = datetime.combine(today, time(23, 59, 59), tzinfo=UTC)
    moments = []
    for stamp in stamps:
        last = min(datetime.fromisoformat(stamp).astimezone(UTC), last)
        moments.append(last)
    return moments
