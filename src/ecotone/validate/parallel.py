"""Checking many organizations on two cores.

The rules of linked reach check each organization's entries apart from the
others' (see `ecotone.problems.Reach`), so a run that checks many of them (a
cold run, a build's) splits them: a forked copy of this process checks every
other one while this process checks the rest, and sends back the problems it
found, with the places of the fields it looked them up at (which the validation
cache keeps), in marshal's format. If the copy fails in any way, its half is
checked here. Either way the result is what checking them all here gives.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Collection, Iterable
from functools import partial
from typing import BinaryIO

from ecotone.forked import ForkedWork, can_share_work
from ecotone.load.positions import Source
from ecotone.problems import Problem

# Below this many organizations, forking costs more than it saves.
PARALLEL_FROM = 200

# What checking some organizations finds: problems, and places looked up in passing.
Check = Callable[[frozenset[str]], list[Problem]]


def checked_on_two_cores(
    check: Check, organizations: Collection[str], sources: Iterable[Source]
) -> list[Problem]:
    """What `check` finds in `organizations`, the entries of which are read from
    `sources`: the places a copy looks up are given to them here."""
    ordered = sorted(organizations)
    if len(ordered) < PARALLEL_FROM or not can_share_work():
        return check(frozenset(ordered))
    mine, theirs = frozenset(ordered[::2]), frozenset(ordered[1::2])
    sources = list(sources)
    copy = ForkedWork(partial(_checked_and_packed, check, theirs, sources))
    found = copy.alongside(partial(check, mine))
    sent = _unpacked(copy.outcome())
    if sent is None:
        return found + check(theirs)
    problems, places = sent
    by_file = {source.file: source for source in sources}
    for file, found_places in places.items():
        if by_file[file].places_found() is None:
            by_file[file].know_places(found_places)
    return found + [Problem.from_plain(plain) for plain in problems]


def _checked_and_packed(
    check: Check, organizations: frozenset[str], sources: list[Source], pipe: BinaryIO
) -> None:
    """In the copy: the problems found, and the places looked up meanwhile."""
    unplaced = [source for source in sources if source.places_found() is None]
    problems = [problem.to_plain() for problem in check(organizations)]
    places = {s.file: s.places_found() for s in unplaced if s.places_found() is not None}
    marshal.dump((problems, places), pipe)


def _unpacked(sent: bytes | None) -> tuple[list, dict] | None:
    """What the copy sent; None when it failed."""
    try:
        found = marshal.loads(sent) if sent is not None else None
        problems, places = found  # type: ignore[misc]
    except (EOFError, ValueError, TypeError):
        return None
    return (problems, places) if isinstance(problems, list) and isinstance(places, dict) else None
