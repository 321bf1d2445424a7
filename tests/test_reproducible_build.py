"""The same data and the same build date give the same site, byte for byte: every
file, the sitemap, its gzip copy, the feeds and the exports included."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from site_helpers import REPO_ROOT, mkdocs_build


def fingerprints(site: Path) -> dict[str, str]:
    return {
        str(path.relative_to(site)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_building_the_example_twice_gives_identical_bytes(tmp_path: Path) -> None:
    first = mkdocs_build(REPO_ROOT / "mkdocs.yml", tmp_path / "first")
    second = mkdocs_build(REPO_ROOT / "mkdocs.yml", tmp_path / "second")
    assert first.returncode == 0, first.output
    assert second.returncode == 0, second.output
    one, two = fingerprints(first.site), fingerprints(second.site)
    assert set(one) == set(two)
    differing = sorted(name for name in one if one[name] != two[name])
    assert differing == []
    assert {"sitemap.xml.gz", "feeds/spaces.atom", "api/directory.json"} <= set(one)


def test_the_sitemap_is_dated_by_the_build_date_not_the_clock(tmp_path: Path) -> None:
    # Years ahead, terms have expired: the warnings must not stop this build.
    build = mkdocs_build(
        REPO_ROOT / "mkdocs.yml", tmp_path / "site", strict=False, today="2031-03-04"
    )
    assert build.returncode == 0, build.output
    sitemap = (build.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2031-03-04</lastmod>" in sitemap


def test_each_build_in_one_process_is_dated_by_its_own_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mkdocs serve` rebuilds in the same process: the date of its first build must
    not stay in the environment for the next."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    for today in ("2026-11-22", "2031-03-04"):
        monkeypatch.setenv("ECOTONE_TODAY", today)
        site = tmp_path / today
        build(load_config(str(REPO_ROOT / "mkdocs.yml"), site_dir=str(site), strict=False))
        assert f"<lastmod>{today}</lastmod>" in (site / "sitemap.xml").read_text("utf-8")
        assert "SOURCE_DATE_EPOCH" not in os.environ
