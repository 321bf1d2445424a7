"""Every rule, specified by a directory that breaks it.

Each case copies the minimal valid directory (the catalogue's example directory), breaks
one thing, validates it at 2026-11-22 and checks the problem's code, file,
line and column (where the text `at` starts in the broken file), field path,
message and fix. A meta-test fails when a registered rule has no case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from conftest import Tree

from ecotone.problems import Problem, Severity
from ecotone.validate import schema
from ecotone.validate.rules.catalogue import all_rules

ALPHA = "partners/alpha/organization.yml"
LAB = "partners/alpha/spaces/lab.yml"
PLAYBOOK = "partners/alpha/playbooks/talk-it-out.yml"
BETA = "partners/beta/organization.yml"
GARDEN = "partners/beta/spaces/garden.yml"

GAMMA_PROFILE = """\
name: Gamma Bakery
summary: A bakery owned by its bakers.
maintainers:
  - gamma-admin
commitments:
  sovereignty: true
  shared_governance: true
  interoperable_data: true
  shared_communication: true
circles:
  ovens:
    name: Oven circle
    aim: Bake bread.
    domain: The ovens.
    conflicts_go_to: The bakers' meeting.
"""

Edit = Callable[[Tree], None]


def replace(file: str, old: str, new: str) -> Edit:
    return lambda tree: tree.replace(file, old, new)


def append(file: str, text: str) -> Edit:
    return lambda tree: tree.write(file, tree.read(file) + text)


def write(file: str, content: str | bytes) -> Edit:
    return lambda tree: tree.write(file, content)


def mkdir(folder: str) -> Edit:
    return lambda tree: tree.path(folder).mkdir(parents=True)


def symlink(file: str, target: str) -> Edit:
    return lambda tree: tree.path(file).symlink_to(target)


def both(*edits: Edit) -> Edit:
    def apply(tree: Tree) -> None:
        for edit in edits:
            edit(tree)

    return apply


def copy_of_lab_titled(title: str) -> Edit:
    """A second space of alpha, like the lab but with its own title and no participants."""

    def apply(tree: Tree) -> None:
        text = tree.read(LAB).replace("title: Facilitation lab", f"title: {title}")
        start, end = text.index("participants:"), text.index("social_contract:")
        tree.write("partners/alpha/spaces/lab-two.yml", text[:start] + text[end:])

    return apply


def chain_of_circles(below: str, depth_of_below: int, deepest: int) -> str:
    """Circles `level-<n>`, each the parent of the next, under the circle `below`, down
    to `level-<deepest>`, each named for how far below the root it sits."""
    text, parent = "", below
    for level in range(depth_of_below + 1, deepest + 1):
        text += (
            f"  level-{level}:\n    name: Level {level}\n    aim: Go deeper.\n"
            f"    domain: One level.\n    parent: {parent}\n"
        )
        parent = f"level-{level}"
    return text


def not_utf8(tree: Tree) -> None:
    text = tree.read(LAB).replace("Train facilitators together.", "Former \xe9cole.")
    tree.write(LAB, text.encode("latin-1"))


@dataclass(frozen=True)
class Case:
    code: str
    name: str  # what is broken; the test's id
    breaks: Edit
    file: str  # the file the problem is reported on
    at: str | None  # the text where the problem is placed in `file`; None: line 1, column 1
    field: str = ""  # the dotted field path
    says: str = ""  # a piece of the message
    fix: str = ""  # a piece of the fix hint
    also: frozenset[str] = frozenset()  # other codes the same break brings, of necessity


def case(code: str, name: str, breaks: Edit, file: str, at: str | None, **kw: object) -> Case:
    also = frozenset(kw.pop("also", ()))  # type: ignore[call-overload]
    return Case(code, name, breaks, file, at, also=also, **kw)  # type: ignore[arg-type]


CASES = [
    # -- files: layout, encoding, safe YAML ---------------------------------
    case(
        "E101",
        "unquoted text with a colon",
        replace(LAB, "title: Facilitation lab", "title: Facilitation: lab"),
        LAB,
        "Facilitation: lab",
        says="The value of `title:` contains a colon",
        fix='Put the value in quotes: title: "Facilitation: lab"',
    ),
    case(
        "E102",
        "file over the size limit",
        append(LAB, "description: |\n" + ("  " + "x" * 98 + "\n") * 10_001),
        LAB,
        None,
        says="the limit is 1000000 bytes",
        fix="Shorten long texts",
    ),
    case(
        "E103",
        "latin-1 instead of UTF-8",
        not_utf8,
        LAB,
        "\udce9cole",
        says="not valid UTF-8",
        fix="Save the file as UTF-8",
    ),
    case(
        "E104",
        "an anchor",
        replace(LAB, "status: active", "status: &state active"),
        LAB,
        "&state",
        fix="Write the value out in full",
    ),
    case(
        "E105",
        "a key written twice",
        replace(LAB, "status: active", "status: active\nstatus: paused"),
        LAB,
        "status: paused",
        says="'status' appears twice",
        fix="Keep one of the two",
    ),
    case(
        "E106",
        "a python tag",
        replace(LAB, "status: active", "status: !!python/object/apply:os.system ['echo hi']"),
        LAB,
        "!!python",
        says="!!python/object/apply:os.system",
        fix="write a plain value",
    ),
    case(
        "E107",
        "nesting deeper than 32 levels",
        append(LAB, "notes: " + "[" * 32 + "[deep]" + "]" * 32 + "\n"),
        LAB,
        "[deep]",
        says="more than 32 levels",
    ),
    case(
        "E108",
        "a list as a key",
        append(LAB, "? [a, b]\n: c\n"),
        LAB,
        "[a, b]",
        fix="single word",
    ),
    case(
        "E109",
        "two documents in one file",
        append(LAB, "---\ntitle: Another lab\n"),
        LAB,
        "---",
        fix="Remove this `---` line",
    ),
    case(
        "E110",
        "folder name not a slug",
        write("partners/Alpha_Two/organization.yml", "name: x\n"),
        "partners/Alpha_Two",
        None,
        says="'Alpha_Two' is not a valid identifier",
        fix="Rename it to 'alpha-two'",
    ),
    case(
        "E110",
        "file name with accented letters",
        write("partners/alpha/spaces/Café Común.yml", "title: x\n"),
        "partners/alpha/spaces/Café Común.yml",
        None,
        fix="Rename it to 'cafe-comun'",
    ),
    case(
        "E111",
        "organization folder without its profile",
        mkdir("partners/gamma"),
        "partners/gamma",
        None,
        fix="Add partners/gamma/organization.yml",
    ),
    case(
        "E114",
        "an invisible control character",
        replace(LAB, "Train facilitators", "Train\x1f facilitators"),
        LAB,
        "\x1f",
        says="the control character U+001F",
        fix="Delete it",
    ),
    case(
        "E112",
        "space saved as .yaml",
        write("partners/alpha/spaces/notes.yaml", "title: Notes\n"),
        "partners/alpha/spaces/notes.yaml",
        None,
        says="only files ending in .yml are read in partners/alpha/spaces/",
        fix="Move it to partners/alpha/spaces/notes.yml.",
    ),
    case(
        "E112",
        "space saved next to organization.yml",
        write("partners/alpha/notes.yml", "title: Notes\nmode: collaboration\n"),
        "partners/alpha/notes.yml",
        None,
        says="only organization.yml, spaces/ and playbooks/ are read in partners/alpha/",
        fix="Move it to partners/alpha/spaces/notes.yml.",
    ),
    case(
        "E112",
        "a folder space/ for spaces/",
        write("partners/alpha/space/notes.yml", "title: Notes\nmode: collaboration\n"),
        "partners/alpha/space",
        None,
        fix="Rename the folder to partners/alpha/spaces/.",
    ),
    case(
        "E112",
        "a space folder one level too high",
        write("partners/spaces/notes.yml", "title: Notes\nhost_circle: training\n"),
        "partners/spaces/notes.yml",
        None,
        says="partners/spaces/ would be an organization's folder, but it has no organization.yml",
        fix="Move it to partners/alpha/spaces/notes.yml. A space lives in the folder of the "
        "organization that hosts it.",
    ),
    case(
        "E112",
        "a folder inside playbooks/",
        write("partners/alpha/playbooks/old/notes.yml", "title: Notes\n"),
        "partners/alpha/playbooks/old",
        None,
        says="and no folders",
        fix="Move the .yml files it holds into partners/alpha/playbooks/, then remove the folder.",
    ),
    case(
        "E112",
        "a text file among the entries",
        write("partners/alpha/README.md", "Our notes\n"),
        "partners/alpha/README.md",
        None,
        fix="Remove it; only .yml files are read",
    ),
    case(
        "E113",
        "symbolic link pointing outside",
        symlink("partners/alpha/spaces/passwd.yml", "/etc/passwd"),
        "partners/alpha/spaces/passwd.yml",
        None,
        says="not followed",
        fix="Replace the link",
    ),
    # -- schema ------------------------------------------------------------------
    case(
        "E201",
        "required field missing",
        replace(LAB, "aim: Train facilitators together.\n", ""),
        LAB,
        "title: Facilitation lab",
        field="aim",
        says="'aim' is missing",
        fix="Add `aim:`. What the space exists to achieve.",
    ),
    case(
        "E202",
        "misspelt field",
        replace(LAB, "aim: Train", "topik: Joint training\naim: Train"),
        LAB,
        "topik",
        field="topik",
        fix="Did you mean 'topic'?",
    ),
    case(
        "E203",
        "`no` where true or false is expected",
        replace(ALPHA, "sovereignty: true", "sovereignty: no"),
        ALPHA,
        "sovereignty: no",
        field="commitments.sovereignty",
        says="Expected true or false here, found the text 'no'",
        fix="Write `true` or `false`",
    ),
    case(
        "E204",
        "status not one of the allowed values",
        replace(LAB, "status: active", "status: activ"),
        LAB,
        "status: activ",
        field="status",
        says="forming, active, paused, concluded",
        fix="Did you mean 'active'?",
    ),
    case(
        "E205",
        "a date that does not exist",
        replace(LAB, "start: 2026-01-01", "start: 2026-02-30"),
        LAB,
        "start: 2026-02-30",
        field="term.start",
        says="'2026-02-30' is not a valid date",
        fix="YYYY-MM-DD",
    ),
    case(
        "E205",
        "an identifier written with capitals",
        replace(LAB, "host_circle: training", "host_circle: Training"),
        LAB,
        "host_circle: Training",
        field="host_circle",
        says="'Training' is not a valid identifier",
        fix="Did you mean 'training'?",
    ),
    case(
        "E206",
        "empty text",
        replace(LAB, "aim: Train facilitators together.", "aim: ''"),
        LAB,
        "aim: ''",
        field="aim",
        says="This text is empty",
        fix="Write the text",
    ),
    case(
        "E207",
        "information-sharing field in a collaboration",
        replace(LAB, "level: project", "level: project\nvenue: hosting-circle"),
        LAB,
        "venue: hosting-circle",
        field="venue",
        says="'venue' does not apply here",
        fix="change `mode`",
    ),
    case(
        "E207",
        "a budget in an information-sharing space",
        append(GARDEN, "budget:\n  - from: host\n    kind: in-kind\n    description: Tea.\n"),
        GARDEN,
        "budget:",
        field="budget",
        says="'budget' does not apply here",
        fix="information sharing has `venue` and `direction`, and no budget",
    ),
    # -- circles ---------------------------------------------------------------------
    case(
        "E301",
        "two circles without a parent",
        replace(
            ALPHA,
            "domain: Courses and trainers.\n    parent: general",
            "domain: Courses and trainers.\n    conflicts_go_to: Its own assembly.",
        ),
        ALPHA,
        "training:\n",
        field="circles.training",
        says="2 root circles (general, training)",
        fix="Give every circle but the top one a `parent:`",
    ),
    case(
        "E302",
        "parent circle misspelt",
        replace(ALPHA, "Courses and trainers.\n    parent: general", "x.\n    parent: genral"),
        ALPHA,
        "parent: genral",
        field="circles.training.parent",
        says="'genral' of circle 'training' is not a circle of alpha",
        fix="Did you mean 'general'?",
    ),
    case(
        "E303",
        "the root under its own sub-circle",
        replace(ALPHA, "assembly.\n", "assembly.\n    parent: training\n"),
        ALPHA,
        "parent: training",
        field="circles.general.parent",
        says="general → training → general",
    ),
    case(
        "E308",
        "a chain of circles one level deeper than the bound",
        replace(
            ALPHA, "participations:\n", chain_of_circles("events", 2, 17) + "participations:\n"
        ),
        ALPHA,
        "parent: level-16",
        field="circles.level-17.parent",
        says="Circle 'level-17' sits 17 levels below the root circle",
        fix="Give 'level-17' a parent nearer the root",
    ),
    case(
        "E304",
        "dissolved circle without successors",
        replace(
            ALPHA, "The open-day calendar.\n", "The open-day calendar.\n    status: dissolved\n"
        ),
        ALPHA,
        "status: dissolved",
        field="circles.events.status",
        fix="Add `successors:`",
    ),
    case(
        "E305",
        "active circle naming successors",
        replace(
            ALPHA,
            "The open-day calendar.\n",
            "The open-day calendar.\n    successors: [training]\n",
        ),
        ALPHA,
        "training]",
        field="circles.events.successors[0]",
        says="the circle is not dissolved",
        fix="set `status: dissolved`",
    ),
    case(
        "E305",
        "successor misspelt",
        replace(
            ALPHA,
            "The open-day calendar.\n",
            "The open-day calendar.\n    status: dissolved\n    successors: [trainin]\n",
        ),
        ALPHA,
        "trainin]",
        field="circles.events.successors[0]",
        says="not a circle of alpha",
        fix="Did you mean 'training'?",
    ),
    case(
        "E305",
        "successor dissolved too",
        both(
            replace(
                ALPHA,
                "The open-day calendar.\n",
                "The open-day calendar.\n    status: dissolved\n    successors: [outreach]\n",
            ),
            replace(
                ALPHA,
                "The newsletter and events.\n",
                "The newsletter and events.\n    status: dissolved\n    successors: [general]\n",
            ),
        ),
        ALPHA,
        "outreach]",
        field="circles.events.successors[0]",
        says="dissolved too",
        fix="Name its successors instead: general",
    ),
    case(
        "E306",
        "root without a last resort for conflicts",
        replace(ALPHA, "    conflicts_go_to: The members' assembly.\n", ""),
        ALPHA,
        "general:\n",
        field="circles.general",
        says="'general' does not say where conflicts go last",
        fix="Add `conflicts_go_to:`",
    ),
    case(
        "E307",
        "sub-circle left under a dissolved circle",
        replace(
            ALPHA,
            "The newsletter and events.\n",
            "The newsletter and events.\n    status: dissolved\n    successors: [training]\n",
        ),
        ALPHA,
        "parent: outreach",
        field="circles.events.parent",
        says="sits under 'outreach', which is dissolved",
        fix="Move it under one of the successors: training",
    ),
    # -- references and participation ------------------------------------------------
    case(
        "E401",
        "participant misspelt",
        replace(LAB, "organization: beta", "organization: betta"),
        LAB,
        "organization: betta",
        field="participants[0].organization",
        says="no organization 'betta'",
        fix="alpha must act: in this file, correct or remove `participants[0].organization`. "
        "Did you mean 'beta'?",
        also={"W422"},
    ),
    case(
        "E402",
        "hosting circle misspelt",
        replace(LAB, "host_circle: training", "host_circle: trainin"),
        LAB,
        "host_circle: trainin",
        field="host_circle",
        says="alpha has no circle 'trainin'",
        fix="Did you mean 'training'?",
    ),
    case(
        "E403",
        "hosting circle dissolved",
        replace(
            ALPHA,
            "Courses and trainers.\n",
            "Courses and trainers.\n    status: dissolved\n    successors: [outreach]\n",
        ),
        LAB,
        "host_circle: training",
        field="host_circle",
        says="'training' of alpha is dissolved",
        fix="Name one of its successors instead: 'outreach'",
        also={"W419"},
    ),
    case(
        "W418",
        "participant's circle renamed by the participant",
        replace(BETA, "  growing:\n", "  sowing:\n"),
        LAB,
        "circle: growing",
        field="participants[0].circle",
        says="beta has no circle 'growing' (any more)",
        fix="alpha must act: in this file, set `participants[0].circle` to one of the circles of "
        "beta (council, sowing)",
        also={"E402"},
    ),
    case(
        "W419",
        "participant's circle dissolved by the participant",
        replace(
            BETA,
            "    parent: council\n",
            "    parent: council\n    status: dissolved\n    successors: [council]\n",
        ),
        LAB,
        "circle: growing",
        field="participants[0].circle",
        says="Circle 'growing' of beta is dissolved",
        fix="alpha must act: in this file, set `participants[0].circle` to one of the successors "
        "('council')",
        also={"E403"},
    ),
    case(
        "E404",
        "acknowledged space of its own misspelt",
        replace(ALPHA, "space: beta/garden", "space: alpha/labb"),
        ALPHA,
        "space: alpha/labb",
        field="participations[0].space",
        says="no space 'alpha/labb'",
        fix="Did you mean 'alpha/lab'?",
        also={"N412"},
    ),
    case(
        "W420",
        "acknowledged space of another organization removed",
        replace(ALPHA, "space: beta/garden", "space: beta/gardn"),
        ALPHA,
        "space: beta/gardn",
        field="participations[0].space",
        says="no space 'beta/gardn'",
        fix="alpha must act: in this file, remove the acknowledgment `- space: beta/gardn` under "
        "`participations:`, or correct its name. Did you mean 'beta/garden'?",
        also={"N412"},
    ),
    case(
        "E405",
        "plugged-in playbook misspelt",
        replace(LAB, "playbook: alpha/talk-it-out", "playbook: alpha/talk-it-ot"),
        LAB,
        "playbook: alpha/talk-it-ot",
        field="social_contract.conflict_resolution.playbook",
        says="no playbook 'alpha/talk-it-ot'",
        fix="Did you mean 'alpha/talk-it-out'?",
    ),
    case(
        "W421",
        "fork of another organization's missing playbook",
        append(PLAYBOOK, "forked_from: beta/talk-it-out\n"),
        PLAYBOOK,
        "forked_from: beta/talk-it-out",
        field="forked_from",
        says="no playbook 'beta/talk-it-out' in the directory (any more)",
        fix="alpha must act: in this file, set `forked_from` to a playbook that exists, or remove "
        "it. Did you mean 'alpha/talk-it-out'?",
    ),
    case(
        "W421",
        "plugged-in playbook of another organization that it does not have",
        replace(LAB, "playbook: alpha/talk-it-out", "playbook: beta/talk-it-out"),
        LAB,
        "playbook: beta/talk-it-out",
        field="social_contract.conflict_resolution.playbook",
        fix="alpha must act: in this file, set `social_contract.conflict_resolution.playbook` to a "
        "playbook that exists, or remove it.",
    ),
    case(
        "E406",
        "conflict-resolution playbook in the accountability slot",
        replace(LAB, "  conflict_resolution:\n", "  accountability:\n"),
        LAB,
        "playbook: alpha/talk-it-out",
        field="social_contract.accountability.playbook",
        says="cannot fill the accountability slot",
        fix="Plug in a playbook with `kind: accountability` here.",
    ),
    case(
        "E407",
        "parameter left blank",
        replace(LAB, "    parameters:\n      answer_days: 5\n", ""),
        LAB,
        "conflict_resolution:",
        field="social_contract.conflict_resolution.parameters",
        says="needs a value for 'answer_days' (Days to answer a request to talk)",
        fix="Add `answer_days:` under `parameters:`",
    ),
    case(
        "E408",
        "parameter name misspelt",
        replace(LAB, "answer_days: 5", "answer_dayz: 5"),
        LAB,
        "answer_dayz: 5",
        field="social_contract.conflict_resolution.parameters.answer_dayz",
        says="no parameter 'answer_dayz'",
        fix="Did you mean 'answer_days'?",
        also={"E407"},
    ),
    case(
        "E409",
        "number parameter given as words",
        replace(LAB, "answer_days: 5", "answer_days: five days"),
        LAB,
        "answer_days: five days",
        field="social_contract.conflict_resolution.parameters.answer_days",
        says="found 'five days'",
        fix="`answer_days: 14`",
    ),
    case(
        "E410",
        "step uses an undeclared parameter",
        replace(PLAYBOOK, "{answer_days}", "{answer_dayz}"),
        PLAYBOOK,
        "description: The other party",
        field="steps[0].description",
        says="Step 1 writes '{answer_dayz}'",
        fix="Declare `answer_dayz` under `parameters:`",
    ),
    case(
        "E411",
        "a host acknowledging its own space",
        replace(ALPHA, "participations:\n", "participations:\n  - space: alpha/lab\n"),
        ALPHA,
        "space: alpha/lab",
        field="participations[0]",
        says="alpha acknowledges 'alpha/lab' as a free agent, but alpha hosts it",
        fix="Remove this acknowledgment.",
    ),
    case(
        "W422",
        "acknowledged with a circle the host does not list",
        replace(ALPHA, "    circle: training\n", "    circle: general\n"),
        ALPHA,
        "circle: general",
        field="participations[0].circle",
        says="but the host lists alpha with circle 'training' (partners/beta/spaces/garden.yml, "
        "line 12)",
        fix="alpha must act: Write `circle: training` here, as the host does",
        also={"N412"},
    ),
    case(
        "N412",
        "invitation not acknowledged",
        replace(BETA, "participations:\n  - space: alpha/lab\n    circle: growing\n", ""),
        LAB,
        "organization: beta",
        field="participants[0]",
        says="beta is invited to this space",
        fix="adds `- space: alpha/lab` under `participations:`",
    ),
    case(
        "E413",
        "host listed as its own participant",
        replace(
            LAB,
            "    circle: growing\n",
            "    circle: growing\n  - organization: alpha\n    role: free-agent\n",
        ),
        LAB,
        "organization: alpha",
        field="participants[1].organization",
        says="alpha hosts this space",
        fix="Remove this entry",
    ),
    case(
        "E414",
        "former identifier of a space that exists",
        append(LAB, "former_ids: [lab]\n"),
        LAB,
        "lab]",
        field="former_ids[0]",
        says="the identifier of this space itself",
        fix="Remove it from `former_ids`",
    ),
    case(
        "N416",
        "former identifier of another organization that exists",
        append(ALPHA, "former_ids: [beta]\n"),
        ALPHA,
        "beta]",
        field="former_ids[0]",
        says="'beta' is the identifier of the organization 'beta'",
        fix="Remove it from `former_ids`",
    ),
    case(
        "N417",
        "two organizations claiming one former identifier, without history",
        both(append(ALPHA, "former_ids: [old-name]\n"), append(BETA, "former_ids: [old-name]\n")),
        BETA,
        "old-name]",
        field="former_ids[0]",
        says="alpha also claims it, and without the directory's history nothing tells whose",
    ),
    case(
        "E415",
        "host recording another member's consent",
        replace(
            LAB,
            "    circle: growing\n",
            "    circle: growing\n    consents:\n      - by: alpha\n        date: 2026-02-01\n"
            "      - by: gamma\n        date: 2026-02-02\n",
        ),
        LAB,
        "by: gamma",
        field="participants[0].consents[1].by",
        says="This is alpha's file, so it cannot record the consent of gamma.",
        fix="records it in its own file, partners/gamma/organization.yml, under its participation"
        " in alpha/lab: `consents: [{member: beta, circle: growing, date: 2026-02-02}]`",
    ),
    # -- spaces -------------------------------------------------------------------------
    case(
        "E501",
        "term ends before it starts",
        replace(GARDEN, "start: 2026-01-01", "start: 2027-03-01"),
        GARDEN,
        "end: 2026-12-31",
        field="term.end",
        says="ends on 2026-12-31, before it starts on 2027-03-01",
    ),
    case(
        "E502",
        "review after the end",
        replace(GARDEN, "end: 2026-12-31\n", "end: 2026-12-31\n  review: 2027-02-01\n"),
        GARDEN,
        "review: 2027-02-01",
        field="term.review",
        says="falls outside the term (2026-01-01 to 2026-12-31)",
        fix="on or before 2026-12-31",
    ),
    case(
        "E503",
        "term neither ends nor is ongoing",
        replace(LAB, "  ongoing: true\n", ""),
        LAB,
        "term:",
        field="term",
        says="neither an end date nor `ongoing: true`",
        fix="not both",
    ),
    case(
        "E503",
        "term ends and is ongoing",
        replace(GARDEN, "end: 2026-12-31\n", "end: 2026-12-31\n  ongoing: true\n"),
        GARDEN,
        "ongoing: true",
        field="term.ongoing",
        says="has an end date and is also marked ongoing",
    ),
    case(
        "E504",
        "multi-directional between two circles",
        replace(GARDEN, "direction: bi-directional", "direction: multi-directional"),
        GARDEN,
        "direction: multi-directional",
        field="direction",
        says="this space has 2",
        fix="`direction: bi-directional`",
    ),
    case(
        "E505",
        "host of a collaboration without the basic commitments",
        replace(ALPHA, "sovereignty: true", "sovereignty: false"),
        LAB,
        "mode: collaboration",
        field="mode",
        says="has not made the basic commitments: sovereignty",
        fix=f"under `commitments:` in {ALPHA}",
    ),
    case(
        "E506",
        "transparent budgets promised, no budget shown",
        replace(
            ALPHA,
            "shared_communication: true",
            "shared_communication: true\n  transparent_budgets: true",
        ),
        LAB,
        "title: Facilitation lab",
        says="committed to transparent budgets",
        fix="Add `budget:`",
    ),
    case(
        "E508",
        "a playbook plugged in without the host's commitment",
        replace(ALPHA, "  conflict_resolution: true\n", "  conflict_resolution: false\n"),
        LAB,
        "conflict_resolution:\n    playbook",
        field="social_contract.conflict_resolution",
        says="plugs in a playbook for conflict resolution, but alpha has not made the "
        "commitment to conflict resolution: partners/alpha/organization.yml says "
        "`conflict_resolution: false` (line 11)",
        fix="Set `conflict_resolution: true` under `commitments:` in "
        "partners/alpha/organization.yml",
    ),
    case(
        "E507",
        "partner contribution from a non-participant",
        both(
            write("partners/gamma/organization.yml", GAMMA_PROFILE),
            append(
                LAB,
                "budget:\n  - from: partner\n    organization: gamma\n    kind: in-kind\n"
                "    description: Bread for the breaks.\n",
            ),
        ),
        LAB,
        "organization: gamma",
        field="budget[0].organization",
        says="gamma is named as a partner",
        fix="`from: third-party`",
    ),
    case(
        "E507",
        "host's own contribution recorded as a partner's",
        append(
            LAB,
            "budget:\n  - from: partner\n    organization: alpha\n    kind: in-kind\n"
            "    description: A room.\n",
        ),
        LAB,
        "organization: alpha",
        field="budget[0].organization",
        fix="alpha hosts this space: write `from: host`",
    ),
    # -- federation ------------------------------------------------------------------
    case(
        "E701",
        "a federated directory's name that is not a slug",
        write(
            "ecotone.yml", "federation:\n  - name: River Side\n    site: https://r.example.org/\n"
        ),
        "ecotone.yml",
        None,
        says="write a short lowercase slug",
    ),
    case(
        "E701",
        "a federated directory served over plain http",
        write("ecotone.yml", "federation:\n  - name: riverside\n    site: http://r.example.org/\n"),
        "ecotone.yml",
        None,
        says="https:// address",
    ),
    case(
        "E702",
        "a snapshot that is not a directory export",
        both(
            write(
                "ecotone.yml",
                "federation:\n  - name: riverside\n    site: https://r.example.org/\n",
            ),
            write("federation/riverside/directory.json", '{"organizations": []}'),
        ),
        "federation/riverside/directory.json",
        None,
        says="not a valid directory export",
        fix="ecotone federate",
    ),
    # -- date-dependent notices and likely duplicates -----------------------------------
    case(
        "N601",
        "term ended, space still active",
        replace(GARDEN, "end: 2026-12-31", "end: 2026-11-01"),
        GARDEN,
        "end: 2026-11-01",
        field="term.end",
        says="ended on 2026-11-01, but the space is still active",
        fix="set `status: concluded`",
    ),
    case(
        "N602",
        "review overdue",
        replace(LAB, "review: 2027-01-01", "review: 2026-11-01"),
        LAB,
        "review: 2026-11-01",
        field="term.review",
        says="overdue since 2026-11-01",
    ),
    case(
        "W603",
        "two organizations, one website",
        replace(BETA, "https://beta.example.net", "https://www.alpha.example.org/"),
        BETA,
        "website:",
        field="website",
        says="beta has the same website as alpha",
        fix="merge the two folders",
    ),
    case(
        "W604",
        "two organizations, nearly one name",
        replace(BETA, "name: Beta Gardens", "name: Alpha Collectives"),
        BETA,
        "name: Alpha Collectives",
        field="name",
        says="beta is named almost like alpha",
    ),
    case(
        "E208",
        "a zero-width space inside a title",
        replace(LAB, "title: Facilitation lab", "title: Facilitation\u200b lab"),
        LAB,
        "title:",
        field="title",
        says="the invisible character U+200B (zero width space)",
        fix="Delete it",
    ),
    case(
        "E606",
        "a name written with a Cyrillic letter that looks Latin",
        replace(BETA, "name: Beta Gardens", "name: Alpha C\u043ellective"),
        BETA,
        "name: Alpha",
        field="name",
        says="looks the same as the name of alpha ('Alpha Collective', in partners/alpha/organization.yml)",
        fix="Choose a name that reads differently",
        also={"W604"},
    ),
    case(
        "E607",
        "a title written with a Cyrillic letter that looks Latin",
        replace(GARDEN, "title: Garden notes", "title: Facilitation l\u0430b"),
        GARDEN,
        "title:",
        field="title",
        says="looks like the title of alpha/lab ('Facilitation lab', in partners/alpha/spaces/lab.yml)",
        fix="Write the title in one script",
    ),
    case(
        "W605",
        "one host, two spaces with nearly one title",
        copy_of_lab_titled("Facilitation Lab!"),
        "partners/alpha/spaces/lab-two.yml",
        "title:",
        field="title",
        says="titled almost like alpha/lab",
    ),
]


def _reported(problems: tuple[Problem, ...], code: str, file: str, field: str) -> Problem:
    matching = [p for p in problems if (p.code, p.file, p.field_text) == (code, file, field)]
    assert matching, f"no {code} on {file} at field {field!r}; got:\n" + "\n".join(
        f"{p.file}:{p.line}:{p.column}: {p.code} [{p.field_text}] {p.message}" for p in problems
    )
    return matching[0]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.name.replace(' ', '-')}")
def test_rule_is_reported_where_the_directory_breaks_it(minimal: Tree, case: Case) -> None:
    case.breaks(minimal)
    problems = minimal.validate().problems

    problem = _reported(problems, case.code, case.file, case.field)
    expected_place = minimal.position(case.file, case.at) if case.at else (1, 1)
    assert (problem.line, problem.column) == expected_place
    assert case.says in problem.message
    assert case.fix in problem.hint
    assert {p.code for p in problems} <= {case.code, *case.also}


def test_schema_rejection_never_passes_silently(minimal: Tree, monkeypatch) -> None:
    """Should the fast validator reject a file that the explaining one accepts, the
    file is still reported (E200) instead of being let through or dropped."""

    class RejectsEverything:
        def is_valid(self, data: object) -> bool:
            return False

    monkeypatch.setattr(schema, "_fast_validator", lambda kind: RejectsEverything())
    problems = minimal.validate().problems
    assert {(p.code, p.file, p.line) for p in problems if p.file == LAB} == {("E200", LAB, 1)}


def test_a_chain_of_circles_as_deep_as_the_bound_is_allowed(minimal: Tree) -> None:
    minimal.replace(
        ALPHA, "participations:\n", chain_of_circles("events", 2, 16) + "participations:\n"
    )
    assert [p for p in minimal.validate().problems if p.code == "E308"] == []


TESTED_ELSEWHERE = {
    "E200": test_schema_rejection_never_passes_silently,
    # Root reads any file: E115 is tested as the user nobody.
    "E115": "test_writers.py::test_an_unreadable_entry_is_a_located_problem_and_the_rest_is_checked",
}


@pytest.mark.parametrize(
    ("old", "new", "cycle"),
    [
        ("assembly.\n", "assembly.\n    parent: training\n", "general → training → general"),
        (
            "events.\n    parent: general",
            "events.\n    parent: events",
            "outreach → events → outreach",
        ),
        ("open-day calendar.\n    parent: outreach", "x.\n    parent: events", "events → events"),
    ],
    ids=["through-the-root-with-circles-below", "below-the-root", "a-circle-its-own-parent"],
)
def test_a_loop_of_circles_is_reported_once(minimal: Tree, old: str, new: str, cycle: str) -> None:
    minimal.replace(ALPHA, old, new)
    loops = [p.message for p in minimal.validate().problems if p.code == "E303"]
    assert len(loops) == 1
    assert cycle in loops[0]


def test_every_registered_rule_has_a_failing_case() -> None:
    registered = {rule.code for rule in all_rules()}
    tested = {case.code for case in CASES} | set(TESTED_ELSEWHERE)
    assert sorted(registered - tested) == [], "rules without a test case"
    assert sorted(tested - registered) == [], "test cases for rules that do not exist"


def test_the_minimal_directory_is_clean(minimal: Tree) -> None:
    assert minimal.validate().problems == ()


def test_the_example_directory_has_no_errors_or_warnings(example: Tree) -> None:
    problems = example.validate().problems
    assert [p for p in problems if p.severity is not Severity.NOTICE] == []
    assert sorted((p.code, p.file) for p in problems) == [
        ("N412", "partners/brightwork-coop/spaces/data-toolkit.yml"),
        ("N412", "partners/circlewise/spaces/practice-notes.yml"),
        ("N412", "partners/tandem-network/spaces/partners-table.yml"),
    ]


def test_every_problem_of_a_broken_directory_is_reported_at_once(minimal: Tree) -> None:
    """A broken file does not hide the problems of the others."""
    minimal.replace(PLAYBOOK, "kind: conflict-resolution", "kind: [conflict-resolution")
    minimal.replace(ALPHA, "parent: outreach", "parent: outreech")
    minimal.replace(LAB, "host_circle: training", "host_circle: trainin")
    minimal.replace(GARDEN, "end: 2026-12-31", "end: 2026-11-01")
    found = {(p.code, p.file) for p in minimal.validate().problems}
    assert found == {("E101", PLAYBOOK), ("E302", ALPHA), ("E402", LAB), ("N601", GARDEN)}
