"""Rendering, below the level of a build: the escaping and sanitizing filters, the
page files the build is given, and the facts the pages compute from the model."""

from __future__ import annotations

import itertools
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import markdown as python_markdown
import pytest
from conftest import Tree
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.utils import meta
from site_helpers import REPO_ROOT, TODAY, Page

from ecotone.analysis.git import git_file_dates
from ecotone.commands.synth import write_directory
from ecotone.model import Contribution, Directory, Term
from ecotone.render import views
from ecotone.render.environment import Renderer, safe_url
from ecotone.render.marketplace import marketplace_pages
from ecotone.render.pages import GeneratedFile, SiteSettings, without_blank_lines
from ecotone.render.redirects import redirect_pages
from ecotone.render.search import SearchEntry, documents_text, with_documents
from ecotone.render.site import (
    build_date,
    check_published_address,
    entry_warnings_fail_strict,
    generated_files,
    unpinned_ids_notice,
)
from ecotone.sitedata import site_data
from ecotone.validate.run import validate_directory


def pages_of(directory: Directory) -> list[GeneratedFile]:
    files = generated_files(
        site_data(directory, TODAY, git_file_dates(REPO_ROOT, TODAY)), SiteSettings(), Renderer()
    )
    return [f for f in files if f.src_uri.endswith(".md")]


def marketplace_data(tree: Tree) -> dict:
    """The marketplace's card data, `marketplace/cards.json`, as the script reads it."""
    _, cards = marketplace_pages(tree.validate().directory, Renderer())
    assert cards.src_uri == "marketplace/cards.json"
    return json.loads(cards.content)


def marketplace_card(tree: Tree, space_id: str) -> dict:
    return next(card for card in marketplace_data(tree)["cards"] if card["id"] == space_id)


def split_page(content: str) -> tuple[dict, str]:
    body, data = meta.get_data(content)
    return data, body


@pytest.fixture(scope="module")
def site_markdown() -> python_markdown.Markdown:
    """Python-Markdown with the extensions and settings of the site's mkdocs.yml."""
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    return python_markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )


# -- links ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "http://localhost:8000/",
        "http://127.0.0.1:8000/",
        "http://127.1.2.3/",
        "http://[::1]:8000/",
    ],
)
def test_a_build_to_publish_refuses_a_missing_or_loopback_site_url(url: str | None) -> None:
    with pytest.raises(ValueError, match="cannot be published"):
        check_published_address(url, {"ECOTONE_PUBLISH": "true"})


@pytest.mark.parametrize("environ", [{}, {"ECOTONE_PUBLISH": "false"}])
def test_a_build_not_to_publish_takes_a_loopback_site_url(environ: dict[str, str]) -> None:
    check_published_address("http://127.0.0.1:8000/", environ)


def test_a_build_to_publish_takes_the_address_it_is_published_at() -> None:
    check_published_address("https://owner.github.io/repo/", {"ECOTONE_PUBLISH": "true"})


def test_a_build_to_publish_without_a_tag_authority_says_the_ids_follow_the_domain() -> None:
    settings = SiteSettings(url="https://owner.github.io/repo/")
    notice = unpinned_ids_notice(settings, {"ECOTONE_PUBLISH": "true"})
    assert "tag: URIs under owner.github.io,2026, from site_url's host" in notice
    assert "set extra.ecotone.tag_authority in mkdocs.yml to owner.github.io,2026" in notice


@pytest.mark.parametrize(
    ("settings", "environ"),
    [
        (SiteSettings(url="https://owner.github.io/repo/"), {}),
        (
            SiteSettings(url="https://owner.github.io/repo/", tag_authority="example.org,2026"),
            {"ECOTONE_PUBLISH": "true"},
        ),
    ],
)
def test_a_pinned_tag_authority_or_a_build_not_to_publish_has_no_notice(
    settings: SiteSettings, environ: dict[str, str]
) -> None:
    assert unpinned_ids_notice(settings, environ) == ""


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/",
        "http://example.org/a?b=c#d",
        "mailto:hello@example.org",
        "HTTPS://EXAMPLE.ORG/",
    ],
)
def test_safe_url_keeps_http_https_and_mailto_addresses(url: str) -> None:
    assert safe_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/",
        "/relative/path",
        "http:no-host",
        "",
        None,
    ],
)
def test_safe_url_refuses_every_other_address(url: str | None) -> None:
    assert safe_url(url) is None


# -- Markdown fields -------------------------------------------------------------------


def test_markdown_renders_paragraphs_emphasis_lists_and_links() -> None:
    html = Renderer().markdown("One *two*.\n\n- three\n- [four](https://example.org/)")

    assert "<em>two</em>" in html
    assert "<li>three</li>" in html
    assert 'href="https://example.org/"' in html


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src=x onerror="alert(1)">', "<img"),
        ('<a href="https://x.org" onclick="alert(1)">x</a>', "onclick"),
        ("[x](javascript:alert(1))", "javascript:"),
        ("[x](JAVASCRIPT:alert(1))", "javascript:"),
        ('![x](x" onerror="alert(1))', "<img"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ('<a href="data:text/html,x">x</a>', "data:"),
        ("<style>body{display:none}</style>", "<style"),
        ("# A heading of its own", "<h1"),
    ],
)
def test_markdown_removes_what_could_run_or_restyle(source: str, forbidden: str) -> None:
    assert forbidden not in Renderer().markdown(source).lower()


def test_markdown_keeps_the_text_of_removed_html_visible() -> None:
    assert "alert(1)" in Page(Renderer().markdown("<b onclick=x>alert(1)</b>")).text


def test_markdown_output_has_no_line_breaks_a_page_could_trip_on() -> None:
    assert "\n" not in Renderer().markdown("one\n\ntwo\n\n    code\n\n- list")


# -- the page files --------------------------------------------------------------------


def test_generated_pages_have_no_blank_lines_inside_their_html(minimal: Tree) -> None:
    for page in pages_of(minimal.validate().directory):
        _, body = split_page(page.content)
        if body.lstrip().startswith("<"):
            assert "\n\n" not in body.strip(), page.src_uri


def test_python_markdown_passes_each_generated_page_through_untouched(
    example: Tree, site_markdown: python_markdown.Markdown
) -> None:
    for page in pages_of(example.validate().directory):
        _, body = split_page(page.content)
        if not body.lstrip().startswith("<"):
            continue  # the references are Markdown, not HTML
        assert site_markdown.reset().convert(body) == body.strip(), page.src_uri


def test_front_matter_holds_the_title_escaped_for_the_theme(minimal: Tree) -> None:
    """Material writes `title` into the page as it is, so it must arrive escaped."""
    minimal.replace(
        "partners/alpha/spaces/lab.yml",
        "title: Facilitation lab\n",
        "title: \"Tea & 'talk' <b>now</b>\\u2028next\\x85line\"\n",
    )
    pages = {p.src_uri: p.content for p in pages_of(minimal.validate().directory)}

    data, _ = split_page(pages["spaces/alpha/lab/index.md"])

    assert data["title"] == "Tea &amp; &#39;talk&#39; &lt;b&gt;now&lt;/b&gt;\u2028next\x85line"


def test_entry_pages_are_left_out_of_the_navigation_and_index_pages_are_not(
    minimal: Tree,
) -> None:
    listed = {p.src_uri for p in pages_of(minimal.validate().directory) if p.listed}

    assert listed == {
        "marketplace/index.md",
        "organizations/index.md",
        "playbooks/index.md",
        "join/fields.md",
        "join/rules.md",
        "ecosystem/index.md",
        "ecosystem/matchmaking/index.md",
        "ecosystem/principles/index.md",
        "reviews/index.md",
    }


def test_pages_are_the_same_bytes_for_the_same_directory(minimal: Tree) -> None:
    first = [
        (f.src_uri, f.content)
        for f in generated_files(
            site_data(minimal.validate().directory, TODAY, {}), SiteSettings(), Renderer()
        )
    ]
    second = [
        (f.src_uri, f.content)
        for f in generated_files(
            site_data(minimal.validate().directory, TODAY, {}), SiteSettings(), Renderer()
        )
    ]

    assert first == second


def test_links_between_pages_are_relative_to_the_page(minimal: Tree) -> None:
    pages = {p.src_uri: p for p in pages_of(minimal.validate().directory)}

    space = Page(pages["spaces/alpha/lab/index.md"].content)
    market = Page(pages["marketplace/index.md"].content)

    assert "../../../organizations/alpha/" in [a.get("href") for a in space.find("a")]
    assert "../spaces/alpha/lab/" in [a.get("href") for a in market.find("a")]


# -- settings and the build date ---------------------------------------------------------


def test_the_build_date_comes_from_ecotone_today_when_set() -> None:
    assert build_date({"ECOTONE_TODAY": "2030-02-03"}) == date(2030, 2, 3)


def test_the_build_date_is_today_without_ecotone_today() -> None:
    assert build_date({}) == date.today()


def test_a_build_date_that_is_not_a_date_says_how_to_write_one() -> None:
    with pytest.raises(ValueError, match="write YYYY-MM-DD"):
        build_date({"ECOTONE_TODAY": "tomorrow"})


def test_entry_warnings_fail_a_strict_build_unless_the_build_says_notice() -> None:
    assert entry_warnings_fail_strict({}) is True
    assert entry_warnings_fail_strict({"ECOTONE_ENTRY_WARNINGS": "warning"}) is True
    assert entry_warnings_fail_strict({"ECOTONE_ENTRY_WARNINGS": "notice"}) is False


def test_an_entry_warnings_setting_that_is_unknown_says_which_are_known() -> None:
    with pytest.raises(ValueError, match="neither 'warning' nor 'notice'"):
        entry_warnings_fail_strict({"ECOTONE_ENTRY_WARNINGS": "ignore"})


def test_site_settings_take_the_repository_and_make_edit_addresses() -> None:
    settings = SiteSettings.from_extra({"repository": "https://github.com/acme/dir/"})

    assert settings.edit_url("partners/a/organization.yml") == (
        "https://github.com/acme/dir/edit/main/partners/a/organization.yml"
    )


def test_site_settings_without_a_repository_make_no_edit_addresses() -> None:
    assert SiteSettings.from_extra(None).edit_url("partners/a/organization.yml") is None


@pytest.mark.parametrize(
    "extra",
    [
        {"repository": "javascript:alert(1)"},
        {"repository": "http://github.com/acme/dir"},
        {"repo": "https://github.com/acme/dir"},
        "https://github.com/acme/dir",
        {"tag_authority": "https://example.org/"},
        {"tag_authority": "example.org"},
        {"tag_authority": "example.org,26"},
    ],
)
def test_site_settings_refuse_what_they_cannot_use(extra: object) -> None:
    with pytest.raises(ValueError, match=r"extra\.ecotone"):
        SiteSettings.from_extra(extra)


def test_the_tag_authority_defaults_to_the_site_host_and_can_be_set() -> None:
    url = "https://dir.example.org/x/"

    assert SiteSettings.from_extra(None, url=url).id_authority == "dir.example.org,2026"
    settings = SiteSettings.from_extra({"tag_authority": "old.example.org,2025-03"}, url=url)
    assert settings.id_authority == "old.example.org,2025-03"


# -- facts computed for the pages ----------------------------------------------------------


def test_a_term_reads_as_dates_in_words() -> None:
    term = Term(start=date(2025, 4, 1), end=date(2027, 3, 31))
    ongoing = Term(start=date(2024, 9, 1), ongoing=True)

    assert views.term_text(term) == "1 April 2025 to 31 March 2027"
    assert views.term_text(ongoing) == "Since 1 September 2024, ongoing"


def test_budget_totals_add_money_per_currency_and_period() -> None:
    def money(amount: float, currency: str, period: str | None) -> Contribution:
        return Contribution("host", "money", "x", amount=amount, currency=currency, period=period)

    totals = views.budget_totals(
        views.BudgetLine(item, offered=False)
        for item in [
            money(6000, "EUR", "per year"),
            money(2500.5, "EUR", "per year"),
            money(5000, "EUR", "once"),
            money(100, "USD", "per year"),
            Contribution("partner", "in-kind", "A room", organization="b"),
        ]
    )

    assert [(t.currency, t.period, views.amount(t.amount)) for t in totals] == [
        ("EUR", "once", "5,000"),
        ("EUR", "per year", "8,500.50"),
        ("USD", "per year", "100"),
    ]


def test_a_steps_blanks_are_filled_with_the_spaces_values() -> None:
    segments = views.fill("Answer within {answer_days} days, by {who}.", {"answer_days": 5})

    assert [(s.text, s.parameter) for s in segments] == [
        ("Answer within ", None),
        ("5", "answer_days"),
        (" days, by ", None),
        ("{who}", "who"),
        (".", None),
    ]


def test_escalation_climbs_to_the_root_and_ends_where_its_conflicts_go(minimal: Tree) -> None:
    directory = minimal.validate().directory

    path = views.escalation(directory, "alpha", "events")

    assert [c.id for c in path.circles] == ["events", "outreach", "general"]
    assert path.last == "The members' assembly."


def test_the_connection_point_runs_up_from_the_hosting_circle_as_escalation_does(
    minimal: Tree,
) -> None:
    minimal.replace("partners/alpha/spaces/lab.yml", "host_circle: training", "host_circle: events")
    uri = "spaces/alpha/lab/index.md"
    page = next(f for f in pages_of(minimal.validate().directory) if f.src_uri == uri)

    lists = re.findall(r'<ol class="eco-path".*?</ol>', str(page.content), re.S)
    paths = [re.findall(r"<a [^>]*>([^<]*)</a>", found) for found in lists]

    assert paths[0] == ["Events circle", "Outreach circle", "General circle"]
    assert paths[1] == paths[0]


def test_the_blueprint_fills_the_playbooks_blanks_and_shows_amendments(minimal: Tree) -> None:
    minimal.replace(
        "partners/alpha/spaces/lab.yml",
        "      answer_days: 5\n",
        "      answer_days: 5\n    amendments:\n      - Talk over tea.\n",
    )
    page = next(
        p
        for p in pages_of(minimal.validate().directory)
        if p.src_uri == "spaces/alpha/lab/index.md"
    )
    text = Page(page.content).text

    assert "The other party answers within 5 days." in text
    assert "Talk over tea." in text


def test_an_invited_participant_is_marked_as_invited(minimal: Tree) -> None:
    minimal.replace(
        "partners/beta/organization.yml",
        "participations:\n  - space: alpha/lab\n    circle: growing\n",
        "",
    )
    pages = {p.src_uri: p.content for p in pages_of(minimal.validate().directory)}

    assert "Invited" in Page(pages["spaces/alpha/lab/index.md"]).text
    assert marketplace_card(minimal, "alpha/lab")["participants"] == [
        {"organization": "beta", "invited": True}
    ]
    assert "Invitations" in Page(pages["organizations/beta/index.md"]).text


class CircleNesting(HTMLParser):
    """For each circle of an organization page, the circles whose items hold its item,
    from the root down; fails on a list item closed that was never opened."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.open: list[str] = []
        self.ancestors: dict[str, tuple[str, ...]] = {}
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            item = dict(attrs).get("id") or ""
            if item.startswith("circle-"):
                self.ancestors[item.removeprefix("circle-")] = tuple(
                    i.removeprefix("circle-") for i in self.open if i.startswith("circle-")
                )
            self.open.append(item)

    def handle_endtag(self, tag: str) -> None:
        if tag == "li":
            self.open.pop()


def organization_html(tree: Tree, org_id: str) -> str:
    pages = pages_of(tree.validate().directory)
    return next(p.content for p in pages if p.src_uri == f"organizations/{org_id}/index.md")


def test_each_circle_is_listed_inside_its_parents_item(minimal: Tree) -> None:
    nesting = CircleNesting(organization_html(minimal, "alpha"))

    assert nesting.ancestors == {
        "general": (),
        "training": ("general",),
        "outreach": ("general",),
        "events": ("general", "outreach"),
    }
    assert nesting.open == []


def test_a_circle_tree_of_any_depth_renders_without_recursion(minimal: Tree) -> None:
    chain = "".join(
        f"  c{n}:\n    name: C{n}\n    aim: A.\n    domain: D.\n    parent: "
        + (f"c{n - 1}" if n else "events")
        + "\n"
        for n in range(490)
    )
    minimal.replace(
        "partners/alpha/organization.yml", "participations:\n", chain + "participations:\n"
    )

    nesting = CircleNesting(organization_html(minimal, "alpha"))

    assert len(nesting.ancestors["c489"]) == 492
    assert nesting.open == []


def test_a_dissolved_circle_names_its_successors(example: Tree) -> None:
    pages = {p.src_uri: p.content for p in pages_of(example.validate().directory)}

    page = Page(pages["organizations/riverbend-clt/index.md"])

    assert "Dissolved" in page.text
    assert "Succeeded by Communications circle, Events circle." in page.text


def test_the_marketplace_data_puts_running_spaces_first_then_open_ones_then_by_title(
    example: Tree,
) -> None:
    cards = marketplace_data(example)["cards"]
    order = [
        (views.STATUS_ORDER.index(card["status"]), not card["open"], card["title"].casefold())
        for card in cards
    ]

    assert order == sorted(order)
    assert {card["id"] for card in cards} == {s.id for s in example.validate().directory.spaces}


def test_the_marketplace_page_links_every_space_in_the_cards_order(example: Tree) -> None:
    pages = {p.src_uri: p.content for p in pages_of(example.validate().directory)}
    html = pages["marketplace/index.md"]
    plain_list = html[html.index("<noscript>") : html.index("</noscript>")]
    links = [a.get("href") for a in Page(plain_list).find("a")]
    space_links = [href for href in links if href and href.startswith("../spaces/")]

    assert space_links == [card["href"] for card in marketplace_data(example)["cards"]]


def test_the_marketplace_page_holds_the_first_cards_in_the_cards_order(tmp_path: Path) -> None:
    write_directory(tmp_path, 6, 30)
    directory = validate_directory(tmp_path, TODAY).directory
    page, cards = marketplace_pages(directory, Renderer())
    first = re.findall(r'<h2 class="eco-card__title"><a href="([^"]+)"', page.content)

    assert first == [card["href"] for card in json.loads(cards.content)["cards"][:12]]


def test_a_marketplace_card_holds_what_its_card_shows(example: Tree) -> None:
    card = marketplace_card(example, "tandem-network/partners-table")

    assert card == {
        "id": "tandem-network/partners-table",
        "href": "../spaces/tandem-network/partners-table/",
        "title": "Partners' table",
        "mode": "collaboration",
        "level": "board",
        "status": "active",
        "open": True,
        "topic": "Joint strategy of member co-ops for the cooperative economy",
        "aim": (
            "Let the boards of partner organizations set shared priorities for the network's"
            " joint work and decide together how the shared solidarity budget is spent."
        ),
        "host": "tandem-network",
        "participants": [
            {"organization": "riverbend-clt", "invited": False},
            {"organization": "common-table", "invited": False},
            {"organization": "brightwork-coop", "invited": False},
            {"organization": "mutual-threads", "invited": True},
        ],
        "seeks": ["A co-facilitator for the spring assembly"],
        "term": "Since 1 March 2023, ongoing",
        "topics": ["cooperative-development", "governance", "solidarity-finance"],
    }


def test_the_marketplace_data_names_the_organizations_and_the_badges_words(
    example: Tree,
) -> None:
    data = marketplace_data(example)

    assert data["organizations"]["tandem-network"] == {
        "name": "Tandem Cooperative Network",
        "href": "../organizations/tandem-network/",
    }
    assert data["labels"]["mode"]["information-sharing"] == "Information sharing"
    assert data["labels"]["level"]["board"] == "Board level"
    assert list(data["labels"]["status"]) == list(views.STATUS_ORDER)


# -- redirects ---------------------------------------------------------------------------


def test_a_former_id_taken_by_a_current_page_gets_no_redirect(minimal: Tree) -> None:
    minimal.write(
        "partners/alpha/spaces/lab.yml",
        minimal.read("partners/alpha/spaces/lab.yml") + "former_ids: [old-lab]\n",
    )
    minimal.write(
        "partners/beta/spaces/garden.yml",
        minimal.read("partners/beta/spaces/garden.yml") + "former_ids: [garden]\n",
    )

    redirects = {f.src_uri for f in redirect_pages(minimal.validate().directory, Renderer())}

    assert redirects == {"spaces/alpha/old-lab/index.html"}


def test_a_renamed_organization_redirects_its_spaces_and_playbooks_too(minimal: Tree) -> None:
    minimal.write(
        "partners/alpha/organization.yml",
        minimal.read("partners/alpha/organization.yml") + "former_ids: [alfa]\n",
    )

    redirects = {f.src_uri for f in redirect_pages(minimal.validate().directory, Renderer())}

    assert redirects == {
        "organizations/alfa/index.html",
        "spaces/alfa/lab/index.html",
        "playbooks/alfa/talk-it-out/index.html",
    }


def test_a_redirect_page_sends_the_browser_to_the_new_address(minimal: Tree) -> None:
    minimal.write(
        "partners/alpha/spaces/lab.yml",
        minimal.read("partners/alpha/spaces/lab.yml") + "former_ids: [old-lab]\n",
    )

    (redirect,) = redirect_pages(minimal.validate().directory, Renderer())
    page = Page(str(redirect.content))

    refresh = next(e for e in page.elements if e.get("http-equiv") == "refresh")
    assert refresh.get("content") == "0; url=../../../spaces/alpha/lab/"
    assert "Facilitation lab" in page.text


def space_page(tree: Tree, space_id: str) -> Page:
    uri = f"spaces/{space_id}/index.md"
    page = next(f for f in pages_of(tree.validate().directory) if f.src_uri == uri)
    return Page(split_page(str(page.content))[1])


def test_an_information_sharing_page_shows_venue_and_direction_and_no_budget(
    minimal: Tree,
) -> None:
    page = space_page(minimal, "beta/garden")
    ids = {element.get("id") for element in page.elements}
    assert "venue-and-direction" in ids
    assert "budget" not in ids
    assert "Venue" in page.text and "Hosting circle" in page.text
    assert "Direction" in page.text and "Bi-directional" in page.text
    assert "No budget is listed" not in page.text


def test_a_collaboration_page_has_its_budget_section(minimal: Tree) -> None:
    page = space_page(minimal, "alpha/lab")
    assert "budget" in {element.get("id") for element in page.elements}
    assert "No budget is listed" in page.text


@given(st.lists(st.text(alphabet=" \t\nab<", max_size=6), max_size=12))
def test_a_body_written_in_pieces_is_the_body_rendered_whole(pieces: list[str]) -> None:
    """However the template's output comes cut, its blank lines go as when it is whole."""
    whole = "".join(pieces)
    expected = "\n".join(line for line in whole.split("\n") if line.strip())
    assert "".join(without_blank_lines(pieces)) == expected


@given(
    st.lists(st.text(max_size=4), max_size=3),
    st.lists(st.text(max_size=4), max_size=5),
    st.lists(st.integers(min_value=0, max_value=400), max_size=6),
)
def test_the_search_index_takes_the_entries_in_pieces_cut_anywhere(
    plugin_titles: list[str], entry_titles: list[str], cuts: list[int]
) -> None:
    """The entries' documents may reach the index as a file read back in pieces."""
    plugin_docs = [{"location": "", "title": title, "text": ""} for title in plugin_titles]
    index = json.dumps({"config": {"lang": ["en"]}, "docs": plugin_docs})
    entries = [SearchEntry(f"page{n}/", title, "<p>x</p>") for n, title in enumerate(entry_titles)]
    text = "".join(documents_text(entries))
    bounds = [0, *sorted(cut % (len(text) + 1) for cut in cuts), len(text)]
    pieces = [text[start:end] for start, end in itertools.pairwise(bounds)]
    written = json.loads("".join(with_documents(index, pieces)))
    assert written["docs"] == plugin_docs + [entry.as_document() for entry in entries]
    assert written["config"] == {"lang": ["en"]}
