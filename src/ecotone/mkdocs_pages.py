"""The entry pages (one per organization, space and playbook) and the big generated
files (exports, embeds), written by Ecotone outside MkDocs' per-page pipeline.

MkDocs would give each page a Markdown pass (over an empty body: the HTML is
ready), hold every page in memory for the whole build, and render the theme
once per page. Here each page gets the same MkDocs structures (a `File`, a
`Page`, the template context of `get_context`), the same events that concern
the theme (`page_context`, `post_page`) and the same template, so the page is
what MkDocs and Material would make of it, byte for byte; it is then written
and forgotten. What MkDocs still needs to know of these pages, the sitemap's
entries, is made from their addresses, as MkDocs would make it from their `Page`.
The theme's part, the same for every page of a shape but for a few values, is
rendered once per shape and checked against a page rendered in full (`Shapes`).

With two cores, a forked copy of the build writes every other page, starting
while MkDocs still builds its own pages: the pages share nothing but what the
fork copies, and each is the same bytes whichever process writes it.
"""

from __future__ import annotations

import logging
import multiprocessing
import pickle
import re
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from copy import deepcopy
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import BinaryIO, Generic, TypeVar
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import write_file

from ecotone.forked import ForkedWork, can_share_work
from ecotone.render import theme
from ecotone.render.pages import DeferredFile, GeneratedPage

T = TypeVar("T")


class EntryPage:
    """A generated page MkDocs does not build: its MkDocs `File`, what makes the page
    when it is written, and its MkDocs `Page`, made only then. A rebuild of `mkdocs
    serve` writes one or two of thousands, and making a `Page` is most of the cost of
    listing one (0.12 s of a rebuild at 1,000 organizations)."""

    def __init__(self, src_uri: str, make: Callable[[], GeneratedPage], config: MkDocsConfig):
        self.make = make
        self.file = File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        self._config = config

    @cached_property
    def page(self) -> Page:
        page = Page(None, self.file, self._config)
        # As MkDocs' reading of a front-matter-only Markdown file leaves it.
        page.markdown = ""
        page.toc = get_toc([])
        return page

    def sitemap_line(self, urls: CanonicalUrls, update_date: str) -> SitemapLine:
        return SitemapLine(self.file.src_uri, *urls.of(self.file.url), update_date)


@dataclass(frozen=True)
class SitemapLine:
    """An entry page as MkDocs' sitemap template reads it (`file.page.canonical_url`,
    `.abs_url`, `.update_date`, `.is_link`), given to the template in its file's
    place: its `page` is itself."""

    src_uri: str
    canonical_url: str | None
    abs_url: str | None
    update_date: str
    is_link: bool = False

    @property
    def page(self) -> SitemapLine:
        return self


# A path of plain segments (none of them `.` or `..`), with or without a final slash.
_PLAIN_PATH = re.compile(r"(?:[A-Za-z0-9_~-][A-Za-z0-9_.~-]*/?)*")


class CanonicalUrls:
    """Pages' canonical addresses and their paths, as MkDocs' `Page` makes them: the
    page's address joined to the site's. Where both are plain paths, joining them
    is putting one after the other, without parsing either again for every page."""

    def __init__(self, site_url: str | None) -> None:
        self._base = site_url if not site_url or site_url.endswith("/") else site_url + "/"
        parts = urlsplit(self._base) if self._base else None
        plain = (
            parts
            and not (parts.query or parts.fragment)
            and _PLAIN_PATH.fullmatch(parts.path.removeprefix("/"))
            # and nothing else that joining changes, such as a scheme in capitals
            and urljoin(self._base, "a/") == self._base + "a/"
        )
        self._base_path = parts.path if parts and plain else None

    def of(self, url: str) -> tuple[str | None, str | None]:
        """(canonical address, its path) of the page at `url`, relative to the site."""
        if not self._base:
            return None, None
        if url in (".", "./"):  # the home page, whose address MkDocs takes as ""
            url = ""
        if self._base_path is not None and _PLAIN_PATH.fullmatch(url):
            return self._base + url, self._base_path + url
        canonical = urljoin(self._base, url)
        return canonical, urlsplit(canonical).path


class EntryWriter:
    """Writes the entry pages (each rendered with the theme) and the big generated
    files, each as soon as it is made.

    With a second core, a forked copy of the build starts on the items as soon as
    the theme's environment is ready (`start`, at MkDocs' `env` event), while this
    process goes on building MkDocs' own pages; this process joins in when MkDocs
    is done (`finish`, at `post_build`), each taking the next few items as it is
    ready for them (`Claims`), and then waits for the copy."""

    def __init__(
        self,
        pages: Sequence[EntryPage],
        files: Sequence[DeferredFile],
        config: MkDocsConfig,
        nav: Navigation,
        env: Environment,
        doc_files: Sequence[File],
    ):
        self._items: list[EntryPage | DeferredFile] = [*pages, *files]
        # What this process writes: every item, or, once a forked copy shares them,
        # those it claims.
        self._share: Iterable[EntryPage | DeferredFile] = self._items
        self._theme = _Theme(config, nav, env, doc_files)
        self._forked: Forked | None = None

    def start(self) -> None:
        items = self._items
        if len(items) >= PARALLEL_FROM and can_share_work():
            self._share = Claims(items)
            self._forked = Forked(self._write_all, self._share)

    def finish(self) -> None:
        forked, self._forked = self._forked, None
        try:
            self._write_all(self._share)
        finally:
            if forked:
                forked.join()

    def writers(self) -> dict[str, Callable[[], None]]:
        """What writes each item alone, by its path in the site folder: for a rebuild
        of `mkdocs serve`, which writes an item when it is asked for."""
        return {_site_path(item): partial(self._write_all, (item,)) for item in self._items}

    def write_listed(self, page: Page, generated: GeneratedPage) -> None:
        """Write again, with its body, a page MkDocs has built without it: one of those
        that list the whole directory, written around its body as the body is
        rendered (see `_Theme.write_around_body`)."""
        self._theme.write_around_body(page, generated)

    def abandon(self) -> None:
        """The build failed: stop the forked copy, if any."""
        if self._forked:
            self._forked.stop()

    def _write_all(self, share: Iterable[EntryPage | DeferredFile]) -> None:
        theme = self._theme
        shapes = Shapes(theme.config, theme.nav) if shapes_apply(theme.config) else None
        for item in share:
            if isinstance(item, EntryPage):
                theme.write(item.page, item.make(), shapes)
            else:
                _write_made(item, Path(theme.config.site_dir))


# Below this many pages, forking costs more than it saves.
PARALLEL_FROM = 200


def _site_path(item: EntryPage | DeferredFile) -> str:
    return item.file.dest_uri if isinstance(item, EntryPage) else item.src_uri


@dataclass(frozen=True)
class _Theme:
    """What rendering a page with the theme takes, as MkDocs' own build of a page
    has it (see mkdocs.commands.build._build_page)."""

    config: MkDocsConfig
    nav: Navigation
    env: Environment
    doc_files: Sequence[File]

    def write(self, page: Page, generated: GeneratedPage, shapes: Shapes | None) -> None:
        """One page, as MkDocs' own build of a page makes it; from its shape's
        skeleton when it has one."""
        output = self.themed(page, generated, generated.body, shapes)
        write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)

    def themed(
        self, page: Page, generated: GeneratedPage, content: str, shapes: Shapes | None
    ) -> str:
        """The page with `content` as its body, rendered by the theme. The page's front
        matter and content are then as before: an entry page holds none of it, and
        a page in the navigation keeps the title the navigation shows."""
        config, nav = self.config, self.nav
        before = page.meta, page.content
        page.meta = deepcopy(dict(generated.front_matter))
        page.content = content
        config._current_page = page
        page.active = True
        try:
            context = get_context(nav, self.doc_files, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)

            def render() -> str:
                output = template.render(context)
                return config.plugins.on_post_page(output, page=page, config=config)

            return render() if shapes is None else shapes.page(page, render)
        finally:
            page.active = False
            config._current_page = None
            page.meta, page.content = before

    def write_around_body(self, page: Page, generated: GeneratedPage) -> None:
        """A page, as `write` writes it, with the theme's part rendered around a
        marker and the body written in its place piece by piece as it is rendered.

        At 10,000 organizations the pages that list the whole directory are up to
        66 MB of HTML; rendered whole, Jinja holds their million pieces in a list to
        join them, then the theme's output, its changes and its bytes are more
        copies. The theme writes a heading of its own when the body has none, so
        the body is read up to its first heading before the theme's part is
        rendered. Where a plugin whose part in a page is not known sees the page,
        it gets the whole page, rendered as `write` renders it."""
        if not shapes_apply(self.config):
            self.write(page, generated, None)
            return
        pieces = generated.body_pieces()
        read, heading = _until_heading(pieces)
        marker = _MARKERS["content"]
        output = self.themed(page, generated, marker + (_HEADING if heading else ""), None)
        if heading:
            output = output.replace(marker + _HEADING, marker)
        before, found, after = output.partition(marker)
        if not found or marker in after:  # the theme did not write the body once
            self.write(page, generated, None)
            return
        path = Path(page.file.abs_dest_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", errors="xmlcharrefreplace", newline="") as file:
            file.write(before)
            file.writelines(read)
            file.writelines(pieces)
            file.write(after)


_HEADING = "\u003ch1"


def _until_heading(pieces: Iterator[str]) -> tuple[list[str], bool]:
    """The pieces up to and with the first that completes a heading's opening tag,
    and whether there is one (if not, every piece has been read)."""
    read: list[str] = []
    end = ""  # the last few characters read, for a tag cut between two pieces
    for piece in pieces:
        read.append(piece)
        if _HEADING in end + piece:
            return read, True
        end = (end + piece)[-len(_HEADING) :]
    return read, False


def _write_made(file: DeferredFile, site_dir: Path) -> None:
    """A generated file, made now and written piece by piece when it comes in pieces."""
    path = site_dir / file.src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    made = file.make()
    if isinstance(made, bytes):
        path.write_bytes(made)
        return
    with path.open("w", encoding="utf-8") as output:
        output.writelines([made] if isinstance(made, str) else made)


# What an entry page's theme part may depend on beyond its shape: these, put in
# the page as they are (Material writes them unescaped, and they come escaped).
_SLOTS = ("title", "description", "jsonld", "content", "canonical_url", "edit_url")
_MARK = "\x00ecotone-slot-"
_MARKERS = {slot: f"{_MARK}{slot}\x00" for slot in _SLOTS}
_IN_META = ("title", "description", "jsonld")


class Shapes:
    """Material's part of the entry pages, rendered once per shape.

    Two entry pages of the same template, the same front matter but for their
    title, description and JSON-LD, at the same depth (see
    `theme.addressing`), differ in Material's output only by those values,
    their body, canonical and edit addresses. So the first page of a shape is
    rendered as MkDocs would render it, and once more with a marker in place
    of each of those values: the skeleton. The second page is rendered in full
    as well and compared with its skeleton filled in; only a skeleton that
    gives the theme's own bytes is used for the pages after it, by string
    joins. Whatever else the theme might take from a page shows up as a
    mismatch, and the pages of that shape are rendered in full."""

    def __init__(self, config: MkDocsConfig, nav: Navigation):
        self._config = config
        self._listed = [listed.url for listed in nav.pages]
        # A skeleton, by shape: not yet checked, checked, or None (not to be used).
        self._unchecked: dict[tuple[object, ...], list[str]] = {}
        self._checked: dict[tuple[object, ...], list[str] | None] = {}

    def page(self, page: Page, render: Callable[[], str]) -> str:
        values = _slot_values(page)
        if values is None:
            return render()
        key = self._shape(page)
        if key in self._checked:
            skeleton = self._checked[key]
            return render() if skeleton is None else _fill(skeleton, values)
        output = render()
        if key in self._unchecked:
            skeleton = self._unchecked.pop(key)
            self._checked[key] = skeleton if _fill(skeleton, values) == output else None
        else:
            self._unchecked[key] = self._skeleton(page, render)
        return output

    def _shape(self, page: Page) -> tuple[object, ...]:
        rest = sorted((key, repr(value)) for key, value in page.meta.items() if key not in _IN_META)
        present = tuple(bool(getattr(page, slot, None) or page.meta.get(slot)) for slot in _SLOTS)
        return (
            theme.addressing(page.url, self._listed),
            tuple(rest),
            present,
            "\u003ch1" in page.content,  # Material adds a heading to a page without one
        )

    def _skeleton(self, page: Page, render: Callable[[], str]) -> list[str]:
        """The page rendered with markers in its slots, cut at them: the text
        between slots, then slot names, alternately."""
        meta, content = page.meta, page.content
        urls = page.canonical_url, page.edit_url
        page.meta = {
            key: _MARKERS[key] if key in _IN_META else value for key, value in meta.items()
        }
        page.content = _MARKERS["content"] + ("\u003ch1" if "\u003ch1" in content else "")
        page.canonical_url = urls[0] and _MARKERS["canonical_url"]
        page.edit_url = urls[1] and _MARKERS["edit_url"]
        try:
            output = render()
        finally:
            page.meta, page.content = meta, content
            page.canonical_url, page.edit_url = urls
        if "\u003ch1" in content:
            output = output.replace(_MARKERS["content"] + "\u003ch1", _MARKERS["content"])
        return _SLOT_SPLIT.split(output)


_SLOT_SPLIT = re.compile(f"{re.escape(_MARK)}({'|'.join(_SLOTS)})\x00")


def _slot_values(page: Page) -> dict[str, str] | None:
    """The page's value for each slot, or None if one holds text that would cut it
    into slots of its own."""
    values = {slot: page.meta.get(slot) for slot in _IN_META}
    values.update(content=page.content, canonical_url=page.canonical_url, edit_url=page.edit_url)
    if any(_MARK in value for value in values.values() if isinstance(value, str)):
        return None
    return {slot: value for slot, value in values.items() if isinstance(value, str)}


def _fill(skeleton: list[str], values: dict[str, str]) -> str:
    parts = skeleton.copy()
    parts[1::2] = [values[slot] for slot in skeleton[1::2]]
    return "".join(parts)


# The plugins whose part in a page is known: the theme's search, which takes a
# page's text in `on_page_context` and leaves the template's context alone, and
# Ecotone's own hooks.
KNOWN_PLUGINS = frozenset({"material.plugins.search.plugin", "ecotone.mkdocs_hooks"})


def only_known_plugins(config: MkDocsConfig, events: Sequence[str]) -> bool:
    """Whether every plugin that takes one of these MkDocs `events` is a known one."""
    return all(
        getattr(method, "__module__", None) in KNOWN_PLUGINS
        for event in events
        for method in config.plugins.events[event]
    )


def shapes_apply(config: MkDocsConfig) -> bool:
    """Whether every plugin that sees an entry page is one whose part in it is
    known (Ecotone's own `on_post_page` changes the theme's markup, never a
    page's body)."""
    return only_known_plugins(config, ("page_context", "post_page"))


class Claims(Generic[T]):
    """`items`, handed out a few at a time to whichever process asks first: the
    count of those taken lives in memory that a fork shares, so that this process
    and its forked copy each work while they can and end together, however late
    one of them starts."""

    BATCH = 8

    def __init__(self, items: Sequence[T]):
        self._items = items
        self._taken = multiprocessing.get_context("fork").Value("q", 0)

    def __iter__(self) -> Iterator[T]:
        while True:
            with self._taken.get_lock():
                start = self._taken.value
                self._taken.value = start + self.BATCH
            if start >= len(self._items):
                return
            yield from self._items[start : start + self.BATCH]


class Forked:
    """`work` over `items` in a forked copy of this process, from now until `join`.

    What the copy logs is logged here again at `join`, so that MkDocs' --strict
    counts its warnings; an exception in the copy stops the build with its
    traceback. The build has frozen the cycle collector's heap before
    (`mkdocs_hooks`): its passes would otherwise write into every object the copy
    shares with this process, copying the memory they share."""

    def __init__(self, work: Callable[[Iterable[T]], None], items: Iterable[T]):
        self._copy = ForkedWork(partial(_logged, work, items))
        self.pid = self._copy.pid

    def join(self) -> None:
        outcome = self._copy.outcome()
        records, failure = pickle.loads(outcome) if outcome else ([], "the child process died")
        for name, level, message in records:
            logging.getLogger(name).log(level, message)
        if failure:
            raise PluginError(f"ecotone: writing the entry pages failed:\n{failure}")

    def stop(self) -> None:
        self._copy.stop()


def _logged(work: Callable[[Iterable[T]], None], items: Iterable[T], pipe: BinaryIO) -> None:
    """In the copy: run `work`; what it logged and how it ended, pickled."""
    captured = _Captured()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.handlers = [captured]
    mkdocs_log.propagate = False
    failure = ""
    try:
        work(items)
    except BaseException:
        failure = traceback.format_exc()
    pickle.dump((captured.records, failure), pipe)


class _Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))
