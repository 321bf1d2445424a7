"""The ecosystem view's generated files: its pages, the open data at stable
addresses, the home page's figures, and what organization and space pages gain
(matches, the principles checklist, JSON-LD)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from builders import Builder
from mkdocs.utils import meta
from pyld import jsonld
from site_helpers import TODAY

from ecotone.analysis.git import git_file_dates
from ecotone.model import Directory
from ecotone.render.ecosystem import (
    STATISTICS_PLACEHOLDER,
    ecosystem_files,
    with_statistics,
)
from ecotone.render.environment import Renderer
from ecotone.render.organizations import organization_page
from ecotone.render.pages import GeneratedFile, SiteSettings
from ecotone.render.spaces import space_page
from ecotone.sitedata import site_data

PUBLISHED = SiteSettings(url="https://directory.example.org/", name="Test directory")
OPEN_DATA = {
    "api/directory.json",
    "api/directory.schema.json",
    "exports/organizations.csv",
    "exports/spaces.csv",
    "exports/kumu.json",
    "exports/murmurations/a.json",
    "exports/murmurations/b.json",
    "exports/murmurations/c.json",
    "feeds/spaces.atom",
    "feeds/reviews.ics",
    "api/rules.json",
}
PAGES = {
    "ecosystem/index.md",
    "ecosystem/matchmaking/index.md",
    "ecosystem/principles/index.md",
    "reviews/index.md",
}


@pytest.fixture
def small(tmp_path: Path) -> tuple[Directory, Path]:
    build = Builder(tmp_path)
    build.organization("a", name="Alpha", topics=["food"], needs={"Seeds": ["seeds", "spring"]})
    build.organization("b", name="Beta", topics=["food"], joins=["a/lab"])
    build.organization(
        "c", name="Gamma", topics=["food"], offers={"Seed bank": ["seeds", "spring"]}
    )
    build.space(
        "a/lab",
        title="Lab </script><script>alert(1)</script>",
        topic="Growing",
        members=["b"],
        term={"start": "2026-01-01", "end": "2027-06-30", "review": "2026-11-01"},
    )
    return build.directory(TODAY), tmp_path


def files(small: tuple[Directory, Path], settings: SiteSettings) -> dict[str, GeneratedFile]:
    directory, root = small
    data = site_data(directory, TODAY, git_file_dates(root, TODAY))
    return {f.src_uri: f for f in ecosystem_files(data, settings, Renderer())}


def test_the_pages_are_listed_and_the_open_data_is_at_its_addresses(small) -> None:
    found = files(small, PUBLISHED)
    assert set(found) == PAGES | OPEN_DATA
    assert {uri for uri, f in found.items() if f.listed} == PAGES


def test_without_the_sites_address_only_the_pages_are_made(small) -> None:
    assert set(files(small, SiteSettings())) == PAGES


def test_the_reviews_page_shows_what_is_overdue_and_links_the_calendar(small) -> None:
    page = str(files(small, PUBLISHED)["reviews/index.md"].content)
    overdue = page[page.index('id="overdue"') : page.index('id="coming-up"')]
    assert "21 days overdue" in overdue
    assert 'href="../feeds/reviews.ics"' in page


def test_the_ecosystem_page_holds_the_map_and_the_open_data_links(small) -> None:
    page = str(files(small, PUBLISHED)["ecosystem/index.md"].content)
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'class="eco-map"' in page
    assert 'href="../organizations/a/"' in page
    assert 'href="../api/directory.json"' in page
    assert "<script>alert(1)" not in page


def test_the_ecosystem_page_links_every_published_file_and_only_those(small) -> None:
    found = files(small, PUBLISHED)
    page = str(found["ecosystem/index.md"].content)
    section = page[page.index('id="open-data"') :]
    linked = set(re.findall(r'<li><a href="\.\./([^"]+)"', section))
    assert linked <= set(found)  # each link leads to a file the site writes
    # Every file is linked; the first organization's profile stands for the others.
    assert linked == OPEN_DATA - {"exports/murmurations/b.json", "exports/murmurations/c.json"}


def test_the_open_data_explains_the_apostrophe_that_guards_csv_cells(small) -> None:
    page = str(files(small, PUBLISHED)["ecosystem/index.md"].content)
    assert "starts with an apostrophe (<code>'</code>) that the partner did not write" in page


def test_the_matchmaking_overview_gives_each_organization_its_matches(small) -> None:
    page = str(files(small, PUBLISHED)["ecosystem/matchmaking/index.md"].content)
    alpha = page[page.index('id="a"') : page.index('id="b"')]
    assert 'href="../../organizations/c/"' in alpha
    assert "Gamma offers “Seed bank”, which meets Alpha&#39;s need “Seeds”" in alpha


def test_the_home_page_figures_replace_the_placeholder(small) -> None:
    directory, _ = small
    text = f"# Home\n\n{STATISTICS_PLACEHOLDER}\n\nMore.\n"
    filled = with_statistics(text, site_data(directory, TODAY, {}).statistics, Renderer())
    assert STATISTICS_PLACEHOLDER not in filled
    assert "<dt>Organizations</dt><dd>3</dd>" in filled
    assert "\n\n\n" not in filled  # one HTML block: no empty line inside it
    assert (
        with_statistics("# Home\n", site_data(directory, TODAY, {}).statistics, Renderer())
        == "# Home\n"
    )


def test_the_figures_count_spaces_by_mode_and_status_and_the_principles(small) -> None:
    figures = site_data(small[0], TODAY, {}).statistics
    assert (figures.organizations, figures.spaces, figures.open_spaces) == (3, 1, 0)
    assert dict(figures.by_mode) == {"collaboration": 1, "information-sharing": 0}
    assert dict(figures.by_status)["active"] == 1
    assert figures.principles_applicable == 8
    assert 0 < figures.principles_met < 8


# -- what entry pages gain ----------------------------------------------------------


def jsonld_of(page: str) -> dict:
    """The page's JSON-LD, which travels in its front matter to the page's head."""
    _, front = meta.get_data(page)
    return json.loads(front["jsonld"])


def no_network(url: str, options: object = None) -> dict:
    raise AssertionError(f"the JSON-LD asked for a remote document: {url}")


def test_a_space_page_carries_json_ld_that_partner_text_cannot_close(small) -> None:
    directory, _ = small
    space = directory.space("a/lab")
    assert space is not None
    page = str(space_page(site_data(directory, TODAY, {}), space, PUBLISHED, Renderer()).content)
    assert "</script><script>alert(1)" not in page
    _, front = meta.get_data(page)
    assert "<" not in front["jsonld"]  # the theme writes it into <head> as it is
    data = jsonld_of(page)
    assert data["name"] == "Lab </script><script>alert(1)</script>"
    expanded = jsonld.expand(data, {"documentLoader": no_network})
    assert "http://www.w3.org/ns/org#OrganizationalCollaboration" in expanded[0]["@type"]


def test_a_space_page_shows_the_principles_checklist(small) -> None:
    directory, _ = small
    space = directory.space("a/lab")
    assert space is not None
    page = str(
        space_page(site_data(directory, TODAY, {}), space, SiteSettings(), Renderer()).content
    )
    assert 'id="principles"' in page
    items = re.findall(r'<li class="eco-principle eco-principle--([a-z-]+)">(.*?)</li>', page)
    assert len(items) == 8
    coverage, monitoring = items[3]  # a review date, but no accountability playbook
    assert coverage == "not-met"
    assert "Plug an accountability playbook into <code>social_contract.accountability</code>" in (
        monitoring
    )
    assert "met by its aim and its topic" in items[0][1]


def test_an_organization_page_shows_its_matches_and_json_ld(small) -> None:
    directory, _ = small
    alpha = directory.organization("a")
    assert alpha is not None
    page = str(
        organization_page(site_data(directory, TODAY, {}), alpha, PUBLISHED, Renderer()).content
    )
    matches = page[page.index('id="matches"') :]
    assert 'href="../../organizations/c/"' in matches
    assert jsonld_of(page)["@id"] == "https://directory.example.org/organizations/a/"


def test_without_the_sites_address_pages_carry_no_json_ld(small) -> None:
    directory, _ = small
    alpha = directory.organization("a")
    assert alpha is not None
    page = str(
        organization_page(
            site_data(directory, TODAY, {}), alpha, SiteSettings(), Renderer()
        ).content
    )
    assert "jsonld" not in meta.get_data(page)[1]
