"""Since when each member of a collaboration is one, and whether its joining has the
consent of the members of that time on record: from main's first-parent history
and today's data."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date

import pytest
from conftest import TODAY, Tree

from ecotone.analysis import membership
from ecotone.analysis.consent import Seat
from ecotone.analysis.git import git_file_dates
from ecotone.analysis.membership import Joining, joinings, kept_seat_history, seat_history
from ecotone.load.git import KeptLog, first_parent_log
from ecotone.render.environment import Renderer
from ecotone.render.pages import SiteSettings
from ecotone.render.spaces import space_page
from ecotone.sitedata import site_data
from ecotone.validate.cache import CACHE_FOLDER, remembered

LAB = "partners/alpha/spaces/lab.yml"
BETA = "partners/beta/organization.yml"
GAMMA = """\
name: Gamma Works
summary: We take part.
maintainers: [gamma-admin]
commitments: {sovereignty: true, shared_governance: true, interoperable_data: true, shared_communication: true}
circles:
  general: {name: General circle, aim: Hold the aim., domain: All of it., conflicts_go_to: The assembly.}
participations:
  - space: alpha/lab
    circle: general
"""
GAMMA_SEAT = "  - organization: gamma\n    role: representative\n    circle: general\n"


def commit(tree: Tree, day: str, message: str) -> None:
    """Commit everything, dated `day` (committer and author)."""
    stamp = f"{day}T12:00:00+00:00"
    env = os.environ | {"GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_DATE": stamp}
    for args in (["add", "."], ["commit", "--quiet", "-m", message]):
        subprocess.run(
            ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
            cwd=tree.root,
            env=env,
            check=True,
        )


@pytest.fixture
def history(minimal: Tree) -> Tree:
    """alpha's collaboration `lab`, founded with beta on 2026-02-01; gamma listed and
    acknowledged on 2026-06-15, with nobody's consent on record."""
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main"], cwd=minimal.root)
    commit(minimal, "2026-02-01", "alpha founds the lab with beta")
    minimal.write("partners/gamma/organization.yml", GAMMA)
    minimal.replace(LAB, "participants:\n", "participants:\n" + GAMMA_SEAT)
    commit(minimal, "2026-06-15", "gamma joins")
    return minimal


def joining(tree: Tree, organization: str, circle: str = "general") -> Joining:
    directory = tree.validate().directory
    return joinings(directory, seat_history(tree.root, TODAY))[
        Seat("alpha/lab", organization, circle)
    ]


def page(tree: Tree) -> str:
    data = site_data(tree.validate().directory, TODAY, {}, seat_history(tree.root, TODAY))
    return str(
        space_page(data, data.directory.space("alpha/lab"), SiteSettings(), Renderer()).content
    )


def test_a_founder_is_a_member_since_the_space_began_and_needs_no_consent(
    history: Tree,
) -> None:
    assert joining(history, "beta", "growing") == Joining(date(2026, 1, 1), True, ())


def test_a_later_member_without_records_lacks_the_consent_of_the_members_then(
    history: Tree,
) -> None:
    assert joining(history, "gamma") == Joining(date(2026, 6, 15), False, (), ("beta",))


def test_a_record_in_a_member_s_own_file_is_its_consent_on_record(history: Tree) -> None:
    history.replace(
        BETA,
        "    circle: growing\n",
        "    circle: growing\n    consents:\n      - member: gamma\n        circle: general\n"
        "        date: 2026-06-10\n",
    )
    assert joining(history, "gamma") == Joining(
        date(2026, 6, 15), False, (("beta", date(2026, 6, 10)),)
    )


def test_members_who_joined_later_were_not_asked(history: Tree) -> None:
    delta = GAMMA.replace("Gamma Works", "Delta Fund")
    history.write("partners/delta/organization.yml", delta)
    history.replace(LAB, GAMMA_SEAT, GAMMA_SEAT + GAMMA_SEAT.replace("gamma", "delta"))
    commit(history, "2026-09-01", "delta joins")
    assert joining(history, "delta").missing == ("beta", "gamma")
    assert joining(history, "gamma").missing == ("beta",)


def delta_joins(tree: Tree, day: str) -> None:
    tree.write("partners/delta/organization.yml", GAMMA.replace("Gamma Works", "Delta Fund"))
    tree.replace(LAB, GAMMA_SEAT, GAMMA_SEAT + GAMMA_SEAT.replace("gamma", "delta"))
    commit(tree, day, "delta joins")


def test_a_commit_dated_years_ahead_counts_from_the_builds_day(history: Tree) -> None:
    delta_joins(history, "2031-01-01")
    assert joining(history, "delta").since == TODAY


def test_a_commit_dated_after_the_next_one_counts_from_the_next_one(history: Tree) -> None:
    delta_joins(history, "2030-01-01")
    history.replace(LAB, "participants:\n", "# the next commit\nparticipants:\n")
    commit(history, "2026-09-01", "a comment")
    assert joining(history, "delta").since == date(2026, 9, 1)


def test_a_member_that_left_and_came_back_is_one_since_it_came_back(history: Tree) -> None:
    history.replace(LAB, GAMMA_SEAT, "")
    commit(history, "2026-07-01", "gamma leaves")
    history.replace(LAB, "participants:\n", "participants:\n" + GAMMA_SEAT)
    commit(history, "2026-10-01", "gamma is back")
    assert joining(history, "gamma").since == date(2026, 10, 1)


def test_a_member_is_one_from_its_acknowledgment_not_its_invitation(minimal: Tree) -> None:
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main"], cwd=minimal.root)
    commit(minimal, "2026-02-01", "the lab")
    minimal.write("partners/gamma/organization.yml", GAMMA.split("participations:")[0])
    minimal.replace(LAB, "participants:\n", "participants:\n" + GAMMA_SEAT)
    commit(minimal, "2026-03-01", "gamma invited")
    minimal.write("partners/gamma/organization.yml", GAMMA)
    commit(minimal, "2026-04-01", "gamma acknowledges")
    assert joining(minimal, "gamma").since == date(2026, 4, 1)


def test_without_history_only_the_records_are_known(minimal: Tree) -> None:
    minimal.replace(
        LAB,
        "    circle: growing\n",
        "    circle: growing\n    consents:\n      - by: alpha\n        date: 2026-03-03\n",
    )
    assert joining(minimal, "beta", "growing") == Joining(
        date(2026, 3, 3), False, (("alpha", date(2026, 3, 3)),)
    )


def test_the_page_marks_a_member_without_consent_on_record_and_keeps_it(history: Tree) -> None:
    html = page(history)
    assert 'Member since <time datetime="2026-06-15">15 June 2026</time>.' in html
    assert 'class="eco-member__joined eco-member__joined--unconsented"' in html
    assert "<strong>No consent on record</strong> from" in html
    assert "A founding member." in html


# -- the versions read, kept from build to build ---------------------------------------


@pytest.fixture
def own_signing_key(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))


def test_a_history_read_with_the_versions_kept_is_the_history_read_whole(
    history: Tree, own_signing_key: None
) -> None:
    directory = history.validate().directory
    kept_seat_history(history.root, TODAY, directory)  # keeps the versions
    history.replace(LAB, GAMMA_SEAT, "")
    commit(history, "2026-07-01", "gamma leaves")
    history.replace(LAB, "participants:\n", "participants:\n" + GAMMA_SEAT)
    commit(history, "2026-10-01", "gamma is back")
    directory = history.validate().directory

    kept = kept_seat_history(history.root, TODAY, directory)

    assert kept == seat_history(history.root, TODAY, directory)
    assert kept[Seat("alpha/lab", "gamma", "general")].since == date(2026, 10, 1)


def test_a_version_is_parsed_once_however_many_builds_read_it(
    history: Tree, own_signing_key: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    history.replace(LAB, "participants:\n", "# today's version\nparticipants:\n")
    commit(history, "2026-09-01", "a comment")  # the versions before are history's only
    directory = history.validate().directory
    parsed: list[str] = []
    monkeypatch.setattr(membership, "parse", lambda source: parsed.append(source.file) or {})

    kept_seat_history(history.root, TODAY, directory)
    first = len(parsed)
    kept_seat_history(history.root, TODAY, directory)

    assert first > 0 and len(parsed) == first


def rev_parse(tree: Tree, revision: str) -> str:
    done = subprocess.run(["git", "rev-parse", revision], cwd=tree.root, capture_output=True)
    return done.stdout.decode().strip()


def test_the_files_dates_read_on_from_a_kept_log_are_those_read_whole(
    history: Tree, own_signing_key: None
) -> None:
    git_file_dates(history.root, TODAY)  # keeps the log
    history.replace(LAB, GAMMA_SEAT, "")
    commit(history, "2026-07-01", "gamma leaves")

    kept = git_file_dates(history.root, TODAY)
    log = KeptLog.from_plain(remembered(history.root, "dates-log"))
    assert log is not None and log.commit == rev_parse(history, "HEAD")
    shutil.rmtree(history.root / CACHE_FOLDER)

    assert kept == git_file_dates(history.root, TODAY)
    assert kept[LAB].updated.date() == date(2026, 7, 1)


def test_a_kept_log_is_read_on_with_the_commits_since_only(history: Tree) -> None:
    earlier = KeptLog(rev_parse(history, "HEAD~1"), "as kept\n")

    log = first_parent_log(history.root, ("--format=%s",), ("partners",), earlier)

    assert log == KeptLog(rev_parse(history, "HEAD"), "as kept\ngamma joins\n")


def test_a_log_kept_at_a_commit_the_branch_no_longer_has_is_read_whole(history: Tree) -> None:
    dropped = KeptLog(rev_parse(history, "HEAD"), "as kept\n")
    subprocess.run(["git", "reset", "--quiet", "--hard", "HEAD~1"], cwd=history.root, check=True)
    history.write("partners/gamma/organization.yml", GAMMA)
    commit(history, "2026-05-01", "gamma joins another way")

    log = first_parent_log(history.root, ("--format=%s",), ("partners",), dropped)

    assert log is not None
    assert log.text == "alpha founds the lab with beta\ngamma joins another way\n"
