"""`ecotone due` and the reminder issues: what falls due, per organization, with the
people to ask and the line that renews it; one issue per organization, kept
right by a plan that changes nothing when nothing changed."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from builders import Builder
from conftest import TESTS, TODAY

from ecotone.analysis.due import due_within
from ecotone.commands.cli import main
from ecotone.commands.due import Issue, IssueAction, issue_actions, read_issues
from ecotone.model import Directory

RECORDED = TESTS / "fixtures" / "reminders" / "issues.json"


@pytest.fixture
def built(tmp_path: Path) -> tuple[Directory, Path]:
    build = Builder(tmp_path)
    build.organization("a")
    build.organization("b")
    build.space(
        "a/overdue", term={"start": "2025-01-01", "end": "2027-06-30", "review": "2026-11-01"}
    )
    build.space("a/soon", term={"start": "2025-01-01", "ongoing": True, "review": "2027-01-05"})
    build.space("a/ends", term={"start": "2025-01-01", "end": "2026-12-31"})
    build.space("b/later", term={"start": "2025-01-01", "ongoing": True, "review": "2027-01-07"})
    build.space(
        "b/done",
        status="concluded",
        term={"start": "2024-01-01", "end": "2025-01-01", "review": "2024-06-01"},
    )
    return build.directory(TODAY), tmp_path


def test_what_has_passed_or_falls_within_45_days_is_listed_per_host(built) -> None:
    directory, _ = built
    dues = due_within(directory, TODAY)
    assert [(o.organization, o.maintainers) for o in dues] == [("a", ("a-admin",))]
    assert [(i.due.space.slug, i.due.kind.value, i.days) for i in dues[0].items] == [
        ("overdue", "review", -21),
        ("ends", "term-end", 39),
        ("soon", "review", 44),
    ]


def test_the_window_is_a_parameter(built) -> None:
    directory, _ = built
    assert [o.organization for o in due_within(directory, TODAY, days=60)] == ["a", "b"]


def test_each_date_comes_with_its_place_and_the_line_that_renews_it(built) -> None:
    directory, root = built
    overdue, ends, soon = due_within(directory, TODAY)[0].items
    assert overdue.file == "partners/a/spaces/overdue.yml"
    text = (root / overdue.file).read_text().splitlines()
    assert text[overdue.line - 1].strip() == "review: '2026-11-01'"
    assert overdue.change == "review: 2027-06-30"  # a year on, but within the term
    assert ends.change == "end: 2027-12-31"
    assert soon.change == "review: 2028-01-05"


def test_the_command_prints_maintainers_dates_and_renewals(built, capsys) -> None:
    _, root = built
    assert main(["due", str(root), "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "a (ask @a-admin)" in out
    assert "partners/a/spaces/overdue.yml:" in out
    assert "review of a/overdue overdue since 1 November 2026" in out
    assert "renew: end: 2027-12-31  (or status: concluded)" in out


def test_the_command_prints_json_for_tools(built, capsys) -> None:
    _, root = built
    assert main(["due", str(root), "--today", TODAY.isoformat(), "--format", "json"]) == 0
    (organization,) = json.loads(capsys.readouterr().out)
    assert organization["organization"] == "a"
    assert organization["maintainers"] == ["a-admin"]
    first = organization["due"][0]
    assert {k: first[k] for k in ("space", "kind", "date", "overdue", "change")} == {
        "space": "a/overdue",
        "kind": "review",
        "date": "2026-11-01",
        "overdue": True,
        "change": "review: 2027-06-30",
    }


def test_nothing_due_says_so(tmp_path: Path, capsys) -> None:
    Builder(tmp_path).organization("a")
    assert main(["due", str(tmp_path), "--today", TODAY.isoformat()]) == 0
    assert capsys.readouterr().out == "Nothing is due within 45 days.\n"


def test_a_folder_without_partners_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["due", str(tmp_path)]) == 2
    assert "no partners/ folder" in capsys.readouterr().err


# -- the reminder issues, against a recorded list -----------------------------------------


def recorded() -> tuple[Issue, ...]:
    return read_issues(RECORDED.read_text(encoding="utf-8"))


def applied(existing: tuple[Issue, ...], actions: tuple[IssueAction, ...]) -> tuple[Issue, ...]:
    """The open issues after the workflow has carried out `actions`, as GitHub keeps them."""
    issues = {issue.number: issue for issue in existing}
    number = max(issues, default=0)
    for action in actions:
        if action.action == "create":
            number += 1
            issues[number] = Issue(number, action.title, action.body.strip())
        elif action.action == "edit":
            assert action.number is not None
            issues[action.number] = Issue(action.number, action.title, action.body.strip())
        else:
            issues.pop(action.number)  # type: ignore[arg-type]
    return tuple(issues.values())


def test_an_organization_with_something_due_gets_one_issue_that_mentions_its_maintainers(
    built,
) -> None:
    directory, _ = built
    actions = issue_actions(due_within(directory, TODAY), recorded(), 45)
    created = [a for a in actions if a.action == "create"]
    assert [a.title for a in created] == ["Reminder: dates due for a"]
    body = created[0].body
    assert body.startswith("<!-- ecotone-due: a -->\n@a-admin: ")
    assert "write `end: 2027-12-31` (or `status: concluded`)" in body


def test_the_issue_of_an_organization_with_nothing_due_is_closed(built) -> None:
    """Issue 12 of the recording is b's reminder; b has nothing due within 45 days."""
    directory, _ = built
    actions = issue_actions(due_within(directory, TODAY), recorded(), 45)
    closed = [(a.action, a.number, a.body) for a in actions if a.action == "close"]
    assert closed == [("close", 12, "Nothing b hosts is due within 45 days any more.")]
    assert all(a.number != 9 for a in actions)  # an issue without the marker is not ours


def test_running_twice_changes_nothing_the_second_time(built) -> None:
    directory, _ = built
    dues = due_within(directory, TODAY, days=60)
    after = applied(recorded(), issue_actions(dues, recorded(), 60))
    assert issue_actions(dues, after, 60) == ()


def test_a_body_github_gives_back_with_crlf_line_ends_is_not_edited(built) -> None:
    directory, _ = built
    dues = due_within(directory, TODAY)
    after = applied((), issue_actions(dues, (), 45))
    as_github_keeps_them = tuple(
        replace(issue, body=issue.body.replace("\n", "\r\n").strip()) for issue in after
    )
    assert issue_actions(dues, as_github_keeps_them, 45) == ()


def test_what_changes_edits_the_issue_in_place(built) -> None:
    """A wider window: a's list is the same but its text says 60 days; b now has a
    date due, and gets its first issue."""
    directory, _ = built
    after = applied((), issue_actions(due_within(directory, TODAY), (), 45))
    (a_issue,) = after
    actions = issue_actions(due_within(directory, TODAY, days=60), after, 60)
    assert [(x.action, x.number, x.title) for x in actions] == [
        ("edit", a_issue.number, "Reminder: dates due for a"),
        ("create", None, "Reminder: dates due for b"),
    ]


def test_a_second_issue_for_the_same_organization_is_closed_as_a_duplicate(built) -> None:
    directory, _ = built
    dues = due_within(directory, TODAY)
    after = applied((), issue_actions(dues, (), 45))
    twice = (*after, replace(after[0], number=99))
    assert issue_actions(dues, twice, 45) == (
        IssueAction("close", 99, after[0].title, f"A duplicate of #{after[0].number}."),
    )


def test_issues_that_are_not_a_list_are_refused() -> None:
    with pytest.raises(ValueError, match="not a list of issues"):
        read_issues('{"number": 1}')


def test_the_command_prints_the_actions_for_the_workflow(built, capsys) -> None:
    _, root = built
    code = main(
        [
            "due",
            str(root),
            "--today",
            TODAY.isoformat(),
            "--format",
            "issues",
            "--issues",
            str(RECORDED),
        ]
    )
    assert code == 0
    actions = json.loads(capsys.readouterr().out)
    assert [(a["action"], a["number"]) for a in actions] == [("create", None), ("close", 12)]
