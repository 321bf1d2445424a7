"""Validate: check a directory against the schemas, then against the protocol's rules.

Each file is checked against its schema; the files that pass become the model,
and the rules check the model (after an edit, only where the edit reaches: see
ecotone.validate.incremental). All problems are reported at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import BinaryIO

from ecotone.collector import cycle_collector_paused
from ecotone.forked import ForkedWork
from ecotone.load import federation
from ecotone.load.directory import is_at_or_under, load_directory, nothing_known
from ecotone.load.git import FolderHistory, start_folder_history
from ecotone.model import Directory, Federated, build_directory, build_federated
from ecotone.problems import Problem, Reach
from ecotone.validate.cache import ValidationCache, remember, remembered
from ecotone.validate.incremental import (
    RulesRun,
    linked_problem_of_another,
    organizations_concerned,
    owner_of,
    partial_rule_problems,
    reach,
    rule_problems,
)
from ecotone.validate.rules.federation import FEDERATION_SETTINGS, SNAPSHOT_REFUSED
from ecotone.validate.schema import check_document

Renames = Mapping[str, frozenset[str]] | None
# Renames still being read (see `history_renames`): a validation asks once the files are loaded.
RenamesLater = Callable[[], Renames]
_FOLDER_HISTORY = "history"  # what `history_renames` keeps beside the cache


@dataclass(frozen=True)
class Report:
    """The outcome of validating a directory: its model and every problem found."""

    directory: Directory
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_warning)


def validate_directory(
    root: Path,
    today: date,
    *,
    cached: bool = True,
    renames: Renames | RenamesLater = None,
    cache: ValidationCache | None = None,
    previous: Directory | None = None,
) -> Report:
    """Load, check and model the directory at `root`. `today` dates the warnings about
    expired terms and overdue reviews, so that a run can be reproduced. With `cached`,
    the files a previous run found clean, unchanged since, are not parsed and checked
    again (see ecotone.validate.cache); the result is the same. `cache` is the
    directory's cache as a run in this process left it (`mkdocs serve` keeps it from
    one rebuild to the next), read from its folder otherwise; `previous`, that run's
    model, whose entries are taken where their files read the same. `renames` is what
    the history says of the organization folders, or the function that gives it once
    the files are loaded (`history_renames`)."""
    with cycle_collector_paused():  # reading the cache builds as many objects as parsing
        if cached and cache is None:
            cache = ValidationCache.of(root)
        report, _ = _validate(root, today, cache if cached else None, renames, previous=previous)
        return report


def history_renames(root: Path) -> RenamesLater:
    """What the history says of the organization folders (`load.git.folder_history`),
    reading from git only the commits since the last run in this directory. Git reads
    in its own process, while the caller goes on, until the function returned is
    called."""
    known = FolderHistory.from_plain(remembered(root, _FOLDER_HISTORY))
    reading = start_folder_history(root, known)

    @cache
    def renames() -> Renames:
        history = reading()
        if history is not None and history != known:
            remember(root, _FOLDER_HISTORY, history.to_plain())
        return history.renames if history else None

    return renames


def validate_directory_apart(
    root: Path,
    today: date,
    *,
    renames: Renames = None,
    meanwhile: Callable[[], object] = lambda: None,
) -> Report:
    """`validate_directory` in a forked copy of this process, its report sent back;
    here, where no copy can be made or the copy fails. This process does
    `meanwhile` while the copy validates.

    For a build, which keeps the model to its end: in the process that parsed the
    files, the model stays spread across the memory their parsed data filled (at
    10,000 organizations, about 750 MB for a model that needs half of it). Read
    back from the copy, it is laid out compactly, and the parsed data never
    enters this process."""
    if not hasattr(os, "fork"):
        meanwhile()
        return validate_directory(root, today, renames=renames)
    import pickle  # only a build needs it: not imported for every `ecotone validate`

    def validated(pipe: BinaryIO) -> None:
        report = validate_directory(root, today, renames=renames)
        pickle.dump(report, pipe, pickle.HIGHEST_PROTOCOL)

    copy = ForkedWork(validated)
    copy.alongside(meanwhile)
    # Read back as it is sent: the copy pickles while this process unpickles.
    report = copy.outcome(_unpickled)
    return report if report is not None else validate_directory(root, today, renames=renames)


def _unpickled(pipe: BinaryIO) -> Report | None:
    """The report a copy sends; None where it stopped before the end of it."""
    import pickle

    with cycle_collector_paused():
        try:
            report: Report = pickle.load(pipe)
        except (EOFError, pickle.UnpicklingError):
            return None
    return report


def validate_files(
    root: Path,
    paths: Collection[str],
    today: date,
    renames: Renames | RenamesLater = None,
    *,
    cached: bool = True,
    cache: ValidationCache | None = None,
) -> Report:
    """The problems of the files or folders at `paths` (relative to `root`), checked in
    the context of the whole directory, and the problems they cause elsewhere: those
    of other files that a run without them does not find (a circle removed here that
    a space there names; a space here that another organization acknowledges).

    With `cached`, the files a previous run found clean are taken from the cache
    (`cache`, or the one in the directory's folder, as in `validate_directory`), and
    the run without `paths` checks with the rules of linked reach only the
    organizations they can concern (theirs, those they name and those that name
    them): any other's problems from those rules are the same with or without them.
    The result is the same either way. Where no other file has a problem that a run
    without `paths` could show them to cause, that run is not made."""
    with cycle_collector_paused():
        if not cached:
            cache = None
        elif cache is None:
            cache = ValidationCache.of(root)
        whole, run = _validate(root, today, cache, renames)
        concerned = organizations_concerned(_organizations_of(paths), run) if cached else None
        elsewhere = [
            p
            for p in whole.problems
            if not _concerns(p, paths)
            and not (concerned is not None and linked_problem_of_another(p, concerned))
        ]
        caused: set[Problem] = set()
        if elsewhere:  # else no run without them can tell anything
            compare_all = any(reach(p) not in (None, Reach.LINKED) for p in elsewhere)
            without = _Without(frozenset(paths), concerned, compare_all)
            found, _ = _validate(root, today, cache, renames, without, whole.directory)
            caused = set(elsewhere).difference(found.problems)
    return Report(
        whole.directory, tuple(p for p in whole.problems if _concerns(p, paths) or p in caused)
    )


def _organizations_of(paths: Collection[str]) -> set[str | None]:
    """The organizations whose folders hold `paths` (None for a path in none of them)."""
    return {owner_of(path) for path in paths}


def _concerns(problem: Problem, paths: Collection[str]) -> bool:
    """A problem in one of `paths`, under one of them, or on a folder holding one (such
    as a misplaced folder's E112 for a file inside it)."""
    return is_at_or_under(problem.file, paths) or any(
        is_at_or_under(path, [problem.file]) for path in paths
    )


@dataclass(frozen=True)
class _Without:
    """A run without the files at `paths`, to tell which problems they cause elsewhere:
    the rules of linked reach check only the organizations `checked` (None: all), and
    the rules that compare the whole directory run only with `compare_all`."""

    paths: frozenset[str]
    checked: frozenset[str] | None
    compare_all: bool


def _validate(
    root: Path,
    today: date,
    cache: ValidationCache | None = None,
    renames: Renames | RenamesLater = None,
    without: _Without | None = None,
    previous: Directory | None = None,
) -> tuple[Report, RulesRun | None]:
    """The report, and what its rules found as the next run needs it; `without` some
    files, a partial run, of which nothing is remembered."""
    leave_out = without.paths if without else frozenset()
    loaded = load_directory(root, leave_out, cache.known if cache else nothing_known)
    problems = list(loaded.problems)
    valid, unreadable = [], set(loaded.unreadable)
    for document in loaded.documents:
        found = [] if document.known_clean else check_document(document)
        problems.extend(found)
        if found:
            unreadable.add(document.id)
        else:
            valid.append(document)
    federated, refused = _federated(root)
    problems.extend(refused)
    if callable(renames):
        renames = renames()
    directory = build_directory(valid, frozenset(unreadable), federated, renames, previous)
    if without:
        found = partial_rule_problems(directory, today, without.checked, without.compare_all)
    else:
        found = rule_problems(directory, today, valid, cache.rules if cache else None)
        if cache:
            cache.save(valid, found.run)
    problems.extend(found.problems)
    for document in loaded.documents:
        document.source.forget_validation()
    return Report(directory, tuple(sorted(problems, key=lambda p: p.sort_key))), found.run


def _federated(root: Path) -> tuple[Federated, list[Problem]]:
    """What the federated directories' committed snapshots publish. A snapshot that
    fails the checks it passed when fetched is left out, with a problem."""
    try:
        partners = federation.read_partners(root)
        networks = federation.read_networks(root, partners)
    except federation.FederationError as error:
        return Federated(), [FEDERATION_SETTINGS.at(federation.CONFIG_FILE, 1, 1, detail=error)]
    if not partners:  # nothing federated: this site's own address is not needed either
        return Federated(), []
    usable, problems = [], []
    for network in networks:
        refusals = federation.export_problems(network.document, network.partner)
        if refusals:
            file = network.partner.snapshot_file
            problems.append(
                SNAPSHOT_REFUSED.at(file, 1, 1, network=network.partner.name, detail=refusals[0])
            )
        else:
            usable.append(network)
    return build_federated(partners, usable, federation.own_site(root)), problems
