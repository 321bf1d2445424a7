"""The entry pages (one per organization, space and playbook), written by Ecotone
outside MkDocs' per-page pipeline.

MkDocs would give each page a Markdown pass (over an empty body: the HTML is
ready), hold every page in memory for the whole build, and render the theme
once per page. Here each page gets the same MkDocs structures (a `File`, a
`Page`, the template context of `get_context`), the same events that concern
the theme (`page_context`, `post_page`) and the same template, so the page is
what MkDocs and Material would make of it, byte for byte; it is then written
and forgotten. What MkDocs still needs to know of these pages, the sitemap's
entries, comes from their `Page` objects, made beforehand without their HTML.

With two cores, a forked copy of the build writes every other page: the pages
share nothing but what the fork copies, and each is the same bytes whichever
process writes it.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import traceback
from collections.abc import Callable, Sequence
from copy import deepcopy
from typing import NoReturn, TypeVar

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import write_file

from ecotone.render.pages import GeneratedPage

T = TypeVar("T")


class EntryPage:
    """A generated page MkDocs does not build: its MkDocs `Page`, for the sitemap
    and the theme, and what makes the page when it is written."""

    def __init__(self, src_uri: str, make: Callable[[], GeneratedPage], config: MkDocsConfig):
        self.make = make
        file = File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        self.page = Page(None, file, config)
        # As MkDocs' reading of a front-matter-only Markdown file leaves it.
        self.page.markdown = ""
        self.page.toc = get_toc([])

    @property
    def file(self) -> File:
        return self.page.file


def write_entry_pages(
    pages: Sequence[EntryPage],
    config: MkDocsConfig,
    nav: Navigation,
    env: Environment,
    doc_files: Sequence[File],
) -> None:
    """Render each page with the theme and write it at once, half of them in a
    forked copy of this process when there is a second core to run it."""

    def write_all(share: Sequence[EntryPage]) -> None:
        for entry in share:
            _write(entry, config, nav, env, doc_files)

    if len(pages) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        write_all(pages)
    else:
        in_two(write_all, pages)


# Below this many pages, forking costs more than it saves.
PARALLEL_FROM = 200


def _write(
    entry: EntryPage,
    config: MkDocsConfig,
    nav: Navigation,
    env: Environment,
    doc_files: Sequence[File],
) -> None:
    """One page, as MkDocs' own build of a page makes it (see
    mkdocs.commands.build._build_page)."""
    page = entry.page
    generated = entry.make()
    page.meta = deepcopy(dict(generated.front_matter))
    page.content = generated.body
    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = template.render(context)
        output = config.plugins.on_post_page(output, page=page, config=config)
        write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
    finally:
        page.active = False
        config._current_page = None
        page.content, page.meta = None, {}  # the page is written: hold none of it


def in_two(work: Callable[[Sequence[T]], None], items: Sequence[T]) -> None:
    """`work` over every other item in a forked child, and over the rest here.

    What the child logs is logged here again, so that MkDocs' --strict counts its
    warnings; an exception in the child stops the build with its traceback. The
    cycle collector is frozen meanwhile: its passes would write into every object
    the child shares with this process, copying the memory they share."""
    reader, writer = os.pipe()
    gc.freeze()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(reader)
        _child(work, items[1::2], writer)
    os.close(writer)
    try:
        work(items[0::2])
    finally:
        with os.fdopen(reader, "rb") as pipe:
            outcome = pipe.read()
        os.waitpid(pid, 0)
        gc.unfreeze()
    records, failure = pickle.loads(outcome) if outcome else ([], "the child process died")
    for name, level, message in records:
        logging.getLogger(name).log(level, message)
    if failure:
        raise PluginError(f"ecotone: writing the entry pages failed:\n{failure}")


def _child(work: Callable[[Sequence[T]], None], items: Sequence[T], writer: int) -> NoReturn:
    """Run `work`, send what it logged and how it ended through `writer`, exit."""
    captured = _Captured()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.handlers = [captured]
    mkdocs_log.propagate = False
    failure = ""
    try:
        work(items)
    except BaseException:
        failure = traceback.format_exc()
    with os.fdopen(writer, "wb") as pipe:
        pipe.write(pickle.dumps((captured.records, failure)))
    os._exit(1 if failure else 0)


class _Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))
