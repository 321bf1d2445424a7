"""The locks: what every install reads, so that a fresh clone, CI and the deploy
install the same packages as the day the lock was written."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from conftest import REPO_ROOT
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from ecotone.load.positions import Source
from ecotone.load.safe_yaml import parse

LOCK = REPO_ROOT / "requirements.txt"
INIT_LOCK = REPO_ROOT / "src" / "ecotone" / "templates" / "init" / "requirements.txt"
PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PYTHON_311 = default_environment() | {"python_version": "3.11", "python_full_version": "3.11.9"}


def locked(path: Path) -> dict[str, Version]:
    """Each package the lock installs on Python 3.11, with its version; a line that
    is not `name==version` with at least one hash fails here."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    versions = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        spec, *hashes = line.split(" --hash=")
        assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}\s*", h) for h in hashes), line
        requirement = Requirement(spec)
        assert len(requirement.specifier) == 1, line
        (pin,) = requirement.specifier
        assert pin.operator == "==", line
        if requirement.marker is None or requirement.marker.evaluate(PYTHON_311):
            versions[canonicalize_name(requirement.name)] = Version(pin.version)
    return versions


def ranges(extra: str | None) -> list[Requirement]:
    project = PYPROJECT["project"]
    names = project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])
    return [Requirement(name) for name in names]


@pytest.mark.parametrize(
    ("lock", "extra"), [(LOCK, "test"), (INIT_LOCK, None)], ids=["repository", "init"]
)
def test_every_range_in_pyproject_is_met_by_the_lock(lock: Path, extra: str | None) -> None:
    """A dependency changed in pyproject.toml without `make lock` fails here."""
    versions = locked(lock)
    for requirement in ranges(extra):
        name = canonicalize_name(requirement.name)
        assert name in versions, f"{name} is not in {lock.name}: run `make lock`"
        assert requirement.specifier.contains(versions[name], prereleases=True), (
            f"{name} {versions[name]} does not meet {requirement}: run `make lock`"
        )


def test_a_new_directory_gets_the_versions_this_repository_tests() -> None:
    repository = locked(LOCK)
    for name, version in locked(INIT_LOCK).items():
        assert repository[name] == version, name


def test_a_line_without_a_hash_is_refused(tmp_path: Path) -> None:
    lock = tmp_path / "requirements.txt"
    lock.write_text("pyyaml==6.0.4\n")
    with pytest.raises(AssertionError):
        locked(lock)


def test_a_changed_lock_reinstalls_and_every_install_checks_hashes() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    prerequisites = re.search(r"^\$\(STAMP\):(.*)$", makefile, re.MULTILINE)
    assert prerequisites
    assert "requirements.txt" in prerequisites[1].split()
    assert "pip install --quiet --require-hashes -r requirements.txt" in makefile
    assert "pip install --quiet --no-deps -r requirements.in" in makefile
    assert "\nlock:" in makefile


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml"])
def test_the_workflows_install_from_the_lock(name: str) -> None:
    path = REPO_ROOT / ".github" / "workflows" / name
    steps = parse(Source(name, path.read_text(encoding="utf-8")))["jobs"][
        "build" if name == "deploy.yml" else "check"
    ]["steps"]  # type: ignore[index]
    install = next(s for s in steps if s.get("name") == "Install")["run"].splitlines()
    assert install == [
        "python -m pip install --require-hashes -r requirements.txt",
        "python -m pip install --no-deps -r requirements.in",
        "python -m pip check",
    ]


def test_dependabot_proposes_updates_to_the_packages_and_the_actions() -> None:
    path = REPO_ROOT / ".github" / "dependabot.yml"
    config = parse(Source("dependabot.yml", path.read_text(encoding="utf-8")))
    assert isinstance(config, dict)
    assert config["version"] == 2
    ecosystems = {u["package-ecosystem"]: u["directory"] for u in config["updates"]}
    assert ecosystems == {"pip": "/", "github-actions": "/"}
