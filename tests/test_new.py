"""`ecotone new`: starting files that validate, in the right place, never over another."""

from __future__ import annotations

import os
import pty
import re
import select
import sys
import time
from pathlib import Path

import pytest
from conftest import TODAY, Tree
from hypothesis import given, settings
from hypothesis import strategies as st

from ecotone.commands.cli import main
from ecotone.load.positions import Source
from ecotone.load.safe_yaml import parse
from ecotone.starting_files import yaml_scalar

START = ["--start", TODAY.isoformat()]
ORGANIZATION = ["--org", "gamma", "--name", "Gamma", "--summary", "We mend.", "--maintainers", "gi"]
COLLABORATION = [
    *("--org", "alpha", "--host-circle", "training", "--title", "Repair café"),
    *("--aim", "Mend things together.", "--domain", "The café's calendar.", *START),
]
SHARING = [
    *("--org", "beta", "--host-circle", "growing", "--title", "Seed notes"),
    *("--aim", "Pass on what we learn about seeds.", *START),
]


def new(tree: Tree, *args: str) -> int:
    return main(["new", *args[:1], str(tree.root), *args[1:]])


def assert_valid(tree: Tree) -> None:
    problems = tree.validate().problems
    assert not [p for p in problems if p.is_error or p.is_warning], problems


@pytest.mark.parametrize(
    ("what", "options", "file", "schema"),
    [
        ("organization", ORGANIZATION, "partners/gamma/organization.yml", "../../schemas/organization"),
        ("collaboration", COLLABORATION, "partners/alpha/spaces/repair-cafe.yml", "../../../schemas/space"),
        ("information-sharing", SHARING, "partners/beta/spaces/seed-notes.yml", "../../../schemas/space"),
        ("playbook", ["--org", "beta", "--kind", "accountability"], "partners/beta/playbooks/accountability.yml", "../../../schemas/playbook"),
    ],
)  # fmt: skip
def test_a_new_file_goes_in_its_folder_and_validates_with_the_directory(
    minimal: Tree, what: str, options: list[str], file: str, schema: str
) -> None:
    assert new(minimal, what, *options) == 0
    first_line = minimal.read(file).splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={schema}.schema.json"
    assert_valid(minimal)


def test_the_schema_modeline_points_at_the_published_schemas(minimal: Tree) -> None:
    new(minimal, "collaboration", *COLLABORATION)
    file = minimal.path("partners/alpha/spaces/repair-cafe.yml")
    relative = minimal.read("partners/alpha/spaces/repair-cafe.yml").split("$schema=")[1].split()[0]
    assert (file.parent / relative).resolve() == minimal.root / "schemas" / "space.schema.json"


def test_a_collaboration_for_a_host_with_transparent_budgets_validates(minimal: Tree) -> None:
    minimal.replace(
        "partners/beta/organization.yml",
        "shared_communication: true",
        "shared_communication: true\n  transparent_budgets: true",
    )
    options = [*COLLABORATION]
    options[options.index("alpha")] = "beta"
    options[options.index("training")] = "growing"
    assert new(minimal, "collaboration", *options) == 0
    assert_valid(minimal)


def test_a_collaboration_walks_through_the_blueprint_in_order(minimal: Tree) -> None:
    new(minimal, "collaboration", *COLLABORATION)
    text = minimal.read("partners/alpha/spaces/repair-cafe.yml")
    steps = ["Topic and aim", "Domain and connection point", "Term", "Budget", "Social contract"]
    places = [text.index(f"# {i}. {step}") for i, step in enumerate(steps, 1)]
    assert places == sorted(places)
    for provider in ("  - from: host", "  # - from: partner", "  # - from: third-party"):
        assert provider in text


def uncomment(text: str, first_line: str) -> str:
    """What the guide asks of an author: remove the # and the one space after it
    from each line of the commented block that starts at `first_line`."""
    lines = text.splitlines(keepends=True)
    start = lines.index(first_line + "\n")
    end = start
    while end < len(lines) and lines[end].lstrip().startswith("# "):
        end += 1
    block = [line.replace("# ", "", 1) for line in lines[start:end]]
    return "".join(lines[:start] + block + lines[end:])


def test_the_commented_playbook_slot_validates_once_filled_in(minimal: Tree) -> None:
    new(minimal, "collaboration", *COLLABORATION)
    file = "partners/alpha/spaces/repair-cafe.yml"
    text = uncomment(minimal.read(file), "  # conflict_resolution:")
    minimal.write(file, re.sub(r"(\w+):    # .*", r"\1: 7", text))
    assert_valid(minimal)
    assert "      answer_days: 7\n" in minimal.read(file)
    assert "    # amendments:" in minimal.read(file)  # an optional part stays a comment


def test_a_commented_participant_needs_only_its_names(minimal: Tree) -> None:
    new(minimal, "collaboration", *COLLABORATION)
    file = "partners/alpha/spaces/repair-cafe.yml"
    text = uncomment(minimal.read(file), "# participants:")
    text = text.replace("their-organization", "beta").replace("their-circle", "growing")
    text = text.replace("  - organization: another-organization\n    role: free-agent\n", "")
    minimal.write(file, text)
    assert_valid(minimal)
    assert "    # person: Their Name" in minimal.read(file)


def test_values_that_need_quotes_read_back_as_written(minimal: Tree) -> None:
    title = "Repair: café #1"
    options = [*COLLABORATION]
    options[options.index("Repair café")] = title
    assert new(minimal, "collaboration", *options, "--slug", "repair") == 0
    data = parse(Source("x", minimal.read("partners/alpha/spaces/repair.yml")))
    assert data["title"] == title
    assert_valid(minimal)


@settings(deadline=None)  # a busy machine must not fail it
@given(st.text(max_size=40))
def test_any_text_written_as_a_yaml_scalar_reads_back_the_same(text: str) -> None:
    assert parse(Source("x", f"value: {yaml_scalar(text)}\n")) == {"value": text}


def test_an_existing_file_is_never_overwritten(minimal: Tree, capsys) -> None:
    before = minimal.read("partners/alpha/playbooks/talk-it-out.yml")
    code = new(
        minimal,
        "playbook",
        "--org",
        "alpha",
        "--kind",
        "conflict-resolution",
        "--slug",
        "talk-it-out",
    )
    assert code == 1
    assert "partners/alpha/playbooks/talk-it-out.yml already exists" in capsys.readouterr().err
    assert minimal.read("partners/alpha/playbooks/talk-it-out.yml") == before


def test_an_existing_organization_is_never_overwritten(minimal: Tree, capsys) -> None:
    before = minimal.read("partners/beta/organization.yml")
    options = [*ORGANIZATION]
    options[options.index("gamma")] = "beta"
    assert new(minimal, "organization", *options) == 1
    assert "partners/beta/organization.yml already exists" in capsys.readouterr().err
    assert minimal.read("partners/beta/organization.yml") == before


def test_a_bad_slug_exits_2_and_suggests_a_valid_one(minimal: Tree, capsys) -> None:
    options = [*ORGANIZATION]
    options[options.index("gamma")] = "Gamma Works!"
    assert new(minimal, "organization", *options) == 2
    err = capsys.readouterr().err
    assert "'Gamma Works!' is not a valid identifier" in err
    assert "'gamma-works'" in err
    assert not minimal.path("partners/Gamma Works!").exists()


def test_a_space_needs_an_existing_host(minimal: Tree, capsys) -> None:
    options = [*SHARING]
    options[options.index("beta")] = "betta"
    assert new(minimal, "information-sharing", *options) == 1
    err = capsys.readouterr().err
    assert "There is no organization 'betta'" in err
    assert "Did you mean 'beta'?" in err
    assert "ecotone new organization --org betta" in err


def test_a_space_needs_an_active_hosting_circle(minimal: Tree, capsys) -> None:
    options = [*SHARING]
    options[options.index("growing")] = "kitchen"
    assert new(minimal, "information-sharing", *options) == 1
    assert "beta has no active circle 'kitchen'" in capsys.readouterr().err
    assert not minimal.path("partners/beta/spaces/seed-notes.yml").exists()


def test_without_a_terminal_missing_values_are_named(minimal: Tree, capsys) -> None:
    assert new(minimal, "organization", "--name", "Gamma") == 2
    err = capsys.readouterr().err
    assert "--summary" in err and "--maintainers" in err


def test_an_invalid_value_writes_nothing(minimal: Tree, capsys) -> None:
    options = [*ORGANIZATION]
    options[options.index("We mend.")] = "We mend. " * 40
    assert new(minimal, "organization", *options) == 2
    assert "summary" in capsys.readouterr().err
    assert not minimal.path("partners/gamma").exists()


def test_the_next_steps_are_printed(minimal: Tree, capsys) -> None:
    new(minimal, "organization", *ORGANIZATION)
    out = capsys.readouterr().out
    assert "Created partners/gamma/organization.yml." in out
    assert "ecotone validate" in out and "ecotone codeowners" in out and "pull request" in out


def _converse(argv: list[str], answers: list[str], cwd: Path) -> str:
    """Run a command in a real pseudo-terminal, typing each answer after a prompt."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: run the command with the terminal as stdin and stdout
        os.chdir(cwd)
        os.execv(argv[0], argv)
    transcript = b""
    pending = list(answers)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            if pending:
                os.write(fd, pending.pop(0).encode() + b"\n")
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        transcript += chunk
    os.waitpid(pid, 0)
    return transcript.decode()


def test_in_a_terminal_it_asks_and_asks_again_after_a_bad_answer(minimal: Tree) -> None:
    transcript = _converse(
        [sys.executable, "-m", "ecotone.commands.cli", "new", "organization"],
        ["Delta Commons", "Delta!", "", "We share tools.", "@dee mo-d"],
        minimal.root,
    )
    assert "'Delta!' is not a valid identifier" in transcript
    assert "Created partners/delta-commons/organization.yml." in transcript
    assert "  - dee\n  - mo-d\n" in minimal.read("partners/delta-commons/organization.yml")
    assert_valid(minimal)
