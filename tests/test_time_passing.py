"""Time passing breaks nothing: a date the data lets pass (a review not held, a term
ended) is said on the space's page, on the reviews page, in the calendar and in
the validator's output, and never fails a strict build, years from now."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from builders import Builder
from site_helpers import REPO_ROOT, TODAY, Build, mkdocs_build

from ecotone.analysis.reviews import DueKind, overdue
from ecotone.commands.synth import write_directory
from ecotone.render.environment import Renderer
from ecotone.render.pages import SiteSettings
from ecotone.render.spaces import space_page
from ecotone.sitedata import site_data

YEARS_AHEAD = "2035-01-01"


@pytest.fixture(scope="module")
def example_years_ahead(tmp_path_factory: pytest.TempPathFactory) -> Build:
    site = tmp_path_factory.mktemp("years-ahead") / "site"
    return mkdocs_build(REPO_ROOT / "mkdocs.yml", site, strict=True, today=YEARS_AHEAD)


def test_the_example_builds_strictly_years_ahead(example_years_ahead: Build) -> None:
    assert example_years_ahead.returncode == 0, example_years_ahead.output
    assert "WARNING" not in example_years_ahead.output


def test_the_build_years_ahead_reports_what_is_overdue_as_notices(
    example_years_ahead: Build,
) -> None:
    assert (
        "partners/riverbend-clt/spaces/food-commons.yml:25:3: N602 notice: "
        "The review is overdue since 2026-12-15." in example_years_ahead.output
    )


def test_the_overdue_review_shows_on_the_space_page(example_years_ahead: Build) -> None:
    page = example_years_ahead.html("spaces/riverbend-clt/food-commons/")
    assert 'Review overdue since <time datetime="2026-12-15">15 December 2026</time>.' in page


def test_the_overdue_review_shows_on_the_reviews_page_and_in_the_calendar(
    example_years_ahead: Build,
) -> None:
    reviews = example_years_ahead.html("reviews/")
    overdue_part = reviews[reviews.index('id="overdue"') : reviews.index('id="coming-up"')]
    assert "/spaces/riverbend-clt/food-commons/" in overdue_part
    assert "days overdue" in overdue_part
    calendar = (example_years_ahead.site / "feeds" / "reviews.ics").read_text(encoding="utf-8")
    assert "UID:tag:127.0.0.1,2026:review/riverbend-clt/food-commons" in calendar
    assert "DTSTART;VALUE=DATE:20261215" in calendar


def test_a_synthetic_directory_builds_strictly_years_ahead(tmp_path: Path) -> None:
    write_directory(tmp_path, 100, 300)
    build = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site", today=YEARS_AHEAD)
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output
    assert " notice: " in build.output  # some of its 300 spaces are overdue by then


# -- the space page, rendered on its own ----------------------------------------------


@pytest.fixture
def builder(tmp_path: Path) -> Builder:
    build = Builder(tmp_path)
    build.organization("a")
    return build


def test_a_space_page_says_since_when_its_review_is_overdue(builder: Builder) -> None:
    builder.space("a/lab", term={"start": "2025-01-01", "ongoing": True, "review": "2026-11-01"})
    directory = builder.directory(TODAY)
    space = directory.space("a/lab")
    assert space is not None

    page = str(
        space_page(site_data(directory, TODAY, {}), space, SiteSettings(), Renderer()).content
    )
    before = str(
        space_page(
            site_data(directory, date(2026, 10, 1), {}), space, SiteSettings(), Renderer()
        ).content
    )

    assert 'Review overdue since <time datetime="2026-11-01">1 November 2026</time>.' in page
    assert "overdue" not in before


def test_a_space_page_says_its_term_has_ended(builder: Builder) -> None:
    builder.space("a/lab", term={"start": "2025-01-01", "end": "2026-11-01"})
    directory = builder.directory(TODAY)
    space = directory.space("a/lab")
    assert space is not None

    page = str(
        space_page(site_data(directory, TODAY, {}), space, SiteSettings(), Renderer()).content
    )

    assert (
        'Term ended on <time datetime="2026-11-01">1 November 2026</time>, '
        "and the space is still active." in page
    )


def test_a_concluded_space_has_nothing_overdue(builder: Builder) -> None:
    builder.space(
        "a/lab",
        status="concluded",
        term={"start": "2024-01-01", "end": "2025-01-01", "review": "2024-06-01"},
    )
    space = builder.directory(TODAY).space("a/lab")
    assert space is not None
    assert overdue(space, TODAY) == ()


def test_a_running_space_lets_its_review_and_its_end_pass(builder: Builder) -> None:
    builder.space(
        "a/lab", term={"start": "2024-01-01", "end": "2026-11-01", "review": "2026-06-01"}
    )
    space = builder.directory(TODAY).space("a/lab")
    assert space is not None
    assert [(d.kind, d.date) for d in overdue(space, TODAY)] == [
        (DueKind.REVIEW, date(2026, 6, 1)),
        (DueKind.TERM_END, date(2026, 11, 1)),
    ]
    assert overdue(space, date(2026, 6, 1)) == ()
