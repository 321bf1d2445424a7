"""What every page family shares: the generated file and page, the site's settings,
the addresses of entries, and the front matter and HTML body of a page."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import escape

from ecotone.export.tags import DEFAULT_TAG_YEAR, TAG_AUTHORITY
from ecotone.model import Directory
from ecotone.render.environment import Renderer, SharedMacros, safe_url
from ecotone.render.paths import root_from, source_uri
from ecotone.text import yaml_quoted


@dataclass(frozen=True)
class GeneratedFile:
    """A file the build adds to the site as it is. `listed` ones (Markdown pages such
    as the references) appear in the navigation."""

    src_uri: str
    content: str | bytes
    listed: bool = False


@dataclass(frozen=True)
class DeferredFile:
    """A file the build adds to the site as it is, made only when it is written:
    held from the start of a build, the big ones (the directory's JSON, the
    exports, thousands of embeds) would hold tens of megabytes until then."""

    src_uri: str
    make: Callable[[], str | bytes | Iterator[str]]

    listed = False

    @property
    def content(self) -> str | bytes:
        made = self.make()
        return made if isinstance(made, str | bytes) else "".join(made)


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build adds to the site: its front matter (what MkDocs calls the
    page's `meta`) and its HTML body apart, the body rendered only when asked for,
    so that a build can write each page as it renders it and hold no page's HTML
    longer. `listed` pages appear in the navigation; the others are reachable by
    links and search only, so that the navigation, which the theme writes into
    every page, stays small."""

    src_uri: str
    front_matter: Mapping[str, Any]
    render_body: Body
    listed: bool = False

    @property
    def body(self) -> str:
        return self.render_body()

    def body_pieces(self) -> Iterator[str]:
        """The body piece by piece as it is rendered, for a page too big to hold whole
        (at 10,000 organizations, the map's page is 66 MB of HTML)."""
        return self.render_body.pieces()

    @property
    def front_matter_text(self) -> str:
        """The front matter as YAML between `---` lines, which MkDocs reads back into
        the same mapping: strings as JSON strings (`text.yaml_quoted`)."""
        lines = [f"{key}: {_yaml_value(value)}" for key, value in self.front_matter.items()]
        return "---\n" + "\n".join(lines) + "\n---\n"

    @property
    def content(self) -> str:
        """The page as one Markdown file: front matter, then the HTML body as one block."""
        return self.front_matter_text + "\n" + self.body + "\n"


@dataclass(frozen=True)
class DeferredPage:
    """An entry page whose address is known now and which is made only when it is
    written: at scale, every entry page's context held until then (its members,
    escalation paths, budget) would cost more memory than their HTML did. Asked
    for its front matter, body or content, it makes the page (again)."""

    src_uri: str
    make: Callable[[], GeneratedPage]
    listed: bool = False

    @property
    def front_matter(self) -> Mapping[str, Any]:
        return self.make().front_matter

    @property
    def body(self) -> str:
        return self.make().body

    @property
    def content(self) -> str:
        return self.make().content


def deferred(path: str, make: Callable[[], GeneratedPage]) -> DeferredPage:
    """The entry page at `path`, made by `make` when it is needed."""
    return DeferredPage(source_uri(path), make)


@dataclass(frozen=True)
class SiteSettings:
    """The site's own settings, `extra.ecotone` in mkdocs.yml. `repository` is the
    directory's GitHub address, such as `https://github.com/owner/repo`; when it is
    set, each generated page links to the file it comes from on `branch`, so that a
    reader can propose a change. `url` and `name` are mkdocs.yml's `site_url` and
    `site_name`: feeds, exports and JSON-LD name pages by absolute address, so
    they are published only when `url` is known. `tag_authority`, such as
    `example.org,2026`, names the feeds' ids and the calendar's UIDs (see
    `ecotone.export.tags`), so that they stay the same when the site moves."""

    repository: str | None = None
    branch: str = "main"
    url: str | None = None
    name: str = "Ecotone"
    tag_authority: str | None = None

    @property
    def id_authority(self) -> str:
        """`tag_authority`, or by default the host of `url` and the year 2026."""
        if self.tag_authority is not None:
            return self.tag_authority
        return f"{urlsplit(self.url or '').hostname or 'localhost'},{DEFAULT_TAG_YEAR}"

    @classmethod
    def from_extra(
        cls, data: object, *, url: str | None = None, name: str = "Ecotone"
    ) -> SiteSettings:
        """The settings from mkdocs.yml, or a ValueError that says what to fix."""
        if data is None:
            return cls(url=url, name=name)
        if not isinstance(data, dict) or set(data) - {"repository", "branch", "tag_authority"}:
            raise ValueError(
                "extra.ecotone in mkdocs.yml takes only `repository` (https://github.com/OWNER/REPO),"
                " `branch` (default: main) and `tag_authority` (such as example.org,2026)"
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
        authority = data.get("tag_authority")
        if authority is not None and not TAG_AUTHORITY.match(str(authority)):
            raise ValueError(
                f"extra.ecotone.tag_authority in mkdocs.yml is {authority!r}; write a domain name"
                " (or an email address) you held, a comma and the date you held it, such as"
                " example.org,2026 — then never change it"
            )
        return cls(repository.rstrip("/") if repository else None, branch, url, name, authority)

    def edit_url(self, file: str) -> str | None:
        return f"{self.repository}/edit/{self.branch}/{file}" if self.repository else None


class EntryMacros:
    """The macros of a family of entry pages (all spaces, say), shared by its pages
    (see SharedMacros): `m`, those of _macros.html, and `e`, those of
    _ecosystem.html, which their templates use without importing them. `context`
    is what the macros read besides `root` and the directory."""

    def __init__(self, renderer: Renderer, directory: Directory, **context: Any) -> None:
        self.renderer = renderer
        self._context = {"directory": directory, **context}
        self._by_root: dict[str, Mapping[str, SharedMacros]] = {}

    def at(self, root: str) -> Mapping[str, SharedMacros]:
        """The macros for pages at `root`: links are relative to it."""
        if root not in self._by_root:
            self._by_root[root] = {
                "m": SharedMacros(self.renderer, "_macros.html", root=root, **self._context),
                "e": SharedMacros(self.renderer, "_ecosystem.html", root=root, **self._context),
            }
        return self._by_root[root]


def markdown_page(
    renderer: Renderer,
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
    scripts: Sequence[str] = (),
    styles: Sequence[str] = (),
    **context: Any,
) -> GeneratedPage:
    """A page at `path`: front matter, and the template's HTML as its body, rendered
    by `renderer` when it is asked for.

    The theme writes `title` and `description` into the page unescaped, so they
    are escaped here.
    A `wide` page hides the theme's sidebars to give its cards the full width.
    A page not `searched` stays out of the search index: one that only gathers
    what the entries' own pages say, which at scale would double the index.
    `jsonld` goes into the page's head as JSON-LD (ecotone/theme/main.html), with
    `<`, `>`, `&` and `'` escaped, so that no text in it can close the script.
    An entry page's template gets its family's `macros`. `scripts` and `styles`
    are the page's own assets, by their paths under the package's `assets/`: this
    page alone loads them (ecotone/theme/main.html)."""
    front: dict[str, Any] = {"title": str(escape(title))}
    if description:
        front["description"] = str(escape(description))
    if wide:
        front["hide"] = ["navigation", "toc"]
    if not searched:
        front["search"] = {"exclude": True}
    if jsonld:
        front["jsonld"] = str(htmlsafe_json_dumps(jsonld, sort_keys=True))
    if scripts:
        front["scripts"] = list(scripts)
    if styles:
        front["styles"] = list(styles)
    root = root_from(path)
    context.update(macros.at(root) if macros else {})
    return GeneratedPage(source_uri(path), front, Body(renderer, template, root, context), listed)


@dataclass(frozen=True, eq=False)
class Body:
    """A page's HTML body, rendered from its template when asked for: whole, or piece
    by piece. Partner text has no raw line breaks (see environment), so an empty
    line can only be a template's; both leave such lines out, which keeps the HTML
    one Markdown block."""

    renderer: Renderer
    template: str
    root: str
    context: Mapping[str, Any]

    def __call__(self) -> str:
        html = self.renderer.render(self.template, root=self.root, **self.context)
        return "\n".join(line for line in html.split("\n") if line.strip())

    def pieces(self) -> Iterator[str]:
        """The same text as a call gives, in pieces."""
        rendered = self.renderer.generate(self.template, root=self.root, **self.context)
        return without_blank_lines(rendered)


def without_blank_lines(pieces: Iterable[str]) -> Iterator[str]:
    """The text the `pieces` make, without its blank lines, in pieces: the lines that
    are not blank, joined by line breaks, as `"\\n".join` of them would. A line is
    held only while it is blank so far, so that a long line (the map is one) goes
    on in pieces as it came."""
    blank: list[str] = []  # the line being read, while it is only spaces
    writing = False  # the line being read has text, and is being written
    written = False  # a line has been written, so the next one starts with a break
    for piece in pieces:
        for number, part in enumerate(piece.split("\n")):
            if number:  # a line break: the next part starts a line
                blank, writing = [], False
            if writing:
                if part:
                    yield part
            elif part.strip():
                yield ("\n" if written else "") + "".join(blank) + part
                blank, writing, written = [], True, True
            elif part:
                blank.append(part)


def _yaml_value(value: object) -> str:
    """A front matter value in YAML's flow style: strings quoted (`text.yaml_quoted`)."""
    if isinstance(value, str):
        return yaml_quoted(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no front matter for {value!r}")
