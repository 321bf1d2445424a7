"""Nothing a partner writes reaches a page active.

A directory whose every text field carries script and markup payloads goes
through a full `mkdocs build`; every page of the site, and Material's search
index, is then read as a browser's parser reads it: no injected script, no
event-handler attribute, no javascript: address, and the payloads' text shown
as text. The schemas refuse non-http(s) addresses in url fields, so payloads
ride in what they allow: text, Markdown, parameter values, and the characters
an http(s) address or an email address may still hold.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from site_helpers import Build, Page, mkdocs_build, served, write_site_config

if TYPE_CHECKING:  # Playwright is imported by the browser test alone, when it runs
    from playwright.sync_api import Dialog
    from playwright.sync_api import Page as BrowserPage

SCRIPT = '<script>alert("XSS")</script>'
IMAGE = '<img src=x onerror=alert("XSS")>'
BREAKOUT = '" onmouseover="alert(\'XSS\')" x="'
SINGLE_BREAKOUT = "' onfocus='alert(1)' autofocus='"
CLOSING = '</a></p></li></ul></article><script>alert("XSS")</script>'
JS_TEXT = "javascript:alert('XSS')"
TEMPLATE = "{{ 7*7 }}{% raw %}"

PLAIN = f"{SCRIPT} {IMAGE} {BREAKOUT}"

MARKDOWN = "\n\n".join(
    [
        "Intro *emphasis* and a [fine link](https://example.org/).",
        "[x](javascript:alert('XSS'))",
        "[y](JaVaScRiPt:alert('XSS'))",
        "![x](x\" onerror=\"alert('XSS'))",
        "![img](https://example.org/x.png)",
        "<script>alert('XSS')</script>",
        "<img src=x onerror=alert('XSS')>",
        "<a href=\"javascript:alert('XSS')\">raw link</a>",
        "<svg onload=alert('XSS')></svg>",
        '<iframe src="https://evil.example/"></iframe>',
        "<javascript:alert('XSS')>",
        "[ref][r]\n\n[r]: javascript:alert('XSS')",
        '<a href="https://example.org" onclick="alert(\'XSS\')">click</a>',
        "<style>body { display: none }</style>",
        "<form action=javascript:alert('XSS')><button>go</button></form>",
    ]
)

URL = 'https://example.org/"onmouseover="alert(\'XSS\')"<script>'
EMAIL = '"><img/src=x/onerror=alert(1)>@example.org'


def organization(name: str, circle: str, *, joins: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "name": f"{name} {SCRIPT}",
        "summary": PLAIN,
        "description": MARKDOWN,
        "website": f"{URL}{name}",
        "location": SINGLE_BREAKOUT,
        "contact": {"name": BREAKOUT, "email": EMAIL, "url": URL},
        "maintainers": [f"{name.lower()}-admin"],
        "commitments": {
            "sovereignty": True,
            "shared_governance": True,
            "interoperable_data": True,
            "shared_communication": True,
            "conflict_resolution": True,
            "accountability": True,
        },
        "offers": [{"title": IMAGE, "details": CLOSING}],
        "needs": [{"title": JS_TEXT, "details": TEMPLATE}],
        "circles": {
            "general": {
                "name": f"General {IMAGE}",
                "aim": CLOSING,
                "domain": BREAKOUT,
                "conflicts_go_to": SCRIPT,
            },
            circle: {
                "name": f"Home {SCRIPT}",
                "aim": PLAIN,
                "domain": PLAIN,
                "parent": "general",
            },
        },
        "participations": joins,
    }


def payload_directory(root: Path) -> None:
    files: dict[str, dict[str, Any]] = {
        "partners/alpha/organization.yml": organization(
            "Alpha", "training", joins=[{"space": "beta/garden", "circle": "training"}]
        ),
        "partners/beta/organization.yml": organization(
            "Beta", "growing", joins=[{"space": "alpha/lab", "circle": "growing"}]
        ),
        "partners/alpha/playbooks/talk.yml": {
            "title": f"Talk {SCRIPT}",
            "kind": "conflict-resolution",
            "summary": PLAIN,
            "description": MARKDOWN,
            "source": {"title": BREAKOUT, "url": URL},
            "parameters": {
                "days": {"title": IMAGE, "type": "number", "unit": SINGLE_BREAKOUT},
                "who": {"title": CLOSING, "type": "text"},
            },
            "steps": [{"title": SCRIPT, "description": f"{CLOSING} within {{days}} by {{who}}"}],
            "history": [{"date": "2026-01-01", "change": PLAIN}],
        },
        "partners/alpha/spaces/lab.yml": {
            "title": f"Lab {SCRIPT}",
            "mode": "collaboration",
            "status": "active",
            "host_circle": "training",
            "topic": IMAGE,
            "aim": PLAIN,
            "description": MARKDOWN,
            "topics": ["facilitation"],
            "level": "project",
            "domain": CLOSING,
            "term": {"start": "2026-01-01", "ongoing": True, "review": "2027-01-01"},
            "open_to_new_partners": True,
            "participants": [
                {
                    "organization": "beta",
                    "role": "representative",
                    "circle": "growing",
                    "person": BREAKOUT,
                }
            ],
            "seeking": [{"title": IMAGE, "details": PLAIN}],
            "budget": [
                {"from": "host", "kind": "in-kind", "description": PLAIN},
                {
                    "from": "third-party",
                    "name": SCRIPT,
                    "kind": "money",
                    "amount": 100,
                    "currency": "EUR",
                    "period": IMAGE,
                    "description": BREAKOUT,
                },
            ],
            "social_contract": {
                "governance": PLAIN,
                "conflict_resolution": {
                    "playbook": "alpha/talk",
                    "parameters": {"days": 5, "who": SCRIPT},
                    "amendments": [CLOSING],
                },
                "rules": [JS_TEXT, SINGLE_BREAKOUT],
            },
            "contact": {"name": SCRIPT, "email": EMAIL, "url": URL},
            "history": [{"date": "2026-01-01", "change": CLOSING}],
            "former_ids": ["old-lab"],
        },
        "partners/beta/spaces/garden.yml": {
            "title": IMAGE,
            "mode": "information-sharing",
            "status": "forming",
            "host_circle": "growing",
            "topic": BREAKOUT,
            "aim": SCRIPT,
            "description": MARKDOWN,
            "venue": "hosting-circle",
            "direction": "bi-directional",
            "term": {"start": "2026-01-01", "end": "2026-12-31"},
            "participants": [
                {"organization": "alpha", "role": "representative", "circle": "training"}
            ],
        },
    }
    for file, data in files.items():
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("payloads")
    payload_directory(root)
    config = write_site_config(root, repository="https://github.com/acme/partners")
    build = mkdocs_build(config, tmp_path_factory.mktemp("site"))
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def site_url(site: Build) -> Iterator[str]:
    with served(site.site) as url:
        yield url


def html_pages(build: Build) -> list[tuple[Path, Page]]:
    return [(path, Page(path.read_text("utf-8"))) for path in sorted(build.site.rglob("*.html"))]


# Links that run code: javascript:, vbscript:, data:, however they are spelled.
ACTIVE_ADDRESS = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
LINKING_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "background")


def normalized(address: str) -> str:
    """An address as a browser resolves its scheme: control characters and
    whitespace removed."""
    return re.sub(r"[\x00-\x20]", "", address)


def test_the_payload_directory_builds_and_its_pages_exist(site: Build) -> None:
    for address in (
        "spaces/alpha/lab/",
        "spaces/beta/garden/",
        "organizations/alpha/",
        "organizations/beta/",
        "playbooks/alpha/talk/",
        "marketplace/",
        "spaces/alpha/old-lab/",
    ):
        assert (site.site / address / "index.html").exists(), address


def test_no_page_holds_an_injected_script(site: Build) -> None:
    """Executable scripts are the theme's and hold no payload; data scripts (JSON-LD)
    hold exactly one JSON document, so no payload closed them early."""
    for path, page in html_pages(site):
        for element, content in zip(page.find("script"), page.scripts, strict=True):
            if element.get("type") in ("application/ld+json", "application/json"):
                json.loads(content)
            else:
                assert "alert(" not in content, path
            source = element.get("src")
            assert source is None or not source.startswith(("http:", "https:", "//")), path


def test_no_element_has_an_event_handler_attribute(site: Build) -> None:
    for path, page in html_pages(site):
        for element in page.elements:
            handlers = [name for name, _ in element.attributes if name.startswith("on")]
            assert not handlers, (path, element)


def test_no_link_runs_code(site: Build) -> None:
    for path, page in html_pages(site):
        for element in page.elements:
            for name in LINKING_ATTRIBUTES:
                value = element.get(name)
                if value is not None:
                    assert not ACTIVE_ADDRESS.match(normalized(value)), (path, element)
            if element.get("http-equiv") == "refresh":
                target = (element.get("content") or "").partition("url=")[2]
                assert not ACTIVE_ADDRESS.match(normalized(target)), path


def test_no_partner_markup_becomes_an_element(site: Build) -> None:
    for path, page in html_pages(site):
        for tag in ("img", "iframe", "object", "embed", "base"):
            assert not page.find(tag), (path, tag)
        # Only the marketplace's own, which hides its cards where scripts do not run.
        styles = [e.get("class") for e in page.find("style")]
        assert set(styles) <= {"eco-without-scripts"}, path
        assert not [e for e in page.find("svg") if e.has("onload")], path
        for form in page.find("form"):  # only the theme's and ours, which have classes
            assert (form.get("class") or "").startswith(("md-", "eco-")), path


def test_the_payloads_are_shown_as_text(site: Build) -> None:
    space = Page(site.html("spaces/alpha/lab/"))
    org = Page(site.html("organizations/alpha/"))
    playbook = Page(site.html("playbooks/alpha/talk/"))
    market = Page(site.html("marketplace/"))

    assert f"Lab {SCRIPT}" in space.text
    assert PLAIN in space.text
    assert CLOSING in space.text
    assert BREAKOUT in space.text
    assert f"Alpha {SCRIPT}" in org.text
    assert SINGLE_BREAKOUT in org.text
    assert TEMPLATE in org.text
    assert f"Talk {SCRIPT}" in playbook.text
    assert IMAGE in market.text


def test_the_page_title_shows_the_payload_as_text(site: Build) -> None:
    html = site.html("spaces/alpha/lab/")
    title = html[html.index("<title>") + len("<title>") : html.index("</title>")]

    assert Page(title).text.startswith(f"Lab {SCRIPT}")
    assert "<script" not in title


def test_the_markdown_fields_keep_their_safe_parts(site: Build) -> None:
    page = Page(site.html("spaces/alpha/lab/"))

    assert "https://example.org/" in [e.get("href") for e in page.find("a")]
    assert "emphasis" in page.text
    assert "raw link" in page.text


def test_addresses_and_emails_cannot_break_out_of_their_attribute(site: Build) -> None:
    page = Page(site.html("organizations/alpha/"))
    hrefs = [e.get("href") for e in page.find("a")]

    assert URL in hrefs
    assert f"mailto:{EMAIL}" in hrefs


def test_the_search_index_holds_no_active_markup(site: Build) -> None:
    index = json.loads((site.site / "search/search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        for field in ("title", "text"):
            shown = Page(doc[field])
            assert not shown.find("script"), doc["location"]
            assert not shown.find("img"), doc["location"]
            assert not [
                e for e in shown.elements if any(n.startswith("on") for n, _ in e.attributes)
            ]


def test_the_marketplace_card_data_holds_the_payloads_as_text(site: Build) -> None:
    raw = (site.site / "marketplace" / "cards.json").read_text("utf-8")
    data = json.loads(raw)
    cards = {card["id"]: card for card in data["cards"]}

    assert (cards["alpha/lab"]["title"], cards["alpha/lab"]["aim"]) == (f"Lab {SCRIPT}", PLAIN)
    assert (cards["beta/garden"]["title"], cards["beta/garden"]["aim"]) == (IMAGE, SCRIPT)
    assert data["organizations"]["alpha"]["name"] == f"Alpha {SCRIPT}"
    assert not set("<>") & set(raw)


@pytest.mark.browser
def test_the_marketplace_draws_hostile_titles_and_aims_as_text(
    page: BrowserPage, site_url: str
) -> None:
    from playwright.sync_api import expect

    dialogs: list[str] = []

    def refuse(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    page.goto(site_url + "marketplace/")
    cards = page.locator("li.eco-card")
    expect(cards).to_have_count(2)
    texts = cards.all_text_contents()

    assert any(f"Lab {SCRIPT}" in text and PLAIN in text for text in texts)
    assert any(IMAGE in text and SCRIPT in text for text in texts)
    assert any(f"Alpha {SCRIPT}" in text for text in texts)
    expect(page.locator("ul.eco-cards :is(script, img, iframe, svg, style, b)")).to_have_count(0)
    handlers = page.locator("ul.eco-cards *").evaluate_all(
        "nodes => nodes.flatMap(node => node.getAttributeNames().filter(n => n.startsWith('on')))"
    )
    assert handlers == []
    assert dialogs == []
