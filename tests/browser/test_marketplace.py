"""The marketplace in the browser: the script draws the cards from the page's
card data, a screenful at a time; the filters narrow them, live in the URL, and
survive the back button and Material's instant navigation. Without JavaScript
the page lists every space as a link."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import PageLog
from playwright.sync_api import Page, expect
from site_helpers import mkdocs_build, served

from ecotone.commands.synth import write_directory

pytestmark = pytest.mark.browser

# The cards the script draws at first and at each "Show more".
CARDS_AT_A_TIME = 12
# Resolves once the browser has drawn two frames, and run its observers.
NEXT_FRAMES = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"

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


def card_texts(page: Page) -> dict[str, str]:
    """The text of each card drawn, by its space."""
    pairs = page.locator("li.eco-card").evaluate_all(
        "cards => cards.map(card =>"
        " [card.querySelector('a[href*=\"/spaces/\"]').href, card.textContent])"
    )
    return {space_id(href): text for href, text in pairs}


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def open_marketplace(page: Page, site_url: str, search: str = "") -> None:
    """Open the marketplace and wait for its script to take over the form: the
    form is in the page's HTML, visible before the script listens to it."""
    page.goto(f"{site_url}marketplace/{search}")
    expect(page.locator("form.eco-filters")).to_have_attribute("data-ready", "true")


# The layout shifts the page has gone through, as Lighthouse counts them (those
# right after a reader's input aside), once the browser has reported them.
LAYOUT_SHIFT = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const shift of list.getEntries()) if (!shift.hadRecentInput) total += shift.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => done(total), 300);
})"""
SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("screen", SCREENS)
def test_nothing_moves_as_the_script_takes_over_the_cards(
    page: Page, site_url: str, screen: str
) -> None:
    page.set_viewport_size(SCREENS[screen])
    page.goto(f"{site_url}marketplace/")
    expect(page.locator("form.eco-filters")).to_have_attribute("data-ready", "true")
    page.wait_for_load_state("networkidle")

    assert page.evaluate(LAYOUT_SHIFT) < 0.1


def test_the_script_draws_the_first_cards_exactly_as_the_page_holds_them(
    page: Page, page_without_javascript: Page, site_url: str
) -> None:
    page_without_javascript.goto(f"{site_url}marketplace/")
    in_the_page = page_without_javascript.locator("ul.eco-cards").inner_html()
    open_marketplace(page, site_url)

    # Apart from the line breaks between the cards, which a grid does not lay out.
    drawn = page.locator("ul.eco-cards").inner_html()
    assert drawn == re.sub(r"(?<=</li>)\n(?=<li)", "", in_the_page.strip("\n"))


def test_on_a_phone_the_first_card_shows_and_the_filters_fold_away(
    page: Page, site_url: str
) -> None:
    page.set_viewport_size(SCREENS["phone"])
    open_marketplace(page, site_url)
    expect(page.locator("li.eco-card h2 a").first).to_be_in_viewport()
    mode = page.locator("select[name=mode]")
    expect(mode).to_be_hidden()
    fold = page.get_by_role("button", name="More filters")
    fold.click()
    expect(fold).to_have_attribute("aria-expanded", "true")
    mode.select_option("collaboration")
    assert visible_spaces(page) == COLLABORATIONS
    expect(fold).to_have_text("More filters (1 set)")


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
    cards = page.locator("li.eco-card")
    texts = {card_id: text.lower() for card_id, text in card_texts(page).items()}
    containing = {card_id for card_id, text in texts.items() if "cargo" in text and "bike" in text}
    page.locator("input[name=q]").press_sequentially("CARGO BIKE")

    expect(cards).to_have_count(len(containing))
    assert containing, "no card shows 'cargo bike'"
    assert set(card_texts(page)) == containing


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
    # The form is in the page's HTML, visible before the script listens to it.
    expect(page.locator("form.eco-filters")).to_have_attribute("data-ready", "true")
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


# -- without JavaScript --------------------------------------------------------


def test_without_javascript_the_page_links_every_space_and_its_host(
    page_without_javascript: Page, site_url: str
) -> None:
    page = page_without_javascript
    page.goto(f"{site_url}marketplace/")
    links = page.locator("ul.eco-space-list > li > a[href*='/spaces/']")

    expect(links).to_have_count(len(ALL_SPACES))
    assert {space_id(href) for href in links.evaluate_all("as => as.map(a => a.href)")} == (
        ALL_SPACES
    )
    for link in links.all():
        expect(link).to_be_visible()
    expect(page.locator("ul.eco-space-list").first).to_contain_text(
        "Neighbourhood food commons hosted by Riverbend Community Land Trust"
    )
    expect(page.locator(".eco-count")).to_have_text("10 spaces")
    # The filters and the cards need JavaScript, so they do not show without it.
    expect(page.locator("form.eco-filters")).to_be_hidden()
    expect(page.locator("ul.eco-cards")).to_be_hidden()


def test_with_javascript_the_cards_take_the_place_of_the_plain_list(
    page: Page, site_url: str
) -> None:
    open_marketplace(page, site_url)

    expect(page.locator("li.eco-card")).to_have_count(len(ALL_SPACES))
    expect(page.locator("ul.eco-space-list")).to_have_count(0)


def test_where_the_card_data_cannot_be_loaded_the_plain_list_shows(
    page: Page, site_url: str, page_log: PageLog
) -> None:
    page.route("**/marketplace/cards.json", lambda route: route.fulfill(status=404))
    page.goto(f"{site_url}marketplace/")

    links = page.locator("ul.eco-space-list > li > a[href*='/spaces/']")
    expect(links).to_have_count(len(ALL_SPACES))
    expect(links.first).to_be_visible()
    expect(page.locator("li.eco-card")).to_have_count(0)
    # The browser logs the failed request, as this test means it to fail.
    assert page_log.console_errors
    assert all("cards.json" in error for error in page_log.console_errors)
    page_log.console_errors.clear()


# -- a directory of many spaces ------------------------------------------------


@pytest.fixture(scope="module")
def many_spaces_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A synthetic directory of 60 spaces, five times the cards drawn at first,
    built for the address it is served at (so that instant navigation works)."""
    root = tmp_path_factory.mktemp("many-spaces")
    write_directory(root, 12, 60)
    site = root / "site"
    site.mkdir()
    with served(site) as url:
        config = root / "mkdocs.yml"
        config.write_text(config.read_text("utf-8") + f"\nsite_url: {url}\n", "utf-8")
        build = mkdocs_build(config, site)
        assert build.returncode == 0, build.output
        yield url


def published_cards(site_url: str, page: Page) -> list[dict]:
    """The marketplace's card data, as the site publishes it."""
    response = page.request.get(f"{site_url}marketplace/cards.json")
    assert response.ok
    return json.loads(response.body())["cards"]


def drawn_spaces(page: Page) -> list[str]:
    hrefs = page.locator("li.eco-card h2 a").evaluate_all("links => links.map(a => a.href)")
    return [space_id(href) for href in hrefs]


def test_the_first_cards_are_drawn_in_the_marketplaces_order(
    page: Page, many_spaces_url: str
) -> None:
    open_marketplace(page, many_spaces_url)
    cards = published_cards(many_spaces_url, page)

    expect(page.locator("li.eco-card")).to_have_count(CARDS_AT_A_TIME)
    assert drawn_spaces(page) == [card["id"] for card in cards[:CARDS_AT_A_TIME]]
    expect(page.locator(".eco-count")).to_have_text(f"{len(cards)} spaces")


def test_show_more_draws_the_next_cards_and_moves_focus_to_the_first(
    page: Page, many_spaces_url: str
) -> None:
    open_marketplace(page, many_spaces_url)
    cards = published_cards(many_spaces_url, page)
    page.get_by_role("button", name="Show 12 more").focus()
    # Focus scrolls the button into view; scrolling near it would draw more,
    # but not while it has the focus: its reader chooses.
    page.evaluate(NEXT_FRAMES)
    expect(page.locator("li.eco-card")).to_have_count(CARDS_AT_A_TIME)
    page.keyboard.press("Enter")

    expect(page.locator("li.eco-card")).to_have_count(2 * CARDS_AT_A_TIME)
    assert drawn_spaces(page) == [card["id"] for card in cards[: 2 * CARDS_AT_A_TIME]]
    focused = page.evaluate("document.activeElement.href")
    assert space_id(focused) == cards[CARDS_AT_A_TIME]["id"]


def test_scrolling_to_the_end_draws_every_card_that_matches(
    page: Page, many_spaces_url: str
) -> None:
    open_marketplace(page, many_spaces_url)
    cards = published_cards(many_spaces_url, page)
    drawn = page.locator("li.eco-card")
    while drawn.count() < len(cards):
        before = drawn.count()
        page.mouse.wheel(0, 4000)
        expect(drawn).not_to_have_count(before)

    assert drawn_spaces(page) == [card["id"] for card in cards]
    expect(page.locator(".eco-more")).to_be_hidden()


def test_a_filter_reaches_the_spaces_beyond_the_cards_drawn(
    page: Page, many_spaces_url: str
) -> None:
    open_marketplace(page, many_spaces_url)
    cards = published_cards(many_spaces_url, page)
    concluded = [card["id"] for card in cards if card["status"] == "concluded"]
    first_concluded = next(i for i, card in enumerate(cards) if card["status"] == "concluded")
    assert first_concluded >= CARDS_AT_A_TIME, "the concluded spaces are drawn without a filter"
    assert len(concluded) <= CARDS_AT_A_TIME
    page.select_option("select[name=status]", "concluded")

    expect(page.locator(".eco-count")).to_have_text(f"{len(concluded)} of {len(cards)} spaces")
    assert drawn_spaces(page) == concluded
    expect(page.locator(".eco-more")).to_be_hidden()


def test_back_from_a_space_far_down_the_cards_returns_to_its_card(
    page: Page, many_spaces_url: str
) -> None:
    open_marketplace(page, many_spaces_url)
    page.wait_for_load_state("networkidle")
    cards = published_cards(many_spaces_url, page)
    target = cards[3 * CARDS_AT_A_TIME + 2]["id"]
    link = page.locator(f"li.eco-card h2 a[href$='/spaces/{target}/']")
    while not link.count():
        page.mouse.wheel(0, 2000)
        page.evaluate(NEXT_FRAMES)
    link.scroll_into_view_if_needed()
    link.click()
    expect(page.locator("#topic-and-aim")).to_be_visible()
    page.go_back()

    expect(page.locator(f"li.eco-card h2 a[href$='/spaces/{target}/']")).to_be_in_viewport()
