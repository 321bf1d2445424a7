"""Writing files so that no data is lost: never through a symbolic link, always
atomically, and with OS errors told as messages.

A file is written into a temporary file beside it and then renamed into place,
so a write cut short (a full disk, a killed process) leaves the old file whole
and never a file cut mid-line. Every folder between the directory's root and
the file is checked: a link there could lead the write anywhere on the machine.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class WriteError(Exception):
    """A file could not be written; the message names it and says why."""


def write_file(root: Path, name: str, text: str, *, replace: bool) -> Path:
    """Write `text` to `root/name`, creating its folders. With `replace`, an existing
    file is replaced whole; without it, an existing file is refused and kept."""
    path = root / name
    _make_folders(root, path.parent)
    if path.is_symlink():
        raise WriteError(
            f"{path} is a symbolic link; ecotone does not write through links. "
            "Replace it with a plain file, then run the command again."
        )
    if not replace and path.exists():
        raise WriteError(f"{path} exists already; ecotone never overwrites it.")
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise _told(error, path) from None
    try:
        os.fchmod(descriptor, 0o666 & ~_umask())
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            if replace:  # on disk before it takes the old file's place
                stream.flush()
                os.fsync(stream.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # refuses a file that appeared in the meantime
    except OSError as error:
        raise _told(error, path) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return path


def refuse_links(root: Path, names: Iterable[str]) -> None:
    """Refuse, before anything is written, when `root` or any folder or file on the way
    to one of `names` (relative to `root`) is a symbolic link: a command that writes
    many files checks them all first, so a link found late leaves no half-written tree."""
    seen: set[Path] = set()
    for name in names:
        current = root
        for part in ("", *Path(name).parts):
            current = current / part if part else current
            if current in seen:
                continue
            seen.add(current)
            if current.is_symlink():
                raise WriteError(
                    f"{current} is a symbolic link; ecotone does not write through links. "
                    "Nothing was written. Replace it with a plain folder or file, or give "
                    "another folder."
                )


def read_text(path: Path) -> str | None:
    """A file's text, or None when there is none; never read through a link."""
    if path.is_symlink():
        raise WriteError(
            f"{path} is a symbolic link; ecotone does not read or write through links. "
            "Replace it with a plain file."
        )
    try:
        return path.read_text(encoding="utf-8") if path.exists() else None
    except (OSError, UnicodeDecodeError) as error:
        raise _told(error, path, "read") from None


def _make_folders(root: Path, folder: Path) -> None:
    """The folders from `root` (the folder the user named, created if need be) down
    to `folder`, none of them a link."""
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _told(error, root) from None
    current = root
    for part in folder.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            raise WriteError(
                f"{current} is a symbolic link; ecotone does not write through links. "
                "Replace it with a plain folder, then run the command again."
            )
        try:
            current.mkdir(exist_ok=True)
        except OSError as error:
            raise _told(error, current) from None


def _told(error: OSError | UnicodeDecodeError, path: Path, doing: str = "write") -> WriteError:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return WriteError(f"cannot {doing} {path}: {reason}.")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
