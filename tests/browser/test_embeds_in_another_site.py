"""Embeds in another site: a test page served from a second port of 127.0.0.1
frames a space and an organization with the snippets their pages offer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect
from site_helpers import served

if TYPE_CHECKING:
    from conftest import PageLog

pytestmark = pytest.mark.browser

SPACE = "spaces/loom-facilitation/conflict-skills-pilot/"
ORGANIZATION = "organizations/mutual-threads/"


@pytest.fixture
def host_page(page: Page, site_url: str, tmp_path: Path) -> Iterator[str]:
    """The address of another site's page that pastes both snippets into its body."""
    snippets = []
    for path in (SPACE, ORGANIZATION):
        page.goto(site_url + path)
        snippets.append(page.locator("pre.eco-snippet code").inner_text())
    html = "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Host</title>"
    html += "</head><body><h1>Our partners</h1>" + "".join(snippets) + "</body></html>"
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    with served(tmp_path) as url:
        yield url


def frames_resized(page: Page) -> None:
    """Wait until each iframe's height was set from its embed's message."""
    page.wait_for_function(
        "[...document.querySelectorAll('iframe')].every(f => f.style.height.endsWith('px'))"
    )


def test_an_embedded_space_and_organization_size_their_frames_to_their_content(
    page: Page, host_page: str
) -> None:
    page.goto(host_page)
    frames_resized(page)
    for index in range(2):
        frame = page.locator("iframe").nth(index)
        content = frame.content_frame.locator("html").evaluate(
            "html => Math.ceil(html.getBoundingClientRect().height)"
        )
        assert frame.evaluate("f => f.clientHeight") == content
        assert content < 384, "the default 24rem was not shrunk to fit"


def test_an_embedded_space_shows_its_title_and_links_to_its_blueprint(
    page: Page, host_page: str, site_url: str
) -> None:
    page.goto(host_page)
    space = page.frame_locator("iframe").nth(0)
    expect(space.locator("h1")).to_have_text("Conflict skills for volunteers")
    expect(space.locator("h1 a")).to_have_attribute("href", "../../../../" + SPACE)
    expect(space.locator("li").first).to_have_text("Common Table Food Co-op")


def test_an_embedded_organization_lists_its_spaces_but_not_its_invitations(
    page: Page, host_page: str
) -> None:
    page.goto(host_page)
    organization = page.frame_locator("iframe").nth(1)
    expect(organization.locator("h1")).to_have_text("Mutual Threads Aid Network")
    expect(organization.get_by_text("Cargo-bike grocery deliveries")).to_be_visible()
    expect(organization.get_by_text("Partners' table")).to_have_count(0)


def test_embeds_request_nothing_beyond_the_two_local_sites(
    page: Page, host_page: str, site_url: str, page_log: PageLog
) -> None:
    page.goto(host_page)
    frames_resized(page)
    elsewhere = [url for url in page_log.requests if not url.startswith((site_url, host_page))]
    assert elsewhere == []
    assert any(url.startswith(site_url + "embed/") for url in page_log.requests)


def test_an_embed_reads_without_javascript(page_without_javascript: Page, site_url: str) -> None:
    page_without_javascript.goto(site_url + "embed/" + SPACE)
    expect(page_without_javascript.locator("h1")).to_have_text("Conflict skills for volunteers")
    expect(page_without_javascript.locator(".eco-embed__more a")).to_be_visible()
