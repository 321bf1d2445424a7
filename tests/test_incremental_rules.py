"""Rules after an edit (ecotone.validate.incremental): a run that checks only the
organizations an edit can concern, and takes the others' problems from the
previous run, reports exactly what a run that checks everything reports."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL, TODAY, Tree
from test_rule_examples import apply

from ecotone.commands.synth import write_directory
from ecotone.load.directory import load_directory
from ecotone.model import Directory, build_directory
from ecotone.problems import REGISTRY, Problem
from ecotone.validate.cache import CACHE_FOLDER
from ecotone.validate.incremental import rule_problems
from ecotone.validate.report import as_text
from ecotone.validate.rules.examples import EXAMPLES, GAMMA_PROFILE
from ecotone.validate.rules.registry import Finding
from ecotone.validate.run import validate_directory, validate_files


@pytest.fixture(autouse=True)
def own_signing_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


def warm_and_cold(root: Path, today: date = TODAY) -> tuple[str, str]:
    """The report of a run from the cache the previous run left, and of a run without."""
    warm = validate_directory(root, today)
    cold = validate_directory(root, today, cached=False)
    return as_text(warm.problems), as_text(cold.problems)


def become(root: Path, state: Path) -> None:
    """Make `root` hold what `state` holds, its cache kept."""
    for path in root.iterdir():
        if path.name != CACHE_FOLDER:
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    shutil.copytree(state, root, symlinks=True, dirs_exist_ok=True)


def example_state(tmp_path: Path, name: str, code: str, version: str) -> Path:
    """The catalogue's example directory with an organization no other one names,
    then the `version` ("wrong" or "right") of `code`'s example."""
    tree = Tree(tmp_path / name)
    shutil.copytree(MINIMAL, tree.root)
    tree.write("partners/delta/organization.yml", GAMMA_PROFILE.replace("Gamma", "Delta"))
    apply(tree, getattr(EXAMPLES[code], version))
    return tree.root


@pytest.mark.parametrize("code", sorted(EXAMPLES))
@pytest.mark.parametrize("before, after", [("right", "wrong"), ("wrong", "right")])
def test_a_rule_example_edited_in_reports_what_a_run_without_the_cache_reports(
    tmp_path: Path, code: str, before: str, after: str
) -> None:
    root = tmp_path / "directory"
    shutil.copytree(example_state(tmp_path, "before", code, before), root, symlinks=True)
    validate_directory(root, TODAY)  # fills the cache

    become(root, example_state(tmp_path, "after", code, after))
    warm, cold = warm_and_cold(root)

    assert warm == cold


def edited_paths(code: str) -> list[str]:
    """The files and folders the wrong version of `code`'s example edits, and their
    organizations' folders."""
    paths = {getattr(edit, "file", None) or edit.path for edit in EXAMPLES[code].wrong}
    folders = {"/".join(path.split("/")[:2]) for path in paths if path.startswith("partners/")}
    return sorted(paths | folders)


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_checking_an_edited_file_reports_what_checking_it_without_the_cache_reports(
    tmp_path: Path, code: str
) -> None:
    """Its problems, and those it causes in other organizations' files, found by a run
    without it that checks only the organizations it can concern."""
    root = example_state(tmp_path, "directory", code, "wrong")
    validate_directory(root, TODAY)  # fills the cache
    for path in edited_paths(code):
        warm = validate_files(root, [path], TODAY)
        cold = validate_files(root, [path], TODAY, cached=False)

        assert as_text(warm.problems) == as_text(cold.problems), path


def rule_run(root: Path, previous=None):  # type: ignore[no-untyped-def]
    loaded = load_directory(root)
    directory = build_directory(loaded.documents, loaded.unreadable)
    return rule_problems(directory, TODAY, loaded.documents, previous)


def test_an_edit_is_checked_in_its_organization_and_those_linked_to_it(minimal: Tree) -> None:
    minimal.write("partners/delta/organization.yml", GAMMA_PROFILE.replace("Gamma", "Delta"))
    first = rule_run(minimal.root)
    minimal.replace("partners/beta/spaces/garden.yml", "title: ", "title: Our ")

    second = rule_run(minimal.root, first.run)

    assert first.checked is None
    assert second.checked == {"alpha", "beta"}  # alpha takes part in beta's garden


def test_after_a_change_of_date_everything_is_checked_again(minimal: Tree) -> None:
    first = rule_run(minimal.root)

    later = rule_problems(
        build_directory(load_directory(minimal.root).documents),
        date(2031, 1, 1),
        load_directory(minimal.root).documents,
        first.run,
    )

    assert later.checked is None


def test_after_a_space_is_added_everything_is_checked_again(minimal: Tree) -> None:
    first = rule_run(minimal.root)
    garden = minimal.read("partners/beta/spaces/garden.yml")
    minimal.write("partners/beta/spaces/orchard.yml", garden.replace("title: ", "title: Orchard "))

    second = rule_run(minimal.root, first.run)

    assert second.checked is None


@pytest.mark.parametrize(
    "edited, compared_again",
    [("partners/beta/spaces/garden.yml", False), ("partners/beta/organization.yml", True)],
)
def test_a_rule_comparing_the_profiles_runs_again_only_after_a_profile_changed(
    minimal: Tree, monkeypatch: pytest.MonkeyPatch, edited: str, compared_again: bool
) -> None:
    """Distinct organization names (W604) compares only the organizations' profiles."""
    rule, runs = REGISTRY["W604"], []

    def counted(directory: Directory, today: date) -> Iterator[Finding]:
        runs.append(today)
        return rule.check(directory, today)  # type: ignore[misc]

    monkeypatch.setitem(REGISTRY, "W604", replace(rule, check=counted))
    first = rule_run(minimal.root)
    minimal.write(edited, "# an edit\n" + minimal.read(edited))

    rule_run(minimal.root, first.run)

    assert len(runs) == (2 if compared_again else 1)


# Edits a partner might make to one file of a synthetic directory, each to what
# the files of other organizations name or compare with (`other`, a file of the
# same kind).
def _swap_participant(space: dict, other: dict, ids: list[str], rng: random.Random) -> None:
    if space.get("participants"):
        rng.choice(space["participants"])["organization"] = rng.choice(ids)


def _drop_participant(space: dict, other: dict, ids: list[str], rng: random.Random) -> None:
    if space.get("participants"):
        space["participants"].pop(rng.randrange(len(space["participants"])))


def _stray_circle(space: dict, other: dict, ids: list[str], rng: random.Random) -> None:
    if space.get("participants"):
        rng.choice(space["participants"])["circle"] = "a-circle-nobody-has"


def _review_long_ago(space: dict, other: dict, ids: list[str], rng: random.Random) -> None:
    space["term"]["review"] = date(2020, 1, 1)


def _borrow_title(space: dict, other: dict, ids: list[str], rng: random.Random) -> None:
    space["title"] = other["title"]


def _lookalike_title(space: dict, other: dict, ids: list[str], rng: random.Random) -> None:
    # "rn" for "m", or a Cyrillic o: either looks like the other's, for both of them
    title = other["title"]
    space["title"] = (
        title.replace("m", "rn", 1) if "m" in title else title.replace("o", "\u043e", 1)
    )


def _claim_former_id(org: dict, other: dict, ids: list[str], rng: random.Random) -> None:
    org["former_ids"] = [rng.choice(["old-name", "older-name", rng.choice(ids)])]


def _drop_acknowledgment(org: dict, other: dict, ids: list[str], rng: random.Random) -> None:
    if org.get("participations"):
        org["participations"].pop(rng.randrange(len(org["participations"])))


def _dissolve_circle(org: dict, other: dict, ids: list[str], rng: random.Random) -> None:
    circles = [circle for circle in org["circles"].values() if circle.get("parent")]
    if circles:
        rng.choice(circles)["status"] = "dissolved"


def _drop_circle(org: dict, other: dict, ids: list[str], rng: random.Random) -> None:
    leaves = [key for key, circle in org["circles"].items() if circle.get("parent")]
    if leaves:
        del org["circles"][rng.choice(leaves)]


def _borrow_name(org: dict, other: dict, ids: list[str], rng: random.Random) -> None:
    org["name"] = other["name"]


def _borrow_website(org: dict, other: dict, ids: list[str], rng: random.Random) -> None:
    org["website"] = other["website"]


SPACE_EDITS = [
    _swap_participant,
    _drop_participant,
    _stray_circle,
    _review_long_ago,
    _borrow_title,
    _lookalike_title,
]
ORGANIZATION_EDITS = [
    _drop_acknowledgment,
    _dissolve_circle,
    _drop_circle,
    _borrow_name,
    _borrow_website,
    _claim_former_id,
]


def random_edits(root: Path, rng: random.Random, count: int) -> Iterator[str]:
    """`count` edits, one after the other, each of one file (its path is given) by one
    of the edits above, with another file of the same kind at hand."""
    partners = root / "partners"
    ids = sorted(path.name for path in partners.iterdir())
    for _ in range(count):
        glob, edits = rng.choice(
            [("*/organization.yml", ORGANIZATION_EDITS), ("*/spaces/*.yml", SPACE_EDITS)]
        )
        path, other = rng.sample(sorted(partners.glob(glob)), 2)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rng.choice(edits)(data, yaml.safe_load(other.read_text(encoding="utf-8")), ids, rng)
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        yield path.relative_to(root).as_posix()


def test_random_edits_to_a_synthetic_directory_report_what_a_full_run_reports(
    tmp_path: Path,
) -> None:
    root = tmp_path / "synthetic"
    write_directory(root, 24, 72)
    ids = sorted(path.name for path in (root / "partners").iterdir())
    validate_directory(root, TODAY)
    previous, narrowed = rule_run(root).run, 0
    for edited in random_edits(root, random.Random(15), 60):
        warm, cold = warm_and_cold(root)

        assert warm == cold, f"after an edit of {edited}"
        after = rule_run(root, previous)
        narrowed += after.checked is not None and len(after.checked) < len(ids)
        previous = after.run
    assert narrowed > 30  # most edits were checked in a few organizations only


def test_random_edits_checked_as_files_report_what_they_cause(
    tmp_path: Path,
) -> None:
    """An edited file is checked as the pre-commit hook checks it: with the problems it
    causes in other files, which the directory without it does not have."""
    root = tmp_path / "synthetic"
    write_directory(root, 24, 72)
    validate_directory(root, TODAY)
    elsewhere = 0
    for edited in random_edits(root, random.Random(16), 30):
        checked = validate_files(root, [edited], TODAY)

        expected = as_text(by_definition(root, edited, tmp_path / "without"))
        assert as_text(checked.problems) == expected, f"after an edit of {edited}"
        elsewhere += any(p.file.split("/")[:2] != edited.split("/")[:2] for p in checked.problems)
    assert elsewhere > 5  # many edits caused problems in other organizations' files


def by_definition(root: Path, file: str, scratch: Path) -> list[Problem]:
    """The problems of `file`, and of the other files those that the directory without
    it, checked in full, does not have."""
    whole = validate_directory(root, TODAY, cached=False).problems
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(root, scratch, ignore=shutil.ignore_patterns(CACHE_FOLDER))
    (scratch / file).unlink()
    without = set(validate_directory(scratch, TODAY, cached=False).problems)
    return [p for p in whole if p.file == file or p not in without]
