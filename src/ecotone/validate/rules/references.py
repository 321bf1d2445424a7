"""Rules on references between entries: organizations, circles, spaces and playbooks
exist; plugged-in playbooks fit; participation is mutual."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any, NamedTuple

from ecotone.load.federation import split_qualified
from ecotone.load.positions import Source
from ecotone.model import (
    PLACEHOLDER,
    Directory,
    Organization,
    Participant,
    Playbook,
    PlaybookSlot,
    Space,
    Standing,
)
from ecotone.problems import Family, FieldPath, Reach, Severity, dotted
from ecotone.validate.rules.registry import Finding, check
from ecotone.validate.rules.suggest import Choices, did_you_mean


def _slot_field(kind: str) -> str:
    """The field of a space's social contract that holds a playbook of `kind`."""
    return kind.replace("-", "_")


def _missing_hint(directory: Directory, reference: str, otherwise: str) -> str:
    """What to do about a reference to nothing: for a qualified one, whether its
    directory is named in ecotone.yml and has a snapshot; otherwise `otherwise`."""
    qualified = split_qualified(reference)
    if qualified is None:
        return otherwise
    network, local = qualified
    partner = next((p for p in directory.federated.partners if p.name == network), None)
    if partner is None:
        named = ", ".join(p.name for p in directory.federated.partners) or "none"
        return f"No directory is named '{network}' under `federation:` in ecotone.yml (named: {named})."
    if network not in directory.federated.networks:
        return f"{network} has no snapshot yet: run `ecotone federate` and commit {partner.snapshot_file}."
    return (
        f"{network}'s snapshot ({partner.snapshot_file}) has no '{local}': check the identifier "
        f"on {partner.site}, or run `ecotone federate` if it was added lately."
    )


@check(
    "E401",
    "Organizations exist",
    "There is no organization '{org}' in the directory.",
    "{host} must act: in this file, correct or remove `{where}`. {suggestion}",
    severity=Severity.WARNING,
    family=Family.REFERENCES,
    since="0.1.0",
)
def organizations_exist(directory: Directory, today: date) -> Iterator[Finding]:
    """Participants and partner contributions name organizations that have a folder
    under `partners/`. The organization named is always another than the host, and
    its folder is its own: it may leave, or be renamed, in a change the host has no
    part in. So this is a warning, never an error: it fails the change that writes
    the name (a strict check fails on warnings), but not the change of the
    organization that left, nor the build; the site shows the name as plain text,
    never as a member or a link."""
    org_ids = Choices(org.id for org in directory.organizations)
    for space in directory.checked_spaces:
        named = [
            (("participants", i, "organization"), p.organization)
            for i, p in enumerate(space.participants)
        ]
        named += [
            (("budget", i, "organization"), c.organization)
            for i, c in enumerate(space.budget)
            if c.organization
        ]
        for field, org_id in named:
            if not directory.exists(org_id):
                suggestion = _missing_hint(
                    directory,
                    org_id,
                    did_you_mean(org_id, org_ids, "Check the folder name under partners/."),
                )
                values = {"org": org_id, "suggestion": suggestion}
                values |= {"host": space.host, "where": dotted(field)}
                yield Finding(space.source, field, values)


class _CircleReference(NamedTuple):
    """A file's reference to a circle: where, whose file it is, and the organization
    and circle named. (A tuple: the rules below walk hundreds of thousands.)"""

    source: Source
    field: FieldPath
    referrer: str
    org: Organization
    circle_id: str


def _circle_references(directory: Directory, *, across: bool) -> Iterator[_CircleReference]:
    """The circle references, in the files' order: with `across`, those to another
    organization's circles, which it can rename or dissolve in its own folder (a
    participant's, named in the host's file); else those to the file's own."""
    for space in directory.checked_spaces:
        host = directory.organization(space.host)
        if host and not across:
            yield _CircleReference(space.source, ("host_circle",), host.id, host, space.host_circle)
        for i, participant in enumerate(space.participants):
            if not participant.circle or (participant.organization != space.host) is not across:
                continue
            org = directory.organization(participant.organization)
            if org:
                field = ("participants", i, "circle")
                yield _CircleReference(space.source, field, space.host, org, participant.circle)
    if across:
        return
    for org in directory.checked_organizations:
        for i, participation in enumerate(org.participations):
            if participation.circle:
                field = ("participations", i, "circle")
                yield _CircleReference(org.source, field, org.id, org, participation.circle)


def _missing_circles(directory: Directory, *, across: bool) -> Iterator[Finding]:
    """The references to circles that do not exist: to another organization's with
    `across`, else to the file's own organization's."""
    for ref in _circle_references(directory, across=across):
        if ref.org.circle(ref.circle_id) is None:
            circles = ", ".join(sorted(ref.org.circles_by_id))
            suggestion = did_you_mean(
                ref.circle_id,
                ref.org.circles_by_id,
                f"Name one of the circles of {ref.org.id} ({ref.org.source.file}): {circles}.",
            )
            values = {"org": ref.org.id, "circle": ref.circle_id, "suggestion": suggestion}
            values |= {"referrer": ref.referrer, "where": dotted(ref.field), "circles": circles}
            yield Finding(ref.source, ref.field, values)


@check(
    "E402",
    "Circles exist",
    "{org} has no circle '{circle}'.",
    "{suggestion}",
    severity=Severity.ERROR,
    family=Family.REFERENCES,
    since="0.1.0",
)
def circles_exist(directory: Directory, today: date) -> Iterator[Finding]:
    """A hosting circle and an acknowledged home circle are circles of the
    organization whose file names them. (A circle of another organization is
    W418's.)"""
    yield from _missing_circles(directory, across=False)


@check(
    "W418",
    "Circles of other organizations exist",
    "{org} has no circle '{circle}' (any more).",
    "{referrer} must act: in this file, set `{where}` to one of the circles of {org} "
    "({circles}), the one it names for this space, or remove `circle:` to list {org} as a "
    "free agent. {org} changed its own folder, and only {referrer} can edit this file.",
    severity=Severity.WARNING,
    family=Family.REFERENCES,
    since="0.1.0",
)
def others_circles_exist(directory: Directory, today: date) -> Iterator[Finding]:
    """A participant's home circle, named in the host's file, is a circle of the
    participant. The participant can rename or remove its circles in its own folder,
    reviewed by its own maintainers; the host's file then names a circle that is no
    more. That is the host's to mend, and not a reason to fail the participant's
    change, nor the build: so this is a warning, which still fails the change that
    writes such a name. The site shows the listing as an invitation, without a link
    to the circle or an escalation path through it."""
    yield from _missing_circles(directory, across=True)


def _dissolved_circles(directory: Directory, *, across: bool) -> Iterator[Finding]:
    """The references to dissolved circles: to another organization's with `across`,
    else to the file's own organization's."""
    for ref in _circle_references(directory, across=across):
        circle = ref.org.circle(ref.circle_id)
        if circle is not None and circle.dissolved:
            successors = ", ".join(f"'{s}'" for s in circle.successors) or "no successor yet"
            values = {"org": ref.org.id, "circle": ref.circle_id, "successors": successors}
            values |= {"referrer": ref.referrer, "where": dotted(ref.field)}
            yield Finding(ref.source, ref.field, values)


@check(
    "E403",
    "Circles referred to are active",
    "Circle '{circle}' of {org} is dissolved; what it held moved to {successors}.",
    "Name one of its successors instead: {successors}.",
    severity=Severity.ERROR,
    family=Family.REFERENCES,
    since="0.1.0",
)
def referenced_circles_are_active(directory: Directory, today: date) -> Iterator[Finding]:
    """A dissolved circle holds nothing: a space it hosted, or a seat it held in
    another space, moves to one of its successors. (A dissolved circle of another
    organization, named in a space's participants, is W419's.)"""
    yield from _dissolved_circles(directory, across=False)


@check(
    "W419",
    "Circles of other organizations referred to are active",
    "Circle '{circle}' of {org} is dissolved; what it held moved to {successors}.",
    "{referrer} must act: in this file, set `{where}` to one of the successors ({successors}), "
    "the one {org} names for this space. {org} dissolved the circle in its own folder, and "
    "only {referrer} can edit this file.",
    severity=Severity.WARNING,
    family=Family.REFERENCES,
    since="0.1.0",
)
def others_circles_are_active(directory: Directory, today: date) -> Iterator[Finding]:
    """A participant's seat moves with its circle: when the participant dissolves the
    circle named in the host's file, the host names one of the successors. The
    dissolution is the participant's own change, reviewed by its own maintainers,
    so the stale name is a warning for the host, never a reason to fail that change
    or the build."""
    yield from _dissolved_circles(directory, across=True)


def _owner(entry_id: str) -> str:
    """The organization whose folder holds a space or playbook, `<organization>/<slug>`
    (for a federated one, `<network>:<organization>`, never an organization here)."""
    return entry_id.partition("/")[0]


def _missing_spaces(directory: Directory, *, across: bool) -> Iterator[Finding]:
    """The acknowledgments of spaces that do not exist: of another organization's
    with `across`, else of the organization's own."""
    ids = Choices(space.id for space in directory.spaces)
    for org in directory.checked_organizations:
        for i, participation in enumerate(org.participations):
            space_id = participation.space
            if (_owner(space_id) != org.id) is not across or _awaits_snapshot(directory, space_id):
                continue
            if not directory.exists(space_id):
                suggestion = _missing_hint(
                    directory,
                    space_id,
                    did_you_mean(space_id, ids, "Spaces are named `<host>/<file name>`."),
                )
                values = {"space": space_id, "suggestion": suggestion, "org": org.id}
                values["host"] = _owner(space_id)
                yield Finding(org.source, ("participations", i, "space"), values)


@check(
    "E404",
    "Spaces exist",
    "There is no space '{space}' in the directory.",
    "{suggestion}",
    severity=Severity.ERROR,
    family=Family.REFERENCES,
    since="0.1.0",
)
def spaces_exist(directory: Directory, today: date) -> Iterator[Finding]:
    """An acknowledged participation names a space that exists, as
    `<host organization>/<space>`. (A space of another organization, which it can
    remove or rename, is W420's.)"""
    yield from _missing_spaces(directory, across=False)


@check(
    "W420",
    "Spaces of other organizations acknowledged exist",
    "There is no space '{space}' in the directory (any more).",
    "{org} must act: in this file, remove the acknowledgment `- space: {space}` under "
    "`participations:`, or correct its name. {suggestion}",
    severity=Severity.WARNING,
    family=Family.REFERENCES,
    since="0.1.0",
)
def others_spaces_exist(directory: Directory, today: date) -> Iterator[Finding]:
    """An acknowledged participation in another organization's space names a space
    that exists, as `<host organization>/<space>`, or `<network>:<host>/<space>` for
    a space of a federated directory: one named in ecotone.yml, and in its snapshot
    once fetched. The host can remove or rename its space in its own folder, and an
    acknowledgment of nothing confirms nothing; so this is a warning for the
    organization that acknowledges it, never a reason to fail the host's change or
    the build."""
    yield from _missing_spaces(directory, across=True)


def _awaits_snapshot(directory: Directory, space_id: str) -> bool:
    """An acknowledgment of a space of a named federated directory that has no
    snapshot here yet: the organization's own word, which confirms nothing until
    that directory's host lists it, so it need not wait for a fetch."""
    qualified = split_qualified(space_id)
    return (
        qualified is not None
        and any(p.name == qualified[0] for p in directory.federated.partners)
        and qualified[0] not in directory.federated.networks
    )


def _missing_playbooks(directory: Directory, *, across: bool) -> Iterator[Finding]:
    """The references to playbooks that do not exist: to another organization's with
    `across`, else to the file's own organization's."""
    ids = [playbook.id for playbook in directory.playbooks]
    choices = Choices(ids)
    references: list[tuple[Source, FieldPath, str, str]] = [
        (pb.source, ("forked_from",), pb.publisher, pb.forked_from)
        for pb in directory.checked_playbooks
        if pb.forked_from
    ]
    for space in directory.checked_spaces:
        for kind, slot in space.social_contract.slots if space.social_contract else ():
            field = ("social_contract", _slot_field(kind), "playbook")
            references.append((space.source, field, space.host, slot.playbook))
    for source, field, referrer, playbook_id in references:
        if (_owner(playbook_id) != referrer) is not across or directory.exists(playbook_id):
            continue
        suggestion = _missing_hint(
            directory,
            playbook_id,
            did_you_mean(playbook_id, choices, f"Playbooks: {', '.join(ids) or 'none yet'}."),
        )
        values = {"playbook": playbook_id, "suggestion": suggestion, "referrer": referrer}
        values["where"] = dotted(field)
        yield Finding(source, field, values)


@check(
    "E405",
    "Playbooks exist",
    "There is no playbook '{playbook}' in the directory.",
    "{suggestion}",
    severity=Severity.ERROR,
    family=Family.REFERENCES,
    since="0.1.0",
)
def playbooks_exist(directory: Directory, today: date) -> Iterator[Finding]:
    """Plugged-in playbooks and the playbook a fork comes from exist, as
    `<organization>/<playbook>`. (A playbook of another organization is W421's.)"""
    yield from _missing_playbooks(directory, across=False)


@check(
    "W421",
    "Playbooks of other organizations exist",
    "There is no playbook '{playbook}' in the directory (any more).",
    "{referrer} must act: in this file, set `{where}` to a playbook that exists, or remove "
    "it. {suggestion}",
    severity=Severity.WARNING,
    family=Family.REFERENCES,
    since="0.1.0",
)
def others_playbooks_exist(directory: Directory, today: date) -> Iterator[Finding]:
    """A playbook another organization publishes, plugged into a space or forked,
    exists, as `<organization>/<playbook>` (or `<network>:<organization>/<playbook>`
    for one of a federated directory). Its publisher can remove or rename it in its
    own folder; the space's host or the fork's publisher then mends its reference.
    So this is a warning, never a reason to fail the publisher's change or the
    build; the site shows the slot's playbook as missing."""
    yield from _missing_playbooks(directory, across=True)


@check(
    "E406",
    "Playbooks fit their slot",
    "'{playbook}' is a {kind} playbook; it cannot fill the {slot} slot.",
    "Plug in a playbook with `kind: {slot}` here.",
    severity=Severity.ERROR,
    family=Family.REFERENCES,
    since="0.1.0",
)
def playbook_kind_fits(directory: Directory, today: date) -> Iterator[Finding]:
    """The conflict-resolution slot takes a conflict-resolution playbook, the
    accountability slot an accountability playbook."""
    for space, kind, _slot, playbook in _plugged(directory):
        if playbook.kind != kind:
            yield Finding(
                space.source,
                ("social_contract", _slot_field(kind), "playbook"),
                {"playbook": playbook.id, "kind": playbook.kind, "slot": kind},
            )


def _plugged(directory: Directory) -> Iterator[tuple[Space, str, PlaybookSlot, Playbook]]:
    """Every plugged-in playbook that exists: (space, slot kind, slot, playbook)."""
    for space in directory.checked_spaces:
        for kind, slot in space.social_contract.slots if space.social_contract else ():
            playbook = directory.playbook(slot.playbook)
            if playbook is not None:
                yield space, kind, slot, playbook


@check(
    "E407",
    "Playbook parameters are bound",
    "The playbook '{playbook}' needs a value for '{name}' ({title}).",
    "Add `{name}:` under `parameters:`.",
    severity=Severity.ERROR,
    family=Family.REFERENCES,
    since="0.1.0",
)
def parameters_bound(directory: Directory, today: date) -> Iterator[Finding]:
    """A space that plugs in a playbook fills in every blank the playbook declares,
    so that its procedure can be read in full."""
    for space, kind, slot, playbook in _plugged(directory):
        for parameter in playbook.parameters:
            if parameter.name not in slot.parameters:
                yield Finding(
                    space.source,
                    ("social_contract", _slot_field(kind), "parameters"),
                    {"playbook": playbook.id, "name": parameter.name, "title": parameter.title},
                )


@check(
    "E408",
    "Playbook parameters are known",
    "The playbook '{playbook}' has no parameter '{name}'.",
    "{suggestion}",
    severity=Severity.ERROR,
    family=Family.REFERENCES,
    since="0.1.0",
)
def parameters_known(directory: Directory, today: date) -> Iterator[Finding]:
    """Every value given under `parameters:` fills a blank the playbook declares;
    a misspelt name would otherwise leave the blank empty."""
    for space, kind, slot, playbook in _plugged(directory):
        declared = [p.name for p in playbook.parameters]
        for name in slot.parameters:
            if name not in declared:
                suggestion = did_you_mean(
                    name, declared, f"Its parameters: {', '.join(declared) or 'none'}."
                )
                field = ("social_contract", _slot_field(kind), "parameters", name)
                yield Finding(
                    space.source,
                    field,
                    {"playbook": playbook.id, "name": name, "suggestion": suggestion},
                )


@check(
    "E409",
    "Number parameters get numbers",
    "The parameter '{name}' of '{playbook}' is a number; found '{value}'.",
    "Write a number without units, such as `{name}: 14`.",
    severity=Severity.ERROR,
    family=Family.REFERENCES,
    since="0.1.0",
)
def number_parameters_are_numbers(directory: Directory, today: date) -> Iterator[Finding]:
    """A parameter declared as a number, such as a count of days, gets a number."""
    for space, kind, slot, playbook in _plugged(directory):
        for parameter in playbook.parameters:
            value = slot.parameters.get(parameter.name)
            if parameter.type == "number" and isinstance(value, str):
                field = ("social_contract", _slot_field(kind), "parameters", parameter.name)
                yield Finding(
                    space.source,
                    field,
                    {"name": parameter.name, "playbook": playbook.id, "value": value},
                )


@check(
    "E410",
    "Steps use declared parameters",
    "Step {step} writes '{{{name}}}', but the playbook declares no parameter '{name}'.",
    "Declare `{name}` under `parameters:`, or correct the name.",
    severity=Severity.ERROR,
    family=Family.REFERENCES,
    since="0.1.0",
)
def placeholders_declared(directory: Directory, today: date) -> Iterator[Finding]:
    """A blank written `{name}` in a step's text is one of the playbook's declared
    parameters."""
    for playbook in directory.checked_playbooks:
        declared = {p.name for p in playbook.parameters}
        for i, step in enumerate(playbook.steps):
            for name in PLACEHOLDER.findall(step.description):
                if name not in declared:
                    yield Finding(
                        playbook.source, ("steps", i, "description"), {"step": i + 1, "name": name}
                    )


def _unlisted_acknowledgments(directory: Directory, *, across: bool) -> Iterator[Finding]:
    """The acknowledgments of spaces whose hosts do not list the organization with
    that circle: of another organization's spaces with `across`, else of its own."""
    acknowledgments = [
        (org, i, space)
        for org in directory.checked_organizations
        for i, participation in enumerate(org.participations)
        if (space := directory.space(participation.space)) is not None
        and (space.host != org.id) is across
    ]
    # Each space's listings of each organization, found once: scanning a space's
    # participants for every acknowledgment would cost their product.
    listings: dict[tuple[str, str], list[Participant]] = defaultdict(list)
    for space in {space.id: space for _, _, space in acknowledgments}.values():
        for p in space.participants:
            listings[(space.id, p.organization)].append(p)
    for org, i, space in acknowledgments:
        listed = listings.get((space.id, org.id), [])
        if not any(p.circle == org.participations[i].circle for p in listed):
            yield _unlisted(org, i, space, listed)


@check(
    "E411",
    "Acknowledged participations are listed by the host",
    "{org} acknowledges '{space}'{circle_text}, but {listing}.",
    "{fix}",
    severity=Severity.ERROR,
    family=Family.REFERENCES,
    since="0.1.0",
)
def acknowledgments_listed(directory: Directory, today: date) -> Iterator[Finding]:
    """Participation is mutual: the host lists the participant, and the participant
    acknowledges it. An organization cannot take part in a space it hosts, so its
    acknowledgment of one of its own spaces is always unlisted. (An acknowledgment
    of another organization's space is W422's.)"""
    yield from _unlisted_acknowledgments(directory, across=False)


@check(
    "W422",
    "Acknowledged participations in other organizations' spaces are listed by the host",
    "{org} acknowledges '{space}'{circle_text}, but {listing}.",
    "{org} must act: {fix}",
    severity=Severity.WARNING,
    family=Family.REFERENCES,
    since="0.1.0",
)
def others_acknowledgments_listed(directory: Directory, today: date) -> Iterator[Finding]:
    """Participation is mutual: the host lists the participant, and the participant
    acknowledges it. An acknowledgment the host does not list would put an
    organization into a space without the host's consent, so the site never shows it
    as membership. The host can end a listing, or change its circle, in its own
    folder; the acknowledgment it leaves behind is then for the participant to mend
    or remove, and no reason to fail the host's change or the build: a warning,
    which still fails the change that writes such an acknowledgment."""
    yield from _unlisted_acknowledgments(directory, across=True)


def _unlisted(org: Organization, index: int, space: Space, listed: list) -> Finding:
    """E411's finding: where the host lists the organization with another circle, what
    the host's file says, and the edit on either side."""
    circle = org.participations[index].circle
    circle_text = f" with circle '{circle}'" if circle else " as a free agent"
    values = {"org": org.id, "space": space.id, "circle_text": circle_text}
    if space.host == org.id:
        values["listing"] = f"{org.id} hosts it, and takes part through its hosting circle"
        values["fix"] = "Remove this acknowledgment."
        return Finding(org.source, ("participations", index), values)
    if not listed:
        values["listing"] = f"the host does not list {org.id} under `participants:`"
        values["fix"] = (
            f"Remove this acknowledgment, or ask the host to add {org.id} under "
            f"`participants:` in {space.source.file}."
        )
        return Finding(org.source, ("participations", index), values)
    j = space.participants.index(listed[0])
    line, _ = space.source.locate(("participants", j))
    theirs = listed[0].circle
    values["listing"] = (
        f"the host lists {org.id} "
        + (f"with circle '{theirs}'" if theirs else "as a free agent")
        + f" ({space.source.file}, line {line})"
    )
    if theirs:
        values["fix"] = (
            f"Write `circle: {theirs}` here, as the host does; or, if '{circle}' is right, "
            f"ask the host to change the circle in {space.source.file}."
            if circle
            else f"Add `circle: {theirs}` under `- space: {space.id}`, as the host lists it."
        )
    else:
        values["fix"] = (
            f"Remove `circle: {circle}` here, as the host lists {org.id} as a free agent; or "
            f"ask the host to add `circle: {circle}` in {space.source.file}."
        )
    field = ("participations", index, "circle") if circle else ("participations", index)
    return Finding(org.source, field, values)


@check(
    "N412",
    "Invitations",
    "{org} is invited to this space but has not acknowledged it yet.",
    "It is shown as an invitation until {org} adds `- space: {space}` under `participations:` "
    "in its organization.yml{circle_text}.",
    severity=Severity.NOTICE,
    family=Family.REFERENCES,
    since="0.1.0",
)
def invitations_pending(directory: Directory, today: date) -> Iterator[Finding]:
    """A host can list any organization, but nobody can put another organization
    into a space: until the participant acknowledges the space in its own file,
    the listing is an invitation, and the site shows it as one."""
    for space in directory.checked_spaces:
        for i, participant in enumerate(space.participants):
            known = directory.organization(participant.organization)
            if participant.organization == space.host:
                continue  # not an invitation but a mistake, reported by E413
            if known and directory.standing(space, participant) is Standing.INVITED:
                circle_text = f" with `circle: {participant.circle}`" if participant.circle else ""
                yield Finding(
                    space.source,
                    ("participants", i),
                    {
                        "org": participant.organization,
                        "space": _as_named_by(directory, participant.organization, space.id),
                        "circle_text": circle_text,
                    },
                )


def _as_named_by(directory: Directory, org_id: str, space_id: str) -> str:
    """How the participant's own file names the space: a federated organization's
    directory prefixes it with its own name for this directory."""
    qualified = split_qualified(org_id)
    if qualified is None:
        return space_id
    network = directory.federated.networks.get(qualified[0])
    names = sorted(network.names_for(directory.federated.own_site)) if network else []
    return f"{names[0] if names else '<its name for this directory>'}:{space_id}"


@check(
    "E413",
    "Hosts are not their own participants",
    "{org} hosts this space, so it cannot also be listed as a participant.",
    "Remove this entry; the host takes part through its hosting circle.",
    severity=Severity.ERROR,
    family=Family.REFERENCES,
    since="0.1.0",
)
def host_not_participant(directory: Directory, today: date) -> Iterator[Finding]:
    """The host organization takes part through its hosting circle, the space's
    connection point; participants are the other organizations."""
    for space in directory.checked_spaces:
        for i, participant in enumerate(space.participants):
            if participant.organization == space.host:
                yield Finding(
                    space.source, ("participants", i, "organization"), {"org": space.host}
                )


def _former_claims(directory: Directory) -> Iterator[tuple[str, Any, int, str, str]]:
    """Every former identifier: (kind, entry, index, the former id, the address it
    names), by kind, in the entries' order."""
    kinds = (
        ("organization", directory.organizations, lambda entry, former: former),
        ("space", directory.spaces, lambda entry, former: f"{entry.host}/{former}"),
        ("playbook", directory.playbooks, lambda entry, former: f"{entry.publisher}/{former}"),
    )
    for kind, entries, address in kinds:
        for entry in entries:
            for i, former in enumerate(entry.former_ids):
                yield kind, entry, i, former, address(entry, former)


def _live_ids(directory: Directory) -> frozenset[str]:
    entries = (*directory.organizations, *directory.spaces, *directory.playbooks)
    return frozenset(entry.id for entry in entries)


@check(
    "E414",
    "Former identifiers are free",
    "The former identifier '{former}' is {holder}, so its old address cannot lead here.",
    "Remove it from `former_ids`; an address can redirect to one entry only.",
    severity=Severity.ERROR,
    family=Family.REFERENCES,
    since="0.1.0",
    reach=Reach.DIRECTORY,
)
def former_ids_are_free(directory: Directory, today: date) -> Iterator[Finding]:
    """A former identifier makes the site redirect an entry's old address to its new
    page. It cannot be the entry's own identifier, nor the former identifier of
    another space or playbook of the same host or publisher: the old address would
    lead to two places, both in one folder. Between organizations, whose claims one
    organization could make to stop another's pull requests, a disputed claim is
    N417's notice, never an error; the identifier of a live entry is N416's."""
    live = _live_ids(directory)
    claimed: dict[str, str] = {}
    for kind, entry, i, former, key in _former_claims(directory):
        if key == entry.id:
            holder = f"the identifier of this {kind} itself"
        elif key in live or kind == "organization":
            continue  # the live entry wins (N416); organizations' claims are N417's
        elif key in claimed:
            holder = f"also a former identifier of '{claimed[key]}'"
        else:
            claimed[key] = entry.id
            continue
        yield Finding(entry.source, ("former_ids", i), {"former": former, "holder": holder})


@check(
    "N416",
    "A live identifier is nobody's former one",
    "'{former}' is the identifier of the {kind} '{key}', which is in the directory; its "
    "address leads there, not here.",
    "Remove it from `former_ids`: a former identifier redirects only while no entry holds it.",
    severity=Severity.NOTICE,
    family=Family.REFERENCES,
    since="0.1.0",
    reach=Reach.DIRECTORY,
)
def live_ids_win(directory: Directory, today: date) -> Iterator[Finding]:
    """An entry can list any identifier as a former one, but an identifier that a
    live entry holds always leads to that entry: claiming it redirects nothing, and,
    being a notice, cannot stop the live entry's own pull requests (an organization
    could otherwise squat the identifier of one yet to join)."""
    live = _live_ids(directory)
    for kind, entry, i, former, key in _former_claims(directory):
        if key != entry.id and key in live:
            yield Finding(
                entry.source, ("former_ids", i), {"former": former, "kind": kind, "key": key}
            )


@check(
    "N417",
    "An organization's former identifier is proven by a rename",
    "'{former}' leads nowhere: {reason}.",
    "Remove it from `former_ids`, unless this folder was renamed from partners/{former}/: "
    "rename the folder in one pull request (`git mv`), and the history proves it.",
    severity=Severity.NOTICE,
    family=Family.REFERENCES,
    since="0.1.0",
    reach=Reach.DIRECTORY,
)
def former_ids_proven(directory: Directory, today: date) -> Iterator[Finding]:
    """An organization's former identifier redirects its old addresses (its page, its
    spaces' and playbooks') only when it was the organization's own: when the
    branch's first-parent history shows its folder renamed from partners/<former>/
    in one commit. Without a history (a shallow clone, an export), a claim nobody
    else makes is taken on trust and a disputed one leads nowhere. So nobody can
    take the address of an organization that has left or has yet to join, and no
    claim ever fails another organization's pull request: this is a notice."""
    for org in directory.organizations:
        for i, former in enumerate(org.former_ids):
            if former == org.id or directory.exists(former):
                continue  # E414's, N416's, or an entry's that does not validate
            if not directory.former_id_holds(org, former):
                yield Finding(
                    org.source,
                    ("former_ids", i),
                    {"former": former, "reason": _unproven(directory, org.id, former)},
                )


def _unproven(directory: Directory, org_id: str, former: str) -> str:
    if directory.renames is not None:
        return (
            f"the directory's history shows no rename of partners/{former}/ to "
            f"partners/{org_id}/, so it was never {org_id}'s"
        )
    others = [other for other in directory.former_claimants(former) if other != org_id]
    return (
        f"{' and '.join(others)} also {'claims' if len(others) == 1 else 'claim'} it, and "
        "without the directory's history nothing tells whose it was"
    )


@check(
    "E415",
    "The host records only its own consent",
    "This is {host}'s file, so it cannot record the consent of {by}.",
    "Remove this record. {by} gives its consent itself: one of its maintainers approves the "
    "pull request, or {by} records it in its own file, partners/{by}/organization.yml, under "
    "its participation in {space}: `consents: [{{member: {member}{circle_text}, date: {date}}}]`.",
    severity=Severity.ERROR,
    family=Family.REFERENCES,
    since="0.1.0",
)
def host_records_only_its_own_consent(directory: Directory, today: date) -> Iterator[Finding]:
    """Membership of a collaboration is by consent of all current members, and each
    gives it sovereignly: by a review of one of its own maintainers, or by a record
    in its own file. The host's file, which the host alone maintains, can carry the
    host's consent only; a record there in another member's name would be the host
    speaking for it."""
    for space in directory.checked_spaces:
        for i, participant in enumerate(space.participants):
            for j, consent in enumerate(participant.consents):
                if consent.by != space.host:
                    circle_text = f", circle: {participant.circle}" if participant.circle else ""
                    yield Finding(
                        space.source,
                        ("participants", i, "consents", j, "by"),
                        {
                            "host": space.host,
                            "by": consent.by,
                            "space": space.id,
                            "member": participant.organization,
                            "circle_text": circle_text,
                            "date": consent.date.isoformat(),
                        },
                    )
