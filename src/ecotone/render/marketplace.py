"""The marketplace, at `/marketplace/`: every space as a card, with a filter form.

The page's HTML holds the first screenful of cards and the form, so that
nothing moves when the script takes over; without JavaScript, a style in a
`noscript` hides both and the page lists every space as a plain link with its
host. That list is in the `noscript` too: a browser that runs scripts does not
even parse it, and thousands of links would cost it a second of styling. All
the cards come from `marketplace/cards.json`, beside the page: the marketplace
script fetches it, filters the cards on its data and draws only the cards a
reader scrolls to, so that a directory of thousands of spaces opens and
filters quickly. The page's markup and the JSON's shape are a contract with
that script (assets/javascripts/marketplace.js): it draws a card exactly as
the template does.

The JSON is the partners' text as data, never markup: the script writes it into
the page as text. Its addresses are computed here, relative to the page, the
way the templates compute theirs."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import partial
from typing import Any

from jinja2.utils import htmlsafe_json_dumps

from ecotone.addresses import organization_path, space_path
from ecotone.model import Directory, Organization, Space, Standing
from ecotone.render import views
from ecotone.render.environment import Renderer
from ecotone.render.pages import DeferredFile, GeneratedPage, SiteSettings, markdown_page
from ecotone.render.paths import root_from
from ecotone.render.proposals import NO_REPOSITORY, proposals
from ecotone.sitedata import NO_BLANKS, Blanks
from ecotone.wording import label

PAGE_PATH = "marketplace/"
CARDS_FILE = "cards.json"
MODES = ("collaboration", "information-sharing")
# The cards in the page's HTML, and those the script draws at each "Show more":
# a screen or two. The script's CARDS_AT_A_TIME is the same number.
CARDS_AT_A_TIME = 12
LEVELS = ("board", "department", "project")


@dataclass(frozen=True)
class CardParticipant:
    organization: str
    invited: bool


@dataclass(frozen=True)
class Card:
    """What a space's card shows, and what the filters read. `level` and `topic`
    are None where the space has none; `href` is relative to the page. A
    participant is `invited` while its organization has not acknowledged it."""

    id: str
    href: str
    title: str
    mode: str
    level: str | None
    status: str
    open: bool
    topic: str | None
    aim: str
    host: str
    participants: tuple[CardParticipant, ...]
    seeks: tuple[str, ...]
    term: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class CardOrganization:
    """An organization a card names: its name, and its page relative to the page;
    no page for one the directory does not have (it left, or was never there)."""

    name: str
    href: str | None


def marketplace_pages(
    directory: Directory,
    renderer: Renderer,
    settings: SiteSettings = NO_REPOSITORY,
    blanks: Blanks = NO_BLANKS,
) -> Iterator[DeferredFile | GeneratedPage]:
    """The marketplace page and its cards, made when they are written; `blanks`
    (the site data's) for the proposal links of a site that names its repository."""
    spaces = sorted(directory.spaces, key=_card_order)
    first_cards = [_card(directory, space) for space in spaces[:CARDS_AT_A_TIME]]
    yield markdown_page(
        renderer,
        PAGE_PATH,
        "marketplace.html",
        title="Marketplace",
        scripts=["javascripts/marketplace.js"],
        styles=["stylesheets/marketplace.css"],
        searched=False,
        description="Every space where the directory's organizations meet, and the ones open to new partners.",
        listed=True,
        wide=True,
        directory=directory,
        spaces=spaces,
        cards_file=CARDS_FILE,
        modes=MODES,
        levels=LEVELS,
        statuses=views.STATUS_ORDER,
        topics=sorted({topic for space in spaces for topic in space.topics}),
        organizations=_involved(directory),
        proposals=proposals(settings.repository, settings.branch, blanks),
        first_cards=first_cards,
        card_organizations={
            org_id: _card_organization(directory, org_id)
            for space in spaces[:CARDS_AT_A_TIME]
            for org_id in _organizations_in(space)
        },
        badges=badges,
        more=min(max(len(spaces) - CARDS_AT_A_TIME, 0), CARDS_AT_A_TIME),
    )
    yield DeferredFile(PAGE_PATH + CARDS_FILE, partial(cards_json, directory, spaces))


def _labels() -> dict[str, dict[str, str]]:
    """The words for the enumerated values a card's badges show."""
    return {
        "status": {value: label(value) for value in views.STATUS_ORDER},
        "mode": {value: label(value) for value in MODES},
        "level": {value: f"{label(value)} level" for value in LEVELS},
    }


def badges(card: Card) -> tuple[tuple[str, str, str], ...]:
    """The badges a card shows, in order, as (kind, value, text): what the
    marketplace script's `badges` gives for the same card."""
    labels = _labels()
    shown = [
        ("status", card.status, labels["status"][card.status]),
        ("mode", card.mode, labels["mode"][card.mode]),
    ]
    if card.level:
        shown.append(("level", card.level, labels["level"][card.level]))
    if card.open:
        shown.append(("open", "true", "Open to new partners"))
    return tuple(shown)


def cards_json(directory: Directory, spaces: Iterable[Space]) -> Iterator[str]:
    """The cards in the order given, the organizations they name, and the words
    for the enumerated values their badges show: written a card at a time (at
    10,000 organizations the file is 22 MB)."""
    listed = tuple(spaces)
    named = sorted({org_id for space in listed for org_id in _organizations_in(space)})
    yield '{"labels":' + _json(_labels()) + ',"organizations":{'
    for index, org_id in enumerate(named):
        organization = asdict(_card_organization(directory, org_id))
        yield ("," if index else "") + _json(org_id) + ":" + _json(organization)
    yield '},"cards":['
    for index, space in enumerate(listed):
        yield ("," if index else "") + _json(asdict(_card(directory, space)))
    yield "]}"


def _organizations_in(space: Space) -> Iterator[str]:
    """The ids a space's card names: its host's and its participants'."""
    yield space.host
    yield from (participant.organization for participant in space.participants)


def _card(directory: Directory, space: Space) -> Card:
    root = root_from(PAGE_PATH)
    return Card(
        id=space.id,
        href=root + space_path(space.id),
        title=space.title,
        mode=str(space.mode),
        level=space.level,
        status=space.status,
        open=space.open_to_new_partners,
        topic=space.topic,
        aim=space.aim,
        host=space.host,
        participants=tuple(
            CardParticipant(p.organization, directory.standing(space, p) is Standing.INVITED)
            for p in space.participants
        ),
        seeks=tuple(item.title for item in space.seeking),
        term=views.term_text(space.term),
        topics=space.topics,
    )


def _card_organization(directory: Directory, org_id: str) -> CardOrganization:
    """As the templates link an organization: by its name, or by its id where the
    directory has no such organization."""
    org = directory.organization(org_id)
    home = directory.home(org_id)
    if org and home:
        return CardOrganization(f"{org.name} ({home.network})", home.url)
    if org is None:
        return CardOrganization(org_id, None)
    return CardOrganization(org.name, root_from(PAGE_PATH) + organization_path(org_id))


def _json(data: Any) -> str:
    """Compact JSON with `<`, `>`, `&` and `'` written as escapes: the same data for
    `JSON.parse`, and no markup for a reader that sniffs the file as HTML."""
    return str(
        htmlsafe_json_dumps(data, dumps=json.dumps, ensure_ascii=False, separators=(",", ":"))
    )


def _card_order(space: Space) -> tuple[int, bool, str, str]:
    """Running spaces first, the open ones among them first, then by title."""
    return (
        views.status_rank(space),
        not space.open_to_new_partners,
        space.title.casefold(),
        space.id,
    )


def _involved(directory: Directory) -> tuple[Organization, ...]:
    """The organizations that host or take part in a space, by name."""
    ids = {space.host for space in directory.spaces}
    ids.update(p.organization for space in directory.spaces for p in space.participants)
    found = (directory.organization(org_id) for org_id in ids)
    return tuple(
        sorted((org for org in found if org), key=lambda org: (org.name.casefold(), org.id))
    )
