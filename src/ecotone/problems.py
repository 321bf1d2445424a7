"""What validation finds: a problem with a place, a message and a fix, and the rule
that declares it. Both live here, below the loader and the validators, because
both stages report problems."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

FieldPath = tuple[str | int, ...]
# A problem as plain data, which marshal writes (the validation cache, a forked copy).
PlainProblem = tuple[str, int, int, str, str, str, FieldPath, str]


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

    def to_plain(self) -> PlainProblem:
        return (
            self.file,
            self.line,
            self.column,
            self.code,
            self.severity.value,
            self.message,
            self.field,
            self.hint,
        )

    @classmethod
    def from_plain(cls, plain: PlainProblem) -> Problem:
        """The problem `to_plain` gave (marshal gives its field path back as a list)."""
        file, line, column, code, severity, message, field, hint = plain
        return cls(file, line, column, code, Severity(severity), message, tuple(field), hint)

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
    def sort_key(self) -> tuple[str, int, int, str, str, str, str]:
        """Reading order: by file, then position, then code; the rest only orders
        problems found in another order (see ecotone.validate.incremental) as a
        run that finds them all at once does."""
        return (
            self.file,
            self.line,
            self.column,
            self.code,
            self.message,
            self.field_text,
            self.hint,
        )


def dotted(field: FieldPath) -> str:
    """A field path as an author reads it: `circles.training.parent`, `participants[1].circle`."""
    text = ""
    for part in field:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class Family(StrEnum):
    """What a rule looks at. The rule reference groups rules by family, in this order."""

    FILES = "files"
    FIELDS = "fields"
    CIRCLES = "circles"
    REFERENCES = "references"
    SPACES = "spaces"
    DATES_AND_DUPLICATES = "dates-and-duplicates"
    FEDERATION = "federation"

    @property
    def title(self) -> str:
        return _FAMILY_TEXTS[self][0]

    @property
    def intro(self) -> str:
        """A sentence for the rule reference, in Markdown."""
        return _FAMILY_TEXTS[self][1]


_FAMILY_TEXTS = {
    Family.FILES: (
        "Files",
        "Checked while a file is read: where it sits, its encoding, safe YAML.",
    ),
    Family.FIELDS: (
        "Fields",
        "Checked for each file against its schema; the [field reference](fields.md) "
        "lists every field.",
    ),
    Family.CIRCLES: (
        "Circles",
        "Each organization's circles form one tree, with dissolved circles handed on.",
    ),
    Family.REFERENCES: (
        "References and participation",
        "Names of organizations, circles, spaces and playbooks point at entries that exist, "
        "and participation is mutual.",
    ),
    Family.SPACES: ("Spaces", "Terms, the direction of sharing, commitments and budgets."),
    Family.DATES_AND_DUPLICATES: (
        "Dates and likely duplicates",
        "Notices for terms and reviews past their date, which never fail a check "
        "(time passing breaks nothing), and warnings for entries that look alike.",
    ),
    Family.FEDERATION: (
        "Federation",
        "The directories named in `ecotone.yml`, and the committed snapshots of what they publish.",
    ),
}


class Reach(StrEnum):
    """What a rule's findings on an organization's files depend on, so that a run
    after an edit checks again only the organizations the edit can concern."""

    # The organization's own entries, and those of the organizations its entries
    # name or that name its entries: a rule of this reach checks the entries of
    # `directory.checked_*` and looks any other up.
    LINKED = "linked"
    # Every organization's profile, and nothing else: the rule compares each with all
    # the others, so what it found holds while no profile changes.
    ORGANIZATIONS = "organizations"
    # Every space's file, and nothing else, likewise.
    SPACES = "spaces"
    # Every entry of the directory: the rule compares each with all the others.
    DIRECTORY = "directory"

    @property
    def compares_all(self) -> bool:
        return self is not Reach.LINKED


@dataclass(frozen=True)
class Rule:
    """A rule of the catalogue. Its code is stable and public; its severity is its
    own field, so that a warning can become an error without changing its code."""

    code: str
    severity: Severity
    family: Family
    title: str
    message: str
    hint: str  # the fix: a concrete edit
    explanation: str
    since: str  # the Ecotone version that added the rule
    # A rule that inspects the model: `(directory, today) -> Iterator[Finding]`.
    check: Callable[..., Any] | None = None
    reach: Reach = Reach.LINKED

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
    *,
    severity: Severity,
    family: Family,
    since: str,
    check: Callable[..., Any] | None = None,
    reach: Reach = Reach.LINKED,
) -> Rule:
    """Register a rule in the catalogue."""
    if code in REGISTRY:
        raise ValueError(f"rule {code} is defined twice")
    explanation = " ".join(explanation.split())
    rule = Rule(code, severity, family, title, message, hint, explanation, since, check, reach)
    REGISTRY[code] = rule
    return rule


@dataclass(frozen=True)
class Snippet:
    """A piece of one file as the rule reference shows it; `note` says what its text
    cannot show (a symbolic link, an empty folder, lines left out)."""

    file: str
    text: str
    note: str = ""


@dataclass(frozen=True)
class Example:
    """A rule's wrong and right versions of the same places."""

    wrong: tuple[Snippet, ...]
    right: tuple[Snippet, ...]
    note: str = ""
