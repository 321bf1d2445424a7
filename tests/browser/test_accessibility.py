"""axe-core audits of the pages a visitor reads most, in both colour schemes, on a
desktop and on a phone: no violation of any impact, with the WCAG 2.2 AA rules
(target size among them) on top of axe's defaults. axe-core comes inside the
axe-playwright-python wheel and is injected into the page: nothing is fetched."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

AUDITED_PAGES = {
    "home": "",
    "marketplace": "marketplace/",
    "collaboration": "spaces/loom-facilitation/conflict-skills-pilot/",
    "information-sharing": "spaces/circlewise/practice-notes/",
    "organization": "organizations/riverbend-clt/",
    "ecosystem": "ecosystem/",
    "matchmaking": "ecosystem/matchmaking/",
    "reviews": "reviews/",
    "playbook": "playbooks/circlewise/accountability/",
    "space-embed": "embed/spaces/loom-facilitation/conflict-skills-pilot/",
    "organization-embed": "embed/organizations/mutual-threads/",
}
SCREENS = {"desktop": (1280, 800), "phone": (390, 844)}
SCHEMES = ("light", "dark")
# axe's default rules, and WCAG 2.2's target size, which axe leaves out by default.
OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


# The scheme a page shows. Material names its own on the body (`slate` is its dark
# one); the embeds, which are not Material's, are dark when their text is light.
SCHEME_SHOWN = """() => {
  const material = document.body.dataset.mdColorScheme;
  if (material) return material === "slate" ? "dark" : "light";
  const [r, g, b] = getComputedStyle(document.body).color.match(/\\d+/g).map(Number);
  return r + g + b > 3 * 128 ? "dark" : "light";
}"""


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


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("name", AUDITED_PAGES)
def test_a_page_has_no_accessibility_violation(
    page: Page, site_url: str, axe: Axe, name: str, screen: str, scheme: str
) -> None:
    width, height = SCREENS[screen]
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + AUDITED_PAGES[name])
    # What scripts draw (the marketplace's cards, the map's filters) is audited too.
    page.wait_for_load_state("networkidle")
    # The dark audit must audit the dark page, not the light one under another name.
    assert page.evaluate(SCHEME_SHOWN) == scheme
    violations = axe.run(page, options=OPTIONS).response["violations"]
    if violations:
        pytest.fail(describe(violations), pytrace=False)
