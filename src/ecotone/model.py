"""Model: the directory as immutable, typed objects with graph queries.

Built from documents that passed the schema check, so field types can be
trusted here; references between entries are kept as identifiers and resolved
by the `Directory`'s queries, which return None or nothing for a dangling one
(the reference rules report those).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Any, TypeVar

from ecotone.load.directory import Document, Kind
from ecotone.load.federation import Home, Network, Partner, normal_site, split_qualified
from ecotone.load.positions import Source

T = TypeVar("T")


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    email: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Exchange:
    """An offer, a need, or something a space seeks."""

    title: str
    topics: tuple[str, ...] = ()
    details: str | None = None


@dataclass(frozen=True)
class HistoryEntry:
    date: date
    change: str


@dataclass(frozen=True)
class Commitments:
    sovereignty: bool
    shared_governance: bool
    interoperable_data: bool
    shared_communication: bool
    transparent_budgets: bool = False
    conflict_resolution: bool = False
    accountability: bool = False

    BASIC = ("sovereignty", "shared_governance", "interoperable_data", "shared_communication")
    ENHANCING = ("transparent_budgets", "conflict_resolution", "accountability")

    @property
    def missing_basic(self) -> tuple[str, ...]:
        return tuple(name for name in self.BASIC if not getattr(self, name))


@dataclass(frozen=True)
class Circle:
    id: str
    organization: str
    name: str
    aim: str
    domain: str
    parent: str | None = None
    dissolved: bool = False
    successors: tuple[str, ...] = ()
    conflicts_go_to: str | None = None

    @property
    def key(self) -> str:
        """The circle's directory-wide identifier, such as `sofa/training`."""
        return f"{self.organization}/{self.id}"


@dataclass(frozen=True)
class Consent:
    """An organization's recorded consent to `member` taking a seat in a space: as
    the representative of its circle `circle`, or a free agent (None)."""

    member: str
    circle: str | None
    date: date


@dataclass(frozen=True)
class Participation:
    """An organization's own acknowledgment that it takes part in a space, with the
    new members it consented to there."""

    space: str
    circle: str | None = None
    consents: tuple[Consent, ...] = ()


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    summary: str
    maintainers: tuple[str, ...]
    commitments: Commitments
    circles: tuple[Circle, ...]
    source: Source
    description: str | None = None
    website: str | None = None
    location: str | None = None
    contact: Contact | None = None
    topics: tuple[str, ...] = ()
    offers: tuple[Exchange, ...] = ()
    needs: tuple[Exchange, ...] = ()
    participations: tuple[Participation, ...] = ()
    former_ids: tuple[str, ...] = ()

    @cached_property
    def circles_by_id(self) -> Mapping[str, Circle]:
        return {circle.id: circle for circle in self.circles}

    def circle(self, circle_id: str | None) -> Circle | None:
        return self.circles_by_id.get(circle_id) if circle_id else None

    @property
    def roots(self) -> tuple[Circle, ...]:
        return tuple(circle for circle in self.circles if circle.parent is None)

    def children(self, circle_id: str) -> tuple[Circle, ...]:
        return tuple(circle for circle in self.circles if circle.parent == circle_id)

    def ancestry(self, circle_id: str) -> tuple[Circle, ...]:
        """The circle and its ancestors up to the root: the path a conflict escalates
        along. Stops at a missing parent or a cycle (the circle rules report both)."""
        path: list[Circle] = []
        seen: set[str] = set()
        circle = self.circle(circle_id)
        while circle is not None and circle.id not in seen:
            path.append(circle)
            seen.add(circle.id)
            circle = self.circle(circle.parent)
        return tuple(path)


# A blank in a playbook step's text, `{name}`, which a space's values fill in.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")

# A space's statuses, in the order the site lists them.
STATUS_ORDER = ("active", "forming", "paused", "concluded")

# The kinds of playbook, in the order the site lists them: each is also the name of
# the social contract's slot that a playbook of that kind plugs into.
PLAYBOOK_KINDS = ("conflict-resolution", "accountability")


class Mode(StrEnum):
    COLLABORATION = "collaboration"
    INFORMATION_SHARING = "information-sharing"


@dataclass(frozen=True)
class Term:
    start: date
    end: date | None = None
    ongoing: bool = False
    review: date | None = None


@dataclass(frozen=True)
class HostConsent:
    """A consent written next to a participant in the host's space file; `by` should
    be the host (rule E415 refuses anyone else's)."""

    by: str
    date: date


@dataclass(frozen=True)
class Participant:
    organization: str
    role: str
    circle: str | None = None
    person: str | None = None
    consents: tuple[HostConsent, ...] = ()

    @property
    def is_free_agent(self) -> bool:
        return self.role == "free-agent"


@dataclass(frozen=True)
class Contribution:
    provider: str  # "host", "partner" or "third-party": the file's `from`
    kind: str  # "money" or "in-kind"
    description: str
    organization: str | None = None
    name: str | None = None
    amount: float | None = None
    currency: str | None = None
    period: str | None = None


@dataclass(frozen=True)
class PlaybookSlot:
    playbook: str
    parameters: Mapping[str, str | float]
    amendments: tuple[str, ...] = ()


@dataclass(frozen=True)
class SocialContract:
    governance: str
    conflict_resolution: PlaybookSlot | None = None
    accountability: PlaybookSlot | None = None
    rules: tuple[str, ...] = ()

    @property
    def slots(self) -> tuple[tuple[str, PlaybookSlot], ...]:
        """The plugged-in playbooks by slot name, which is also the playbook kind."""
        pairs = ((kind, getattr(self, kind.replace("-", "_"))) for kind in PLAYBOOK_KINDS)
        return tuple((kind, slot) for kind, slot in pairs if slot is not None)


@dataclass(frozen=True)
class Space:
    id: str
    host: str
    title: str
    mode: Mode
    status: str
    host_circle: str
    aim: str
    term: Term
    source: Source
    topic: str | None = None
    description: str | None = None
    topics: tuple[str, ...] = ()
    level: str | None = None
    domain: str | None = None
    venue: str | None = None
    direction: str | None = None
    open_to_new_partners: bool = False
    participants: tuple[Participant, ...] = ()
    seeking: tuple[Exchange, ...] = ()
    budget: tuple[Contribution, ...] = ()
    social_contract: SocialContract | None = None
    contact: Contact | None = None
    history: tuple[HistoryEntry, ...] = ()
    former_ids: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return self.id.partition("/")[2]

    @property
    def is_collaboration(self) -> bool:
        return self.mode is Mode.COLLABORATION

    @property
    def is_running(self) -> bool:
        """Whether the space still runs: every status but `concluded`. An ended term
        does not end a space; its host renews or concludes it (N601 says so)."""
        return self.status != "concluded"


@dataclass(frozen=True)
class Parameter:
    name: str
    title: str
    type: str
    unit: str | None = None


@dataclass(frozen=True)
class Step:
    title: str
    description: str


@dataclass(frozen=True)
class Provenance:
    title: str
    url: str | None = None


@dataclass(frozen=True)
class Playbook:
    id: str
    publisher: str
    title: str
    kind: str
    summary: str
    steps: tuple[Step, ...]
    source: Source
    description: str | None = None
    provenance: Provenance | None = None
    forked_from: str | None = None
    parameters: tuple[Parameter, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    former_ids: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return self.id.partition("/")[2]


class Standing(StrEnum):
    """Whether a listed participation is mutual yet."""

    CONFIRMED = "confirmed"
    INVITED = "invited"


@dataclass(frozen=True)
class Federated:
    """The entries of federated directories, by qualified identifier (see
    ecotone.federation), as their committed snapshots publish them: organizations
    and playbooks as model objects, so that rules and pages treat them as local
    ones, and where every entry lives. `acknowledged` holds each federated
    organization's own acknowledgments, (organization, space as it wrote it,
    circle); `space_members` each federated space's host and participants, as
    (organization, circle, confirmed there) in this directory's terms: `alpha` for one of ours,
    `riverside:green-coop` for one of theirs; `own_site` is this directory's
    address, by which they name it;
    `partners` are all the directories ecotone.yml names, fetched yet or not."""

    own_site: str | None = None
    partners: tuple[Partner, ...] = ()
    networks: Mapping[str, Network] = field(default_factory=dict)
    organizations: Mapping[str, Organization] = field(default_factory=dict)
    playbooks: Mapping[str, Playbook] = field(default_factory=dict)
    space_titles: Mapping[str, str] = field(default_factory=dict)
    homes: Mapping[str, Home] = field(default_factory=dict)
    acknowledged: frozenset[tuple[str, str, str | None]] = frozenset()
    space_members: Mapping[str, tuple[tuple[str, str | None, bool], ...]] = field(
        default_factory=dict
    )

    def acknowledges(self, org_id: str, space_id: str, circle: str | None) -> bool:
        """Whether the federated organization's own directory acknowledges this
        directory's space, with the same home circle."""
        qualified = split_qualified(org_id)
        network = self.networks.get(qualified[0]) if qualified else None
        if network is None:
            return False
        return any(
            (org_id, f"{name}:{space_id}", circle) in self.acknowledged
            for name in network.names_for(self.own_site)
        )


@dataclass(frozen=True)
class Directory:
    """The whole directory. `unreadable` holds the ids of entries that exist as files
    but could not be modelled, so that references to them are not reported again.
    `federated` holds what federated directories publish; their entries are found
    by qualified identifier and never listed among this directory's own. `renames`
    holds each organization's earlier folder names as git's history shows them
    (`load.git.folder_history`), None when there is no history to read.
    `checked` holds the organizations whose entries the rules check, None for all:
    after an edit, only those it can concern (see ecotone.validate.incremental)."""

    organizations: tuple[Organization, ...]
    spaces: tuple[Space, ...]
    playbooks: tuple[Playbook, ...]
    unreadable: frozenset[str] = frozenset()
    federated: Federated = field(default_factory=Federated)
    renames: Mapping[str, frozenset[str]] | None = None
    checked: frozenset[str] | None = None

    @cached_property
    def checked_organizations(self) -> tuple[Organization, ...]:
        """The organizations a rule checks; it looks the others up."""
        return self._within(self.organizations, lambda org: org.id)

    @cached_property
    def checked_spaces(self) -> tuple[Space, ...]:
        return self._within(self.spaces, lambda space: space.host)

    @cached_property
    def checked_playbooks(self) -> tuple[Playbook, ...]:
        return self._within(self.playbooks, lambda playbook: playbook.publisher)

    def _within(self, entries: tuple[T, ...], owner: Callable[[T], str]) -> tuple[T, ...]:
        if self.checked is None:
            return entries
        return tuple(entry for entry in entries if owner(entry) in self.checked)

    @cached_property
    def _organizations(self) -> Mapping[str, Organization]:
        return {org.id: org for org in self.organizations}

    @cached_property
    def _spaces(self) -> Mapping[str, Space]:
        return {space.id: space for space in self.spaces}

    @cached_property
    def _playbooks(self) -> Mapping[str, Playbook]:
        return {playbook.id: playbook for playbook in self.playbooks}

    def organization(self, org_id: str | None) -> Organization | None:
        """A local organization, or a federated one by its qualified identifier."""
        if not org_id:
            return None
        return self._organizations.get(org_id) or self.federated.organizations.get(org_id)

    def display_name(self, org_id: str) -> str:
        """How pages and messages name an organization: its name, or its identifier
        when no such organization is known."""
        org = self.organization(org_id)
        return org.name if org else org_id

    def space(self, space_id: str) -> Space | None:
        return self._spaces.get(space_id)

    def playbook(self, playbook_id: str | None) -> Playbook | None:
        """A local playbook, or a federated one by its qualified identifier."""
        if not playbook_id:
            return None
        return self._playbooks.get(playbook_id) or self.federated.playbooks.get(playbook_id)

    def home(self, entry_id: str | None) -> Home | None:
        """Where a federated entry lives; None for a local one."""
        return self.federated.homes.get(entry_id) if entry_id else None

    def exists(self, entry_id: str) -> bool:
        """Whether an entry exists on disk, modelled or not, or in a federated
        directory's snapshot."""
        return (
            entry_id in self.unreadable
            or entry_id in self.federated.homes
            or any(
                entry_id in index for index in (self._organizations, self._spaces, self._playbooks)
            )
        )

    @cached_property
    def _former_claims(self) -> Mapping[str, tuple[str, ...]]:
        """The organizations that list each identifier among their former ones."""
        claims: dict[str, list[str]] = defaultdict(list)
        for org in self.organizations:
            for former in dict.fromkeys(org.former_ids):
                claims[former].append(org.id)
        return {former: tuple(ids) for former, ids in claims.items()}

    def former_claimants(self, former: str) -> tuple[str, ...]:
        return self._former_claims.get(former, ())

    def former_id_holds(self, org: Organization, former: str) -> bool:
        """Whether `former`, listed by `org` among its former identifiers, leads to it:
        no organization holds it now, and the history shows `org`'s folder renamed
        from it; without a history, no other organization claims it. A former
        identifier is nobody's to take: claimed alone or first, it proves nothing."""
        if former == org.id or former in self._organizations or former in self.unreadable:
            return False
        if self.renames is not None:
            return former in self.renames.get(org.id, frozenset())
        return self.former_claimants(former) == (org.id,)

    def former_ids_holding(self, org_id: str) -> tuple[str, ...]:
        """The former identifiers of an organization that lead to it."""
        org = self._organizations.get(org_id)
        return tuple(f for f in org.former_ids if self.former_id_holds(org, f)) if org else ()

    def circle(self, org_id: str, circle_id: str | None) -> Circle | None:
        org = self.organization(org_id)
        return org.circle(circle_id) if org else None

    @cached_property
    def _hosted(self) -> Mapping[str, tuple[Space, ...]]:
        return _group(self.spaces, lambda space: space.host)

    def spaces_hosted_by(self, org_id: str) -> tuple[Space, ...]:
        return self._hosted.get(org_id, ())

    @cached_property
    def _acknowledged(self) -> frozenset[tuple[str, str, str | None]]:
        return frozenset(
            (org.id, p.space, p.circle) for org in self.organizations for p in org.participations
        )

    @cached_property
    def _acknowledged_spaces(self) -> frozenset[tuple[str, str]]:
        return frozenset((org_id, space_id) for org_id, space_id, _ in self._acknowledged)

    def contribution_standing(self, space: Space, contribution: Contribution) -> Standing | None:
        """A partner's contribution is confirmed once the partner acknowledges the space
        in its own file; until then the host's line is an offer it reports, not the
        partner's money. Host and third-party lines have no standing."""
        if contribution.provider != "partner" or not contribution.organization:
            return None
        confirmed = (contribution.organization, space.id) in self._acknowledged_spaces
        return Standing.CONFIRMED if confirmed else Standing.INVITED

    def standing(self, space: Space, participant: Participant) -> Standing:
        """Confirmed when the participant's own file acknowledges the space, with the
        same home circle (for a federated organization: its own directory's
        published data); otherwise an invitation."""
        key = (participant.organization, space.id, participant.circle)
        confirmed = key in self._acknowledged or self.federated.acknowledges(*key)
        return Standing.CONFIRMED if confirmed else Standing.INVITED

    def confirmed_participants(self, space: Space) -> tuple[Participant, ...]:
        """The participants listed in `space` whose participation is confirmed, in the
        file's order."""
        return tuple(p for p in space.participants if self.standing(space, p) is Standing.CONFIRMED)

    def confirmed_members(self, space: Space) -> tuple[str, ...]:
        """The organizations whose participation in `space` is confirmed, each once,
        in the file's order (the host not among them unless it lists itself)."""
        return tuple(dict.fromkeys(p.organization for p in self.confirmed_participants(space)))

    def confirmed_participations(self, org_id: str) -> tuple[tuple[Space, Participant], ...]:
        """The listings of the organization in other spaces that it has confirmed: each
        space with the listing, in the order of `participations_of`."""
        return tuple(
            (space, participant)
            for space, participant, standing in self.participations_of(org_id)
            if standing is Standing.CONFIRMED
        )

    def spaces_taken_part_in(self, org_id: str) -> tuple[Space, ...]:
        """The spaces an organization is a member of: those it hosts and those it has
        joined with a confirmed participation, in identifier order."""
        spaces = {space.id: space for space in self.spaces_hosted_by(org_id)}
        spaces.update((space.id, space) for space, _ in self.confirmed_participations(org_id))
        return tuple(spaces[key] for key in sorted(spaces))

    @cached_property
    def _listed_in(self) -> Mapping[str, tuple[tuple[Space, Participant], ...]]:
        pairs = ((space, p) for space in self.spaces for p in space.participants)
        return _group(pairs, lambda pair: pair[1].organization)

    def participations_of(self, org_id: str) -> tuple[tuple[Space, Participant, Standing], ...]:
        """Every space that lists the organization as a participant, with its standing."""
        return tuple(
            (space, participant, self.standing(space, participant))
            for space, participant in self._listed_in.get(org_id, ())
        )

    @cached_property
    def _federated_listings(self) -> Mapping[str, tuple[tuple[str, str | None], ...]]:
        """For each organization, the federated spaces that list it: (space, circle)."""
        pairs = (
            (org_id, (space_id, circle))
            for space_id, members in self.federated.space_members.items()
            for org_id, circle, _ in members[1:]
        )
        grouped = _group(pairs, lambda pair: pair[0])
        return {org_id: tuple(pair[1] for pair in items) for org_id, items in grouped.items()}

    def acknowledges(self, org_id: str, space_id: str, circle: str | None) -> bool:
        """Whether this directory's organization acknowledges the space in its file."""
        return (org_id, space_id, circle) in self._acknowledged

    def federated_participations_of(
        self, org_id: str
    ) -> tuple[tuple[str, str | None, Standing], ...]:
        """The spaces of federated directories whose hosts list this directory's
        organization: (space, circle, standing), confirmed when its own file
        acknowledges the space as `<network>:<host>/<space>`, with the same circle."""
        return tuple(
            (
                space_id,
                circle,
                Standing.CONFIRMED
                if self.acknowledges(org_id, space_id, circle)
                else Standing.INVITED,
            )
            for space_id, circle in self._federated_listings.get(org_id, ())
        )

    def escalation_path(self, org_id: str, circle_id: str | None) -> tuple[Circle, ...]:
        """Where a conflict goes from a circle: the circle, then each parent to the root."""
        org = self.organization(org_id)
        return org.ancestry(circle_id) if org and circle_id else ()

    @cached_property
    def _forks(self) -> Mapping[str, tuple[Playbook, ...]]:
        return _group((p for p in self.playbooks if p.forked_from), lambda p: p.forked_from)

    def forks_of(self, playbook_id: str) -> tuple[Playbook, ...]:
        return self._forks.get(playbook_id, ())

    @cached_property
    def _uses(self) -> Mapping[str, tuple[Space, ...]]:
        pairs = (
            (slot.playbook, space)
            for space in self.spaces
            if space.social_contract
            for _, slot in space.social_contract.slots
        )
        grouped: dict[str, list[Space]] = defaultdict(list)
        for playbook_id, space in pairs:
            grouped[playbook_id].append(space)
        return {key: tuple(value) for key, value in grouped.items()}

    def spaces_using(self, playbook_id: str) -> tuple[Space, ...]:
        return self._uses.get(playbook_id, ())


def _group(items: Iterable[Any], key: Any) -> dict[Any, tuple[Any, ...]]:
    grouped: dict[Any, list[Any]] = defaultdict(list)
    for item in items:
        grouped[key(item)].append(item)
    return {k: tuple(v) for k, v in grouped.items()}


# -- building the model from schema-valid documents ---------------------------


def build_directory(
    documents: Iterable[Document],
    unreadable: frozenset[str] = frozenset(),
    federated: Federated | None = None,
    renames: Mapping[str, frozenset[str]] | None = None,
    previous: Directory | None = None,
) -> Directory:
    """The model of `documents`. An entry is made from its file's text alone, so one
    whose file reads as it did in the `previous` model (`mkdocs serve`'s rebuild
    before) is taken from it, with this run's source."""
    builders = {Kind.ORGANIZATION: _organization, Kind.SPACE: _space, Kind.PLAYBOOK: _playbook}
    earlier = _entries_by_file(previous) if previous else {}
    built: dict[Kind, list[Any]] = defaultdict(list)
    for document in documents:
        before = earlier.get(document.source.file)
        if before is not None and before.source.text == document.source.text:
            built[document.kind].append(replace(before, source=document.source))
        else:
            built[document.kind].append(builders[document.kind](document))
    return Directory(
        organizations=_sorted_by_id(built[Kind.ORGANIZATION]),
        spaces=_sorted_by_id(built[Kind.SPACE]),
        playbooks=_sorted_by_id(built[Kind.PLAYBOOK]),
        unreadable=unreadable,
        federated=federated or Federated(),
        renames=renames,
    )


def build_federated(
    partners: tuple[Partner, ...], networks: Iterable[Network], own_site: str | None
) -> Federated:
    """The federated entries of snapshots that passed the export schema's check."""
    organizations: dict[str, Organization] = {}
    playbooks: dict[str, Playbook] = {}
    space_titles: dict[str, str] = {}
    homes: dict[str, Home] = {}
    acknowledged: set[tuple[str, str, str | None]] = set()
    members: dict[str, tuple[tuple[str, str | None, bool], ...]] = {}
    by_name: dict[str, Network] = {}
    for network in networks:
        net = network.partner.name
        by_name[net] = network
        for data in network.document["organizations"]:
            org = _federated_organization(network, data)
            organizations[org.id] = org
            homes[org.id] = Home(net, data["url"], network.name)
            acknowledged.update(
                (org.id, item["space"], item.get("circle")) for item in data.get("acknowledges", ())
            )
        translate = _translator(network, partners, own_site)
        for data in network.document["spaces"]:
            space_id = f"{net}:{data['id']}"
            space_titles[space_id] = data["title"]
            homes[space_id] = Home(net, data["url"], network.name)
            listed = [(data["host"]["id"], None, True)] + [
                (
                    p["organization"]["id"],
                    p.get("circle", {}).get("id"),
                    p["standing"] == Standing.CONFIRMED,
                )
                for p in data.get("participants", ())
            ]
            members[space_id] = tuple(
                (org_id, circle, confirmed)
                for org_id, circle, confirmed in (
                    (translate(ref), circle, confirmed) for ref, circle, confirmed in listed
                )
                if org_id is not None
            )
        for data in network.document["playbooks"]:
            playbook = _federated_playbook(network, data)
            playbooks[playbook.id] = playbook
            homes[playbook.id] = Home(net, data["url"], network.name)
    return Federated(
        own_site,
        partners,
        by_name,
        organizations,
        playbooks,
        space_titles,
        homes,
        frozenset(acknowledged),
        members,
    )


def _translator(
    network: Network, partners: tuple[Partner, ...], own_site: str | None
) -> Callable[[str], str | None]:
    """Turns an organization reference as `network` writes it into this directory's
    terms: its own organizations get its short name; its qualified references are
    resolved through its `federates_with` to one of ours, or to a directory we
    federate with too; None for a directory we do not know."""
    theirs = {
        entry["name"]: normal_site(entry["site"])
        for entry in network.document.get("federates_with", ())
    }
    ours = {partner.site: partner.name for partner in partners}

    def translate(reference: str) -> str | None:
        qualified = split_qualified(reference)
        if qualified is None:
            return f"{network.partner.name}:{reference}"
        site = theirs.get(qualified[0])
        if site is not None and site == own_site:
            return qualified[1]
        return f"{ours[site]}:{qualified[1]}" if site in ours else None

    return translate


def _federated_organization(network: Network, data: Mapping[str, Any]) -> Organization:
    org_id = f"{network.partner.name}:{data['id']}"
    circles = tuple(
        Circle(
            id=circle["id"],
            organization=org_id,
            name=circle["name"],
            aim=circle["aim"],
            domain=circle["domain"],
            parent=circle.get("parent"),
            dissolved=circle.get("status") == "dissolved",
            successors=tuple(circle.get("successors", ())),
            conflicts_go_to=circle.get("conflicts_go_to"),
        )
        for circle in data["circles"]
    )
    return Organization(
        id=org_id,
        name=data["name"],
        summary=data["summary"],
        maintainers=tuple(data["maintainers"]),
        commitments=Commitments(**data["commitments"]),
        circles=circles,
        source=network.source,
        website=data.get("website"),
        location=data.get("location"),
        topics=tuple(data.get("topics", ())),
    )


def _federated_playbook(network: Network, data: Mapping[str, Any]) -> Playbook:
    net = network.partner.name
    return Playbook(
        id=f"{net}:{data['id']}",
        publisher=f"{net}:{data['publisher']}",
        title=data["title"],
        kind=data["kind"],
        summary=data["summary"],
        steps=tuple(Step(step["title"], step["description"]) for step in data["steps"]),
        source=network.source,
        description=data.get("description"),
        parameters=tuple(
            Parameter(p["name"], p["title"], p["type"], p.get("unit"))
            for p in data.get("parameters", ())
        ),
    )


def _entries_by_file(directory: Directory) -> dict[str, Organization | Space | Playbook]:
    entries = (*directory.organizations, *directory.spaces, *directory.playbooks)
    return {entry.source.file: entry for entry in entries}


def _sorted_by_id(entries: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(sorted(entries, key=lambda entry: entry.id))


def _contact(data: Mapping[str, Any] | None) -> Contact | None:
    return Contact(**data) if data else None


def _exchanges(items: Iterable[Mapping[str, Any]] | None) -> tuple[Exchange, ...]:
    return tuple(
        Exchange(item["title"], tuple(item.get("topics", ())), item.get("details"))
        for item in items or ()
    )


def _history(items: Iterable[Mapping[str, Any]] | None) -> tuple[HistoryEntry, ...]:
    return tuple(
        HistoryEntry(date.fromisoformat(item["date"]), item["change"]) for item in items or ()
    )


def _optional_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _organization(document: Document) -> Organization:
    data: Mapping[str, Any] = document.data  # type: ignore[assignment]
    circles = tuple(
        Circle(
            id=circle_id,
            organization=document.id,
            name=circle["name"],
            aim=circle["aim"],
            domain=circle["domain"],
            parent=circle.get("parent"),
            dissolved=circle.get("status") == "dissolved",
            successors=tuple(circle.get("successors", ())),
            conflicts_go_to=circle.get("conflicts_go_to"),
        )
        for circle_id, circle in data["circles"].items()
    )
    return Organization(
        id=document.id,
        name=data["name"],
        summary=data["summary"],
        maintainers=tuple(data["maintainers"]),
        commitments=Commitments(**data["commitments"]),
        circles=circles,
        source=document.source,
        description=data.get("description"),
        website=data.get("website"),
        location=data.get("location"),
        contact=_contact(data.get("contact")),
        topics=tuple(data.get("topics", ())),
        offers=_exchanges(data.get("offers")),
        needs=_exchanges(data.get("needs")),
        participations=tuple(_participation(p) for p in data.get("participations", ())),
        former_ids=tuple(data.get("former_ids", ())),
    )


def _participation(data: Mapping[str, Any]) -> Participation:
    return Participation(
        space=data["space"],
        circle=data.get("circle"),
        consents=tuple(
            Consent(c["member"], c.get("circle"), date.fromisoformat(c["date"]))
            for c in data.get("consents", ())
        ),
    )


def _participant(data: Mapping[str, Any]) -> Participant:
    return Participant(
        organization=data["organization"],
        role=data["role"],
        circle=data.get("circle"),
        person=data.get("person"),
        consents=tuple(
            HostConsent(c["by"], date.fromisoformat(c["date"])) for c in data.get("consents", ())
        ),
    )


def _slot(data: Mapping[str, Any] | None) -> PlaybookSlot | None:
    if not data:
        return None
    return PlaybookSlot(
        playbook=data["playbook"],
        parameters=dict(data.get("parameters", {})),
        amendments=tuple(data.get("amendments", ())),
    )


def _space(document: Document) -> Space:
    data: Mapping[str, Any] = document.data  # type: ignore[assignment]
    term = data["term"]
    contract = data.get("social_contract")
    return Space(
        id=document.id,
        host=document.id.partition("/")[0],
        title=data["title"],
        mode=Mode(data["mode"]),
        status=data["status"],
        host_circle=data["host_circle"],
        aim=data["aim"],
        term=Term(
            start=date.fromisoformat(term["start"]),
            end=_optional_date(term.get("end")),
            ongoing=term.get("ongoing", False),
            review=_optional_date(term.get("review")),
        ),
        source=document.source,
        topic=data.get("topic"),
        description=data.get("description"),
        topics=tuple(data.get("topics", ())),
        level=data.get("level"),
        domain=data.get("domain"),
        venue=data.get("venue"),
        direction=data.get("direction"),
        open_to_new_partners=data.get("open_to_new_partners", False),
        participants=tuple(_participant(p) for p in data.get("participants", ())),
        seeking=_exchanges(data.get("seeking")),
        budget=tuple(
            Contribution(provider=item["from"], **{k: v for k, v in item.items() if k != "from"})
            for item in data.get("budget", ())
        ),
        social_contract=SocialContract(
            governance=contract["governance"],
            conflict_resolution=_slot(contract.get("conflict_resolution")),
            accountability=_slot(contract.get("accountability")),
            rules=tuple(contract.get("rules", ())),
        )
        if contract
        else None,
        contact=_contact(data.get("contact")),
        history=_history(data.get("history")),
        former_ids=tuple(data.get("former_ids", ())),
    )


def _playbook(document: Document) -> Playbook:
    data: Mapping[str, Any] = document.data  # type: ignore[assignment]
    provenance = data.get("source")
    return Playbook(
        id=document.id,
        publisher=document.id.partition("/")[0],
        title=data["title"],
        kind=data["kind"],
        summary=data["summary"],
        steps=tuple(Step(**step) for step in data["steps"]),
        source=document.source,
        description=data.get("description"),
        provenance=Provenance(**provenance) if provenance else None,
        forked_from=data.get("forked_from"),
        parameters=tuple(
            Parameter(name=name, **spec) for name, spec in data.get("parameters", {}).items()
        ),
        history=_history(data.get("history")),
        former_ids=tuple(data.get("former_ids", ())),
    )
