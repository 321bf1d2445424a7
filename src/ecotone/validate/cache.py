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

Beside it, `remember` keeps other plain data, signed the same way: what git's
history said up to a commit (the organization folders' renames, the
participations in each version of the entry files), so that the next run reads
only what came since.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
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
    of that hash: a run after an edit marshals again only the parts that changed,
    and copies the others from the file as it was."""

    def __init__(
        self,
        folder: Path,
        key: bytes,
        parts: dict[str, Part],
        rules: RulesRun | None = None,
        read_from: FileId | None = None,
    ) -> None:
        self._folder = folder
        self._key = key
        self._parts = parts
        self.rules = rules
        self._read_from = read_from  # the file the parts are in, as it was

    @classmethod
    def of(cls, root: Path) -> ValidationCache:
        """The cache of the directory at `root`; empty when there is none to trust."""
        folder = root / CACHE_FOLDER
        key = _key()
        try:
            with (folder / _file_name()).open("rb") as file:
                signed, read_from = file.read(), _file_id(file)
        except OSError:
            return cls(folder, key, {})
        return cls(folder, key, *_verified(signed, key), read_from)

    def known(self, kind: str, source: Source) -> Known | None:
        """What a previous run knew of a clean file of this kind with exactly this text:
        its data, and the places of its fields that problems asked for."""
        digest = _digest(kind, source)
        part = self._parts.get(digest[0])
        return part.entries.get(digest) if part else None

    def save(self, clean: Iterable[Document], rules: RulesRun | None) -> None:
        """Remember this run's `clean` files (and only those: a removed file's entry
        goes), with the places found in them, and what its `rules` found, unless the
        folder cannot be written, which only costs the next run its speed. This object
        then knows what it saved (`mkdocs serve` keeps it from one rebuild to the next)."""
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
        written, self._read_from = self._saved(kept, unchanged, rules) or ({}, None)
        # What this object knows from now on; a part it could not write is not in the file.
        self._parts = written or {label: Part(entries) for label, entries in kept.items()}
        self.rules = rules

    def _saved(
        self, kept: dict[str, dict[str, Known]], unchanged: dict[str, Part], rules: RulesRun | None
    ) -> tuple[dict[str, Part], FileId] | None:
        """The cache file written anew, in place of the one there: its parts and the
        file, or None where it could not be written."""
        path = self._folder / _file_name()
        try:
            self._folder.mkdir(exist_ok=True)
            if self._folder.is_symlink():
                return None
            for other in self._folder.glob(f"{_PREFIX}*"):  # other versions' caches
                if other.name != path.name:
                    other.unlink()
            temporary = self._folder / f".{path.name}.{os.getpid()}.tmp"
            try:
                with temporary.open("wb") as file, _opened(path) as earlier:
                    # The unchanged parts are copied only from the very file they were read
                    # from: another run may have replaced it since.
                    same = earlier is not None and _file_id(earlier) == self._read_from
                    written = self._write(kept, unchanged if same else {}, earlier, rules, file)
                    file.flush()
                    written_to = _file_id(file)
            except (OSError, ValueError):  # ValueError: not plain data, which no file parses to
                temporary.unlink(missing_ok=True)
                return None
            temporary.replace(path)
        except OSError:
            return None
        return written, written_to

    def _write(
        self,
        kept: dict[str, dict[str, Known]],
        unchanged: dict[str, Part],
        earlier: BinaryIO | None,
        rules: RulesRun | None,
        file: BinaryIO,
    ) -> dict[str, Part]:
        """The signature's line, the rules' run, then the parts, each marshalled on its
        own, or copied from the `earlier` file if `unchanged`, and preceded by its
        length (at 10,000 organizations the whole is 90 MB, which one
        `marshal.dumps` would hold twice over while it grows); the parts written."""
        signer = hmac.new(self._key, digestmod=hashlib.sha256)

        def put(framed: bytes) -> None:
            signer.update(framed)
            file.write(framed)

        file.seek(_SIGNATURE_LINE)
        put(_framed(rules.to_plain() if rules else None))
        written = {}
        for label, entries in sorted(kept.items()):
            part = unchanged.get(label)
            if part and part.length and earlier is not None:
                earlier.seek(part.start)
                framed = earlier.read(part.length)
            else:
                framed = _framed(entries)
            written[label] = Part(entries, file.tell(), len(framed))
            put(framed)
        file.seek(0)
        file.write(signer.hexdigest().encode("ascii") + b"\n")
        return written


def remembered(root: Path, name: str) -> object:
    """What `remember` kept under `name` in the directory at `root`, where this
    installation wrote it; None otherwise."""
    try:
        signed = (root / CACHE_FOLDER / _kept_file_name(name)).read_bytes()
    except OSError:
        return None
    signature, body = signed[: _SIGNATURE_LINE - 1], signed[_SIGNATURE_LINE:]
    expected = hmac.new(_key(), body, hashlib.sha256).hexdigest().encode("ascii")
    if not hmac.compare_digest(signature, expected):
        return None
    try:
        return marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None


def remember(root: Path, name: str, plain: object) -> None:
    """Keep `plain` data under `name` beside the validation cache, signed as it is (what
    git's history says, so that the next run reads only what came since), unless the
    folder cannot be written."""
    folder, file_name = root / CACHE_FOLDER, _kept_file_name(name)
    body = marshal.dumps(plain)
    signature = hmac.new(_key(), body, hashlib.sha256).hexdigest().encode("ascii")
    try:
        folder.mkdir(exist_ok=True)
        if folder.is_symlink():
            return
        for other in folder.glob(f"{name}-*"):  # what other versions kept
            if other.name != file_name:
                other.unlink()
        temporary = folder / f".{file_name}.{os.getpid()}.tmp"
        temporary.write_bytes(signature + b"\n" + body)
        temporary.replace(folder / file_name)
    except OSError:
        pass


@dataclass(frozen=True)
class Part:
    """The entries whose hashes begin with one digit, and where the cache file holds
    them: `length` bytes from `start`, their length and their marshalled form."""

    entries: dict[str, Known]
    start: int = 0
    length: int = 0  # none: not in the file


# A file as the file system knows it: its inode, its last change and its size.
FileId = tuple[int, int, int]


def _file_id(file: BinaryIO) -> FileId:
    status = os.fstat(file.fileno())
    return status.st_ino, status.st_mtime_ns, status.st_size


def _opened(path: Path) -> contextlib.AbstractContextManager[BinaryIO | None]:
    """The file at `path` opened to read, or None where it cannot be."""
    try:
        return path.open("rb")
    except OSError:
        return contextlib.nullcontext()


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
            frames.append((marshal.loads(body[start + _LENGTH_BYTES : end]), start, end - start))
        except (EOFError, ValueError, TypeError):
            return {}, None
        start = end
    if not frames or not all(isinstance(entries, dict) and entries for entries, *_ in frames[1:]):
        return {}, None
    parts = {
        next(iter(entries))[0]: Part(entries, _SIGNATURE_LINE + start, length)
        for entries, start, length in frames[1:]
    }
    rules = frames[0][0]
    return parts, RulesRun.from_plain(rules) if rules is not None else None


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


def _kept_file_name(name: str) -> str:
    return f"{name}-{_file_name().removeprefix(_PREFIX)}"


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
