"""The published outputs, in one table: where each is, what the ecosystem page
calls it, and the function that makes it. The site writes the files from this
table and lists them from it, so that the list cannot miss a file or name one
that is not there. A new export is a row here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from ecotone.export import directory_json, kumu, murmurations, tables
from ecotone.export.directory_json import DIRECTORY_SCHEMA
from ecotone.export.reviews_calendar import CALENDAR_PATH, reviews_calendar
from ecotone.export.rules_json import RULES_JSON, rules_json
from ecotone.export.schemas import published_schema
from ecotone.export.spaces_feed import FEED_PATH, spaces_feed
from ecotone.export.urls import SiteUrls
from ecotone.schema_files import EXPORT_SCHEMA_FILE
from ecotone.sitedata import SiteData

DIRECTORY_JSON = "api/directory.json"
ORGANIZATIONS_CSV = "exports/organizations.csv"
SPACES_CSV = "exports/spaces.csv"
KUMU_JSON = "exports/kumu.json"
MURMURATIONS_FOLDER = "exports/murmurations/"


@dataclass(frozen=True)
class Publishing:
    """What every output is made from: the site data, and the site's address, name
    and tag authority."""

    data: SiteData
    urls: SiteUrls
    site_name: str
    authority: str


@dataclass(frozen=True)
class Output:
    """One published file, or one per organization when `path` holds
    `{organization}`; `make` gives each file's path and what makes its content
    (only when the file is written: at scale the outputs are tens of megabytes)."""

    path: str
    title: str
    description: str
    make: Callable[[Publishing], Iterator[tuple[str, Content]]]

    def link(self, data: SiteData) -> str:
        """The address the ecosystem page links: for one file per organization, the
        first organization's."""
        orgs = data.directory.organizations
        return self.path.format(organization=orgs[0].id if orgs else "ORGANIZATION")


# What makes a file's content: its text, whole or in pieces.
Content = Callable[[], str | Iterator[str]]


def _one(
    path: str, make: Callable[[Publishing], str | Iterator[str]]
) -> Callable[[Publishing], Iterator[tuple[str, Content]]]:
    def files(publishing: Publishing) -> Iterator[tuple[str, Content]]:
        yield path, partial(make, publishing)

    return files


def _murmurations(p: Publishing) -> Iterator[tuple[str, Content]]:
    directory = p.data.directory
    for org in directory.organizations:
        yield (
            f"{MURMURATIONS_FOLDER}{org.id}.json",
            partial(murmurations.profile_json, directory, org, p.urls),
        )


OUTPUTS = (
    Output(
        DIRECTORY_JSON,
        "The whole directory, in JSON",
        "every entry with its references resolved",
        _one(
            DIRECTORY_JSON,
            lambda p: directory_json.directory_json_chunks(p.data, p.urls, p.site_name),
        ),
    ),
    Output(
        DIRECTORY_SCHEMA,
        "Its JSON Schema",
        "the shape of directory.json, version v1",
        _one(
            DIRECTORY_SCHEMA,
            lambda p: published_schema(
                p.data.package.schema(EXPORT_SCHEMA_FILE), DIRECTORY_SCHEMA, p.urls
            ),
        ),
    ),
    Output(
        ORGANIZATIONS_CSV,
        "Organizations, in CSV",
        "for spreadsheets",
        _one(ORGANIZATIONS_CSV, lambda p: tables.organizations_csv(p.data.directory, p.urls)),
    ),
    Output(
        SPACES_CSV,
        "Spaces, in CSV",
        "for spreadsheets",
        _one(SPACES_CSV, lambda p: tables.spaces_csv(p.data.directory, p.urls)),
    ),
    Output(
        MURMURATIONS_FOLDER + "{organization}.json",
        "Murmurations profiles",
        f"one per organization, at {MURMURATIONS_FOLDER}<organization>.json",
        _murmurations,
    ),
    Output(
        KUMU_JSON,
        "The map for Kumu",
        "Kumu's JSON import: elements and connections",
        _one(KUMU_JSON, lambda p: kumu.blueprint_json(p.data.directory, p.urls)),
    ),
    Output(
        FEED_PATH,
        "New and changed spaces",
        "an Atom feed",
        _one(
            FEED_PATH,
            lambda p: spaces_feed(p.data.directory, p.data.dates, p.urls, p.site_name, p.authority),
        ),
    ),
    Output(
        CALENDAR_PATH,
        "Reviews and term ends",
        "an iCalendar feed to subscribe to",
        _one(
            CALENDAR_PATH,
            lambda p: reviews_calendar(p.data, p.urls, p.site_name, p.authority),
        ),
    ),
    Output(
        RULES_JSON,
        "The validator's rules",
        "every rule with its fix and a wrong and a right example",
        _one(RULES_JSON, lambda p: rules_json(p.data.rules, p.data.rule_examples, p.urls)),
    ),
)
