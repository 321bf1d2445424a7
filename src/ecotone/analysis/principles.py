"""Principles: Prosocial's eight core design principles (after Elinor Ostrom) as a
checklist for each space, computed from what its file says.

Each principle is read from the parts of the blueprint that carry it:

1. Shared identity and purpose: the space states its aim and its topic, the
   shared doing.
2. Equitable distribution of contributions and benefits: in a collaboration,
   the budget shows what the host provides and what every confirmed partner
   provides. In information sharing, information flows both ways or more
   (`direction` bi- or multi-directional).
3. Fair and inclusive decision-making: a collaboration states its governance
   protocol, and its members are members by mutual consent: at least one
   participant, and every listed participant has confirmed.
4. Monitoring agreed behaviours: an accountability playbook is plugged in, and
   a review date is set for the members to look at their agreements.
5. Graduated responding: the plugged accountability playbook responds in
   steps (more than one), from a one-to-one ask up to ending consent rights.
6. Fast and fair conflict resolution: a conflict-resolution playbook is
   plugged in.
7. Authority to self-govern: the host has committed to the sovereignty of
   every partner, the hosting circle exists to hold the space, and a
   collaboration names its own domain.
8. Collaborative relationships with other groups: the space links its host
   with at least one other organization that has confirmed taking part.

Information-sharing spaces make no shared decisions and no binding agreements
(their files have no social contract), so principles 3 to 6 do not apply to
them; they are shown as such, not as failures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ecotone.model import Directory, PlaybookSlot, Space, Standing
from ecotone.wording import capitalized, joined


class Coverage(StrEnum):
    MET = "met"
    NOT_MET = "not-met"
    NOT_APPLICABLE = "not-applicable"


@dataclass(frozen=True)
class Principle:
    number: int
    title: str


PRINCIPLES = (
    Principle(1, "Shared identity and purpose"),
    Principle(2, "Equitable distribution of contributions and benefits"),
    Principle(3, "Fair and inclusive decision-making"),
    Principle(4, "Monitoring agreed behaviours"),
    Principle(5, "Graduated responding"),
    Principle(6, "Fast and fair conflict resolution"),
    Principle(7, "Authority to self-govern"),
    Principle(8, "Collaborative relationships with other groups"),
)


@dataclass(frozen=True)
class Check:
    """One principle for one space: whether it is met, the fields of the file that
    cover it (`covered_by`), and a `note`: when it is not met, what would meet it;
    when it does not apply, why not."""

    principle: Principle
    coverage: Coverage
    covered_by: tuple[str, ...] = ()
    note: str | None = None

    @property
    def met(self) -> bool:
        return self.coverage is Coverage.MET


@dataclass(frozen=True)
class Tally:
    """How many spaces meet one principle, of those it applies to."""

    principle: Principle
    met: int
    applicable: int


def checklist(directory: Directory, space: Space) -> tuple[Check, ...]:
    """The eight principles for one space, in order."""
    return tuple(
        check(directory, space, principle)
        for principle, check in zip(PRINCIPLES, _CHECKS, strict=True)
    )


def summary(directory: Directory) -> tuple[Tally, ...]:
    """For each principle, how many of the directory's spaces meet it."""
    return tallies_of([checklist(directory, space) for space in directory.spaces])


def tallies_of(lists: Sequence[tuple[Check, ...]]) -> tuple[Tally, ...]:
    """For each principle, how many of these spaces' checklists meet it."""
    return tuple(
        Tally(
            principle,
            met=sum(1 for checks in lists if checks[i].coverage is Coverage.MET),
            applicable=sum(
                1 for checks in lists if checks[i].coverage is not Coverage.NOT_APPLICABLE
            ),
        )
        for i, principle in enumerate(PRINCIPLES)
    )


def met_count(checks: Iterable[Check]) -> tuple[int, int]:
    """(met, applicable) over a checklist."""
    items = [c for c in checks if c.coverage is not Coverage.NOT_APPLICABLE]
    return sum(1 for c in items if c.met), len(items)


# -- the eight checks ----------------------------------------------------------


def _met(principle: Principle, *fields: str) -> Check:
    return Check(principle, Coverage.MET, covered_by=fields)


def _not_met(principle: Principle, note: str, *fields: str) -> Check:
    return Check(principle, Coverage.NOT_MET, covered_by=fields, note=note)


def _not_applicable(principle: Principle) -> Check:
    return Check(
        principle,
        Coverage.NOT_APPLICABLE,
        note="Information sharing makes no shared decisions or binding agreements; "
        "this principle applies to collaborations.",
    )


def _identity(directory: Directory, space: Space, principle: Principle) -> Check:
    if space.topic:
        return _met(principle, "aim", "topic")
    return _not_met(principle, "Add `topic:`, the shared doing in a few words.", "aim")


def _equity(directory: Directory, space: Space, principle: Principle) -> Check:
    if not space.is_collaboration:
        if space.direction in ("bi-directional", "multi-directional"):
            return _met(principle, "direction")
        return _not_met(
            principle,
            "Information flows one way. If the partners share back, set "
            "`direction: bi-directional` (or multi-directional for more than two circles).",
            "direction",
        )
    hosts = any(item.provider == "host" for item in space.budget)
    contributing = {item.organization for item in space.budget if item.provider == "partner"}
    silent = [org for org in directory.confirmed_members(space) if org not in contributing]
    missing = []
    if not hosts:
        missing.append("what the host provides (`from: host`)")
    if silent:
        names = _names(directory, silent)
        verb = "provides" if len(silent) == 1 else "provide"
        missing.append(f"what {joined(names)} {verb} (`from: partner`)")
    if not missing:
        return _met(principle, "budget")
    return _not_met(principle, "Add to `budget:` " + joined(missing) + ".", "budget")


def _decisions(directory: Directory, space: Space, principle: Principle) -> Check:
    if space.social_contract is None:
        return _not_applicable(principle)
    invited = _names(
        directory,
        dict.fromkeys(
            p.organization
            for p in space.participants
            if directory.standing(space, p) is Standing.INVITED
        ),
    )
    if not space.participants:
        return _not_met(
            principle,
            "List the partners under `participants:`; each confirms by adding the space "
            "to `participations:` in its own file.",
            "social_contract.governance",
        )
    if invited:
        return _not_met(
            principle,
            f"Membership is by mutual consent: {joined(invited)} "
            + ("has" if len(invited) == 1 else "have")
            + " not confirmed yet (the space goes under `participations:` in "
            + ("its" if len(invited) == 1 else "their")
            + " own file).",
            "social_contract.governance",
            "participants",
        )
    return _met(principle, "social_contract.governance", "participants")


def _plugged_in(directory: Directory, slot: PlaybookSlot | None) -> bool:
    """Whether a slot holds a playbook the directory has: one its publisher has
    removed or renamed since (W421) fills no slot."""
    return slot is not None and directory.playbook(slot.playbook) is not None


def _missing_playbook(directory: Directory, slot: PlaybookSlot | None) -> str:
    """What to say of a slot whose playbook the directory does not have, if so."""
    if slot is None or _plugged_in(directory, slot):
        return ""
    return f"There is no playbook '{slot.playbook}' in the directory (any more). "


def _monitoring(directory: Directory, space: Space, principle: Principle) -> Check:
    contract = space.social_contract
    if contract is None:
        return _not_applicable(principle)
    accountable = _plugged_in(directory, contract.accountability)
    covered = [
        *(["social_contract.accountability"] if accountable else []),
        *(["term.review"] if space.term.review else []),
    ]
    missing = [
        *(
            []
            if accountable
            else ["plug an accountability playbook into `social_contract.accountability`"]
        ),
        *([] if space.term.review else ["set a `review:` date in `term:`"]),
    ]
    if missing:
        gone = _missing_playbook(directory, contract.accountability)
        return _not_met(principle, gone + capitalized(joined(missing)) + ".", *covered)
    return _met(principle, *covered)


def _graduated(directory: Directory, space: Space, principle: Principle) -> Check:
    contract = space.social_contract
    if contract is None:
        return _not_applicable(principle)
    if contract.accountability is None:
        return _not_met(
            principle,
            "Plug an accountability playbook with graduated steps into "
            "`social_contract.accountability`.",
        )
    playbook = directory.playbook(contract.accountability.playbook)
    if playbook is None:
        return _not_met(
            principle,
            _missing_playbook(directory, contract.accountability)
            + "Plug in an accountability playbook with graduated steps.",
        )
    if len(playbook.steps) > 1:
        return _met(principle, "social_contract.accountability")
    return _not_met(
        principle,
        "The accountability playbook responds in a single step; plug in one that "
        "responds in steps, from a one-to-one ask to ending consent rights.",
        "social_contract.accountability",
    )


def _conflict_resolution(directory: Directory, space: Space, principle: Principle) -> Check:
    contract = space.social_contract
    if contract is None:
        return _not_applicable(principle)
    if _plugged_in(directory, contract.conflict_resolution):
        return _met(principle, "social_contract.conflict_resolution")
    return _not_met(
        principle,
        _missing_playbook(directory, contract.conflict_resolution)
        + "Plug a conflict-resolution playbook into `social_contract.conflict_resolution`.",
    )


def _self_governance(directory: Directory, space: Space, principle: Principle) -> Check:
    host = directory.organization(space.host)
    circle = directory.circle(space.host, space.host_circle)
    missing = []
    if host is None or not host.commitments.sovereignty:
        missing.append(
            "the host commits to the sovereignty of every partner "
            "(`commitments: sovereignty: true` in its organization file)"
        )
    if circle is None or circle.dissolved:
        missing.append("`host_circle:` names an active circle of the host")
    if space.is_collaboration and not space.domain:
        missing.append("`domain:` says what the space decides together")
    covered = ("host_circle", "domain") if space.is_collaboration else ("host_circle",)
    if missing:
        return _not_met(principle, capitalized(joined(missing)) + ".", *covered)
    return _met(principle, *covered, "host.commitments.sovereignty")


def _relationships(directory: Directory, space: Space, principle: Principle) -> Check:
    if any(org != space.host for org in directory.confirmed_members(space)):
        return _met(principle, "participants")
    if space.participants:
        return _not_met(
            principle,
            "No other organization has confirmed yet; each confirms by adding the space "
            "to `participations:` in its own file.",
            "participants",
        )
    return _not_met(principle, "Invite another organization under `participants:`.")


_CHECKS: tuple[Callable[[Directory, Space, Principle], Check], ...] = (
    _identity,
    _equity,
    _decisions,
    _monitoring,
    _graduated,
    _conflict_resolution,
    _self_governance,
    _relationships,
)


def _names(directory: Directory, org_ids: Iterable[str]) -> list[str]:
    return [directory.display_name(org_id) for org_id in org_ids]
