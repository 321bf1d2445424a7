"""Site data, the stage between the model and rendering: everything the pages and
exports show that is derived rather than written, computed once per build.

Rendering is a pure function of this data: it reads no file, runs no process and
parses no YAML. The caller reads what comes from outside the directory's data,
the entries' dates from git, once, before the build, and passes it in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from urllib.parse import quote

from ecotone.analysis.consent import Seat
from ecotone.analysis.history import Dates, entry_dates
from ecotone.analysis.matchmaking import Matchmaker, Suggestion, reason_text
from ecotone.analysis.membership import Joining, SeatHistory, joinings
from ecotone.analysis.principles import Check, Tally, checklist, tallies_of
from ecotone.analysis.reviews import Agenda, Due, agenda, overdue
from ecotone.model import STATUS_ORDER, Directory, Mode
from ecotone.package_files import PackageFiles, read_package_files
from ecotone.problems import Example, Rule
from ecotone.schema_files import Schemas, entry_schemas
from ecotone.starting_files import StartingFiles
from ecotone.validate.report import as_text
from ecotone.validate.rules.catalogue import all_rules, rule_examples, sample_problem


@dataclass(frozen=True)
class Statistics:
    """The directory's figures, for the home page."""

    organizations: int
    spaces: int
    by_mode: tuple[tuple[str, int], ...]
    by_status: tuple[tuple[str, int], ...]
    open_spaces: int
    principles_met: int
    principles_applicable: int

    @property
    def principles_percent(self) -> int:
        if not self.principles_applicable:
            return 0
        return round(100 * self.principles_met / self.principles_applicable)


@dataclass(frozen=True)
class Blank:
    """A starting file with its values left blank (`ecotone new`'s, checked by the
    pull request), which a proposal link opens on GitHub: where it goes, what it says."""

    file: str
    text: str
    quoted: str  # the text percent-encoded, for the link's address


# The blank files by (what, host): a new organization, by no host; a space of each
# mode by no host in particular, and by each organization, its circles listed.
Blanks = Mapping[tuple[str, str | None], Blank]
SPACE_MODES = ("collaboration", "information-sharing")
NO_BLANKS: Blanks = MappingProxyType({})


class Matchmaking:
    """Each organization's suggestions (strongest first), their reasons in words, or
    why it has none: found for an organization when a page first asks, then kept.
    A build's pages ask for every organization's; a rebuild of `mkdocs serve`, for
    those of the pages a reader opens."""

    def __init__(self, directory: Directory) -> None:
        self._directory = directory
        self._matchmaker = Matchmaker(directory)
        self._found: dict[str, tuple[Suggestion, ...]] = {}
        self._reasons: dict[tuple[str, str], tuple[str, ...]] = {}

    def suggestions(self, org_id: str) -> tuple[Suggestion, ...]:
        if org_id not in self._found:
            self._found[org_id] = self._matchmaker.suggestions(org_id)
        return self._found[org_id]

    def reasons(self, seeker: str, suggestion: Suggestion) -> tuple[str, ...]:
        """Each reason for the suggestion, as a visitor reads it."""
        key = seeker, suggestion.target
        if key not in self._reasons:
            self._reasons[key] = tuple(
                reason_text(reason, self._directory, seeker, suggestion.target)
                for reason in suggestion.reasons
            )
        return self._reasons[key]

    def no_match_reason(self, org_id: str) -> str:
        """Why the organization has no suggestion; empty when it has some."""
        if self.suggestions(org_id):
            return ""
        return self._matchmaker.no_suggestion_reason(org_id)


@dataclass(frozen=True)
class SiteData:
    directory: Directory
    today: date  # what expiry, reviews and the agenda are measured against
    dates: Mapping[str, Dates]  # each space's and playbook's first and latest change
    matchmaking: Matchmaking  # each organization's suggestions, and why
    rules: tuple[Rule, ...]  # the rule catalogue, ordered by code
    rule_examples: Mapping[str, Example]  # each rule's wrong and right example, by code
    sample_report: str  # a problem as `ecotone validate` prints it
    joinings: Mapping[
        Seat, Joining
    ]  # since when each collaboration's member is one, by whose consent
    checklists: Mapping[str, tuple[Check, ...]]  # each space's principles, by space id
    tallies: tuple[Tally, ...]  # for each principle, how many spaces meet it
    statistics: Statistics
    agenda: Agenda  # the running spaces' review dates and term ends at `today`
    overdue: Mapping[str, tuple[Due, ...]]  # what each space has let pass, by space id
    blanks: Blanks  # what the proposal links open; none for a site that proposes nothing
    schemas: Schemas  # the entry schemas, which the field reference and the pages describe
    package: PackageFiles  # the package's files the site publishes as they are


def site_data(
    directory: Directory,
    today: date,
    file_dates: Mapping[str, Dates],
    seats: Mapping[Seat, SeatHistory] | None = None,
    proposing: bool = False,
) -> SiteData:
    """The site data of a validated directory at `today`; `file_dates` are the
    entry files' dates from git (`analysis.git.git_file_dates`), or {}, and
    `seats` what main's history says of each seat (`analysis.membership.seat_history`).
    `proposing`: whether the site links proposals (it names a repository), so that
    the blank files those links open are made."""
    checklists = {space.id: checklist(directory, space) for space in directory.spaces}
    tallies = tallies_of(tuple(checklists.values()))
    return SiteData(
        directory=directory,
        today=today,
        dates=entry_dates(directory, file_dates, today),
        matchmaking=Matchmaking(directory),
        rules=tuple(all_rules()),
        rule_examples=rule_examples(),
        sample_report=as_text([sample_problem()]),
        joinings=joinings(directory, seats or {}),
        checklists=MappingProxyType(checklists),
        tallies=tallies,
        statistics=statistics(directory, tallies),
        agenda=agenda(directory, today),
        overdue=MappingProxyType({s.id: overdue(s, today) for s in directory.spaces}),
        blanks=proposal_blanks(directory) if proposing else NO_BLANKS,
        schemas=entry_schemas(),
        package=read_package_files(),
    )


def proposal_blanks(directory: Directory) -> Blanks:
    hosts = (None, *(org.id for org in directory.organizations))
    wanted = [("organization", None), *((mode, host) for host in hosts for mode in SPACE_MODES)]
    starting_files = StartingFiles()
    quoted_lines: dict[str, str] = {}  # the blanks differ in a few lines: each quoted once
    blanks = {}
    for what, host in wanted:
        made = starting_files.blank(what, directory, host)
        quoted = "".join(
            quoted_lines.get(line) or quoted_lines.setdefault(line, quote(line, safe=""))
            for line in made.text.splitlines(keepends=True)
        )
        blanks[what, host] = Blank(made.file, made.text, quoted)
    return MappingProxyType(blanks)


def statistics(directory: Directory, tallies: tuple[Tally, ...]) -> Statistics:
    modes = Counter(space.mode.value for space in directory.spaces)
    statuses = Counter(space.status for space in directory.spaces)
    return Statistics(
        organizations=len(directory.organizations),
        spaces=len(directory.spaces),
        by_mode=tuple((mode.value, modes[mode.value]) for mode in Mode),
        by_status=tuple((status, statuses[status]) for status in STATUS_ORDER),
        open_spaces=sum(1 for s in directory.spaces if s.open_to_new_partners and s.is_running),
        principles_met=sum(t.met for t in tallies),
        principles_applicable=sum(t.applicable for t in tallies),
    )
