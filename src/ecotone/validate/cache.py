"""The validation cache: what each clean file's text parses to, so that validating
again after an edit parses only the files that changed, and where the fields are
that its problems point at, so that they are not looked for again.

Reading YAML is most of validation. A file that parsed and passed its schema is
remembered by the hash of its text and by its kind, together with the data it parsed
to and the places a notice asked for (an invitation not yet acknowledged is one
at each participant listed); the next run that reads the same text takes them
from here and skips both steps. Files with problems are never remembered, so
they are reported in full every time. The cache also keeps what the rules found
in each organization's files, so that the next run checks again only the
organizations a change can concern (see ecotone.validate.incremental).

The cache is one file in `.ecotone-cache/` at the directory's root (never
committed; `make clean` removes it), written in parts in Python's `marshal`
format, which writes and reads the plain data a YAML file parses to several
times faster than JSON, and gives it back exactly. It is trusted only when it
is exactly what this installation wrote: its name carries a fingerprint of the
ecotone code, the schemas, the parser and the Python it was made with
(marshal's format is Python's own), and its content is signed with a key kept
outside the directory, in the user's own cache folder, so that a cache
committed into a repository, or edited, or written by another version, is
ignored: nothing is unmarshalled before its signature is checked. A file that
cannot be read or checked is ignored too.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import marshal
import os
import secrets
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import BinaryIO

from ecotone.load.directory import Document, Known
from ecotone.load.positions import Source
from ecotone.validate.incremental import RulesRun

CACHE_FOLDER = ".ecotone-cache"
_PREFIX = "validate-"
_KEY_FILE = "cache-key"
_SIGNATURE_LINE = 65  # a SHA-256 HMAC in hexadecimal, and a newline
_LENGTH_BYTES = 8


class ValidationCache:
    """What a previous run knew of each clean file, by the hash of text and kind, and
    what its rules found (`rules`). The files are kept in parts by the first digit
    of that hash: a run after an edit writes again only the parts that changed."""

    def __init__(
        self, folder: Path, key: bytes, parts: dict[str, Part], rules: RulesRun | None = None
    ) -> None:
        self._folder = folder
        self._key = key
        self._parts = parts
        self.rules = rules

    @classmethod
    def of(cls, root: Path) -> ValidationCache:
        """The cache of the directory at `root`; empty when there is none to trust."""
        folder = root / CACHE_FOLDER
        key = _key()
        try:
            signed = (folder / _file_name()).read_bytes()
        except OSError:
            return cls(folder, key, {})
        return cls(folder, key, *_verified(signed, key))

    def known(self, kind: str, source: Source) -> Known | None:
        """What a previous run knew of a clean file of this kind with exactly this text:
        its data, and the places of its fields that problems asked for."""
        digest = _digest(kind, source)
        part = self._parts.get(digest[0])
        return part.entries.get(digest) if part else None

    def save(self, clean: Iterable[Document], rules: RulesRun | None) -> None:
        """Remember this run's `clean` files (and only those: a removed file's entry
        goes), with the places found in them, and what its `rules` found, unless the
        folder cannot be written, which only costs the next run its speed."""
        kept: dict[str, dict[str, Known]] = {}
        for document in clean:
            digest = _digest(document.kind, document.source)
            entry = (document.data, document.source.places_found())
            kept.setdefault(digest[0], {})[digest] = entry
        unchanged = {
            label: part for label, part in self._parts.items() if kept.get(label) == part.entries
        }
        if len(unchanged) == len(kept) == len(self._parts) and rules == self.rules:
            return
        try:
            self._folder.mkdir(exist_ok=True)
            if self._folder.is_symlink():
                return
            for old in self._folder.glob(f"{_PREFIX}*"):
                old.unlink()
            temporary = self._folder / f".{_file_name()}.{os.getpid()}.tmp"
            try:
                with temporary.open("wb") as file:
                    self._write(kept, unchanged, rules, file)
            except (OSError, ValueError):  # ValueError: not plain data, which no file parses to
                temporary.unlink(missing_ok=True)
                return
            temporary.replace(self._folder / _file_name())
        except OSError:
            return

    def _write(
        self,
        kept: dict[str, dict[str, Known]],
        unchanged: dict[str, Part],
        rules: RulesRun | None,
        file: BinaryIO,
    ) -> None:
        """The signature's line, the rules' run, then the parts, each marshalled on its
        own (or as the cache read it, if it has not changed) and preceded by its
        length: at 10,000 organizations the whole is 90 MB, which one `marshal.dumps`
        would hold twice over while it grows."""
        signer = hmac.new(self._key, digestmod=hashlib.sha256)
        file.seek(_SIGNATURE_LINE)
        framed_parts = itertools.chain(
            [_framed(rules.to_plain() if rules else None)],
            (
                unchanged[label].framed if label in unchanged else _framed(entries)
                for label, entries in sorted(kept.items())
            ),
        )
        for framed in framed_parts:
            signer.update(framed)
            file.write(framed)
        file.seek(0)
        file.write(signer.hexdigest().encode("ascii") + b"\n")


@dataclass(frozen=True)
class Part:
    """The entries whose hashes begin with one digit, and their bytes in the file."""

    entries: dict[str, Known]
    framed: bytes


def _framed(plain: object) -> bytes:
    blob = marshal.dumps(plain)
    return len(blob).to_bytes(_LENGTH_BYTES, "little") + blob


def _verified(signed: bytes, key: bytes) -> tuple[dict[str, Part], RulesRun | None]:
    """The parts of a cache file and its rules' run, if it is signed with `key`; else
    none."""
    signature, body = signed[: _SIGNATURE_LINE - 1], memoryview(signed)[_SIGNATURE_LINE:]
    expected = hmac.new(key, body, hashlib.sha256).hexdigest().encode("ascii")
    if not hmac.compare_digest(signature, expected):
        return {}, None
    frames = []
    start = 0
    while start < len(body):
        end = start + _LENGTH_BYTES + int.from_bytes(body[start : start + _LENGTH_BYTES], "little")
        try:
            frames.append((marshal.loads(body[start + _LENGTH_BYTES : end]), body[start:end]))
        except (EOFError, ValueError, TypeError):
            return {}, None
        start = end
    if not frames or not all(isinstance(entries, dict) and entries for entries, _ in frames[1:]):
        return {}, None
    parts = {next(iter(entries))[0]: Part(entries, bytes(framed)) for entries, framed in frames[1:]}
    return parts, RulesRun.from_plain(frames[0][0]) if frames[0][0] is not None else None


def _digest(kind: str, source: Source) -> str:
    """A file's key: the hash of its text (whose first digit names its part), and its kind."""
    return f"{source.digest}:{kind}"


@cache
def _file_name() -> str:
    """The cache's name for this installation: a hash of the ecotone package's code
    and schemas, the Python version and the versions of the parser and the schema
    checker. Any change to them starts a new cache."""
    fingerprint = hashlib.sha256(sys.version.encode())
    for name in ("PyYAML", "jsonschema-rs", "jsonschema"):
        fingerprint.update(metadata.version(name).encode())
    package = Path(str(resources.files("ecotone")))
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            fingerprint.update(path.relative_to(package).as_posix().encode())
            fingerprint.update(path.read_bytes())
    return f"{_PREFIX}{fingerprint.hexdigest()[:16]}.marshal"


def _key() -> bytes:
    """This user's signing key, made on first use, in the user's cache folder
    (`$XDG_CACHE_HOME/ecotone`, by default `~/.cache/ecotone`): outside every
    directory, so that no repository can bring a cache this installation trusts."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ecotone"
    path = folder / _KEY_FILE
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        pass
    key = secrets.token_bytes(32)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{_KEY_FILE}.{os.getpid()}.tmp"
        temporary.write_text(key.hex(), encoding="ascii")
        temporary.chmod(0o600)
        temporary.replace(path)
    except OSError:
        pass  # a key for this run only: nothing it writes will be trusted later
    return key
