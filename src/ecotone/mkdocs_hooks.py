"""The MkDocs side of every directory's build.

A directory's `hooks/ecotone_hooks.py` only imports `on_config` from here, so
that the logic lives in the installed package: MkDocs loads a hook file once
per process and keeps it, and a directory made by `ecotone init` holds no copy
of this code. `on_config` starts each build (each rebuild of `mkdocs serve`
too) with a new `EcotoneBuild`, which it registers as a plugin of that build:
MkDocs then calls the object's own event methods, and the build's state lives
on it, never in this module.
"""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from importlib import resources
from pathlib import Path
from typing import IO, Any, TypeVar

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

from ecotone import sitedata
from ecotone.analysis.git import git_file_dates
from ecotone.analysis.membership import kept_seat_history
from ecotone.collector import cycle_collector_paused
from ecotone.mkdocs_pages import (
    CanonicalUrls,
    EntryPage,
    EntryWriter,
    SitemapLine,
    only_known_plugins,
    shapes_apply,
)
from ecotone.mkdocs_serve import REBUILDING, Rebuilds
from ecotone.model import Directory
from ecotone.package_files import theme_folder
from ecotone.render import ecosystem, search, site, theme
from ecotone.render.environment import Compiled, Renderer, compile_all
from ecotone.render.pages import (
    DeferredFile,
    DeferredPage,
    GeneratedFile,
    GeneratedPage,
    SiteSettings,
)
from ecotone.validate import report
from ecotone.validate.run import history_renames, validate_directory_apart

__all__ = ["on_config"]

T = TypeVar("T")

PLUGIN_NAME = "ecotone"
SEARCH_INDEX = "search/search_index.json"
SOURCE_DATE = "SOURCE_DATE_EPOCH"  # where the search plugin writes its index

log = get_plugin_logger(PLUGIN_NAME)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start a build: a new EcotoneBuild holds its state and takes its events."""
    return EcotoneBuild().start(config)


class EcotoneBuild(BasePlugin):
    """One build of a directory's site, from validation to the search index.

    MkDocs builds the hand-written pages and the few generated pages the
    navigation lists (the last, those that list the whole directory, get their
    HTML only as MkDocs renders them); the entry pages (one per organization,
    space and playbook) are written by `ecotone.mkdocs_pages`, by a forked copy
    from the `env` event on and by this process once MkDocs has built its own,
    and appear in the sitemap beside them."""

    # Whether this build writes the entry pages itself, rather than handing them to
    # MkDocs' per-page pipeline (which the comparison test builds with).
    writes_entry_pages = True
    # Whether a generated page that MkDocs builds gets its HTML when MkDocs renders
    # the page, rather than when it reads it (the comparison test builds without).
    renders_listed_late = True

    def __init__(self) -> None:
        self._listed: dict[str, GeneratedPage] = {}  # until MkDocs has rendered each
        self._html_when_rendered = False  # rather than when MkDocs reads the page
        self._listed_after = False  # written after MkDocs' own pages, around their body
        self._listed_later: list[tuple[Page, GeneratedPage]] = []  # those, once built
        self._entries: list[EntryPage] = []
        self._made_files: list[DeferredFile] = []
        # The generated pages in the order the site makes them: MkDocs' files, and the
        # entry pages, whose sitemap lines are made when the sitemap is.
        self._sitemap_order: list[File | EntryPage] = []
        # The search entries' documents, written as they are found (84 MB of Python
        # objects at 10,000 organizations, held to the end of the build otherwise).
        self._search_documents: IO[str] | None = None
        self._searched: tuple[Directory, Renderer] | None = None  # what they come from
        self._nav: Navigation | None = None
        self._writer: EntryWriter | None = None
        self._pinned_source_date = False
        self._rebuilds: Rebuilds | None = None  # when this is `mkdocs serve`'s first build
        self._rebuilding: Rebuilds | None = None  # when this is one of its rebuilds
        self._compiled = Compiled()  # templates, compiled or from the build before

    def _pin_source_date(self, epoch: str) -> None:
        """MkDocs dates the sitemap (and the gzip header of its copy) by
        SOURCE_DATE_EPOCH, or else by the clock: pinned to the build date, the same
        data and date give the same site. Set for this build only (unless whoever
        runs MkDocs set it), so that the next build of `mkdocs serve` has its own."""
        if SOURCE_DATE not in os.environ:
            os.environ[SOURCE_DATE] = epoch
            self._pinned_source_date = True

    def _unpin_source_date(self) -> None:
        if self._pinned_source_date:
            os.environ.pop(SOURCE_DATE, None)
            self._pinned_source_date = False

    def start(self, config: MkDocsConfig) -> MkDocsConfig:
        """Add the package's style sheets and scripts to every page, and its template
        additions in front of the theme's (after a directory's own custom_dir); then
        take the rest of the build's events."""
        if theme_folder() not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_folder())
        config.extra_css.extend(uri for uri in site.stylesheets() if uri not in config.extra_css)
        config.plugins[PLUGIN_NAME] = self
        self._rebuilding = REBUILDING.get()
        if self._rebuilding is not None:
            self._compiled = self._rebuilding.compiled
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Validate the directory, stop the build on errors, and add the generated
        files; the entry pages wait, known by their address only, until
        on_post_build. All that this makes lives to the end of the build, so the
        cycle collector waits meanwhile (see ecotone.collector)."""
        with cycle_collector_paused():
            return self._add_files(files, config)

    def _add_files(self, files: Files, config: MkDocsConfig) -> Files:
        try:
            today = site.build_date()
            site.check_published_address(config.site_url)
            warnings_fail_strict = site.entry_warnings_fail_strict()
            settings = SiteSettings.from_extra(
                config.extra.get("ecotone"), url=config.site_url, name=config.site_name
            )
        except ValueError as error:
            raise PluginError(str(error)) from None
        self._html_when_rendered = self.renders_listed_late and late_bodies_apply(config)
        self._listed_after = self._html_when_rendered and (
            self._rebuilding is not None or shapes_apply(config)
        )
        if notice := site.unpinned_ids_notice(settings):
            log.info(notice)
        self._pin_source_date(site.source_date_epoch(today))
        root = Path(config.config_file_path).parent
        history = partial(self._history, root, today)
        renames = history("renames", lambda: history_renames(root)())
        renderer = Renderer(self._compiled.pages)  # this build's, dropped with it
        if self._rebuilding:
            # A rebuild of `mkdocs serve` keeps the previous build and its server's
            # threads (which a forked copy would not have): it validates here, sooner,
            # with the validation cache, model and templates the rebuild before left.
            result = self._rebuilding.validate(root, today, renames)
        else:
            compile_ahead = partial(self._compile_ahead, config, renderer)
            result = validate_directory_apart(root, today, renames=renames, meanwhile=compile_ahead)
        _freeze_heap()
        _report(result.problems, warnings_fail_strict)
        if result.errors:
            count = len(result.errors)
            raise PluginError(
                f"ecotone: {count} {'error' if count == 1 else 'errors'} in the directory, so the"
                f" site was not built:\n{report.as_text(result.errors)}"
            )
        data = sitedata.site_data(
            result.directory,
            today,
            history("dates", lambda: git_file_dates(root, today)),
            history("seats", lambda: kept_seat_history(root, today, result.directory)),
            proposing=bool(settings.repository),
        )
        home = files.get_file_from_path("index.md")
        if home is not None:
            home.content_string = ecosystem.with_statistics(
                home.content_string, data.statistics, renderer
            )
        self._searched = result.directory, renderer
        for generated in site.generated_files(data, settings, renderer):
            if isinstance(generated, GeneratedFile):
                files.append(_static(generated, config))
            elif isinstance(generated, DeferredFile):
                self._made_files.append(generated)
            elif isinstance(generated, DeferredPage) and self.writes_entry_pages:
                entry = EntryPage(generated.src_uri, generated.make, config)
                self._entries.append(entry)
                self._sitemap_order.append(entry)
            else:
                page = generated.make() if isinstance(generated, DeferredPage) else generated
                self._add_to_mkdocs(page, files, config)
        _freeze_heap()
        return files

    def _compile_ahead(self, config: MkDocsConfig, renderer: Renderer) -> None:
        """While a forked copy validates, compile the templates the build renders: the
        pages' (into this build's renderer) and the theme's (kept for the theme's
        environment, which MkDocs makes later). Otherwise each process that writes
        pages compiles them, the forked copy that writes entry pages as well: half a
        second of CPU at 1,000 organizations."""
        renderer.compile_pages()
        env = config.theme.get_env()
        env.bytecode_cache = self._compiled.theme
        env.cache = None  # only the compiled code is kept, not this environment's templates
        compile_all(env, theme.page_templates(env, config.theme["language"]))
        # Compiling leaves reference cycles behind, which the paused collector would
        # otherwise keep, and the build then freeze, to its end.
        gc.collect()

    def _add_to_mkdocs(self, generated: GeneratedPage, files: Files, config: MkDocsConfig) -> None:
        """A page MkDocs builds: it reads the front matter, and gets the HTML body
        where Markdown's output would go (on_page_content). Python-Markdown would
        parse the HTML tag by tag only to copy it unchanged."""
        inclusion = InclusionLevel.UNDEFINED if generated.listed else InclusionLevel.NOT_IN_NAV
        file = File.generated(
            config, generated.src_uri, content=generated.front_matter_text, inclusion=inclusion
        )
        files.append(file)
        self._listed[generated.src_uri] = generated
        self._sitemap_order.append(file)

    def _history(self, root: Path, today: date, reading: str, read: Callable[[], T]) -> T:
        """What `read` finds in git's history; in a rebuild of `mkdocs serve`, as the
        rebuild before found it while the branch has not moved."""
        return (
            self._rebuilding.read_history(root, today, reading, read)
            if self._rebuilding
            else read()
        )

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav = nav
        return nav

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """With the theme ready, start writing the entry pages (on the second core,
        while this one finds the search entries and MkDocs builds its own pages),
        unless this is a rebuild of `mkdocs serve`, which writes the pages and finds
        the search entries when they are asked for."""
        theme.share_navigation(env, str(resources.files(theme.MATERIAL) / "templates"))
        env.bytecode_cache = self._compiled.theme
        assert self._nav is not None and self._searched is not None
        self._writer = EntryWriter(
            self._entries, self._made_files, config, self._nav, env, files.documentation_pages()
        )
        if self._rebuilding is None:
            self._writer.start()
            # Open until on_post_build writes the index from it (or the build fails).
            self._search_documents = tempfile.TemporaryFile(  # noqa: SIM115
                "w+", encoding="utf-8", newline=""
            )
            entries = search.search_entries(*self._searched)
            self._search_documents.writelines(search.documents_text(entries))
        return env

    def on_page_content(self, html: str, page: Page, **_: object) -> str:
        """Give a generated page its HTML, where Markdown's output would go; or, where
        nothing else looks at it before, leave it empty until the page is rendered."""
        generated = self._listed.get(page.file.src_uri)
        if generated is None:
            return html
        return "" if self._html_when_rendered else generated.body

    @event_priority(100)  # before the search plugin reads the page
    def on_page_context(
        self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        """Make a generated page's HTML just before MkDocs renders the page: the pages
        that list the whole directory (the map, matchmaking, principles, reviews) are
        then made one at a time, while the forked copy of the build writes the entry
        pages, rather than all of them before it can start. Where only known
        plugins see the page, MkDocs renders it without its HTML, and the page is
        written again with it once MkDocs is done (see _write_entry_pages)."""
        if self._html_when_rendered and (generated := self._listed.get(page.file.src_uri)):
            if self._listed_after:
                self._listed_later.append((page, generated))
            else:
                page.content = generated.body
        return context

    def on_template_context(
        self, context: dict[str, Any], template_name: str, config: MkDocsConfig
    ) -> dict[str, Any]:
        """The sitemap lists the entry pages too, in the order the site makes them."""
        if template_name == "sitemap.xml" and self._entries:
            urls, update_date = CanonicalUrls(config.site_url), get_build_date()
            generated = [
                item.sitemap_line(urls, update_date) if isinstance(item, EntryPage) else item
                for item in self._sitemap_order
            ]
            context["pages"] = _in_site_order(context["pages"], generated)
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Correct the theme's own markup where an accessibility audit finds it wanting.
        A generated page's HTML is not needed once the page is rendered: MkDocs would
        keep it to the end of the build (at 10,000 organizations, the ecosystem
        pages hold some 200 MB)."""
        if self._listed.pop(page.file.src_uri, None) is not None:
            page.content = None
        return theme.name_landmarks(output)

    @event_priority(50)  # before the search plugin writes its index
    def _write_entry_pages(self, config: MkDocsConfig) -> None:
        """Write the pages that list the whole directory with their HTML, and the rest
        of the entry pages and the big generated files; or, in a rebuild of `mkdocs
        serve`, leave each to be written when it is asked for."""
        assert self._writer is not None
        if self._rebuilding is None:
            for page, generated in self._listed_later:
                self._writer.write_listed(page, generated)
            self._writer.finish()
            return
        waiting = self._writer.writers()
        for page, generated in self._listed_later:
            Path(page.file.abs_dest_path).unlink()  # as MkDocs wrote it, without its HTML
            waiting[page.file.dest_uri] = partial(self._writer.write_listed, page, generated)
        self._rebuilding.write_when_asked(waiting)

    @event_priority(-50)  # after the search plugin has written its index
    def _add_to_search_index(self, config: MkDocsConfig) -> None:
        """Add what partners wrote on the entry pages to the search index; in a rebuild
        of `mkdocs serve`, once the index is asked for."""
        index = Path(config.site_dir) / SEARCH_INDEX
        if not index.is_file():  # a site without the search plugin has none
            return
        if self._rebuilding is None:
            assert self._search_documents is not None
            with self._search_documents as found:
                found.seek(0)
                pieces = iter(partial(found.read, 1 << 16), "")
                _write_search_index(index, index.read_text("utf-8"), pieces)
            return
        assert self._searched is not None
        found, plugin_index = self._searched, index.read_text("utf-8")
        index.unlink()
        self._rebuilding.write_when_asked(
            {SEARCH_INDEX: partial(_add_search_entries, index, plugin_index, found)}
        )

    @event_priority(-100)  # after everything the build writes
    def _end(self, config: MkDocsConfig) -> None:
        self._unpin_source_date()
        gc.unfreeze()

    on_post_build = CombinedEvent(_write_entry_pages, _add_to_search_index, _end)

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer:
        """`mkdocs serve` has made its first build, with this object: its rebuilds set
        the previous build aside rather than delete it file by file first, and write
        the entry pages when they are asked for (see ecotone.mkdocs_serve)."""
        self._rebuilds = Rebuilds(server, Path(config.site_dir), self._compiled)
        return server

    def on_shutdown(self) -> None:
        """The command is done (a build, or `mkdocs serve` stopped) and the process
        exits, once a rebuild's previous files are removed. Python's last act would be
        a cycle collection over everything the build made, which nothing needs:
        frozen, the process exits at once (a second sooner at 1,000 organizations,
        ten at 10,000)."""
        if self._rebuilds is not None:
            self._rebuilds.wait()
        gc.freeze()

    def on_build_error(self, error: Exception) -> None:
        if self._writer:
            self._writer.abandon()
        if self._search_documents:
            self._search_documents.close()
        self._unpin_source_date()
        gc.unfreeze()


def late_bodies_apply(config: MkDocsConfig) -> bool:
    """Whether nothing but Ecotone and the theme's search sees a page's HTML between
    MkDocs reading the page and rendering it: the search plugin reads it when the
    page is rendered (page_context), after Ecotone has made it."""
    return only_known_plugins(config, ("page_content", "page_context"))


def _freeze_heap() -> None:
    """Take everything the build holds so far (the directory, then its site data and
    the generated files) out of the cycle collector's reach until the build ends.

    These objects live for the whole build, yet each full pass of the collector
    would walk them all again while the pages are rendered; frozen, they are
    skipped, and a forked copy of the build shares them without the collector
    writing into (and so copying) their memory. `mkdocs serve` builds again in the
    same process, so the build thaws them when it ends."""
    gc.freeze()


def _add_search_entries(index: Path, plugin_index: str, found: tuple[Directory, Renderer]) -> None:
    """The search plugin's index, written with the entries `found` in a directory."""
    entries = search.search_entries(*found)
    _write_search_index(index, plugin_index, search.documents_text(entries))


def _write_search_index(index: Path, plugin_index: str, documents: Iterable[str]) -> None:
    """The search plugin's index, written with more `documents` (see
    `search.with_documents`)."""
    with index.open("w", encoding="utf-8", newline="") as file:
        file.writelines(search.with_documents(plugin_index, documents))


def _static(generated: GeneratedFile, config: MkDocsConfig) -> File:
    inclusion = InclusionLevel.UNDEFINED if generated.listed else InclusionLevel.NOT_IN_NAV
    return File.generated(config, generated.src_uri, content=generated.content, inclusion=inclusion)


def _report(problems: Any, warnings_fail_strict: bool) -> None:
    """Log every problem but the errors (which stop the build): warnings as warnings,
    which `--strict` counts, unless the build says they were judged already."""
    for problem in problems:
        if not problem.is_error:
            warn = problem.is_warning and warnings_fail_strict
            (log.warning if warn else log.info)(report.as_text([problem]))


def _in_site_order(
    pages: list[File], generated: list[File | SitemapLine]
) -> list[File | SitemapLine]:
    """`pages` with every generated page in its place: where MkDocs lists the first
    of the generated pages it builds, all of them in the order they were made."""
    theirs = {file.src_uri for file in generated}
    ordered: list[File | SitemapLine] = []
    placed = False
    for file in pages:
        if file.src_uri not in theirs:
            ordered.append(file)
        elif not placed:
            ordered.extend(generated)
            placed = True
    return ordered if placed else ordered + generated
