"""Organization pages, at `/organizations/<org>/`, and their index: the profile,
the basic commitments, offers and needs, the circle tree, and the spaces the
organization hosts, has joined, or is invited to."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial

from ecotone.addresses import organization_path
from ecotone.model import Circle, Organization, Space, Standing
from ecotone.render import views
from ecotone.render.ecosystem import organization_extras
from ecotone.render.embeds import embed_snippet
from ecotone.render.environment import Renderer
from ecotone.render.pages import (
    DeferredPage,
    EntryMacros,
    GeneratedPage,
    SiteSettings,
    deferred,
    markdown_page,
)
from ecotone.render.proposals import proposals
from ecotone.schema_files import Schemas
from ecotone.sitedata import SiteData


@dataclass(frozen=True)
class Commitment:
    title: str
    made: bool
    basic: bool


@dataclass(frozen=True)
class Joined:
    space: Space
    circle: Circle | None


def organization_pages(
    data: SiteData, settings: SiteSettings, renderer: Renderer
) -> Iterator[GeneratedPage | DeferredPage]:
    """The index and a page per organization, each with its suggestions."""
    yield organization_index(data, settings, renderer)
    macros = EntryMacros(renderer, data.directory)
    for org in data.directory.organizations:
        page = partial(organization_page, data, org, settings, renderer, macros)
        yield deferred(organization_path(org.id), page)


def organization_index(data: SiteData, settings: SiteSettings, renderer: Renderer) -> GeneratedPage:
    directory = data.directory
    return markdown_page(
        renderer,
        "organizations/",
        "organizations.html",
        title="Organizations",
        searched=False,
        description="The organizations of the directory, their circles and their spaces.",
        listed=True,
        wide=True,
        directory=directory,
        proposals=proposals(settings.repository, settings.branch, data.blanks),
        hosted={org.id: len(directory.spaces_hosted_by(org.id)) for org in directory.organizations},
        joined={
            org.id: len(directory.confirmed_participations(org.id))
            for org in directory.organizations
        },
    )


def organization_page(
    data: SiteData,
    org: Organization,
    settings: SiteSettings,
    renderer: Renderer,
    macros: EntryMacros | None = None,
) -> GeneratedPage:
    directory = data.directory
    hosted = directory.spaces_hosted_by(org.id)
    participations = directory.participations_of(org.id)
    return markdown_page(
        renderer,
        organization_path(org.id),
        "organization.html",
        title=org.name,
        description=org.summary,
        searched=False,  # render/search.py indexes what partners wrote
        macros=macros or EntryMacros(renderer, directory),
        directory=directory,
        org=org,
        commitments=commitments(org, data.schemas),
        circle_tree=circle_tree(org),
        hosting=hosting_circles(hosted),
        hosted=hosted,
        joined=tuple(
            Joined(space, org.circle(p.circle))
            for space, p in directory.confirmed_participations(org.id)
        ),
        # Of an invitation, only the space and its host: the rest is the host's word.
        invited=tuple(
            {
                space.id: space
                for space, _, standing in participations
                if standing is Standing.INVITED
            }.values()
        ),
        joined_elsewhere=views.elsewhere(directory, org, Standing.CONFIRMED),
        invited_elsewhere=views.elsewhere(directory, org, Standing.INVITED),
        edit_url=settings.edit_url(org.source.file),
        embed_snippet=embed_snippet(organization_path(org.id), org.name, settings, renderer),
        proposals=proposals(settings.repository, settings.branch, data.blanks, org.id),
        **organization_extras(data, org, settings),
    )


def commitments(org: Organization, schemas: Schemas) -> tuple[Commitment, ...]:
    titles = views.commitment_titles(schemas)
    names = (*org.commitments.BASIC, *org.commitments.ENHANCING)
    return tuple(
        Commitment(titles[name], getattr(org.commitments, name), name in org.commitments.BASIC)
        for name in names
    )


@dataclass(frozen=True)
class TreeRow:
    """One circle of the tree as the page writes it, in reading order: its item opens
    a list of its children when it has any, and after the last circle of a branch
    `closes` lists close with their items. A flat list, so that a tree of any depth
    renders without recursion."""

    circle: Circle
    has_children: bool
    closes: int


def circle_tree(org: Organization) -> tuple[TreeRow, ...]:
    """The circles from the roots down, depth first, children in the file's order."""
    children: dict[str | None, list[Circle]] = defaultdict(list)
    for circle in org.circles:
        children[circle.parent].append(circle)
    rows: list[TreeRow] = []
    # Each entry: a circle still to write, and how many lists close after it if it
    # has no children (the last child of a branch closes its parent's list too).
    stack: list[tuple[Circle, int]] = [(root, 0) for root in reversed(children[None])]
    while stack:
        circle, closes = stack.pop()
        below = children.get(circle.id, [])
        rows.append(TreeRow(circle, bool(below), 0 if below else closes))
        for index, child in enumerate(reversed(below)):
            stack.append((child, closes + 1 if index == 0 else 0))
    return tuple(rows)


def hosting_circles(hosted: tuple[Space, ...]) -> Mapping[str, tuple[Space, ...]]:
    """The spaces each circle of the organization hosts."""
    spaces: dict[str, list[Space]] = defaultdict(list)
    for space in hosted:
        spaces[space.host_circle].append(space)
    return {circle: tuple(items) for circle, items in spaces.items()}
