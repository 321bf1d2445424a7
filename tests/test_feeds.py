"""The Atom feed of spaces and the iCalendar feed of reviews, read back by real
parsers (feedparser, icalendar), and the dates they carry: from git when the
directory is a git checkout, from the data otherwise, never from the clock."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import feedparser
import icalendar
import pytest
from builders import TODAY, Builder

from ecotone.analysis.git import git_file_dates
from ecotone.analysis.history import Dates, entry_dates
from ecotone.export.reviews_calendar import reviews_calendar
from ecotone.export.spaces_feed import spaces_feed
from ecotone.export.urls import SiteUrls
from ecotone.model import Directory
from ecotone.sitedata import SiteData, site_data
from ecotone.validate.run import validate_directory

URLS = SiteUrls("https://directory.example.org/")
MOVED = SiteUrls("https://moved.example.net/elsewhere/")
AUTHORITY = "directory.example.org,2026"


def calendar(data: SiteData, urls: SiteUrls, site_name: str, authority: str) -> str:
    """The reviews calendar's text, as written."""
    return "".join(reviews_calendar(data, urls, site_name, authority))


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# The last second of the test's day: no entry is dated later than the build.
END_OF_TODAY = moment(f"{TODAY.isoformat()}T23:59:59")


@pytest.fixture
def build(tmp_path: Path) -> Builder:
    return Builder(tmp_path)


@pytest.fixture
def two_spaces(build: Builder) -> Directory:
    build.organization("a", name="Alpha; the first, really")
    build.space(
        "a/older",
        title="Older, with; punctuation\\",
        term={"start": "2024-03-01", "end": "2027-03-01", "review": "2026-12-01"},
        history=[{"date": "2024-03-01", "change": "Started."}],
    )
    build.space(
        "a/newer",
        title="Newer space",
        topics=["food", "gardens"],
        term={"start": "2025-01-01", "ongoing": True, "review": "2027-01-10"},
        history=[
            {"date": "2025-01-01", "change": "Started."},
            {"date": "2026-10-05", "change": "Renewed."},
        ],
    )
    return build.directory()


def data_dates(directory: Directory) -> dict[str, Dates]:
    return dict(entry_dates(directory, {}, TODAY))


# -- dates -------------------------------------------------------------------------


def test_without_git_the_dates_come_from_the_history_entries(two_spaces: Directory) -> None:
    dates = data_dates(two_spaces)
    assert dates["a/newer"] == Dates(moment("2025-01-01"), moment("2026-10-05"))
    assert dates["a/older"] == Dates(moment("2024-03-01"), moment("2024-03-01"))


def test_without_history_a_space_is_dated_by_its_term_start(build: Builder) -> None:
    build.organization("a")
    build.space("a/plain", term={"start": "2025-05-05", "ongoing": True})
    dates = data_dates(build.directory())
    assert dates["a/plain"] == Dates(moment("2025-05-05"), moment("2025-05-05"))


def git(root: Path, *arguments: str, when: str | None = None) -> None:
    environment = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    environment.update(GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    if when:
        environment.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", *arguments], cwd=root, env=environment, check=True, capture_output=True)


def test_in_a_git_checkout_the_dates_are_the_first_and_latest_commits(
    build: Builder, two_spaces: Directory
) -> None:
    root = build.root
    git(root, "init", "-q")
    git(root, "add", "partners")
    git(root, "commit", "-q", "-m", "first", when="2026-01-02T10:00:00+02:00")
    (root / "partners/a/spaces/newer.yml").write_text(
        (root / "partners/a/spaces/newer.yml").read_text() + "# touched\n"
    )
    git(root, "commit", "-q", "-am", "second", when="2026-03-04T12:00:00+00:00")
    files = git_file_dates(root, TODAY)
    assert files["partners/a/spaces/newer.yml"] == Dates(
        moment("2026-01-02T08:00:00"), moment("2026-03-04T12:00:00")
    )
    assert files["partners/a/spaces/older.yml"] == Dates(
        moment("2026-01-02T08:00:00"), moment("2026-01-02T08:00:00")
    )
    assert entry_dates(two_spaces, files, TODAY)["a/newer"].updated == moment("2026-03-04T12:00:00")


def test_commits_inside_a_merged_branch_are_dated_when_the_merge_reached_main(
    build: Builder, two_spaces: Directory
) -> None:
    root = build.root
    git(root, "init", "-q", "--initial-branch=main")
    git(root, "add", "partners")
    git(root, "commit", "-q", "-m", "first", when="2026-01-02T10:00:00+00:00")
    git(root, "checkout", "-q", "-b", "proposal")
    newer = root / "partners/a/spaces/newer.yml"
    newer.write_text(newer.read_text() + "# pinned\n")
    git(root, "commit", "-q", "-am", "forged", when="2099-01-01T00:00:00+00:00")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "-m", "merge", "proposal", when="2026-03-04T12:00:00+00:00")
    files = git_file_dates(root, TODAY)
    assert files["partners/a/spaces/newer.yml"].updated == moment("2026-03-04T12:00:00")


def test_no_date_is_later_than_the_builds_day(build: Builder, two_spaces: Directory) -> None:
    root = build.root
    git(root, "init", "-q", "--initial-branch=main")
    git(root, "add", "partners")
    git(root, "commit", "-q", "-m", "pushed with a forged date", when="2099-01-01T00:00:00+00:00")
    dates = entry_dates(two_spaces, git_file_dates(root, TODAY), TODAY)
    assert dates["a/newer"] == Dates(END_OF_TODAY, END_OF_TODAY)


def test_an_earlier_commit_of_main_is_never_dated_after_a_later_one(
    build: Builder, two_spaces: Directory
) -> None:
    root = build.root
    git(root, "init", "-q", "--initial-branch=main")
    git(root, "add", "partners")
    git(root, "commit", "-q", "-m", "first", when="2099-01-01T00:00:00+00:00")
    newer = root / "partners/a/spaces/newer.yml"
    newer.write_text(newer.read_text() + "# touched\n")
    git(root, "commit", "-q", "-am", "second", when="2026-03-04T12:00:00+00:00")
    files = git_file_dates(root, TODAY)
    assert files["partners/a/spaces/older.yml"].updated == moment("2026-03-04T12:00:00")


def test_a_history_date_in_the_future_is_dated_the_builds_day(build: Builder) -> None:
    build.organization("a")
    build.space("a/pinned", history=[{"date": "2099-01-01", "change": "Forever new."}])
    dates = entry_dates(build.directory(), {}, TODAY)
    assert dates["a/pinned"].updated == END_OF_TODAY


def test_a_folder_outside_git_has_no_git_dates(tmp_path: Path) -> None:
    assert git_file_dates(tmp_path, TODAY) == {}


# -- Atom --------------------------------------------------------------------------


def test_the_atom_feed_parses_and_lists_spaces_newest_change_first(
    two_spaces: Directory,
) -> None:
    text = spaces_feed(two_spaces, data_dates(two_spaces), URLS, "Ecotone", AUTHORITY)
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Ecotone: new and changed spaces"
    assert feed.feed.updated == "2026-10-05T00:00:00Z"
    assert [e.title for e in feed.entries] == ["Newer space", "Older, with; punctuation\\"]
    newer = feed.entries[0]
    assert newer.id == "tag:directory.example.org,2026:spaces/a/newer"
    assert newer.link == URLS.space("a/newer")
    assert (newer.published, newer.updated) == ("2025-01-01T00:00:00Z", "2026-10-05T00:00:00Z")
    assert newer.author == "Alpha; the first, really"
    assert [t.term for t in newer.tags] == ["collaboration", "active", "food", "gardens"]


def test_markup_and_control_characters_in_partner_text_stay_text_in_the_feed(
    build: Builder,
) -> None:
    build.organization("a")
    build.space("a/x", title='<script>alert("x")</script> & co\x01')
    # E208 refuses the control character; the feed is safe even without that rule.
    directory = validate_directory(build.root, TODAY).directory
    feed = feedparser.parse(
        spaces_feed(directory, data_dates(directory), URLS, "Ecotone", AUTHORITY)
    )
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries[0].title == '<script>alert("x")</script> & co\ufffd'


def test_the_atom_feed_is_the_same_bytes_when_built_twice(two_spaces: Directory) -> None:
    dates = data_dates(two_spaces)
    assert spaces_feed(two_spaces, dates, URLS, "E", AUTHORITY) == spaces_feed(
        two_spaces, dates, URLS, "E", AUTHORITY
    )


def test_atom_ids_stay_the_same_when_the_site_moves(two_spaces: Directory) -> None:
    dates = data_dates(two_spaces)
    here = feedparser.parse(spaces_feed(two_spaces, dates, URLS, "E", AUTHORITY))
    moved = feedparser.parse(spaces_feed(two_spaces, dates, MOVED, "E", AUTHORITY))

    assert moved.feed.id == here.feed.id == "tag:directory.example.org,2026:feeds/spaces"
    assert [e.id for e in moved.entries] == [e.id for e in here.entries]
    assert [e.link for e in moved.entries] != [e.link for e in here.entries]


# -- iCalendar ---------------------------------------------------------------------


def events(text: str) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


def test_the_calendar_parses_with_one_event_per_review_and_term_end(
    two_spaces: Directory,
) -> None:
    text = calendar(site_data(two_spaces, TODAY, {}), URLS, "Ecotone", AUTHORITY)
    found = [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events(text)]
    assert found == [
        ("Review: Older, with; punctuation\\", date(2026, 12, 1)),
        ("Review: Newer space", date(2027, 1, 10)),
        ("Term ends: Older, with; punctuation\\", date(2027, 3, 1)),
    ]


def test_calendar_uids_are_stable_and_dtstamp_comes_from_the_data(
    two_spaces: Directory,
) -> None:
    text = calendar(site_data(two_spaces, TODAY, {}), URLS, "Ecotone", AUTHORITY)
    by_uid = {str(e["UID"]): e for e in events(text)}
    assert sorted(by_uid) == [
        "tag:directory.example.org,2026:review/a/newer",
        "tag:directory.example.org,2026:review/a/older",
        "tag:directory.example.org,2026:term-end/a/older",
    ]
    stamp = by_uid["tag:directory.example.org,2026:review/a/newer"].decoded("DTSTAMP")
    assert stamp == moment("2026-10-05")


def test_calendar_lines_end_in_crlf_and_fold_within_75_octets(build: Builder) -> None:
    build.organization("a", name="Ünïcödé " * 20)
    build.space("a/long", title="Ø" * 150, term={"start": "2026-01-01", "end": "2027-01-01"})
    directory = build.directory()
    text = calendar(site_data(directory, TODAY, {}), URLS, "Ecotone", AUTHORITY)
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    (event,) = events(text)
    assert str(event["SUMMARY"]) == "Term ends: " + "Ø" * 150


def test_a_calendar_is_the_same_bytes_when_built_twice(two_spaces: Directory) -> None:
    data = site_data(two_spaces, TODAY, {})
    first = calendar(data, URLS, "E", AUTHORITY)
    assert first == calendar(data, URLS, "E", AUTHORITY)


def test_calendar_uids_stay_the_same_when_the_site_moves(two_spaces: Directory) -> None:
    data = site_data(two_spaces, TODAY, {})
    here = events(calendar(data, URLS, "E", AUTHORITY))
    moved = events(calendar(data, MOVED, "E", AUTHORITY))

    assert [str(e["UID"]) for e in moved] == [str(e["UID"]) for e in here]
    assert [str(e["URL"]) for e in moved] != [str(e["URL"]) for e in here]
