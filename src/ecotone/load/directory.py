"""The directory walk: every entry file under `partners/`, in a stable order, with
the problems of misplaced files, symbolic links and identifiers that are not slugs."""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ecotone.load import rules
from ecotone.load.parallel import parse_all
from ecotone.load.positions import Source
from ecotone.load.safe_yaml import LoadError, parse, read_source
from ecotone.problems import FieldPath, Problem

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Kind(StrEnum):
    ORGANIZATION = "organization"
    SPACE = "space"
    PLAYBOOK = "playbook"


@dataclass(frozen=True)
class Document:
    """One loaded file: what kind of entry it is, its identifier and its plain data.
    A `known_clean` document's data comes from a previous run that parsed the same
    text and found it passing its schema (see ecotone.validate.cache)."""

    kind: Kind
    id: str
    source: Source
    data: object
    known_clean: bool = False


# What a previous run knows of a file of a kind with a text (see ecotone.validate.cache):
# the data the text parsed to and passed its schema with, and the places of its fields
# that problems asked for, if any; None when it knows nothing of it.
Known = tuple[object, dict[FieldPath, tuple[int, int]] | None]
KnownClean = Callable[[str, Source], Known | None]


def nothing_known(kind: str, source: Source) -> Known | None:
    """What a run without a cache knows of every file."""
    return None


@dataclass(frozen=True)
class Loaded:
    """What loading a directory yields: the documents, the problems, and the ids
    of entries that exist on disk but could not be read (so that references to
    them are not reported a second time)."""

    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]
    unreadable: frozenset[str] = field(default_factory=frozenset)


_SECTIONS = {"spaces": Kind.SPACE, "playbooks": Kind.PLAYBOOK}
_PROFILE = "organization.yml"


def load_directory(
    root: Path, leave_out: frozenset[str] = frozenset(), known: KnownClean = nothing_known
) -> Loaded:
    """Read every entry under `root/partners/`, collecting problems instead of stopping.
    Entries at or under the paths in `leave_out` (relative to `root`) are not read, as
    if they were not there; a text `known` to be clean is not parsed again."""
    problems: list[Problem] = []
    unreadable: set[str] = set()
    misplaced: list[Child] = []
    # Every file read, in order, with what is `known` of it; the others are parsed.
    read: list[tuple[Kind, str, Source, Known | None]] = []
    for kind, entry_id, path, file in _entries(root, problems, misplaced):
        if is_at_or_under(file, leave_out):
            continue
        try:
            source = read_source(path, file)
        except LoadError as error:
            problems.append(error.problem)
            unreadable.add(entry_id)
        except OSError as error:
            problems.append(rules.UNREADABLE.at(file, 1, 1, reason=_reason(error), path=file))
            unreadable.add(entry_id)
        else:
            read.append((kind, entry_id, source, known(kind, source)))
    parsed = iter(parse_all([source for _, _, source, earlier in read if earlier is None]))
    documents: list[Document] = []
    for kind, entry_id, source, earlier in read:
        if earlier is None:
            data = next(parsed)
        else:
            data, places = earlier
            if places is not None:
                source.know_places(places)
        if isinstance(data, LoadError):
            problems.append(data.problem)
            unreadable.add(entry_id)
        else:
            documents.append(Document(kind, entry_id, source, data, earlier is not None))
    if misplaced:
        hosts = _circle_holders(documents)
        problems.extend(_misplaced_problem(child, hosts) for child in misplaced)
    return Loaded(tuple(documents), tuple(problems), frozenset(unreadable))


def is_at_or_under(file: str, paths: Iterable[str]) -> bool:
    """True when `file` is one of `paths` or inside one of them (all relative to the root)."""
    return any(file == path or file.startswith(path.rstrip("/") + "/") for path in paths)


def _entries(
    root: Path, problems: list[Problem], misplaced: list[Child]
) -> Iterator[tuple[Kind, str, str, str]]:
    """Walk partners/ in a stable order, yielding (kind, id, path, file relative to the
    root) for every entry file, collecting what is not where an entry can be
    (`misplaced`) and reporting symbolic links and identifiers that are not slugs."""
    partners = Child(str(root / "partners"), "partners", is_folder=True, is_file=False)
    for org_dir in _listing(partners, problems) if os.path.isdir(partners.path) else []:
        profile = os.path.join(org_dir.path, _PROFILE)
        if not org_dir.is_folder or (
            not os.path.exists(profile) and _is_section_name(org_dir.name)
        ):
            misplaced.extend(_files_in(org_dir, problems))
            continue
        org = org_dir.name
        if not _slug_ok(org, org_dir.file, problems):
            continue
        children = _listing(org_dir, problems)
        if any(child.name == _PROFILE and child.is_file for child in children):
            yield Kind.ORGANIZATION, org, profile, f"{org_dir.file}/{_PROFILE}"
        elif not os.path.islink(profile):  # a link is reported as one by _listing
            problems.append(rules.MISSING_PROFILE.at(org_dir.file, 1, 1, org=org))
        for child in children:
            if child.name == _PROFILE:
                continue
            kind = _SECTIONS.get(child.name) if child.is_folder else None
            if kind is None:
                misplaced.append(child)
                continue
            for entry in _listing(child, problems):
                stem, suffix = os.path.splitext(entry.name)
                if suffix != ".yml" or not entry.is_file:
                    misplaced.append(entry)
                elif _slug_ok(stem, entry.file, problems):
                    yield kind, f"{org}/{stem}", entry.path, entry.file


def _files_in(child: Child, problems: list[Problem]) -> list[Child]:
    """A misplaced file, or the files of a misplaced folder, each to be moved on its
    own (an empty folder stands for itself)."""
    if not child.is_folder:
        return [child]
    found = [f for grandchild in _listing(child, problems) for f in _files_in(grandchild, problems)]
    return found or [child]


def _is_section_name(name: str) -> bool:
    """`spaces`, `space`, `Playbooks`: a folder meant as one of an organization's sections."""
    return _section_meant(name) is not None


def _section_meant(name: str) -> str | None:
    match = difflib.get_close_matches(name.lower(), list(_SECTIONS), n=1, cutoff=0.75)
    return match[0] if match else None


def _circle_holders(documents: list[Document]) -> dict[str, list[str]]:
    """Each circle identifier and the organizations that have a circle by that name,
    to tell where a space found outside any organization's folder belongs."""
    holders: dict[str, list[str]] = {}
    for document in documents:
        circles = document.data.get("circles") if isinstance(document.data, dict) else None
        if document.kind is Kind.ORGANIZATION and isinstance(circles, dict):
            for circle in circles:
                holders.setdefault(circle, []).append(document.id)
    return holders


def _misplaced_problem(child: Child, hosts: dict[str, list[str]]) -> Problem:
    """E112 for a file or folder that is not read, with the path where it belongs."""
    file = child.file
    parts = file.split("/")  # partners, the organization's folder, then the rest
    org = parts[1] if len(parts) > 2 and not _is_section_name(parts[1]) else None
    fix = _folder_fix(parts) if child.is_folder else _file_fix(Path(child.path), file, org, hosts)
    return rules.MISPLACED_FILE.at(file, 1, 1, why=_why(parts, org), fix=fix)


def _why(parts: list[str], org: str | None) -> str:
    """Why the file or folder at `parts` is not read."""
    if len(parts) == 4 and parts[2] in _SECTIONS:
        return f"only files ending in .yml are read in {'/'.join(parts[:3])}/, and no folders"
    if org:
        return f"only {_PROFILE}, spaces/ and playbooks/ are read in partners/{org}/"
    if len(parts) > 2:
        return (
            f"partners/{parts[1]}/ would be an organization's folder, but it has no "
            f"{_PROFILE}; spaces and playbooks go inside their organization's folder"
        )
    return "partners/ holds one folder per organization and nothing else"


def _folder_fix(parts: list[str]) -> str:
    meant = _section_meant(parts[-1])
    if len(parts) == 3 and meant:
        return f"Rename the folder to {'/'.join(parts[:2])}/{meant}/."
    if len(parts) == 2:
        return (
            f"Remove the folder partners/{parts[1]}/; an organization's spaces go in "
            "partners/<your-organization>/spaces/."
        )
    return f"Move the .yml files it holds into {'/'.join(parts[:3])}/, then remove the folder."


def _file_fix(path: Path, file: str, org: str | None, hosts: dict[str, list[str]]) -> str:
    """Where a misplaced file belongs, by what it holds: `Move it to partners/…`."""
    kind, data = _kind_by_content(path, file)
    parts = file.split("/")
    if kind is None and len(parts) == 4 and parts[2] in _SECTIONS:
        kind = _SECTIONS[parts[2]]  # in spaces/ or playbooks/, but not named .yml
    stem = slugify(path.name.split(".")[0])
    if kind is Kind.ORGANIZATION:
        return f"Move it to partners/{org or stem}/{_PROFILE}."
    if kind is None:
        owner = org or "<your-organization>"
        if path.suffix.lower() not in (".yml", ".yaml"):
            return "Remove it; only .yml files are read, and notes belong in an entry's fields."
        return (
            f"If it is a space, move it to partners/{owner}/spaces/{stem}.yml; if it is a "
            f"playbook, to partners/{owner}/playbooks/{stem}.yml."
        )
    section = "spaces" if kind is Kind.SPACE else "playbooks"
    owner = org or _host_of(data, hosts) or "<your-organization>"
    fix = f"Move it to partners/{owner}/{section}/{stem}.yml."
    if org is None:
        does = "hosts" if kind is Kind.SPACE else "publishes"
        fix += f" A {kind.value} lives in the folder of the organization that {does} it."
    return fix


def _kind_by_content(path: Path, file: str) -> tuple[Kind | None, object]:
    """What a misplaced file holds, told by its fields; None when it cannot be told."""
    if path.suffix.lower() not in (".yml", ".yaml"):
        return None, None
    try:
        data = parse(read_source(path, file))
    except LoadError:
        return None, None
    if not isinstance(data, dict):
        return None, data
    if "circles" in data or "maintainers" in data:
        return Kind.ORGANIZATION, data
    if "mode" in data or "host_circle" in data:
        return Kind.SPACE, data
    if "steps" in data or "kind" in data:
        return Kind.PLAYBOOK, data
    return None, data


def _host_of(space: object, hosts: dict[str, list[str]]) -> str | None:
    """The organization that has the space's hosting circle, when exactly one has."""
    circle = space.get("host_circle") if isinstance(space, dict) else None
    holders = hosts.get(circle, []) if isinstance(circle, str) else []
    return holders[0] if len(holders) == 1 else None


@dataclass(frozen=True)
class Child:
    """What a folder holds, told apart as the folder is listed, without asking the
    file system again for each file: its path, and the same relative to the root
    (with `/`, as problems name files). Plain strings, since the walk makes one for
    every file of the directory."""

    path: str
    file: str
    is_folder: bool
    is_file: bool

    @property
    def name(self) -> str:
        return self.file.rpartition("/")[2]


def _listing(folder: Child, problems: list[Problem]) -> list[Child]:
    """A folder's visible children, sorted; symbolic links are reported and skipped,
    so that no entry can point outside the directory."""
    children = []
    try:
        with os.scandir(folder.path) as entries:
            listed = sorted(entries, key=lambda entry: entry.name)
            for entry in listed:
                if entry.name.startswith("."):
                    continue
                file = f"{folder.file}/{entry.name}"
                if entry.is_symlink():
                    problems.append(rules.SYMLINK.at(file, 1, 1))
                else:
                    children.append(Child(entry.path, file, entry.is_dir(), entry.is_file()))
    except OSError as error:
        problems.append(
            rules.UNREADABLE.at(folder.file, 1, 1, reason=_reason(error), path=folder.file)
        )
        return []
    return children


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _slug_ok(name: str, file: str, problems: list[Problem]) -> bool:
    if SLUG.match(name):
        return True
    problems.append(rules.BAD_SLUG.at(file, 1, 1, name=name, suggestion=slugify(name)))
    return False


def slugify(name: str) -> str:
    """The nearest slug to a name: `Facilitation Lab` becomes `facilitation-lab`,
    `Café Común` becomes `cafe-comun`."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "entry"
