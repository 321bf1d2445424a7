"""`mkdocs serve`'s rebuilds, without emptying the site folder file by file first.

Before every rebuild MkDocs deletes the previous build's files one by one: at
1,000 organizations, 9,234 files, 1.4 s before the build starts, and on a disk
that discards deleted blocks the new build's files are then written slower too.
Each rebuild here starts instead by moving the previous build's files into one
hidden folder in the site folder (a rename per top-level entry; MkDocs' cleaning
leaves hidden entries alone), and a thread removes that folder once the new
build is served, while the reader looks at the page.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

SET_ASIDE = ".ecotone-previous-build"


class Rebuilds:
    """`mkdocs serve`'s builder, setting the previous build aside before each call."""

    def __init__(self, build: Callable[[], None], site_dir: Path) -> None:
        self._build = build
        self._site_dir = site_dir
        self._removal: threading.Thread | None = None

    def __call__(self) -> None:
        self.wait()
        if not self._site_dir.is_dir():  # removed meanwhile: MkDocs makes it again
            self._build()
            return
        aside = self._set_aside()
        try:
            self._build()
        finally:
            self._removal = threading.Thread(target=_remove, args=(aside,), daemon=True)
            self._removal.start()

    def wait(self) -> None:
        """Return once the previous build's files are removed (MkDocs removes the
        whole site folder when it stops serving)."""
        if self._removal is not None:
            self._removal.join()
            self._removal = None

    def _set_aside(self) -> Path:
        aside = self._site_dir / SET_ASIDE
        _remove(aside)  # what a removal cut short left
        aside.mkdir()
        for name in os.listdir(self._site_dir):
            if not name.startswith("."):
                os.rename(self._site_dir / name, aside / name)
        return aside


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
