"""Consent: membership of a collaboration is by consent of all its current members.

A change that gives an organization a new seat in a collaboration (lists it, turns
its free agent into a representative, or names another home circle) needs the
consent of every organization that is a confirmed member on the base branch: the
host and each confirmed participant. The newcomer's own acknowledgment, in its own
file, is its consent. A new space needs none: its founders are listed by the host
that creates it. Information-sharing spaces make no shared decisions, so they
need none either.

Each member consents in a way only its own maintainers can:

- an approving review of the pull request's latest commit by one of its
  maintainers, as its organization.yml on the base branch names them;
- or, for a participant, a record in its own file as it is on the base branch,
  under its participation in the space (`consents:`). A record added by the pull
  request itself does not count, so that nobody can carry another organization's
  consent in.

The host's consent is its maintainers' review, which GitHub asks for anyway: the
new seat is written in the host's file. The date a host records next to the
participant is for the record, and only its own (rule E415).

`requests` works out who must consent from the two sides, `decide` combines
that with the pull request's reviews; both are pure functions of their inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ecotone.model import Directory, Space, Standing

# -- who must consent ---------------------------------------------------------


@dataclass(frozen=True)
class Seat:
    """An organization's seat in a space: as the representative of `circle`, or
    a free agent (None)."""

    space: str
    organization: str
    circle: str | None


@dataclass(frozen=True)
class Member:
    """A current member whose consent a new seat needs, as the base branch knows it:
    its maintainers, the dates of its recorded consent, and the file a record would
    be in (`added` when the pull request adds one there that does not count yet)."""

    organization: str
    name: str
    maintainers: tuple[str, ...]
    file: str
    is_host: bool = False
    recorded: tuple[date, ...] = ()
    added: bool = False


@dataclass(frozen=True)
class Request:
    """A new seat in a collaboration and the current members who must consent."""

    seat: Seat
    space_title: str
    newcomer: str
    members: tuple[Member, ...]


def requests(base: Directory, head: Directory) -> tuple[Request, ...]:
    """Every new seat the head gives in a collaboration that exists on the base."""
    found = []
    for space in head.spaces:
        before = base.space(space.id)
        if not space.is_collaboration or before is None:
            continue
        seats_before = {(p.organization, p.circle) for p in before.participants}
        for participant in space.participants:
            if (participant.organization, participant.circle) in seats_before:
                continue
            seat = Seat(space.id, participant.organization, participant.circle)
            newcomer = head.organization(seat.organization)
            found.append(
                Request(
                    seat,
                    space.title,
                    newcomer.name if newcomer else seat.organization,
                    _members(seat, before, base, head),
                )
            )
    return tuple(found)


def _members(seat: Seat, space: Space, base: Directory, head: Directory) -> tuple[Member, ...]:
    """The host and the confirmed participants on the base, but the newcomer."""
    participants = sorted(
        p.organization
        for p in space.participants
        if base.standing(space, p) is Standing.CONFIRMED
        and p.organization not in (space.host, seat.organization)
    )
    host = base.organization(space.host)
    members = (
        [Member(host.id, host.name, host.maintainers, space.source.file, True)] if host else []
    )
    for org_id in dict.fromkeys(participants):
        org = base.organization(org_id)
        if org is None:
            continue
        recorded = records(base, seat, org_id)
        members.append(
            Member(
                org_id,
                org.name,
                org.maintainers,
                org.source.file,
                recorded=recorded,
                added=not recorded and bool(records(head, seat, org_id)),
            )
        )
    return tuple(members)


def records(directory: Directory, seat: Seat, org_id: str) -> tuple[date, ...]:
    """The dates on which the participant `org_id` recorded, in its own file, its
    consent to `seat`."""
    org = directory.organization(org_id)
    return tuple(
        consent.date
        for participation in (org.participations if org else ())
        if participation.space == seat.space
        for consent in participation.consents
        if (consent.member, consent.circle) == (seat.organization, seat.circle)
    )


# -- the pull request's reviews ----------------------------------------------


class ReviewState(StrEnum):
    """The states GitHub gives a review."""

    APPROVED = "APPROVED"
    CHANGES_REQUESTED = "CHANGES_REQUESTED"
    COMMENTED = "COMMENTED"
    DISMISSED = "DISMISSED"
    PENDING = "PENDING"


@dataclass(frozen=True)
class Review:
    """One review of the pull request, oldest first as GitHub lists them."""

    user: str
    state: ReviewState
    commit: str


class ReviewsError(Exception):
    """The review list is not what GitHub's API gives; the message says what is wrong."""


def reviews_from_github(data: object) -> tuple[Review, ...]:
    """Reviews from GitHub's `GET /repos/{owner}/{repo}/pulls/{n}/reviews`: a list of
    reviews, or the list of pages that `gh api --paginate --slurp` writes."""
    if not isinstance(data, list):
        raise ReviewsError("expected a list of reviews")
    items = [r for page in data for r in page] if all(isinstance(p, list) for p in data) else data
    reviews = []
    for i, item in enumerate(items):
        try:
            user = item["user"]["login"] if item.get("user") else ""
            reviews.append(Review(user, ReviewState(item["state"]), item.get("commit_id") or ""))
        except (AttributeError, KeyError, TypeError, ValueError):
            raise ReviewsError(
                f"review {i + 1} has no `user.login`, `state` or known state"
            ) from None
    return tuple(reviews)


def standing_reviews(reviews: Iterable[Review]) -> dict[str, Review]:
    """Each reviewer's latest review that says something, by lowercase login: as on
    GitHub, a later comment does not take back an approval or a request for
    changes, and a dismissed review no longer counts."""
    latest: dict[str, Review] = {}
    for review in reviews:
        if review.user and review.state not in (ReviewState.COMMENTED, ReviewState.PENDING):
            latest[review.user.lower()] = review
    return latest


# -- the decision --------------------------------------------------------------


class Verdict(StrEnum):
    CONSENTED = "consented"
    OBJECTS = "objects"
    NOT_YET = "not yet"


@dataclass(frozen=True)
class Answer:
    """One member's answer to one new seat, and what it rests on (handles, without @)."""

    member: Member
    verdict: Verdict
    approved_by: tuple[str, ...] = ()
    objected_by: tuple[str, ...] = ()
    approved_earlier: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    request: Request
    answers: tuple[Answer, ...]

    @property
    def missing(self) -> tuple[Answer, ...]:
        return tuple(a for a in self.answers if a.verdict is not Verdict.CONSENTED)


def decide(
    requested: Sequence[Request], reviews: Iterable[Review], commit: str
) -> tuple[Decision, ...]:
    """Who has consented to each new seat. An approval counts for the commit it
    approved, `commit` being the pull request's latest: a push after it may have
    changed who joins. A maintainer's request for changes is an objection that
    stands until it is withdrawn, even beside another maintainer's approval."""
    latest = standing_reviews(reviews)
    return tuple(
        Decision(request, tuple(_answer(member, latest, commit) for member in request.members))
        for request in requested
    )


def _answer(member: Member, latest: dict[str, Review], commit: str) -> Answer:
    theirs = [latest[h.lower()] for h in member.maintainers if h.lower() in latest]
    objected = tuple(r.user for r in theirs if r.state is ReviewState.CHANGES_REQUESTED)
    approved = tuple(
        r.user for r in theirs if r.state is ReviewState.APPROVED and r.commit == commit
    )
    earlier = tuple(
        r.user for r in theirs if r.state is ReviewState.APPROVED and r.commit != commit
    )
    if objected:
        verdict = Verdict.OBJECTS
    elif approved or member.recorded:
        verdict = Verdict.CONSENTED
    else:
        verdict = Verdict.NOT_YET
    return Answer(member, verdict, approved, objected, earlier)
