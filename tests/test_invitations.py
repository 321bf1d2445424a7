"""An invitation is one side's word: a space hosted by A that lists B, whom B never
acknowledged, says nothing on B's behalf anywhere the directory publishes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import TODAY, Builder
from site_helpers import Page

from ecotone.export.directory_json import directory_json
from ecotone.export.urls import SiteUrls
from ecotone.model import Directory
from ecotone.render.environment import Renderer
from ecotone.render.organizations import organization_pages
from ecotone.render.pages import SiteSettings
from ecotone.render.search import space_entries
from ecotone.render.spaces import space_pages
from ecotone.sitedata import site_data

OFFER = {
    "from": "partner",
    "organization": "b",
    "kind": "money",
    "amount": 250000,
    "currency": "EUR",
    "description": "Our whole reserve",
}
OWN = {"from": "host", "kind": "money", "amount": 1000, "currency": "EUR", "description": "Rent"}


@pytest.fixture
def invited(tmp_path: Path) -> Directory:
    """a hosts a/lab, which lists b (who never acknowledged it) and says b gives
    250,000 EUR; c confirmed a/lab and gives 500 EUR."""
    build = Builder(tmp_path)
    build.organization("a", name="Alpha")
    build.organization("b", name="Beta")
    build.organization("c", name="Gamma", joins=["a/lab"])
    build.space(
        "a/lab",
        members=["b", "c"],
        title="Lab",
        budget=[OWN, OFFER, {**OFFER, "organization": "c", "amount": 500}],
    )
    return build.directory()


def page_text(directory: Directory, address: str) -> Page:
    data = site_data(directory, TODAY, {})
    pages = (
        *organization_pages(data, SiteSettings(), Renderer()),
        *space_pages(data, SiteSettings(), Renderer()),
    )
    return Page(next(p.content for p in pages if p.src_uri == address))


def test_an_unconfirmed_partners_money_is_marked_as_offered(invited: Directory) -> None:
    text = page_text(invited, "spaces/a/lab/index.md").text
    assert "Beta Offered, not confirmed" in text
    assert "Gamma Offered, not confirmed" not in text


def test_an_unconfirmed_partners_money_is_not_in_the_total(invited: Directory) -> None:
    text = " ".join(page_text(invited, "spaces/a/lab/index.md").text.split())
    assert "Money in total: EUR 1,500" in text


def test_the_directory_json_gives_each_partner_line_its_standing(invited: Directory) -> None:
    document = json.loads(
        directory_json(site_data(invited, TODAY, {}), SiteUrls("https://d.example/"), "Test")
    )
    budget = document["spaces"][0]["budget"]
    assert [line.get("standing") for line in budget] == [None, "invited", "confirmed"]


def test_the_search_index_marks_an_invited_participant(invited: Directory) -> None:
    space = invited.space("a/lab")
    entry = next(e for e in space_entries(invited, space, Renderer()) if e.title == "Participants")
    assert "Beta (invited)" in entry.text
    assert "Gamma (invited)" not in entry.text


def test_the_invited_organizations_page_shows_only_the_title_and_host(
    invited: Directory,
) -> None:
    page = page_text(invited, "organizations/b/index.md")
    text = " ".join(page.text.split())
    assert "Lab hosted by Alpha Invited" in text
    assert "General circle" not in text.partition("Invitations")[2].partition("Circles¶")[0]
