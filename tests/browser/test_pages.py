"""The built site in the browser: blueprint pages, search, reading without
JavaScript, and pages that stay quiet and on this machine."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from conftest import PageLog

pytestmark = pytest.mark.browser

COLLABORATION = "spaces/loom-facilitation/conflict-skills-pilot/"
MAIN_PAGES = [
    "",
    "marketplace/",
    COLLABORATION,
    "spaces/loom-facilitation/mediators-supervision/",
    "organizations/riverbend-clt/",
    "playbooks/circlewise/accountability/",
]
BLUEPRINT_PARTS = [
    "topic-and-aim",
    "domain-and-connection-point",
    "term",
    "budget",
    "social-contract",
]


def test_a_blueprint_page_shows_the_five_parts_in_the_protocols_order(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + COLLABORATION)
    for part in BLUEPRINT_PARTS:
        expect(page.locator(f"#{part}")).to_be_visible()
    tops = [page.locator(f"#{part}").bounding_box()["y"] for part in BLUEPRINT_PARTS]
    assert tops == sorted(tops)


def test_search_finds_a_space_by_a_word_from_its_aim(page: Page, site_url: str) -> None:
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    # Material searches on keyup, so type as a person does.
    box.press_sequentially("resale")
    result = page.locator(
        ".md-search-result__item a[href*='/spaces/riverbend-clt/housing-exchange/']"
    )
    expect(result.first).to_be_visible()


def test_a_page_leaves_the_search_index_until_the_visitor_turns_to_search(
    page: Page, page_log: PageLog, site_url: str
) -> None:
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert not [url for url in page_log.requests if "search_index" in url]


def test_search_opened_from_the_phones_search_icon_finds_a_space(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url)
    page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").press_sequentially("resale")
    result = page.locator(
        ".md-search-result__item a[href*='/spaces/riverbend-clt/housing-exchange/']"
    )
    expect(result.first).to_be_visible()


def test_without_javascript_a_blueprint_page_shows_the_five_parts(
    page_without_javascript: Page, site_url: str
) -> None:
    page_without_javascript.goto(site_url + COLLABORATION)
    for part in BLUEPRINT_PARTS:
        expect(page_without_javascript.locator(f"#{part}")).to_be_visible()


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_a_main_page_loads_without_console_errors_or_requests_elsewhere(
    page: Page, page_log: PageLog, site_url: str, path: str
) -> None:
    response = page.goto(site_url + path)
    assert response is not None and response.ok
    page.wait_for_load_state("networkidle")
    assert page_log.console_errors == []
    assert page_log.foreign_requests == []
    assert any(url.endswith(".js") for url in page_log.requests), "no script was requested"


def test_searching_asks_nothing_of_other_hosts(
    page: Page, page_log: PageLog, site_url: str
) -> None:
    page.goto(site_url + "marketplace/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("food")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert page_log.foreign_requests == []
    assert any("search" in url for url in page_log.requests)
