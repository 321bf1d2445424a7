"""The day MkDocs stops: ProperDocs, a drop-in fork of MkDocs 1.6, builds the example
with the same hooks into the same site, byte for byte but for the generator tag."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_helpers import REPO_ROOT, Build, mkdocs_build

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Build]:
    root = tmp_path_factory.mktemp("generators")
    config = REPO_ROOT / "mkdocs.yml"
    mkdocs = mkdocs_build(config, root / "mkdocs")
    properdocs = mkdocs_build(config, root / "properdocs", generator="properdocs")
    assert mkdocs.returncode == 0, mkdocs.output
    assert properdocs.returncode == 0, properdocs.output
    return mkdocs, properdocs


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_properdocs_builds_the_example_strictly_with_the_same_hooks(builds) -> None:
    _, properdocs = builds
    assert "WARNING" not in properdocs.output
    assert "ecotone: " in properdocs.output  # the hooks ran: their notices are logged
    assert 'content="mkdocs-ProperDocs ' in properdocs.html("marketplace/")


def test_every_file_is_the_same_but_for_the_generator_tag(builds) -> None:
    mkdocs, properdocs = builds
    ours, theirs = files(mkdocs.site), files(properdocs.site)
    assert sorted(ours) == sorted(theirs)
    differ = [
        name for name in ours if GENERATOR.sub(b"", ours[name]) != GENERATOR.sub(b"", theirs[name])
    ]
    assert differ == []
    assert any(ours[name] != theirs[name] for name in ours)  # the tags do differ
