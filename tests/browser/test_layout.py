"""The main pages fit a desktop and a phone screen. Each check leaves a
full-page screenshot in the session's temporary folder (`screenshots/` under
pytest's --basetemp), so that a person can look at what the tests saw."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SCREENS = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 390, "height": 844},
}
# Every page issue 14 names, at both widths: a person looks at these screenshots.
VIEWS = {
    "home": "",
    "marketplace": "marketplace/",
    "marketplace-filtered": "marketplace/?mode=collaboration&open=1",
    "collaboration": "spaces/loom-facilitation/conflict-skills-pilot/",
    "information-sharing": "spaces/circlewise/practice-notes/",
    "organization": "organizations/riverbend-clt/",
    "ecosystem": "ecosystem/",
    "matchmaking": "ecosystem/matchmaking/",
    "reviews": "reviews/",
    "playbook": "playbooks/circlewise/accountability/",
}


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots", numbered=False)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("view", VIEWS)
def test_a_page_fits_the_screen_without_sideways_scrolling(
    page: Page, site_url: str, screenshots: Path, view: str, screen: str
) -> None:
    page.set_viewport_size(SCREENS[screen])
    page.goto(site_url + VIEWS[view])
    # Material fades its tabs in; a screenshot shows them at rest.
    page.screenshot(
        path=screenshots / f"{view}-{screen}.png", full_page=True, animations="disabled"
    )
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{overflow}px wider than the screen"
