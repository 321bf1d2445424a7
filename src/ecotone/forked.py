"""Work done by a forked copy of this process, its outcome sent back as bytes.

Every fork goes through here: parsing half the files of a cold validation
(`ecotone.load.parallel`), writing half the entry pages (`ecotone.mkdocs_pages`)
and a build's validation (`ecotone.validate.run`). The copy shares this
process's memory as it was at the fork, runs one function, which writes what it
sends into a pipe, and exits without running anything of this process's (no
exit handlers, no flushing of buffered output); whoever started it reads the
bytes, or learns that the copy failed.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable
from typing import BinaryIO, NoReturn, TypeVar

T = TypeVar("T")
_CHUNK = 1 << 16


def _everything(pipe: BinaryIO) -> bytes:
    return pipe.read()


def can_share_work() -> bool:
    """Whether a forked copy of this process can take half of some work: there is a
    second core, the system forks, and no other thread runs here. A lock that
    another thread holds when the process forks stays held in the copy, for good:
    `mkdocs serve`'s rebuilds run beside its server's threads, and do all their
    work in this process."""
    return (os.cpu_count() or 1) >= 2 and hasattr(os, "fork") and threading.active_count() == 1


class ForkedWork:
    """`work(pipe)` in a forked copy of this process, from now until `outcome`: what
    it writes into the pipe (as it goes, so that the copy need not hold it whole)
    is what `outcome` returns."""

    def __init__(self, work: Callable[[BinaryIO], None]) -> None:
        reader, writer = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(reader)
            _run_and_send(work, writer)
        os.close(writer)
        self._reader = reader

    def alongside(self, work: Callable[[], T]) -> T:
        """`work`, done by this process while the copy does its own; if it fails, the
        copy is stopped."""
        try:
            return work()
        except BaseException:
            self.stop()
            raise

    def outcome(self, read: Callable[[BinaryIO], T] = _everything) -> T | None:  # type: ignore[assignment]
        """What `read` makes of what `work` writes, read as it comes (by default, all of
        it, as bytes), once the copy is done; None when it raised or died. Whatever
        `read` leaves is read and dropped, and the copy waited for, however `read`
        ends."""
        with os.fdopen(self._reader, "rb") as pipe:
            try:
                made = read(pipe)
            finally:
                while pipe.read(_CHUNK):
                    pass
                _, status = os.waitpid(self.pid, 0)
        return made if status == 0 else None

    def stop(self) -> None:
        """End the copy now, its work unfinished."""
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self._reader)


def _run_and_send(work: Callable[[BinaryIO], None], writer: int) -> NoReturn:
    failed = True
    try:
        with os.fdopen(writer, "wb") as pipe:
            work(pipe)
        failed = False
    finally:
        os._exit(1 if failed else 0)
