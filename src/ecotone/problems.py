"""What validation finds: a problem with a place, a message and a fix, and the rule
that declares it. Both live here, below the loader and the validators, because
both stages report problems."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

FieldPath = tuple[str | int, ...]


class Severity(StrEnum):
    """An error blocks; a warning fails only strict runs; a notice tells of a
    legitimate state worth knowing, such as an invitation not yet acknowledged."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True)
class Problem:
    """One finding, placed at `file:line:column` and at a field path inside the file."""

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    field: FieldPath = ()
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity is Severity.WARNING

    @property
    def field_text(self) -> str:
        return dotted(self.field)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Reading order: by file, then position, then code."""
        return (self.file, self.line, self.column, self.code, self.message)


def dotted(field: FieldPath) -> str:
    """A field path as an author reads it: `circles.training.parent`, `participants[1].circle`."""
    text = ""
    for part in field:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str
    message: str
    hint: str
    explanation: str
    # A rule that inspects the model: `(directory, today) -> Iterator[Finding]`.
    check: Callable[..., Any] | None = None

    def at(
        self, file: str, line: int, column: int, field: FieldPath = (), **values: Any
    ) -> Problem:
        """This rule's problem at a known place, its texts filled with `values`."""
        return Problem(
            file=file,
            line=line,
            column=column,
            code=self.code,
            severity=self.severity,
            message=self.message.format(**values),
            field=field,
            hint=self.hint.format(**values),
        )

    def problem(self, finding: Any) -> Problem:
        """This rule's problem at a check's `Finding`, placed by its source."""
        line, column = finding.source.locate(finding.field)
        return self.at(finding.source.file, line, column, finding.field, **finding.values)


REGISTRY: dict[str, Rule] = {}


def define(
    code: str,
    title: str,
    message: str,
    hint: str,
    explanation: str,
    check: Callable[..., Any] | None = None,
) -> Rule:
    """Register a rule. The code's letter gives the severity: E error, W warning, N notice."""
    if code in REGISTRY:
        raise ValueError(f"rule {code} is defined twice")
    severity = {"E": Severity.ERROR, "W": Severity.WARNING, "N": Severity.NOTICE}[code[0]]
    rule = Rule(code, severity, title, message, hint, " ".join(explanation.split()), check)
    REGISTRY[code] = rule
    return rule
