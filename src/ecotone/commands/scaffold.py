"""Scaffold: `ecotone new`, a commented, valid starting file for a new entry.

It asks for the few values a file cannot do without (or takes them as options),
checks them against the directory, makes the file (`ecotone.starting_files`),
checks the result against its schema, and writes it only where no file exists
yet.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ecotone.commands.writing import write_file
from ecotone.load.directory import SLUG, Document, slugify
from ecotone.load.positions import Source
from ecotone.load.safe_yaml import parse
from ecotone.model import PLAYBOOK_KINDS, Directory
from ecotone.starting_files import NewFile, StartingFiles, Values, active_circles, handles
from ecotone.validate.rules.suggest import did_you_mean
from ecotone.validate.run import validate_directory
from ecotone.validate.schema import check_document

WHATS = ("organization", "collaboration", "information-sharing", "playbook")
_HANDLE = re.compile(r"^[A-Za-z0-9](-?[A-Za-z0-9]){0,38}$")
_DEFAULT_PLAYBOOK_TITLES = {
    "conflict-resolution": "Conflict resolution",
    "accountability": "Accountability",
}

Ask = Callable[[str], str]


class ScaffoldError(Exception):
    """Why no file was written. `usage` marks a value the user gave badly (exit 2);
    otherwise the directory is not ready for the new file (exit 1)."""

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


# -- the values a new file needs ---------------------------------------------


@dataclass(frozen=True)
class Question:
    """One value a new file needs: its option, how to ask for it, its default
    (computed from the answers before it) and its check."""

    key: str
    prompt: str
    check: Callable[[str, Values, Path, Directory], None]
    default: Callable[[Values], str | None] = lambda values: None
    choices: Callable[[Values, Directory], Sequence[str]] = lambda values, directory: ()

    @property
    def option(self) -> str:
        return "--" + self.key.replace("_", "-")


def _text(value: str, values: Values, root: Path, directory: Directory) -> None:
    if not value.strip():
        raise ScaffoldError("This cannot be empty.", usage=True)
    if "\n" in value:
        raise ScaffoldError("Write it on one line.", usage=True)


def _slug(value: str) -> None:
    if not SLUG.match(value):
        raise ScaffoldError(
            f"'{value}' is not a valid identifier: use lowercase letters a-z, digits and "
            f"single hyphens, such as '{slugify(value)}'.",
            usage=True,
        )


def _new_org(value: str, values: Values, root: Path, directory: Directory) -> None:
    _slug(value)
    _refuse_existing(root, f"partners/{value}/organization.yml")


def _host(value: str, values: Values, root: Path, directory: Directory) -> None:
    _slug(value)
    if directory.organization(value) is not None:
        return
    file = f"partners/{value}/organization.yml"
    if (root / file).is_file():
        raise ScaffoldError(f"{file} has problems; run `ecotone validate` and fix them first.")
    hint = did_you_mean(value, [org.id for org in directory.organizations])
    raise ScaffoldError(
        f"There is no organization '{value}' in the directory ({file} does not exist). "
        f"{hint + ' ' if hint else ''}To add it, run `ecotone new organization --org {value}` first."
    )


def _host_circle(value: str, values: Values, root: Path, directory: Directory) -> None:
    circles = active_circles(values, directory)
    if value not in circles:
        hint = did_you_mean(value, circles)
        raise ScaffoldError(
            f"{values['org']} has no active circle '{value}'. {hint + ' ' if hint else ''}"
            "Choose the hosting circle from: "
            f"{', '.join(circles)}; or add the circle to partners/{values['org']}/organization.yml first."
        )


def _entry_slug(section: str) -> Callable[[str, Values, Path, Directory], None]:
    def check(value: str, values: Values, root: Path, directory: Directory) -> None:
        _slug(value)
        _refuse_existing(root, f"partners/{values['org']}/{section}/{value}.yml")

    return check


def _maintainers(value: str, values: Values, root: Path, directory: Directory) -> None:
    given = handles(value)
    if not given:
        raise ScaffoldError("Give at least one GitHub handle.", usage=True)
    for handle in given:
        if not _HANDLE.match(handle):
            raise ScaffoldError(
                f"'{handle}' is not a GitHub handle: a user name such as 'ana-lopez'; "
                "separate several with spaces.",
                usage=True,
            )


def _playbook_kind(value: str, values: Values, root: Path, directory: Directory) -> None:
    if value not in PLAYBOOK_KINDS:
        raise ScaffoldError(f"The kind is one of: {', '.join(PLAYBOOK_KINDS)}.", usage=True)


def _refuse_existing(root: Path, file: str) -> None:
    if (root / file).exists():
        raise ScaffoldError(
            f"{file} already exists, and ecotone never overwrites a file. "
            "Edit that file instead, or choose another identifier."
        )


def _slugged(values: Values, key: str = "title") -> str | None:
    return slugify(values[key]) if values.get(key) else None


_HOST_QUESTIONS = (
    Question("org", "Hosting organization (its folder name under partners/)", _host),
    Question(
        "host_circle",
        "Hosting circle: the connection point",
        _host_circle,
        choices=active_circles,
    ),
    Question("title", "Title of the space", _text),
    Question("slug", "Identifier (its file name)", _entry_slug("spaces"), _slugged),
    Question("aim", "Aim: what the space exists to do", _text),
)

QUESTIONS: Mapping[str, tuple[Question, ...]] = {
    "organization": (
        Question("name", "Name of the organization", _text),
        Question("org", "Identifier (its folder name)", _new_org, lambda v: _slugged(v, "name")),
        Question("summary", "Summary: who you are and what you do, in a sentence or two", _text),
        Question(
            "maintainers", "GitHub handles of its maintainers (separated by spaces)", _maintainers
        ),
    ),
    "collaboration": (
        *_HOST_QUESTIONS,
        Question("domain", "Domain: what the members decide together", _text),
    ),
    "information-sharing": _HOST_QUESTIONS,
    "playbook": (
        Question("org", "Publishing organization (its folder name under partners/)", _host),
        Question("kind", "Kind", _playbook_kind, choices=lambda values, directory: PLAYBOOK_KINDS),
        Question(
            "title", "Title", _text, lambda v: _DEFAULT_PLAYBOOK_TITLES.get(v.get("kind", ""))
        ),
        Question("slug", "Identifier (its file name)", _entry_slug("playbooks"), _slugged),
    ),
}


def gather(
    what: str, given: Mapping[str, str | None], root: Path, directory: Directory, ask: Ask | None
) -> dict[str, str]:
    """Every value the file needs: given as options, or else asked for when `ask` is
    set (an interactive terminal), or else its default; checked one by one."""
    values: dict[str, str] = {}
    for question in QUESTIONS[what]:
        value = given.get(question.key) or question.default(values)
        if given.get(question.key) or ask is None:
            if value is None:
                raise ScaffoldError(_missing(what, question, values), usage=True)
            question.check(value, values, root, directory)
        else:
            value = _ask_until_valid(question, values, root, directory, ask)
        values[question.key] = value
    return values


def _missing(what: str, question: Question, values: Values) -> str:
    needed = [q.option for q in QUESTIONS[what] if q.key not in values and not q.default(values)]
    return (
        f"`ecotone new {what}` needs {', '.join(needed)} when it cannot ask "
        f"(stdin is not a terminal). {question.option}: {question.prompt}."
    )


def _ask_until_valid(
    question: Question, values: Values, root: Path, directory: Directory, ask: Ask
) -> str:
    default = question.default(values)
    choices = question.choices(values, directory)
    prompt = question.prompt
    prompt += f" (one of: {', '.join(choices)})" if choices else ""
    prompt += f" [{default}]" if default else ""
    while True:
        value = ask(f"{prompt}: ").strip() or default or ""
        try:
            question.check(value, values, root, directory)
            return value
        except ScaffoldError as error:
            print(f"  {error}")


# -- the file ------------------------------------------------------------------


def render(what: str, values: Values, directory: Directory, start: date) -> NewFile:
    """The starting file for `what` with `values`, checked against its schema."""
    new_file = StartingFiles().make(what, values, directory, start)
    source = Source(new_file.file, new_file.text)
    problems = check_document(Document(new_file.kind, new_file.entry_id, source, parse(source)))
    if problems:
        details = "; ".join(f"{p.field_text or 'the file'}: {p.message}" for p in problems)
        raise ScaffoldError(f"These values do not make a valid file: {details}", usage=True)
    return new_file


def write(root: Path, new_file: NewFile) -> Path:
    """Write the file, refusing to replace one that exists, however it got there."""
    if (root / new_file.file).exists():
        _refuse_existing(root, new_file.file)
    return write_file(root, new_file.file, new_file.text, replace=False)


def create(
    root: Path, what: str, given: Mapping[str, str | None], start: date, ask: Ask | None
) -> NewFile:
    """Gather the values, render the file and write it: the whole `ecotone new`."""
    directory = validate_directory(root, start).directory
    values = gather(what, given, root, directory, ask) | {"mode": what}
    new_file = render(what, values, directory, start)
    write(root, new_file)
    return new_file
