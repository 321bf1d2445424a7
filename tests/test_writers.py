"""Commands that write keep data: they never write or read through a symbolic link,
replace a file only whole, and tell an OS error as an `ecotone:` message with
the path and exit code 1, never a traceback.

Permission tests run the command as the user `nobody` (with `setpriv`), since
root may read and write anything; where that is not possible they are skipped
and say why.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from conftest import MINIMAL, TODAY, Tree

ECOTONE = str(Path(sys.executable).with_name("ecotone"))
NOBODY = 65534
STEWARDS = "stewards:\n  - the-stewards\n"


def ecotone(*args: str | Path, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ECOTONE, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
def repo(minimal: Tree) -> Tree:
    minimal.write("ecotone.yml", STEWARDS)
    return minimal


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the directory that a link inside it points to."""
    path = tmp_path / "elsewhere" / "private.txt"
    path.parent.mkdir()
    path.write_text("TOP SECRET\n", encoding="utf-8")
    return path


def test_codeowners_refuses_to_write_through_a_linked_file(repo: Tree, outside: Path) -> None:
    repo.path(".github").mkdir()
    repo.path(".github/CODEOWNERS").symlink_to(outside)
    result = ecotone("codeowners", repo.root)
    assert result.returncode == 1
    assert "is a symbolic link" in result.stderr and "Traceback" not in result.stderr
    assert outside.read_text(encoding="utf-8") == "TOP SECRET\n"


def test_codeowners_refuses_to_write_through_a_linked_folder(repo: Tree, outside: Path) -> None:
    repo.path(".github").symlink_to(outside.parent)
    result = ecotone("codeowners", repo.root)
    assert result.returncode == 1
    assert "is a symbolic link" in result.stderr
    assert sorted(p.name for p in outside.parent.iterdir()) == ["private.txt"]


def test_codeowners_check_never_prints_a_linked_files_content(repo: Tree, outside: Path) -> None:
    repo.path(".github").mkdir()
    repo.path(".github/CODEOWNERS").symlink_to(outside)
    result = ecotone("codeowners", "--check", repo.root)
    assert result.returncode == 1
    assert "TOP SECRET" not in result.stdout + result.stderr


def _small_file_limit() -> None:
    """Files of at most 300 bytes, as on a disk that is nearly full; a write past the
    limit fails (EFBIG) instead of killing the process."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (300, 300))


def test_codeowners_cut_short_leaves_the_old_file_whole(repo: Tree) -> None:
    assert ecotone("codeowners", repo.root).returncode == 0
    repo.write(
        "partners/alpha/organization.yml",
        repo.read("partners/alpha/organization.yml").replace(
            "  - alpha-admin\n", "  - alpha-admin\n  - a-second-maintainer\n"
        ),
    )
    before = repo.read(".github/CODEOWNERS")
    result = ecotone("codeowners", repo.root, preexec_fn=_small_file_limit)
    assert result.returncode == 1
    assert result.stderr.startswith("ecotone: cannot write ")
    assert repo.read(".github/CODEOWNERS") == before
    assert [p.name for p in repo.path(".github").iterdir()] == ["CODEOWNERS"]


def test_new_refuses_to_write_into_a_linked_folder(repo: Tree, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere-spaces"
    elsewhere.mkdir()
    spaces = repo.path("partners/alpha/spaces")
    shutil.move(spaces, tmp_path / "moved")
    spaces.symlink_to(elsewhere)
    result = ecotone(
        "new",
        "collaboration",
        repo.root,
        *("--org", "alpha", "--host-circle", "training", "--title", "Repair cafe"),
        *("--aim", "Mend.", "--domain", "The calendar.", "--start", TODAY.isoformat()),
    )
    assert result.returncode == 1
    assert "symbolic link" in result.stderr and "Traceback" not in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_synth_refuses_a_linked_docs_folder_before_writing_anything(tmp_path: Path) -> None:
    elsewhere, outdir = tmp_path / "elsewhere", tmp_path / "out"
    elsewhere.mkdir()
    outdir.mkdir()
    (outdir / "docs").symlink_to(elsewhere)
    result = ecotone("synth", outdir, "--orgs", "2", "--spaces", "2")
    assert result.returncode == 1
    assert "docs is a symbolic link" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in outdir.iterdir()) == ["docs"]
    assert list(elsewhere.iterdir()) == []


def test_init_refuses_a_linked_folder_before_writing_anything(tmp_path: Path) -> None:
    elsewhere, linked = tmp_path / "elsewhere", tmp_path / "new-directory"
    elsewhere.mkdir()
    linked.symlink_to(elsewhere)
    result = ecotone(
        "init",
        linked,
        *("--org", "gamma", "--name", "Gamma", "--summary", "We mend.", "--maintainers", "gi"),
        *("--requirement", "ecotone"),
    )
    assert result.returncode == 1
    assert "new-directory is a symbolic link" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(elsewhere.iterdir()) == []


# -- as a user who may not read or write everything --------------------------


def _as_nobody() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: root may read and write any file")
    command = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    if not _may_run_ecotone(tuple(command)):
        pytest.skip(
            f"user nobody may not run {ECOTONE}: a folder above this checkout is private"
            " (as `mktemp -d` makes them); clone it where every user may enter to run these"
        )
    return command


@cache
def _may_run_ecotone(as_nobody: tuple[str, ...]) -> bool:
    """Whether `nobody` reaches the checkout's ecotone at all, asked once."""
    probe = subprocess.run([*as_nobody, ECOTONE, "--help"], capture_output=True, check=False)
    return probe.returncode == 0


def as_nobody(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_as_nobody(), ECOTONE, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def shared() -> Iterator[Tree]:
    """The minimal directory in a folder every user may enter and read (pytest's own
    temporary folders are private to their owner)."""
    folder = Path(tempfile.mkdtemp(prefix="ecotone-writers-"))
    folder.chmod(0o755)
    root = folder / "directory"
    shutil.copytree(MINIMAL, root)
    (root / "ecotone.yml").write_text(STEWARDS, encoding="utf-8")
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    yield Tree(root)
    shutil.rmtree(folder)


def test_an_unreadable_entry_is_a_located_problem_and_the_rest_is_checked(shared: Tree) -> None:
    shared.path("partners/beta/spaces/garden.yml").chmod(0o000)
    shared.replace("partners/alpha/spaces/lab.yml", "host_circle: training", "host_circle: trainin")
    result = as_nobody("validate", shared.root, "--today", TODAY.isoformat())
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "partners/beta/spaces/garden.yml:1:1: E115 error" in result.stdout
    assert "permission denied" in result.stdout
    assert "partners/alpha/spaces/lab.yml" in result.stdout  # still checked: E402


def test_an_unreadable_folder_is_a_located_problem(shared: Tree) -> None:
    shared.path("partners/beta/spaces").chmod(0o000)
    result = as_nobody("validate", shared.root, "--today", TODAY.isoformat())
    assert "partners/beta/spaces:1:1: E115 error" in result.stdout
    assert "Traceback" not in result.stderr


def test_codeowners_in_a_folder_it_may_not_write_says_so(shared: Tree) -> None:
    shared.path(".github").mkdir(mode=0o755)
    result = as_nobody("codeowners", shared.root)
    assert result.returncode == 1
    assert result.stderr.startswith("ecotone: cannot write ")
    assert ".github" in result.stderr and "Traceback" not in result.stderr


def test_new_in_a_folder_it_may_not_write_says_so(shared: Tree) -> None:
    result = as_nobody(
        "new",
        "organization",
        shared.root,
        *("--org", "gamma", "--name", "Gamma", "--summary", "We mend.", "--maintainers", "gi"),
    )
    assert result.returncode == 1
    assert result.stderr.startswith("ecotone: cannot write ")
    assert "partners" in result.stderr and "Traceback" not in result.stderr


def test_init_in_a_folder_it_may_not_write_says_so(shared: Tree) -> None:
    result = as_nobody(
        "init",
        shared.root.parent / "new-directory",
        *("--org", "gamma", "--name", "Gamma", "--summary", "We mend.", "--maintainers", "gi"),
        "--requirement",
        "ecotone",
    )
    assert result.returncode == 1
    assert result.stderr.startswith("ecotone: ")
    assert "new-directory" in result.stderr and "Traceback" not in result.stderr
