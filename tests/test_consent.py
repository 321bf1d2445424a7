"""Membership of a collaboration is by consent of all its current members: who must
consent to a new seat, how each gives it, and the check that combines the files with
the pull request's reviews."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import TESTS, TODAY, Tree

from ecotone.analysis import consent
from ecotone.commands.cli import main
from ecotone.commands.diff import as_markdown, consent_as_markdown, diff_directory

LAB = "partners/alpha/spaces/lab.yml"
LATEST, EARLIER = "c0ffee" * 6 + "c0ff", "decade" * 6 + "deca"
RECORDED = TESTS / "fixtures" / "reviews" / "pages.json"


def org(name: str, maintainers: str, participations: str = "") -> str:
    return (
        f"name: {name}\nsummary: We take part.\nmaintainers: [{maintainers}]\n"
        "commitments: {sovereignty: true, shared_governance: true, interoperable_data: true, "
        "shared_communication: true}\n"
        "circles:\n  general: {name: General circle, aim: Hold the aim., domain: All of it., "
        "conflicts_go_to: The assembly.}\n"
        "  crew: {name: Crew, aim: Do the work., domain: The work., parent: general}\n"
        + participations
    )


def seat(organization: str, circle: str | None = "general", extra: str = "") -> str:
    lines = f"  - organization: {organization}\n"
    if circle:
        return lines + f"    role: representative\n    circle: {circle}\n" + extra
    return lines + "    role: free-agent\n" + extra


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def commit(tree: Tree, message: str) -> None:
    git(tree.root, "add", ".")
    git(tree.root, "commit", "--quiet", "-m", message)


@pytest.fixture
def table(minimal: Tree) -> Tree:
    """On `main`: alpha's collaboration `lab` with three confirmed members, the host
    alpha, beta and gamma (maintainers gamma-one and gamma-two); an invitation to
    omega, who has not acknowledged it; and delta, an organization outside the lab."""
    minimal.write("ecotone.yml", "stewards:\n  - the-stewards\n")
    gamma = "participations:\n  - space: alpha/lab\n    circle: general\n"
    minimal.write(
        "partners/gamma/organization.yml", org("Gamma Works", "gamma-one, Gamma-Two", gamma)
    )
    minimal.write("partners/delta/organization.yml", org("Delta Fund", "delta-admin"))
    minimal.write("partners/omega/organization.yml", org("Omega Press", "omega-admin"))
    minimal.replace(LAB, "participants:\n", "participants:\n" + seat("gamma") + seat("omega"))
    git(minimal.root, "init", "--quiet", "--initial-branch=main")
    commit(minimal, "base")
    return minimal


def add_delta(tree: Tree, circle: str | None = "general") -> None:
    tree.replace(LAB, seat("omega"), seat("omega") + seat("delta", circle))


def requests(tree: Tree) -> tuple[consent.Request, ...]:
    return diff_directory(tree.root, "main", TODAY).consents


def summary(tree: Tree) -> str:
    return as_markdown(diff_directory(tree.root, "main", TODAY), "main")


def review(user: str, state: str, commit_id: str = LATEST) -> dict:
    """A review as GitHub's API gives it (the fields the check reads, and a few more)."""
    return {
        "id": abs(hash((user, state, commit_id))) % 10**8,
        "user": {"login": user, "type": "User"},
        "body": "",
        "state": state,
        "author_association": "CONTRIBUTOR",
        "submitted_at": "2026-11-20T10:00:00Z",
        "commit_id": commit_id,
    }


def answers(tree: Tree, *reviews: dict) -> dict[str, consent.Answer]:
    (decision,) = consent.decide(requests(tree), consent.reviews_from_github(list(reviews)), LATEST)
    return {answer.member.organization: answer for answer in decision.answers}


def verdicts(tree: Tree, *reviews: dict) -> dict[str, str]:
    return {org_id: a.verdict.value for org_id, a in answers(tree, *reviews).items()}


# -- who must consent ---------------------------------------------------------


def test_a_new_member_needs_the_host_and_every_confirmed_participant(table: Tree) -> None:
    add_delta(table)
    text = summary(table)
    assert "### Consent needed" in text
    assert (
        "- `delta` (circle `general`) takes a seat in **Facilitation lab** (`alpha/lab`). "
        "It needs the consent of:\n"
        "  - **Alpha Collective** (the host): one of @alpha-admin.\n"
        "  - **Beta Gardens**: one of @beta-admin.\n"
        "  - **Gamma Works**: one of @gamma-one, @Gamma-Two.\n"
    ) in text


def test_an_invited_participant_is_not_yet_a_member_whose_consent_is_needed(
    table: Tree,
) -> None:
    add_delta(table)
    (request,) = requests(table)
    assert "omega" not in {member.organization for member in request.members}


def test_a_free_agent_becoming_a_representative_needs_consent(table: Tree) -> None:
    add_delta(table, circle=None)
    commit(table, "delta joins as a free agent")
    table.replace(LAB, seat("delta", None), seat("delta", "crew"))
    (request,) = requests(table)
    assert request.seat == consent.Seat("alpha/lab", "delta", "crew")


def test_representing_another_circle_needs_consent_but_not_the_members_own(
    table: Tree,
) -> None:
    table.replace(LAB, seat("gamma"), seat("gamma", "crew"))
    (request,) = requests(table)
    assert request.seat == consent.Seat("alpha/lab", "gamma", "crew")
    assert [m.organization for m in request.members] == ["alpha", "beta"]


def test_information_sharing_spaces_need_no_consent(table: Tree) -> None:
    table.write("partners/delta/organization.yml", org("Delta Fund", "delta-admin"))
    table.replace(
        "partners/beta/spaces/garden.yml", "participants:\n", "participants:\n" + seat("delta")
    )
    assert requests(table) == ()
    assert "Consent needed" not in summary(table)


def test_a_new_collaboration_is_founded_without_anyone_s_consent(table: Tree) -> None:
    text = table.read(LAB).replace("title: Facilitation lab", "title: Second lab")
    new_space = text.replace("participants:\n", "participants:\n" + seat("delta"))
    table.write("partners/alpha/spaces/second-lab.yml", new_space)
    assert requests(table) == ()


def test_a_member_leaving_needs_no_consent(table: Tree) -> None:
    table.replace(LAB, seat("gamma"), "")
    assert requests(table) == ()


# -- how consent is given: reviews --------------------------------------------


def test_without_reviews_or_records_nobody_has_consented(table: Tree) -> None:
    add_delta(table)
    assert set(verdicts(table).values()) == {"not yet"}


def test_an_approval_by_a_maintainer_is_that_organization_s_consent(table: Tree) -> None:
    add_delta(table)
    assert verdicts(table, review("beta-admin", "APPROVED")) == {
        "alpha": "not yet",
        "beta": "consented",
        "gamma": "not yet",
    }


def test_one_maintainer_consents_for_the_organization_whatever_the_case(table: Tree) -> None:
    add_delta(table)
    assert verdicts(table, review("gamma-two", "APPROVED"))["gamma"] == "consented"


def test_an_approval_by_someone_who_is_no_maintainer_counts_for_nobody(table: Tree) -> None:
    add_delta(table)
    assert set(verdicts(table, review("a-passer-by", "APPROVED")).values()) == {"not yet"}


def test_an_approval_counts_only_for_the_maintainer_s_own_organization(table: Tree) -> None:
    add_delta(table)
    # delta's maintainer approving is the newcomer's word, not a member's
    got = verdicts(table, review("delta-admin", "APPROVED"), review("omega-admin", "APPROVED"))
    assert set(got.values()) == {"not yet"}


def test_a_request_for_changes_is_an_objection(table: Tree) -> None:
    add_delta(table)
    answer = answers(table, review("beta-admin", "CHANGES_REQUESTED"))["beta"]
    assert answer.verdict is consent.Verdict.OBJECTS
    assert answer.objected_by == ("beta-admin",)


def test_an_objection_stands_beside_another_maintainer_s_approval(table: Tree) -> None:
    add_delta(table)
    got = verdicts(table, review("gamma-one", "APPROVED"), review("gamma-two", "CHANGES_REQUESTED"))
    assert got["gamma"] == "objects"


def test_a_dismissed_approval_no_longer_counts(table: Tree) -> None:
    add_delta(table)
    assert verdicts(table, review("beta-admin", "DISMISSED"))["beta"] == "not yet"


def test_each_reviewer_s_latest_review_counts(table: Tree) -> None:
    add_delta(table)
    withdrawn = verdicts(
        table, review("beta-admin", "CHANGES_REQUESTED"), review("beta-admin", "APPROVED")
    )
    assert withdrawn["beta"] == "consented"
    changed_mind = verdicts(
        table, review("beta-admin", "APPROVED"), review("beta-admin", "CHANGES_REQUESTED")
    )
    assert changed_mind["beta"] == "objects"


def test_a_later_comment_does_not_take_an_approval_back(table: Tree) -> None:
    add_delta(table)
    got = verdicts(table, review("beta-admin", "APPROVED"), review("beta-admin", "COMMENTED"))
    assert got["beta"] == "consented"


def test_an_approval_of_an_earlier_commit_is_not_consent_to_the_latest(table: Tree) -> None:
    add_delta(table)
    answer = answers(table, review("beta-admin", "APPROVED", EARLIER))["beta"]
    assert answer.verdict is consent.Verdict.NOT_YET
    assert answer.approved_earlier == ("beta-admin",)


def test_the_recorded_pages_of_reviews_are_read_as_github_writes_them(table: Tree) -> None:
    """A list of pages, as `gh api --paginate --slurp` writes it, from a pull request
    with an approval, a dismissed review, a comment, a request for changes that was
    withdrawn, and a deleted user's review."""
    add_delta(table)
    reviews = consent.reviews_from_github(json.loads(RECORDED.read_text()))
    assert len(reviews) == 6
    (decision,) = consent.decide(requests(table), reviews, LATEST)
    assert {a.member.organization: a.verdict.value for a in decision.answers} == {
        "alpha": "consented",
        "beta": "consented",
        "gamma": "not yet",
    }


# -- how consent is given: records in each member's own file -------------------


def record_beta_consent(tree: Tree, circle: str = "general") -> None:
    tree.replace(
        "partners/beta/organization.yml",
        "    circle: growing\n",
        f"    circle: growing\n    consents:\n      - member: delta\n        circle: {circle}\n"
        "        date: 2026-11-18\n",
    )


def test_a_record_in_the_member_s_own_file_on_the_base_is_its_consent(table: Tree) -> None:
    record_beta_consent(table)
    commit(table, "beta consents to delta")
    add_delta(table)
    assert verdicts(table)["beta"] == "consented"
    text = summary(table)
    assert (
        "  - **Beta Gardens**: consented on 2026-11-18 (`partners/beta/organization.yml`)." in text
    )


def test_a_record_for_another_seat_is_no_consent_to_this_one(table: Tree) -> None:
    record_beta_consent(table, circle="crew")
    commit(table, "beta consents to delta's crew")
    add_delta(table)
    assert verdicts(table)["beta"] == "not yet"


def test_a_record_the_pull_request_adds_does_not_count(table: Tree) -> None:
    """Whoever opens the pull request could write it; on the base branch, it was
    merged with the review of the file's own maintainers."""
    add_delta(table)
    record_beta_consent(table)
    answer = answers(table)["beta"]
    assert answer.verdict is consent.Verdict.NOT_YET
    assert answer.member.added
    (decision,) = consent.decide(requests(table), (), LATEST)
    assert "it counts only once it is on the base branch" in consent_as_markdown([decision])


def test_the_host_consents_by_review_as_the_new_seat_is_in_its_own_file(
    table: Tree, capsys
) -> None:
    add_delta(table)
    (decision,) = consent.decide(requests(table), (), LATEST)
    assert (
        "- **Alpha Collective** (the host) has not consented yet: one of @alpha-admin approves "
        "this pull request, which changes its file."
    ) in consent_as_markdown([decision])


# -- the check -----------------------------------------------------------------


def write_reviews(tree: Tree, *reviews: dict) -> Path:
    return tree.write("reviews.json", json.dumps([list(reviews)]))


def check(tree: Tree, reviews: Path) -> int:
    return main(
        ["consent", str(tree.root), "--base", "main", "--reviews", str(reviews), "--commit", LATEST]
    )


def test_the_check_fails_with_the_list_of_who_has_not_consented(table: Tree, capsys) -> None:
    add_delta(table)
    reviews = write_reviews(table, review("alpha-admin", "APPROVED"))
    assert check(table, reviews) == 1
    out = capsys.readouterr().out
    assert "- **Alpha Collective** (the host) consents: approved by @alpha-admin." in out
    assert (
        "- **Beta Gardens** has not consented yet. One of @beta-admin approves this pull "
        "request, or Beta Gardens records its consent in `partners/beta/organization.yml` "
        "under its participation in `alpha/lab` and that record is merged first."
    ) in out
    assert out.endswith("Not consented yet: **Beta Gardens**, **Gamma Works**.\n")


def test_the_check_passes_once_every_member_has_consented(table: Tree, capsys) -> None:
    record_beta_consent(table)
    commit(table, "beta consents to delta")
    add_delta(table)
    reviews = write_reviews(
        table, review("alpha-admin", "APPROVED"), review("gamma-one", "APPROVED")
    )
    assert check(table, reviews) == 0
    assert capsys.readouterr().out.endswith("Every current member has consented.\n")


def test_the_check_passes_when_no_collaboration_gains_a_member(table: Tree, capsys) -> None:
    table.replace(LAB, "title: Facilitation lab", "title: Practice lab")
    assert check(table, write_reviews(table)) == 0
    assert "no consent is needed" in capsys.readouterr().out


def test_a_review_list_that_is_not_github_s_is_bad_usage(table: Tree, capsys) -> None:
    reviews = table.write("reviews.json", '{"message": "Not Found"}')
    assert check(table, reviews) == 2
    assert "is not GitHub's list of reviews: expected a list of reviews" in capsys.readouterr().err
