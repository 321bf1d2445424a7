"""Parsing many files on two cores.

Parsing YAML is most of a validation without a cache, and each file parses on
its own. With a second core and enough files, a forked copy of this process
parses the second half of them while this one parses the first, and sends each
file's plain data back in marshal's format, which gives plain data back exactly
and quickly. A file the copy could not parse is parsed again here, so that its
problem is made where it is reported; if the copy fails in any way, its whole
half is parsed here. Either way the result is what parsing every file here
gives.
"""

from __future__ import annotations

import marshal
from collections.abc import Sequence
from functools import partial
from typing import BinaryIO

from ecotone.forked import ForkedWork, can_share_work
from ecotone.load.positions import Source
from ecotone.load.safe_yaml import LoadError, parse

# Below this many files, forking costs more than it saves.
PARALLEL_FROM = 200

Parsed = object  # a file's plain data, or the LoadError that refused it


def parse_all(sources: Sequence[Source]) -> list[Parsed]:
    """What each source parses to, or the LoadError that refused it, in order."""
    if len(sources) < PARALLEL_FROM or not can_share_work():
        return [_parsed(source) for source in sources]
    half = len(sources) // 2
    copy = ForkedWork(partial(_parsed_and_packed, sources[half:]))
    mine = copy.alongside(lambda: [_parsed(source) for source in sources[:half]])
    theirs = _unpacked(copy.outcome(), len(sources) - half)
    return mine + [
        found[0] if found is not None else _parsed(source)
        for found, source in zip(theirs, sources[half:], strict=True)
    ]


def _parsed(source: Source) -> Parsed:
    try:
        return parse(source)
    except LoadError as error:
        return error


def _parsed_and_packed(sources: Sequence[Source], pipe: BinaryIO) -> None:
    """In the copy: each file's data in a 1-tuple, or None where it was refused."""
    parsed = (_parsed(source) for source in sources)
    marshal.dump([None if isinstance(p, LoadError) else (p,) for p in parsed], pipe)


def _unpacked(sent: bytes | None, count: int) -> list[tuple[object] | None]:
    """What the copy sent for `count` files; all None (to be parsed here) when it
    failed."""
    try:
        found = marshal.loads(sent) if sent is not None else None
    except (EOFError, ValueError, TypeError):
        found = None
    return found if isinstance(found, list) and len(found) == count else [None] * count
