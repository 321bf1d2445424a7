"""Embeds: the small pages made for another site's iframe, and the snippet that
shows one, rendered from small directories."""

from __future__ import annotations

from pathlib import Path

from builders import Builder
from conftest import TODAY
from site_helpers import Page

from ecotone.render.embeds import embed_files
from ecotone.render.environment import Renderer
from ecotone.render.organizations import organization_page
from ecotone.render.pages import SiteSettings
from ecotone.render.spaces import space_page
from ecotone.sitedata import site_data

SETTINGS = SiteSettings(url="https://partners.example.org/dir/", name="Test directory")


def embeds(root: Path) -> dict[str, Page]:
    """The embed pages of the directory at `root`, by site path."""
    directory = Builder(root).directory()
    return {
        file.src_uri: Page(str(file.content))
        for file in embed_files(directory, SETTINGS, Renderer())
        if file.src_uri.endswith(".html")
    }


def two_partners(root: Path) -> Builder:
    """alpha hosts `lab` (beta confirmed, gamma invited) and takes part in beta's
    `garden`; gamma invites alpha to `yard`, which alpha never acknowledged."""
    build = Builder(root)
    build.organization("alpha", joins=["beta/garden"])
    build.organization("beta", joins=["alpha/lab"])
    build.organization("gamma")
    build.space("alpha/lab", members=["beta", "gamma"])
    build.space("beta/garden", members=["alpha"])
    build.space("gamma/yard", members=["alpha"])
    return build


def test_an_organization_embed_lists_the_spaces_it_hosts_and_has_confirmed(
    tmp_path: Path,
) -> None:
    two_partners(tmp_path)
    text = embeds(tmp_path)["embed/organizations/alpha/index.html"].text
    assert "Lab" in text
    assert "Garden" in text


def test_an_organization_embed_never_lists_an_invitation(tmp_path: Path) -> None:
    two_partners(tmp_path)
    assert "Yard" not in embeds(tmp_path)["embed/organizations/alpha/index.html"].text


def test_a_space_embed_lists_its_confirmed_participants_only(tmp_path: Path) -> None:
    two_partners(tmp_path)
    text = embeds(tmp_path)["embed/spaces/alpha/lab/index.html"].text
    assert "Beta" in text
    assert "Gamma" not in text


def test_an_embed_links_back_to_the_full_page(tmp_path: Path) -> None:
    two_partners(tmp_path)
    page = embeds(tmp_path)["embed/spaces/alpha/lab/index.html"]
    links = {a.get("href") for a in page.find("a")}
    assert "../../../../spaces/alpha/lab/" in links
    assert all(a.get("target") == "_top" for a in page.find("a"))


def test_an_embed_loads_only_its_own_sites_style_sheet_and_script(tmp_path: Path) -> None:
    two_partners(tmp_path)
    for path, page in embeds(tmp_path).items():
        loaded = [e.get("href") for e in page.find("link") if e.get("rel") == "stylesheet"]
        loaded += [e.get("src") for e in page.find("script")]
        root = "../" * path.count("/")
        assert loaded == [root + "embed/embed.css", root + "embed/embed.js"], path
        policy = next(e for e in page.find("meta") if e.get("http-equiv"))
        assert "default-src 'none'" in policy.get("content"), path


def test_an_embed_shows_partner_markup_as_text(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    build.organization("alpha", name="<script>alert(1)</script>")
    build.space("alpha/lab", title='<img src=x onerror="alert(2)">')
    pages = embeds(tmp_path)
    for page in pages.values():
        assert not page.find("img")
        assert len(page.find("script")) == 1
    assert "<script>alert(1)</script>" in pages["embed/organizations/alpha/index.html"].text


def test_a_space_page_offers_the_snippet_with_the_embeds_address(tmp_path: Path) -> None:
    two_partners(tmp_path)
    directory = Builder(tmp_path).directory()
    page = Page(
        str(
            space_page(
                site_data(directory, TODAY, {}), directory.space("alpha/lab"), SETTINGS, Renderer()
            ).content
        )
    )
    snippet = page.text
    assert 'src="https://partners.example.org/dir/embed/spaces/alpha/lab/"' in snippet
    assert 'event.origin !== "https://partners.example.org"' in snippet


def test_an_organization_page_offers_the_snippet(tmp_path: Path) -> None:
    two_partners(tmp_path)
    directory = Builder(tmp_path).directory()
    org = directory.organization("alpha")
    page = Page(
        str(organization_page(site_data(directory, TODAY, {}), org, SETTINGS, Renderer()).content)
    )
    assert "https://partners.example.org/dir/embed/organizations/alpha/" in page.text


def test_no_snippet_is_offered_while_the_sites_address_is_unknown(tmp_path: Path) -> None:
    two_partners(tmp_path)
    directory = Builder(tmp_path).directory()
    page = space_page(
        site_data(directory, TODAY, {}), directory.space("alpha/lab"), SiteSettings(), Renderer()
    )
    assert "put-this-on-your-site" not in str(page.content)
