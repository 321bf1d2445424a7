"""A former identifier cannot squat a live one: an organization that lists another's
identifier (or one yet to join) as its own former one redirects nothing there and
never stops the other's pull requests. Nor can it take a departed organization's
identifier: with the directory's git history, a former identifier holds only where
the claimant's folder was renamed from it (N417)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from builders import TODAY, Builder

from ecotone.load.git import FolderHistory, folder_history
from ecotone.render.environment import Renderer
from ecotone.render.redirects import redirect_pages
from ecotone.validate.cache import remembered
from ecotone.validate.run import Report, history_renames, validate_directory, validate_files

ACME_PAGE = "organizations/acme-coop/index.html"


def commit(root: Path, message: str) -> None:
    for args in (["add", "--all"], ["commit", "--quiet", "-m", message]):
        git(root, *args)


def git(root: Path, *args: str) -> None:
    identity = ["-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run(["git", *identity, *args], cwd=root, check=True, capture_output=True)


def with_history(root: Path) -> Report:
    return validate_directory(root, TODAY, renames=history_renames(root))


def notices(report: Report) -> list[str]:
    return [p.file for p in report.problems if p.code == "N417"]


def redirects(report: Report) -> set[str]:
    return {page.src_uri for page in redirect_pages(report.directory, Renderer())}


def test_the_organization_that_joins_later_passes_its_own_pull_request(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    build.organization("squatter", former_ids=["acme-coop"])
    build.organization("acme-coop")
    report = validate_files(tmp_path, ["partners/acme-coop"], TODAY)
    assert [p for p in report.problems if p.is_error or p.is_warning] == []


def test_a_claim_on_a_live_identifier_is_a_notice_to_the_claimant(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    build.organization("squatter", former_ids=["acme-coop"])
    build.organization("acme-coop")
    problems = validate_directory(tmp_path, TODAY).problems
    assert [(p.code, p.file) for p in problems if p.code in ("E414", "N416")] == [
        ("N416", "partners/squatter/organization.yml")
    ]


def test_a_live_organizations_address_never_redirects(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    build.organization("squatter", former_ids=["acme-coop"])
    build.organization("acme-coop")
    pages = [page.src_uri for page in redirect_pages(build.directory(), Renderer())]
    assert "organizations/acme-coop/index.html" not in pages


def test_a_departed_organizations_identifier_cannot_be_taken(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    build.organization("acme-coop")
    build.organization("squatter")
    commit(tmp_path, "both")
    git(tmp_path, "rm", "--quiet", "-r", "partners/acme-coop")
    commit(tmp_path, "acme leaves")
    build.organization("squatter", former_ids=["acme-coop"])
    commit(tmp_path, "the squatter claims acme's address")
    report = with_history(tmp_path)
    assert notices(report) == ["partners/squatter/organization.yml"]
    assert ACME_PAGE not in redirects(report)


def renamed_in_a_later_commit(root: Path) -> None:
    root.mkdir(exist_ok=True)
    build = Builder(root)
    git(root, "init", "--quiet", "--initial-branch=main")
    build.organization("acme-coop")
    commit(root, "acme")
    git(root, "mv", "partners/acme-coop", "partners/acme")
    build.organization("acme", former_ids=["acme-coop"])
    commit(root, "acme renames itself")


def test_a_folder_renamed_from_an_identifier_keeps_its_old_address(tmp_path: Path) -> None:
    renamed_in_a_later_commit(tmp_path)
    report = with_history(tmp_path)
    assert notices(report) == []
    assert ACME_PAGE in redirects(report)


def renamer_and_squatter_that_sorts_first(root: Path) -> None:
    build = Builder(root)
    git(root, "init", "--quiet", "--initial-branch=main")
    build.organization("acme-coop")
    build.organization("aaa", former_ids=["acme-coop"])
    commit(root, "acme, and a squatter waiting")
    git(root, "mv", "partners/acme-coop", "partners/acme")
    build.organization("acme", former_ids=["acme-coop"])


def test_a_squatter_that_sorts_first_never_fails_the_renamers_change(tmp_path: Path) -> None:
    renamer_and_squatter_that_sorts_first(tmp_path)
    report = validate_files(tmp_path, ["partners/acme"], TODAY)  # without the history
    assert [p for p in report.problems if p.is_error or p.is_warning] == []
    assert ACME_PAGE not in redirects(report)  # disputed, and nothing tells whose


def test_the_history_gives_a_disputed_identifier_to_the_renamed_folder(tmp_path: Path) -> None:
    renamer_and_squatter_that_sorts_first(tmp_path)
    commit(tmp_path, "acme renames itself")
    report = with_history(tmp_path)
    assert notices(report) == ["partners/aaa/organization.yml"]
    [page] = [p for p in redirect_pages(report.directory, Renderer()) if p.src_uri == ACME_PAGE]
    assert 'href="../../organizations/acme/"' in str(page.content)


# -- the history, read once: later runs read only the commits since -------------------


def test_a_history_read_at_an_earlier_commit_is_read_on_from_it(tmp_path: Path) -> None:
    renamed_in_a_later_commit(tmp_path)
    git(tmp_path, "checkout", "--quiet", "HEAD~1")
    earlier = folder_history(tmp_path)
    git(tmp_path, "checkout", "--quiet", "main")
    assert earlier is not None and earlier.renames == {}

    assert folder_history(tmp_path, earlier) == folder_history(tmp_path)
    # what it knew is kept, and only the commit since is read
    remembered = FolderHistory(earlier.commit, {"beta": frozenset({"beta-old"})})
    later = folder_history(tmp_path, remembered)
    assert later is not None and later.renames == {"beta": {"beta-old"}, "acme": {"acme-coop"}}


def test_a_history_read_at_the_commit_checked_out_is_not_read_again(tmp_path: Path) -> None:
    renamed_in_a_later_commit(tmp_path)
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=tmp_path, capture_output=True, text=True
    )
    known = FolderHistory(head.stdout.strip(), {"acme": frozenset({"as-remembered"})})

    assert folder_history(tmp_path, known) is known


def test_a_history_from_a_commit_the_branch_no_longer_has_is_read_whole(tmp_path: Path) -> None:
    """A history rewritten (amended, rebased, reset): what was read from the commits it
    dropped no longer holds."""
    renamed_in_a_later_commit(tmp_path)
    dropped = folder_history(tmp_path)
    git(tmp_path, "reset", "--quiet", "--hard", "HEAD~1")
    Builder(tmp_path).organization("beta")
    commit(tmp_path, "beta joins instead")

    assert folder_history(tmp_path, dropped) == folder_history(tmp_path)
    assert folder_history(tmp_path, dropped).renames == {}  # type: ignore[union-attr]


def test_the_history_is_remembered_from_run_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    root = tmp_path / "directory"
    renamed_in_a_later_commit(root)

    renames = history_renames(root)()

    assert FolderHistory.from_plain(remembered(root, "history")) == folder_history(root)
    assert history_renames(root)() == renames == {"acme": {"acme-coop"}}


def test_a_remembered_history_signed_with_another_key_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A history committed into the repository, or written by someone else, could give
    an organization another's former identifier."""
    root = tmp_path / "directory"
    renamed_in_a_later_commit(root)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    history_renames(root)()

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))

    assert remembered(root, "history") is None
