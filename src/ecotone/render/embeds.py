"""Embeds: for every organization and space, a small page made for another site's
iframe, at `/embed/organizations/<org>/` and `/embed/spaces/<host>/<space>/`.

An embed has its own minimal markup, not the theme's: one small style sheet and
one small script, both from this site (its Content-Security-Policy allows
nothing else). The script tells the embedding page the embed's height through
`postMessage`; the snippet shown under "Put this on your site" on the entry's
page listens for it. Without JavaScript the embed reads the same, at the
iframe's default height. An organization's embed lists the spaces it hosts and
those it has confirmed, never invitations; a space's lists its confirmed
participants only.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from urllib.parse import urlsplit

from ecotone.addresses import organization_path, space_path
from ecotone.model import Directory, Organization, Space, Standing
from ecotone.package_files import PackageFiles
from ecotone.render.environment import Renderer
from ecotone.render.pages import DeferredFile, GeneratedFile, SiteSettings
from ecotone.render.paths import root_from
from ecotone.render.views import elsewhere

EMBED_URI = "embed/"
# The message the embed posts to its parent, and the snippet listens for.
HEIGHT_MESSAGE = "ecotone-embed:height"


def embed_path(page_path: str) -> str:
    """The embed of the entry page at `page_path`, such as `embed/spaces/a/b/`."""
    return EMBED_URI + page_path


def embed_assets(package: PackageFiles) -> Iterator[GeneratedFile]:
    """The embeds' style sheet and script, as the package ships them."""
    for name, content in package.embed:
        yield GeneratedFile(EMBED_URI + name, content)


def embed_files(
    directory: Directory, settings: SiteSettings, renderer: Renderer
) -> Iterator[DeferredFile]:
    for org in directory.organizations:
        yield _organization_embed(directory, org, settings, renderer)
    for space in directory.spaces:
        yield _space_embed(directory, space, settings, renderer)


def _organization_embed(
    directory: Directory, org: Organization, settings: SiteSettings, renderer: Renderer
) -> DeferredFile:
    path = embed_path(organization_path(org.id))
    joined = tuple(space for space, _ in directory.confirmed_participations(org.id))
    return _embed(
        path,
        "embed/organization.html",
        settings,
        renderer,
        page=organization_path(org.id),
        title=org.name,
        org=org,
        hosted=directory.spaces_hosted_by(org.id),
        joined=joined,
        joined_elsewhere=elsewhere(directory, org, Standing.CONFIRMED),
    )


def _space_embed(
    directory: Directory, space: Space, settings: SiteSettings, renderer: Renderer
) -> DeferredFile:
    path = embed_path(space_path(space.id))
    confirmed = tuple(
        p for p in directory.confirmed_participants(space) if p.organization != space.host
    )
    return _embed(
        path,
        "embed/space.html",
        settings,
        renderer,
        directory=directory,
        page=space_path(space.id),
        title=space.title,
        space=space,
        host=directory.organization(space.host),
        participants=tuple((p, directory.organization(p.organization)) for p in confirmed),
    )


def _embed(
    path: str, template: str, settings: SiteSettings, renderer: Renderer, **context: object
) -> DeferredFile:
    html = partial(
        renderer.render, template, root=root_from(path), site_name=settings.name, **context
    )
    return DeferredFile(path + "index.html", html)


def embed_snippet(
    page_path: str, title: str, settings: SiteSettings, renderer: Renderer
) -> str | None:
    """The HTML another site copies to show the embed of the page at `page_path`:
    the iframe, and a script that sets its height from the embed's messages, only
    from this site's origin. None when the site's address (`site_url`) is unknown."""
    if not settings.url:
        return None
    base = settings.url if settings.url.endswith("/") else settings.url + "/"
    parts = urlsplit(base)
    return renderer.render(
        "embed/snippet.html",
        src=base + embed_path(page_path),
        origin=f"{parts.scheme}://{parts.netloc}",
        title=f"{title} on {settings.name}",
        message=HEIGHT_MESSAGE,
    )
