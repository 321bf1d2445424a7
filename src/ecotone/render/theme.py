"""Ecotone's part in Material's templates: its navigation rendered once for the
many pages it does not list, and corrections to its markup."""

from __future__ import annotations

import re
from collections.abc import Callable

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, pass_context
from jinja2.runtime import Context

# Where ecotone/theme's partials find the templates they stand in front of.
MATERIAL = "material"

# Material's search dialog has no accessible name (axe-core: aria-dialog-name).
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_NAMED_SEARCH_DIALOG = _SEARCH_DIALOG[:-1] + ' aria-label="Search">'

# A section of Material's navigation is a landmark named by its toggle, which
# holds only an icon: on a phone, where they show, axe-core finds several
# landmarks with the same empty name (landmark-unique). The section's title,
# just inside it, names it instead.
_SECTION = re.compile(
    r'(<nav class="md-nav" data-md-level="\d+" aria-labelledby=")(__nav_[\d_]+)_label("[^>]*>\s*'
    r'<label class="md-nav__title" for="\2")'
)


def share_navigation(env: Environment, material_templates: str) -> None:
    """Let ecotone/theme's `partials/nav.html` and `partials/tabs.html` render
    Material's own through `navigation_once`.

    The theme writes the whole navigation into every page, marking the current
    page and its section. A page the navigation does not list (each
    organization, space and playbook) marks nothing, so its navigation differs
    from another such page's only by the relative addresses of the listed pages:
    rendered once for each set of those addresses, not once per page, it costs
    a big directory's build several seconds less. `material_templates` is the
    folder of Material's own templates."""
    env.loader = ChoiceLoader(
        [env.loader, PrefixLoader({MATERIAL: FileSystemLoader(material_templates)})]
    )
    env.globals["navigation_once"] = _navigation_once()


def page_templates(env: Environment, language: str) -> list[str]:
    """The theme's templates a page may render: its HTML templates, and of its
    translations only the site's `language` and English, which stands in for a
    missing word."""
    wanted = {f"partials/languages/{language}.html", "partials/languages/en.html"}
    return [
        name
        for name in env.list_templates(["html"])
        if not name.startswith("partials/languages/") or name in wanted
    ]


def _navigation_once() -> Callable[[Context, str], str]:
    rendered: dict[tuple[str, int, str], str] = {}

    @pass_context
    def navigation_once(context: Context, name: str) -> str:
        """Material's template `name`, rendered for the page in `context`."""
        template = context.environment.get_template(f"{MATERIAL}/{name}")
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None or any(listed is page for listed in nav.pages):
            return template.render(context.get_all())
        key = (name, *addressing(page.url, [listed.url for listed in nav.pages]))
        if key not in rendered:
            rendered[key] = template.render(context.get_all())
        return rendered[key]

    return navigation_once


def addressing(url: str, listed: list[str]) -> tuple[int, str]:
    """What the relative addresses from the page at `url` to the `listed` pages
    depend on: the depth of its folder, and the longest start of that folder's
    path that a listed page's path shares (beyond it, no listed path goes)."""
    folder = url[: url.rfind("/") + 1]
    shared = folder
    while shared and not any(other.startswith(shared) for other in listed):
        shared = shared[: shared.rstrip("/").rfind("/") + 1]
    return folder.count("/"), shared


def name_landmarks(html: str) -> str:
    """The page with the theme's search dialog and navigation sections named,
    for screen readers."""
    html = html.replace(_SEARCH_DIALOG, _NAMED_SEARCH_DIALOG, 1)
    return _SECTION.sub(r'\1\2_title\3 id="\2_title"', html)
