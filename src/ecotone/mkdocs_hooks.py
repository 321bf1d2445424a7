"""The MkDocs hooks of every directory: what happens on MkDocs' build events.

A directory's `hooks/ecotone_hooks.py` only imports these, so that the logic
lives in the installed package: MkDocs loads a hook file once per process and
keeps it, and a directory made by `ecotone init` holds no copy of this code.
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ecotone.render import ecosystem, search, site, theme
from ecotone.render.pages import SiteSettings
from ecotone.validate import report
from ecotone.validate.run import validate_directory

__all__ = [
    "on_config",
    "on_env",
    "on_files",
    "on_page_content",
    "on_post_build",
    "on_post_page",
]

log = get_plugin_logger("ecotone")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Add the package's style sheets and scripts to every page, and its template
    additions in front of the theme's (after a directory's own custom_dir)."""
    if site.theme_templates() not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, site.theme_templates())
    config.extra_css.extend(uri for uri in site.stylesheets() if uri not in config.extra_css)
    listed = {str(script) for script in config.extra_javascript}
    config.extra_javascript.extend(uri for uri in site.scripts() if uri not in listed)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Validate the directory, stop the build on errors, and add the generated files."""
    try:
        today = site.build_date()
        settings = SiteSettings.from_extra(
            config.extra.get("ecotone"), url=config.site_url, name=config.site_name
        )
    except ValueError as error:
        raise PluginError(str(error)) from None
    # MkDocs dates the sitemap (and the gzip header of its copy) by this variable,
    # or else by the clock; pinned to the build date, the same data and date give
    # the same site.
    os.environ.setdefault("SOURCE_DATE_EPOCH", site.source_date_epoch(today))
    root = Path(config.config_file_path).parent
    result = validate_directory(root, today)
    for problem in result.problems:
        if problem.is_error:
            continue
        (log.warning if problem.is_warning else log.info)(report.as_text([problem]))
    if result.errors:
        count = len(result.errors)
        raise PluginError(
            f"ecotone: {count} {'error' if count == 1 else 'errors'} in the directory, so the site"
            f" was not built:\n{report.as_text(result.errors)}"
        )
    home = files.get_file_from_path("index.md")
    if home is not None:
        home.content_string = ecosystem.with_statistics(home.content_string, result.directory)
    _search_entries[:] = search.search_entries(result.directory)
    _ready_html.clear()
    for generated in site.generated_files(result.directory, settings, today, root):
        content = generated.content
        if generated.ready_html:
            content, _ready_html[generated.src_uri] = _front_matter_and_body(str(content))
        inclusion = InclusionLevel.UNDEFINED if generated.listed else InclusionLevel.NOT_IN_NAV
        files.append(
            File.generated(config, generated.src_uri, content=content, inclusion=inclusion)
        )
    return files


def _front_matter_and_body(page: str) -> tuple[str, str]:
    """A ready page's front matter, which MkDocs reads, and its HTML body."""
    front_matter, end, body = page.partition("\n---\n")
    return front_matter + end, body.strip("\n")


# The search entries of the entry pages, from on_files to on_post_build.
_search_entries: list[search.SearchEntry] = []


# The HTML bodies of the generated pages made ready, by source path, from on_files
# to on_page_content. MkDocs gets their front matter only: Python-Markdown would
# parse the HTML tag by tag only to copy it unchanged, and MkDocs would keep a
# second copy of every page in memory for the whole build.
_ready_html: dict[str, str] = {}


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    theme.share_navigation(env)
    return env


def on_page_content(html: str, page: Page, **_: object) -> str:
    """Give a generated page its ready HTML, where Markdown's output would go."""
    return _ready_html.pop(page.file.src_uri, html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Correct the theme's own markup where an accessibility audit finds it wanting."""
    return theme.name_search_dialog(output)


@event_priority(-50)  # after the search plugin has written its index
def on_post_build(config: MkDocsConfig) -> None:
    """Add what partners wrote on the entry pages to the search index."""
    search.add_to_index(Path(config.site_dir), _search_entries)
