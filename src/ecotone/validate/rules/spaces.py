"""Rules of the protocol on spaces: terms, sharing direction, commitments, budgets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ecotone.model import Directory, Space
from ecotone.problems import Family, Severity
from ecotone.validate.rules.registry import Finding, check


@check(
    "E501",
    "Terms end after they start",
    "The term ends on {end}, before it starts on {start}.",
    "Check the two dates; write them as YYYY-MM-DD.",
    severity=Severity.ERROR,
    family=Family.SPACES,
    since="0.1.0",
)
def term_ends_after_start(directory: Directory, today: date) -> Iterator[Finding]:
    """A short-term space ends after it starts."""
    for space in directory.checked_spaces:
        term = space.term
        if term.end is not None and term.end < term.start:
            yield Finding(space.source, ("term", "end"), {"start": term.start, "end": term.end})


@check(
    "E502",
    "Reviews fall within the term",
    "The review date {review} falls outside the term ({start} to {end}).",
    "Choose a review date on or after the start{end_hint}.",
    severity=Severity.ERROR,
    family=Family.SPACES,
    since="0.1.0",
)
def review_within_term(directory: Directory, today: date) -> Iterator[Finding]:
    """Members review a space and its agreements while it runs: the review date is
    on or after the start and, for a short-term space, on or before the end."""
    for space in directory.checked_spaces:
        term = space.term
        if term.review is None:
            continue
        if term.review < term.start or (term.end is not None and term.review > term.end):
            yield Finding(
                space.source,
                ("term", "review"),
                {
                    "review": term.review,
                    "start": term.start,
                    "end": term.end or "ongoing",
                    "end_hint": f" and on or before {term.end}" if term.end else "",
                },
            )


@check(
    "E503",
    "Terms are ongoing or end",
    "The term {problem}.",
    "Write either `end: YYYY-MM-DD` for a short-term space or `ongoing: true`, not both.",
    severity=Severity.ERROR,
    family=Family.SPACES,
    since="0.1.0",
)
def term_is_ongoing_or_ends(directory: Directory, today: date) -> Iterator[Finding]:
    """A space is either ongoing or short-term: its term has an end date or says
    `ongoing: true`, exactly one of the two."""
    for space in directory.checked_spaces:
        term = space.term
        if term.end is None and not term.ongoing:
            yield Finding(
                space.source, ("term",), {"problem": "has neither an end date nor `ongoing: true`"}
            )
        elif term.end is not None and term.ongoing:
            yield Finding(
                space.source,
                ("term", "ongoing"),
                {"problem": "has an end date and is also marked ongoing"},
            )


def partnering_circles(space: Space) -> set[tuple[str, str | None]]:
    """The distinct circles that share in a space: the hosting circle and each
    participant's home circle (a free agent counts as one of its own)."""
    circles = {(space.host, space.host_circle)}
    circles.update(
        (p.organization, p.circle or f"free agent {i}") for i, p in enumerate(space.participants)
    )
    return circles


@check(
    "E504",
    "Multi-directional sharing has more than two circles",
    "Multi-directional sharing needs more than two partnering circles; this space has {count}.",
    "Use `direction: bi-directional` for two circles, or list the other participants.",
    severity=Severity.ERROR,
    family=Family.SPACES,
    since="0.1.0",
)
def multi_directional_has_many(directory: Directory, today: date) -> Iterator[Finding]:
    """Information sharing is one-directional, bi-directional (two partnering
    circles) or multi-directional, which means more than two partnering circles."""
    for space in directory.checked_spaces:
        if space.direction == "multi-directional":
            count = len(partnering_circles(space))
            if count <= 2:
                yield Finding(space.source, ("direction",), {"count": count})


@check(
    "E505",
    "Hosts of collaborations made the basic commitments",
    "{org} hosts the collaboration '{space}' but has not made the basic commitments: {missing}.",
    "Set them to true under `commitments:` in {org_file}, once the organization has agreed to them.",
    severity=Severity.ERROR,
    family=Family.SPACES,
    since="0.1.0",
)
def host_made_commitments(directory: Directory, today: date) -> Iterator[Finding]:
    """An organization agrees to the basic commitments (sovereignty, shared
    governance protocols, interoperable data, a shared communication platform)
    before it hosts a collaboration."""
    for space in directory.checked_spaces:
        host = directory.organization(space.host)
        if host and space.is_collaboration and host.commitments.missing_basic:
            yield Finding(
                space.source,
                ("mode",),
                {
                    "org": host.id,
                    "space": space.id,
                    "missing": ", ".join(host.commitments.missing_basic),
                    "org_file": host.source.file,
                },
            )


@check(
    "E508",
    "Plugged-in playbooks are backed by the host's commitments",
    "This space plugs in a playbook for {kind}, but {org} has not made the commitment to "
    "{kind}: {org_file} {says}.",
    "Set `{commitment}: true` under `commitments:` in {org_file}, once the organization has "
    "agreed to it; or remove `{slot}:` from this space's `social_contract:`.",
    severity=Severity.ERROR,
    family=Family.SPACES,
    since="0.1.0",
)
def playbooks_backed_by_commitments(directory: Directory, today: date) -> Iterator[Finding]:
    """A playbook plugged into a space binds the hosting organization's circles to
    that procedure: a conflict escalates to each party's parent circle, and a
    member who does not keep the agreements loses consent rights, with the home
    organization informed. The protocol makes conflict resolution and
    accountability commitments an organization chooses; a host that has not made
    one cannot bind a space to it, and its page would say "not made" beside a
    space that uses it. So the host makes the commitment before it plugs the
    playbook in."""
    for space in directory.checked_spaces:
        host = directory.organization(space.host)
        if host is None or space.social_contract is None:
            continue
        for kind, _slot in space.social_contract.slots:
            commitment = kind.replace("-", "_")
            if getattr(host.commitments, commitment):
                continue
            line, _ = host.source.locate(("commitments", commitment))
            if line != host.source.locate(("commitments",))[0]:  # written, and false
                says = f"says `{commitment}: false` (line {line})"
            else:
                says = f"does not list `{commitment}` under `commitments:`"
            yield Finding(
                space.source,
                ("social_contract", commitment),
                {
                    "kind": kind.replace("-", " "),
                    "org": host.id,
                    "org_file": host.source.file,
                    "says": says,
                    "commitment": commitment,
                    "slot": commitment,
                },
            )


@check(
    "E506",
    "Transparent budgets are shown",
    "{org} committed to transparent budgets, but this collaboration shows no budget.",
    "Add `budget:` with what the host, the partners and any third party provide.",
    severity=Severity.ERROR,
    family=Family.SPACES,
    since="0.1.0",
)
def transparent_budget_shown(directory: Directory, today: date) -> Iterator[Finding]:
    """An organization that committed to transparent budgets shows the budget of
    every collaboration it hosts."""
    for space in directory.checked_spaces:
        host = directory.organization(space.host)
        if (
            host
            and host.commitments.transparent_budgets
            and space.is_collaboration
            and not space.budget
        ):
            yield Finding(space.source, (), {"org": host.id})


@check(
    "E507",
    "Partner contributions come from participants",
    "{org} is named as a partner contributing to the budget, but is not a participant of this space.",
    "{fix}",
    severity=Severity.ERROR,
    family=Family.SPACES,
    since="0.1.0",
)
def partners_participate(directory: Directory, today: date) -> Iterator[Finding]:
    """A partner's contribution comes from an organization taking part in the
    space; support from outside is a third party's."""
    for space in directory.checked_spaces:
        members = {p.organization for p in space.participants}
        for i, item in enumerate(space.budget):
            if item.provider == "partner" and item.organization not in members:
                org = item.organization
                fix = (
                    f"{org} hosts this space: write `from: host` and remove `organization:`."
                    if org == space.host
                    else f"List {org} under `participants:`, or record its contribution as "
                    "`from: third-party`."
                )
                yield Finding(space.source, ("budget", i, "organization"), {"org": org, "fix": fix})


@check(
    "N601",
    "Terms that have ended are renewed or concluded",
    "The term ended on {end}, but the space is still {status}.",
    "Renew the term with a later `end:`, or set `status: concluded`.",
    severity=Severity.NOTICE,
    family=Family.DATES_AND_DUPLICATES,
    since="0.1.0",
)
def term_not_expired(directory: Directory, today: date) -> Iterator[Finding]:
    """A space whose term has ended is either renewed or concluded. Checked against
    the date of the build (or the date given with `--today`); a notice, since time
    passing must never fail a build or another organization's pull request. The
    space's page says the term has ended, and the reviews page lists it."""
    for space in directory.checked_spaces:
        if space.is_running and space.term.end is not None and space.term.end < today:
            yield Finding(
                space.source, ("term", "end"), {"end": space.term.end, "status": space.status}
            )


@check(
    "N602",
    "Reviews are held when due",
    "The review is overdue since {review}.",
    "Hold the review with the members, then set the next `review:` date.",
    severity=Severity.NOTICE,
    family=Family.DATES_AND_DUPLICATES,
    since="0.1.0",
)
def review_not_overdue(directory: Directory, today: date) -> Iterator[Finding]:
    """Members review their space and its agreements on the date they set.
    Checked against the date of the build (or the date given with `--today`); a
    notice, since time passing must never fail a build or another organization's
    pull request. The space's page says the review is overdue, and the reviews
    page lists it."""
    for space in directory.checked_spaces:
        if space.is_running and space.term.review is not None and space.term.review < today:
            yield Finding(space.source, ("term", "review"), {"review": space.term.review})
