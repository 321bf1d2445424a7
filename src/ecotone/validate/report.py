"""Render: problems as text for people, JSON for tools, annotations for GitHub."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from ecotone.problems import Problem, Severity

FORMATS = ("text", "json", "github")


def as_text(problems: Sequence[Problem]) -> str:
    """`file:line:column: E302 message` per problem, the field and fix indented below."""
    lines = []
    for p in problems:
        lines.append(f"{p.file}:{p.line}:{p.column}: {p.code} {p.severity.value}: {p.message}")
        if p.field:
            lines.append(f"    field: {p.field_text}")
        if p.hint:
            lines.append(f"    fix: {p.hint}")
    return "\n".join(lines)


def summary(problems: Sequence[Problem], files: int) -> str:
    if not problems:
        return f"{files} files checked: no problems."
    counts = Counter(p.severity for p in problems)
    parts = [_count(counts[s], s.value) for s in Severity if counts[s] or s is not Severity.NOTICE]
    return f"{files} files checked: {', '.join(parts)}."


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def as_json(problems: Sequence[Problem]) -> str:
    return json.dumps(
        [
            {
                "code": p.code,
                "severity": p.severity.value,
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "field": p.field_text,
                "message": p.message,
                "hint": p.hint,
            }
            for p in problems
        ],
        indent=2,
        ensure_ascii=False,
    )


def as_github(problems: Sequence[Problem]) -> str:
    """GitHub workflow commands: each problem becomes an annotation on its line,
    titled with its code and the field it is about."""
    return "\n".join(
        f"::{p.severity.value} file={_property(p.file)},line={p.line},col={p.column},"
        f"title={_property(_title(p))}::"
        f"{_message(p.message + (' Fix: ' + p.hint if p.hint else ''))}"
        for p in problems
    )


def _title(problem: Problem) -> str:
    return f"{problem.code} in {problem.field_text}" if problem.field else problem.code


def _message(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _message(text).replace(":", "%3A").replace(",", "%2C")
