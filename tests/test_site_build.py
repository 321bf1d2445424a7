"""The site as `mkdocs build` makes it: the build gate, the generated pages at their
addresses, the published schemas, the redirects and the search index.

One build of the example directory is shared by the tests that only read it;
the tests that break something build a copy of their own."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import MINIMAL
from site_helpers import (
    REPO_ROOT,
    TODAY,
    Build,
    Page,
    article_text,
    mkdocs_build,
    write_site_config,
)

from ecotone.validate.run import validate_directory

EXAMPLE_TODAY = TODAY
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url
CHECK_JSONSCHEMA = str(Path(sys.executable).with_name("check-jsonschema"))


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = mkdocs_build(REPO_ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site"))
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def example_directory():
    return validate_directory(REPO_ROOT, EXAMPLE_TODAY).directory


def copy_example(target: Path, history: bool = False) -> Path:
    """The repository's directory and site configuration, copied so it can be broken.
    With `history`, the copy is a clone of the repository first, so that what the
    pages tell from git (since when each member of a space is one) reads alike."""
    if history:
        clone = ["git", "clone", "--quiet", "--no-checkout", str(REPO_ROOT), str(target)]
        subprocess.run(clone, check=True, capture_output=True)
    for folder in ("partners", "docs", "hooks"):
        shutil.copytree(REPO_ROOT / folder, target / folder)
    shutil.copytree(REPO_ROOT / "schemas", target / "schemas")
    shutil.copy(REPO_ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target / "mkdocs.yml"


def nav_links(html: str) -> list[str]:
    """The addresses the theme's navigation (its tabs and its sidebar) links to."""
    nav = html[html.index('<nav class="md-tabs"') : html.index("md-sidebar--secondary")]
    return [e.get("href") or "" for e in Page(nav).find("a")]


# -- the build gate -------------------------------------------------------------


def test_strict_build_of_the_example_passes(example_site: Build) -> None:
    assert example_site.returncode == 0
    assert "WARNING" not in example_site.output


def test_an_error_in_an_entry_stops_the_build_with_its_file_line_and_rule(
    tmp_path: Path,
) -> None:
    config = copy_example(tmp_path / "directory")
    space = tmp_path / "directory/partners/tandem-network/spaces/partners-table.yml"
    space.write_text(
        space.read_text(encoding="utf-8").replace(
            "host_circle: steering\n", "host_circle: steerin\n"
        ),
        encoding="utf-8",
    )

    build = mkdocs_build(config, tmp_path / "site", strict=False)

    assert build.returncode != 0
    assert "partners/tandem-network/spaces/partners-table.yml:5:1: E402" in build.output
    assert "tandem-network has no circle 'steerin'" in build.output
    assert not (tmp_path / "site/spaces").exists()


def test_a_build_to_publish_refuses_a_site_url_on_the_building_machine(
    tmp_path: Path, minimal_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ECOTONE_PUBLISH", "true")
    build = mkdocs_build(write_site_config(minimal_tree), tmp_path / "site")

    assert build.returncode != 0
    assert "site_url in mkdocs.yml is http://127.0.0.1:8000/, an address on the" in build.output
    assert "Set site_url to the address the site is published at" in build.output
    assert "Traceback" not in build.output


def test_a_build_to_publish_at_a_real_address_goes_ahead(
    tmp_path: Path, minimal_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ECOTONE_PUBLISH", "true")
    config = write_site_config(minimal_tree)
    config.write_text(
        config.read_text("utf-8").replace("http://127.0.0.1:8000/", "https://example.org/dir/")
    )

    assert mkdocs_build(config, tmp_path / "site").returncode == 0


def test_the_build_prints_the_same_report_as_the_cli(tmp_path: Path, minimal_tree: Path) -> None:
    from ecotone.validate.report import as_text

    org = minimal_tree / "partners/alpha/organization.yml"
    org.write_text(
        org.read_text(encoding="utf-8").replace("    parent: outreach\n", "    parent: outreac\n"),
        encoding="utf-8",
    )
    report = validate_directory(minimal_tree, EXAMPLE_TODAY)

    build = mkdocs_build(write_site_config(minimal_tree), tmp_path / "site", strict=False)

    assert report.errors
    assert as_text(report.errors) in build.output


def test_a_misplaced_file_fails_validate_and_the_build_alike(
    tmp_path: Path, minimal_tree: Path
) -> None:
    """A file that is not read is an error for both, never a warning that only
    the strict build would stop at."""
    lab = minimal_tree / "partners/alpha/spaces/lab.yml"
    lab.rename(minimal_tree / "partners/alpha/lab.yml")
    report = validate_directory(minimal_tree, EXAMPLE_TODAY)

    build = mkdocs_build(write_site_config(minimal_tree), tmp_path / "site", strict=False)

    assert "E112" in [p.code for p in report.errors]
    assert build.returncode != 0
    assert "partners/alpha/lab.yml:1:1: E112" in build.output
    assert "Move it to partners/alpha/spaces/lab.yml." in build.output


def test_a_warning_fails_the_build_only_when_strict(tmp_path: Path) -> None:
    config = copy_example(tmp_path / "directory")
    twin = config.parent / "partners/circlewise/organization.yml"
    twin.write_text(
        twin.read_text(encoding="utf-8").replace(
            "https://circlewise.example.org", "https://brightwork.example.net"
        ),
        encoding="utf-8",
    )

    lenient = mkdocs_build(config, tmp_path / "lenient", strict=False)
    strict = mkdocs_build(config, tmp_path / "strict", strict=True)

    assert lenient.returncode == 0, lenient.output
    assert "W603" in lenient.output
    assert strict.returncode != 0
    assert "W603" in strict.output


def test_a_build_date_that_is_not_a_date_is_a_clear_error(
    tmp_path: Path, minimal_tree: Path
) -> None:
    build = mkdocs_build(write_site_config(minimal_tree), tmp_path / "site", today="22/11/2026")

    assert build.returncode != 0
    assert "ECOTONE_TODAY='22/11/2026' is not a date; write YYYY-MM-DD" in build.output
    assert "Traceback" not in build.output


def test_a_repository_setting_that_is_not_an_https_address_is_a_clear_error(
    tmp_path: Path, minimal_tree: Path
) -> None:
    config = write_site_config(minimal_tree, repository="javascript:alert(1)")

    build = mkdocs_build(config, tmp_path / "site")

    assert build.returncode != 0
    assert "extra.ecotone.repository" in build.output
    assert "Traceback" not in build.output


# -- pages at their addresses -----------------------------------------------------


def test_every_space_has_a_blueprint_page_at_its_address(example_site, example_directory) -> None:
    for space in example_directory.spaces:
        article = article_text(example_site.html(f"spaces/{space.id}/"))
        assert space.title in article
        assert space.aim.split("\n")[0][:40] in article


def test_every_organization_and_playbook_has_a_page_at_its_address(
    example_site, example_directory
) -> None:
    for org in example_directory.organizations:
        assert org.name in article_text(example_site.html(f"organizations/{org.id}/"))
    for playbook in example_directory.playbooks:
        assert playbook.title in article_text(example_site.html(f"playbooks/{playbook.id}/"))


def test_the_index_pages_and_references_are_in_the_navigation(example_site) -> None:
    links = nav_links(example_site.html(""))

    for address in ("marketplace/", "organizations/", "playbooks/", "join/fields/", "join/rules/"):
        assert address in links


def test_generated_entry_pages_stay_out_of_the_navigation(example_site) -> None:
    entry = re.compile(r"^/(spaces|organizations|playbooks)/[^/]+/")
    for page in ("", "marketplace/", "spaces/circlewise/trainer-pool/"):
        links = nav_links(example_site.html(page))
        paths = [urlsplit(urljoin(f"https://example.org/{page}", link)).path for link in links]
        assert "/marketplace/" in paths
        assert not [path for path in paths if entry.match(path)]


def test_the_field_and_rule_references_are_generated(example_site) -> None:
    fields = Page(example_site.html("join/fields/"))
    rules = Page(example_site.html("join/rules/"))

    assert "host_circle" in fields.text
    assert "E402" in rules.text


def test_each_published_schema_names_its_own_address_as_its_id(example_site) -> None:
    shipped = resources.files("ecotone") / "schemas"
    names = [p.name for p in shipped.iterdir() if p.name.endswith(".schema.json")]

    assert "space.schema.json" in names
    for name in names:
        published = json.loads((example_site.site / "schemas" / name).read_bytes())
        assert published["$id"] == f"{SITE_URL}schemas/{name}"
        assert published["$defs"] == json.loads((shipped / name).read_bytes()).get("$defs")


def test_directory_json_names_its_published_schema(example_site) -> None:
    document = json.loads((example_site.site / "api/directory.json").read_bytes())
    schema = json.loads((example_site.site / "api/directory.schema.json").read_bytes())

    assert document["$schema"] == schema["$id"] == f"{SITE_URL}api/directory.schema.json"


def test_check_jsonschema_validates_a_partner_file_against_the_published_schema(
    example_site,
) -> None:
    """The published space schema refers to `common.schema.json` relative to its
    `$id`; with the site's address mapped to the built folder, no network is used."""
    schema = example_site.site / "schemas/space.schema.json"
    partner = REPO_ROOT / "partners/tandem-network/spaces/partners-table.yml"

    checked = subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", str(schema), "--base-uri", schema.as_uri(), partner],
        capture_output=True,
        text=True,
    )

    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "ok -- validation done" in checked.stdout


def test_a_former_id_redirects_to_the_renamed_space(example_site) -> None:
    old = "spaces/riverbend-clt/garden-share/"
    page = Page(example_site.html(old))

    refresh = next(e for e in page.elements if e.get("http-equiv") == "refresh")
    target = refresh.get("content").partition("url=")[2]
    link = next(e for e in page.elements if e.tag == "a")
    resolved = urljoin(f"https://example.org/{old}", target)

    assert resolved == "https://example.org/spaces/riverbend-clt/food-commons/"
    assert link.get("href") == target
    assert (example_site.site / "spaces/riverbend-clt/food-commons/index.html").exists()


def test_the_search_index_holds_the_generated_pages(example_site, example_directory) -> None:
    index = json.loads((example_site.site / "search/search_index.json").read_text("utf-8"))
    documents = {doc["location"]: doc for doc in index["docs"]}
    space = example_directory.space("riverbend-clt/food-commons")

    assert "spaces/riverbend-clt/food-commons/" in documents
    assert "organizations/riverbend-clt/" in documents
    assert "playbooks/circlewise/conflict-resolution/" in documents
    aim_section = documents["spaces/riverbend-clt/food-commons/#topic-and-aim"]
    assert "neighbourhood" in space.aim
    assert "neighbourhood" in aim_section["text"]


def test_every_search_entry_points_at_a_section_of_its_page(example_site) -> None:
    index = json.loads((example_site.site / "search/search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        page, _, section = doc["location"].partition("#")
        if section:
            assert f'id="{section}"' in example_site.html(page), doc["location"]


def test_search_indexes_an_entry_page_once_and_not_its_computed_parts(example_site) -> None:
    index = json.loads((example_site.site / "search/search_index.json").read_text("utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    space = "spaces/riverbend-clt/food-commons/"

    assert locations.count(space) == 1
    assert locations.count(f"{space}#topic-and-aim") == 1
    assert f"{space}#escalation" not in locations
    assert f"{space}#principles" not in locations


def test_the_package_stylesheet_is_linked_from_every_page(example_site) -> None:
    for address in ("", "marketplace/", "spaces/circlewise/trainer-pool/"):
        page = Page(example_site.html(address))
        stylesheets = [e.get("href") for e in page.find("link") if e.get("rel") == "stylesheet"]
        assert any(href.endswith("assets/ecotone/stylesheets/ecotone.css") for href in stylesheets)
    assert (example_site.site / "assets/ecotone/stylesheets/ecotone.css").exists()


def test_a_space_open_to_new_partners_says_how_to_join_under_its_title(example_site) -> None:
    open_space = example_site.html("spaces/riverbend-clt/food-commons/")
    concluded = example_site.html("spaces/loom-facilitation/conflict-skills-pilot/")

    assert open_space.index('id="contact"') < open_space.index('id="topic-and-aim"')
    assert "How to join" in open_space
    assert concluded.index('id="contact"') > concluded.index('id="history"')


def test_an_organization_page_lists_its_spaces_before_its_circles(example_site) -> None:
    html = example_site.html("organizations/riverbend-clt/")
    assert (
        html.index('id="spaces-hosted"')
        < html.index('id="spaces-joined"')
        < html.index('id="circles"')
    )


def test_a_page_loads_only_the_scripts_and_styles_of_its_own_it_uses(example_site) -> None:
    own = {
        "": set(),
        "marketplace/": {"javascripts/marketplace.js", "stylesheets/marketplace.css"},
        "ecosystem/": {"javascripts/ecosystem.js", "stylesheets/ecosystem.css"},
        "reviews/": set(),
        "spaces/circlewise/trainer-pool/": set(),
    }
    for address, expected in own.items():
        page = Page(example_site.html(address))
        loaded = [e.get("src") for e in page.find("script")] + [
            e.get("href") for e in page.find("link") if e.get("rel") == "stylesheet"
        ]
        ours = {
            url.split("assets/ecotone/")[1] for url in loaded if url and "assets/ecotone/" in url
        }
        assert ours - {"stylesheets/ecotone.css"} == expected, address


def test_search_leaves_out_the_pages_that_gather_what_the_entries_say(example_site) -> None:
    index = json.loads((example_site.site / "search/search_index.json").read_text("utf-8"))
    pages = {doc["location"].partition("#")[0] for doc in index["docs"]}
    gathering = {
        "marketplace/",
        "organizations/",
        "playbooks/",
        "ecosystem/",
        "ecosystem/matchmaking/",
        "ecosystem/principles/",
        "reviews/",
    }

    assert not pages & gathering
    assert "governance/" in pages


def test_the_navigation_rendered_once_per_depth_is_the_themes_own(
    example_site, tmp_path: Path
) -> None:
    config = copy_example(tmp_path / "plain", history=True)
    # Material's own partials in a custom_dir, which comes before ecotone's stand-ins.
    partials = tmp_path / "plain" / "overrides" / "partials"
    partials.mkdir(parents=True)
    for name in ("nav.html", "tabs.html"):
        shutil.copy(resources.files("material") / "templates" / "partials" / name, partials)
    settings = config.read_text(encoding="utf-8")
    config.write_text(settings.replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1))
    plain = mkdocs_build(config, tmp_path / "site")
    assert plain.returncode == 0, plain.output

    pages = sorted(
        path.relative_to(example_site.site) for path in example_site.site.rglob("*.html")
    )
    assert pages == sorted(path.relative_to(plain.site) for path in plain.site.rglob("*.html"))
    for page in pages:
        assert (example_site.site / page).read_bytes() == (plain.site / page).read_bytes(), page


def test_the_entry_pages_ecotone_writes_are_what_mkdocs_would_build(
    example_site, tmp_path: Path
) -> None:
    config = copy_example(tmp_path / "reference", history=True)
    reference_hooks = REPO_ROOT / "tests/fixtures/hooks/per_page_pipeline.py"
    settings = config.read_text(encoding="utf-8")
    config.write_text(settings.replace("hooks/ecotone_hooks.py", str(reference_hooks), 1))
    reference = mkdocs_build(config, tmp_path / "site")
    assert reference.returncode == 0, reference.output

    def files(site: Path) -> list[Path]:
        # The feeds are dated by the entries' git history, which the copy has not.
        return sorted(
            path.relative_to(site)
            for path in site.rglob("*")
            if path.is_file() and path.parent.name != "feeds"
        )

    assert files(example_site.site) == files(reference.site)
    assert (example_site.site / "spaces/circlewise/trainer-pool/index.html").exists()
    for file in files(reference.site):
        assert (example_site.site / file).read_bytes() == (reference.site / file).read_bytes(), file


def test_a_hook_reading_a_generated_pages_html_after_ecotone_sees_all_of_it(
    tmp_path: Path,
) -> None:
    """The pages that list the whole directory get their HTML when MkDocs renders
    them, not when it reads them, unless a plugin could look at it in between: a
    directory's own hook that reads a page's HTML after Ecotone has given it, as
    MkDocs reads the page, finds all of it, and the page is as it was."""
    config = copy_example(tmp_path / "directory")
    seen = tmp_path / "seen.html"
    (tmp_path / "directory" / "hooks" / "read_html.py").write_text(
        "from mkdocs.plugins import event_priority\n"
        "@event_priority(-100)\n"
        "def on_page_content(html, page, config, files):\n"
        "    if page.file.src_uri == 'ecosystem/principles/index.md':\n"
        f"        open({str(seen)!r}, 'w', encoding='utf-8').write(html)\n"
        "    return html\n",
        encoding="utf-8",
    )
    hooks = "  - hooks/ecotone_hooks.py\n"
    settings = config.read_text(encoding="utf-8")
    config.write_text(settings.replace(hooks, hooks + "  - hooks/read_html.py\n"), "utf-8")

    build = mkdocs_build(config, tmp_path / "site")

    assert build.returncode == 0, build.output
    html = seen.read_text(encoding="utf-8")
    assert "<h1>Principles across the directory</h1>" in html
    assert html in (build.site / "ecosystem/principles/index.html").read_text(encoding="utf-8")


def test_an_entry_page_whose_theme_shows_more_of_the_page_is_still_the_themes_own(
    tmp_path: Path,
) -> None:
    """The theme's part of the entry pages is rendered once per shape, with their
    title, description, body and addresses put in; a theme that writes anything
    else of a page into it (here its address, in its footer) gets each page
    rendered in full, so that it is still the page MkDocs would make."""
    override = '{% extends "base.html" %}{% block footer %}<p>{{ page.url }}</p>{% endblock %}'
    sites = {}
    for name, hooks in (("ours", None), ("reference", "tests/fixtures/hooks/per_page_pipeline.py")):
        config = copy_example(tmp_path / name, history=True)
        (tmp_path / name / "overrides").mkdir()
        (tmp_path / name / "overrides" / "main.html").write_text(override, encoding="utf-8")
        settings = config.read_text(encoding="utf-8")
        settings = settings.replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1)
        if hooks:
            settings = settings.replace("hooks/ecotone_hooks.py", str(REPO_ROOT / hooks), 1)
        config.write_text(settings, encoding="utf-8")
        build = mkdocs_build(config, tmp_path / f"{name}-site")
        assert build.returncode == 0, build.output
        sites[name] = build.site

    for address in ("spaces/circlewise/trainer-pool", "organizations/circlewise"):
        ours = (sites["ours"] / address / "index.html").read_text(encoding="utf-8")
        assert f"<p>{address}/</p>" in ours
        assert ours == (sites["reference"] / address / "index.html").read_text(encoding="utf-8")


def test_a_broken_template_that_no_page_renders_does_not_stop_the_build(
    tmp_path: Path,
) -> None:
    """The build compiles the theme's templates ahead, while it validates; one in a
    directory's overrides that does not compile, and that no page renders, is no
    more its concern than MkDocs' (which never loads it)."""
    config = copy_example(tmp_path / "directory")
    overrides = tmp_path / "directory" / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "unused.html").write_text("{% if %}never closed", encoding="utf-8")
    settings = config.read_text(encoding="utf-8")
    config.write_text(settings.replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1))

    build = mkdocs_build(config, tmp_path / "site")

    assert build.returncode == 0, build.output
    assert (build.site / "spaces/circlewise/trainer-pool/index.html").is_file()


def test_the_themes_search_dialog_has_an_accessible_name(example_site) -> None:
    for address in ("", "marketplace/", "spaces/circlewise/trainer-pool/"):
        dialogs = Page(example_site.html(address)).with_class("md-search")
        assert [d.get("aria-label") for d in dialogs] == ["Search"]


def test_each_section_of_the_themes_navigation_is_named_by_its_title(example_site) -> None:
    for address in ("", "spaces/circlewise/trainer-pool/"):
        page = Page(example_site.html(address))
        named_by = [
            nav.get("aria-labelledby") for nav in page.find("nav") if nav.has("aria-labelledby")
        ]
        titles = {e.get("id") for e in page.with_class("md-nav__title")}
        assert named_by and set(named_by) <= titles, address


def test_no_page_loads_anything_from_another_site(example_site) -> None:
    for path in example_site.site.rglob("*.html"):
        page = Page(path.read_text(encoding="utf-8"))
        for element in page.elements:
            if element.tag in ("link", "script", "img", "iframe"):
                address = element.get("src") or element.get("href") or ""
                if element.tag == "link" and element.get("rel") in ("canonical", "alternate"):
                    continue
                assert not address.startswith(("http:", "https:", "//")), (path, address)


# -- what the pages show ------------------------------------------------------------


def test_the_marketplace_links_every_space_with_its_host(example_site, example_directory) -> None:
    address = "https://example.org/marketplace/"
    page = Page(example_site.html("marketplace/"))
    paths = [urlsplit(urljoin(address, a.get("href") or "")).path for a in page.find("a")]
    listed = [path for path in paths if path.startswith("/spaces/")]

    # Each in the plain list, and the first of them in the cards too.
    assert sorted(set(listed)) == sorted(f"/spaces/{s.id}/" for s in example_directory.spaces)
    for space in example_directory.spaces:
        host = example_directory.organization(space.host)
        assert f"{space.title} hosted by {host.name}" in page.text
    assert f"{len(example_directory.spaces)} spaces" in page.text
    # Without scripts, a style in the list's noscript hides the form and the cards.
    assert ".eco-marketplace :is(.eco-filters, .eco-cards, .eco-more)" in page.text


def test_the_marketplace_card_data_is_published_beside_the_page(
    example_site, example_directory
) -> None:
    page = Page(example_site.html("marketplace/"))
    (cards_list,) = page.with_class("eco-cards")
    published = example_site.site / "marketplace" / cards_list.get("data-cards")
    cards = json.loads(published.read_text("utf-8"))["cards"]

    assert published == example_site.site / "marketplace" / "cards.json"
    assert sorted(card["id"] for card in cards) == sorted(s.id for s in example_directory.spaces)
    for card in cards:
        target = urljoin("https://example.org/marketplace/", card["href"])
        assert target == f"https://example.org/spaces/{card['id']}/"


def test_a_blueprint_page_shows_the_five_parts_in_the_protocols_order(example_site) -> None:
    ids = Page(example_site.html("spaces/circlewise/trainer-pool/")).ids()
    parts = ["topic-and-aim", "domain-and-connection-point", "term", "budget", "social-contract"]

    assert [i for i in ids if i in parts] == parts
    later = ["participants", "escalation", "history", "contact"]
    assert [i for i in ids if i in later] == later
    assert ids.index("social-contract") < ids.index("participants")


def test_an_information_sharing_page_shows_venue_and_direction_instead(example_site) -> None:
    page = Page(example_site.html("spaces/circlewise/practice-notes/"))

    assert "venue-and-direction" in page.ids()
    assert "social-contract" not in page.ids()
    assert "One-directional" in page.text


# -- "propose a change" -------------------------------------------------------------


@pytest.fixture
def minimal_tree(tmp_path: Path) -> Path:
    root = tmp_path / "directory"
    shutil.copytree(MINIMAL, root)
    return root


def test_pages_link_to_their_source_file_when_the_repository_is_set(
    tmp_path: Path, minimal_tree: Path
) -> None:
    config = write_site_config(minimal_tree, repository="https://github.com/acme/partners")

    build = mkdocs_build(config, tmp_path / "site")

    assert build.returncode == 0, build.output
    edit = "https://github.com/acme/partners/edit/main/partners/alpha/spaces/lab.yml"
    assert edit in [e.get("href") for e in Page(build.html("spaces/alpha/lab/")).find("a")]
    org_edit = "https://github.com/acme/partners/edit/main/partners/beta/organization.yml"
    assert org_edit in [e.get("href") for e in Page(build.html("organizations/beta/")).find("a")]


def test_pages_have_no_change_link_without_a_repository(example_site) -> None:
    for address in ("spaces/circlewise/trainer-pool/", "organizations/circlewise/"):
        page = Page(example_site.html(address))
        assert not page.with_class("eco-edit")
        assert "/edit/" not in example_site.html(address)
