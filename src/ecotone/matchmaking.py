"""Matchmaking: for each organization, partners and spaces it might meet, each with
the reasons why.

Two kinds of reasons, both computed from what organizations wrote themselves:

- *friends of friends*: an organization two hops away through shared spaces
  (it shares a space with someone who shares a space with you) and that shares
  topics with you;
- *offers that meet needs*: one organization offers something whose topics
  meet a need of the other's, either way round, or a running space seeks
  something you offer.

Never suggested: the organization itself, and an organization already
connected to it, which means sharing a space in any way (hosting it, or listed
in it, confirmed or invited). A space is not suggested to an
organization that is already in it.

Everything is found through indexes (who is in which space, who offers or
needs what topic), and each topic offers at most `PER_TOPIC` candidates per
offer or need, taken in identifier order after the seeking organization's own,
so the work grows with the connections and topics there are, not with the
square of the number of organizations, and a popular topic spreads its
suggestions around the directory. Suggestions come
strongest first (the most reasons, then the most topics in common), then by
identifier from the seeking organization's own onward, so the same directory
always gives the same list.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from ecotone.model import Directory, Exchange, Organization, Space
from ecotone.wording import joined

MAX_SUGGESTIONS = 8
PER_TOPIC = 12  # candidates a topic contributes per offer or need: see _meeting


class ReasonKind(StrEnum):
    FRIEND_OF_FRIEND = "friend-of-friend"
    THEY_OFFER_WHAT_YOU_NEED = "they-offer-what-you-need"
    YOU_OFFER_WHAT_THEY_NEED = "you-offer-what-they-need"
    SPACE_SEEKS_YOUR_OFFER = "space-seeks-your-offer"


@dataclass(frozen=True)
class Reason:
    """Why a match is suggested. `via` names the organizations in between (friends
    of friends); `wanted` and `offered` are the titles of the need (or what a
    space seeks) and of the offer that meet."""

    kind: ReasonKind
    topics: tuple[str, ...]
    via: tuple[str, ...] = ()
    wanted: str | None = None
    offered: str | None = None


@dataclass(frozen=True)
class Suggestion:
    """An organization (`kind` "organization") or a space ("space") to meet, by id."""

    kind: str
    target: str
    reasons: tuple[Reason, ...]

    @cached_property
    def topics(self) -> tuple[str, ...]:
        return tuple(sorted({topic for reason in self.reasons for topic in reason.topics}))

    def rank(self, seeker: str) -> tuple[int, int, str, bool, str]:
        """Most reasons first, then most topics; among equals, identifiers in order
        starting after the seeker's own, as `_meeting` takes them."""
        return (
            -len(self.reasons),
            -len(self.topics),
            self.kind,
            self.target <= seeker,
            self.target,
        )


def reason_text(reason: Reason, directory: Directory) -> str:
    """The reason in a sentence, addressed to the organization it is suggested to."""
    topics = joined(reason.topics)
    if reason.kind is ReasonKind.FRIEND_OF_FRIEND:
        names = joined(_organization_name(directory, org_id) for org_id in reason.via)
        return f"You both share spaces with {names}, and you both work on {topics}."
    if reason.kind is ReasonKind.THEY_OFFER_WHAT_YOU_NEED:
        return f"They offer “{reason.offered}”, for your need “{reason.wanted}” ({topics})."
    if reason.kind is ReasonKind.YOU_OFFER_WHAT_THEY_NEED:
        return f"You offer “{reason.offered}”, for their need “{reason.wanted}” ({topics})."
    return f"The space seeks “{reason.wanted}”; you offer “{reason.offered}” ({topics})."


def suggestions_for(directory: Directory, org_id: str) -> tuple[Suggestion, ...]:
    """The suggestions for one organization, strongest first."""
    return Matchmaker(directory).suggestions(org_id)


def all_suggestions(directory: Directory) -> Mapping[str, tuple[Suggestion, ...]]:
    """The suggestions for every organization, by organization id; the indexes are
    built once for all of them."""
    matchmaker = Matchmaker(directory)
    return {org.id: matchmaker.suggestions(org.id) for org in directory.organizations}


class Matchmaker:
    """The directory's indexes for matchmaking, built once, queried per organization."""

    def __init__(self, directory: Directory) -> None:
        self.directory = directory

    def suggestions(self, org_id: str) -> tuple[Suggestion, ...]:
        org = self.directory.organization(org_id)
        if org is None:
            return ()
        found: dict[tuple[str, str], list[Reason]] = defaultdict(list)
        known = self._neighbours(org.id) | {org.id}
        for target, reason in self._friends_of_friends(org):
            if target not in known:
                found[("organization", target)].append(reason)
        for target, reason in self._exchanges_with_organizations(org, known):
            found[("organization", target)].append(reason)
        for target, reason in self._spaces_seeking(org):
            found[("space", target)].append(reason)
        suggestions = (
            Suggestion(kind, target, tuple(sorted(reasons, key=_reason_key)))
            for (kind, target), reasons in found.items()
        )
        return tuple(sorted(suggestions, key=lambda s: s.rank(org.id)))[:MAX_SUGGESTIONS]

    # -- who is connected to whom ----------------------------------------------

    @cached_property
    def _members(self) -> Mapping[str, frozenset[str]]:
        """Every organization in each space, by space id: the host and every listed
        participant, confirmed or invited. (An acknowledgment the host does not
        list is an error, so it never reaches a published directory.)"""
        return {
            space.id: frozenset({space.host, *(p.organization for p in space.participants)})
            for space in self.directory.spaces
        }

    @cached_property
    def _spaces_of(self) -> Mapping[str, frozenset[str]]:
        spaces: dict[str, set[str]] = defaultdict(set)
        for space_id, orgs in self._members.items():
            for org_id in orgs:
                spaces[org_id].add(space_id)
        return {org_id: frozenset(ids) for org_id, ids in spaces.items()}

    def _neighbours(self, org_id: str) -> frozenset[str]:
        """The organizations sharing a space with `org_id`, itself excluded."""
        return frozenset(
            other
            for space_id in self._spaces_of.get(org_id, ())
            for other in self._members[space_id]
            if other != org_id
        )

    # -- friends of friends ------------------------------------------------------

    def _friends_of_friends(self, org: Organization) -> Iterable[tuple[str, Reason]]:
        friends = self._neighbours(org.id)
        via: dict[str, set[str]] = defaultdict(set)
        for friend in friends:
            for candidate in self._neighbours(friend):
                via[candidate].add(friend)
        own_topics = set(org.topics)
        for candidate in sorted(via):
            other = self.directory.organization(candidate)
            shared = own_topics.intersection(other.topics) if other else set()
            if shared:
                yield (
                    candidate,
                    Reason(
                        ReasonKind.FRIEND_OF_FRIEND,
                        topics=tuple(sorted(shared)),
                        via=tuple(sorted(via[candidate])),
                    ),
                )

    # -- offers and needs --------------------------------------------------------

    @cached_property
    def _offers_by_topic(self) -> Mapping[str, tuple[tuple[str, Exchange], ...]]:
        return _index(
            (org.id, offer) for org in self.directory.organizations for offer in org.offers
        )

    @cached_property
    def _needs_by_topic(self) -> Mapping[str, tuple[tuple[str, Exchange], ...]]:
        return _index((org.id, need) for org in self.directory.organizations for need in org.needs)

    @cached_property
    def _seeking_by_topic(self) -> Mapping[str, tuple[tuple[str, Exchange], ...]]:
        return _index(
            (space.id, wanted)
            for space in self.directory.spaces
            if _is_running(space)
            for wanted in space.seeking
        )

    def _exchanges_with_organizations(
        self, org: Organization, known: frozenset[str]
    ) -> Iterable[tuple[str, Reason]]:
        for need in org.needs:
            for other, offer, shared in _meeting(need, self._offers_by_topic, org.id, known):
                yield (
                    other,
                    Reason(
                        ReasonKind.THEY_OFFER_WHAT_YOU_NEED,
                        topics=shared,
                        wanted=need.title,
                        offered=offer.title,
                    ),
                )
        for offer in org.offers:
            for other, need, shared in _meeting(offer, self._needs_by_topic, org.id, known):
                yield (
                    other,
                    Reason(
                        ReasonKind.YOU_OFFER_WHAT_THEY_NEED,
                        topics=shared,
                        wanted=need.title,
                        offered=offer.title,
                    ),
                )

    def _spaces_seeking(self, org: Organization) -> Iterable[tuple[str, Reason]]:
        own_spaces = self._spaces_of.get(org.id, frozenset())
        for offer in org.offers:
            for space_id, wanted, shared in _meeting(
                offer, self._seeking_by_topic, org.id, own_spaces
            ):
                yield (
                    space_id,
                    Reason(
                        ReasonKind.SPACE_SEEKS_YOUR_OFFER,
                        topics=shared,
                        wanted=wanted.title,
                        offered=offer.title,
                    ),
                )


def _index(
    items: Iterable[tuple[str, Exchange]],
) -> Mapping[str, tuple[tuple[str, Exchange], ...]]:
    """(owner, exchange) pairs by each of the exchange's topics."""
    index: dict[str, list[tuple[str, Exchange]]] = defaultdict(list)
    for owner, exchange in items:
        for topic in exchange.topics:
            index[topic].append((owner, exchange))
    return {topic: tuple(pairs) for topic, pairs in index.items()}


def _meeting(
    exchange: Exchange,
    index: Mapping[str, tuple[tuple[str, Exchange], ...]],
    seeker: str,
    excluded: frozenset[str],
) -> Iterable[tuple[str, Exchange, tuple[str, ...]]]:
    """Each (owner, exchange) in `index` sharing a topic with `exchange`, once, with
    the shared topics, in a stable order; owners in `excluded` are passed over.

    Each topic yields at most PER_TOPIC owners, in identifier order starting after
    `seeker` (and wrapping round): a popular topic then costs the same as a rare
    one, and different organizations are shown different partners for it."""
    shared: dict[tuple[str, Exchange], set[str]] = defaultdict(set)
    for topic in exchange.topics:
        for pair in _taken_after(index.get(topic, ()), seeker, excluded):
            shared[pair].add(topic)
    ordered = sorted(shared.items(), key=lambda item: (item[0][0], item[0][1].title))
    for (owner, other), topics in ordered:
        yield owner, other, tuple(sorted(topics))


def _taken_after(
    pairs: tuple[tuple[str, Exchange], ...], seeker: str, excluded: frozenset[str]
) -> list[tuple[str, Exchange]]:
    start = bisect.bisect_right(pairs, seeker, key=lambda pair: pair[0])
    taken: list[tuple[str, Exchange]] = []
    for i in range(len(pairs)):
        pair = pairs[(start + i) % len(pairs)]
        if pair[0] in excluded:
            continue
        taken.append(pair)
        if len(taken) == PER_TOPIC:
            break
    return taken


def _is_running(space: Space) -> bool:
    return space.status != "concluded"


def _reason_key(reason: Reason) -> tuple[str, tuple[str, ...], str, str]:
    return (reason.kind.value, reason.via, reason.wanted or "", reason.offered or "")


def _organization_name(directory: Directory, org_id: str) -> str:
    org = directory.organization(org_id)
    return org.name if org else org_id
