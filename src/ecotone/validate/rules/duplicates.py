"""Warnings about entries that are likely the same thing submitted twice.

Comparing every pair would grow with the square of the directory, so names are
first reduced to a key of letters and digits, and only names whose keys share
a prefix or a suffix are compared closely, and cheap bounds rule out most of
those pairs before difflib's ratio is computed.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import TypeVar

from ecotone.model import Directory, Space
from ecotone.validate.rules.registry import Finding, check

T = TypeVar("T")
_SIMILAR = 0.9
_BLOCK = 4


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def similar_pairs(items: Iterable[T], name: Callable[[T], str]) -> Iterator[tuple[T, T]]:
    """Pairs of items whose names are nearly the same, each pair once, in input order."""
    listed = list(items)
    blocks: dict[str, list[int]] = defaultdict(list)
    keys = [_key(name(item)) for item in listed]
    letters = [Counter(key) for key in keys]
    for index, key in enumerate(keys):
        for block in {"^" + key[:_BLOCK], key[-_BLOCK:] + "$"}:
            blocks[block].append(index)
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                if nearly_equal(keys[i], keys[j], letters[i], letters[j]):
                    yield listed[i], listed[j]


def nearly_equal(a: str, b: str, letters_a: Counter[str], letters_b: Counter[str]) -> bool:
    """Whether difflib rates two keys at least `_SIMILAR` alike. Its ratio is costly,
    so two upper bounds of it, the very ones difflib offers as `real_quick_ratio`
    and `quick_ratio`, rule out most pairs first: the lengths, and the letters the
    keys share regardless of order (`letters_*` count them)."""
    if a == b:
        return True
    length = len(a) + len(b)
    if 2.0 * min(len(a), len(b)) / length < _SIMILAR:
        return False
    if 2.0 * (letters_a & letters_b).total() / length < _SIMILAR:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= _SIMILAR


@check(
    "W603",
    "Organizations have their own website",
    "{org} has the same website as {other}: {website}.",
    "If they are the same organization, merge the two folders; otherwise correct the address.",
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
)
def distinct_space_titles(directory: Directory, today: date) -> Iterator[Finding]:
    """Two spaces of one host with nearly the same title are probably one space
    entered twice."""
    by_host: dict[str, list[Space]] = defaultdict(list)
    for space in directory.spaces:
        by_host[space.host].append(space)
    for spaces in by_host.values():
        for first, second in similar_pairs(spaces, lambda space: space.title):
            yield Finding(
                second.source,
                ("title",),
                {"other": first.id, "title": second.title, "other_title": first.title},
            )
