"""Property: whatever text a partner writes in a plain-text field reaches the page as
that text. Markup in it is shown, never interpreted, and nothing on the way (Jinja,
the front matter, Python-Markdown with the site's extensions) alters it."""

from __future__ import annotations

import json
from datetime import date
from functools import cache

import markdown as python_markdown
from conftest import TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from mkdocs.config import load_config
from mkdocs.utils import meta
from site_helpers import REPO_ROOT, Page

from ecotone.load.positions import Source
from ecotone.model import (
    Circle,
    Commitments,
    Contact,
    Contribution,
    Directory,
    Exchange,
    HistoryEntry,
    Mode,
    Organization,
    Parameter,
    Participant,
    Participation,
    Playbook,
    PlaybookSlot,
    Provenance,
    SocialContract,
    Space,
    Step,
    Term,
)
from ecotone.render.environment import Renderer
from ecotone.render.marketplace import marketplace_pages
from ecotone.render.organizations import organization_page
from ecotone.render.pages import GeneratedFile, SiteSettings
from ecotone.render.playbooks import playbook_page
from ecotone.render.spaces import space_page
from ecotone.sitedata import site_data

TRICKY = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '" onmouseover="alert(1)',
    "'><b>",
    "&amp;",
    "&#10;",
    "&lt;",
    "{{ 7*7 }}",
    "{% if %}",
    "```",
    "    indented",
    "\n\n",
    "---\n",
    "<!--",
    "]]>",
    "<div>",
    "</article>",
    "*em* _em_ `code`",
    "[x](javascript:alert(1))",
    "# heading",
    "\u2028",
    "\r\n",
]

# What a YAML file can hold: no surrogates, no control characters but these.
characters = st.one_of(
    st.characters(exclude_categories=("Cs", "Cc", "Cn")), st.sampled_from("\t\n\r\x85")
)

plain = st.lists(
    st.one_of(st.sampled_from(TRICKY), st.text(characters, min_size=1, max_size=12)),
    min_size=1,
    max_size=4,
).map("".join)

one_line = plain.map(lambda text: text.replace("\n", " ").replace("\r", " ") or "x")


@cache
def site_markdown() -> python_markdown.Markdown:
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    return python_markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )


def shown(page: GeneratedFile) -> tuple[dict, Page]:
    """The page's front matter, and its body as a browser would parse it after
    Python-Markdown has turned it into HTML."""
    body, data = meta.get_data(str(page.content))
    return data, Page(site_markdown().reset().convert(body))


SOURCE = Source("partners/x.yml", "")
# One renderer for every example, as one build has: it keeps compiled templates only.
RENDERER = Renderer()
COMMITTED = Commitments(True, True, True, True)


FIELDS = (
    "org_name_line",
    "org_summary",
    "location_line",
    "contact_line",
    "offer_line",
    "offer_details",
    "need_line",
    "circle_line",
    "circle_aim",
    "circle_domain",
    "conflicts_go_to",
    "guest_name_line",
    "guest_circle_line",
    "title_line",
    "topic_line",
    "aim",
    "domain",
    "governance",
    "rule",
    "amendment",
    "seek_line",
    "seek_details",
    "budget_what",
    "third_party_line",
    "period_line",
    "person_line",
    "history",
    "playbook_line",
    "playbook_summary",
    "step_line",
    "step_text",
    "parameter_line",
    "unit_line",
    "value_line",
    "provenance_line",
)

texts = st.fixed_dictionaries(
    {name: one_line if name.endswith("line") else plain for name in FIELDS}
)


def directory_with(t: dict[str, str]) -> Directory:
    """A host, a participant, a collaboration between them and a playbook, every
    plain-text field taken from `t` (fields ending in `line` hold no line breaks,
    as the schema says)."""
    host = Organization(
        id="alpha",
        name=t["org_name_line"],
        summary=t["org_summary"],
        maintainers=("a",),
        commitments=COMMITTED,
        circles=(
            Circle(
                "general",
                "alpha",
                t["circle_line"],
                t["circle_aim"],
                t["circle_domain"],
                conflicts_go_to=t["conflicts_go_to"],
            ),
        ),
        source=SOURCE,
        location=t["location_line"],
        contact=Contact(name=t["contact_line"], email="a@example.org"),
        offers=(Exchange(t["offer_line"], (), t["offer_details"]),),
        needs=(Exchange(t["need_line"]),),
    )
    guest = Organization(
        id="beta",
        name=t["guest_name_line"],
        summary="s",
        maintainers=("b",),
        commitments=COMMITTED,
        circles=(Circle("home", "beta", t["guest_circle_line"], "a", "d", conflicts_go_to="c"),),
        source=SOURCE,
        participations=(Participation("alpha/lab", "home"),),
    )
    playbook = Playbook(
        id="alpha/talk",
        publisher="alpha",
        title=t["playbook_line"],
        kind="conflict-resolution",
        summary=t["playbook_summary"],
        steps=(Step(t["step_line"], t["step_text"].replace("{", "(") + " {days} {who}"),),
        source=SOURCE,
        provenance=Provenance(t["provenance_line"]),
        parameters=(
            Parameter("days", t["parameter_line"], "number", t["unit_line"]),
            Parameter("who", "Who", "text"),
        ),
    )
    space = Space(
        id="alpha/lab",
        host="alpha",
        title=t["title_line"],
        mode=Mode.COLLABORATION,
        status="active",
        host_circle="general",
        aim=t["aim"],
        term=Term(date(2026, 1, 1), ongoing=True),
        source=SOURCE,
        topic=t["topic_line"],
        level="project",
        domain=t["domain"],
        participants=(Participant("beta", "representative", "home", t["person_line"]),),
        seeking=(Exchange(t["seek_line"], (), t["seek_details"]),),
        budget=(
            Contribution("host", "in-kind", t["budget_what"]),
            Contribution(
                "third-party",
                "money",
                "m",
                name=t["third_party_line"],
                amount=5,
                currency="EUR",
                period=t["period_line"],
            ),
        ),
        social_contract=SocialContract(
            governance=t["governance"],
            conflict_resolution=PlaybookSlot(
                "alpha/talk", {"days": 3, "who": t["value_line"]}, (t["amendment"],)
            ),
            rules=(t["rule"],),
        ),
        contact=Contact(name=t["contact_line"]),
        history=(HistoryEntry(date(2026, 1, 1), t["history"]),),
    )
    return Directory((host, guest), (space,), (playbook,))


def assert_shows(page: Page, texts: dict[str, str], fields: list[str]) -> None:
    for field in fields:
        assert texts[field] in page.text, field
    assert not [script for script in page.scripts if script.strip()]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_a_blueprint_page_shows_every_text_as_written(t: dict[str, str]) -> None:
    directory = directory_with(t)
    data, page = shown(
        space_page(site_data(directory, TODAY, {}), directory.spaces[0], SiteSettings(), RENDERER)
    )

    assert data["title"] == str(escape(t["title_line"]))
    assert_shows(
        page,
        t,
        [
            "title_line",
            "topic_line",
            "aim",
            "domain",
            "governance",
            "rule",
            "amendment",
            "seek_line",
            "seek_details",
            "budget_what",
            "third_party_line",
            "period_line",
            "person_line",
            "history",
            "org_name_line",
            "guest_name_line",
            "circle_line",
            "guest_circle_line",
            "conflicts_go_to",
            "contact_line",
            "playbook_line",
            "playbook_summary",
            "step_line",
            "parameter_line",
            "unit_line",
            "value_line",
        ],
    )


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_an_organization_page_shows_every_text_as_written(t: dict[str, str]) -> None:
    directory = directory_with(t)
    data, page = shown(
        organization_page(
            site_data(directory, TODAY, {}), directory.organizations[0], SiteSettings(), RENDERER
        )
    )

    assert data["title"] == str(escape(t["org_name_line"]))
    assert_shows(
        page,
        t,
        [
            "org_name_line",
            "org_summary",
            "location_line",
            "contact_line",
            "offer_line",
            "offer_details",
            "need_line",
            "circle_line",
            "circle_aim",
            "circle_domain",
            "conflicts_go_to",
            "title_line",
        ],
    )


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_the_marketplace_and_a_playbook_page_show_every_text_as_written(
    t: dict[str, str],
) -> None:
    directory = directory_with(t)
    market, _ = marketplace_pages(directory, RENDERER)
    _, listed = shown(market)
    data, playbook = shown(
        playbook_page(directory, directory.playbooks[0], SiteSettings(), RENDERER)
    )

    assert_shows(listed, t, ["title_line", "org_name_line"])
    assert data["title"] == str(escape(t["playbook_line"]))
    assert_shows(
        playbook,
        t,
        [
            "playbook_line",
            "playbook_summary",
            "step_line",
            "parameter_line",
            "unit_line",
            "provenance_line",
            "org_name_line",
            "title_line",
        ],
    )


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_the_marketplace_card_data_holds_every_text_as_written(t: dict[str, str]) -> None:
    directory = directory_with(t)
    _, cards_file = marketplace_pages(directory, RENDERER)
    raw = cards_file.content
    assert isinstance(raw, str)
    data = json.loads(raw)
    (card,) = data["cards"]

    assert (card["title"], card["topic"], card["aim"]) == (
        t["title_line"],
        t["topic_line"],
        t["aim"],
    )
    assert card["seeks"] == [t["seek_line"]]
    assert data["organizations"]["alpha"]["name"] == t["org_name_line"]
    assert data["organizations"]["beta"]["name"] == t["guest_name_line"]
    # Nothing in the file reads as markup, whatever a reader takes it for.
    assert not set("<>&'") & set(raw)
