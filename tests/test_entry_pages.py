"""The entry pages are written on both cores, shared with a forked copy of the
build as each is ready for more, whose log and failures reach the build as if it
had written them itself.
(That the pages are MkDocs' own, byte for byte, is test_site_build's comparison.)
The big generated files are made only when they are written, and not kept."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import pytest
from jinja2 import Environment
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from site_helpers import REPO_ROOT

from ecotone.mkdocs_pages import CanonicalUrls, Claims, EntryWriter, Forked
from ecotone.render.pages import DeferredFile


def in_two(work: Callable[[Iterable[int]], None], items: Sequence[int]) -> None:
    """`work` as the entry writer shares it: a forked copy and this process."""
    claims = Claims(items)
    forked = Forked(work, claims)
    try:
        work(claims)
    finally:
        forked.join()


def test_every_item_is_worked_on_once_across_the_two_processes(tmp_path: Path) -> None:
    def work(items: Iterable[int]) -> None:
        for item in items:
            with (tmp_path / f"{item}.txt").open("x") as file:  # fails if done twice
                file.write(str(item))

    in_two(work, range(100))

    assert sorted(int(path.stem) for path in tmp_path.iterdir()) == list(range(100))


def test_a_process_that_starts_late_leaves_the_items_to_the_other(tmp_path: Path) -> None:
    """As this process builds MkDocs' own pages while its copy writes entry pages."""
    here = os.getpid()

    def work(items: Iterable[int]) -> None:
        if os.getpid() == here:  # late: the copy has been at it all along
            while not (tmp_path / "done").exists():
                time.sleep(0.01)
        for item in items:
            (tmp_path / f"{item}.{os.getpid()}").touch()
        if os.getpid() != here:
            (tmp_path / "done").touch()

    in_two(work, range(100))

    written = [path for path in tmp_path.iterdir() if path.name != "done"]
    assert len(written) == 100
    assert [path for path in written if path.suffix == f".{here}"] == []


def test_a_warning_logged_in_the_child_is_logged_by_the_build(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def work(items: Iterable[int]) -> None:
        for item in items:
            logging.getLogger("mkdocs.plugins.ecotone").warning("page %d is odd", item)

    with caplog.at_level(logging.INFO, logger="mkdocs"):
        in_two(work, range(4))

    assert sorted(caplog.messages) == [
        "page 0 is odd",
        "page 1 is odd",
        "page 2 is odd",
        "page 3 is odd",
    ]


def test_a_failure_in_the_child_stops_the_build_with_its_traceback() -> None:
    here = os.getpid()

    def work(items: Iterable[int]) -> None:
        for _ in items:
            pass
        if os.getpid() != here:
            raise RuntimeError("the theme broke in the child")

    with pytest.raises(PluginError, match="the theme broke in the child"):
        in_two(work, range(4))


def test_a_deferred_file_is_made_when_it_is_written_and_not_kept(tmp_path: Path) -> None:
    made: list[int] = []

    def make() -> Iterator[str]:
        made.append(1)
        yield '{"spaces": '
        yield "[]}"

    config = load_config(str(REPO_ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    file = DeferredFile("api/directory.json", make)
    assert made == []

    writer = EntryWriter([], [file], config, Navigation([], []), Environment(), [])
    writer.start()
    writer.finish()

    assert (tmp_path / "api" / "directory.json").read_text(encoding="utf-8") == '{"spaces": []}'
    assert made == [1]
    assert vars(file) == {"src_uri": "api/directory.json", "make": make}


def test_a_failed_build_stops_the_forked_copy_at_once() -> None:
    def work(items: Sequence[int]) -> None:
        time.sleep(60)

    started = time.monotonic()
    forked = Forked(work, [1])
    forked.stop()

    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(forked.pid, os.WNOHANG)  # gone, not even left to be reaped


@pytest.mark.parametrize(
    "site_url",
    [
        "https://example.org/",
        "https://example.org/directory",
        "https://example.org/a/../directory/",
        "https://example.org//directory/",
        "HTTPS://example.org/Directory/",
        "https://example.org/?preview=1",
        "http://127.0.0.1:8000/",
        "",
    ],
)
@pytest.mark.parametrize(
    "src_uri",
    ["spaces/alpha/lab.md", "organizations/alpha.md", "index.md", "a/../b.md", "café/lab.md"],
)
@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_an_entry_page_s_sitemap_address_is_the_one_mkdocs_gives_its_page(
    site_url: str, src_uri: str, use_directory_urls: bool
) -> None:
    file = File(src_uri, None, "/site", use_directory_urls)
    page = Page(None, file, {"site_url": site_url})

    address = CanonicalUrls(site_url).of(file.url)

    assert address == (page.canonical_url, page.abs_url)
