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

from markupsafe import Markup, escape

from ecotone.analysis.matchmaking import Suggestion
from ecotone.analysis.principles import PRINCIPLES
from ecotone.export import directory_json, kumu, murmurations, tables
from ecotone.export.directory_json import DIRECTORY_SCHEMA
from ecotone.export.jsonld import organization_jsonld, space_jsonld
from ecotone.export.reviews_calendar import CALENDAR_PATH, reviews_calendar
from ecotone.export.rules_json import RULES_JSON, rules_json
from ecotone.export.schemas import published_schema
from ecotone.export.spaces_feed import FEED_PATH, spaces_feed
from ecotone.export.urls import SiteUrls
from ecotone.load.federation import Home
from ecotone.model import Directory, Mode, Organization, Space
from ecotone.render.ecosystem_map import map_svg
from ecotone.render.environment import render
from ecotone.render.pages import GeneratedFile, GeneratedPage, SiteSettings, markdown_page
from ecotone.render.paths import organization_path, root_from, space_path
from ecotone.schema_files import EXPORT_SCHEMA_FILE
from ecotone.sitedata import SiteData, Statistics

ECOSYSTEM_PATH = "ecosystem/"
MATCHMAKING_PATH = "ecosystem/matchmaking/"
PRINCIPLES_PATH = "ecosystem/principles/"
REVIEWS_PATH = "reviews/"
STATISTICS_PLACEHOLDER = "<!-- ecotone:statistics -->"
_BACKTICKED = re.compile(r"`([^`]+)`")

DIRECTORY_JSON = "api/directory.json"
ORGANIZATIONS_CSV = "exports/organizations.csv"
SPACES_CSV = "exports/spaces.csv"
KUMU_JSON = "exports/kumu.json"
MURMURATIONS_FOLDER = "exports/murmurations/"


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
    data: SiteData, settings: SiteSettings
) -> Iterator[GeneratedFile | GeneratedPage]:
    """The ecosystem pages, and the open data when the site's address is known."""
    published = settings.url is not None
    yield ecosystem_page(data.directory, published)
    yield matchmaking_page(data)
    yield principles_page(data)
    yield reviews_page(data, published)
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
        "no_match_reason": data.no_match_reasons.get(org.id, ""),
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
            reasons=data.reasons[seeker, s.target],
            topics=s.topics,
            home=directory.home(s.target),
        )
        for s in data.suggestions.get(seeker, ())
    )


def with_statistics(markdown_text: str, stats: Statistics) -> str:
    """The home page's Markdown with the directory's figures in place of the
    placeholder line; unchanged where there is none."""
    if STATISTICS_PLACEHOLDER not in markdown_text:
        return markdown_text
    block = render("statistics.html", root="", stats=stats)
    block = "\n".join(line for line in block.split("\n") if line.strip())
    return markdown_text.replace(STATISTICS_PLACEHOLDER, block, 1)


# -- pages ---------------------------------------------------------------------------


def ecosystem_page(directory: Directory, published: bool) -> GeneratedPage:
    return markdown_page(
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
        svg=Markup(map_svg(directory, root_from(ECOSYSTEM_PATH))),
        modes=[mode.value for mode in Mode],
        topics=sorted({topic for space in directory.spaces for topic in space.topics}),
        open_data=_open_data_links(directory) if published else (),
    )


def matchmaking_page(data: SiteData) -> GeneratedPage:
    directory = data.directory
    return markdown_page(
        MATCHMAKING_PATH,
        "matchmaking.html",
        title="Matchmaking",
        searched=False,
        description="Partners and spaces each organization might meet, and why.",
        listed=True,
        directory=directory,
        matches={org.id: matches_for(data, org.id) for org in directory.organizations},
        no_match_reasons=data.no_match_reasons,
    )


def principles_page(data: SiteData) -> GeneratedPage:
    directory = data.directory
    return markdown_page(
        PRINCIPLES_PATH,
        "principles.html",
        title="Principles across the directory",
        searched=False,
        description="How the directory's spaces meet the eight core design principles.",
        listed=True,
        directory=directory,
        principles=PRINCIPLES,
        tallies=data.tallies,
        checklists=[(space, data.checklists[space.id]) for space in directory.spaces],
        inline_code=inline_code,
    )


def reviews_page(data: SiteData, published: bool) -> GeneratedPage:
    return markdown_page(
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
) -> Iterator[GeneratedFile]:
    directory, dates = data.directory, data.dates
    yield GeneratedFile(DIRECTORY_JSON, directory_json.directory_json(data, urls, site_name))
    yield GeneratedFile(
        DIRECTORY_SCHEMA,
        published_schema(EXPORT_SCHEMA_FILE, DIRECTORY_SCHEMA, urls),
    )
    yield GeneratedFile(ORGANIZATIONS_CSV, tables.organizations_csv(directory, urls))
    yield GeneratedFile(SPACES_CSV, tables.spaces_csv(directory, urls))
    yield GeneratedFile(KUMU_JSON, kumu.blueprint_json(directory, urls))
    for org in directory.organizations:
        yield GeneratedFile(
            f"{MURMURATIONS_FOLDER}{org.id}.json", murmurations.profile_json(directory, org, urls)
        )
    yield GeneratedFile(FEED_PATH, spaces_feed(directory, dates, urls, site_name, authority))
    yield GeneratedFile(
        CALENDAR_PATH, reviews_calendar(directory, dates, urls, site_name, authority)
    )
    yield GeneratedFile(RULES_JSON, rules_json(data.rules, data.rule_examples, urls))


def _open_data_links(directory: Directory) -> tuple[tuple[str, str, str], ...]:
    """(path, title, what it is) for each published file, for the ecosystem page."""
    example = directory.organizations[0].id if directory.organizations else "ORGANIZATION"
    return (
        (
            DIRECTORY_JSON,
            "The whole directory, in JSON",
            "every entry with its references resolved",
        ),
        (DIRECTORY_SCHEMA, "Its JSON Schema", "the shape of directory.json, version v1"),
        (ORGANIZATIONS_CSV, "Organizations, in CSV", "for spreadsheets"),
        (SPACES_CSV, "Spaces, in CSV", "for spreadsheets"),
        (
            f"{MURMURATIONS_FOLDER}{example}.json",
            "Murmurations profiles",
            f"one per organization, at {MURMURATIONS_FOLDER}<organization>.json",
        ),
        (KUMU_JSON, "The map for Kumu", "Kumu's JSON import: elements and connections"),
        (FEED_PATH, "New and changed spaces", "an Atom feed"),
        (CALENDAR_PATH, "Reviews and term ends", "an iCalendar feed to subscribe to"),
        (
            RULES_JSON,
            "The validator's rules",
            "every rule with its fix and a wrong and a right example",
        ),
    )


def _target_name(directory: Directory, suggestion: Suggestion) -> str:
    if suggestion.kind == "organization":
        return directory.display_name(suggestion.target)
    space = directory.space(suggestion.target)
    return space.title if space else suggestion.target
