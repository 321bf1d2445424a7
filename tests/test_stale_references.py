"""A reference into another organization's folder that a change there leaves
stale: the change passes, the site builds and shows the reference as it is, and
only a change that writes such a reference itself fails.

Each case is run as the pull-request workflow runs it: `ecotone validate --strict
--base origin/main`, then `mkdocs build --strict` with the entries' warnings
logged as notices (ECOTONE_ENTRY_WARNINGS=notice), as the deploy builds too.
The directory is the rule catalogue's example: alpha hosts the lab, with beta's
circle `growing` in it, and beta hosts the garden, with alpha's `training`."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import TODAY, Tree, commit_base
from site_helpers import Build, article_text, mkdocs_build, write_site_config

from ecotone.commands.cli import main

ALPHA = "partners/alpha/organization.yml"
BETA = "partners/beta/organization.yml"
LAB = "partners/alpha/spaces/lab.yml"
GARDEN = "partners/beta/spaces/garden.yml"
ALPHAS_PLAYBOOK = "partners/alpha/playbooks/talk-it-out.yml"
BETAS_PLAYBOOK = "partners/beta/playbooks/talk-it-out.yml"
BETA_IN_THE_LAB = "participations:\n  - space: alpha/lab\n    circle: growing\n"


def judged(capsys: pytest.CaptureFixture[str], tree: Tree) -> tuple[int, list[dict]]:
    """The exit code of the workflow's validation, and its problems."""
    options = ["--today", TODAY.isoformat(), "--strict", "--base", "origin/main"]
    code = main(["validate", str(tree.root), *options])
    capsys.readouterr()
    main(["validate", str(tree.root), *options, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def words(html: str) -> str:
    """A page's article as a reader reads it: its words, one space apart."""
    return " ".join(article_text(html).split())


def codes(problems: list[dict]) -> set[tuple[str, str, str]]:
    return {(p["code"], p["severity"], p["file"]) for p in problems}


def built(tree: Tree, monkeypatch: pytest.MonkeyPatch) -> Build:
    """The workflow's build of the directory, which must succeed."""
    monkeypatch.setenv("ECOTONE_ENTRY_WARNINGS", "notice")
    config = write_site_config(tree.root)
    build = mkdocs_build(config, tree.root.parent / "site")
    assert build.returncode == 0, build.output
    return build


# -- 1. the host's file names a circle the participant no longer has -----------------


def beta_renames_its_circle(tree: Tree) -> None:
    """beta renames `growing`, the circle the lab lists, and ends its own
    acknowledgment of the lab, which named it."""
    tree.replace(BETA, "  growing:\n", "  sowing:\n")
    tree.replace(BETA, BETA_IN_THE_LAB, "")
    tree.replace(GARDEN, "host_circle: growing", "host_circle: sowing")


def test_a_participant_renaming_the_circle_a_host_lists_passes(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    beta_renames_its_circle(pull_request)
    code, problems = judged(capsys, pull_request)
    assert code == 0, problems
    assert ("W418", "notice", LAB) in codes(problems)


def test_a_listing_of_a_circle_that_is_gone_builds_as_an_invitation_without_its_path(
    pull_request: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    beta_renames_its_circle(pull_request)
    text = words(built(pull_request, monkeypatch).html("spaces/alpha/lab"))
    assert "Representative of the growing circle (Beta Gardens has no such circle) Invited" in text
    assert "Beta Gardens has no circle 'growing', so no escalation path is known." in text
    assert "Confirmed" not in text


def test_a_host_listing_a_circle_the_participant_lacks_fails(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    pull_request.replace(BETA, BETA_IN_THE_LAB, "")
    commit_base(pull_request, "beta has not acknowledged the lab")
    pull_request.replace(LAB, "    circle: growing\n", "    circle: sowing\n")
    code, problems = judged(capsys, pull_request)
    assert code == 1
    assert ("W418", "warning", LAB) in codes(problems)


# -- 2. the participant acknowledges a listing the host has ended --------------------


def alpha_ends_betas_listing(tree: Tree) -> None:
    tree.replace(LAB, "participants:\n  - organization: beta\n    role: representative\n", "")
    tree.replace(LAB, "    circle: growing\n", "")


def test_a_host_ending_a_listing_the_participant_acknowledges_passes(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    alpha_ends_betas_listing(pull_request)
    code, problems = judged(capsys, pull_request)
    assert code == 0, problems
    assert ("W422", "notice", BETA) in codes(problems)


def test_a_host_removing_a_space_the_participant_acknowledges_passes(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    pull_request.path(LAB).unlink()
    code, problems = judged(capsys, pull_request)
    assert code == 0, problems
    assert ("W420", "notice", BETA) in codes(problems)


def test_an_acknowledgment_the_host_does_not_list_builds_as_no_membership(
    pull_request: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    alpha_ends_betas_listing(pull_request)
    build = built(pull_request, monkeypatch)
    organization = words(build.html("organizations/beta"))
    assert "Spaces joined¶ None yet." in organization
    assert "Beta Gardens" not in words(build.html("spaces/alpha/lab"))


def test_an_acknowledgment_the_host_does_not_list_fails(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    pull_request.replace(BETA, "    circle: growing\n", "    circle: council\n")
    code, problems = judged(capsys, pull_request)
    assert code == 1
    assert ("W422", "warning", BETA) in codes(problems)


# -- 3. an organization the host lists leaves ----------------------------------------

BETAS_BREAD = (
    "budget:\n  - from: partner\n    organization: beta\n    kind: in-kind\n"
    "    description: Seedlings for the lab.\n"
)


def beta_leaves(tree: Tree) -> None:
    """beta, which the lab lists and which offers seedlings to its budget, leaves."""
    tree.write(LAB, tree.read(LAB) + BETAS_BREAD)
    commit_base(tree, "beta offers seedlings to the lab")
    shutil.rmtree(tree.path("partners/beta"))


def test_an_organization_leaving_that_a_space_lists_passes(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    beta_leaves(pull_request)
    code, problems = judged(capsys, pull_request)
    assert code == 0, problems
    assert {("E401", "notice", LAB), ("W420", "notice", ALPHA)} <= codes(problems)


def test_an_organization_that_left_builds_as_plain_text(
    pull_request: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    beta_leaves(pull_request)
    html = built(pull_request, monkeypatch).html("spaces/alpha/lab")
    assert "organizations/beta/" not in html
    text = words(html)
    assert "beta Representative of the growing circle Invited" in text
    assert "beta is not in the directory, so no escalation path is known." in text


def test_listing_an_organization_that_is_not_in_the_directory_fails(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    pull_request.replace(LAB, "organization: beta", "organization: gamma")
    code, problems = judged(capsys, pull_request)
    assert code == 1
    assert ("E401", "warning", LAB) in codes(problems)


# -- 4. the playbook a space plugs in is removed by its publisher --------------------


def the_lab_plugs_in_betas_playbook(tree: Tree) -> None:
    tree.write(BETAS_PLAYBOOK, tree.read(ALPHAS_PLAYBOOK))
    tree.replace(LAB, "playbook: alpha/talk-it-out", "playbook: beta/talk-it-out")
    commit_base(tree, "the lab plugs in beta's playbook")


def test_a_publisher_removing_a_playbook_a_space_plugs_in_passes(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    the_lab_plugs_in_betas_playbook(pull_request)
    pull_request.path(BETAS_PLAYBOOK).unlink()
    code, problems = judged(capsys, pull_request)
    assert code == 0, problems
    assert ("W421", "notice", LAB) in codes(problems)


def test_a_playbook_that_is_gone_builds_as_missing(
    pull_request: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    the_lab_plugs_in_betas_playbook(pull_request)
    pull_request.path(BETAS_PLAYBOOK).unlink()
    html = built(pull_request, monkeypatch).html("spaces/alpha/lab")
    assert "playbooks/beta/talk-it-out/" not in html
    text = words(html)
    assert "There is no playbook beta/talk-it-out in the directory (any more)" in text
    assert "Fast and fair conflict resolution not met yet There is no playbook" in text


def test_plugging_in_a_playbook_that_is_not_in_the_directory_fails(
    pull_request: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    pull_request.replace(LAB, "playbook: alpha/talk-it-out", "playbook: beta/talk-it-out")
    code, problems = judged(capsys, pull_request)
    assert code == 1
    assert ("W421", "warning", LAB) in codes(problems)
