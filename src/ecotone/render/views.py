"""Facts the pages show that are computed from the model, not written in a file:
the wording of enumerated values, dates, amounts, terms, budget totals, filled-in
playbook steps and escalation paths. Templates only lay these out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ecotone.model import (
    PLACEHOLDER,
    STATUS_ORDER,
    Circle,
    Contribution,
    Directory,
    Home,
    Organization,
    Participant,
    Playbook,
    PlaybookSlot,
    Space,
    Standing,
    Term,
)
from ecotone.schema_files import Schemas
from ecotone.sitedata import Joining, Seat
from ecotone.wording import joined, long_date

# Values whose hyphen belongs to the word.
# The fields a design principle is met by, as a visitor reads them on a page.
FIELD_WORDS = {
    "aim": "its aim",
    "topic": "its topic",
    "direction": "the direction information flows",
    "budget": "a budget from each side",
    "participants": "its partner organizations",
    "domain": "a domain of its own",
    "host_circle": "a hosting circle",
    "term.review": "a review date",
    "social_contract.governance": "a governance protocol",
    "social_contract.accountability": "an accountability playbook",
    "social_contract.conflict_resolution": "a conflict-resolution playbook",
    "host.commitments.sovereignty": "the host's commitment to every partner's sovereignty",
}


def fields_in_words(fields: Iterable[str]) -> str:
    """Fields' paths, such as `social_contract.governance`, in plain words."""
    return joined(FIELD_WORDS.get(f, f.replace("_", " ").replace(".", ": ")) for f in fields)


def amount(value: float) -> str:
    """`6,000` or `2,500.50`."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"


def term_text(term: Term) -> str:
    start = long_date(term.start)
    if term.end:
        return f"{start} to {long_date(term.end)}"
    return f"Since {start}, ongoing" if term.ongoing else f"From {start}"


def commitment_titles(schemas: Schemas) -> Mapping[str, str]:
    """The basic commitments' names as the organization schema gives them."""
    schema = schemas.documents["organization.schema.json"]
    properties = schema["properties"]["commitments"]["properties"]
    return {name: spec["title"] for name, spec in properties.items()}


# -- budget -------------------------------------------------------------------

PROVIDERS = (
    ("host", "From the host"),
    ("partner", "From partners"),
    ("third-party", "From third parties"),
)


@dataclass(frozen=True)
class BudgetLine:
    """A contribution as the page shows it: `offered` when a partner the host names
    has not confirmed it takes part, so the money is only what the host says."""

    contribution: Contribution
    offered: bool


@dataclass(frozen=True)
class BudgetGroup:
    provider: str
    heading: str
    lines: tuple[BudgetLine, ...]


@dataclass(frozen=True)
class Total:
    currency: str
    period: str | None
    amount: float


def budget_lines(directory: Directory, space: Space) -> tuple[BudgetLine, ...]:
    return tuple(
        BudgetLine(item, directory.contribution_standing(space, item) is Standing.INVITED)
        for item in space.budget
    )


def budget_groups(lines: Iterable[BudgetLine]) -> tuple[BudgetGroup, ...]:
    by_provider: dict[str, list[BudgetLine]] = defaultdict(list)
    for line in lines:
        by_provider[line.contribution.provider].append(line)
    return tuple(
        BudgetGroup(provider, heading, tuple(by_provider[provider]))
        for provider, heading in PROVIDERS
        if by_provider[provider]
    )


def budget_totals(lines: Iterable[BudgetLine]) -> tuple[Total, ...]:
    """Money per currency and period (a yearly sum and a one-off grant do not add up),
    leaving out what partners have not confirmed."""
    sums: dict[tuple[str, str | None], float] = defaultdict(float)
    for line in lines:
        c = line.contribution
        if not line.offered and c.kind == "money" and c.amount is not None and c.currency:
            sums[(c.currency, c.period)] += c.amount
    return tuple(
        Total(currency, period, value)
        for (currency, period), value in sorted(
            sums.items(), key=lambda i: (i[0][0], i[0][1] or "")
        )
    )


# -- playbooks ----------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A piece of a step's text: plain text, or a parameter's value (or blank)."""

    text: str
    parameter: str | None = None


def fill(text: str, values: Mapping[str, str | float]) -> tuple[Segment, ...]:
    """A step's text cut at its `{name}` blanks, each blank filled from `values`
    when the space gives one, otherwise left showing its name."""
    segments: list[Segment] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > position:
            segments.append(Segment(text[position : match.start()]))
        name = match.group(1)
        value = values.get(name)
        shown = match.group(0) if value is None else _value_text(value)
        segments.append(Segment(shown, name))
        position = match.end()
    if position < len(text):
        segments.append(Segment(text[position:]))
    return tuple(segments)


def _value_text(value: str | float) -> str:
    return amount(value) if isinstance(value, int | float) else value


@dataclass(frozen=True)
class FilledStep:
    title: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class FilledParameter:
    name: str
    title: str
    value: str
    unit: str | None


@dataclass(frozen=True)
class PluggedPlaybook:
    """A playbook as a space plugs it in: its blanks filled, its amendments added."""

    kind: str
    playbook_id: str
    playbook: Playbook | None
    parameters: tuple[FilledParameter, ...]
    steps: tuple[FilledStep, ...]
    amendments: tuple[str, ...]


def plugged(kind: str, slot: PlaybookSlot, playbook: Playbook | None) -> PluggedPlaybook:
    if playbook is None:
        return PluggedPlaybook(kind, slot.playbook, None, (), (), slot.amendments)
    parameters = tuple(
        FilledParameter(
            p.name,
            p.title,
            _value_text(slot.parameters[p.name]) if p.name in slot.parameters else "",
            p.unit,
        )
        for p in playbook.parameters
    )
    steps = tuple(FilledStep(s.title, fill(s.description, slot.parameters)) for s in playbook.steps)
    return PluggedPlaybook(kind, slot.playbook, playbook, parameters, steps, slot.amendments)


# -- people and circles -------------------------------------------------------


@dataclass(frozen=True)
class Escalation:
    """Where a conflict goes for one party: its circle, each parent up to the root,
    and last what the root names (`conflicts_go_to`)."""

    circles: tuple[Circle, ...]
    last: str | None


def escalation(directory: Directory, org_id: str, circle_id: str | None) -> Escalation:
    circles = directory.escalation_path(org_id, circle_id)
    return Escalation(circles, circles[-1].conflicts_go_to if circles else None)


@dataclass(frozen=True)
class Member:
    """A participant as its space's page shows it."""

    participant: Participant
    organization: Organization | None
    circle: Circle | None
    standing: Standing
    escalation: Escalation
    joining: Joining | None = None

    @property
    def name(self) -> str:
        return self.organization.name if self.organization else self.participant.organization

    @property
    def is_invited(self) -> bool:
        return self.standing is Standing.INVITED


def members(
    directory: Directory, space: Space, joinings: Mapping[Seat, Joining] | None = None
) -> tuple[Member, ...]:
    """The participants; `joinings` tells since when each member of a collaboration
    is one and whose consent it has on record."""
    return tuple(
        Member(
            participant=p,
            organization=directory.organization(p.organization),
            circle=directory.circle(p.organization, p.circle),
            standing=directory.standing(space, p),
            escalation=escalation(directory, p.organization, p.circle),
            joining=(joinings or {}).get(Seat(space.id, p.organization, p.circle)),
        )
        for p in space.participants
    )


def status_rank(space: Space) -> int:
    return STATUS_ORDER.index(space.status) if space.status in STATUS_ORDER else len(STATUS_ORDER)


@dataclass(frozen=True)
class JoinedElsewhere:
    """A space of a federated directory whose host lists the organization."""

    space_id: str
    title: str
    home: Home
    circle: Circle | None


def elsewhere(
    directory: Directory, org: Organization, standing: Standing
) -> tuple[JoinedElsewhere, ...]:
    """The organization's spaces in federated directories with this standing."""
    federated = directory.federated
    return tuple(
        JoinedElsewhere(
            space_id, federated.space_titles[space_id], federated.homes[space_id], org.circle(c)
        )
        for space_id, c, found in directory.federated_participations_of(org.id)
        if found is standing
    )
