"""Review dates and term ends across the directory, relative to a given day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from builders import Builder
from site_helpers import TODAY

from ecotone.analysis.reviews import UPCOMING_DAYS, DueKind, agenda, due_dates
from ecotone.model import Directory


@pytest.fixture
def directory(tmp_path: Path) -> Directory:
    build = Builder(tmp_path)
    build.organization("a")
    term = {"start": "2025-01-01", "end": "2027-06-30", "review": "2026-11-01"}
    build.space("a/overdue-review", term=term)
    build.space(
        "a/review-today", term={"start": "2025-01-01", "ongoing": True, "review": TODAY.isoformat()}
    )
    build.space("a/ends-soon", term={"start": "2025-01-01", "end": "2027-02-20"})
    build.space("a/far", term={"start": "2025-01-01", "ongoing": True, "review": "2028-01-01"})
    build.space(
        "a/concluded",
        status="concluded",
        term={"start": "2024-01-01", "end": "2025-01-01", "review": "2024-06-01"},
    )
    return build.directory(TODAY)


def test_every_running_space_contributes_its_review_and_its_term_end(
    directory: Directory,
) -> None:
    found = [(d.space.slug, d.kind, d.date) for d in due_dates(directory)]
    assert found == [
        ("overdue-review", DueKind.REVIEW, date(2026, 11, 1)),
        ("review-today", DueKind.REVIEW, TODAY),
        ("ends-soon", DueKind.TERM_END, date(2027, 2, 20)),
        ("overdue-review", DueKind.TERM_END, date(2027, 6, 30)),
        ("far", DueKind.REVIEW, date(2028, 1, 1)),
    ]


def test_a_concluded_space_falls_due_no_more(directory: Directory) -> None:
    assert all(d.space.slug != "concluded" for d in due_dates(directory))


def test_the_agenda_splits_overdue_upcoming_and_later(directory: Directory) -> None:
    plan = agenda(directory, TODAY)
    assert [(d.space.slug, plan.days(d)) for d in plan.overdue] == [("overdue-review", -21)]
    assert [(d.space.slug, plan.days(d)) for d in plan.upcoming] == [
        ("review-today", 0),
        ("ends-soon", 90),
    ]
    assert [d.space.slug for d in plan.later] == ["overdue-review", "far"]
    assert UPCOMING_DAYS == 90


def test_the_agenda_moves_with_the_day_it_is_given(directory: Directory) -> None:
    plan = agenda(directory, date(2026, 11, 23))
    assert [d.space.slug for d in plan.overdue] == ["overdue-review", "review-today"]
