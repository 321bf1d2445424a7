"""One-click proposals: links that open GitHub's new-file page with a starting file
filled in, for "Add your organization" and "Propose a space".

The file is the one `ecotone new` writes, with its values left blank: the same
comments walk the author through it, and the pull request's checks point at
each blank still to fill in. GitHub offers to fork the repository for anyone
who cannot write to it. ("Propose a change" to an existing file is GitHub's
edit page; see `SiteSettings.edit_url`.)
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from ecotone import scaffold
from ecotone.model import Directory

# GitHub answers 414 to a longer address (8,191 bytes, by its documentation).
MAX_URL_BYTES = 8000


def new_file_url(repository: str, branch: str, file: str, content: str) -> str:
    """GitHub's page for creating `file` on `branch`, with `content` filled in. When
    the address would be too long, the comments are left out; the fields stay."""
    base = f"{repository.rstrip('/')}/new/{quote(branch, safe='')}?filename={quote(file, safe='/')}"
    url = f"{base}&value={quote(content, safe='')}"
    if len(url) <= MAX_URL_BYTES:
        return url
    fields = "".join(line + "\n" for line in content.splitlines() if _is_field(line))
    return f"{base}&value={quote(fields, safe='')}"


def _is_field(line: str) -> bool:
    stripped = line.lstrip()
    return bool(stripped) and (not stripped.startswith("#") or "yaml-language-server" in line)


def add_organization_url(repository: str, branch: str, directory: Directory, today: date) -> str:
    blank = scaffold.blank("organization", directory, today)
    return new_file_url(repository, branch, blank.file, blank.text)


def propose_space_url(
    repository: str,
    branch: str,
    directory: Directory,
    today: date,
    host: str | None = None,
    mode: str = "collaboration",
) -> str:
    """A new space, hosted by `host` when the link sits on an organization's page; its
    circles are then listed in the file. `mode` is `collaboration` or
    `information-sharing`."""
    blank = scaffold.blank(mode, directory, today, host)
    return new_file_url(repository, branch, blank.file, blank.text)
