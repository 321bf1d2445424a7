"""The validation cache: a run that takes the clean files from a previous run's cache
gives the same result as a run without it, and a cache that is not exactly what
this installation wrote is ignored."""

from __future__ import annotations

import hashlib
import hmac
import shutil
from pathlib import Path

import pytest
from site_helpers import REPO_ROOT, TODAY

from ecotone.load import directory, positions
from ecotone.load.positions import Source
from ecotone.validate.cache import CACHE_FOLDER, ValidationCache
from ecotone.validate.report import as_text
from ecotone.validate.run import Report, validate_directory

SPACE = "partners/tandem-network/spaces/partners-table.yml"


@pytest.fixture(autouse=True)
def own_signing_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture
def example(tmp_path: Path) -> Path:
    root = tmp_path / "directory"
    shutil.copytree(REPO_ROOT / "partners", root / "partners")
    return root


def outcome(report: Report) -> tuple[str, str]:
    """The model as written out in full (its sources compare by identity), and the
    report."""
    return repr(report.directory), as_text(report.problems)


def cache_file(root: Path) -> Path:
    (file,) = (root / CACHE_FOLDER).glob("validate-*.marshal")
    return file


def test_a_run_from_the_cache_gives_what_a_run_without_it_gives(example: Path) -> None:
    uncached = validate_directory(example, TODAY, cached=False)

    validate_directory(example, TODAY)  # fills the cache
    cached = validate_directory(example, TODAY)

    assert cache_file(example).stat().st_size > 0
    assert outcome(cached) == outcome(uncached)


def test_an_edit_after_the_cache_was_filled_is_checked_across_the_directory(
    example: Path,
) -> None:
    validate_directory(example, TODAY)
    space = example / SPACE
    space.write_text(
        space.read_text(encoding="utf-8").replace(
            "host_circle: steering\n", "host_circle: steerin\n"
        ),
        encoding="utf-8",
    )

    cached = validate_directory(example, TODAY)

    assert "tandem-network has no circle 'steerin'" in as_text(cached.errors)
    assert outcome(cached) == outcome(validate_directory(example, TODAY, cached=False))


def test_a_corrupt_cache_is_ignored(example: Path) -> None:
    validate_directory(example, TODAY)
    cache_file(example).write_bytes(b"\x00not a cache at all")

    assert outcome(validate_directory(example, TODAY)) == outcome(
        validate_directory(example, TODAY, cached=False)
    )


def test_a_cache_signed_with_another_key_is_ignored(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A cache that came with the repository, made by someone else: it says that the
    # space's text parsed to data the file does not hold.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    validate_directory(example, TODAY)
    file = cache_file(example)
    _, _, body = file.read_bytes().partition(b"\n")
    forged = body.replace(b"Partners' table", b"Forged: a title")  # as long: marshal stays whole
    their_key = bytes.fromhex((tmp_path / "someone-else/ecotone/cache-key").read_text())
    signature = hmac.new(their_key, forged, hashlib.sha256).hexdigest().encode()
    file.write_bytes(signature + b"\n" + forged)
    assert forged != body
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))

    titles = [space.title for space in validate_directory(example, TODAY).directory.spaces]

    assert "Forged: a title" not in titles
    assert "Partners' table" in titles


def test_a_file_with_problems_is_reported_in_full_from_a_warm_cache(example: Path) -> None:
    space = example / SPACE
    space.write_text(space.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    cold = validate_directory(example, TODAY)

    warm = validate_directory(example, TODAY)

    assert cold.errors
    assert as_text(warm.problems) == as_text(cold.problems)


def test_a_notice_is_placed_from_the_cache_without_reading_its_file_again(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = validate_directory(example, TODAY)

    def not_read_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("a notice's file was read again to place it")

    monkeypatch.setattr(positions.yaml, "parse", not_read_again)
    warm = validate_directory(example, TODAY)

    assert "N412" in {problem.code for problem in cold.problems}
    assert as_text(warm.problems) == as_text(cold.problems)


def retitle(space: Path, title: str) -> None:
    lines = space.read_text(encoding="utf-8").split("\n")
    space.write_text(
        "\n".join(f"title: {title}" if line.startswith("title:") else line for line in lines),
        encoding="utf-8",
    )


def test_a_cache_kept_from_run_to_run_gives_what_a_run_without_it_gives(example: Path) -> None:
    kept = ValidationCache.of(example)  # as `mkdocs serve` keeps it between rebuilds
    validate_directory(example, TODAY, cache=kept)
    retitle(example / SPACE, "Partners' table, renamed")

    from_kept = validate_directory(example, TODAY, cache=kept)

    assert outcome(from_kept) == outcome(validate_directory(example, TODAY, cached=False))


def test_a_cache_kept_from_run_to_run_is_not_read_again(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = ValidationCache.of(example)
    validate_directory(example, TODAY, cache=kept)
    cache_file(example).unlink()
    retitle(example / SPACE, "Partners' table, renamed")
    parsed: list[str] = []
    parse_all = directory.parse_all

    def noted(sources: list[positions.Source]) -> object:
        parsed.extend(source.file for source in sources)
        return parse_all(sources)

    monkeypatch.setattr(directory, "parse_all", noted)

    validate_directory(example, TODAY, cache=kept)

    assert parsed == [SPACE]


def test_a_cache_file_another_run_replaced_is_not_copied_from(example: Path) -> None:
    kept = ValidationCache.of(example)
    validate_directory(example, TODAY, cache=kept)
    space = example / SPACE
    space.with_name("second-table.yml").write_text(space.read_text(encoding="utf-8"))
    validate_directory(example, TODAY)  # another run writes the file anew, laid out otherwise
    retitle(space, "Partners' table, renamed")

    validate_directory(example, TODAY, cache=kept)

    profile = "partners/tandem-network/organization.yml"
    text = (example / profile).read_text(encoding="utf-8")
    assert ValidationCache.of(example).known("organization", Source(profile, text)) is not None


def test_a_run_takes_the_entries_whose_files_read_the_same_from_the_model_before(
    example: Path,
) -> None:
    before = validate_directory(example, TODAY).directory
    retitle(example / SPACE, "Partners' table, renamed")

    after = validate_directory(example, TODAY, previous=before).directory

    unchanged, edited = "partners/tandem-network/organization.yml", SPACE
    taken = {entry.source.file: entry for entry in (*after.organizations, *after.spaces)}
    made = {entry.source.file: entry for entry in (*before.organizations, *before.spaces)}
    assert taken[unchanged].circles is made[unchanged].circles
    assert taken[edited].participants is not made[edited].participants
    assert taken[edited].title == "Partners' table, renamed"
    assert repr(after) == repr(validate_directory(example, TODAY, cached=False).directory)
