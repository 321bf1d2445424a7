"""Git: the dates of the directory's files, from one `git log`. The one module of
the analyses that runs a process; the caller reads it once per build, before the
site data is computed (see `analysis.history` for how the dates are read)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from ecotone.analysis.history import Dates

_COMMIT_MARK = "commit-date "


def git_file_dates(root: Path) -> Mapping[str, Dates]:
    """First and latest commit dates of every file under `root/partners/`, by path
    relative to `root`; empty when `root` is not in a full git checkout."""
    if not _in_full_checkout(root):
        return {}
    log = _git(
        root,
        "log",
        "--first-parent",
        "--diff-merges=first-parent",  # a merge's files: what it brought to the branch
        f"--format={_COMMIT_MARK}%cI",
        "--name-only",
        "--no-renames",
        "--relative",
        "--",
        "partners",
    )
    if log is None:
        return {}
    found: dict[str, Dates] = {}
    when: datetime | None = None
    for line in log.split("\n"):  # newest commit first
        if line.startswith(_COMMIT_MARK):
            dated = datetime.fromisoformat(line[len(_COMMIT_MARK) :]).astimezone(UTC)
            when = dated if when is None else min(dated, when)
        elif line and when is not None:
            latest = found.get(line)
            found[line] = Dates(published=when, updated=latest.updated if latest else when)
    return found


def _in_full_checkout(root: Path) -> bool:
    return _git(root, "rev-parse", "--is-shallow-repository") == "false\n"


def _git(root: Path, *arguments: str) -> str | None:
    """The output of a git command run in `root`, or None when git is missing or fails."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *arguments],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "LC_ALL": "C"},
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None
