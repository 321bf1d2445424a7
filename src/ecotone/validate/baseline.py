"""A change judged against its base: only the problems it brings fail it.

A pull request is checked against the branch it goes into. A problem the base
already had (another organization's warning, a duplicate two partners have
yet to settle) is no fault of the change: it is still reported, as a notice
that says so, and fails nothing. A problem the change brings, in any file
(an edit to one file can break a reference in another), keeps its severity.
Problems are matched by rule, file, field and message, not by line, since an
edit above a problem moves it without changing it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

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
