"""`ecotone init`: a new directory repository that validates, builds and deploys."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT, TODAY

from ecotone.commands import init
from ecotone.commands.cli import main
from ecotone.validate.run import validate_directory

BIN = Path(sys.executable).parent
OPTIONS = [
    *("--site-name", "Valley: a network", "--org", "valley-coop", "--name", "Valley Coop"),
    *("--summary", "We grow food together.", "--maintainers", "ana-v", "ben-v"),
    *("--requirement", f"ecotone @ {REPO_ROOT.as_uri()}"),
]


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("init") / "valley"
    assert main(["init", str(path), *OPTIONS]) == 0
    return path


def test_the_new_directory_validates(directory: Path) -> None:
    result = validate_directory(directory, TODAY)
    assert not result.problems
    assert [org.id for org in result.directory.organizations] == ["valley-coop"]


def test_the_new_directory_builds_strictly_with_its_own_configuration(
    directory: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=directory,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "Valley: a network" in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "organizations" / "valley-coop" / "index.html").is_file()


def test_its_hooks_only_import_the_package(directory: Path) -> None:
    module = ast.parse((directory / "hooks" / "ecotone_hooks.py").read_text(encoding="utf-8"))
    docstring, *code = module.body
    assert isinstance(docstring, ast.Expr)
    imports = [node for node in code if isinstance(node, ast.ImportFrom)]
    assert [node.module for node in imports] == ["ecotone.mkdocs_hooks"]
    assert all(isinstance(node, ast.ImportFrom | ast.Assign) for node in code)


def test_its_maintainers_own_their_folder_and_steward_the_rest(directory: Path) -> None:
    assert main(["codeowners", str(directory), "--check"]) == 0
    lines = (directory / ".github" / "CODEOWNERS").read_text().splitlines()
    assert "* @ana-v @ben-v" in lines
    assert "/partners/valley-coop/ @ana-v @ben-v" in lines


def test_it_installs_ecotone_from_its_requirements(directory: Path) -> None:
    requirements = (directory / "requirements.in").read_text().splitlines()
    assert f"ecotone @ {REPO_ROOT.as_uri()}" in requirements
    assert "\nmkdocs==" in (directory / "requirements.txt").read_text()
    makefile = (directory / "Makefile").read_text()
    assert "$(STAMP): requirements.txt requirements.in\n" in makefile
    assert "pip install --quiet --require-hashes -r requirements.txt" in makefile
    assert "pip install --quiet --no-deps -r requirements.in" in makefile
    assert "\nlock:" in makefile
    assert "\nserve:" in makefile and "\ntest:" in makefile
    readme = (directory / "README.md").read_text()
    assert "make serve" in readme and "make test" in readme and "ecotone==" in readme


def test_its_workflows_lint_clean(directory: Path) -> None:
    workflows = sorted(str(p) for p in (directory / ".github" / "workflows").glob("*.yml"))
    assert len(workflows) == 4
    result = subprocess.run(
        [str(BIN / "actionlint"), "-no-color", *workflows], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    "file",
    [
        ".github/workflows/pr.yml",
        ".github/workflows/deploy.yml",
        ".github/workflows/federate.yml",
        ".github/workflows/reminders.yml",
        ".github/dependabot.yml",
        ".github/pull_request_template.md",
        ".github/ISSUE_TEMPLATE/add-organization.yml",
        ".github/ISSUE_TEMPLATE/propose-space.yml",
        ".vscode/settings.json",
        "CONTRIBUTING.md",
        "hooks/ecotone_hooks.py",
    ],
)
def test_it_brings_the_same_files_as_this_repository(directory: Path, file: str) -> None:
    """One set of workflows, templates and guide for every directory: a change to
    this repository's copy must be made to the one `ecotone init` writes."""
    assert (directory / file).read_bytes() == (REPO_ROOT / file).read_bytes()


def test_its_federation_is_off_until_a_directory_is_named(
    directory: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "# federation:" in (directory / "ecotone.yml").read_text(encoding="utf-8")
    assert main(["federate", str(directory)]) == 0
    assert "nothing to fetch" in capsys.readouterr().out
    assert not (directory / "federation").exists()


def test_a_folder_that_is_not_empty_is_refused(tmp_path: Path, capsys) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["init", str(tmp_path), *OPTIONS]) == 1
    assert "is not empty" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_bad_identifier_writes_nothing(tmp_path: Path, capsys) -> None:
    options = [*OPTIONS]
    options[options.index("valley-coop")] = "Valley Coop"
    assert main(["init", str(tmp_path / "new"), *options]) == 2
    assert "'valley-coop'" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


def test_by_default_it_installs_the_running_ecotone() -> None:
    assert init.installed_requirement().startswith("ecotone")
