"""Blueprint pages: one per space, at `/spaces/<host>/<space>/`, laid out in the
protocol's order (topic and aim, domain and connection point, term, budget,
social contract), then participants, escalation paths, what the space seeks,
its history and its contact."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from functools import partial

from ecotone.analysis import reviews
from ecotone.analysis.consent import Seat
from ecotone.analysis.membership import Joining
from ecotone.model import Directory, Space
from ecotone.render import views
from ecotone.render.ecosystem import inline_code, space_extras
from ecotone.render.embeds import embed_snippet
from ecotone.render.pages import (
    DeferredPage,
    EntryMacros,
    GeneratedPage,
    SiteSettings,
    deferred,
    markdown_page,
)
from ecotone.render.paths import space_path


def space_pages(
    directory: Directory,
    settings: SiteSettings,
    today: date,
    joinings: Mapping[Seat, Joining] | None = None,
) -> Iterator[DeferredPage]:
    macros = space_macros(directory)
    for space in directory.spaces:
        yield deferred(
            space_path(space.id),
            partial(space_page, directory, space, settings, today, macros, joinings),
        )


def space_macros(directory: Directory) -> EntryMacros:
    """The macros the space pages share: the principles checklist shows notes as
    `inline_code`."""
    return EntryMacros(directory, inline_code=inline_code)


def space_page(
    directory: Directory,
    space: Space,
    settings: SiteSettings,
    today: date,
    macros: EntryMacros | None = None,
    joinings: Mapping[Seat, Joining] | None = None,
) -> GeneratedPage:
    """The blueprint page; `today` tells which of its dates have passed, `joinings`
    since when each member is one and with whose consent (from main's history)."""
    host = directory.organization(space.host)
    contract = space.social_contract
    budget = views.budget_lines(directory, space)
    return markdown_page(
        space_path(space.id),
        "space.html",
        title=space.title,
        description=space.aim,
        searched=False,  # render/search.py indexes what partners wrote
        macros=macros or space_macros(directory),
        directory=directory,
        space=space,
        host=host,
        host_circle=directory.circle(space.host, space.host_circle),
        host_escalation=views.escalation(directory, space.host, space.host_circle),
        members=views.members(directory, space, joinings),
        overdue=reviews.overdue(space, today),
        budget_groups=views.budget_groups(budget),
        budget_totals=views.budget_totals(budget),
        budget_offered=any(line.offered for line in budget),
        playbooks=tuple(
            views.plugged(kind, slot, directory.playbook(slot.playbook))
            for kind, slot in (contract.slots if contract else ())
        ),
        edit_url=settings.edit_url(space.source.file),
        embed_snippet=embed_snippet(space_path(space.id), space.title, settings),
        **space_extras(directory, space, settings),
    )
