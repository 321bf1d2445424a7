"""The ecosystem view of the site: the map (`/ecosystem/`), matchmaking and the
principles across the directory, the review agenda (`/reviews/`), the figures on
the home page, and the open data at stable addresses:

    /api/directory.json, /api/directory.schema.json
    /exports/organizations.csv, /exports/spaces.csv, /exports/kumu.json
    /exports/murmurations/<org>.json
    /feeds/spaces.atom, /feeds/reviews.ics

Feeds and exports name pages by absolute address, so they are published only
when the site's address (`site_url`) is known; `mkdocs serve` always sets it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from markupsafe import Markup, escape

from ecotone.addresses import organization_path, space_path
from ecotone.export.jsonld import organization_jsonld, space_jsonld
from ecotone.export.outputs import OUTPUTS, Publishing
from ecotone.export.reviews_calendar import CALENDAR_PATH
from ecotone.export.urls import SiteUrls
from ecotone.model import Directory, Home, Mode, Organization, Space
from ecotone.render.ecosystem_map import map_svg
from ecotone.render.environment import Renderer
from ecotone.render.pages import (
    DeferredFile,
    EntryMacros,
    GeneratedFile,
    GeneratedPage,
    SiteSettings,
    markdown_page,
)
from ecotone.render.paths import root_from
from ecotone.sitedata import SiteData, Statistics, Suggestion

ECOSYSTEM_PATH = "ecosystem/"
MATCHMAKING_PATH = "ecosystem/matchmaking/"
PRINCIPLES_PATH = "ecosystem/principles/"
REVIEWS_PATH = "reviews/"
STATISTICS_PLACEHOLDER = "<!-- ecotone:statistics -->"
_BACKTICKED = re.compile(r"`([^`]+)`")


@dataclass(frozen=True)
class Match:
    """A suggestion as a page shows it: what to meet, where its page is (relative
    to the site's root; `home` instead for an organization of a federated
    directory), and each reason as a sentence."""

    kind: str
    name: str
    path: str
    reasons: tuple[str, ...]
    topics: tuple[str, ...]
    home: Home | None = None


def ecosystem_files(
    data: SiteData, settings: SiteSettings, renderer: Renderer
) -> Iterator[GeneratedFile | DeferredFile | GeneratedPage]:
    """The ecosystem pages, and the open data when the site's address is known."""
    published = settings.url is not None
    yield ecosystem_page(data, published, renderer)
    yield matchmaking_page(data, renderer)
    yield principles_page(data, renderer)
    yield reviews_page(data, published, renderer)
    if settings.url is not None:
        yield from open_data_files(
            data, SiteUrls(settings.url), settings.name, settings.id_authority
        )


def organization_extras(
    data: SiteData, org: Organization, settings: SiteSettings
) -> dict[str, object]:
    """What an organization's page adds from the ecosystem view: its matches, or why
    it has none, and its JSON-LD."""
    directory = data.directory
    return {
        "matches": matches_for(data, org.id),
        "no_match_reason": data.matchmaking.no_match_reason(org.id),
        "jsonld": organization_jsonld(directory, org, SiteUrls(settings.url))
        if settings.url
        else None,
    }


def space_extras(data: SiteData, space: Space, settings: SiteSettings) -> dict[str, object]:
    """What a blueprint page adds from the ecosystem view: the principles checklist
    and its JSON-LD."""
    directory = data.directory
    return {
        "principles": data.checklists[space.id],
        "jsonld": space_jsonld(directory, space, SiteUrls(settings.url)) if settings.url else None,
    }


def inline_code(text: str) -> Markup:
    """Our own advice text (the principles' notes) as HTML: escaped, with its
    `backticked` field names as code."""
    return Markup(_BACKTICKED.sub(r"<code>\1</code>", str(escape(text))))


def matches_for(data: SiteData, seeker: str) -> tuple[Match, ...]:
    directory = data.directory
    return tuple(
        Match(
            kind=s.kind,
            name=_target_name(directory, s),
            path=organization_path(s.target) if s.kind == "organization" else space_path(s.target),
            reasons=data.matchmaking.reasons(seeker, s),
            topics=s.topics,
            home=directory.home(s.target),
        )
        for s in data.matchmaking.suggestions(seeker)
    )


def with_statistics(markdown_text: str, stats: Statistics, renderer: Renderer) -> str:
    """The home page's Markdown with the directory's figures in place of the
    placeholder line; unchanged where there is none."""
    if STATISTICS_PLACEHOLDER not in markdown_text:
        return markdown_text
    block = renderer.render("statistics.html", root="", stats=stats)
    block = "\n".join(line for line in block.split("\n") if line.strip())
    return markdown_text.replace(STATISTICS_PLACEHOLDER, block, 1)


# -- pages ---------------------------------------------------------------------------


def ecosystem_page(data: SiteData, published: bool, renderer: Renderer) -> GeneratedPage:
    directory = data.directory
    return markdown_page(
        renderer,
        ECOSYSTEM_PATH,
        "ecosystem.html",
        title="Ecosystem",
        scripts=["javascripts/ecosystem.js"],
        styles=["stylesheets/ecosystem.css"],
        searched=False,
        description="The map of the directory: organizations and the spaces where they meet.",
        listed=True,
        wide=True,
        directory=directory,
        # Laid out when the page is rendered, not when the build lists its pages.
        svg=partial(map_svg, directory, root_from(ECOSYSTEM_PATH), renderer),
        modes=[mode.value for mode in Mode],
        topics=sorted({topic for space in directory.spaces for topic in space.topics}),
        open_data=_open_data_links(data) if published else (),
    )


def matchmaking_page(data: SiteData, renderer: Renderer) -> GeneratedPage:
    directory = data.directory
    return markdown_page(
        renderer,
        MATCHMAKING_PATH,
        "matchmaking.html",
        title="Matchmaking",
        searched=False,
        description="Partners and spaces each organization might meet, and why.",
        listed=True,
        directory=directory,
        # Found as the page is rendered, as the organizations' own pages find theirs.
        matches_of=partial(matches_for, data),
        no_match_reason=data.matchmaking.no_match_reason,
    )


def principles_page(data: SiteData, renderer: Renderer) -> GeneratedPage:
    directory = data.directory
    return markdown_page(
        renderer,
        PRINCIPLES_PATH,
        "principles.html",
        title="Principles across the directory",
        searched=False,
        description="How the directory's spaces meet the eight core design principles.",
        listed=True,
        directory=directory,
        principles=[tally.principle for tally in data.tallies],
        tallies=data.tallies,
        checklists=[(space, data.checklists[space.id]) for space in directory.spaces],
        # Shared macros: the grid repeats a few marks for every space and principle.
        macros=EntryMacros(renderer, directory, inline_code=inline_code),
    )


def reviews_page(data: SiteData, published: bool, renderer: Renderer) -> GeneratedPage:
    return markdown_page(
        renderer,
        REVIEWS_PATH,
        "reviews.html",
        title="Reviews and terms",
        searched=False,
        description="Review dates and term ends of the directory's spaces: overdue and coming up.",
        listed=True,
        directory=data.directory,
        agenda=data.agenda,
        calendar=CALENDAR_PATH if published else None,
    )


# -- open data -----------------------------------------------------------------------


def open_data_files(
    data: SiteData, urls: SiteUrls, site_name: str, authority: str
) -> Iterator[DeferredFile]:
    """Every published output (`export.outputs.OUTPUTS`), each file at its path."""
    publishing = Publishing(data, urls, site_name, authority)
    for output in OUTPUTS:
        for path, make in output.make(publishing):
            yield DeferredFile(path, make)


def _open_data_links(data: SiteData) -> tuple[tuple[str, str, str], ...]:
    """(path, title, what it is) for each published output, for the ecosystem page."""
    return tuple((output.link(data), output.title, output.description) for output in OUTPUTS)


def _target_name(directory: Directory, suggestion: Suggestion) -> str:
    if suggestion.kind == "organization":
        return directory.display_name(suggestion.target)
    space = directory.space(suggestion.target)
    return space.title if space else suggestion.target
