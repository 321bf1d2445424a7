"""`ecotone due`: what falls due, for people (text), tools (JSON) and the reminder
workflow, which keeps one GitHub issue open per organization with something due.

The issue logic is a pure function from what is due and the issues that exist
(as `gh issue list --json number,title,body` prints them) to the actions to
take, so that a run with nothing new changes nothing: an issue is found by the
marker in its body, edited only when its text would change, and closed once
nothing is due. The text holds only identifiers, file paths, dates and handles,
which the schemas restrict to characters Markdown leaves alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from ecotone.analysis.due import DueItem, OrganizationDue
from ecotone.analysis.reviews import DueKind
from ecotone.wording import long_date

LABEL = "ecotone-reminder"
_MARKER = "<!-- ecotone-due: {} -->"
_KIND = {DueKind.REVIEW: "Review", DueKind.TERM_END: "Term end"}


# -- for people and tools -------------------------------------------------------


def as_text(dues: Sequence[OrganizationDue], days: int) -> str:
    if not dues:
        return f"Nothing is due within {days} days."
    lines = []
    for organization in dues:
        handles = ", ".join(f"@{h}" for h in organization.maintainers)
        lines.append(f"{organization.organization} (ask {handles})")
        for item in organization.items:
            lines.append(f"  {item.file}:{item.line}: {_when(item)}")
            lines.append(f"    renew: {item.change}{_or_conclude(item)}")
    return "\n".join(lines)


def as_json(dues: Sequence[OrganizationDue]) -> str:
    return json.dumps(
        [
            {
                "organization": o.organization,
                "maintainers": list(o.maintainers),
                "due": [
                    {
                        "space": item.due.space.id,
                        "kind": item.due.kind.value,
                        "date": item.due.date.isoformat(),
                        "days": item.days,
                        "overdue": item.overdue,
                        "file": item.file,
                        "line": item.line,
                        "change": item.change,
                    }
                    for item in o.items
                ],
            }
            for o in dues
        ],
        indent=2,
    )


def _or_conclude(item: DueItem) -> str:
    return "  (or status: concluded)" if item.due.kind is DueKind.TERM_END else ""


def _when(item: DueItem) -> str:
    what = f"{_KIND[item.due.kind].lower()} of {item.due.space.id}"
    day = long_date(item.due.date)
    if item.overdue:
        since = "overdue since" if item.due.kind is DueKind.REVIEW else "ended on"
        return f"{what} {since} {day}"
    return f"{what} due on {day}"


# -- the reminder issues ----------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    """An open issue as `gh issue list --json number,title,body` gives it."""

    number: int
    title: str
    body: str


@dataclass(frozen=True)
class IssueAction:
    """What the workflow does: `create` an issue, `edit` issue `number`'s title and
    body, or `close` it with `body` as the closing comment."""

    action: str
    number: int | None
    title: str
    body: str


def read_issues(text: str) -> tuple[Issue, ...]:
    """The issues from gh's JSON; ValueError when it is not a list of issues."""
    try:
        data = json.loads(text)
        return tuple(Issue(int(i["number"]), str(i["title"]), str(i["body"])) for i in data)
    except (ValueError, TypeError, KeyError) as error:
        raise ValueError(f"not a list of issues with number, title and body: {error}") from None


def issue_actions(
    dues: Sequence[OrganizationDue], existing: Sequence[Issue], days: int
) -> tuple[IssueAction, ...]:
    """The actions that leave one open issue per organization with something due,
    saying what is due, and none for the others."""
    mine: dict[str, list[Issue]] = {}
    for issue in sorted(existing, key=lambda i: i.number):
        organization = _marked(issue.body)
        if organization is not None:
            mine.setdefault(organization, []).append(issue)
    actions = []
    for organization in dues:
        title, body = _title(organization.organization), _body(organization, days)
        issues = mine.pop(organization.organization, [])
        if not issues:
            actions.append(IssueAction("create", None, title, body))
            continue
        first, *extra = issues
        if (first.title, _plain(first.body)) != (title, _plain(body)):
            actions.append(IssueAction("edit", first.number, title, body))
        duplicate = f"A duplicate of #{first.number}."
        actions.extend(IssueAction("close", i.number, i.title, duplicate) for i in extra)
    for organization, issues in sorted(mine.items()):
        done = f"Nothing {organization} hosts is due within {days} days any more."
        actions.extend(IssueAction("close", i.number, i.title, done) for i in issues)
    return tuple(actions)


def actions_as_json(actions: Sequence[IssueAction]) -> str:
    return json.dumps(
        [
            {"action": a.action, "number": a.number, "title": a.title, "body": a.body}
            for a in actions
        ],
        indent=2,
    )


def _plain(body: str) -> str:
    """A body as compared: GitHub may hand back CRLF line ends and trim the end."""
    return body.replace("\r\n", "\n").strip()


def _marked(body: str) -> str | None:
    start, end = _MARKER.split("{}")
    if not body.startswith(start):
        return None
    organization, found, _ = body[len(start) :].partition(end)
    return organization if found else None


def _title(organization: str) -> str:
    return f"Reminder: dates due for {organization}"


def _body(organization: OrganizationDue, days: int) -> str:
    handles = " ".join(f"@{h}" for h in organization.maintainers)
    lines = [
        _MARKER.format(organization.organization),
        f"{handles}: these dates of the spaces that {organization.organization} hosts have "
        f"passed or fall due within {days} days. Each needs one line changed in the "
        "space's file, by pull request.",
        "",
    ]
    for item in organization.items:
        conclude = " (or `status: concluded`)" if item.due.kind is DueKind.TERM_END else ""
        lines.append(
            f"- {_when(item)}: in `{item.file}`, line {item.line}, write `{item.change}`{conclude}."
        )
    lines += [
        "",
        "The reminders workflow updates this issue every week and closes it when nothing "
        "is due any more. A passed date never fails anybody's build.",
    ]
    return "\n".join(lines) + "\n"
