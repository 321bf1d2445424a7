"""`mkdocs serve` as a steward uses it: a saved edit shows on the served page, and
each rebuild serves the new build only."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from conftest import Tree
from site_helpers import TODAY, write_site_config

from ecotone.mkdocs_serve import SET_ASIDE

POND = "partners/beta/spaces/pond.yml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(tree: Tree) -> Iterator[str]:
    """`mkdocs serve` of the directory: its base URL; stopped with Ctrl-C after."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ECOTONE_TODAY": TODAY.isoformat()}
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
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


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
        minimal.replace("partners/alpha/spaces/lab.yml", "title: ", "title: Edited ")
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
