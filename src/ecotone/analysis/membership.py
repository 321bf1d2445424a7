"""Membership: since when each member of a collaboration is one, and whether its
joining has the consent of the members of that time on record.

From the first-parent history of the checked-out branch (main, where the site is
deployed): one `git log` lists every version of the entry files, one
`git cat-file --batch` gives their bytes, and the versions are replayed in order.
A seat's date is the day of the commit from which it has been confirmed without
a break; the members of its time are the host and the participants confirmed
when it was first listed. A seat listed in the space's first version is a
founder's, which needs nobody's consent, and dates from the space's start if the
history begins later. The host's own record of its consent, next to the
participant, can date a seat earlier than the history does.

Consent on record comes from today's data: the host's records next to the
participant, and each other member's under its participation in the space.
Consent given by approving a pull request is on GitHub, not in the files, so a
member that consented only that way shows as without a record. Without a full
git history nothing is known of the time, and only the records are shown.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ecotone.analysis.consent import Seat, records
from ecotone.analysis.git import kept_log, reached_branch
from ecotone.load.git import git_bytes
from ecotone.load.positions import Source
from ecotone.load.safe_yaml import LoadError, parse
from ecotone.model import Directory, Participant, Space, Standing
from ecotone.validate.cache import remember, remembered

_SPACE = re.compile(r"^partners/([^/]+)/spaces/([^/]+)\.yml$")
_ORGANIZATION = re.compile(r"^partners/([^/]+)/organization\.yml$")
_COMMIT = "\x01"
_NO_BLOB = "0" * 40
_VERSIONS = "versions"  # what `kept_seat_history` keeps beside the cache


@dataclass(frozen=True)
class SeatHistory:
    """What the history says of one seat: since when it is confirmed, whether a
    founder holds it, and who the members were when it was first listed."""

    since: date
    founding: bool
    members_then: frozenset[str]


@dataclass(frozen=True)
class Joining:
    """A member's joining as its space's page tells it."""

    since: date | None
    founding: bool
    consented: tuple[tuple[str, date], ...]
    missing: tuple[str, ...] = ()


# -- the history --------------------------------------------------------------

Places = set[tuple[str, str | None]]


@dataclass
class _State:
    """The participations at one commit of the replay: each space's listings and
    each organization's acknowledgments, as (organization or space, circle), and
    each space's listings in its first version."""

    listed: dict[str, Places] = field(default_factory=dict)
    acknowledged: dict[str, Places] = field(default_factory=dict)
    founders: dict[str, Places] = field(default_factory=dict)

    def is_listed(self, seat: Seat) -> bool:
        return (seat.organization, seat.circle) in self.listed.get(seat.space, set())

    def is_confirmed(self, seat: Seat) -> bool:
        acknowledged = self.acknowledged.get(seat.organization, set())
        return self.is_listed(seat) and (seat.space, seat.circle) in acknowledged

    def members(self, space_id: str) -> frozenset[str]:
        seats = (Seat(space_id, org, circle) for org, circle in self.listed.get(space_id, ()))
        confirmed = {seat.organization for seat in seats if self.is_confirmed(seat)}
        return frozenset({space_id.partition("/")[0], *confirmed})


def kept_seat_history(
    root: Path, today: date, directory: Directory | None = None
) -> Mapping[Seat, SeatHistory]:
    """`seat_history`, with the versions that earlier builds read kept beside the
    validation cache (see `ecotone.validate.cache.remember`)."""
    versions = Versions.from_plain(remembered(root, _VERSIONS))
    found = seat_history(root, today, directory, versions)
    if versions.added:
        remember(root, _VERSIONS, versions.to_plain())
    return found


def seat_history(
    root: Path,
    today: date,
    directory: Directory | None = None,
    versions: Versions | None = None,
) -> Mapping[Seat, SeatHistory]:
    """Every seat confirmed at the end of the history; empty without a full git
    history. Commits are dated as `analysis.git.reached_branch` says. The versions
    that `directory` (validated from the same checkout) holds today are taken from
    it rather than parsed again, and those in `versions` from there; the others
    read are added to it."""
    commits = _commits(root, today)
    known = _todays_updates(directory) if directory else {}
    earlier = versions if versions is not None else Versions()
    unread = {
        (path, sha)
        for _, changes in commits
        for path, sha in changes
        if sha
        and (_SPACE.match(path) or _ORGANIZATION.match(path))
        and (path, sha) not in known
        and earlier.get(path, sha) is None
    }
    shas = sorted({sha for _, sha in unread})
    texts = dict(zip(shas, _blob_texts(root, shas), strict=True))
    for path, sha in unread:
        update = _read(path, texts.get(sha))
        if update is not None:
            earlier.add(path, sha, update)
    state = _State()
    listed_then: dict[Seat, tuple[frozenset[str], bool]] = {}
    found: dict[Seat, SeatHistory] = {}
    for day, changes in commits:
        updates = [
            (known.get((path, sha)) or earlier.get(path, sha)) if sha else _read(path, None)
            for path, sha in changes
        ]
        touched = {seat for update in updates if update for seat in _touched(state, update)}
        before = {space_id: state.members(space_id) for space_id in {s.space for s in touched}}
        for update in updates:
            if update:
                _apply(state, update)
        for seat in touched:
            if not state.is_listed(seat):
                listed_then.pop(seat, None)
            elif seat not in listed_then:
                founding = (seat.organization, seat.circle) in state.founders[seat.space]
                listed_then[seat] = (before[seat.space] - {seat.organization}, founding)
            if not state.is_confirmed(seat):
                found.pop(seat, None)
            elif seat not in found:
                members, founding = listed_then[seat]
                found[seat] = SeatHistory(day, founding, members)
    return found


@dataclass(frozen=True)
class _Update:
    """One file's new participations: a space's listings (`space` set) or an
    organization's acknowledgments (`organization` set); empty when deleted."""

    places: Places
    space: str | None = None
    organization: str | None = None


class Versions:
    """The participations in versions of the entry files, by path and git blob name: a
    version reads the same at every commit that holds it, so a build reads and parses
    only the versions no build before it read (at 3,001 commits, 1.3 s of each build
    was reading the history, most of it parsing the same versions again)."""

    def __init__(self, known: dict[tuple[str, str], _Update] | None = None) -> None:
        self._known = known or {}
        self.added = False

    def get(self, path: str, sha: str) -> _Update | None:
        return self._known.get((path, sha))

    def add(self, path: str, sha: str, update: _Update) -> None:
        self._known[path, sha] = update
        self.added = True

    def to_plain(self) -> dict[str, tuple[list[list[str | None]], str | None, str | None]]:
        return {
            f"{path}\0{sha}": (
                [list(place) for place in sorted(u.places, key=str)],
                u.space,
                u.organization,
            )
            for (path, sha), u in self._known.items()
        }

    @classmethod
    def from_plain(cls, plain: object) -> Versions:
        """The versions `to_plain` gave; none for anything else."""
        try:
            known = {}
            for key, (places, space, organization) in plain.items():  # type: ignore[union-attr]
                path, sha = key.split("\0")
                known[path, sha] = _Update({(a, b) for a, b in places}, space, organization)
        except (TypeError, ValueError, AttributeError):
            return cls()
        return cls(known)


def _todays_updates(directory: Directory) -> dict[tuple[str, str], _Update]:
    """Each entry file's participations as the directory holds them, by its path and
    the git blob name of its text: a version of history with both is that file."""
    updates = {
        (space.source.file, _blob_name(space.source.text)): _Update(
            {(p.organization, p.circle) for p in space.participants}, space=space.id
        )
        for space in directory.spaces
    }
    updates.update(
        (
            (org.source.file, _blob_name(org.source.text)),
            _Update({(p.space, p.circle) for p in org.participations}, organization=org.id),
        )
        for org in directory.organizations
    )
    return updates


def _blob_name(text: str) -> str:
    raw = text.encode("utf-8")
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).hexdigest()


def _read(path: str, text: str | None) -> _Update | None:
    space, organization = _SPACE.match(path), _ORGANIZATION.match(path)
    if not (space or organization):
        return None
    data = _data(path, text)
    if space:
        items = data.get("participants")
        places = _places(items, "organization")
        return _Update(places, space=f"{space.group(1)}/{space.group(2)}")
    return _Update(_places(data.get("participations"), "space"), organization=organization.group(1))


def _data(path: str, text: str | None) -> dict:
    """A historical version's data, or nothing where it could not be read: an old
    mistake dates nothing."""
    if text is None:
        return {}
    try:
        data = parse(Source(path, text))
    except LoadError:
        return {}
    return data if isinstance(data, dict) else {}


def _places(items: object, key: str) -> Places:
    return {
        (item[key], item.get("circle") if isinstance(item.get("circle"), str) else None)
        for item in (items if isinstance(items, list) else ())
        if isinstance(item, dict) and isinstance(item.get(key), str)
    }


def _touched(state: _State, update: _Update) -> set[Seat]:
    if update.space is not None:
        old = state.listed.get(update.space, set())
        return {Seat(update.space, o, c) for o, c in old | update.places}
    assert update.organization is not None
    old = state.acknowledged.get(update.organization, set())
    return {Seat(s, update.organization, c) for s, c in old | update.places}


def _apply(state: _State, update: _Update) -> None:
    if update.space is not None:
        state.listed[update.space] = update.places
        state.founders.setdefault(update.space, update.places)
    elif update.organization is not None:
        state.acknowledged[update.organization] = update.places


def _commits(root: Path, today: date) -> list[tuple[date, list[tuple[str, str | None]]]]:
    """Oldest first, each first-parent commit's day and the entry files it changed,
    with the blob each now has (None: deleted, or no longer a file)."""
    options = ("--no-renames", "--raw", "--no-abbrev", f"--format={_COMMIT}%cI", "--relative")
    lines = (kept_log(root, "seats-log", options) or "").split("\n")
    stamps = [line[1:] for line in reversed(lines) if line.startswith(_COMMIT)]
    days = iter(reversed(reached_branch(stamps, today)))
    commits: list[tuple[date, list[tuple[str, str | None]]]] = []
    for line in lines:
        if line.startswith(_COMMIT):
            commits.append((next(days).date(), []))
        elif line.startswith(":") and commits and "\t" in line:
            meta, path = line.split("\t", 1)
            _, new_mode, _, new_sha, _ = meta.split()
            blob = new_sha if new_mode.startswith("100") and new_sha != _NO_BLOB else None
            commits[-1][1].append((path, blob))
    return commits


def _blob_texts(root: Path, shas: list[str]) -> list[str | None]:
    """The text of many blobs (listed by `git log`, so present) from one
    `git cat-file --batch`; None for one that is not UTF-8."""
    output = git_bytes(root, "cat-file", "--batch", given="".join(f"{s}\n" for s in shas).encode())
    if not shas or output is None:
        return [None] * len(shas)
    texts: list[str | None] = []
    position = 0
    for _ in shas:
        header_end = output.index(b"\n", position)
        size = int(output[position:header_end].split()[2])
        raw = output[header_end + 1 : header_end + 1 + size]
        texts.append(_utf8(raw))
        position = header_end + 1 + size + 1
    return texts


def _utf8(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


# -- with today's data ------------------------------------------------------------


def joinings(directory: Directory, history: Mapping[Seat, SeatHistory]) -> Mapping[Seat, Joining]:
    """The joining of every confirmed participant of every collaboration."""
    found = {}
    for space in directory.spaces:
        if not space.is_collaboration:
            continue
        for participant in space.participants:
            if directory.standing(space, participant) is not Standing.CONFIRMED:
                continue
            seat = Seat(space.id, participant.organization, participant.circle)
            found[seat] = _joining(space, participant, directory, history.get(seat))
    return found


def _joining(
    space: Space, participant: Participant, directory: Directory, known: SeatHistory | None
) -> Joining:
    """Consent on record comes from the host's file and from the space's other
    participants' files: nobody else can have a participation to record it under."""
    seat = Seat(space.id, participant.organization, participant.circle)
    host_dates = [c.date for c in participant.consents if c.by == space.host]
    consented = [(space.host, min(host_dates))] if host_dates else []
    for org_id in sorted({p.organization for p in space.participants} - {seat.organization}):
        dates = records(directory, seat, org_id)
        if dates:
            consented.append((org_id, max(dates)))
    since = min([d for d in (known.since if known else None, *host_dates) if d], default=None)
    if known is None:
        return Joining(since, False, tuple(consented))
    founding = known.founding and not host_dates
    if founding:  # a founder is one since the space began, whenever the history starts
        since = min(known.since, space.term.start)
    missing = () if founding else tuple(sorted(known.members_then - {space.host, *dict(consented)}))
    return Joining(since, founding, tuple(consented), missing)
