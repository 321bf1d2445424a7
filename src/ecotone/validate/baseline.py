"""A change judged against its base: only the problems it brings fail it.

A pull request is checked against the branch it goes into. A problem the base
already had (another organization's warning, a duplicate two partners have
yet to settle) is no fault of the change: it is still reported, as a notice
that says so, and fails nothing. A problem the change brings, in any file of
the folders it touches (an edit to one file can break a reference in another),
keeps its severity.
Problems are matched by rule, file, field and message, not by line, since an
edit above a problem moves it without changing it.

Nor does a change fail on a problem in a folder it does not touch: an
organization's folder is its own, reviewed by its own maintainers, so a problem
there that another organization's change brings about (a circle renamed that a
space of theirs names, a listing ended that they acknowledge, a look-alike
registered before) is theirs to act on. It is still reported, as a notice that
names who must act, and it fails the change that touches that folder. A change
to a file outside partners/ (a schema, the settings) can change what every
entry means: it is judged on the whole directory.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import replace

from ecotone.load.directory import is_at_or_under
from ecotone.model import Directory
from ecotone.problems import Problem, Severity

_Key = tuple[str, str, str, str]


def against_base(head: Sequence[Problem], base: Sequence[Problem], ref: str) -> tuple[Problem, ...]:
    """The head's problems, each one the base already had as a notice naming `ref`.
    A problem found twice in the head but once in the base is new once."""
    already = Counter(_key(problem) for problem in base)
    judged = []
    for problem in head:
        key = _key(problem)
        if already[key] and problem.severity is not Severity.NOTICE:
            already[key] -= 1
            problem = replace(
                problem,
                severity=Severity.NOTICE,
                message=f"{problem.message} (already so on {ref}: not this change's doing)",
            )
        judged.append(problem)
    return tuple(judged)


def _key(problem: Problem) -> _Key:
    return (problem.code, problem.file, problem.field_text, problem.message)


def beyond_the_change(
    problems: Sequence[Problem], touched: Collection[str], directory: Directory
) -> tuple[Problem, ...]:
    """The problems, each one in a folder that none of `touched` (files or folders,
    relative to the root) is in as a notice naming who must act. The folder of a
    file under partners/ is its organization's; any other file is its own. All of
    them as they are when `touched` holds a path outside partners/."""
    if not all(is_at_or_under(path, ["partners"]) for path in touched):
        return tuple(problems)
    folders = {_folder(path) for path in touched}
    judged = []
    for problem in problems:
        folder = _folder(problem.file)
        if (
            problem.severity is not Severity.NOTICE
            and folder not in folders
            and not is_at_or_under(problem.file, touched)
        ):
            problem = replace(
                problem,
                severity=Severity.NOTICE,
                message=f"{problem.message} (in {folder}, which this change does not touch: "
                f"for {_who_acts(folder, directory)} to act on, not this change)",
            )
        judged.append(problem)
    return tuple(judged)


_ORGANIZATION_FOLDER = re.compile(r"^partners/([^/]+)(/|$)")


def _folder(path: str) -> str:
    match = _ORGANIZATION_FOLDER.match(path)
    return f"partners/{match.group(1)}/" if match else path


def _who_acts(folder: str, directory: Directory) -> str:
    match = _ORGANIZATION_FOLDER.match(folder)
    if match is None:
        return "the stewards"
    org = directory.organization(match.group(1))
    if org is None:  # its profile does not validate
        return f"the maintainers of {folder}"
    return f"the maintainers of {org.name} ({', '.join(org.maintainers)})"
