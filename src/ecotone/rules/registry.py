"""The registry: a rule is a stable code, a severity, a message, a fix hint and a
documentation entry; a rule that inspects the model also has a check function."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ecotone.problems import FieldPath, Problem, Severity

if TYPE_CHECKING:
    from datetime import date

    from ecotone.load import Source
    from ecotone.model import Directory


@dataclass(frozen=True)
class Finding:
    """What a check function reports: where, and the values its rule's texts need."""

    source: Source
    field: FieldPath
    values: dict[str, Any] = field(default_factory=dict)


Check = Callable[["Directory", "date"], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str
    message: str
    hint: str
    explanation: str
    check: Check | None = None

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

    def problem(self, finding: Finding) -> Problem:
        line, column = finding.source.locate(finding.field)
        return self.at(finding.source.file, line, column, finding.field, **finding.values)


REGISTRY: dict[str, Rule] = {}


def define(
    code: str, title: str, message: str, hint: str, explanation: str, check: Check | None = None
) -> Rule:
    """Register a rule. The code's letter gives the severity: E error, W warning, N notice."""
    if code in REGISTRY:
        raise ValueError(f"rule {code} is defined twice")
    severity = {"E": Severity.ERROR, "W": Severity.WARNING, "N": Severity.NOTICE}[code[0]]
    rule = Rule(code, severity, title, message, hint, " ".join(explanation.split()), check)
    REGISTRY[code] = rule
    return rule


def check(code: str, title: str, message: str, hint: str = "") -> Callable[[Check], Check]:
    """Register the decorated function as the check of a rule; its docstring is the
    rule's documentation entry."""

    def register(function: Check) -> Check:
        define(code, title, message, hint, function.__doc__ or "", function)
        return function

    return register
