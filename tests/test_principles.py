"""The eight principles as a checklist computed from a space's file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from builders import Builder

from ecotone.analysis.principles import Check, Coverage, checklist, met_count, summary
from ecotone.model import Directory

FULL_BUDGET = [
    {"from": "host", "kind": "in-kind", "description": "A room."},
    {"from": "partner", "organization": "b", "kind": "in-kind", "description": "Time."},
]
FULL_CONTRACT = {
    "governance": "Consent decision-making.",
    "accountability": {"playbook": "a/accountability"},
    "conflict_resolution": {"playbook": "a/talk-it-out"},
}


def write_partners(build: Builder, *, b_confirms: bool = True, steps: int = 3) -> None:
    build.organization("a")
    build.organization("b", name="Beta", joins=["a/lab"] if b_confirms else [])
    build.playbook("a/accountability", kind="accountability", steps=steps)
    build.playbook("a/talk-it-out", kind="conflict-resolution")


def collaboration(build: Builder, **fields: Any) -> Directory:
    """a/lab with b as participant, meeting every principle unless `fields` say
    otherwise (a field set to None is left out)."""
    data: dict[str, Any] = {
        "topic": "Training together",
        "term": {"start": "2026-01-01", "ongoing": True, "review": "2027-01-01"},
        "budget": FULL_BUDGET,
        "social_contract": FULL_CONTRACT,
        **fields,
    }
    build.space("a/lab", members=["b"], **{k: v for k, v in data.items() if v is not None})
    directory = build.directory()
    return directory


def check(directory: Directory, number: int, space_id: str = "a/lab") -> Check:
    space = directory.space(space_id)
    assert space is not None
    return checklist(directory, space)[number - 1]


@pytest.fixture
def build(tmp_path: Path) -> Builder:
    return Builder(tmp_path)


def test_a_complete_collaboration_meets_all_eight(build: Builder) -> None:
    write_partners(build)
    directory = collaboration(build)
    checks = checklist(directory, directory.spaces[0])
    assert [c.principle.number for c in checks] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert all(c.coverage is Coverage.MET for c in checks), [c.note for c in checks]
    assert met_count(checks) == (8, 8)


def test_each_met_principle_names_the_fields_that_cover_it(build: Builder) -> None:
    write_partners(build)
    directory = collaboration(build)
    covered = {c.principle.number: c.covered_by for c in checklist(directory, directory.spaces[0])}
    assert covered == {
        1: ("aim", "topic"),
        2: ("budget",),
        3: ("social_contract.governance", "participants"),
        4: ("social_contract.accountability", "term.review"),
        5: ("social_contract.accountability",),
        6: ("social_contract.conflict_resolution",),
        7: ("host_circle", "domain", "host.commitments.sovereignty"),
        8: ("participants",),
    }


def test_without_a_topic_identity_is_not_met_and_topic_would_meet_it(build: Builder) -> None:
    write_partners(build)
    result = check(collaboration(build, topic=None), 1)
    assert result.coverage is Coverage.NOT_MET
    assert "`topic:`" in (result.note or "")


def test_a_partner_that_contributes_nothing_leaves_equity_unmet(build: Builder) -> None:
    write_partners(build)
    host_only = [FULL_BUDGET[0]]
    result = check(collaboration(build, budget=host_only), 2)
    assert result.coverage is Coverage.NOT_MET
    assert result.note == "Add to `budget:` what Beta provides (`from: partner`)."


def test_a_budget_without_the_host_leaves_equity_unmet(build: Builder) -> None:
    write_partners(build)
    result = check(collaboration(build, budget=[FULL_BUDGET[1]]), 2)
    assert result.coverage is Coverage.NOT_MET
    assert "`from: host`" in (result.note or "")


def test_an_invited_partner_leaves_decision_making_unmet(build: Builder) -> None:
    write_partners(build, b_confirms=False)
    result = check(collaboration(build, budget=[FULL_BUDGET[0]]), 3)
    assert result.coverage is Coverage.NOT_MET
    assert "Beta has not confirmed yet" in (result.note or "")


def test_without_a_review_date_monitoring_is_unmet(build: Builder) -> None:
    write_partners(build)
    result = check(collaboration(build, term={"start": "2026-01-01", "ongoing": True}), 4)
    assert result.coverage is Coverage.NOT_MET
    assert result.covered_by == ("social_contract.accountability",)
    assert result.note == "Set a `review:` date in `term:`."


def test_without_an_accountability_playbook_monitoring_and_graduation_are_unmet(
    build: Builder,
) -> None:
    write_partners(build)
    contract = {k: v for k, v in FULL_CONTRACT.items() if k != "accountability"}
    directory = collaboration(build, social_contract=contract)
    assert check(directory, 4).coverage is Coverage.NOT_MET
    assert check(directory, 5).coverage is Coverage.NOT_MET
    assert "social_contract.accountability" in (check(directory, 5).note or "")


def test_a_one_step_accountability_playbook_is_not_graduated(build: Builder) -> None:
    write_partners(build, steps=1)
    result = check(collaboration(build), 5)
    assert result.coverage is Coverage.NOT_MET
    assert "single step" in (result.note or "")


def test_without_a_conflict_resolution_playbook_it_is_unmet(build: Builder) -> None:
    write_partners(build)
    contract = {k: v for k, v in FULL_CONTRACT.items() if k != "conflict_resolution"}
    result = check(collaboration(build, social_contract=contract), 6)
    assert result.coverage is Coverage.NOT_MET
    assert "social_contract.conflict_resolution" in (result.note or "")


def test_a_host_without_the_sovereignty_commitment_has_no_authority_to_self_govern(
    build: Builder,
) -> None:
    build.organization("a", sovereignty=False)
    build.organization("b", joins=["a/garden"])
    build.space("a/garden", mode="information-sharing", members=["b"], topic="Sharing")
    result = check(build.directory(), 7, "a/garden")
    assert result.coverage is Coverage.NOT_MET
    assert "sovereignty: true" in (result.note or "")


def test_a_space_nobody_has_joined_has_no_relationships_with_other_groups(
    build: Builder,
) -> None:
    build.organization("a")
    build.space("a/alone", mode="information-sharing", topic="Notes")
    result = check(build.directory(), 8, "a/alone")
    assert result.coverage is Coverage.NOT_MET
    assert "`participants:`" in (result.note or "")


def test_principles_three_to_six_do_not_apply_to_information_sharing(build: Builder) -> None:
    build.organization("a")
    build.organization("b", joins=["a/garden"])
    build.space("a/garden", mode="information-sharing", members=["b"], topic="Sharing")
    directory = build.directory()
    coverage = [c.coverage for c in checklist(directory, directory.spaces[0])]
    assert coverage == [
        Coverage.MET,
        Coverage.MET,
        *[Coverage.NOT_APPLICABLE] * 4,
        Coverage.MET,
        Coverage.MET,
    ]
    assert met_count(checklist(directory, directory.spaces[0])) == (4, 4)


def test_one_directional_sharing_leaves_equity_unmet(build: Builder) -> None:
    build.organization("a")
    build.organization("b", joins=["a/notes"])
    build.space(
        "a/notes",
        mode="information-sharing",
        members=["b"],
        topic="Notes",
        direction="one-directional",
    )
    result = check(build.directory(), 2, "a/notes")
    assert result.coverage is Coverage.NOT_MET
    assert "bi-directional" in (result.note or "")


def test_the_summary_counts_the_spaces_meeting_each_principle(build: Builder) -> None:
    write_partners(build)
    build.space("a/notes", mode="information-sharing", topic="Notes")
    directory = collaboration(build)
    tallies = {t.principle.number: (t.met, t.applicable) for t in summary(directory)}
    # a/lab meets all eight; a/notes (nobody joined, bi-directional) meets 1, 2 and 7.
    assert tallies == {
        1: (2, 2),
        2: (2, 2),
        3: (1, 1),
        4: (1, 1),
        5: (1, 1),
        6: (1, 1),
        7: (2, 2),
        8: (1, 2),
    }
