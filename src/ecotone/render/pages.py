"""What every page family shares: the generated file, the site's settings, the
addresses of entries, and the Markdown file that wraps a page's HTML."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import escape

from ecotone.model import Directory
from ecotone.render.environment import SharedMacros, render, safe_url
from ecotone.render.paths import root_from, source_uri


@dataclass(frozen=True)
class GeneratedFile:
    """A file the build adds to the site. `listed` pages appear in the navigation;
    the others (one per entry) are reachable by links and search only, so that
    the navigation, which the theme writes into every page, stays small. A
    `ready_html` page's body after its front matter is HTML made ready, for the
    theme as it is: Markdown would only copy it, slowly (see mkdocs_hooks)."""

    src_uri: str
    content: str | bytes
    listed: bool = False
    ready_html: bool = False


@dataclass(frozen=True)
class SiteSettings:
    """The site's own settings, `extra.ecotone` in mkdocs.yml. `repository` is the
    directory's GitHub address, such as `https://github.com/owner/repo`; when it is
    set, each generated page links to the file it comes from on `branch`, so that a
    reader can propose a change. `url` and `name` are mkdocs.yml's `site_url` and
    `site_name`: feeds, exports and JSON-LD name pages by absolute address, so
    they are published only when `url` is known."""

    repository: str | None = None
    branch: str = "main"
    url: str | None = None
    name: str = "Ecotone"

    @classmethod
    def from_extra(
        cls, data: object, *, url: str | None = None, name: str = "Ecotone"
    ) -> SiteSettings:
        """The settings from mkdocs.yml, or a ValueError that says what to fix."""
        if data is None:
            return cls(url=url, name=name)
        if not isinstance(data, dict) or set(data) - {"repository", "branch"}:
            raise ValueError(
                "extra.ecotone in mkdocs.yml takes only `repository` (https://github.com/OWNER/REPO)"
                " and `branch` (default: main)"
            )
        repository, branch = data.get("repository"), data.get("branch", "main")
        if repository is not None and not str(safe_url(repository) or "").startswith("https://"):
            raise ValueError(
                f"extra.ecotone.repository in mkdocs.yml is {repository!r}; write the repository's"
                " https:// address, such as https://github.com/OWNER/REPO"
            )
        if not isinstance(branch, str) or not branch.strip():
            raise ValueError(
                "extra.ecotone.branch in mkdocs.yml must be a branch name, such as main"
            )
        return cls(repository.rstrip("/") if repository else None, branch, url, name)

    def edit_url(self, file: str) -> str | None:
        return f"{self.repository}/edit/{self.branch}/{file}" if self.repository else None


class EntryMacros:
    """The macros of a family of entry pages (all spaces, say), shared by its pages
    (see SharedMacros): `m`, those of _macros.html, and `e`, those of
    _ecosystem.html, which their templates use without importing them. `context`
    is what the macros read besides `root` and the directory."""

    def __init__(self, directory: Directory, **context: Any) -> None:
        self._context = {"directory": directory, **context}
        self._by_root: dict[str, Mapping[str, SharedMacros]] = {}

    def at(self, root: str) -> Mapping[str, SharedMacros]:
        """The macros for pages at `root`: links are relative to it."""
        if root not in self._by_root:
            self._by_root[root] = {
                "m": SharedMacros("_macros.html", root=root, **self._context),
                "e": SharedMacros("_ecosystem.html", root=root, **self._context),
            }
        return self._by_root[root]


def markdown_page(
    path: str,
    template: str,
    *,
    title: str,
    description: str | None = None,
    listed: bool = False,
    wide: bool = False,
    searched: bool = True,
    jsonld: Mapping[str, Any] | None = None,
    macros: EntryMacros | None = None,
    **context: Any,
) -> GeneratedFile:
    """A page at `path`: front matter, then the template's HTML as one block.

    The theme writes `title` and `description` into the page unescaped, so they
    are escaped here, and written as JSON strings, which YAML reads as they are.
    A `wide` page hides the theme's sidebars to give its cards the full width.
    A page not `searched` stays out of the search index: one that only gathers
    what the entries' own pages say, which at scale would double the index.
    `jsonld` goes into the page's head as JSON-LD (ecotone/theme/main.html), with
    `<`, `>`, `&` and `'` escaped, so that no text in it can close the script.
    An entry page's template gets its family's `macros`."""
    front = [f"title: {_yaml_string(str(escape(title)))}"]
    if description:
        front.append(f"description: {_yaml_string(str(escape(description)))}")
    if wide:
        front.append("hide: [navigation, toc]")
    if not searched:
        front.append("search: {exclude: true}")
    if jsonld:
        front.append(f"jsonld: {_yaml_string(str(htmlsafe_json_dumps(jsonld, sort_keys=True)))}")
    root = root_from(path)
    html = render(template, root=root, **(macros.at(root) if macros else {}), **context)
    # Partner text has no raw line breaks (see environment), so an empty line can
    # only be a template's; dropping them keeps the HTML one Markdown block.
    body = "\n".join(line for line in html.split("\n") if line.strip())
    content = "---\n" + "\n".join(front) + "\n---\n\n" + body + "\n"
    return GeneratedFile(source_uri(path), content, listed, ready_html=True)


# Characters JSON leaves as they are but YAML would not: line breaks it folds even
# inside a quoted string, and characters its reader refuses.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _yaml_string(text: str) -> str:
    """`text` as a double-quoted string that JSON and YAML both read back unchanged."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)
