"""The references' rules across directories, each on a directory built in memory
with a federated directory's snapshot, `riverside`, which calls this one `home`:
what names an entry of another directory finds it in that directory's snapshot,
and a participation across directories is confirmed only when both say so."""

from __future__ import annotations

from in_memory import (
    federation,
    joined,
    member,
    organization,
    problems,
    published_organization,
    published_space,
    space,
)

from ecotone.load.directory import Document
from ecotone.model import Federated

GREEN_COOP = published_organization("green-coop", joined("home:alpha/lab"))


def found(*documents: Document, federated: Federated) -> list[tuple[str, str]]:
    """Each problem's code and fix."""
    return [(p.code, p.hint) for p in problems(*documents, federated=federated)]


def listing(org_id: str) -> Document:
    """alpha's lab, listing `org_id` as a participant."""
    return space("alpha/lab", participants=[member(org_id)])


def test_a_participant_of_another_directory_that_acknowledges_the_space_is_confirmed() -> None:
    riverside = federation("riverside", GREEN_COOP)
    assert found(organization("alpha"), listing("riverside:green-coop"), federated=riverside) == []


def test_a_participant_of_another_directory_that_has_not_acknowledged_is_n412() -> None:
    riverside = federation("riverside", published_organization("green-coop"))
    codes = found(organization("alpha"), listing("riverside:green-coop"), federated=riverside)
    assert [code for code, _ in codes] == ["N412"]


def test_a_participant_missing_from_the_other_directorys_snapshot_is_e401() -> None:
    riverside = federation("riverside", GREEN_COOP)
    ((code, fix),) = found(
        organization("alpha"), listing("riverside:red-coop"), federated=riverside
    )
    assert code == "E401"
    assert "snapshot (federation/riverside/directory.json) has no 'red-coop'" in fix


def test_a_participant_of_a_directory_ecotone_yml_does_not_name_is_e401() -> None:
    riverside = federation("riverside", GREEN_COOP)
    ((code, fix),) = found(
        organization("alpha"), listing("lakeside:green-coop"), federated=riverside
    )
    assert code == "E401"
    assert "No directory is named 'lakeside'" in fix


def test_acknowledging_a_space_of_a_directory_not_fetched_yet_waits_for_its_snapshot() -> None:
    riverside = federation("riverside", fetched=False)
    alpha = organization("alpha", participations=[joined("riverside:green-coop/tools")])
    assert found(alpha, federated=riverside) == []


def test_acknowledging_a_space_missing_from_the_other_directorys_snapshot_is_w420() -> None:
    riverside = federation("riverside", GREEN_COOP)
    alpha = organization("alpha", participations=[joined("riverside:green-coop/tools")])
    assert [code for code, _ in found(alpha, federated=riverside)] == ["W420"]


def test_acknowledging_a_space_the_other_directorys_snapshot_publishes_breaks_no_rule() -> None:
    riverside = federation("riverside", GREEN_COOP, spaces=(published_space("green-coop/tools"),))
    alpha = organization("alpha", participations=[joined("riverside:green-coop/tools")])
    assert found(alpha, federated=riverside) == []
