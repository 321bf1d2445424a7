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
import os
import signal
from collections.abc import Sequence
from typing import NoReturn

from ecotone.load.positions import Source
from ecotone.load.safe_yaml import LoadError, parse

# Below this many files, forking costs more than it saves.
PARALLEL_FROM = 200

Parsed = object  # a file's plain data, or the LoadError that refused it


def parse_all(sources: Sequence[Source]) -> list[Parsed]:
    """What each source parses to, or the LoadError that refused it, in order."""
    if len(sources) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return [_parsed(source) for source in sources]
    half = len(sources) // 2
    copy = _Copy(sources[half:])
    try:
        mine = [_parsed(source) for source in sources[:half]]
    except BaseException:
        copy.stop()
        raise
    theirs = copy.results()
    if len(theirs) != len(sources) - half:  # the copy failed: its half is parsed here
        theirs = [None] * (len(sources) - half)
    return mine + [
        found[0] if found is not None else _parsed(source)
        for found, source in zip(theirs, sources[half:], strict=True)
    ]


def _parsed(source: Source) -> Parsed:
    try:
        return parse(source)
    except LoadError as error:
        return error


class _Copy:
    """A forked copy of this process parsing `sources`, from now until `results`."""

    def __init__(self, sources: Sequence[Source]) -> None:
        reader, writer = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:
            os.close(reader)
            _parse_and_send(sources, writer)
        os.close(writer)
        self._reader = reader

    def results(self) -> list[tuple[object] | None]:
        """Each file's data in a 1-tuple, or None where it was refused; an empty list
        when the copy failed."""
        with os.fdopen(self._reader, "rb") as pipe:
            sent = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        if status != 0:
            return []
        try:
            results = marshal.loads(sent)
        except (EOFError, ValueError, TypeError):
            return []
        return results if isinstance(results, list) else []

    def stop(self) -> None:
        os.kill(self._pid, signal.SIGKILL)
        os.waitpid(self._pid, 0)
        os.close(self._reader)


def _parse_and_send(sources: Sequence[Source], writer: int) -> NoReturn:
    """In the copy: parse, send, and exit without running anything of the parent's
    (no exit handlers, no flushing of its buffered output)."""
    failed = True
    try:
        results = []
        for source in sources:
            parsed = _parsed(source)
            results.append(None if isinstance(parsed, LoadError) else (parsed,))
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(marshal.dumps(results))
        failed = False
    finally:
        os._exit(1 if failed else 0)
