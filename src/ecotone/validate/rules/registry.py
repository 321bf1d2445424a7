"""Checks: a rule that inspects the model has a check function, registered with its
rule by `@check`. (The rule itself, code, severity and texts, is declared in
`ecotone.problems`, which the loader shares.)"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ecotone.problems import Family, FieldPath, Reach, Severity, define

if TYPE_CHECKING:
    from datetime import date

    from ecotone.load.positions import Source
    from ecotone.model import Directory


@dataclass(frozen=True)
class Finding:
    """What a check function reports: where, and the values its rule's texts need."""

    source: Source
    field: FieldPath
    values: dict[str, Any] = field(default_factory=dict)


Check = Callable[["Directory", "date"], Iterator[Finding]]


def check(
    code: str,
    title: str,
    message: str,
    hint: str = "",
    *,
    severity: Severity,
    family: Family,
    since: str,
    reach: Reach = Reach.LINKED,
) -> Callable[[Check], Check]:
    """Register the decorated function as the check of a rule; its docstring is the
    rule's documentation entry. `reach` says which entries its findings depend on."""

    def register(function: Check) -> Check:
        explanation = function.__doc__ or ""
        define(
            code,
            title,
            message,
            hint,
            explanation,
            severity=severity,
            family=family,
            since=since,
            check=function,
            reach=reach,
        )
        return function

    return register
