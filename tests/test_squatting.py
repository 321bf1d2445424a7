"""A former identifier cannot squat a live one: an organization that lists another's
identifier (or one yet to join) as its own former one redirects nothing there and
never stops the other's pull requests."""

from __future__ import annotations

from pathlib import Path

from builders import TODAY, Builder

from ecotone.render.environment import Renderer
from ecotone.render.redirects import redirect_pages
from ecotone.validate.run import validate_directory, validate_files


def test_the_organization_that_joins_later_passes_its_own_pull_request(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    build.organization("squatter", former_ids=["acme-coop"])
    build.organization("acme-coop")
    report = validate_files(tmp_path, ["partners/acme-coop"], TODAY)
    assert [p for p in report.problems if p.is_error or p.is_warning] == []


def test_a_claim_on_a_live_identifier_is_a_notice_to_the_claimant(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    build.organization("squatter", former_ids=["acme-coop"])
    build.organization("acme-coop")
    problems = validate_directory(tmp_path, TODAY).problems
    assert [(p.code, p.file) for p in problems if p.code in ("E414", "N416")] == [
        ("N416", "partners/squatter/organization.yml")
    ]


def test_a_live_organizations_address_never_redirects(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    build.organization("squatter", former_ids=["acme-coop"])
    build.organization("acme-coop")
    pages = [page.src_uri for page in redirect_pages(build.directory(), Renderer())]
    assert "organizations/acme-coop/index.html" not in pages
