"""Git, read by the loader: the organization folders renamed in the branch's
first-parent history, which the rules about former identifiers need. The one module
of the loader that runs a process."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_RENAMED = re.compile(
    r"^R\d*\tpartners/([^/]+)/organization\.yml\tpartners/([^/]+)/organization\.yml$"
)


@dataclass(frozen=True)
class FolderHistory:
    """What the branch's first-parent history up to `commit` says of the organization
    folders: each organization's earlier folder names, by its identifier now."""

    commit: str
    renames: Mapping[str, frozenset[str]]

    def to_plain(self) -> tuple[str, dict[str, list[str]]]:
        return self.commit, {org: sorted(names) for org, names in self.renames.items()}

    @classmethod
    def from_plain(cls, plain: object) -> FolderHistory | None:
        """The history `to_plain` gave; None for anything else."""
        try:
            commit, renames = plain  # type: ignore[misc]
            earlier = {org: frozenset(names) for org, names in renames.items()}
        except (TypeError, ValueError, AttributeError):
            return None
        return cls(commit, earlier) if isinstance(commit, str) else None


def folder_history(root: Path, known: FolderHistory | None = None) -> FolderHistory | None:
    """Every organization's earlier folder names, by its identifier now, at the commit
    checked out: the folders its profile was moved from, in one commit of the branch's
    first-parent history (a merge counts as the one commit it brings), one rename after
    another. None when `root` is not in a full git checkout: nothing is known then.

    Where `known` was read at that commit, it is the answer; where at an earlier commit
    of the same first-parent history, only the commits since are read (a history of
    thousands of commits takes half a second to read whole)."""
    return start_folder_history(root, known)()


def start_folder_history(
    root: Path, known: FolderHistory | None = None
) -> Callable[[], FolderHistory | None]:
    """`folder_history`, whose `git log` goes on in its own process while the caller
    works (a cold validation loads the files meanwhile); the function returned waits
    for it, and gives the history."""
    options = ("--diff-merges=first-parent", "--format=", "--name-status", "-M", "--relative")
    log = _start_log(root, known.commit if known else None, options, ("partners",))
    if log is None:
        return lambda: None

    @cache
    def history() -> FolderHistory | None:
        text = log.text()
        return None if text is None else _read_on(known if log.reads_on else None, log.head, text)

    return history


def _read_on(since: FolderHistory | None, head: str, log: str) -> FolderHistory:
    """The history at `head`: `since`'s, and the renames `log` lists, oldest first."""
    if since is not None and since.commit == head:
        return since
    earlier = dict(since.renames) if since else {}
    for line in log.split("\n"):
        renamed = _RENAMED.match(line)
        if renamed and renamed.group(1) != renamed.group(2):
            old, new = renamed.groups()
            earlier[new] = earlier.get(new, frozenset()) | earlier.pop(old, frozenset()) | {old}
    return FolderHistory(head, earlier)


@dataclass(frozen=True)
class KeptLog:
    """A `git log` of the branch's first-parent history up to `commit`, oldest commit
    first, as git wrote it."""

    commit: str
    text: str

    def to_plain(self) -> tuple[str, str]:
        return self.commit, self.text

    @classmethod
    def from_plain(cls, plain: object) -> KeptLog | None:
        """The log `to_plain` gave; None for anything else."""
        match plain:
            case (str(commit), str(text)):
                return cls(commit, text)
        return None


def first_parent_log(
    root: Path, options: tuple[str, ...], paths: tuple[str, ...], known: KeptLog | None
) -> KeptLog | None:
    """`git log --first-parent --reverse` with `options`, of the commits that touch
    `paths`, up to the commit checked out; None outside a full git checkout. From
    `known`, read with the same options at an earlier commit of the same history,
    only the commits since are read: each commit's part of a log is its own."""
    log = _start_log(root, known.commit if known else None, options, paths)
    text = log.text() if log is not None else None
    if log is None or text is None:
        return None
    return KeptLog(log.head, (known.text if known and log.reads_on else "") + text)


@dataclass(frozen=True)
class _Log:
    """A first-parent log being read up to `head`: only the commits after the one read
    before where it `reads_on` from there, else the whole history. `text` waits for it."""

    head: str
    reads_on: bool
    text: Callable[[], str | None]


def _start_log(
    root: Path, known: str | None, options: tuple[str, ...], paths: tuple[str, ...]
) -> _Log | None:
    """The log of the commits touching `paths` up to the commit checked out, oldest
    first, read on from the commit `known` (a log read before) where the branch's
    first-parent history holds it; None outside a full git checkout."""
    head = _full_checkout_head(root)
    if head is None:
        return None
    if head == known:
        return _Log(head, True, lambda: "")
    reads_on = known is not None and _extends(root, known, head)
    revisions = f"{known}..{head}" if reads_on else head
    arguments = ("log", "--first-parent", "--reverse", *options, revisions, "--", *paths)
    return _Log(head, reads_on, started_git(root, *arguments))


def branch_state(root: Path) -> str | None:
    """The commit checked out and whether the history is shallow: what every reading
    of the history here depends on. None when `root` is not in a git checkout."""
    return git_output(root, "rev-parse", "HEAD", "--is-shallow-repository")


def _full_checkout_head(root: Path) -> str | None:
    """The commit checked out, where `root` is in a git checkout of full history."""
    state = (branch_state(root) or "").split()
    return state[0] if state[1:] == ["false"] else None


def _extends(root: Path, commit: str, head: str) -> bool:
    """Whether `commit` is on `head`'s first-parent history, before it: the first parent
    of the oldest commit of that history that `commit` does not reach."""
    listed = git_output(root, "log", "--first-parent", "--format=%P", f"{commit}..{head}")
    parents = listed.split("\n")[-2].split() if listed else []
    return parents[:1] == [commit]


def git_output(root: Path, *arguments: str) -> str | None:
    """The output of a git command run in `root`, or None when git is missing or fails."""
    output = git_bytes(root, *arguments)
    return output.decode("utf-8", "replace") if output is not None else None


def git_bytes(root: Path, *arguments: str, given: bytes | None = None) -> bytes | None:
    """The output of a git command run in `root`, `given` on its standard input, as
    bytes; None when git is missing or fails."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *arguments],
            input=given,
            capture_output=True,
            check=False,
            env={**os.environ, "LC_ALL": "C"},
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def started_git(root: Path, *arguments: str) -> Callable[[], str | None]:
    """A git command started in `root`, its output written to a temporary file (into a
    pipe, it would stop once the pipe is full, until read). The function returned
    waits for it and gives its output, or None when git is missing or fails."""
    output = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the function returned)
    try:
        process = subprocess.Popen(
            ["git", "-C", str(root), *arguments],
            stdout=output,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "LC_ALL": "C"},
        )
    except OSError:
        output.close()
        return lambda: None

    @cache
    def finished() -> str | None:
        with output:
            if process.wait() != 0:
                return None
            output.seek(0)
            return output.read().decode("utf-8", "replace")

    return finished
