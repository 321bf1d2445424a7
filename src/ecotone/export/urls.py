"""Absolute addresses of the site's pages, for formats read away from the site
(feeds, JSON-LD identifiers, profiles), where a relative link means nothing."""

from __future__ import annotations

from dataclasses import dataclass

from ecotone.addresses import organization_path, playbook_path, space_path


@dataclass(frozen=True)
class SiteUrls:
    """The site's base address, such as `https://example.org/directory/`."""

    base: str

    def __post_init__(self) -> None:
        if not self.base.endswith("/"):
            object.__setattr__(self, "base", self.base + "/")

    def page(self, path: str) -> str:
        return self.base + path

    def organization(self, org_id: str) -> str:
        return self.page(organization_path(org_id))

    def space(self, space_id: str) -> str:
        return self.page(space_path(space_id))

    def playbook(self, playbook_id: str) -> str:
        return self.page(playbook_path(playbook_id))
