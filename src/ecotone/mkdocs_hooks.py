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

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ecotone import sitedata
from ecotone.analysis.git import git_file_dates
from ecotone.analysis.membership import seat_history
from ecotone.mkdocs_pages import EntryPage, write_entry_pages
from ecotone.render import ecosystem, search, site, theme
from ecotone.render.pages import (
    DeferredFile,
    DeferredPage,
    GeneratedFile,
    GeneratedPage,
    SiteSettings,
)
from ecotone.validate import report
from ecotone.validate.run import validate_directory

__all__ = ["on_config"]

PLUGIN_NAME = "ecotone"

log = get_plugin_logger(PLUGIN_NAME)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start a build: a new EcotoneBuild holds its state and takes its events."""
    return EcotoneBuild().start(config)


class EcotoneBuild(BasePlugin):
    """One build of a directory's site, from validation to the search index.

    MkDocs builds the hand-written pages and the few generated pages the
    navigation lists; the entry pages (one per organization, space and
    playbook) are written by `ecotone.mkdocs_pages`, after MkDocs has built its
    own, and appear in the sitemap beside them."""

    # Whether this build writes the entry pages itself, rather than handing them to
    # MkDocs' per-page pipeline (which the comparison test builds with).
    writes_entry_pages = True

    def __init__(self) -> None:
        self._listed: dict[str, GeneratedPage] = {}
        self._entries: list[EntryPage] = []
        self._sitemap_order: list[File] = []
        self._search_entries: list[search.SearchEntry] = []
        self._nav: Navigation | None = None
        self._env: Environment | None = None
        self._files: Files | None = None

    def start(self, config: MkDocsConfig) -> MkDocsConfig:
        """Add the package's style sheets and scripts to every page, and its template
        additions in front of the theme's (after a directory's own custom_dir); then
        take the rest of the build's events."""
        if site.theme_templates() not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, site.theme_templates())
        config.extra_css.extend(uri for uri in site.stylesheets() if uri not in config.extra_css)
        config.plugins[PLUGIN_NAME] = self
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Validate the directory, stop the build on errors, and add the generated
        files; the entry pages wait, known by their address only, until
        on_post_build."""
        try:
            today = site.build_date()
            site.check_published_address(config.site_url)
            warnings_fail_strict = site.entry_warnings_fail_strict()
            settings = SiteSettings.from_extra(
                config.extra.get("ecotone"), url=config.site_url, name=config.site_name
            )
        except ValueError as error:
            raise PluginError(str(error)) from None
        if notice := site.unpinned_ids_notice(settings):
            log.info(notice)
        # MkDocs dates the sitemap (and the gzip header of its copy) by this variable,
        # or else by the clock; pinned to the build date, the same data and date give
        # the same site.
        os.environ.setdefault("SOURCE_DATE_EPOCH", site.source_date_epoch(today))
        root = Path(config.config_file_path).parent
        result = validate_directory(root, today)
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
            git_file_dates(root),
            seat_history(root),
            proposing=bool(settings.repository),
        )
        home = files.get_file_from_path("index.md")
        if home is not None:
            home.content_string = ecosystem.with_statistics(home.content_string, data.statistics)
        self._search_entries = list(search.search_entries(result.directory))
        for generated in site.generated_files(data, settings):
            if isinstance(generated, GeneratedFile | DeferredFile):
                files.append(_static(generated, config))
            elif isinstance(generated, DeferredPage) and self.writes_entry_pages:
                entry = EntryPage(generated.src_uri, generated.make, config)
                self._entries.append(entry)
                self._sitemap_order.append(entry.file)
            else:
                page = generated.make() if isinstance(generated, DeferredPage) else generated
                self._add_to_mkdocs(page, files, config)
        return files

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

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav = nav
        return nav

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        theme.share_navigation(env)
        self._env, self._files = env, files
        return env

    def on_page_content(self, html: str, page: Page, **_: object) -> str:
        """Give a generated page its HTML, where Markdown's output would go."""
        generated = self._listed.pop(page.file.src_uri, None)
        return html if generated is None else generated.body

    def on_template_context(
        self, context: dict[str, Any], template_name: str, config: MkDocsConfig
    ) -> dict[str, Any]:
        """The sitemap lists the entry pages too, in the order the site makes them."""
        if template_name == "sitemap.xml" and self._entries:
            context["pages"] = _in_site_order(context["pages"], self._sitemap_order)
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Correct the theme's own markup where an accessibility audit finds it wanting."""
        return theme.name_landmarks(output)

    @event_priority(50)  # before the search plugin writes its index
    def _write_entry_pages(self, config: MkDocsConfig) -> None:
        """Write the entry pages, each as soon as it is rendered."""
        if self._entries:
            assert self._nav is not None and self._env is not None and self._files is not None
            write_entry_pages(
                self._entries, config, self._nav, self._env, self._files.documentation_pages()
            )

    @event_priority(-50)  # after the search plugin has written its index
    def _add_to_search_index(self, config: MkDocsConfig) -> None:
        """Add what partners wrote on the entry pages to the search index."""
        search.add_to_index(Path(config.site_dir), self._search_entries)

    on_post_build = CombinedEvent(_write_entry_pages, _add_to_search_index)


def _static(generated: GeneratedFile | DeferredFile, config: MkDocsConfig) -> File:
    inclusion = InclusionLevel.UNDEFINED if generated.listed else InclusionLevel.NOT_IN_NAV
    if isinstance(generated, DeferredFile):
        return MadeWhenCopied.generated(config, generated.src_uri, generated.make, inclusion)
    return File.generated(config, generated.src_uri, content=generated.content, inclusion=inclusion)


class MadeWhenCopied(File):
    """A generated file whose content is made each time MkDocs asks for it (when it
    copies the file into the site), so that no build holds it longer; one made in
    pieces is written piece by piece."""

    make: Callable[[], str | bytes | Iterator[str]]

    @classmethod
    def generated(  # type: ignore[override]
        cls,
        config: MkDocsConfig,
        src_uri: str,
        make: Callable[[], str | bytes | Iterator[str]],
        inclusion: InclusionLevel,
    ) -> MadeWhenCopied:
        file = cls(
            src_uri,
            src_dir=None,
            dest_dir=config.site_dir,
            use_directory_urls=config.use_directory_urls,
            inclusion=inclusion,
        )
        file.generated_by = PLUGIN_NAME
        file.make = make
        return file

    @property  # type: ignore[override]
    def _content(self) -> str | bytes:
        made = self.make()
        return made if isinstance(made, str | bytes) else "".join(made)

    def is_modified(self) -> bool:
        return True  # as MkDocs judges every generated file

    def copy_file(self, dirty: bool = False) -> None:
        path = Path(self.abs_dest_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        made = self.make()
        if isinstance(made, bytes):
            path.write_bytes(made)
            return
        with path.open("w", encoding="utf-8") as output:
            output.writelines([made] if isinstance(made, str) else made)


def _report(problems: Any, warnings_fail_strict: bool) -> None:
    """Log every problem but the errors (which stop the build): warnings as warnings,
    which `--strict` counts, unless the build says they were judged already."""
    for problem in problems:
        if not problem.is_error:
            warn = problem.is_warning and warnings_fail_strict
            (log.warning if warn else log.info)(report.as_text([problem]))


def _in_site_order(pages: list[File], generated: list[File]) -> list[File]:
    """`pages` with every generated page in its place: where MkDocs lists the first
    of the generated pages it builds, all of them in the order they were made."""
    theirs = {file.src_uri for file in generated}
    ordered: list[File] = []
    placed = False
    for file in pages:
        if file.src_uri not in theirs:
            ordered.append(file)
        elif not placed:
            ordered.extend(generated)
            placed = True
    return ordered if placed else ordered + generated
