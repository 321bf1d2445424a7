"""A newcomer's mistakes, each answered in plain words: `ecotone validate` exits 1
and prints, at the line where the person must act, what is wrong and the edit
that fixes it. Each case is one mistake beginners make, written into the
minimal directory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from conftest import TODAY, Tree

from ecotone.commands.cli import main

ALPHA = "partners/alpha/organization.yml"
LAB = "partners/alpha/spaces/lab.yml"
BETA = "partners/beta/organization.yml"
GARDEN = "partners/beta/spaces/garden.yml"

Edit = Callable[[Tree], None]


def replace(file: str, old: str, new: str) -> Edit:
    return lambda tree: tree.replace(file, old, new)


def write(file: str, content: str | bytes) -> Edit:
    return lambda tree: tree.write(file, content)


def both_edits(*edits: Edit) -> Edit:
    def apply(tree: Tree) -> None:
        for edit in edits:
            edit(tree)

    return apply


@dataclass(frozen=True)
class Mistake:
    name: str
    edit: Edit
    at: str  # `file:line:column: CODE`, the start of the problem's first line
    says: str  # a piece of the message
    fix: str  # a piece of the fix


MISTAKES = [
    # -- YAML syntax --------------------------------------------------------------
    Mistake(
        "a colon inside a value",
        replace(LAB, "aim: Train facilitators together.", "aim: Train: facilitators"),
        f"{LAB}:5:6: E101",
        "The value of `aim:` contains a colon followed by a space",
        'Put the value in quotes: aim: "Train: facilitators"',
    ),
    Mistake(
        "a colon inside a value with curly quotes",
        replace(LAB, "title: Facilitation lab", "title: \u201cLab: one\u201d"),
        f"{LAB}:1:8: E101",
        "Curly quotes (\u201c \u201d), as word processors write them, are no quotes in YAML",
        'Put the value in quotes: title: "Lab: one"',
    ),
    Mistake(
        "a tab for indentation",
        replace(LAB, "  ongoing: true", "\tongoing: true"),
        f"{LAB}:10:1: E101",
        "Line 10 is indented with a tab; YAML indents with spaces only.",
        "Replace the tab with 2 spaces, so that `ongoing: true` lines up",
    ),
    Mistake(
        "a line indented one space too few",
        replace(LAB, "  review: 2027-01-01", " review: 2027-01-01"),
        f"{LAB}:11:1: E101",
        "Line 11 is indented by 1 space, which lines it up with no line above it.",
        "Indent `review:` by 2 spaces, like `ongoing:` on line 10, or by 0 spaces, "
        "like `term:` on line 8",
    ),
    Mistake(
        "a line indented one space too many",
        replace(LAB, "  review: 2027-01-01", "   review: 2027-01-01"),
        f"{LAB}:11:1: E101",
        "Line 11 is indented more than `ongoing:` on line 10, whose value is already given",
        "Indent `review:` by 2 spaces, like `ongoing:` on line 10.",
    ),
    Mistake(
        "a field of a list item out-dented",
        replace(LAB, "    role: representative", "   role: representative"),
        f"{LAB}:14:1: E101",
        "Line 14 is indented by 3 spaces",
        "Indent `role:` by 4 spaces, like `organization:` on line 13",
    ),
    Mistake(
        "a quote left open",
        replace(LAB, "title: Facilitation lab", 'title: "Facilitation lab'),
        f"{LAB}:1:8: E101",
        'The value of `title:` opens a quote (") that is not closed on line 1',
        'Close the quote at the end of the value: title: "Facilitation lab"',
    ),
    Mistake(
        "an apostrophe inside single quotes",
        replace(LAB, "title: Facilitation lab", "title: 'Tom's lab'"),
        f"{LAB}:1:8: E101",
        "starts with a quote, so it ends at the next '",
        'Put the whole value in the other kind of quotes: title: "Tom\'s lab"',
    ),
    Mistake(
        "a bracket left open",
        replace(LAB, "aim: Train facilitators together.", "aim: Train.\ntopics: [training, care"),
        f"{LAB}:6:9: E101",
        "The list opened with [ on line 6 is not closed.",
        "Add ] at its end: topics: [training, care]",
    ),
    Mistake(
        "a value that starts with a reserved character",
        replace(LAB, "aim: Train facilitators together.", "aim: *Train* facilitators"),
        f"{LAB}:5:6: E101",
        "The value of `aim:` starts with *, which YAML reads as an alias",
        'Put the value in quotes: aim: "*Train* facilitators"',
    ),
    Mistake(
        "no space after a colon",
        replace(LAB, "status: active", "status:active"),
        f"{LAB}:3:8: E101",
        "Line 3 has no space after the colon",
        "Write a space after the colon: status: active",
    ),
    Mistake(
        "a field without its colon",
        replace(LAB, "status: active", "status active"),
        f"{LAB}:3:1: E101",
        "Line 3, `status active`, is neither a field (`name: value`) nor a list item",
        "Write a colon and a space after the field's name: `status: active`.",
    ),
    Mistake(
        "a Windows path in double quotes",
        replace(LAB, "aim: Train facilitators together.", 'aim: "C:\\Users\\lab"'),
        f"{LAB}:5:6: E101",
        "is in double quotes, where a backslash (\\) starts an escape",
        "Use single quotes, where a backslash is just a backslash: aim: 'C:\\Users\\lab'",
    ),
    Mistake(
        "a tag-like value",
        replace(LAB, "aim: Train facilitators together.", "aim: !Important training"),
        f"{LAB}:5:6: E106",
        "The tag !Important is not allowed here.",
        'If !Important is part of the text, put the whole value in quotes: "!Important …".',
    ),
    # -- encodings and line endings that editors produce ----------------------------
    Mistake(
        "a file saved as UTF-16",
        lambda tree: tree.write(LAB, tree.read(LAB).encode("utf-16")),
        f"{LAB}:1:1: E103",
        "it is saved as UTF-16 (which Notepad calls 'Unicode')",
        "Save the file as UTF-8",
    ),
    Mistake(
        "a file saved as Windows-1252",
        lambda tree: tree.write(
            LAB, tree.read(LAB).replace("Facilitation lab", "Caf\xe9 lab").encode("cp1252")
        ),
        f"{LAB}:1:11: E103",
        "the byte 0xE9 on line 1 is not UTF-8; it reads as '\xe9' in Windows-1252",
        "Then check that '\xe9' still reads right.",
    ),
    Mistake(
        "Windows line endings and a colon inside a value",
        lambda tree: tree.write(
            LAB, tree.read(LAB).replace("Facilitation lab", "Lab: one").replace("\n", "\r\n")
        ),
        f"{LAB}:1:8: E101",
        "contains a colon",
        'Put the value in quotes: title: "Lab: one"',
    ),
    # -- fields at the wrong level ------------------------------------------------------
    Mistake(
        "review written at the top level instead of under term",
        both_edits(
            replace(LAB, "  review: 2027-01-01\n", ""),
            replace(LAB, "status: active\n", "status: active\nreview: 2027-01-01\n"),
        ),
        f"{LAB}:4:1: E202",
        "Unknown field 'review'.",
        "`review` belongs under `term:`. Move this line below `term:`",
    ),
    Mistake(
        "a circle's field out-dented among the circles",
        replace(ALPHA, "    conflicts_go_to: The", "  conflicts_go_to: The"),
        f"{ALPHA}:18:3: E203",
        "Expected a mapping of fields here",
        "`conflicts_go_to` is a field of a circle, one of the entries under `circles:`; "
        "indent it by 2 more spaces",
    ),
    Mistake(
        "an organization's field in a space",
        replace(LAB, "status: active", "status: active\nmaintainers: [alpha-admin]"),
        f"{LAB}:4:1: E202",
        "Unknown field 'maintainers'.",
        "`maintainers` is a field of an organization.yml, not of a space's file: remove it here.",
    ),
    Mistake(
        "a non-breaking space pasted before a field",
        replace(LAB, "status: active", "\u00a0status: active"),
        f"{LAB}:3:1: E202",
        "Unknown field '\u00a0status'.",
        "a no-break space (U+00A0), which text pasted from a web page",
    ),
    # -- misspelt values and identifiers --------------------------------------------------
    Mistake(
        "a parent circle with no close match",
        replace(ALPHA, "    parent: outreach", "    parent: maintenance"),
        f"{ALPHA}:33:5: E302",
        "The parent 'maintenance' of circle 'events' is not a circle of alpha.",
        "Circles of alpha: events, general, outreach, training. Name one of them as the "
        "parent, or add a circle 'maintenance' under `circles:`.",
    ),
    Mistake(
        "a misspelt mode",
        replace(LAB, "mode: collaboration", "mode: colaboration"),
        f"{LAB}:2:1: E204",
        "'colaboration' is not allowed here; use one of: collaboration, information-sharing.",
        "Did you mean 'collaboration'?",
    ),
    Mistake(
        "a participant's circle that its organization does not have",
        replace(LAB, "    circle: growing", "    circle: kitchen"),
        f"{LAB}:15:5: W418",
        "beta has no circle 'kitchen' (any more).",
        "alpha must act: in this file, set `participants[0].circle` to one of the circles of "
        "beta (council, growing), the one it names for this space, or remove `circle:` to list "
        "beta as a free agent. beta changed its own folder, and only alpha can edit this file.",
    ),
    # -- files and folders in the wrong place ----------------------------------------------
    Mistake(
        "a space saved next to organization.yml",
        lambda tree: tree.path(LAB).rename(tree.path("partners/alpha/lab.yml")),
        "partners/alpha/lab.yml:1:1: E112",
        "only organization.yml, spaces/ and playbooks/ are read in partners/alpha/",
        "Move it to partners/alpha/spaces/lab.yml.",
    ),
    Mistake(
        "a folder space/ for spaces/",
        lambda tree: tree.path("partners/alpha/spaces").rename(tree.path("partners/alpha/space")),
        "partners/alpha/space:1:1: E112",
        "only organization.yml, spaces/ and playbooks/ are read in partners/alpha/",
        "Rename the folder to partners/alpha/spaces/.",
    ),
    Mistake(
        "a space folder one level too high",
        lambda tree: (
            tree.path("partners/spaces").mkdir(),
            tree.path(LAB).rename(tree.path("partners/spaces/lab.yml")),
        ),
        "partners/spaces/lab.yml:1:1: E112",
        "partners/spaces/ would be an organization's folder, but it has no organization.yml",
        "Move it to partners/alpha/spaces/lab.yml.",
    ),
    Mistake(
        "a playbook plugged in without the host's commitment",
        replace(ALPHA, "  conflict_resolution: true\n", "  conflict_resolution: false\n"),
        f"{LAB}:18:3: E508",
        "partners/alpha/organization.yml says `conflict_resolution: false` (line 11)",
        "Set `conflict_resolution: true` under `commitments:` in "
        "partners/alpha/organization.yml, once the organization has agreed to it; or remove "
        "`conflict_resolution:` from this space's `social_contract:`.",
    ),
    # -- cross-file mistakes ---------------------------------------------------------------
    Mistake(
        "an acknowledgment with another circle than the host lists",
        replace(BETA, "    circle: growing\n", "    circle: council\n"),
        f"{BETA}:24:5: W422",
        "beta acknowledges 'alpha/lab' with circle 'council', but the host lists beta with "
        "circle 'growing' (partners/alpha/spaces/lab.yml, line 13).",
        "beta must act: Write `circle: growing` here, as the host does; or, if 'council' is "
        "right, ask the "
        "host to change the circle in partners/alpha/spaces/lab.yml.",
    ),
]


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.name.replace(" ", "-"))
def test_a_mistake_is_answered_with_the_edit_at_its_line(
    minimal: Tree, mistake: Mistake, capsys: pytest.CaptureFixture[str]
) -> None:
    mistake.edit(minimal)
    # --strict, as a pull request is checked: a warning fails the change that writes it.
    code = main(["validate", str(minimal.root), "--strict", "--today", TODAY.isoformat()])
    out = capsys.readouterr().out
    lines = out.splitlines()
    found = [i for i, line in enumerate(lines) if line.startswith(mistake.at)]
    assert found, f"no problem at {mistake.at}:\n{out}"
    problem = lines[found[0]]
    fix = next(line for line in lines[found[0] + 1 :] if line.startswith("    fix: "))
    assert mistake.says in problem
    assert mistake.fix in fix
    assert code == 1
