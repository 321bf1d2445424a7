"""The spaces' rules (E50x), each on a directory built in memory."""

from __future__ import annotations

from typing import Any

from in_memory import BASIC_COMMITMENTS, codes, organization, playbook, social_contract, space


def contribution(provider: str, **changes: Any) -> dict[str, Any]:
    """An item of a space's budget: help in kind from `provider`."""
    return {"from": provider, "kind": "in-kind", "description": "Bread for the breaks.", **changes}


HOST_PROVIDES = contribution("host")


def test_a_valid_directory_breaks_no_rule() -> None:
    assert codes(organization("alpha"), space("alpha/lab")) == []


def test_a_term_that_ends_before_it_starts_is_e501() -> None:
    term = {"start": "2026-06-01", "end": "2026-05-01", "review": "2026-05-15"}
    assert "E501" in codes(organization("alpha"), space("alpha/lab", term=term))


def test_a_review_after_the_term_ends_is_e502() -> None:
    term = {"start": "2026-01-01", "end": "2027-06-30", "review": "2027-12-01"}
    assert codes(organization("alpha"), space("alpha/lab", term=term)) == ["E502"]


def test_a_term_both_ongoing_and_ending_is_e503() -> None:
    term = {"start": "2026-01-01", "end": "2027-12-31", "ongoing": True, "review": "2027-06-01"}
    assert codes(organization("alpha"), space("alpha/lab", term=term)) == ["E503"]


def test_a_term_neither_ongoing_nor_ending_is_e503() -> None:
    term = {"start": "2026-01-01", "review": "2027-06-01"}
    assert "E503" in codes(organization("alpha"), space("alpha/lab", term=term))


def test_multi_directional_sharing_between_two_circles_is_e504() -> None:
    sharing = space(
        "alpha/talk",
        mode="information-sharing",
        direction="multi-directional",
        venue="A monthly call.",
        participants=[{"organization": "beta", "role": "partner"}],
    )
    found = codes(organization("alpha"), organization("beta"), sharing)
    assert "E504" in found


def test_hosting_a_collaboration_without_the_basic_commitments_is_e505() -> None:
    commitments = dict.fromkeys(BASIC_COMMITMENTS, True) | {"shared_communication": False}
    unpledged = organization("alpha", commitments=commitments)
    assert codes(unpledged, space("alpha/lab")) == ["E505"]


def test_a_participant_that_is_no_organization_of_the_directory_is_e401() -> None:
    lab = space("alpha/lab", participants=[{"organization": "nobody", "role": "partner"}])
    assert "E401" in codes(organization("alpha"), lab)


def test_a_collaboration_without_a_budget_of_a_host_committed_to_transparency_is_e506() -> None:
    commitments = dict.fromkeys((*BASIC_COMMITMENTS, "transparent_budgets"), True)
    assert codes(organization("alpha", commitments=commitments), space("alpha/lab")) == ["E506"]


def test_a_collaboration_showing_its_budget_keeps_the_transparency_commitment() -> None:
    commitments = dict.fromkeys((*BASIC_COMMITMENTS, "transparent_budgets"), True)
    lab = space("alpha/lab", budget=[HOST_PROVIDES])
    assert codes(organization("alpha", commitments=commitments), lab) == []


def test_a_partner_contribution_from_an_organization_taking_no_part_is_e507() -> None:
    lab = space("alpha/lab", budget=[contribution("partner", organization="gamma")])
    assert codes(organization("alpha"), organization("gamma"), lab) == ["E507"]


def test_support_from_outside_recorded_as_a_third_partys_breaks_no_rule() -> None:
    lab = space("alpha/lab", budget=[contribution("third-party", name="Gamma Bakery")])
    assert codes(organization("alpha"), organization("gamma"), lab) == []


def test_plugging_in_a_playbook_without_the_hosts_commitment_to_it_is_e508() -> None:
    lab = space("alpha/lab", social_contract=social_contract("alpha/talk", answer_days=5))
    assert codes(organization("alpha"), playbook("alpha/talk"), lab) == ["E508"]


def test_plugging_in_a_playbook_the_host_committed_to_breaks_no_rule() -> None:
    commitments = dict.fromkeys((*BASIC_COMMITMENTS, "conflict_resolution"), True)
    lab = space("alpha/lab", social_contract=social_contract("alpha/talk", answer_days=5))
    assert codes(organization("alpha", commitments=commitments), playbook("alpha/talk"), lab) == []
