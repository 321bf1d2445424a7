"""Load: read a directory's YAML files safely into plain data.

The loader trusts nothing it reads. It refuses files that are too large, not
UTF-8, nested too deeply, or that use anchors, aliases, duplicate keys or tags
beyond YAML's core types. Plain scalars resolve as in YAML 1.2's core schema,
narrowed: `true`/`false`, `null`, decimal integers and decimal fractions.
Everything else, `no`, `on`, `2025-01-10`, `012345`, stays the text the author
wrote, so the schema decides what a value means, not YAML 1.1's guesses.

Positions are not kept for every value: a problem asks `Source.locate` for
its field's line and column; the first to ask has the file's events read once
and every field's place kept. Clean files, the common case, pay nothing for them.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from yaml.cyaml import CParser

from ecotone.problems import FieldPath, Problem
from ecotone.rules import files as rules
from ecotone.rules.registry import Rule

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32
# libyaml's composer recurses in C; past a few thousand levels it can crash
# the process. Every level needs one of these characters, so their count
# bounds the depth; only files above this bound pay for an exact event scan.
_SAFE_INDICATOR_COUNT = 2000
_NESTING_INDICATORS = ("[", "{", "-", "?", ":")

# YAML's printable characters (YAML 1.2, section 5.1); libyaml refuses all others.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = (_STR, _INT, _FLOAT, _BOOL, _NULL)

_INT_TEXT = re.compile(r"^[-+]?(0|[1-9][0-9]{0,17})$")
_FLOAT_TEXT = re.compile(
    r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$"
)
_BOOL_TEXT = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
_NULL_TEXT = re.compile(r"^(~|null|Null|NULL|)$")


class _CoreResolver(yaml.resolver.BaseResolver):
    """Resolves plain scalars by a narrowed YAML 1.2 core schema (see module doc).

    libyaml's composer calls these three methods for every node, so they do only
    what this resolver needs: PyYAML's general versions also serve path resolvers
    and fallbacks that it never registers, and took a fifth of the loading time."""

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:  # a plain scalar: its text decides
                for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_CoreResolver.add_implicit_resolver(_BOOL, _BOOL_TEXT, list("tTfF"))
_CoreResolver.add_implicit_resolver(_NULL, _NULL_TEXT, ["~", "n", "N", ""])
_CoreResolver.add_implicit_resolver(_INT, _INT_TEXT, list("-+0123456789"))
_CoreResolver.add_implicit_resolver(_FLOAT, _FLOAT_TEXT, list("-+0123456789."))


class _Composer(CParser, _CoreResolver):
    """libyaml's parser and composer with our resolver; it builds nodes, never objects."""

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        _CoreResolver.__init__(self)


_KEY = object()  # in _places: a mapping's next node is a key


class Kind(StrEnum):
    ORGANIZATION = "organization"
    SPACE = "space"
    PLAYBOOK = "playbook"


@dataclass(frozen=True, eq=False)
class Source:
    """A file as read: its path relative to the directory root, and its text."""

    file: str
    text: str

    def locate(self, path: FieldPath) -> tuple[int, int]:
        """The 1-based line and column of the field at `path`, or of its nearest ancestor."""
        places = self._places
        for end in range(len(path), -1, -1):
            if path[:end] in places:
                return places[path[:end]]
        return 1, 1

    @cached_property
    def _places(self) -> dict[FieldPath, tuple[int, int]]:
        """Every field's place, found in one pass when the first problem asks, so that
        a file with many problems is read once, not once per problem."""
        try:
            return _places(yaml.parse(self.text, Loader=yaml.CSafeLoader))
        except yaml.YAMLError:
            return {}


@dataclass(frozen=True)
class Document:
    """One loaded file: what kind of entry it is, its identifier and its plain data."""

    kind: Kind
    id: str
    source: Source
    data: object


@dataclass(frozen=True)
class Loaded:
    """What loading a directory yields: the documents, the problems, and the ids
    of entries that exist on disk but could not be read (so that references to
    them are not reported a second time)."""

    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]
    unreadable: frozenset[str] = field(default_factory=frozenset)


class LoadError(Exception):
    """A file refused by the loader, with the problem that says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


# -- one file ---------------------------------------------------------------


def read_source(path: Path, file: str) -> Source:
    """Read a file's text, refusing oversized files and invalid UTF-8."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise LoadError(rules.FILE_TOO_LARGE.at(file, 1, 1, size=size, limit=MAX_FILE_BYTES))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise LoadError(rules.NOT_UTF8.at(file, line, column, offset=error.start)) from None
    return Source(file, text)


def parse(source: Source) -> object:
    """Turn a file's text into plain data (dicts, lists, str, int, float, bool, None)."""
    _refuse_deep_nesting(source)
    _refuse_anchors(source)
    try:
        node = _Composer(source.text).get_single_node()
    except yaml.YAMLError as error:
        raise LoadError(_yaml_problem(source, error)) from None
    return _to_data(node, source.file) if node is not None else None


def _yaml_problem(source: Source, error: yaml.YAMLError) -> Problem:
    """The problem for a file the YAML parser refused."""
    file = source.file
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if isinstance(error, yaml.composer.ComposerError) and "another document" in str(
            error.problem
        ):
            return rules.SEVERAL_DOCUMENTS.at(file, line, column)
        detail = " ".join(part for part in (error.context, error.problem) if part)
        return rules.YAML_SYNTAX.at(file, line, column, detail=detail)
    character = _NOT_PRINTABLE.search(source.text)
    if isinstance(error, yaml.reader.ReaderError) and character:
        index = character.start()
        line = source.text.count("\n", 0, index) + 1
        column = index - source.text.rfind("\n", 0, index)
        code_point = f"U+{ord(character.group()):04X}"
        return rules.CONTROL_CHARACTER.at(file, line, column, code_point=code_point)
    return rules.YAML_SYNTAX.at(file, 1, 1, detail=str(error))


def _refuse_deep_nesting(source: Source) -> None:
    if sum(source.text.count(c) for c in _NESTING_INDICATORS) <= _SAFE_INDICATOR_COUNT:
        return
    depth = 0
    try:
        for event in yaml.parse(source.text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise LoadError(
                        rules.TOO_DEEP.at(
                            source.file, mark.line + 1, mark.column + 1, limit=MAX_DEPTH
                        )
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as error:
        raise LoadError(_too_deep_or_syntax(source, error)) from None


def _too_deep_or_syntax(source: Source, error: yaml.YAMLError) -> Problem:
    """Newer libyaml (0.2.6) stops at its own nesting bound (1,000 levels)
    before our event scan reaches ours; the file is then deeper than ours too,
    and the message explains our bound, not libyaml's."""
    mark = getattr(error, "problem_mark", None)
    if mark is not None and "nesting depth" in str(getattr(error, "problem", "")):
        return rules.TOO_DEEP.at(source.file, mark.line + 1, mark.column + 1, limit=MAX_DEPTH)
    return _yaml_problem(source, error)


def _refuse_anchors(source: Source) -> None:
    """Anchors and aliases are refused outright: no alias bombs, no shared nodes."""
    if "&" not in source.text and "*" not in source.text:
        return
    try:
        for event in yaml.parse(source.text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                raise LoadError(rules.ANCHOR.at(source.file, mark.line + 1, mark.column + 1))
    except yaml.YAMLError as error:
        raise LoadError(_yaml_problem(source, error)) from None


def _to_data(root: yaml.Node, file: str) -> object:
    """Convert a node tree to plain data without recursion, refusing what JSON cannot hold."""
    result: list[object] = [None]
    # Each entry: the node, the container to store into, the key or index, the depth.
    stack: list[tuple[yaml.Node, object, object, int]] = [(root, result, 0, 0)]
    while stack:
        node, parent, slot, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise LoadError(_problem_at(rules.TOO_DEEP, file, node, limit=MAX_DEPTH))
        if isinstance(node, yaml.ScalarNode):
            value = _scalar(node, file)
        elif isinstance(node, yaml.SequenceNode):
            _require_tag(node, _SEQ, file)
            value = [None] * len(node.value)
            stack.extend((item, value, i, depth + 1) for i, item in enumerate(node.value))
        else:
            _require_tag(node, _MAP, file)
            value = {}
            for key_node, value_node in node.value:
                key = _key(key_node, file)
                if key in value:
                    raise LoadError(_problem_at(rules.DUPLICATE_KEY, file, key_node, key=key))
                value[key] = None
                stack.append((value_node, value, key, depth + 1))
        parent[slot] = value  # type: ignore[index]
    return result[0]


def _key(node: yaml.Node, file: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise LoadError(_problem_at(rules.COMPLEX_KEY, file, node))
    if node.tag not in _SCALAR_TAGS:
        raise LoadError(_problem_at(rules.UNSUPPORTED_TAG, file, node, tag=_short_tag(node.tag)))
    return node.value  # keys are always the text as written: `no:` is "no", `1:` is "1"


def _scalar(node: yaml.ScalarNode, file: str) -> object:
    text, tag = node.value, node.tag
    if tag == _STR:
        return text
    if tag == _INT and _INT_TEXT.match(text):
        return int(text)
    if tag == _FLOAT and _FLOAT_TEXT.match(text):
        number = float(text)
        return number if math.isfinite(number) else text
    if tag == _BOOL and _BOOL_TEXT.match(text):
        return text.lower() == "true"
    if tag == _NULL and _NULL_TEXT.match(text):
        return None
    raise LoadError(_problem_at(rules.UNSUPPORTED_TAG, file, node, tag=_short_tag(tag)))


def _require_tag(node: yaml.Node, expected: str, file: str) -> None:
    if node.tag != expected:
        raise LoadError(_problem_at(rules.UNSUPPORTED_TAG, file, node, tag=_short_tag(node.tag)))


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


def _problem_at(rule: Rule, file: str, node: yaml.Node, **values: object) -> Problem:
    return rule.at(file, node.start_mark.line + 1, node.start_mark.column + 1, **values)


def _places(events: Iterator[yaml.Event]) -> dict[FieldPath, tuple[int, int]]:
    """Where every field is written, by path: its key in a mapping, its first character
    in a list, and the first node for the whole file, `()`. One pass over the events;
    no node is built."""
    places: dict[FieldPath, tuple[int, int]] = {}
    # One frame per open collection: its path, then, for a mapping, the key whose value
    # comes next (_KEY while a key comes next), or, for a list, the next item's index.
    frames: list[list[Any]] = []
    for event in events:
        if isinstance(event, yaml.CollectionEndEvent):
            frames.pop()
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        place = (event.start_mark.line + 1, event.start_mark.column + 1)
        path: FieldPath = ()
        if frames:
            frame = frames[-1]
            parent, state = frame
            if state is _KEY:  # a key: it marks its field's place; the value comes next
                frame[1] = event.value if isinstance(event, yaml.ScalarEvent) else object()
                places.setdefault((*parent, frame[1]), place)
                path = (*parent, object())  # what a complex key holds is no field
            elif isinstance(state, int):  # the next item of a list
                frame[1] = state + 1
                path = (*parent, state)
            else:  # the value of the key just read, which holds its place
                frame[1] = _KEY
                path = (*parent, state)
        places.setdefault(path, place)
        if isinstance(event, yaml.MappingStartEvent):
            frames.append([path, _KEY])
        elif isinstance(event, yaml.SequenceStartEvent):
            frames.append([path, 0])
    return places


# -- a directory ------------------------------------------------------------

_SECTIONS = {"spaces": Kind.SPACE, "playbooks": Kind.PLAYBOOK}
_PROFILE = "organization.yml"


def load_directory(root: Path) -> Loaded:
    """Read every entry under `root/partners/`, collecting problems instead of stopping."""
    documents: list[Document] = []
    problems: list[Problem] = []
    unreadable: set[str] = set()
    misplaced: list[Path] = []
    for kind, entry_id, path in _entries(root, problems, misplaced):
        file = path.relative_to(root).as_posix()
        try:
            source = read_source(path, file)
            documents.append(Document(kind, entry_id, source, parse(source)))
        except LoadError as error:
            problems.append(error.problem)
            unreadable.add(entry_id)
    hosts = _circle_holders(documents)
    problems.extend(_misplaced_problem(path, root, hosts) for path in misplaced)
    return Loaded(tuple(documents), tuple(problems), frozenset(unreadable))


def _entries(
    root: Path, problems: list[Problem], misplaced: list[Path]
) -> Iterator[tuple[Kind, str, Path]]:
    """Walk partners/ in a stable order, yielding (kind, id, path) for every entry file,
    collecting what is not where an entry can be (`misplaced`) and reporting symbolic
    links and identifiers that are not slugs."""
    partners = root / "partners"
    for org_dir in _listing(partners, root, problems):
        profile = org_dir / _PROFILE
        if not org_dir.is_dir() or (_is_section_name(org_dir.name) and not profile.exists()):
            misplaced.extend(_files_in(org_dir, root, problems))
            continue
        org = org_dir.name
        if not _slug_ok(org, _rel(org_dir, root), problems):
            continue
        if profile.is_file() and not profile.is_symlink():
            yield Kind.ORGANIZATION, org, profile
        elif not profile.is_symlink():  # a link is reported as one by _listing below
            problems.append(rules.MISSING_PROFILE.at(_rel(org_dir, root), 1, 1, org=org))
        for child in _listing(org_dir, root, problems):
            if child.name == _PROFILE:
                continue
            kind = _SECTIONS.get(child.name) if child.is_dir() else None
            if kind is None:
                misplaced.append(child)
                continue
            for entry in _listing(child, root, problems):
                if entry.suffix != ".yml" or not entry.is_file():
                    misplaced.append(entry)
                elif _slug_ok(entry.stem, _rel(entry, root), problems):
                    yield kind, f"{org}/{entry.stem}", entry


def _files_in(path: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """A misplaced file, or the files of a misplaced folder, each to be moved on its
    own (an empty folder stands for itself)."""
    if not path.is_dir():
        return [path]
    found = [
        f for child in _listing(path, root, problems) for f in _files_in(child, root, problems)
    ]
    return found or [path]


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


def _misplaced_problem(path: Path, root: Path, hosts: dict[str, list[str]]) -> Problem:
    """E112 for a file or folder that is not read, with the path where it belongs."""
    file = _rel(path, root)
    parts = file.split("/")  # partners, the organization's folder, then the rest
    org = parts[1] if len(parts) > 2 and not _is_section_name(parts[1]) else None
    fix = _folder_fix(parts) if path.is_dir() else _file_fix(path, file, org, hosts)
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


def _listing(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """A folder's visible children, sorted; symbolic links are reported and skipped,
    so that no entry can point outside the directory."""
    children = []
    for child in sorted(folder.iterdir()) if folder.is_dir() else ():
        if child.name.startswith("."):
            continue
        if child.is_symlink():
            problems.append(rules.SYMLINK.at(_rel(child, root), 1, 1))
        else:
            children.append(child)
    return children


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


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()
