"""axe-core audits of the pages a visitor reads most. axe-core comes inside the
axe-playwright-python wheel and is injected into the page: nothing is fetched."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

AUDITED_PAGES = [
    "marketplace/",
    "spaces/loom-facilitation/conflict-skills-pilot/",
    "organizations/riverbend-clt/",
    "embed/spaces/loom-facilitation/conflict-skills-pilot/",
    "embed/organizations/mutual-threads/",
]
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def describe(violations: list[dict]) -> str:
    """Each violation with the elements it was found on and axe's reason."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            checks = node["any"] + node["all"] + node["none"]
            reason = checks[0]["message"] if checks else ""
            lines.append(f"    {', '.join(node['target'])}: {reason}")
    return "\n".join(lines)


@pytest.mark.parametrize("path", AUDITED_PAGES)
def test_a_page_has_no_serious_or_critical_accessibility_violation(
    page: Page, site_url: str, axe: Axe, path: str
) -> None:
    page.goto(site_url + path)
    results = axe.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        pytest.fail(describe(blocking), pytrace=False)
