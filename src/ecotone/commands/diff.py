"""Diff: what a pull request changes in the directory, in words, as Markdown for the
job summary.

Both sides go through the normal pipeline: the base is read out of git into a
temporary folder (`git ls-tree`, `git cat-file`), the head is the working tree,
and each is validated and modelled as usual. Entries are compared by file;
participations by (space, organization, circle); reviewers come from the same
ownership lines `ecotone codeowners` writes, computed on the base, which is
what GitHub applies to a pull request.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ecotone.analysis import consent
from ecotone.commands import codeowners
from ecotone.load.safe_yaml import parse
from ecotone.model import Directory
from ecotone.text import code_span as _code
from ecotone.text import markdown_escaped
from ecotone.validate.run import validate_directory

_ENTRY_FILES = (
    "partners/*/organization.yml",
    "partners/*/spaces/*.yml",
    "partners/*/playbooks/*.yml",
)
_BLOB, _SYMLINK = "blob", "120000"


class DiffError(Exception):
    """git could not give the base; the message says what to do."""


# -- reading both sides -------------------------------------------------------


@dataclass(frozen=True)
class Side:
    """One side of the comparison: its model, its entry files' bytes, its owners."""

    directory: Directory
    files: Mapping[str, bytes]
    stewards: tuple[str, ...] | None


def read_side(root: Path, today: date) -> Side:
    directory = validate_directory(root, today).directory
    files = {
        path.relative_to(root).as_posix(): path.read_bytes()
        for pattern in _ENTRY_FILES
        for path in sorted(root.glob(pattern))
        if path.is_file() and not path.is_symlink()
    }
    try:
        stewards: tuple[str, ...] | None = codeowners.read_stewards(root)
    except codeowners.OwnershipError:
        stewards = None
    return Side(directory, files, stewards)


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise DiffError("git is not installed; the base is read with git.") from None
    if result.returncode != 0:
        raise DiffError(result.stderr.decode(errors="replace").strip())
    return result.stdout


def extract_base(root: Path, ref: str, into: Path) -> None:
    """Write the directory's files (partners/, ecotone.yml and the federated
    directories' snapshots) as they are at `ref`."""
    try:
        _git(root, "rev-parse", "--git-dir")
    except DiffError:
        raise DiffError(
            f"{root} is not in a git repository, so it has no base to compare with."
        ) from None
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except DiffError:
        raise DiffError(
            f"git does not know '{ref}' in {root}. Fetch it first; in a workflow, check out "
            "with `fetch-depth: 0`."
        ) from None
    listing = _git(
        root,
        "ls-tree",
        "-r",
        "-z",
        "--full-name",
        ref,
        "--",
        "partners",
        "ecotone.yml",
        "federation",
    )
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    blobs = []
    for record in filter(None, listing.split(b"\0")):
        meta, _, name = record.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        if kind == _BLOB and mode != _SYMLINK:
            blobs.append((sha, name.decode().removeprefix(prefix)))
    (into / "partners").mkdir(parents=True, exist_ok=True)
    contents = _cat_files([sha for sha, _ in blobs], root)
    for (_, path), content in zip(blobs, contents, strict=True):
        target = into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def _cat_files(shas: list[str], root: Path) -> list[bytes]:
    """The contents of many blobs from one `git cat-file --batch` process."""
    output = _git(root, "cat-file", "--batch", stdin="".join(f"{s}\n" for s in shas).encode())
    contents, position = [], 0
    for _ in shas:
        header_end = output.index(b"\n", position)
        size = int(output[position:header_end].split()[2])
        contents.append(output[header_end + 1 : header_end + 1 + size])
        position = header_end + 1 + size + 1
    return contents


# -- comparing them -------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """An entry as the summary names it."""

    file: str
    id: str
    kind: str
    title: str | None


@dataclass(frozen=True)
class Participation:
    space: str
    organization: str
    circle: str | None


@dataclass(frozen=True)
class Review:
    """Who must review the files under one ownership line: one of `owners`, who are
    `whose` (such as "the stewards"); `note` adds what happens after the merge."""

    area: str
    files: tuple[str, ...]
    owners: tuple[str, ...]
    whose: str
    note: str = ""


@dataclass(frozen=True)
class Changes:
    added: tuple[Entry, ...]
    changed: tuple[tuple[Entry, tuple[str, ...]], ...]
    removed: tuple[Entry, ...]
    invited: tuple[Participation, ...]
    acknowledged: tuple[Participation, ...]
    ended: tuple[Participation, ...]
    reviews: tuple[Review, ...]
    titles: Mapping[str, str]
    consents: tuple[consent.Request, ...] = ()


def compare(base: Side, head: Side, other_files: Iterable[str] = ()) -> Changes:
    """What changes from `base` to `head`. `other_files` are changed files outside the
    entries (schemas, docs, workflows), which need the stewards' review."""
    added = sorted(head.files.keys() - base.files.keys())
    removed = sorted(base.files.keys() - head.files.keys())
    changed = sorted(
        f for f in head.files.keys() & base.files.keys() if head.files[f] != base.files[f]
    )
    listed_before, listed = _listed(base.directory), _listed(head.directory)
    acked_before, acked = _acknowledged(base.directory), _acknowledged(head.directory)
    confirmed_before, confirmed = listed_before & acked_before, listed & acked
    return Changes(
        added=tuple(_entry(f, head.directory) for f in added),
        changed=tuple(
            (_entry(f, head.directory), _changed_fields(f, base.directory, head.directory))
            for f in changed
        ),
        removed=tuple(_entry(f, base.directory) for f in removed),
        invited=tuple(sorted(listed - listed_before - acked, key=_order)),
        acknowledged=tuple(sorted(confirmed - confirmed_before, key=_order)),
        ended=tuple(sorted(confirmed_before - confirmed, key=_order)),
        reviews=_reviews([*added, *changed, *removed, *other_files], base, head),
        titles=_titles(base.directory) | _titles(head.directory),
        consents=consent.requests(base.directory, head.directory),
    )


def _order(p: Participation) -> tuple[str, str, str]:
    return (p.space, p.organization, p.circle or "")


def _listed(directory: Directory) -> set[Participation]:
    return {
        Participation(space.id, p.organization, p.circle)
        for space in directory.spaces
        for p in space.participants
    }


def _acknowledged(directory: Directory) -> set[Participation]:
    return {
        Participation(p.space, org.id, p.circle)
        for org in directory.organizations
        for p in org.participations
    }


def _titles(directory: Directory) -> dict[str, str]:
    titles = {org.id: org.name for org in directory.organizations}
    titles.update({space.id: space.title for space in directory.spaces})
    return titles


def _entry(file: str, directory: Directory) -> Entry:
    parts = file.split("/")
    if len(parts) == 3:
        org = directory.organization(parts[1])
        return Entry(file, parts[1], "organization", org.name if org else None)
    entry_id = f"{parts[1]}/{parts[3].removesuffix('.yml')}"
    if parts[2] == "playbooks":
        playbook = directory.playbook(entry_id)
        return Entry(file, entry_id, "playbook", playbook.title if playbook else None)
    space = directory.space(entry_id)
    if space is None:
        return Entry(file, entry_id, "space", None)
    kind = "collaboration" if space.is_collaboration else "information-sharing space"
    return Entry(file, entry_id, kind, space.title)


def _changed_fields(file: str, base: Directory, head: Directory) -> tuple[str, ...]:
    """The top-level fields whose values differ, where both sides could be read."""
    sides = [_data(file, directory) for directory in (base, head)]
    if any(data is None for data in sides):
        return ()
    before, after = sides
    return tuple(sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k)))


def _data(file: str, directory: Directory) -> Mapping[str, object] | None:
    entries = (*directory.organizations, *directory.spaces, *directory.playbooks)
    source = next((e.source for e in entries if e.source.file == file), None)
    if source is None:
        return None
    data = parse(source)  # the file was modelled, so it parses
    return data if isinstance(data, dict) else None


def _reviews(files: Iterable[str], base: Side, head: Side) -> tuple[Review, ...]:
    """Reviewers by the base's ownership, which GitHub applies: organization folders
    first, by identifier, then everything else."""
    stewards = base.stewards or head.stewards or ()
    lines = codeowners.ownership(base.directory, stewards)
    folders: dict[str, list[str]] = {}
    rest = []
    for file in sorted(set(files)):
        match = re.match(r"partners/([^/]+)/", file)
        if match:
            folders.setdefault(match.group(1), []).append(file)
        else:
            rest.append(file)
    reviews = []
    for org_id, owned in folders.items():
        line = codeowners.owner_of(owned[0], lines)
        if line.pattern != "*":
            whose = f"the maintainers of {_md(base.directory.display_name(org_id))}"
            reviews.append(Review(f"partners/{org_id}/", tuple(owned), line.owners, whose))
            continue
        future = head.directory.organization(org_id)
        # Handles the new folder names for itself, unreviewed by them: not mentioned.
        named = ", ".join(_code(f"@{h}") for h in future.maintainers) if future else ""
        note = f"Once merged, {named} maintain it." if future else ""
        reviews.append(Review(f"partners/{org_id}/", tuple(owned), stewards, "the stewards", note))
    if rest:
        reviews.append(Review("Other files", tuple(rest), stewards, "the stewards"))
    return tuple(reviews)


def _handles(handles: Iterable[str]) -> str:
    return ", ".join(f"@{h}" for h in handles)


def changed_files(root: Path, ref: str) -> tuple[str, ...]:
    """Tracked files that differ between `ref` and the working tree, relative to `root`."""
    names = _git(root, "diff", "--name-only", "--relative", "-z", ref, "--")
    return tuple(sorted(name for name in names.decode().split("\0") if name))


def touched_files(root: Path, ref: str) -> tuple[str, ...]:
    """The files a change touches: those that differ from `ref` and the entry files git
    does not track yet (not ignored), relative to `root`."""
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", "partners")
    new = (name for name in untracked.decode().split("\0") if name)
    return tuple(sorted({*changed_files(root, ref), *new}))


def diff_directory(root: Path, ref: str, today: date) -> Changes:
    """Compare the directory at `root` with its state at `ref`."""
    with tempfile.TemporaryDirectory(prefix="ecotone-base-") as folder:
        extract_base(root, ref, Path(folder))
        base = read_side(Path(folder), today)
    return compare(base, read_side(root, today), changed_files(root, ref))


# -- in words ------------------------------------------------------------------

_FILES_SHOWN = 5


def _md(text: str) -> str:
    """Partner-written text, escaped so that GitHub shows it as written and links
    nothing in it."""
    return markdown_escaped(text, unlinked=True)


def _named(entry: Entry) -> str:
    title = f"**{_md(entry.title)}**" if entry.title else "an entry that does not validate"
    return f"{entry.kind} {title} ({_code(entry.id)})"


def _participation(p: Participation, titles: Mapping[str, str]) -> tuple[str, str]:
    """The organization (with its circle) and the space, as the summary names them."""
    who = _code(p.organization) + (
        f" (circle {_code(p.circle)})" if p.circle else " (a free agent)"
    )
    space = _code(p.space)
    return who, f"**{_md(titles[p.space])}** ({space})" if p.space in titles else space


def as_markdown(changes: Changes, ref: str) -> str:
    lines = ["## Directory changes", ""]
    counts = (len(changes.added), len(changes.changed), len(changes.removed))
    if any(counts):
        lines.append(
            "Compared with {}: {} added, {} changed, {} removed.".format(_code(ref), *counts)
        )
    else:
        lines.append(f"No entries change compared with {_code(ref)}.")
    lines += _section("Added", [_named(e) for e in changes.added])
    lines += _section(
        "Changed",
        [
            _named(e) + (f": {', '.join(map(_code, fields))}" if fields else "")
            for e, fields in changes.changed
        ],
    )
    lines += _section("Removed", [_named(e) for e in changes.removed])
    lines += _section("Participations", _participation_lines(changes))
    lines += _section("Reviews needed", [_review_line(r) for r in changes.reviews])
    if changes.consents:
        lines += ["", "### Consent needed", "", _CONSENT_RULE, ""]
        lines += [line for r in changes.consents for line in _consent_request_lines(r)]
    return "\n".join(lines) + "\n"


def _participation_lines(changes: Changes) -> list[str]:
    lines = []
    for p in changes.invited:
        who, space = _participation(p, changes.titles)
        lines.append(
            f"Invitation sent: {space} invites {who}. It is confirmed once "
            f"{_code(p.organization)} lists {_code(p.space)} under `participations:` "
            "in its own file."
        )
    for p in changes.acknowledged:
        who, space = _participation(p, changes.titles)
        lines.append(f"Invitation acknowledged: {who} takes part in {space}.")
    for p in changes.ended:
        who, space = _participation(p, changes.titles)
        lines.append(f"Participation removed: {who} no longer takes part in {space}.")
    return lines


def _review_line(review: Review) -> str:
    folder = "" if review.area == "Other files" else review.area
    shown = ", ".join(_code(f.removeprefix(folder)) for f in review.files[:_FILES_SHOWN])
    more = len(review.files) - _FILES_SHOWN
    shown += f" and {more} more" if more > 0 else ""
    area = _code(folder) if folder else review.area
    owners = (
        f"one of {review.whose}: {_handles(review.owners)}"
        if review.owners
        else "nobody named yet (add `stewards:` to ecotone.yml)"
    )
    return f"{area} ({shown}): review by {owners}." + (f" {review.note}" if review.note else "")


def _section(title: str, items: list[str]) -> list[str]:
    return ["", f"### {title}", "", *(f"- {item}" for item in items)] if items else []


# -- consent of the current members ---------------------------------------------

_CONSENT_RULE = (
    "Membership of a collaboration is by consent of all its current members. Each gives "
    "it by an approving review of this pull request from one of its maintainers, or by a "
    "record in its own file that is already on the base branch."
)


def _seat(seat: consent.Seat, title: str) -> str:
    who, space = _participation(
        Participation(seat.space, seat.organization, seat.circle), {seat.space: title}
    )
    return f"{who} takes a seat in {space}"


def _member(member: consent.Member) -> str:
    return f"**{_md(member.name)}**" + (" (the host)" if member.is_host else "")


def _consent_request_lines(request: consent.Request) -> list[str]:
    lines = [f"- {_seat(request.seat, request.space_title)}. It needs the consent of:"]
    for member in request.members:
        if member.recorded:
            how = f"consented on {max(member.recorded).isoformat()} ({_code(member.file)})"
        else:
            how = f"one of {_handles(member.maintainers)}"
        lines.append(f"  - {_member(member)}: {how}.")
    return lines


def consent_as_markdown(decisions: Iterable[consent.Decision]) -> str:
    """The consent check's report: every new seat, each member's answer, and what
    each member that has not consented can do."""
    decisions = tuple(decisions)
    lines = ["## Consent of the current members", ""]
    if not decisions:
        lines.append("No new seat in a collaboration: no consent is needed.")
        return "\n".join(lines) + "\n"
    lines += [_CONSENT_RULE, ""]
    for decision in decisions:
        request = decision.request
        lines.append(f"- {_seat(request.seat, request.space_title)}.")
        lines += [f"  - {_answer_line(answer, request)}" for answer in decision.answers]
    missing = [a.member for d in decisions for a in d.missing]
    names = ", ".join(f"**{_md(m.name)}**" for m in dict.fromkeys(missing))
    lines += [
        "",
        f"Not consented yet: {names}." if missing else "Every current member has consented.",
    ]
    return "\n".join(lines) + "\n"


def _answer_line(answer: consent.Answer, request: consent.Request) -> str:
    member = answer.member
    who = _member(member)
    if answer.verdict is consent.Verdict.OBJECTS:
        return (
            f"{who} objects: {_handles(answer.objected_by)} requested changes. Talk it "
            "through; the objection stands until they approve or their review is dismissed."
        )
    if answer.verdict is consent.Verdict.CONSENTED:
        ways = [f"approved by {_handles(answer.approved_by)}"] if answer.approved_by else []
        ways += [f"recorded on {d.isoformat()} in {_code(member.file)}" for d in member.recorded]
        return f"{who} consents: {'; '.join(ways)}."
    if member.is_host:
        text = (
            f"{who} has not consented yet: one of {_handles(member.maintainers)} approves this "
            "pull request, which changes its file."
        )
    else:
        text = (
            f"{who} has not consented yet. One of {_handles(member.maintainers)} approves this "
            f"pull request, or {_md(member.name)} records its consent in {_code(member.file)} under "
            f"its participation in {_code(request.seat.space)} and that record is merged first."
        )
    if answer.approved_earlier:
        text += (
            f" {_handles(answer.approved_earlier)} approved an earlier commit: approve the "
            "latest, since a push can change who joins."
        )
    if member.added:
        text += (
            f" This pull request adds a record to {_code(member.file)}; it counts only once it is on "
            f"the base branch, so that no one carries {_md(member.name)}'s consent in for it."
        )
    return text
