"""One-click proposals: GitHub new-file links with a starting file filled in."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from conftest import TODAY, Tree

from ecotone.render.proposals import MAX_URL_BYTES, Proposals, new_file_url, proposals
from ecotone.sitedata import site_data

REPOSITORY = "https://github.com/example-network/directory"


def opened(url: str) -> tuple[str, str, str]:
    """The page, the file name and the content a proposal link opens."""
    parts = urlsplit(url)
    query = parse_qs(parts.query, keep_blank_values=True)
    return f"{parts.scheme}://{parts.netloc}{parts.path}", query["filename"][0], query["value"][0]


def links(tree: Tree, host: str | None = None) -> Proposals:
    """The proposal links of a page of `tree`'s site, on `host`'s page if given."""
    data = site_data(tree.validate().directory, TODAY, {}, proposing=True)
    found = proposals(REPOSITORY, "main", data.blanks, host)
    assert found is not None
    return found


def fill(text: str, blanks: dict[str, str]) -> str:
    for blank, value in blanks.items():
        assert text.count(blank) == 1, blank
        text = text.replace(blank, value)
    return text


def test_add_your_organization_opens_a_new_organization_file(minimal: Tree) -> None:
    page, file, content = opened(links(minimal).add_organization)
    assert page == f"{REPOSITORY}/new/main"
    assert file == "partners/your-organization/organization.yml"
    assert content.startswith("# yaml-language-server: $schema=../../schemas/organization")


def test_the_blanks_are_what_the_checks_ask_to_fill_in(minimal: Tree) -> None:
    _, _, content = opened(links(minimal).add_organization)
    minimal.write("partners/gamma/organization.yml", content)
    problems = [p for p in minimal.validate().problems if p.file.startswith("partners/gamma")]
    assert {(p.code, p.field_text) for p in problems} == {
        ("E203", "name"),
        ("E203", "summary"),
        ("E203", "maintainers[0]"),
    }


def test_a_filled_in_organization_validates(minimal: Tree) -> None:
    _, _, content = opened(links(minimal).add_organization)
    filled = fill(
        content,
        {"name:\n": "name: Gamma\n", "summary:\n": "summary: We mend.\n", "  -\n": "  - gi\n"},
    )
    minimal.write("partners/gamma/organization.yml", filled)
    assert not minimal.validate().problems


def test_propose_a_space_on_an_organization_page_lists_its_circles(minimal: Tree) -> None:
    _, file, content = opened(links(minimal, host="beta").collaboration)
    assert file == "partners/beta/spaces/new-space.yml"
    assert "# Its circles: council, growing" in content
    filled = fill(
        content,
        {
            "title:\n": "title: Seed swap\n",
            "aim:\n": "aim: Swap seeds.\n",
            "domain:\n": "domain: What we swap.\n",
            "host_circle:\n": "host_circle: growing\n",
            "  start:\n": f"  start: {TODAY.isoformat()}\n",
            "  review:\n": f"  review: {TODAY.replace(year=TODAY.year + 1).isoformat()}\n",
        },
    )
    minimal.write(file, filled)
    assert not [p for p in minimal.validate().problems if p.is_error or p.is_warning]


def test_propose_an_information_sharing_space_without_a_host(minimal: Tree) -> None:
    _, file, content = opened(links(minimal).information_sharing)
    assert file == "partners/your-organization/spaces/new-space.yml"
    assert "mode: information-sharing" in content


def test_the_branch_and_the_content_are_escaped() -> None:
    url = new_file_url(REPOSITORY + "/", "release/2027", "partners/a b.yml", "x: 1 & 2 # c\n")
    assert url.startswith(f"{REPOSITORY}/new/release%2F2027?filename=partners/a%20b.yml&value=")
    assert opened(url)[2] == "x: 1 & 2 # c\n"


def test_a_file_too_long_for_an_address_loses_its_comments_not_its_fields() -> None:
    content = "# yaml-language-server: $schema=x\n" + "# a comment\n" * 800 + "name:\n"
    url = new_file_url(REPOSITORY, "main", "partners/x/organization.yml", content)
    assert len(url) <= MAX_URL_BYTES
    assert opened(url)[2] == "# yaml-language-server: $schema=x\nname:\n"


def test_no_links_without_a_repository(minimal: Tree) -> None:
    data = site_data(minimal.validate().directory, TODAY, {})
    assert proposals(None, "main", data.blanks) is None


def test_the_links_of_an_organization_page_propose_spaces_in_its_folder(minimal: Tree) -> None:
    on_alpha = links(minimal, host="alpha")
    assert opened(on_alpha.collaboration)[1] == "partners/alpha/spaces/new-space.yml"
    assert "mode: information-sharing" in opened(on_alpha.information_sharing)[2]
    assert opened(on_alpha.add_organization)[1] == "partners/your-organization/organization.yml"
