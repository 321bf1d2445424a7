"""The ecosystem view in the browser: the map, its filters, the review agenda and
matchmaking, on the example directory's site."""

from __future__ import annotations

import json

import icalendar
import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_the_map_draws_every_organization_and_space_as_a_link(page: Page, site_url: str) -> None:
    page.goto(site_url + "ecosystem/")
    nodes = page.locator("svg.eco-map a[data-kind]")
    expect(nodes).to_have_count(17)  # 7 organizations and 10 spaces
    circlewise = page.locator("svg.eco-map a[data-id='circlewise']")
    expect(circlewise).to_be_visible()
    circlewise.click()
    expect(page).to_have_url(site_url + "organizations/circlewise/")
    expect(page.locator("h1")).to_have_text("Circlewise Sociocracy Training")


def test_map_filters_fade_the_spaces_of_another_mode(page: Page, site_url: str) -> None:
    page.goto(site_url + "ecosystem/")
    form = page.locator(".eco-map-filters")
    expect(form).to_be_visible()
    form.get_by_label("Mode").select_option("information-sharing")
    dimmed = page.locator("svg.eco-map a.eco-map__node--dimmed[data-kind='space']")
    expect(dimmed).to_have_count(6)  # the six collaborations
    expect(page.locator("svg.eco-map a[data-mode='information-sharing'].eco-map__node--dimmed"))
    expect(form.locator("output")).to_have_text("4 spaces highlighted")
    form.get_by_label("Mode").select_option("")
    expect(page.locator("svg.eco-map .eco-map__node--dimmed")).to_have_count(0)


def test_arriving_at_the_map_through_instant_navigation_sets_up_its_filters(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "reviews/")
    page.locator(".md-tabs").get_by_role("link", name="Ecosystem").click()
    expect(page).to_have_url(site_url + "ecosystem/")
    form = page.locator(".eco-map-filters")
    expect(form).to_be_visible()
    form.get_by_label("Mode").select_option("information-sharing")
    expect(form.locator("output")).to_have_text("4 spaces highlighted")
    button = page.get_by_role("button", name="Fit the map to the page")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")


def test_map_filters_by_topic(page: Page, site_url: str) -> None:
    page.goto(site_url + "ecosystem/")
    page.locator(".eco-map-filters").get_by_label("Topic").select_option("open-data")
    highlighted = page.locator("svg.eco-map a[data-kind='space']:not(.eco-map__node--dimmed)")
    expect(highlighted).to_have_count(1)
    expect(highlighted).to_have_attribute("data-id", "brightwork-coop/data-toolkit")


def test_the_map_is_drawn_at_its_own_size_until_fitted_to_the_page(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "ecosystem/")
    svg = page.locator("svg.eco-map")
    natural = float(svg.get_attribute("width") or 0)
    assert svg.bounding_box()["width"] == pytest.approx(natural, abs=1)
    button = page.get_by_role("button", name="Fit the map to the page")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    frame = page.locator(".eco-map-frame").bounding_box()
    assert svg.bounding_box()["width"] <= frame["width"]


def test_on_a_phone_the_list_comes_first_and_the_map_cannot_be_shrunk(
    page: Page, site_url: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "ecosystem/")
    list_top = page.locator(".eco-map-list").bounding_box()["y"]
    assert list_top < page.locator(".eco-map-frame").bounding_box()["y"]
    expect(page.get_by_role("button", name="Fit the map to the page")).to_be_hidden()
    expect(page.locator(".eco-map-pan")).to_be_visible()


def test_on_a_phone_the_map_opens_with_legible_labels_none_cut_at_its_edge(
    page: Page, site_url: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "ecosystem/")
    expect(page.locator(".eco-map-filters")).to_be_visible()
    frame = page.locator(".eco-map-frame")
    assert frame.evaluate("f => f.scrollWidth > f.clientWidth")  # it pans
    left = frame.bounding_box()["x"]
    labels = page.locator("svg.eco-map .eco-map__label")
    for i in range(labels.count()):
        label = labels.nth(i)
        size = label.evaluate("t => parseFloat(getComputedStyle(t).fontSize)")
        box = label.bounding_box()
        assert size >= 12, f"{label.text_content()} drawn at {size}px"
        assert box["x"] >= max(left, 0), f"{label.text_content()} cut at the left"


def test_at_desktop_width_every_label_sits_on_a_box_drawn_above_the_lines(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "ecosystem/")
    boxes = page.evaluate(
        """() => [...document.querySelectorAll("svg.eco-map .eco-map__label")].map(text => {
          const box = text.previousElementSibling;
          if (!box || !box.matches("rect.eco-map__label-box")) return [text.textContent, null];
          const t = text.getBBox(), b = box.getBBox();
          const edges = document.querySelector("svg.eco-map .eco-map__edges");
          return [text.textContent, {
            covers: b.x <= t.x + 1 && b.y <= t.y + 1 && b.x + b.width >= t.x + t.width - 1
              && b.y + b.height >= t.y + t.height - 1,
            aboveLines: Boolean(edges.compareDocumentPosition(box)
              & Node.DOCUMENT_POSITION_FOLLOWING),
            opaque: parseFloat(getComputedStyle(box).fillOpacity) >= 0.9
              && getComputedStyle(box).fill !== "none",
          }];
        })"""
    )
    assert boxes
    for name, box in boxes:
        assert box == {"covers": True, "aboveLines": True, "opaque": True}, name


def test_without_javascript_the_map_and_its_list_are_there_and_no_filter(
    page_without_javascript: Page, site_url: str
) -> None:
    page = page_without_javascript
    page.goto(site_url + "ecosystem/")
    expect(page.locator("svg.eco-map")).to_be_visible()
    expect(page.locator(".eco-map-filters")).to_be_hidden()
    expect(page.get_by_role("heading", name="The map as a list")).to_be_visible()
    expect(page.locator(".eco-map-list li")).to_have_count(10)


def test_the_reviews_page_lists_the_coming_dates_and_links_the_calendar(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "reviews/")
    expect(page.locator("h1")).to_have_text("Reviews and terms")
    coming = page.locator(".eco-agenda--coming-up .eco-due")
    expect(coming.first).to_contain_text("15 December 2026")
    expect(coming.first).to_contain_text("Neighbourhood food commons")
    expect(coming.first).to_contain_text("in 23 days")
    link = page.get_by_role("link", name="Subscribe to the calendar")
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.ok
    calendar = icalendar.Calendar.from_ical(response.body())
    assert len(list(calendar.walk("VEVENT"))) >= coming.count()


def test_an_organization_page_suggests_partners_with_their_reasons(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "organizations/circlewise/")
    tandem = page.locator(".eco-matches > li").filter(has_text="Tandem Cooperative Network")
    expect(tandem).to_contain_text(
        "Circlewise Sociocracy Training offers “Sociocracy training for partner organizations”"
    )
    page.get_by_role("link", name="how matchmaking works").click()
    expect(page).to_have_url(site_url + "ecosystem/matchmaking/")
    expect(page.locator("#circlewise")).to_contain_text("Tandem Cooperative Network")


def test_entry_pages_carry_json_ld_for_their_entry(page: Page, site_url: str) -> None:
    page.goto(site_url + "spaces/circlewise/trainer-pool/")
    data = json.loads(page.locator("script[type='application/ld+json']").text_content() or "")
    assert data["@id"] == site_url + "spaces/circlewise/trainer-pool/"
    assert "org:OrganizationalCollaboration" in data["@type"]


def test_json_ld_follows_instant_navigation_without_running_as_a_script(
    page: Page, site_url: str
) -> None:
    # In the page body, Material's instant navigation would re-create the script
    # without its type and run the JSON: a console error, which fails this test.
    page.goto(site_url + "organizations/circlewise/")
    page.locator(".eco-space-list a[href*='trainer-pool']").first.click()
    expect(page).to_have_url(site_url + "spaces/circlewise/trainer-pool/")
    scripts = page.locator("script[type='application/ld+json']")
    # The address changes before Material swaps the head: wait for the new page's data
    # (by its own @id: the organization's data names the space's address too).
    page.wait_for_function(
        "id => [...document.querySelectorAll('script[type=\"application/ld+json\"]')]"
        ".some(script => { try { return JSON.parse(script.textContent)['@id'] === id; }"
        " catch { return false; } })",
        arg=site_url + "spaces/circlewise/trainer-pool/",
    )
    expect(scripts).to_have_count(1)
    data = json.loads(scripts.text_content() or "")
    assert data["@id"] == site_url + "spaces/circlewise/trainer-pool/"


def test_the_home_page_shows_the_directorys_figures(page: Page, site_url: str) -> None:
    page.goto(site_url)
    figures = page.locator(".eco-stats__figures")
    expect(figures).to_contain_text("Organizations")
    expect(figures.locator("div").first).to_contain_text("7")


@pytest.mark.parametrize(
    "path", ["ecosystem/", "ecosystem/matchmaking/", "ecosystem/principles/", "reviews/"]
)
def test_an_ecosystem_page_fits_a_phone_without_sideways_scrolling(
    page: Page, site_url: str, path: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + path)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{overflow}px wider than the screen"
