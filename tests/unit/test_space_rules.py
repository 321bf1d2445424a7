"""The spaces' rules, each on a directory built in memory."""

from __future__ import annotations

from in_memory import BASIC_COMMITMENTS, codes, organization, space


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
