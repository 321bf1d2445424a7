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
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import deepcopy

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import write_file

from ecotone.render.pages import GeneratedPage


class EntryPage:
    """A generated page MkDocs does not build: its MkDocs `Page`, for the sitemap
    and the theme, and what renders its body."""

    def __init__(self, generated: GeneratedPage, config: MkDocsConfig) -> None:
        self.generated = generated
        file = File.generated(
            config, generated.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV
        )
        self.page = Page(None, file, config)
        # As MkDocs' reading of a front-matter-only Markdown file leaves it.
        self.page.markdown = ""
        self.page.meta = deepcopy(dict(generated.front_matter))
        self.page.toc = get_toc([])

    @property
    def file(self) -> File:
        return self.page.file


def write_entry_pages(
    pages: Iterable[EntryPage],
    config: MkDocsConfig,
    nav: Navigation,
    env: Environment,
    doc_files: Sequence[File],
) -> None:
    """Render each page with the theme, as MkDocs' own build of a page does (see
    mkdocs.commands.build._build_page), and write it at once."""
    for entry in pages:
        page = entry.page
        page.content = entry.generated.body
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
            page.content = None  # the HTML is written: hold none of it
