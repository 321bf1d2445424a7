"""The rules that depend on the date (N60x), each on a directory built in memory and
a date given, never the clock's: what time passing brings is a notice, never an
error or a warning, so no build and no other organization's pull request fails
because a date went by."""

from __future__ import annotations

from datetime import timedelta

from in_memory import TODAY, codes, joined, member, organization, problems, space

from ecotone.load.directory import Document
from ecotone.problems import Severity

YEARS_LATER = TODAY.replace(year=TODAY.year + 30)


def ended_on(day: str) -> Document:
    """alpha's lab, running still, with a term that ends on `day`."""
    return space("alpha/lab", term={"start": "2026-01-01", "end": day})


def reviewed_on(day: str, space_id: str = "alpha/lab") -> Document:
    """alpha's lab (or `space_id`), ongoing, with its review on `day`."""
    return space(space_id, term={"start": "2026-01-01", "ongoing": True, "review": day})


def test_a_running_space_whose_term_has_ended_is_n601() -> None:
    assert codes(organization("alpha"), ended_on("2026-06-30")) == ["N601"]


def test_a_term_ending_on_the_day_itself_has_not_ended() -> None:
    assert codes(organization("alpha"), ended_on(TODAY.isoformat())) == []


def test_a_term_ending_years_ahead_has_not_ended() -> None:
    assert codes(organization("alpha"), ended_on("2036-06-30")) == []


def test_a_concluded_space_whose_term_has_ended_is_no_notice() -> None:
    concluded = space(
        "alpha/lab", status="concluded", term={"start": "2026-01-01", "end": "2026-06-30"}
    )
    assert codes(organization("alpha"), concluded) == []


def test_a_review_whose_date_has_passed_is_n602() -> None:
    overdue = (TODAY - timedelta(days=1)).isoformat()
    assert codes(organization("alpha"), reviewed_on(overdue)) == ["N602"]


def test_a_review_years_ahead_is_not_overdue() -> None:
    assert codes(organization("alpha"), reviewed_on("2036-01-01")) == []


def test_decades_passing_bring_notices_only() -> None:
    beta = organization("beta", participations=[joined("alpha/lab")])
    lab = space(
        "alpha/lab",
        term={"start": "2026-01-01", "end": "2027-12-31", "review": "2027-06-01"},
        participants=[member("beta", consents=[{"by": "alpha", "date": "2026-02-01"}])],
    )
    documents = (organization("alpha"), beta, lab, reviewed_on("2027-01-01", "alpha/school"))
    assert problems(*documents) == []
    later = problems(*documents, today=YEARS_LATER)
    assert {p.code for p in later} == {"N601", "N602"}
    assert {p.severity for p in later} == {Severity.NOTICE}
