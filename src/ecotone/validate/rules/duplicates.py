"""Warnings about entries that are likely the same thing submitted twice.

Comparing every pair would grow with the square of the directory, and any
blocking by shared prefixes can be filled by one partner with hundreds of
names that share one. So each name is compared only with its nearest
neighbours in alphabetical order, forwards and backwards (near-duplicates
differ little at one end or the other), by a measure linear in the names'
length: the Sørensen-Dice coefficient of their letter pairs.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import TypeVar

from ecotone.model import Directory, Space
from ecotone.problems import Family, Reach, Severity
from ecotone.validate.rules.lookalikes import skeleton
from ecotone.validate.rules.registry import Finding, check

T = TypeVar("T")
_SIMILAR = 0.9
# How many neighbours before it, in each order, a name is compared with.
_NEIGHBOURS = 8


def _key(text: str) -> str:
    """The letters and digits of a name's confusable skeleton, in any script, without
    case or accents: look-alike letters count as the same letter."""
    return "".join(c for c in skeleton(text) if c.isalnum())


def letter_pairs(key: str) -> frozenset[str | tuple[str, int]]:
    """The key's letter pairs as a set in which a pair's n-th repeat is the element
    (pair, n), so that set intersection, done in C, counts the pairs two keys share."""
    pairs = [a + b for a, b in itertools.pairwise(key)]
    if len(set(pairs)) == len(pairs):
        return frozenset(pairs)
    seen: Counter[str] = Counter()
    elements: list[str | tuple[str, int]] = []
    for pair in pairs:
        elements.append((pair, seen[pair]) if seen[pair] else pair)
        seen[pair] += 1
    return frozenset(elements)


def similar_pairs(items: Iterable[T], name: Callable[[T], str]) -> Iterator[tuple[T, T]]:
    """Pairs of items whose names are nearly the same, each pair once, in input order."""
    listed = list(items)
    keys = [_key(name(item)) for item in listed]
    pairs = [letter_pairs(key) for key in keys]
    found: set[tuple[int, int]] = set()
    for order in (
        sorted(range(len(keys)), key=lambda i: (keys[i], i)),
        sorted(range(len(keys)), key=lambda i: (keys[i][::-1], i)),
    ):
        for position, i in enumerate(order):
            for j in order[max(0, position - _NEIGHBOURS) : position]:
                pair = (min(i, j), max(i, j))
                if pair not in found and nearly_equal(keys[i], keys[j], pairs[i], pairs[j]):
                    found.add(pair)
    for i, j in sorted(found):
        yield listed[i], listed[j]


def nearly_equal(
    a: str,
    b: str,
    pairs_a: frozenset[str | tuple[str, int]],
    pairs_b: frozenset[str | tuple[str, int]],
) -> bool:
    """Whether two keys are the same or share at least `_SIMILAR` of their letter pairs
    (`pairs_*` count them). The counts' sizes bound the share, which rules out most
    pairs before the shared pairs are counted."""
    if a == b:
        return True
    size_a, size_b = len(a) - 1, len(b) - 1
    if min(size_a, size_b) <= 0 or 2.0 * min(size_a, size_b) / (size_a + size_b) < _SIMILAR:
        return False
    return 2.0 * len(pairs_a & pairs_b) / (size_a + size_b) >= _SIMILAR


@check(
    "W603",
    "Organizations have their own website",
    "{org} has the same website as {other}: {website}.",
    "If they are the same organization, merge the two folders; otherwise correct the address.",
    severity=Severity.WARNING,
    family=Family.DATES_AND_DUPLICATES,
    since="0.1.0",
    reach=Reach.ORGANIZATIONS,
)
def distinct_websites(directory: Directory, today: date) -> Iterator[Finding]:
    """Two organizations with one website are probably one organization entered
    twice."""
    first: dict[str, str] = {}
    for org in directory.organizations:
        if not org.website:
            continue
        key = (
            org.website.lower()
            .rstrip("/")
            .removeprefix("https://")
            .removeprefix("http://")
            .removeprefix("www.")
        )
        if key in first:
            yield Finding(
                org.source,
                ("website",),
                {"org": org.id, "other": first[key], "website": org.website},
            )
        else:
            first[key] = org.id


@check(
    "W604",
    "Organizations have distinct names",
    "{org} is named almost like {other} ('{name}' and '{other_name}').",
    "If they are the same organization, merge the two folders; otherwise make the names distinct.",
    severity=Severity.WARNING,
    family=Family.DATES_AND_DUPLICATES,
    since="0.1.0",
    reach=Reach.ORGANIZATIONS,
)
def distinct_organization_names(directory: Directory, today: date) -> Iterator[Finding]:
    """Two organizations with nearly the same name are probably one organization
    entered twice."""
    for first, second in similar_pairs(directory.organizations, lambda org: org.name):
        yield Finding(
            second.source,
            ("name",),
            {"org": second.id, "other": first.id, "name": second.name, "other_name": first.name},
        )


@check(
    "W605",
    "A host's spaces have distinct titles",
    "This space is titled almost like {other} ('{title}' and '{other_title}').",
    "If they are the same space, keep one file; otherwise make the titles distinct.",
    severity=Severity.WARNING,
    family=Family.DATES_AND_DUPLICATES,
    since="0.1.0",
)
def distinct_space_titles(directory: Directory, today: date) -> Iterator[Finding]:
    """Two spaces of one host with nearly the same title are probably one space
    entered twice."""
    by_host: dict[str, list[Space]] = defaultdict(list)
    for space in directory.checked_spaces:
        by_host[space.host].append(space)
    for spaces in by_host.values():
        for first, second in similar_pairs(spaces, lambda space: space.title):
            yield Finding(
                second.source,
                ("title",),
                {"other": first.id, "title": second.title, "other_title": first.title},
            )
