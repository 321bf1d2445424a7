"""Positions: where each field of a file is written, found only when a problem asks.

Positions are not kept for every value: a problem asks `Source.locate` for
its field's line and column; the first to ask has the file's events read once
and every field's place kept, until validation is over (`forget_validation`).
Clean files, the common case, pay nothing for them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import yaml

from ecotone.problems import FieldPath

_KEY = object()  # in _places: a mapping's next node is a key


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

    def know_places(self, places: dict[FieldPath, tuple[int, int]]) -> None:
        """Take the places an earlier run found in the same text (see
        ecotone.validate.cache), as if found here."""
        self.__dict__["_places"] = places

    def places_found(self) -> dict[FieldPath, tuple[int, int]] | None:
        """The places found so far, if a problem has asked for any."""
        return self.__dict__.get("_places")

    @cached_property
    def digest(self) -> str:
        """The SHA-256 of the text: what the validation cache knows the file by, and
        the rules' run its organization (hashed once, however many ask)."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    def forget_validation(self) -> None:
        """Drop the places found so far and the digest: they are asked for while the
        directory is validated, and a build keeps its sources to the end (the
        places a tenth of the build's memory at 10,000 organizations, else).
        Found again if asked."""
        self.__dict__.pop("_places", None)
        self.__dict__.pop("digest", None)

    @cached_property
    def _places(self) -> dict[FieldPath, tuple[int, int]]:
        """Every field's place, found in one pass when the first problem asks, so that
        a file with many problems is read once, not once per problem."""
        try:
            return _places(yaml.parse(self.text, Loader=yaml.CSafeLoader))
        except yaml.YAMLError:
            return {}


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
                if isinstance(event, yaml.ScalarEvent):
                    continue
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
