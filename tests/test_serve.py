"""`mkdocs serve` as a steward uses it: a saved edit shows on the served page, each
rebuild serves the new build only, and what a rebuild writes when it is asked for
is what a build writes."""

from __future__ import annotations

import itertools
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import Tree, commit_base, git
from mkdocs.livereload import LiveReloadServer
from site_helpers import TODAY, mkdocs_build, write_site_config

from ecotone import mkdocs_serve
from ecotone.mkdocs_serve import SET_ASIDE, Rebuilds
from ecotone.render.environment import Compiled

POND = "partners/beta/spaces/pond.yml"
LAB = "partners/alpha/spaces/lab.yml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(tree: Tree, temp: Path | None = None) -> Iterator[str]:
    """`mkdocs serve` of the directory: its base URL; stopped with Ctrl-C after. It
    makes its site folder in `temp`, when given."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ECOTONE_TODAY": TODAY.isoformat()}
    if temp is not None:
        temp.mkdir()
        env["TMPDIR"] = str(temp)
    config = write_site_config(tree.root)
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config)]
    server = subprocess.Popen(
        [*command, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tree.root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.send_signal(signal.SIGINT)
        _, errors = server.communicate(timeout=60)
        assert server.returncode == 0, errors
        assert "Traceback" not in errors


def fetched(url: str) -> tuple[int, str]:
    status, content = fetched_bytes(url)
    return status, content.decode("utf-8")


def fetched_bytes(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except OSError:
        return 0, b""


# What MkDocs' server adds to each HTML page it serves, before `</body>`.
LIVERELOAD = re.compile(rb"<script>\s*var livereload = .*?</script>(?=</body>)", re.DOTALL)


def eventually(check, timeout: float = 60) -> None:
    """Wait until `check()` holds, polling; fail at the timeout."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"still not true after {timeout} s: {check.__doc__}")
        time.sleep(0.1)


def test_a_rebuild_under_serve_serves_the_edit_and_nothing_of_the_build_before(
    minimal: Tree,
) -> None:
    minimal.write(POND, minimal.read("partners/beta/spaces/garden.yml").replace("Garden", "Pond"))
    with serving(minimal) as base:

        def first_build_served() -> bool:
            """the first build serves the pond's page"""
            return "Pond notes" in fetched(base + "spaces/beta/pond/")[1]

        eventually(first_build_served)
        minimal.replace(LAB, "title: ", "title: Edited ")
        minimal.path(POND).unlink()

        def edit_served() -> bool:
            """the rebuild serves the edited title"""
            return "Edited " in fetched(base + "spaces/alpha/lab/")[1]

        def previous_build_removed() -> bool:
            """the previous build's files are removed"""
            return fetched(f"{base}{SET_ASIDE}/spaces/beta/pond/")[0] == 404

        eventually(edit_served)
        assert fetched(base + "spaces/beta/pond/")[0] == 404
        eventually(previous_build_removed)


def edited_and_rebuilt(tree: Tree, base: str) -> None:
    """Serve's first build served, then the lab space edited and the rebuild served."""
    eventually(lambda: fetched(base + "spaces/alpha/lab/")[0] == 200)
    tree.replace(LAB, "title: ", "title: Edited ")
    eventually(lambda: "Edited " in fetched(base + "spaces/alpha/lab/")[1])


def test_a_rebuild_under_serve_serves_each_file_as_a_build_writes_it(
    minimal: Tree, tmp_path: Path
) -> None:
    with serving(minimal) as base:
        edited_and_rebuilt(minimal, base)
        # The same directory built, at the address serve gives the site.
        config = minimal.path("mkdocs.yml").read_text(encoding="utf-8")
        served_config = minimal.write("built.yml", config.replace("http://127.0.0.1:8000/", base))
        build = mkdocs_build(served_config, tmp_path / "site")
        assert build.returncode == 0, build.output
        files = sorted(path for path in build.site.rglob("*") if path.is_file())
        assert len(files) > 50
        for path in files:
            status, content = fetched_bytes(base + path.relative_to(build.site).as_posix())
            assert status == 200, path
            assert LIVERELOAD.sub(b"", content) == path.read_bytes(), path


def test_a_rebuild_under_serve_writes_an_entry_page_when_it_is_asked_for(
    minimal: Tree, tmp_path: Path
) -> None:
    with serving(minimal, temp=tmp_path / "temp") as base:
        edited_and_rebuilt(minimal, base)
        [site] = (tmp_path / "temp").glob("mkdocs_*")
        garden = site / "spaces/beta/garden/index.html"
        assert not garden.exists()
        assert "Garden" in fetched(base + "spaces/beta/garden/")[1]
        assert garden.is_file()


def rebuilds_of(tree: Tree) -> Rebuilds:
    """serve's Rebuilds around a server that is never started."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tree.root))
    return Rebuilds(server, tree.root / "site", Compiled())


def counted() -> Callable[[], int]:
    """A reading of the history that says how many times it has been made."""
    made = itertools.count(1)
    return lambda: next(made)


def test_a_rebuild_reads_the_history_again_only_once_the_branch_has_moved(minimal: Tree) -> None:
    git(minimal.root, "init", "--quiet")
    commit_base(minimal, "The directory")
    rebuilds, read = rebuilds_of(minimal), counted()
    first = rebuilds.read_history(minimal.root, TODAY, "dates", read)
    rebuilds()
    kept = rebuilds.read_history(minimal.root, TODAY, "dates", read)
    minimal.replace(LAB, "title: ", "title: Our ")
    rebuilds()
    edited = rebuilds.read_history(minimal.root, TODAY, "dates", read)
    git(minimal.root, "commit", "--quiet", "-am", "A new title")
    rebuilds()

    committed = rebuilds.read_history(minimal.root, TODAY, "dates", read)
    next_day = rebuilds.read_history(minimal.root, TODAY + timedelta(days=1), "dates", read)

    assert (first, kept, edited, committed, next_day) == (1, 1, 1, 2, 3)


def test_a_rebuild_asks_git_for_the_branch_once_whatever_it_reads(
    minimal: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    git(minimal.root, "init", "--quiet")
    commit_base(minimal, "The directory")
    asked: list[Path] = []
    real = mkdocs_serve.branch_state

    def branch_state(root: Path) -> str | None:
        asked.append(root)
        return real(root)

    monkeypatch.setattr(mkdocs_serve, "branch_state", branch_state)
    rebuilds = rebuilds_of(minimal)
    for reading in ("dates", "seats", "renames"):
        rebuilds.read_history(minimal.root, TODAY, reading, counted())
    rebuilds()
    rebuilds.read_history(minimal.root, TODAY, "dates", counted())

    assert asked == [minimal.root, minimal.root]


def test_outside_git_a_rebuild_reads_the_history_every_time(minimal: Tree) -> None:
    rebuilds, read = rebuilds_of(minimal), counted()
    readings = [rebuilds.read_history(minimal.root, TODAY, "dates", read) for _ in range(2)]

    assert readings == [1, 2]
