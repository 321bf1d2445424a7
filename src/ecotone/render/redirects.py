"""Redirects: links survive renames. An entry lists its former ids; a tiny page at
each old address sends the browser on to the new one (a static site has no
server to answer with a 301). An organization's former id redirects only where
it holds (`Directory.former_id_holds`: proven by a rename, see rule N417)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ecotone.addresses import organization_path, playbook_path, space_path
from ecotone.model import Directory
from ecotone.render.environment import Renderer
from ecotone.render.pages import GeneratedFile
from ecotone.render.paths import root_from


def redirect_pages(directory: Directory, renderer: Renderer) -> Iterator[GeneratedFile]:
    """A page at every former address that no current page holds, once each."""
    taken = set(_current_paths(directory))
    for old, new, title in _moves(directory):
        if old not in taken:
            taken.add(old)
            target = root_from(old) + new
            yield GeneratedFile(
                f"{old}index.html", renderer.render("redirect.html", target=target, title=title)
            )


def _current_paths(directory: Directory) -> Iterable[str]:
    yield from (organization_path(org.id) for org in directory.organizations)
    yield from (space_path(space.id) for space in directory.spaces)
    yield from (playbook_path(playbook.id) for playbook in directory.playbooks)


def _moves(directory: Directory) -> Iterator[tuple[str, str, str]]:
    """(old path, new path, title) for each renamed entry. A renamed organization
    also moves the addresses of its spaces and playbooks."""
    for org in directory.organizations:
        for former in directory.former_ids_holding(org.id):
            yield organization_path(former), organization_path(org.id), org.name
    for entries, path in ((directory.spaces, space_path), (directory.playbooks, playbook_path)):
        for entry in entries:
            owner, slug = entry.id.split("/")
            owners = (owner, *directory.former_ids_holding(owner))
            for old_owner in owners:
                for old_slug in (slug, *entry.former_ids):
                    if (old_owner, old_slug) != (owner, slug):
                        yield path(f"{old_owner}/{old_slug}"), path(entry.id), entry.title
