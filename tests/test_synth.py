"""`ecotone synth`: a valid synthetic directory, the same bytes every run, never
written over anything."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT, TODAY

from ecotone.commands.cli import main
from ecotone.commands.synth import SynthError, generate, write_directory
from ecotone.model import Directory, Standing
from ecotone.validate.run import validate_directory

ORGS, SPACES = 12, 30


def files_under(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    write_directory(root, ORGS, SPACES)
    return root


@pytest.fixture(scope="module")
def directory(synthetic: Path) -> Directory:
    return validate_directory(synthetic, TODAY).directory


def test_the_generated_directory_validates_without_errors_or_warnings(synthetic: Path) -> None:
    problems = validate_directory(synthetic, TODAY).problems
    assert [p for p in problems if p.is_error or p.is_warning] == []
    assert {p.code for p in problems} <= {"N412"}  # invitations only


def test_it_has_the_organizations_and_spaces_asked_for(directory: Directory) -> None:
    assert (len(directory.organizations), len(directory.spaces)) == (ORGS, SPACES)


def test_every_file_starts_with_the_schema_modeline_for_editors(synthetic: Path) -> None:
    for file, text in files_under(synthetic / "partners").items():
        file = f"partners/{file}"
        kind = "organization" if file.endswith("organization.yml") else file.split("/")[2][:-1]
        depth = 2 if kind == "organization" else 3
        modeline = f"# yaml-language-server: $schema={'../' * depth}schemas/{kind}.schema.json\n"
        assert text.decode().startswith(modeline), file


def test_nothing_written_fails_to_load_or_model(synthetic: Path, directory: Directory) -> None:
    written = len(files_under(synthetic / "partners"))
    modelled = len(directory.organizations) + len(directory.spaces) + len(directory.playbooks)
    assert modelled == written
    assert directory.unreadable == frozenset()


def test_participations_are_mostly_confirmed_with_some_invitations(directory: Directory) -> None:
    standings = [
        directory.standing(space, participant)
        for space in directory.spaces
        for participant in space.participants
    ]
    assert standings.count(Standing.CONFIRMED) > standings.count(Standing.INVITED) > 0


def test_circle_trees_have_three_levels_and_dissolved_circles_with_successors(
    directory: Directory,
) -> None:
    depths = {
        len(org.ancestry(circle.id)) for org in directory.organizations for circle in org.circles
    }
    assert max(depths) == 3
    dissolved = [c for org in directory.organizations for c in org.circles if c.dissolved]
    assert dissolved
    assert all(circle.successors for circle in dissolved)


def test_both_modes_every_level_status_and_direction_occur(directory: Directory) -> None:
    spaces = directory.spaces
    assert {s.mode.value for s in spaces} == {"collaboration", "information-sharing"}
    assert {s.level for s in spaces if s.level} == {"board", "department", "project"}
    assert {s.status for s in spaces} == {"forming", "active", "paused", "concluded"}
    directions = {s.direction for s in spaces if s.direction}
    assert directions == {"one-directional", "bi-directional", "multi-directional"}


def test_collaborations_plug_in_playbooks_including_forks(directory: Directory) -> None:
    plugged = {
        slot.playbook
        for space in directory.spaces
        if space.social_contract
        for _, slot in space.social_contract.slots
    }
    kinds = {directory.playbook(p).kind for p in plugged}  # type: ignore[union-attr]
    assert kinds == {"conflict-resolution", "accountability"}
    assert any(playbook.forked_from for playbook in directory.playbooks)


def test_budgets_come_from_hosts_partners_and_third_parties(directory: Directory) -> None:
    providers = {item.provider for space in directory.spaces for item in space.budget}
    assert providers == {"host", "partner", "third-party"}


def test_offers_needs_and_seeking_use_the_topic_vocabulary(directory: Directory) -> None:
    exchanges = [
        *(e for org in directory.organizations for e in (*org.offers, *org.needs)),
        *(e for space in directory.spaces for e in space.seeking),
    ]
    assert exchanges
    assert all(exchange.topics for exchange in exchanges)


def test_the_same_seed_gives_the_same_bytes_in_separate_processes(tmp_path: Path) -> None:
    # Different hash seeds: nothing may depend on the order of a set or a dict of str.
    for run, hash_seed in (("first", "1"), ("second", "2")):
        subprocess.run(
            [sys.executable, "-m", "ecotone.commands.cli", "synth", "--orgs", str(ORGS),
             "--spaces", str(SPACES), str(tmp_path / run)],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )  # fmt: skip
    first, second = files_under(tmp_path / "first"), files_under(tmp_path / "second")
    assert first == second
    assert len([name for name in first if name.startswith("partners/")]) == len(
        generate(ORGS, SPACES)
    )


def test_another_seed_gives_another_directory() -> None:
    assert generate(ORGS, SPACES, seed=1) != generate(ORGS, SPACES, seed=2)


def test_it_refuses_a_partners_folder_that_holds_anything(tmp_path: Path) -> None:
    kept = tmp_path / "partners" / "someone" / "organization.yml"
    kept.parent.mkdir(parents=True)
    kept.write_text("name: Someone\n")
    with pytest.raises(SynthError, match="not empty"):
        write_directory(tmp_path, ORGS, SPACES)
    assert files_under(tmp_path) == {"partners/someone/organization.yml": b"name: Someone\n"}


def test_the_command_refuses_with_a_message_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "partners").mkdir()
    (tmp_path / "partners" / "notes.txt").write_text("mine")
    code = main(["synth", "--orgs", "2", "--spaces", "3", str(tmp_path)])
    assert code == 2
    assert "never overwrites" in capsys.readouterr().err
    assert (tmp_path / "partners" / "notes.txt").read_text() == "mine"


def test_it_refuses_the_projects_own_example_directory() -> None:
    before = files_under(REPO_ROOT / "partners")
    with pytest.raises(SynthError, match="project's own"):
        write_directory(REPO_ROOT, ORGS, SPACES)
    assert files_under(REPO_ROOT / "partners") == before


def test_it_refuses_a_site_file_that_exists_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Mine\n")
    with pytest.raises(SynthError, match="never overwrites"):
        write_directory(tmp_path, 2, 3)
    assert files_under(tmp_path) == {"mkdocs.yml": b"site_name: Mine\n"}


def test_mkdocs_builds_the_synthetic_directory(tmp_path: Path) -> None:
    write_directory(tmp_path, 2, 3)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    subprocess.run(
        [str(mkdocs), "build", "--quiet", "-f", str(tmp_path / "mkdocs.yml")],
        check=True,
        capture_output=True,
        env={**os.environ, "ECOTONE_TODAY": TODAY.isoformat()},
    )
    assert (tmp_path / "site" / "marketplace" / "index.html").is_file()


def test_it_writes_into_an_empty_partners_folder(tmp_path: Path) -> None:
    (tmp_path / "partners").mkdir()
    summary = write_directory(tmp_path, 2, 3)
    assert (summary.organizations, summary.spaces) == (2, 3)
