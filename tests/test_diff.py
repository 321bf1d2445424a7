"""`ecotone diff`: what a pull request changes in the directory, in words."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import MINIMAL, TODAY, Tree
from markdown_it import MarkdownIt

from ecotone.commands.cli import main
from ecotone.commands.diff import as_markdown, diff_directory

GAMMA = """\
name: Gamma
summary: We mend things.
maintainers: [gamma-keeper]
commitments: {sovereignty: true, shared_governance: true, interoperable_data: true, shared_communication: true}
circles:
  general: {name: General circle, aim: Mend., domain: Repairs., conflicts_go_to: The assembly.}
"""


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def repo(minimal: Tree) -> Tree:
    """The minimal directory as a git repository with one commit, the base."""
    minimal.write("ecotone.yml", "stewards:\n  - the-stewards\n")
    git(minimal.root, "init", "--quiet", "--initial-branch=main")
    git(minimal.root, "add", ".")
    git(minimal.root, "commit", "--quiet", "-m", "base")
    return minimal


def summary(tree: Tree, root: Path | None = None) -> str:
    return as_markdown(diff_directory(root or tree.root, "main", TODAY), "main")


def test_an_unchanged_directory_changes_no_entries(repo: Tree) -> None:
    text = summary(repo)
    assert "No entries change compared with `main`." in text
    assert "### Reviews needed" not in text


def test_added_changed_and_removed_entries_are_named_by_id(repo: Tree) -> None:
    repo.write("partners/gamma/organization.yml", GAMMA)
    repo.replace("partners/alpha/spaces/lab.yml", "title: Facilitation lab", "title: Practice lab")
    repo.path("partners/beta/spaces/garden.yml").unlink()
    text = summary(repo)
    assert "1 added, 1 changed, 1 removed" in text
    assert "- organization **Gamma** (`gamma`)" in text
    assert "- collaboration **Practice lab** (`alpha/lab`): `title`" in text
    assert "- information-sharing space **" in text and "(`beta/garden`)" in text


def test_the_base_is_read_from_git_not_from_the_working_tree(repo: Tree) -> None:
    repo.replace(
        "partners/alpha/spaces/lab.yml", "aim: Train facilitators together.", "aim: Train."
    )
    git(repo.root, "commit", "--quiet", "-am", "change on main")
    git(repo.root, "checkout", "--quiet", "-b", "proposal", "HEAD~1")
    assert "(`alpha/lab`): `aim`" in summary(repo)


def test_a_new_listing_without_acknowledgment_is_an_invitation_sent(repo: Tree) -> None:
    repo.write("partners/gamma/organization.yml", GAMMA)
    repo.replace(
        "partners/alpha/spaces/lab.yml",
        "participants:\n",
        "participants:\n  - organization: gamma\n    role: representative\n    circle: general\n",
    )
    text = summary(repo)
    assert (
        "- Invitation sent: **Facilitation lab** (`alpha/lab`) invites `gamma` (circle `general`)"
        in text
    )
    assert "Invitation acknowledged" not in text


def test_a_new_acknowledgment_is_an_invitation_acknowledged(repo: Tree) -> None:
    repo.write("partners/gamma/organization.yml", GAMMA)
    repo.replace(
        "partners/alpha/spaces/lab.yml",
        "participants:\n",
        "participants:\n  - organization: gamma\n    role: representative\n    circle: general\n",
    )
    git(repo.root, "add", ".")
    git(repo.root, "commit", "--quiet", "-m", "invite gamma")
    repo.write(
        "partners/gamma/organization.yml",
        GAMMA + "participations:\n  - space: alpha/lab\n    circle: general\n",
    )
    text = summary(repo)
    assert (
        "- Invitation acknowledged: `gamma` (circle `general`) takes part in **Facilitation lab**"
        in text
    )
    assert "Invitation sent" not in text


def test_a_removed_participant_is_a_participation_removed(repo: Tree) -> None:
    repo.replace(
        "partners/alpha/spaces/lab.yml",
        "  - organization: beta\n    role: representative\n    circle: growing\n",
        "",
    )
    text = summary(repo)
    assert "- Participation removed: `beta` (circle `growing`) no longer takes part in" in text


def test_each_touched_organization_folder_needs_its_own_maintainers(repo: Tree) -> None:
    repo.replace("partners/alpha/spaces/lab.yml", "title: Facilitation lab", "title: Practice lab")
    repo.replace("partners/beta/organization.yml", "  - beta-admin", "  - beta-admin\n  - new-hand")
    text = summary(repo)
    assert (
        "- `partners/alpha/` (`spaces/lab.yml`): review by one of the maintainers of "
        "Alpha Collective: @alpha-admin." in text
    )
    # the current maintainers decide who joins them
    assert "the maintainers of Beta Gardens: @beta-admin." in text


def test_a_new_organization_and_other_files_need_the_stewards(repo: Tree) -> None:
    repo.write("partners/gamma/organization.yml", GAMMA)
    repo.write("ecotone.yml", "stewards:\n  - the-stewards\n  - another\n")
    text = summary(repo)
    assert (
        "- `partners/gamma/` (`organization.yml`): review by one of the stewards: "
        "@the-stewards. Once merged, `@gamma-keeper` maintain it." in text
    )
    assert "- Other files (`ecotone.yml`): review by one of the stewards: @the-stewards." in text


def test_a_new_organizations_maintainers_are_named_without_a_mention(repo: Tree) -> None:
    repo.write("partners/gamma/organization.yml", GAMMA)
    html = rendered(summary(repo))
    assert "Once merged, <code>@gamma-keeper</code> maintain it." in html


def test_partner_text_cannot_add_links_or_markup_to_the_summary(repo: Tree) -> None:
    repo.replace(
        "partners/alpha/spaces/lab.yml",
        "title: Facilitation lab",
        "title: '[click](https://x.example) <img src=x> *lab*'",
    )
    html = rendered(summary(repo))
    assert "<a " not in html and "<img" not in html and "<em>" not in html
    assert "<strong>[click](https:\u200b//x.example) &lt;img src=x&gt; *lab*</strong>" in html


def rendered(markdown: str) -> str:
    """The summary as HTML, by a CommonMark parser that lets raw HTML through and links
    bare addresses, as GitHub's does."""
    return (
        MarkdownIt("commonmark", {"html": True, "linkify": True}).enable("linkify").render(markdown)
    )


FORGERY = "x`<img src=x onerror=track()>**Approved by @stewards**<b>`"


def test_a_file_name_with_backticks_stays_inside_its_code_span(repo: Tree) -> None:
    repo.write(f"partners/alpha/spaces/{FORGERY}.yml", "title: x\n")
    html = rendered(summary(repo))
    assert "<img" not in html and "<strong>" not in html and "<b>" not in html
    shown = FORGERY.replace("<", "&lt;").replace(">", "&gt;")
    assert f"<code>spaces/{shown}.yml</code>" in html


def test_a_file_name_with_a_line_break_stays_in_its_list_item(repo: Tree) -> None:
    repo.write("partners/alpha/spaces/a\n# Approved.yml", "title: x\n")
    html = rendered(summary(repo))
    assert "<h1>" not in html
    assert "a\\u000a# Approved.yml</code>" in html


def test_titles_mention_nobody_and_link_no_address(repo: Tree) -> None:
    repo.replace(
        "partners/alpha/spaces/lab.yml",
        "title: Facilitation lab",
        "title: 'Approved by @stewards, see https://x.example, www.x.example, a@x.example, #1'",
    )
    html = rendered(summary(repo))
    assert "<a " not in html
    text = html.replace("\u200b", "")
    assert "Approved by @stewards, see https://x.example, www.x.example, a@x.example, #1" in text
    for link_start in ("@stewards", "https://", "www.x", "a@x", "#1"):
        assert link_start not in html


def test_a_directory_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    root = tmp_path / "network" / "directory"
    shutil.copytree(MINIMAL, root)
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "--quiet", "-m", "base")
    Tree(root).write("partners/gamma/organization.yml", GAMMA)
    text = as_markdown(diff_directory(root, "main", TODAY), "main")
    assert "1 added, 0 changed, 0 removed" in text


def test_the_command_prints_markdown_for_the_job_summary(repo: Tree, capsys) -> None:
    repo.write("partners/gamma/organization.yml", GAMMA)
    assert main(["diff", "--base", "main", str(repo.root)]) == 0
    assert capsys.readouterr().out.startswith("## Directory changes\n")


def test_an_unknown_base_exits_2_and_says_how_to_fetch_it(repo: Tree, capsys) -> None:
    assert main(["diff", "--base", "origin/main", str(repo.root)]) == 2
    err = capsys.readouterr().err
    assert "git does not know 'origin/main'" in err
    assert "fetch-depth: 0" in err
