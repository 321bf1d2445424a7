"""`ecotone validate --base REF`: a change fails only on the problems it brings to
the folders it touches; those its base already had, and those in another
organization's folder it does not touch, are notices."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import TODAY, Tree, commit_base, git

from ecotone.commands.cli import main
from ecotone.model import Directory
from ecotone.problems import Problem, Severity
from ecotone.validate.baseline import against_base, beyond_the_change
from ecotone.validate.rules.examples import EXAMPLE_DIRECTORY

LAB = "partners/alpha/spaces/lab.yml"
ALPHA = "partners/alpha/organization.yml"
BETA = "partners/beta/organization.yml"


def validate(capsys: pytest.CaptureFixture[str], tree: Tree, *options: str) -> tuple[int, str]:
    code = main(["validate", str(tree.root), "--today", TODAY.isoformat(), *options])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def problems(capsys: pytest.CaptureFixture[str], tree: Tree, *options: str) -> list[dict]:
    return json.loads(validate(capsys, tree, "--format", "json", *options)[1])


def give_beta_alphas_website(tree: Tree) -> None:
    tree.replace(BETA, "https://beta.example.net", "https://alpha.example.org")


def test_a_change_that_brings_an_error_fails(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    pull_request.replace(LAB, "host_circle: training", "host_circle: trainin")
    code, out = validate(capsys, pull_request, "--base", "main")
    assert code == 1
    assert "E402 error" in out


def test_a_warning_already_on_the_base_is_a_notice_that_says_so(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    give_beta_alphas_website(pull_request)
    commit_base(pull_request, "beta takes alpha's website")
    pull_request.replace(LAB, "title: Facilitation lab", "title: Practice lab")

    code, out = validate(capsys, pull_request, "--strict", "--base", "main")

    assert code == 0
    assert "W603 notice: beta has the same website as alpha" in out
    assert "(already so on main: not this change's doing)" in out


def test_without_base_the_same_warning_fails_a_strict_run(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    give_beta_alphas_website(pull_request)
    commit_base(pull_request, "beta takes alpha's website")
    assert validate(capsys, pull_request, "--strict")[0] == 1


def test_a_warning_the_change_brings_fails_a_strict_run(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    give_beta_alphas_website(pull_request)
    found = problems(capsys, pull_request, "--strict", "--base", "main")
    assert [(p["code"], p["severity"]) for p in found] == [("W603", "warning")]
    assert validate(capsys, pull_request, "--strict", "--base", "main")[0] == 1


def test_a_change_to_one_file_that_breaks_another_fails(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    """Alpha renames its circle `training`; alpha's space `lab` still names it. The
    problem is in a file the change did not touch, and still the change's doing."""
    pull_request.replace(ALPHA, "  training:\n", "  teaching:\n")
    found = problems(capsys, pull_request, "--base", "main")
    assert ("E402", "error", LAB) in {(p["code"], p["severity"], p["file"]) for p in found}


# -- one organization's problem fails only the changes to its own folder ------------

GARDEN = "partners/beta/spaces/garden.yml"
GENUINE = "Common Table Food Co-op"
FORGED = GENUINE.replace("o", "\u043e")  # every o a Cyrillic o


def found(capsys: pytest.CaptureFixture[str], tree: Tree, code: str) -> list[tuple[str, str]]:
    return [
        (p["severity"], p["file"])
        for p in problems(capsys, tree, "--strict", "--base", "main")
        if p["code"] == code
    ]


def beta_leaves_the_lab_unacknowledged(tree: Tree) -> None:
    """alpha's lab still lists beta's circle `growing`: an invitation."""
    tree.replace(BETA, "participations:\n  - space: alpha/lab\n    circle: growing\n", "")
    commit_base(tree, "beta has not acknowledged the lab")


def test_renaming_a_circle_another_organizations_invitation_names_passes(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    beta_leaves_the_lab_unacknowledged(pull_request)
    pull_request.replace(BETA, "  growing:\n", "  sowing:\n")
    pull_request.replace(GARDEN, "host_circle: growing", "host_circle: sowing")
    code, out = validate(capsys, pull_request, "--strict", "--base", "main")
    assert code == 0, out
    [problem] = [p for p in problems(capsys, pull_request, "--base", "main") if p["code"] == "W418"]
    assert (problem["file"], problem["severity"]) == (LAB, "notice")
    assert "for the maintainers of Alpha Collective (alpha-admin) to act on" in problem["message"]


def test_an_invitation_naming_a_circle_the_invited_lacks_fails_the_inviter(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    beta_leaves_the_lab_unacknowledged(pull_request)
    pull_request.replace(LAB, "    circle: growing\n", "    circle: sowing\n")
    assert validate(capsys, pull_request, "--strict", "--base", "main")[0] == 1
    assert found(capsys, pull_request, "W418") == [("warning", LAB)]


def test_a_host_ending_a_listing_passes_though_the_other_still_acknowledges_it(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    pull_request.replace(
        GARDEN, "participants:\n  - organization: alpha\n    role: representative\n", ""
    )
    pull_request.replace(GARDEN, "    circle: training\n", "")
    code, out = validate(capsys, pull_request, "--strict", "--base", "main")
    assert code == 0, out
    assert found(capsys, pull_request, "W422") == [("notice", ALPHA)]


def organization(name: str) -> str:
    """beta's profile under another name, without its website, in no space."""
    text = Path(EXAMPLE_DIRECTORY / BETA).read_text(encoding="utf-8")
    text = text.replace("Beta Gardens", name).replace("website: https://beta.example.net\n", "")
    return text.split("participations:")[0]


def test_the_genuine_organization_joins_after_its_look_alike(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    pull_request.write("partners/impostor/organization.yml", organization(FORGED))
    commit_base(pull_request, "a look-alike registered first")
    pull_request.write("partners/common-table/organization.yml", organization(GENUINE))
    code, out = validate(capsys, pull_request, "--strict", "--base", "main")
    assert code == 0, out
    assert found(capsys, pull_request, "E606") == [("notice", "partners/impostor/organization.yml")]


def test_a_look_alike_of_an_organization_already_there_fails(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    pull_request.write("partners/common-table/organization.yml", organization(GENUINE))
    commit_base(pull_request, "the genuine organization")
    pull_request.write("partners/impostor/organization.yml", organization(FORGED))
    assert validate(capsys, pull_request, "--base", "main")[0] == 1
    assert found(capsys, pull_request, "E606") == [("error", "partners/impostor/organization.yml")]


def test_the_base_is_read_from_git_not_from_the_working_tree(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    """The base's problem is in its commit only; uncommitted, it is the change's."""
    give_beta_alphas_website(pull_request)
    git(pull_request.root, "commit", "--quiet", "-am", "on the proposal")
    assert validate(capsys, pull_request, "--strict", "--base", "main")[0] == 1


def test_a_ref_git_does_not_know_is_a_usage_error(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = validate(capsys, pull_request, "--base", "origin/nope")
    assert code == 2
    assert "ecotone: git does not know 'origin/nope'" in out
    assert "Traceback" not in out


def test_a_folder_that_is_not_a_git_repository_is_a_usage_error(
    minimal: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = validate(capsys, minimal, "--base", "main")
    assert code == 2
    assert "is not in a git repository, so it has no base to compare with" in out


def test_base_with_files_is_a_usage_error(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", str(pull_request.path(LAB)), "--base", "main"])
    assert code == 2
    assert "--base checks the whole directory" in capsys.readouterr().err


# -- matching, on its own ------------------------------------------------------------


def problem(line: int, message: str = "beta has the same website as alpha.") -> Problem:
    return Problem(BETA, line, 1, "W603", Severity.WARNING, message, ("website",))


def test_a_problem_that_moved_to_another_line_is_still_the_bases() -> None:
    (judged,) = against_base([problem(9)], [problem(3)], "main")
    assert judged.severity is Severity.NOTICE
    assert judged.line == 9


def test_a_problem_found_twice_where_the_base_had_it_once_is_new_once() -> None:
    judged = against_base([problem(3), problem(9)], [problem(3)], "main")
    assert [p.severity for p in judged] == [Severity.NOTICE, Severity.WARNING]


def test_a_different_message_is_a_different_problem() -> None:
    (judged,) = against_base([problem(3, "beta has the same website as gamma.")], [problem(3)], "m")
    assert judged.severity is Severity.WARNING


def test_what_the_base_had_and_the_change_fixed_is_not_reported(tmp_path: Path) -> None:
    assert against_base([], [problem(3)], "main") == ()


def test_a_change_outside_partners_is_judged_on_the_whole_directory() -> None:
    """A schema, say, can change what every entry means."""
    (judged,) = beyond_the_change(
        [problem(3)], ["schemas/space.schema.json"], Directory((), (), ())
    )
    assert judged.severity is Severity.WARNING
