"""The marketplace, at `/marketplace/`: every space as a card, with a filter form.

The cards are complete without JavaScript. The form stays `hidden` until the
marketplace script reveals it; the script filters the cards by their `data-*`
attributes, so the markup here is a contract with that script."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ecotone.model import Directory, Organization, Space
from ecotone.render import views
from ecotone.render.pages import GeneratedFile, SiteSettings, markdown_page
from ecotone.render.proposals import NO_REPOSITORY, proposals

MODES = ("collaboration", "information-sharing")
LEVELS = ("board", "department", "project")


@dataclass(frozen=True)
class Card:
    space: Space
    members: tuple[views.Member, ...]

    @property
    def organizations(self) -> str:
        """The host's and the participants' ids, for the organization filter."""
        ids = dict.fromkeys((self.space.host, *(p.organization for p in self.space.participants)))
        return " ".join(ids)


def marketplace_pages(
    directory: Directory, settings: SiteSettings = NO_REPOSITORY
) -> Iterator[GeneratedFile]:
    spaces = sorted(directory.spaces, key=_card_order)
    yield markdown_page(
        "marketplace/",
        "marketplace.html",
        title="Marketplace",
        searched=False,
        description="Every space where the directory's organizations meet, and the ones open to new partners.",
        listed=True,
        wide=True,
        directory=directory,
        cards=tuple(Card(space, views.members(directory, space)) for space in spaces),
        modes=MODES,
        levels=LEVELS,
        statuses=views.STATUS_ORDER,
        topics=sorted({topic for space in spaces for topic in space.topics}),
        organizations=_involved(directory),
        proposals=proposals(settings.repository, settings.branch, directory),
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
