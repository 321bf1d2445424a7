"""Small directories written from a few lines of Python, for tests whose right
answer is easiest to see in a handful of organizations and spaces.

Every organization has one circle, `general`; every participant represents it,
so a participation is confirmed exactly when the participant's own file lists
the space (`joins=`). The directories validate without errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from site_helpers import TODAY

from ecotone.model import Directory
from ecotone.validate.run import validate_directory


class Builder:
    def __init__(self, root: Path) -> None:
        self.root = root

    def organization(
        self,
        org_id: str,
        *,
        name: str | None = None,
        topics: Sequence[str] = (),
        offers: Mapping[str, Sequence[str]] | None = None,
        needs: Mapping[str, Sequence[str]] | None = None,
        joins: Iterable[str] = (),
        sovereignty: bool = True,
        **extra: Any,
    ) -> None:
        """`offers` and `needs` map a title to its topics; `joins` lists the spaces
        the organization acknowledges."""
        data: dict[str, Any] = {
            "name": name or org_id.replace("-", " ").title(),
            "summary": f"{org_id} in one line.",
            "maintainers": [f"{org_id}-admin"],
            "commitments": {
                "sovereignty": sovereignty,
                "shared_governance": True,
                "interoperable_data": True,
                "shared_communication": True,
                "conflict_resolution": True,
                "accountability": True,
            },
            "circles": {
                "general": {
                    "name": "General circle",
                    "aim": "Hold the aim.",
                    "domain": "Everything.",
                    "conflicts_go_to": "The members' meeting.",
                }
            },
            **extra,
        }
        if topics:
            data["topics"] = list(topics)
        if offers:
            data["offers"] = [{"title": t, "topics": list(ts)} for t, ts in offers.items()]
        if needs:
            data["needs"] = [{"title": t, "topics": list(ts)} for t, ts in needs.items()]
        participations = [{"space": space, "circle": "general"} for space in joins]
        if participations:
            data["participations"] = participations
        self._write(f"partners/{org_id}/organization.yml", data)

    def space(
        self,
        space_id: str,
        *,
        members: Sequence[str] = (),
        mode: str = "collaboration",
        status: str = "active",
        seeking: Mapping[str, Sequence[str]] | None = None,
        **fields: Any,
    ) -> None:
        """A space `host/slug` listing `members` as representatives of their general
        circle. `fields` replace or add top-level fields."""
        host, slug = space_id.split("/")
        data: dict[str, Any] = {
            "title": slug.replace("-", " ").capitalize(),
            "mode": mode,
            "status": status,
            "host_circle": "general",
            "aim": f"The aim of {slug}.",
            "term": {"start": "2026-01-01", "ongoing": True},
        }
        if mode == "collaboration":
            data.update(
                level="project",
                domain="What the space decides.",
                social_contract={"governance": "Consent decision-making."},
            )
        else:
            data.update(venue="extra-space", direction="bi-directional")
        if members:
            data["participants"] = [
                {"organization": org, "role": "representative", "circle": "general"}
                for org in members
            ]
        if seeking:
            data["seeking"] = [{"title": t, "topics": list(ts)} for t, ts in seeking.items()]
        data.update(fields)
        self._write(f"partners/{host}/spaces/{slug}.yml", data)

    def playbook(self, playbook_id: str, *, kind: str, steps: int = 3, **fields: Any) -> None:
        publisher, slug = playbook_id.split("/")
        data: dict[str, Any] = {
            "title": slug.replace("-", " ").capitalize(),
            "kind": kind,
            "summary": "A playbook.",
            "steps": [
                {"title": f"Step {n}", "description": f"What happens in step {n}."}
                for n in range(1, steps + 1)
            ],
            **fields,
        }
        self._write(f"partners/{publisher}/playbooks/{slug}.yml", data)

    def directory(self, today: date = TODAY) -> Directory:
        """The model of what was written; fails the test if the directory has errors."""
        report = validate_directory(self.root, today)
        assert not report.errors, "\n".join(str(problem) for problem in report.errors)
        return report.directory

    def _write(self, file: str, data: Mapping[str, Any]) -> None:
        path = self.root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(dict(data), sort_keys=False), encoding="utf-8")
