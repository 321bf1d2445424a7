"""Where each entry's page lives, from the site's root: shared by the pages, which
link to each other relatively, and the exports, which name pages absolutely."""

from __future__ import annotations


def space_path(space_id: str) -> str:
    return f"spaces/{space_id}/"


def organization_path(org_id: str) -> str:
    return f"organizations/{org_id}/"


def playbook_path(playbook_id: str) -> str:
    return f"playbooks/{playbook_id}/"
