"""The rules after an edit: which organizations an edit can concern, and what the
previous run found in the files of all the others.

A run of the rules remembers, for each organization, a digest of its entries'
files, the organizations its entries name (its links) and the problems the rules
found in its files. The next run, when only the files of some organizations
changed (no entry added or removed, and nothing else changed that every rule
reads: the date, the entries that could not be read, git's renames), checks
with the rules of `Reach.LINKED` the changed organizations and every
organization linked to one of them, either way, before the edit or after it;
every other organization's problems are the previous run's. The rules that
compare each entry with all the others check the whole directory, every time for
those of `Reach.DIRECTORY`; those of `Reach.ORGANIZATIONS` (or `SPACES`), which read
only the organizations' profiles (or the spaces' files), only when one of those
files changed. What is in doubt (a directory that federates, a problem outside
the folder of an organization) is checked in full and not remembered.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date

from ecotone.load.directory import Document
from ecotone.model import Directory, Organization, Space
from ecotone.problems import REGISTRY, PlainProblem, Problem, Reach
from ecotone.validate.parallel import checked_on_two_cores
from ecotone.validate.rules.catalogue import all_rules


@dataclass(frozen=True)
class Remembered:
    """What a run of the rules knew of one organization."""

    digest: str  # of its entries' files
    links: frozenset[str]  # the organizations its entries name
    problems: tuple[Problem, ...]  # what the rules of linked reach found in its files


@dataclass(frozen=True)
class RulesRun:
    """What a run of the rules found, as the next run needs it. `key` is a digest of
    what every rule reads besides the organizations' entries; `compared`, by code,
    what each rule of organizations' or spaces' reach found, with a digest of the
    files it compared."""

    key: str
    organizations: Mapping[str, Remembered]
    compared: Mapping[str, tuple[str, tuple[Problem, ...]]]

    def to_plain(self) -> tuple[object, ...]:
        return (
            self.key,
            {
                org: (known.digest, sorted(known.links), [p.to_plain() for p in known.problems])
                for org, known in self.organizations.items()
            },
            {
                code: (digest, [p.to_plain() for p in found])
                for code, (digest, found) in self.compared.items()
            },
        )

    @classmethod
    def from_plain(cls, plain: object) -> RulesRun | None:
        """The run `to_plain` gave; None for anything else."""
        try:
            key, organizations, compared = plain  # type: ignore[misc]
            remembered = {
                org: Remembered(digest, frozenset(links), _problems(found))
                for org, (digest, links, found) in organizations.items()
            }
            found_before = {
                code: (digest, _problems(found)) for code, (digest, found) in compared.items()
            }
        except (TypeError, ValueError, AttributeError):
            return None
        return cls(key, remembered, found_before) if isinstance(key, str) else None


@dataclass(frozen=True)
class RuleProblems:
    """What the rules found; the organizations whose entries the rules of linked reach
    checked (None: all); and what the next run may take from this one (None: it
    must check everything)."""

    problems: tuple[Problem, ...]
    checked: frozenset[str] | None
    run: RulesRun | None


def rule_problems(
    directory: Directory,
    today: date,
    documents: Iterable[Document],
    previous: RulesRun | None = None,
) -> RuleProblems:
    """What every rule finds in `directory`, the model of `documents`: where `previous`
    applies, the rules of linked reach check only the organizations a change since
    can concern, and the others' problems are those it found."""
    key = _key(directory, today)
    data = _documents_by_organization(documents)
    digests = {org: _digest(files) for org, files in data.items()}
    if previous is not None and (
        previous.key != key or previous.organizations.keys() != digests.keys()
    ):
        previous = None
    earlier = previous.organizations if previous is not None else {}
    changed = {org for org in digests if org not in earlier or earlier[org].digest != digests[org]}
    links = {
        org: _links(data[org], digests.keys()) if org in changed else earlier[org].links
        for org in digests
    }
    checked = None if previous is None else _concerned(changed, links, earlier)
    linked = _linked_problems(directory, today, checked)
    if checked is not None:  # the others' problems are the previous run's
        taken = digests.keys() - checked
        linked = [p for p in linked if _owner(p) not in taken]
        linked += [p for org in taken for p in earlier[org].problems]
    everywhere, compared = _comparisons(directory, today, previous)
    placed = _by_organization(linked, digests.keys())
    if key is None or placed is None:
        return RuleProblems(tuple(linked + everywhere), checked, None)
    remembered = {
        org: Remembered(digests[org], links[org], tuple(placed.get(org, ()))) for org in digests
    }
    return RuleProblems(tuple(linked + everywhere), checked, RulesRun(key, remembered, compared))


def _comparisons(
    directory: Directory, today: date, previous: RulesRun | None
) -> tuple[list[Problem], dict[str, tuple[str, tuple[Problem, ...]]]]:
    """What the rules that compare each entry with all the others find, in the
    catalogue's order; a rule that compares only organizations' profiles, or only
    spaces, is not run again while those files read as in the `previous` run. With
    what the next run may take of it."""
    found: list[Problem] = []
    compared: dict[str, tuple[str, tuple[Problem, ...]]] = {}
    digests: dict[Reach, str | None] = {}
    for rule in all_rules():
        if rule.check is None or not rule.reach.compares_all:
            continue
        if rule.reach not in digests:
            digests[rule.reach] = _compared_files(directory, rule.reach)
        digest = digests[rule.reach]
        before = previous.compared.get(rule.code) if previous else None
        if digest is not None and before is not None and before[0] == digest:
            problems = before[1]
        else:
            problems = tuple(rule.problem(finding) for finding in rule.check(directory, today))
        if digest is not None:
            compared[rule.code] = (digest, problems)
        found.extend(problems)
    return found, compared


def partial_rule_problems(
    directory: Directory, today: date, checked: frozenset[str] | None, compare_all: bool
) -> RuleProblems:
    """What the rules find in `directory` when those of linked reach check only the
    entries of the organizations `checked` (None: all), and those that compare each
    entry with all the others run only with `compare_all`; nothing for a next run."""
    found = _linked_problems(directory, today, checked)
    if compare_all:
        found += _comparisons(directory, today, None)[0]
    return RuleProblems(tuple(found), checked, None)


def _linked_problems(
    directory: Directory, today: date, checked: frozenset[str] | None
) -> list[Problem]:
    """What the rules of linked reach find in the entries of the organizations
    `checked` (None: all), on two cores where there are many."""
    entries = (*directory.organizations, *directory.spaces, *directory.playbooks)
    if checked is None:  # every organization that holds an entry
        checked = frozenset(entry.id.partition("/")[0] for entry in entries)
    return checked_on_two_cores(
        lambda organizations: list(model_problems(directory, today, Reach.LINKED, organizations)),
        checked,
        (entry.source for entry in entries),
    )


def model_problems(
    directory: Directory,
    today: date,
    reach: Reach | None = None,
    checked: frozenset[str] | None = None,
) -> Iterator[Problem]:
    """What the rules of `reach` (None: every rule) find in the entries of the
    organizations `checked` (None: all), in the catalogue's order. No file is read,
    so a test may build `directory` in memory."""
    if checked is not None:
        directory = replace(directory, checked=checked)
    for rule in all_rules():
        if rule.check is not None and reach in (None, rule.reach):
            yield from (rule.problem(finding) for finding in rule.check(directory, today))


def organizations_concerned(
    changed: Collection[str | None], run: RulesRun | None
) -> frozenset[str] | None:
    """The organizations a change to the files of the `changed` ones can concern, by
    the links `run` remembers; None (all of them) where `run` does not know one of
    `changed` (None: a file in no organization's folder)."""
    known = {org for org in changed if org is not None and run and org in run.organizations}
    if run is None or len(known) != len(changed):
        return None
    links = {org: remembered.links for org, remembered in run.organizations.items()}
    return _concerned(known, links, run.organizations)


def linked_problem_of_another(problem: Problem, concerned: Collection[str]) -> bool:
    """Whether a rule of linked reach found `problem` in the files of an organization
    outside `concerned`: one that a change to those organizations cannot bring or mend."""
    owner = _owner(problem)
    return owner is not None and owner not in concerned and reach(problem) is Reach.LINKED


def reach(problem: Problem) -> Reach | None:
    """The reach of the rule that found `problem`; None where no rule over the model did
    (the loader's problems, the schemas')."""
    rule = REGISTRY.get(problem.code)
    return rule.reach if rule is not None and rule.check is not None else None


def _compared_files(directory: Directory, reach: Reach) -> str | None:
    """A digest of the files a rule of `reach` compares: every organization's profile,
    or every space's file; None for a rule that reads the whole directory."""
    if reach is Reach.ORGANIZATIONS:
        entries: Iterable[Organization | Space] = directory.organizations
    elif reach is Reach.SPACES:
        entries = directory.spaces
    else:
        return None
    digest = hashlib.sha256()
    for entry in entries:
        line = f"{entry.source.file}\0{entry.source.digest}\0"
        digest.update(line.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _concerned(
    changed: Collection[str], links: Mapping[str, frozenset[str]], earlier: Mapping[str, Remembered]
) -> frozenset[str]:
    """The changed organizations, those they name or named, and those that name them."""
    concerned = set(changed)
    for org in changed:
        concerned |= links[org] | earlier[org].links
    concerned |= {org for org, named in links.items() if not named.isdisjoint(changed)}
    return frozenset(concerned)


def _key(directory: Directory, today: date) -> str | None:
    """A digest of what every rule reads besides the organizations' entries: the date,
    the identifiers of every entry and of those that could not be read, and git's
    renames. None for a directory that federates, whose snapshots it leaves out."""
    if directory.federated.partners:
        return None
    renames = directory.renames
    parts = [
        today.isoformat(),
        *(entry.id for entry in (*directory.spaces, *directory.playbooks)),
        "unreadable:",
        *sorted(directory.unreadable),
        "renames:",
        repr(None if renames is None else sorted((k, sorted(v)) for k, v in renames.items())),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _documents_by_organization(documents: Iterable[Document]) -> dict[str, list[Document]]:
    by_org: dict[str, list[Document]] = defaultdict(list)
    for document in documents:
        by_org[document.id.partition("/")[0]].append(document)
    return by_org


def _digest(documents: Iterable[Document]) -> str:
    digest = hashlib.sha256()
    for document in documents:
        line = f"{document.kind}\0{document.source.file}\0{document.source.digest}\0"
        digest.update(line.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _links(documents: Iterable[Document], org_ids: Collection[str]) -> frozenset[str]:
    """The other organizations that the documents name: every text in them, key or
    value, that is an organization's identifier or begins with one and a slash (a
    space or playbook of it). Read from the data rather than the model, so that no
    field that names one is missed; a mere mention counts too, which only checks
    one more organization."""
    own = {document.id.partition("/")[0] for document in documents}
    named = {text.partition("/")[0] for document in documents for text in _texts(document.data)}
    return frozenset(named.intersection(org_ids) - own)


def _texts(data: object) -> Iterator[str]:
    waiting = [data]
    while waiting:
        item = waiting.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            waiting.extend(item)
            waiting.extend(item.values())
        elif isinstance(item, list):
            waiting.extend(item)


def _by_organization(
    problems: Iterable[Problem], org_ids: Collection[str]
) -> dict[str, list[Problem]] | None:
    """The problems by the organization whose folder holds their file; None when one
    is in no organization's folder."""
    placed: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        org = _owner(problem)
        if org not in org_ids:
            return None
        placed[org].append(problem)
    return placed


def _owner(problem: Problem) -> str | None:
    return owner_of(problem.file)


def owner_of(file: str) -> str | None:
    """The organization whose folder holds `file` (a path from the directory's root), or
    is `file`; None where no organization's does."""
    top, _, rest = file.partition("/")
    return (rest.partition("/")[0] or None) if top == "partners" else None


def _problems(plain: Iterable[PlainProblem]) -> tuple[Problem, ...]:
    return tuple(Problem.from_plain(p) for p in plain)
