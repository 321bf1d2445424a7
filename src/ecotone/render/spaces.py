"""Blueprint pages: one per space, at `/spaces/<host>/<space>/`, laid out in the
protocol's order (topic and aim, domain and connection point, term, budget,
social contract), then participants, escalation paths, what the space seeks,
its history and its contact."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ecotone.addresses import space_path
from ecotone.model import Directory, Space
from ecotone.render import views
from ecotone.render.ecosystem import inline_code, space_extras
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
from ecotone.sitedata import SiteData


def space_pages(
    data: SiteData, settings: SiteSettings, renderer: Renderer
) -> Iterator[DeferredPage]:
    macros = space_macros(renderer, data.directory)
    for space in data.directory.spaces:
        page = partial(space_page, data, space, settings, renderer, macros)
        yield deferred(space_path(space.id), page)


def space_macros(renderer: Renderer, directory: Directory) -> EntryMacros:
    """The macros the space pages share: the principles checklist shows notes as
    `inline_code`."""
    return EntryMacros(renderer, directory, inline_code=inline_code)


def space_page(
    data: SiteData,
    space: Space,
    settings: SiteSettings,
    renderer: Renderer,
    macros: EntryMacros | None = None,
) -> GeneratedPage:
    """The blueprint page: what of its dates have passed at the site data's date, and
    since when each member is one and with whose consent (from main's history)."""
    directory = data.directory
    host = directory.organization(space.host)
    contract = space.social_contract
    budget = views.budget_lines(directory, space)
    return markdown_page(
        renderer,
        space_path(space.id),
        "space.html",
        title=space.title,
        description=space.aim,
        searched=False,  # render/search.py indexes what partners wrote
        macros=macros or space_macros(renderer, directory),
        directory=directory,
        space=space,
        host=host,
        host_circle=directory.circle(space.host, space.host_circle),
        host_escalation=views.escalation(directory, space.host, space.host_circle),
        members=views.members(directory, space, data.joinings),
        overdue=data.overdue[space.id],
        budget_groups=views.budget_groups(budget),
        budget_totals=views.budget_totals(budget),
        budget_offered=any(line.offered for line in budget),
        playbooks=tuple(
            views.plugged(kind, slot, directory.playbook(slot.playbook))
            for kind, slot in (contract.slots if contract else ())
        ),
        edit_url=settings.edit_url(space.source.file),
        embed_snippet=embed_snippet(space_path(space.id), space.title, settings, renderer),
        **space_extras(data, space, settings),
    )
