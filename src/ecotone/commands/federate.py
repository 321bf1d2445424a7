"""`ecotone federate`: fetch each federated directory's published
`/api/directory.json` and commit-ready snapshots of them under
`federation/<name>/directory.json`.

A remote is untrusted: the fetch is bounded in size and time and follows no
redirect; what arrives must be a directory export by the published schema,
the directory named in ecotone.yml, and plain text without markup. A remote
that fails any of this gets a message saying why, and its last good snapshot
stays as it was. A snapshot is written indented with sorted keys, so that a
pull request shows what changed, by `commands.writing` (atomically, never
through a symbolic link).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from ecotone.commands.writing import WriteError, read_text, write_file
from ecotone.load.federation import (
    Partner,
    export_problems,
    read_partners,
)

MAX_BYTES = 32 * 1024 * 1024
TIMEOUT_SECONDS = 30.0
_CHUNK = 64 * 1024


class RemoteError(Exception):
    """Why a remote's data was not taken: the text says it in a sentence."""


@dataclass(frozen=True)
class Outcome:
    partner: Partner
    written: bool
    message: str


def federate(
    root: Path, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_SECONDS
) -> tuple[Outcome, ...]:
    """Fetch every federated directory and write the snapshots that pass."""
    return tuple(
        _federate_one(root, partner, max_bytes, timeout) for partner in read_partners(root)
    )


def _federate_one(root: Path, partner: Partner, max_bytes: int, timeout: float) -> Outcome:
    try:
        document = json.loads(fetch(partner.export_url, max_bytes, timeout))
    except RemoteError as error:
        return Outcome(partner, False, f"{partner.name}: {error}; its snapshot is unchanged.")
    except ValueError as error:
        reason = f"{partner.export_url} is not JSON ({error})"
        return Outcome(partner, False, f"{partner.name}: {reason}; its snapshot is unchanged.")
    problems = export_problems(document, partner)
    if problems:
        reason = f"{partner.export_url} was refused: {problems[0]}"
        return Outcome(partner, False, f"{partner.name}: {reason}; its snapshot is unchanged.")
    text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    try:
        changed = write_snapshot(root, partner, text)
    except (OSError, WriteError) as error:
        return Outcome(partner, False, f"{partner.name}: the snapshot was not written: {error}")
    counts = (
        f"{len(document['organizations'])} organizations, {len(document['spaces'])} spaces, "
        f"{len(document['playbooks'])} playbooks"
    )
    state = "updated" if changed else "unchanged"
    return Outcome(partner, True, f"{partner.name}: {partner.snapshot_file} {state} ({counts}).")


def fetch(url: str, max_bytes: int, timeout: float) -> bytes:
    """The body at `url`, or RemoteError when it is unreachable, refused, larger than
    `max_bytes`, or takes longer than `timeout` seconds in all."""
    # Imported here: only this command goes online; importing HTTP and TLS would slow
    # every other `ecotone` command, which imports this module for its options.
    import urllib.error
    import urllib.request

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        """A redirect could lead anywhere, plain http included: the address in
        ecotone.yml is the one fetched, or nothing is."""

        def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
            raise urllib.error.HTTPError(req.full_url, code, f"redirects to {newurl}", headers, fp)

    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(NoRedirects)
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise RemoteError(f"{url} is {declared} bytes; the limit is {max_bytes}")
            body = bytearray()
            while chunk := response.read1(_CHUNK):  # what has come, not a full chunk
                body += chunk
                if len(body) > max_bytes:
                    raise RemoteError(f"{url} is larger than the limit of {max_bytes} bytes")
                if time.monotonic() > deadline:
                    raise RemoteError(f"{url} took longer than {timeout:g} seconds")
    except urllib.error.HTTPError as error:
        raise RemoteError(f"{url} answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError) or isinstance(error, TimeoutError):
            raise RemoteError(f"{url} took longer than {timeout:g} seconds") from None
        raise RemoteError(f"{url} could not be reached ({reason})") from None
    return bytes(body)


def write_snapshot(root: Path, partner: Partner, text: str) -> bool:
    """Write the snapshot (atomically, never through a link); False when it was
    already exactly this."""
    if read_text(root / partner.snapshot_file) == text:
        return False
    write_file(root, partner.snapshot_file, text, replace=True)
    return True
