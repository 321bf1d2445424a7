"""`mkdocs serve`'s rebuilds: the previous build set aside rather than deleted file
by file, and the entry pages written when they are asked for.

Before every rebuild MkDocs deletes the previous build's files one by one: at
1,000 organizations, 9,234 files, 1.4 s before the build starts, and on a disk
that discards deleted blocks the new build's files are then written slower too.
Each rebuild here starts instead by moving the previous build's files into one
hidden folder in the site folder (a rename per top-level entry; MkDocs' cleaning
leaves hidden entries alone), and a thread removes that folder once the new
build is served, while the reader looks at the page.

A rebuild leaves the files that most of its time went into, the entry pages and
the big generated files, to be written when the browser asks for one (see
`Rebuilds.write_when_asked`): a steward who saves an edit looks at a page or
two, not at thousands. The first build, which MkDocs makes before serving,
writes every file.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import threading
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.livereload import LiveReloadServer

from ecotone.load.git import branch_state
from ecotone.model import Directory
from ecotone.render.environment import Compiled
from ecotone.validate.cache import ValidationCache
from ecotone.validate.run import Renames, Report, validate_directory

SET_ASIDE = ".ecotone-previous-build"

# The `Rebuilds` a build runs under: set only while one of `mkdocs serve`'s
# rebuilds runs, so that the build (a new EcotoneBuild each time) can hand it the
# files to write when asked for.
REBUILDING: ContextVar[Rebuilds | None] = ContextVar("ecotone_rebuilding", default=None)

Writer = Callable[[], None]
T = TypeVar("T")


class Rebuilds:
    """`mkdocs serve`'s builder and its server's handler of requests, around MkDocs'
    own: sets the previous build aside before each rebuild, and writes a file the
    rebuild left waiting when it is first asked for."""

    def __init__(self, server: LiveReloadServer, site_dir: Path, compiled: Compiled) -> None:
        self.compiled = compiled  # the templates the first build compiled, for the rebuilds
        self._validation: ValidationCache | None = None  # as the last rebuild left it
        self._model: Directory | None = None  # the last rebuild's
        # What was read from the branch's history, by reading, and the branch and
        # day it was read at.
        self._history: dict[str, Any] = {}
        self._history_read_at: tuple[str, date] | None = None
        # The branch's state, asked of git once a rebuild, by directory root.
        self._branch_states: dict[Path, str | None] = {}
        self._build = server.builder
        self._serve = server.serve_request
        self._mount_path = server.mount_path
        self._site_dir = site_dir
        self._removal: threading.Thread | None = None
        # Held by a rebuild, and by a request while it writes a waiting file: a file
        # is written by the build it belongs to, never into the next one.
        self._lock = threading.Lock()
        self._waiting: dict[str, Writer] = {}  # by path in the site folder
        server.builder = self
        server.set_app(self.serve_request)

    def __call__(self) -> None:
        with self._lock:
            self.wait()
            self._waiting = {}
            self._branch_states = {}
            token = REBUILDING.set(self)
            try:
                self._rebuild()
            finally:
                REBUILDING.reset(token)

    def validate(self, root: Path, today: date, renames: Renames) -> Report:
        """`validate_directory` with what the rebuild before knew: the validation
        cache, read by the first rebuild and then kept here as each leaves it, and
        the model, whose entries are taken where their files read the same."""
        if self._validation is None:
            self._validation = ValidationCache.of(root)
        report = validate_directory(
            root, today, renames=renames, cache=self._validation, previous=self._model
        )
        self._model = report.directory
        return report

    def read_history(self, root: Path, today: date, reading: str, read: Callable[[], T]) -> T:
        """What `read` finds in the branch's history (`reading` names it): as the
        rebuild before found it, while the same commit is checked out on the same
        day. An edit changes the files, never their history; a commit, a checkout
        or the next day reads it again (0.17 s of a rebuild in a repository of
        one commit at 1,000 organizations, more with every commit)."""
        if root not in self._branch_states:  # a git command, asked once for every reading
            self._branch_states[root] = branch_state(root)
        state = self._branch_states[root]
        if state is None:
            return read()
        if self._history_read_at != (state, today):
            self._history, self._history_read_at = {}, (state, today)
        if reading not in self._history:
            self._history[reading] = read()
        found: T = self._history[reading]
        return found

    def write_when_asked(self, files: Mapping[str, Writer]) -> None:
        """Files of the rebuild under way that `files` write, by their paths in the
        site folder: each is written when a request first asks for it."""
        self._waiting.update(files)

    def serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        """MkDocs' answer to the request; when that is "not found" for a file the
        last build left waiting, the file is written and the request answered again.
        MkDocs answers only once the build under way (if any) has ended, so the
        files waiting are then that build's."""
        answers: list[tuple[Any, ...]] = []
        body = self._serve(environ, lambda *answer: answers.append(answer))
        if answers and answers[0][0].startswith("404") and self._write_waiting(environ):
            return self._serve(environ, start_response)
        start_response(*answers[0])
        return body

    def _write_waiting(self, environ: dict[str, Any]) -> bool:
        path = _site_path(environ["PATH_INFO"], self._mount_path)
        if path is None:
            return False
        with self._lock:
            for candidate in (path, posixpath.join(path, "index.html")):
                if write := self._waiting.pop(candidate, None):
                    write()
                    return True
        return False

    def wait(self) -> None:
        """Return once the previous build's files are removed (MkDocs removes the
        whole site folder when it stops serving)."""
        if self._removal is not None:
            self._removal.join()
            self._removal = None

    def _rebuild(self) -> None:
        if not self._site_dir.is_dir():  # removed meanwhile: MkDocs makes it again
            self._build()
            return
        aside = self._set_aside()
        try:
            self._build()
        finally:
            self._removal = threading.Thread(target=_remove, args=(aside,), daemon=True)
            self._removal.start()

    def _set_aside(self) -> Path:
        aside = self._site_dir / SET_ASIDE
        _remove(aside)  # what a removal cut short left
        aside.mkdir()
        for name in os.listdir(self._site_dir):
            if not name.startswith("."):
                os.rename(self._site_dir / name, aside / name)
        return aside


def _site_path(path_info: str, mount_path: str) -> str | None:
    """The path in the site folder that MkDocs' server reads for a request's path,
    or None for a request outside the site."""
    path = path_info.encode("latin-1").decode("utf-8", "ignore")
    if not (path + "/").startswith(mount_path):
        return None
    relative = path[len(mount_path) :] + ("index.html" if path.endswith("/") else "")
    return posixpath.normpath("/" + relative).lstrip("/")


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
