"""The references' rules (E40x, E41x), each on a directory built in memory: what a
file names exists and fits, and participation is mutual. (E402, E411, E414 and
N416, being reworked, are tested in tests/test_rules.py for now.)"""

from __future__ import annotations

from typing import Any

from in_memory import (
    BASIC_COMMITMENTS,
    circle,
    codes,
    joined,
    member,
    organization,
    playbook,
    social_contract,
    space,
)

from ecotone.load.directory import Document

ROOT = circle(None, name="General")
# A host that may plug playbooks into its spaces.
COMMITTED = dict.fromkeys((*BASIC_COMMITMENTS, "conflict_resolution", "accountability"), True)


def with_playbook(contract: dict[str, Any], **playbook_changes: Any) -> list[Document]:
    """alpha, its playbook `alpha/talk` and its space `alpha/lab` with `contract`."""
    return [
        organization("alpha", commitments=COMMITTED),
        playbook("alpha/talk", **playbook_changes),
        space("alpha/lab", social_contract=contract),
    ]


def test_a_space_of_a_dissolved_circle_is_e403() -> None:
    old = circle(status="dissolved", successors=["general"])
    alpha = organization("alpha", circles={"general": ROOT, "old": old})
    assert codes(alpha, space("alpha/lab", host_circle="old")) == ["E403"]


def test_a_space_moved_to_the_dissolved_circles_successor_breaks_no_rule() -> None:
    old = circle(status="dissolved", successors=["general"])
    alpha = organization("alpha", circles={"general": ROOT, "old": old})
    assert codes(alpha, space("alpha/lab", host_circle="general")) == []


def test_acknowledging_another_organizations_space_that_does_not_exist_is_w420() -> None:
    beta = organization("beta", participations=[joined("alpha/labb")])
    assert codes(organization("alpha"), space("alpha/lab"), beta) == ["W420"]


def test_a_participation_listed_and_acknowledged_breaks_no_rule() -> None:
    lab = space("alpha/lab", participants=[member("beta")])
    beta = organization("beta", participations=[joined("alpha/lab")])
    assert codes(organization("alpha"), lab, beta) == []


def test_a_host_listing_an_organization_that_has_not_acknowledged_it_is_n412() -> None:
    lab = space("alpha/lab", participants=[member("beta")])
    assert codes(organization("alpha"), lab, organization("beta")) == ["N412"]


def test_a_host_listed_among_its_own_participants_is_e413() -> None:
    lab = space("alpha/lab", participants=[member("alpha")])
    assert codes(organization("alpha"), lab) == ["E413"]


def test_a_host_recording_another_members_consent_is_e415() -> None:
    consents = [{"by": "alpha", "date": "2026-02-01"}, {"by": "beta", "date": "2026-02-02"}]
    lab = space("alpha/lab", participants=[member("beta", consents=consents)])
    beta = organization("beta", participations=[joined("alpha/lab")])
    assert codes(organization("alpha"), lab, beta) == ["E415"]


def test_a_host_recording_its_own_consent_breaks_no_rule() -> None:
    consents = [{"by": "alpha", "date": "2026-02-01"}]
    lab = space("alpha/lab", participants=[member("beta", consents=consents)])
    beta = organization("beta", participations=[joined("alpha/lab")])
    assert codes(organization("alpha"), lab, beta) == []


def test_a_playbook_plugged_in_with_its_parameters_breaks_no_rule() -> None:
    assert codes(*with_playbook(social_contract("alpha/talk", answer_days=5))) == []


def test_plugging_in_a_playbook_that_does_not_exist_is_e405() -> None:
    assert codes(*with_playbook(social_contract("alpha/tallk", answer_days=5))) == ["E405"]


def test_a_fork_of_another_organizations_playbook_that_does_not_exist_is_w421() -> None:
    documents = with_playbook(social_contract("alpha/talk", answer_days=5), forked_from="x/y")
    assert codes(*documents) == ["W421"]


def test_a_conflict_resolution_playbook_in_the_accountability_slot_is_e406() -> None:
    contract = social_contract("alpha/talk", "accountability", answer_days=5)
    assert codes(*with_playbook(contract)) == ["E406"]


def test_a_parameter_left_without_a_value_is_e407() -> None:
    assert codes(*with_playbook(social_contract("alpha/talk"))) == ["E407"]


def test_a_value_for_a_parameter_the_playbook_does_not_declare_is_e408() -> None:
    contract = social_contract("alpha/talk", answer_days=5, answer_dayz=5)
    assert codes(*with_playbook(contract)) == ["E408"]


def test_words_for_a_number_parameter_are_e409() -> None:
    assert codes(*with_playbook(social_contract("alpha/talk", answer_days="five"))) == ["E409"]


def test_a_step_using_a_parameter_the_playbook_does_not_declare_is_e410() -> None:
    steps = [{"title": "Talk", "description": "Answer within {answer_dayz} days."}]
    documents = with_playbook(social_contract("alpha/talk", answer_days=5), steps=steps)
    assert codes(*documents) == ["E410"]
