"""Playbook pages, at `/playbooks/<publisher>/<playbook>/`, and their index:
steps with their blanks, parameters, provenance and forks, and the spaces that
plug the playbook in."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ecotone.addresses import playbook_path
from ecotone.model import PLAYBOOK_KINDS, Directory, Playbook
from ecotone.render import views
from ecotone.render.environment import Renderer
from ecotone.render.pages import (
    DeferredPage,
    EntryMacros,
    GeneratedPage,
    SiteSettings,
    deferred,
    markdown_page,
)


def playbook_pages(
    directory: Directory, settings: SiteSettings, renderer: Renderer
) -> Iterator[GeneratedPage | DeferredPage]:
    yield playbook_index(directory, renderer)
    macros = EntryMacros(renderer, directory)
    for playbook in directory.playbooks:
        yield deferred(
            playbook_path(playbook.id),
            partial(playbook_page, directory, playbook, settings, renderer, macros),
        )


def playbook_index(directory: Directory, renderer: Renderer) -> GeneratedPage:
    kinds = tuple(
        (kind, tuple(p for p in directory.playbooks if p.kind == kind)) for kind in PLAYBOOK_KINDS
    )
    return markdown_page(
        renderer,
        "playbooks/",
        "playbooks.html",
        title="Playbooks",
        searched=False,
        description="Conflict-resolution and accountability playbooks that spaces plug in.",
        listed=True,
        wide=True,
        directory=directory,
        kinds=tuple((kind, items) for kind, items in kinds if items),
        uses={p.id: len(directory.spaces_using(p.id)) for p in directory.playbooks},
    )


def playbook_page(
    directory: Directory,
    playbook: Playbook,
    settings: SiteSettings,
    renderer: Renderer,
    macros: EntryMacros | None = None,
) -> GeneratedPage:
    return markdown_page(
        renderer,
        playbook_path(playbook.id),
        "playbook.html",
        title=playbook.title,
        description=playbook.summary,
        searched=False,  # render/search.py indexes what partners wrote
        macros=macros or EntryMacros(renderer, directory),
        directory=directory,
        playbook=playbook,
        steps=tuple(
            views.FilledStep(s.title, views.fill(s.description, {})) for s in playbook.steps
        ),
        forks=directory.forks_of(playbook.id),
        spaces=directory.spaces_using(playbook.id),
        edit_url=settings.edit_url(playbook.source.file),
    )
