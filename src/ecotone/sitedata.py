"""Site data, the stage between the model and rendering: everything the pages and
exports show that is derived rather than written, computed once per build.

Rendering is a pure function of this data: it reads no file, runs no process and
parses no YAML. The caller reads what comes from outside the directory's data,
the entries' dates from git, once, before the build, and passes it in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ecotone.analysis.consent import Seat
from ecotone.analysis.history import Dates, entry_dates
from ecotone.analysis.matchmaking import Suggestion, all_suggestions
from ecotone.analysis.membership import Joining, SeatHistory, joinings
from ecotone.model import Directory
from ecotone.problems import Example, Rule
from ecotone.validate.report import as_text
from ecotone.validate.rules.catalogue import all_rules, rule_examples, sample_problem


@dataclass(frozen=True)
class SiteData:
    directory: Directory
    today: date  # what expiry, reviews and the agenda are measured against
    dates: Mapping[str, Dates]  # each space's and playbook's first and latest change
    suggestions: Mapping[str, tuple[Suggestion, ...]]  # each organization's, strongest first
    rules: tuple[Rule, ...]  # the rule catalogue, ordered by code
    rule_examples: Mapping[str, Example]  # each rule's wrong and right example, by code
    sample_report: str  # a problem as `ecotone validate` prints it
    joinings: Mapping[
        Seat, Joining
    ]  # since when each collaboration's member is one, by whose consent


def site_data(
    directory: Directory,
    today: date,
    file_dates: Mapping[str, Dates],
    seats: Mapping[Seat, SeatHistory] | None = None,
) -> SiteData:
    """The site data of a validated directory at `today`; `file_dates` are the
    entry files' dates from git (`analysis.git.git_file_dates`), or {}, and
    `seats` what main's history says of each seat (`analysis.membership.seat_history`)."""
    return SiteData(
        directory=directory,
        today=today,
        dates=entry_dates(directory, file_dates, today),
        suggestions=all_suggestions(directory),
        rules=tuple(all_rules()),
        rule_examples=rule_examples(),
        sample_report=as_text([sample_problem()]),
        joinings=joinings(directory, seats or {}),
    )
