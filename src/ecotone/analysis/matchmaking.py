"""Matchmaking: for each organization, partners and spaces it might meet, each with
the reasons why.

Two kinds of reasons, both computed from what organizations wrote themselves:

- *friends of friends*: an organization two hops away through shared spaces
  (it shares a space with someone who shares a space with you) and that shares
  topics with you;
- *offers that meet needs*: one organization offers something that meets a
  need of the other's, either way round, or a running space seeks something
  you offer. An offer meets a need on two topics in common, or on one topic
  and a word their texts share beyond it ("Conflict skills workshops" for
  "Conflict skills for shop volunteers"): one broad topic alone ("training"
  for both a conflict workshop and sociocracy coaching) is no meeting.

Never suggested: the organization itself, and an organization already
connected to it, which means sharing a space in any way (hosting it, or listed
in it and confirmed; an invitation is one side's word only). A space is not
suggested to an organization that is already in it.

Everything is found through indexes built once per directory (who is in which
space, who shares a space with whom, who works on, offers or needs what topic),
and each topic offers at most `PER_TOPIC` candidates per offer or need, taken in
identifier order after the seeking organization's own, so the work grows with
the connections and topics there are, not with the square of the number of
organizations, and a popular topic spreads its suggestions around the
directory. Suggestions come strongest first (the most reasons, then the most
things in common: topics, and words an offer and a need share), then by identifier from the seeking organization's own
onward, so the same directory always gives the same list. Candidates are ranked
before their reasons are written out, so only the few suggestions shown are.

A directory is immutable, so every organization's suggestions are computed once
for it, however many pages ask for them.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from operator import itemgetter
from types import MappingProxyType
from typing import NamedTuple

from ecotone.model import Directory, Exchange, Organization, Standing
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
    space seeks) and of the offer that meet, and `words` the words both texts
    use beyond their topics, as the offer writes them."""

    kind: ReasonKind
    topics: tuple[str, ...]
    via: tuple[str, ...] = ()
    wanted: str | None = None
    offered: str | None = None
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """An organization (`kind` "organization") or a space ("space") to meet, by id."""

    kind: str
    target: str
    reasons: tuple[Reason, ...]

    @cached_property
    def topics(self) -> tuple[str, ...]:
        return tuple(sorted({topic for reason in self.reasons for topic in reason.topics}))


# Words too common in offers and needs to say that two of them are about the same
# thing; words shorter than four letters are never counted.
_COMMON_WORDS = frozenset(
    """
    about after also among been before being between both could each every
    from have help here into just like more most much need needs offer
    offers other ours over some such support than that their them then there
    these they this those through very want week weekly what when where
    which while will with within would year yearly your yours free people
    group groups partner partners organization organizations team teams work
    working
    """.split()  # noqa: SIM905 (a list of words reads as a text)
)
_WORD = re.compile(r"[^\W\d_]{4,}")


def _stem(word: str) -> str:
    """A word without its plural ending, so that "assemblies" meets "assembly"."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _words(exchange: Exchange) -> dict[str, str]:
    """The telling words of an offer or need (title and details), each stem with
    the first form the text uses."""
    words: dict[str, str] = {}
    for match in _WORD.finditer(f"{exchange.title} {exchange.details or ''}"):
        word = match.group().lower()
        if word not in _COMMON_WORDS:
            words.setdefault(_stem(word), word)
    return words


def _topic_words(topics: Iterable[str]) -> frozenset[str]:
    """The stems of the words topics are made of: "conflict-resolution" gives
    "conflict" and "resolution"."""
    return frozenset(_stem(word) for topic in topics for word in re.split(r"[\W_]+", topic))


def _shared_words(
    offered: Mapping[str, str], wanted: Mapping[str, str], topic_words: frozenset[str]
) -> tuple[str, ...]:
    """The words an offer and a need (or what a space seeks) both use (`_words` of
    each), beyond the words of the topics they share (which say nothing new), as the
    offer writes them."""
    common = offered.keys() & wanted.keys() - topic_words
    return tuple(sorted(offered[stem] for stem in common))


def _meets(topics: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """An offer meets a need on two topics in common, or on one topic and words
    their texts share beyond it: one broad topic alone pairs a conflict workshop
    with sociocracy coaching."""
    return len(topics) > 1 or bool(words)


def _rank(
    kind: str, target: str, reasons: int, in_common: int, seeker: str
) -> tuple[int, int, str, bool, str]:
    """The sort key of a suggestion with so many `reasons` and things `in_common`
    (topics and shared words): most reasons first, then most in common; among
    equals, identifiers in order starting after the seeker's own, as `_meeting`
    takes them."""
    return (-reasons, -in_common, kind, target <= seeker, target)


def _more_than_one_signal(reasons: int, things_in_common: int) -> bool:
    """One reason on one shared topic is a single weak signal (friends of friends
    who both work on food): a suggestion needs two reasons, or two things in
    common (topics, or words an offer and a need both use)."""
    return reasons > 1 or things_in_common > 1


def reason_text(reason: Reason, directory: Directory, seeker: str, target: str) -> str:
    """The reason in a sentence a visitor reads on a public page: it names both
    sides instead of saying "you" and "they"."""
    topics = joined(reason.topics)
    seeker_name = directory.display_name(seeker)
    target_name = directory.display_name(target)
    if reason.kind is ReasonKind.FRIEND_OF_FRIEND:
        # The path through the partners in between, one by one: each of them shares
        # a space with both, and the two do not share one yet.
        via = joined(f"with {directory.display_name(org_id)}" for org_id in reason.via)
        return (
            f"{seeker_name} and {target_name} each share a space {via}, but not one with"
            f" each other; both work on {topics}."
        )
    common = f"both about {topics}"
    if reason.words:
        common += "; both say " + joined(f"“{word}”" for word in reason.words)
    if reason.kind is ReasonKind.THEY_OFFER_WHAT_YOU_NEED:
        return (
            f"{target_name} offers “{reason.offered}”, which meets {seeker_name}'s need"
            f" “{reason.wanted}” ({common})."
        )
    if reason.kind is ReasonKind.YOU_OFFER_WHAT_THEY_NEED:
        return (
            f"{seeker_name} offers “{reason.offered}”, which meets {target_name}'s need"
            f" “{reason.wanted}” ({common})."
        )
    return (
        f"The space seeks “{reason.wanted}”, and {seeker_name} offers “{reason.offered}”"
        f" ({common})."
    )


def _all_topics(org: Organization) -> frozenset[str]:
    return frozenset({*org.topics, *(t for e in (*org.offers, *org.needs) for t in e.topics)})


def suggestions_for(directory: Directory, org_id: str) -> tuple[Suggestion, ...]:
    """The suggestions for one organization, strongest first."""
    return Matchmaker(directory).suggestions(org_id)


def all_suggestions(directory: Directory) -> Mapping[str, tuple[Suggestion, ...]]:
    """The suggestions for every organization, by organization id; the indexes are
    built once for all of them."""
    matchmaker = Matchmaker(directory)
    return MappingProxyType(
        {org.id: matchmaker.suggestions(org.id) for org in directory.organizations}
    )


class Matchmaker:
    """The directory's indexes for matchmaking, built once, queried per organization."""

    def __init__(self, directory: Directory) -> None:
        self.directory = directory
        # Each exchange meets many others: its words, and the shared topics' words,
        # are found once, not at every meeting.
        self._exchange_words: dict[Exchange, dict[str, str]] = {}
        self._topics_words: dict[tuple[str, ...], frozenset[str]] = {}

    def suggestions(self, org_id: str) -> tuple[Suggestion, ...]:
        org = self.directory.organization(org_id)
        if org is None:
            return ()
        known = self._partners.get(org.id, frozenset()) | {org.id}
        met = self._offers_meeting_needs(org, known)
        two_hops = self._two_hops_with_common_topics(org, known)
        # Ranked first, written out after: most candidates are never shown.
        ranked = [
            _rank("organization", target, 1, common, org.id)
            for target, common in two_hops.items()
            if ("organization", target) not in met and _more_than_one_signal(1, common)
        ]
        for (kind, target), meetings in met.items():
            topics = set().union(*(meeting.topics for meeting in meetings))
            words = set().union(*(meeting.words for meeting in meetings))
            reasons = len(meetings)
            if kind == "organization" and target in two_hops:
                topics |= self._common_topics(org.id, target)
                reasons += 1
            in_common = len(topics) + len(words)
            if _more_than_one_signal(reasons, in_common):
                ranked.append(_rank(kind, target, reasons, in_common, org.id))
        return tuple(
            self._suggestion(org.id, kind, target, met.get((kind, target), []), two_hops)
            for *_, kind, _, target in heapq.nsmallest(MAX_SUGGESTIONS, ranked)
        )

    def _suggestion(
        self,
        org_id: str,
        kind: str,
        target: str,
        meetings: list[_Meeting],
        two_hops: Mapping[str, int],
    ) -> Suggestion:
        reasons = [meeting.reason() for meeting in meetings]
        if kind == "organization" and target in two_hops:
            via = self._partners[org_id] & self._partners[target]
            reasons.append(
                Reason(
                    ReasonKind.FRIEND_OF_FRIEND,
                    topics=tuple(sorted(self._common_topics(org_id, target))),
                    via=tuple(sorted(via)),
                )
            )
        return Suggestion(kind, target, tuple(sorted(reasons, key=_reason_key)))

    def no_suggestion_reason(self, org_id: str) -> str:
        """Why an organization has no suggestion, in words: it lists nothing to
        match on, or every organization sharing a topic with it is already a
        partner, or no one has more than one thing in common with it yet."""
        org = self.directory.organization(org_id)
        own = _all_topics(org) if org else frozenset()
        if not own:
            return "It lists no topics, offers or needs, which are what matches are found in."
        candidates = {o.id for o in self._everyone if own & _all_topics(o)} - {org_id}
        if candidates and candidates <= self._partners.get(org_id, frozenset()):
            return "It already shares a space with every organization it could be matched with."
        return "No other organization has more than one thing in common with it yet."

    # -- who is connected to whom ----------------------------------------------

    @cached_property
    def _members(self) -> Mapping[str, frozenset[str]]:
        """Every organization in each space, by space id: the host and every confirmed
        participant. An invitation is one side's word only: counted, one file that
        invites everybody would change everybody's suggestions. Spaces of federated
        directories count too, as their snapshots list them: friends of friends
        across networks."""
        members = {
            space.id: frozenset(
                {
                    space.host,
                    *(
                        p.organization
                        for p in space.participants
                        if self.directory.standing(space, p) is Standing.CONFIRMED
                    ),
                }
            )
            for space in self.directory.spaces
        }
        for space_id, listed in self.directory.federated.space_members.items():
            members[space_id] = frozenset(
                org_id
                for org_id, circle, confirmed in listed
                if confirmed or self.directory.acknowledges(org_id, space_id, circle)
            )
        return members

    @cached_property
    def _spaces_of(self) -> Mapping[str, frozenset[str]]:
        spaces: dict[str, set[str]] = defaultdict(set)
        for space_id, orgs in self._members.items():
            for org_id in orgs:
                spaces[org_id].add(space_id)
        return {org_id: frozenset(ids) for org_id, ids in spaces.items()}

    @cached_property
    def _partners(self) -> Mapping[str, frozenset[str]]:
        """The organizations sharing a space with each organization, itself
        excluded, for every organization in a space."""
        partners: dict[str, set[str]] = defaultdict(set)
        for orgs in self._members.values():
            for org_id in orgs:
                partners[org_id].update(orgs)
        return {org_id: frozenset(others - {org_id}) for org_id, others in partners.items()}

    # -- friends of friends ------------------------------------------------------

    @cached_property
    def _everyone(self) -> tuple[Organization, ...]:
        """This directory's organizations and the federated ones."""
        return (*self.directory.organizations, *self.directory.federated.organizations.values())

    @cached_property
    def _topics_of(self) -> Mapping[str, frozenset[str]]:
        return {org.id: frozenset(org.topics) for org in self._everyone}

    @cached_property
    def _working_on(self) -> Mapping[str, frozenset[str]]:
        """The organizations working on each topic."""
        orgs: dict[str, set[str]] = defaultdict(set)
        for org in self._everyone:
            for topic in org.topics:
                orgs[topic].add(org.id)
        return {topic: frozenset(ids) for topic, ids in orgs.items()}

    def _two_hops_with_common_topics(
        self, org: Organization, known: frozenset[str]
    ) -> Mapping[str, int]:
        """How many topics `org` has in common with each organization, not `known`,
        that shares a space with one of its partners, for those with any."""
        partners = self._partners.get(org.id, frozenset())
        two_hops = set().union(*(self._partners[partner] for partner in partners)) - known
        common: Counter[str] = Counter()
        for topic in self._topics_of[org.id]:
            common.update(two_hops & self._working_on[topic])
        return common

    def _common_topics(self, org_id: str, other_id: str) -> frozenset[str]:
        return self._topics_of[org_id] & self._topics_of[other_id]

    # -- offers and needs --------------------------------------------------------

    def _words_of(self, exchange: Exchange) -> dict[str, str]:
        words = self._exchange_words.get(exchange)
        if words is None:
            words = self._exchange_words[exchange] = _words(exchange)
        return words

    def _words_of_topics(self, topics: tuple[str, ...]) -> frozenset[str]:
        words = self._topics_words.get(topics)
        if words is None:
            words = self._topics_words[topics] = _topic_words(topics)
        return words

    @cached_property
    def _offers_by_topic(self) -> Mapping[str, tuple[_Listed, ...]]:
        return _index(
            (org.id, offer) for org in self.directory.organizations for offer in org.offers
        )

    @cached_property
    def _needs_by_topic(self) -> Mapping[str, tuple[_Listed, ...]]:
        return _index((org.id, need) for org in self.directory.organizations for need in org.needs)

    @cached_property
    def _seeking_by_topic(self) -> Mapping[str, tuple[_Listed, ...]]:
        return _index(
            (space.id, wanted)
            for space in self.directory.spaces
            if space.is_running
            for wanted in space.seeking
        )

    def _offers_meeting_needs(
        self, org: Organization, known: frozenset[str]
    ) -> Mapping[tuple[str, str], list[_Meeting]]:
        """Where `org`'s needs meet others' offers, its offers others' needs, and its
        offers what running spaces seek, by (kind, target): organizations not
        `known`, spaces it is not in."""
        met: dict[tuple[str, str], list[_Meeting]] = defaultdict(list)

        def meet(
            target: tuple[str, str],
            kind: ReasonKind,
            offer: Exchange,
            wanted: Exchange,
            topics: tuple[str, ...],
        ) -> None:
            words = _shared_words(
                self._words_of(offer), self._words_of(wanted), self._words_of_topics(topics)
            )
            if _meets(topics, words):
                met[target].append(_Meeting(kind, topics, wanted.title, offer.title, words))

        for need in org.needs:
            for other, offer, shared in _meeting(need, self._offers_by_topic, org.id, known):
                meet(
                    ("organization", other),
                    ReasonKind.THEY_OFFER_WHAT_YOU_NEED,
                    offer,
                    need,
                    shared,
                )
        own_spaces = self._spaces_of.get(org.id, frozenset())
        for offer in org.offers:
            for other, need, shared in _meeting(offer, self._needs_by_topic, org.id, known):
                meet(
                    ("organization", other),
                    ReasonKind.YOU_OFFER_WHAT_THEY_NEED,
                    offer,
                    need,
                    shared,
                )
            for space_id, wanted, shared in _meeting(
                offer, self._seeking_by_topic, org.id, own_spaces
            ):
                meet(("space", space_id), ReasonKind.SPACE_SEEKS_YOUR_OFFER, offer, wanted, shared)
        return met


class _Meeting(NamedTuple):
    """An offer that meets a need, or what a space seeks: a reason, not yet written
    out."""

    kind: ReasonKind
    topics: tuple[str, ...]
    wanted: str
    offered: str
    words: tuple[str, ...] = ()

    def reason(self) -> Reason:
        return Reason(
            self.kind, self.topics, wanted=self.wanted, offered=self.offered, words=self.words
        )


class _Listed(NamedTuple):
    """An exchange as an index lists it. `number` is the same for equal (owner,
    exchange) pairs and differs otherwise: it tells them apart without hashing
    the exchange."""

    owner: str
    title: str
    number: int
    exchange: Exchange


def _index(items: Iterable[tuple[str, Exchange]]) -> Mapping[str, tuple[_Listed, ...]]:
    """(owner, exchange) pairs by each of the exchange's topics."""
    index: dict[str, list[_Listed]] = defaultdict(list)
    numbers: dict[tuple[str, Exchange], int] = {}
    for owner, exchange in items:
        number = numbers.setdefault((owner, exchange), len(numbers))
        for topic in exchange.topics:
            index[topic].append(_Listed(owner, exchange.title, number, exchange))
    return {topic: tuple(listed) for topic, listed in index.items()}


def _meeting(
    exchange: Exchange,
    index: Mapping[str, tuple[_Listed, ...]],
    seeker: str,
    excluded: frozenset[str],
) -> Iterable[tuple[str, Exchange, tuple[str, ...]]]:
    """Each (owner, exchange) in `index` sharing a topic with `exchange`, once, with
    the shared topics, in a stable order; owners in `excluded` are passed over.

    Each topic yields at most PER_TOPIC owners, in identifier order starting after
    `seeker` (and wrapping round): a popular topic then costs the same as a rare
    one, and different organizations are shown different partners for it."""
    found: dict[int, _Listed] = {}
    shared: dict[int, set[str]] = defaultdict(set)
    for topic in exchange.topics:
        for listed in _taken_after(index.get(topic, ()), seeker, excluded):
            found[listed.number] = listed
            shared[listed.number].add(topic)
    for listed in sorted(found.values(), key=_by_owner_and_title):
        yield listed.owner, listed.exchange, tuple(sorted(shared[listed.number]))


_by_owner_and_title = itemgetter(0, 1)


def _taken_after(
    listed: tuple[_Listed, ...], seeker: str, excluded: frozenset[str]
) -> list[_Listed]:
    start = bisect.bisect_right(listed, seeker, key=_owner)
    taken: list[_Listed] = []
    for i in range(len(listed)):
        entry = listed[(start + i) % len(listed)]
        if entry.owner in excluded:
            continue
        taken.append(entry)
        if len(taken) == PER_TOPIC:
            break
    return taken


_owner = itemgetter(0)


def _reason_key(reason: Reason) -> tuple[str, tuple[str, ...], str, str]:
    return (reason.kind.value, reason.via, reason.wanted or "", reason.offered or "")
