"""One-click proposals: links that open GitHub's new-file page with a starting file
filled in, for "Add your organization" and "Propose a space".

The file is the one `ecotone new` writes, with its values left blank: the same
comments walk the author through it, and the pull request's checks point at
each blank still to fill in. GitHub offers to fork the repository for anyone
who cannot write to it. ("Propose a change" to an existing file is GitHub's
edit page; see `SiteSettings.edit_url`.)
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from ecotone.render.pages import SiteSettings
from ecotone.sitedata import Blank, Blanks

# The settings of a site without a repository: no proposal links.
NO_REPOSITORY = SiteSettings()

# GitHub answers 414 to a longer address (8,191 bytes, by its documentation).
MAX_URL_BYTES = 8000


def new_file_url(
    repository: str, branch: str, file: str, content: str, quoted: str | None = None
) -> str:
    """GitHub's page for creating `file` on `branch`, with `content` filled in
    (`quoted`: the content percent-encoded already). When the address would be too
    long, the comments are left out; the fields stay."""
    base = f"{repository.rstrip('/')}/new/{quote(branch, safe='')}?filename={quote(file, safe='/')}"
    url = f"{base}&value={_quoted(content) if quoted is None else quoted}"
    if len(url) <= MAX_URL_BYTES:
        return url
    fields = "".join(line + "\n" for line in content.splitlines() if _is_field(line))
    return f"{base}&value={_quoted(fields)}"


def _quoted(text: str) -> str:
    return quote(text, safe="")


def _is_field(line: str) -> bool:
    stripped = line.lstrip()
    return bool(stripped) and (not stripped.startswith("#") or "yaml-language-server" in line)


@dataclass(frozen=True)
class Proposals:
    """The proposal links a page shows."""

    add_organization: str
    collaboration: str
    information_sharing: str


def proposals(
    repository: str | None, branch: str, blanks: Blanks, host: str | None = None
) -> Proposals | None:
    """The links, or None when the site has no repository configured; `blanks` are
    the site data's. With `host`, the spaces are proposed in that organization's
    folder, its circles listed in the file."""
    if not repository:
        return None
    return Proposals(
        _url(repository, branch, blanks["organization", None]),
        _url(repository, branch, blanks["collaboration", host]),
        _url(repository, branch, blanks["information-sharing", host]),
    )


def _url(repository: str, branch: str, blank: Blank) -> str:
    return new_file_url(repository, branch, blank.file, blank.text, blank.quoted)
