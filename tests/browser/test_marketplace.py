"""The marketplace's filters, in the browser: they narrow the cards, live in the
URL, and survive the back button and Material's instant navigation."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

ALL_SPACES = {
    "brightwork-coop/data-toolkit",
    "circlewise/practice-notes",
    "circlewise/trainer-pool",
    "common-table/surplus-roundtable",
    "loom-facilitation/conflict-skills-pilot",
    "loom-facilitation/mediators-supervision",
    "mutual-threads/bike-deliveries",
    "riverbend-clt/food-commons",
    "riverbend-clt/housing-exchange",
    "tandem-network/partners-table",
}
COLLABORATIONS = {
    "brightwork-coop/data-toolkit",
    "circlewise/trainer-pool",
    "loom-facilitation/conflict-skills-pilot",
    "mutual-threads/bike-deliveries",
    "riverbend-clt/food-commons",
    "tandem-network/partners-table",
}
COLLABORATIONS_ON_MEDIATION = {
    "circlewise/trainer-pool",
    "loom-facilitation/conflict-skills-pilot",
}
OPEN_INFORMATION_SHARING = {
    "circlewise/practice-notes",
    "common-table/surplus-roundtable",
}


def space_id(href: str) -> str:
    """`org/space` from a blueprint link such as `/spaces/org/space/`."""
    path = urlsplit(href).path
    return path.split("/spaces/", 1)[1].strip("/")


def visible_spaces(page: Page) -> set[str]:
    """The spaces whose cards are shown, by their blueprint links."""
    hrefs = page.locator("li.eco-card:visible").evaluate_all(
        "cards => cards.map(card => card.querySelector('a[href*=\"/spaces/\"]').href)"
    )
    return {space_id(href) for href in hrefs}


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def open_marketplace(page: Page, site_url: str, search: str = "") -> None:
    page.goto(f"{site_url}marketplace/{search}")
    expect(page.locator("form.eco-filters")).to_be_visible()


def test_the_marketplace_lists_every_space(page: Page, site_url: str) -> None:
    open_marketplace(page, site_url)
    assert visible_spaces(page) == ALL_SPACES
    expect(page.locator(".eco-count")).to_have_text("10 spaces")


def test_choosing_filters_narrows_the_cards_and_puts_them_in_the_url(
    page: Page, site_url: str
) -> None:
    open_marketplace(page, site_url)
    page.select_option("select[name=mode]", "collaboration")
    assert visible_spaces(page) == COLLABORATIONS
    page.select_option("select[name=topic]", "mediation")
    assert visible_spaces(page) == COLLABORATIONS_ON_MEDIATION
    expect(page.locator(".eco-count")).to_have_text("2 of 10 spaces")
    assert query(page) == {"mode": ["collaboration"], "topic": ["mediation"]}


def test_a_url_with_filters_opens_the_filtered_view(page: Page, site_url: str) -> None:
    open_marketplace(page, site_url, "?mode=information-sharing&open=1")
    assert visible_spaces(page) == OPEN_INFORMATION_SHARING
    expect(page.locator("select[name=mode]")).to_have_value("information-sharing")
    expect(page.locator("input[name=open]")).to_be_checked()


def test_the_back_button_restores_the_previous_filters(page: Page, site_url: str) -> None:
    open_marketplace(page, site_url)
    page.select_option("select[name=mode]", "collaboration")
    page.select_option("select[name=topic]", "mediation")
    page.go_back()
    expect(page.locator("select[name=topic]")).to_have_value("")
    assert visible_spaces(page) == COLLABORATIONS
    page.go_back()
    expect(page.locator("select[name=mode]")).to_have_value("")
    assert visible_spaces(page) == ALL_SPACES


def test_the_text_box_narrows_the_cards_as_you_type(page: Page, site_url: str) -> None:
    open_marketplace(page, site_url)
    box = page.locator("input[name=q]")
    shown_after_each_key = []
    for key in "Peer":
        box.press(key)
        shown_after_each_key.append(visible_spaces(page))
    assert shown_after_each_key[-1] >= {
        "loom-facilitation/mediators-supervision",
        "riverbend-clt/housing-exchange",
    }
    assert shown_after_each_key[-1] < shown_after_each_key[0] <= ALL_SPACES
    assert query(page) == {"text": ["Peer"]}


def test_the_text_box_matches_any_case_anywhere_in_a_card(page: Page, site_url: str) -> None:
    open_marketplace(page, site_url)
    page.locator("input[name=q]").press_sequentially("CARGO BIKE")
    texts = page.locator("li.eco-card").evaluate_all(
        "cards => cards.map(card => [card.hidden, card.textContent.toLowerCase()])"
    )
    shown = [text for hidden, text in texts if not hidden]
    assert shown, "no card matches 'cargo bike'"
    assert all("cargo" in text and "bike" in text for text in shown)
    assert not any("cargo" in text and "bike" in text for hidden, text in texts if hidden)


def test_typing_replaces_the_history_entry_instead_of_adding_one(page: Page, site_url: str) -> None:
    open_marketplace(page, site_url)
    length = page.evaluate("history.length")
    page.locator("input[name=q]").press_sequentially("food")
    assert page.evaluate("history.length") == length


def test_enter_in_the_text_box_keeps_the_page(page: Page, site_url: str) -> None:
    open_marketplace(page, site_url)
    page.evaluate("window.stillHere = true")
    box = page.locator("input[name=q]")
    box.press_sequentially("food")
    box.press("Enter")
    assert page.evaluate("window.stillHere") is True
    assert query(page) == {"text": ["food"]}


def test_filters_work_after_instant_navigation_from_the_home_page(
    page: Page, site_url: str
) -> None:
    page.goto(site_url)
    # Material intercepts clicks only once it has read the sitemap.
    page.wait_for_load_state("networkidle")
    page.evaluate("window.stillHere = true")
    page.locator(f"a[href='{site_url}marketplace/']").first.click()
    expect(page.locator("form.eco-filters")).to_be_visible()
    assert page.evaluate("window.stillHere") is True, "the click reloaded the page"
    page.select_option("select[name=mode]", "collaboration")
    assert visible_spaces(page) == COLLABORATIONS


def test_back_from_a_space_returns_to_the_filtered_marketplace(page: Page, site_url: str) -> None:
    open_marketplace(page, site_url)
    page.wait_for_load_state("networkidle")
    page.select_option("select[name=mode]", "collaboration")
    page.locator("li.eco-card:visible a[href*='/spaces/']").first.click()
    expect(page.locator("#topic-and-aim")).to_be_visible()
    page.go_back()
    expect(page.locator("select[name=mode]")).to_have_value("collaboration")
    assert visible_spaces(page) == COLLABORATIONS
