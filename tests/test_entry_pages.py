"""The entry pages are written on both cores: half of them by a forked copy of the
build, whose log and failures reach the build as if it had written them itself.
(That the pages are MkDocs' own, byte for byte, is test_site_build's comparison.)"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from ecotone.mkdocs_pages import in_two


def test_every_item_is_worked_on_once_across_the_two_processes(tmp_path: Path) -> None:
    def work(items: Sequence[int]) -> None:
        for item in items:
            with (tmp_path / f"{item}.txt").open("x") as file:  # fails if done twice
                file.write(str(item))

    in_two(work, range(25))

    assert sorted(int(path.stem) for path in tmp_path.iterdir()) == list(range(25))


def test_a_warning_logged_in_the_child_is_logged_by_the_build(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def work(items: Sequence[int]) -> None:
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
    def work(items: Sequence[int]) -> None:
        if 1 in items:
            raise RuntimeError("the theme broke on page 1")

    with pytest.raises(PluginError, match="the theme broke on page 1"):
        in_two(work, range(4))
