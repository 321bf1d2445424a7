"""The catalogue's examples: for every rule, a wrong and a right version of the
example directory (`example_directory/`, two organizations that validate clean).

A wrong example is a few edits that break the rule; the right one is the example
directory itself unless edits are given. The rule reference shows both, and
tests/test_rule_examples.py checks that each wrong example breaks its rule and each
right one breaks nothing, so the documentation cannot drift from the checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from ecotone.problems import Example, Snippet

EXAMPLE_DIRECTORY = resources.files(__package__) / "example_directory"
# Rules that no file can break, whose explanation says why they have no example:
# E200 is reported only should the two schema validators disagree about a file.
# (E115, a file the validator may not read, has an example: its wrong version is a
# file's permissions, checked as a user other than root, which reads every file.)
WITHOUT_EXAMPLE = frozenset({"E200"})

ALPHA = "partners/alpha/organization.yml"
LAB = "partners/alpha/spaces/lab.yml"
LAB_TWO = "partners/alpha/spaces/lab-two.yml"
PLAYBOOK = "partners/alpha/playbooks/talk-it-out.yml"
BETA = "partners/beta/organization.yml"
GARDEN = "partners/beta/spaces/garden.yml"
GAMMA = "partners/gamma/organization.yml"
NOTES = "partners/alpha/spaces/notes.yml"

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
# A space of alpha's beside the lab, with a title of its own.
_LAB_TWO = """\
title: {title}
mode: collaboration
status: active
host_circle: training
aim: Train facilitators together.
level: project
domain: The lab's curriculum.
term:
  start: 2026-01-01
  ongoing: true
  review: 2027-01-01
social_contract:
  governance: Consent decision-making.
  conflict_resolution:
    playbook: alpha/talk-it-out
    parameters:
      answer_days: 5
"""
_NOTES_SPACE = """\
title: Notes
mode: information-sharing
status: active
host_circle: training
aim: Share our notes.
venue: hosting-circle
direction: bi-directional
term:
  start: 2026-01-01
  ongoing: true
  review: 2027-01-01
"""
FEDERATION = "federation:\n  - name: riverside\n    site: https://riverside.example.org/\n"
SNAPSHOT = "federation/riverside/directory.json"
# The smallest directory export a federated directory can publish.
_EMPTY_EXPORT = """\
{
  "$schema": "https://riverside.example.org/api/directory.schema.json",
  "schema_version": "v1",
  "site": "https://riverside.example.org/",
  "name": "Riverside",
  "organizations": [],
  "spaces": [],
  "playbooks": []
}
"""
_SHOWN_LINES = 12


def _chain_of_circles(deepest: int) -> str:
    """Circles `level-3` to `level-<deepest>` below alpha's `events` (level 2), each
    the parent of the next."""
    text, parent = "", "events"
    for level in range(3, deepest + 1):
        text += (
            f"  level-{level}:\n    name: Level {level}\n    aim: Go deeper.\n"
            f"    domain: One level.\n    parent: {parent}\n"
        )
        parent = f"level-{level}"
    return text


# a longer text is cut, with a note saying how much is left out


@dataclass(frozen=True)
class Replace:
    """`old`, which the file holds once, becomes `new`; the file is saved in `encoding`."""

    file: str
    old: str
    new: str
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Append:
    file: str
    text: str


@dataclass(frozen=True)
class Write:
    """A new file."""

    file: str
    text: str


@dataclass(frozen=True)
class Folder:
    """A new, empty folder."""

    path: str


@dataclass(frozen=True)
class Link:
    """A symbolic link at `path` to `target`."""

    path: str
    target: str


@dataclass(frozen=True)
class Unreadable:
    """The file at `path`, which the validator may not read."""

    path: str


Edit = Replace | Append | Write | Folder | Link | Unreadable


@dataclass(frozen=True)
class RuleExample:
    wrong: tuple[Edit, ...]
    right: tuple[Edit, ...] = ()  # none: the example directory as it is
    note: str = ""  # what the wrong version's text cannot show


EXAMPLES: dict[str, RuleExample] = {
    "E101": RuleExample(  # unquoted text with a colon
        wrong=(Replace(LAB, "title: Facilitation lab", "title: Facilitation: lab"),),
    ),
    "E102": RuleExample(  # file over the size limit
        wrong=(Append(LAB, "description: |\n" + ("  " + "x" * 98 + "\n") * 10_001),),
    ),
    "E103": RuleExample(  # latin-1 instead of UTF-8
        wrong=(Replace(LAB, "Train facilitators together.", "Former \xe9cole.", "latin-1"),),
        note="The file is saved as Latin-1, in which é is one byte that UTF-8 does not allow.",
    ),
    "E104": RuleExample(  # an anchor
        wrong=(Replace(LAB, "status: active", "status: &state active"),),
    ),
    "E105": RuleExample(  # a key written twice
        wrong=(Replace(LAB, "status: active", "status: active\nstatus: paused"),),
    ),
    "E106": RuleExample(  # a python tag
        wrong=(
            Replace(LAB, "status: active", "status: !!python/object/apply:os.system ['echo hi']"),
        ),
    ),
    "E107": RuleExample(  # nesting deeper than 32 levels
        wrong=(Append(LAB, "notes: " + "[" * 32 + "[deep]" + "]" * 32 + "\n"),),
    ),
    "E108": RuleExample(  # a list as a key
        wrong=(Append(LAB, "? [a, b]\n: c\n"),),
    ),
    "E109": RuleExample(  # two documents in one file
        wrong=(Append(LAB, "---\ntitle: Another lab\n"),),
    ),
    "E110": RuleExample(  # folder name not a slug
        wrong=(Write("partners/Alpha_Two/organization.yml", GAMMA_PROFILE),),
        right=(Write("partners/alpha-two/organization.yml", GAMMA_PROFILE),),
    ),
    "E111": RuleExample(  # organization folder without its profile
        wrong=(Folder("partners/gamma"),),
        right=(Write(GAMMA, GAMMA_PROFILE),),
    ),
    "E114": RuleExample(  # an invisible control character
        wrong=(Replace(LAB, "Train facilitators", "Train\x1f facilitators"),),
    ),
    "E112": RuleExample(  # space saved as .yaml
        wrong=(Write("partners/alpha/spaces/notes.yaml", _NOTES_SPACE),),
        right=(Write(NOTES, _NOTES_SPACE),),
    ),
    "E113": RuleExample(  # symbolic link pointing outside
        wrong=(Link(NOTES, "/etc/passwd"),),
        right=(Write(NOTES, _NOTES_SPACE),),
    ),
    "E201": RuleExample(  # required field missing
        wrong=(Replace(LAB, "aim: Train facilitators together.\n", ""),),
    ),
    "E202": RuleExample(  # misspelt field
        wrong=(Replace(LAB, "aim: Train", "topik: Joint training\naim: Train"),),
    ),
    "E203": RuleExample(  # `no` where true or false is expected
        wrong=(Replace(ALPHA, "sovereignty: true", "sovereignty: no"),),
    ),
    "E204": RuleExample(  # status not one of the allowed values
        wrong=(Replace(LAB, "status: active", "status: activ"),),
    ),
    "E205": RuleExample(  # a date that does not exist
        wrong=(Replace(LAB, "start: 2026-01-01", "start: 2026-02-30"),),
    ),
    "E206": RuleExample(  # empty text
        wrong=(Replace(LAB, "aim: Train facilitators together.", "aim: ''"),),
    ),
    "E207": RuleExample(  # information-sharing field in a collaboration
        wrong=(Replace(LAB, "level: project", "level: project\nvenue: hosting-circle"),),
    ),
    "E301": RuleExample(  # two circles without a parent
        wrong=(
            Replace(
                ALPHA,
                "domain: Courses and trainers.\n    parent: general",
                "domain: Courses and trainers.\n    conflicts_go_to: Its own assembly.",
            ),
        ),
    ),
    "E302": RuleExample(  # parent circle misspelt
        wrong=(
            Replace(ALPHA, "Courses and trainers.\n    parent: general", "x.\n    parent: genral"),
        ),
    ),
    "E303": RuleExample(  # the root under its own sub-circle
        wrong=(Replace(ALPHA, "assembly.\n", "assembly.\n    parent: training\n"),),
    ),
    "E304": RuleExample(  # dissolved circle without successors
        wrong=(
            Replace(
                ALPHA, "The open-day calendar.\n", "The open-day calendar.\n    status: dissolved\n"
            ),
        ),
    ),
    "E305": RuleExample(  # active circle naming successors
        wrong=(
            Replace(
                ALPHA,
                "The open-day calendar.\n",
                "The open-day calendar.\n    successors: [training]\n",
            ),
        ),
    ),
    "E306": RuleExample(  # root without a last resort for conflicts
        wrong=(Replace(ALPHA, "    conflicts_go_to: The members' assembly.\n", ""),),
    ),
    "E307": RuleExample(  # sub-circle left under a dissolved circle
        wrong=(
            Replace(
                ALPHA,
                "The newsletter and events.\n",
                "The newsletter and events.\n    status: dissolved\n    successors: [training]\n",
            ),
        ),
    ),
    "E401": RuleExample(  # participant misspelt
        wrong=(Replace(LAB, "organization: beta", "organization: betta"),),
    ),
    "E402": RuleExample(  # hosting circle misspelt
        wrong=(Replace(LAB, "host_circle: training", "host_circle: trainin"),),
    ),
    "E403": RuleExample(  # hosting circle dissolved
        wrong=(
            Replace(
                ALPHA,
                "Courses and trainers.\n",
                "Courses and trainers.\n    status: dissolved\n    successors: [outreach]\n",
            ),
        ),
    ),
    "E404": RuleExample(  # acknowledged space of its own misspelt
        wrong=(Replace(ALPHA, "space: beta/garden", "space: alpha/labb"),),
    ),
    "W418": RuleExample(  # participant's circle misspelt, or renamed since
        wrong=(Replace(LAB, "    circle: growing\n", "    circle: growin\n"),),
    ),
    "W419": RuleExample(  # the participant dissolved the circle the host names
        wrong=(
            Replace(
                BETA,
                "    parent: council\n",
                "    parent: council\n    status: dissolved\n    successors: [council]\n",
            ),
        ),
        note="alpha's lab (partners/alpha/spaces/lab.yml) still lists beta with `circle: growing`.",
    ),
    "W420": RuleExample(  # acknowledged space of another organization misspelt, or removed
        wrong=(Replace(ALPHA, "space: beta/garden", "space: beta/gardn"),),
    ),
    "W421": RuleExample(  # plugged-in playbook of another organization that it does not have
        wrong=(Replace(LAB, "playbook: alpha/talk-it-out", "playbook: beta/talk-it-out"),),
    ),
    "W422": RuleExample(  # acknowledged with a circle the host does not list
        wrong=(Replace(ALPHA, "    circle: training\n", "    circle: general\n"),),
    ),
    "E405": RuleExample(  # plugged-in playbook misspelt
        wrong=(Replace(LAB, "playbook: alpha/talk-it-out", "playbook: alpha/talk-it-ot"),),
    ),
    "E406": RuleExample(  # conflict-resolution playbook in the accountability slot
        wrong=(Replace(LAB, "  conflict_resolution:\n", "  accountability:\n"),),
    ),
    "E407": RuleExample(  # parameter left blank
        wrong=(Replace(LAB, "    parameters:\n      answer_days: 5\n", ""),),
    ),
    "E408": RuleExample(  # parameter name misspelt
        wrong=(Replace(LAB, "answer_days: 5", "answer_dayz: 5"),),
    ),
    "E409": RuleExample(  # number parameter given as words
        wrong=(Replace(LAB, "answer_days: 5", "answer_days: five days"),),
    ),
    "E410": RuleExample(  # step uses an undeclared parameter
        wrong=(Replace(PLAYBOOK, "{answer_days}", "{answer_dayz}"),),
    ),
    "E411": RuleExample(  # a host acknowledging its own space
        wrong=(
            Replace(
                ALPHA,
                "participations:\n",
                "participations:\n  - space: alpha/lab\n    circle: training\n",
            ),
        ),
    ),
    "N412": RuleExample(  # invitation not acknowledged
        wrong=(Replace(BETA, "participations:\n  - space: alpha/lab\n    circle: growing\n", ""),),
    ),
    "E413": RuleExample(  # host listed as its own participant
        wrong=(
            Replace(
                LAB,
                "    circle: growing\n",
                "    circle: growing\n  - organization: alpha\n    role: free-agent\n",
            ),
        ),
    ),
    "E414": RuleExample(  # former identifier of a space that exists
        wrong=(Append(LAB, "former_ids: [lab]\n"),),
    ),
    "N416": RuleExample(  # former identifier of another organization that exists
        wrong=(Append(ALPHA, "former_ids: [beta]\n"),),
    ),
    "N417": RuleExample(  # two organizations claiming one former identifier, no history
        wrong=(Append(ALPHA, "former_ids: [old-name]\n"), Append(BETA, "former_ids: [old-name]\n")),
        right=(Append(BETA, "former_ids: [old-name]\n"),),
        note="Without the directory's git history, only a claim nobody else makes holds; "
        "with it, only a folder renamed from the former identifier.",
    ),
    "E501": RuleExample(  # term ends before it starts
        wrong=(Replace(GARDEN, "start: 2026-01-01", "start: 2027-03-01"),),
    ),
    "E502": RuleExample(  # review after the end
        wrong=(Replace(GARDEN, "end: 2026-12-31\n", "end: 2026-12-31\n  review: 2027-02-01\n"),),
    ),
    "E503": RuleExample(  # term neither ends nor is ongoing
        wrong=(Replace(LAB, "  ongoing: true\n", ""),),
    ),
    "E504": RuleExample(  # multi-directional between two circles
        wrong=(Replace(GARDEN, "direction: bi-directional", "direction: multi-directional"),),
    ),
    "E505": RuleExample(  # host of a collaboration without the basic commitments
        wrong=(Replace(ALPHA, "sovereignty: true", "sovereignty: false"),),
    ),
    "E506": RuleExample(  # transparent budgets promised, no budget shown
        wrong=(
            Replace(
                ALPHA,
                "shared_communication: true",
                "shared_communication: true\n  transparent_budgets: true",
            ),
        ),
    ),
    "E507": RuleExample(  # partner contribution from a non-participant
        wrong=(
            Write(GAMMA, GAMMA_PROFILE),
            Append(
                LAB,
                "budget:\n  - from: partner\n    organization: gamma\n    kind: in-kind\n"
                "    description: Bread for the breaks.\n",
            ),
        ),
        right=(
            Write(GAMMA, GAMMA_PROFILE),
            Append(
                LAB,
                "budget:\n  - from: third-party\n    name: Gamma Bakery\n    kind: in-kind\n"
                "    description: Bread for the breaks.\n",
            ),
        ),
    ),
    "N601": RuleExample(  # term ended, space still active
        wrong=(Replace(GARDEN, "end: 2026-12-31", "end: 2026-11-01"),),
    ),
    "N602": RuleExample(  # review overdue
        wrong=(Replace(LAB, "review: 2027-01-01", "review: 2026-11-01"),),
    ),
    "W603": RuleExample(  # two organizations, one website
        wrong=(Replace(BETA, "https://beta.example.net", "https://www.alpha.example.org/"),),
    ),
    "W604": RuleExample(  # two organizations, nearly one name
        wrong=(Replace(BETA, "name: Beta Gardens", "name: Alpha Collectives"),),
    ),
    "E208": RuleExample(  # a zero-width space inside a title
        wrong=(Replace(LAB, "title: Facilitation lab", "title: Facilitation\u200b lab"),),
        note="The wrong version has a zero-width space (U+200B) after 'Facilitation'.",
    ),
    "E606": RuleExample(  # a name written with Cyrillic letters that look Latin
        wrong=(Replace(BETA, "name: Beta Gardens", "name: Alpha C\u043ellective"),),
        note="The wrong version writes the o of 'Collective' as a Cyrillic o (U+043E).",
    ),
    "E607": RuleExample(  # a title written with a Cyrillic letter that looks Latin
        wrong=(Replace(GARDEN, "title: Garden notes", "title: Facilitation l\u0430b"),),
        note="The wrong version writes the a of 'lab' as a Cyrillic a (U+0430).",
    ),
    "W605": RuleExample(  # one host, two spaces with nearly one title
        wrong=(Write(LAB_TWO, _LAB_TWO.format(title="Facilitation Lab!")),),
        right=(Write(LAB_TWO, _LAB_TWO.format(title="Facilitation lab for beginners")),),
    ),
    "E701": RuleExample(  # a federated directory's name that is not a slug
        wrong=(Write("ecotone.yml", FEDERATION.replace("riverside", "River Side", 1)),),
        right=(Write("ecotone.yml", FEDERATION),),
    ),
    "E702": RuleExample(  # a snapshot that is not a directory export
        wrong=(Write("ecotone.yml", FEDERATION), Write(SNAPSHOT, '{"organizations": []}\n')),
        right=(Write("ecotone.yml", FEDERATION), Write(SNAPSHOT, _EMPTY_EXPORT)),
    ),
    "E308": RuleExample(  # a chain of circles one level deeper than the bound
        wrong=(Replace(ALPHA, "participations:\n", _chain_of_circles(17) + "participations:\n"),),
        right=(Replace(ALPHA, "participations:\n", _chain_of_circles(16) + "participations:\n"),),
        note="The chain goes on to level-17, one level deeper than the bound; the right "
        "version stops at level-16.",
    ),
    "E415": RuleExample(  # host recording another member's consent
        wrong=(
            Replace(
                LAB,
                "    circle: growing\n",
                "    circle: growing\n    consents:\n      - by: alpha\n        date: 2026-02-01\n"
                "      - by: gamma\n        date: 2026-02-02\n",
            ),
        ),
        right=(
            Replace(
                LAB,
                "    circle: growing\n",
                "    circle: growing\n    consents:\n      - by: alpha\n        date: 2026-02-01\n",
            ),
        ),
    ),
    "E508": RuleExample(  # a playbook plugged in without the host's commitment
        wrong=(Replace(ALPHA, "  conflict_resolution: true\n", "  conflict_resolution: false\n"),),
    ),
    "E115": RuleExample(  # a file the validator may not read
        wrong=(Unreadable(GARDEN),),
        note="The validator runs as another user than the file's owner, as a CI job may.",
    ),
}


def base_text(file: str) -> str:
    """A file of the example directory."""
    return (EXAMPLE_DIRECTORY / file).read_text("utf-8")


def shown(example: RuleExample) -> Example:
    """What the rule reference shows of an example: the places it changes, before
    (right) and after (wrong)."""
    wrong = tuple(_wrong(edit) for edit in example.wrong)
    if example.right:
        right = tuple(_wrong(edit) for edit in example.right)
    else:
        right = tuple(_right(edit) for edit in example.wrong)
    return Example(wrong=wrong, right=right, note=example.note)


def _wrong(edit: Edit) -> Snippet:
    match edit:
        case Replace(file, old, new):
            text = base_text(file)
            start, end = _around(text, text.index(old), text.index(old) + len(old))
            return _snippet(
                file, text[start : text.index(old)] + new + text[text.index(old) + len(old) : end]
            )
        case Append(file, added):
            text = base_text(file)
            return _snippet(file, text[_last_lines(text) :] + added)
        case Write(file, written):
            return _snippet(file, written)
        case Folder(path):
            return Snippet(path + "/", "", "an empty folder")
        case Link(path, target):
            return Snippet(path, "", f"a symbolic link to {target}")
        case Unreadable(path):
            return Snippet(path, "", "a file only its owner may read (`chmod 600`)")


def _right(edit: Edit) -> Snippet:
    match edit:
        case Replace(file, old, _):
            text = base_text(file)
            start, end = _around(text, text.index(old), text.index(old) + len(old))
            return _snippet(file, text[start:end])
        case Append(file, _):
            text = base_text(file)
            return _snippet(file, text[_last_lines(text) :])
        case Unreadable(path):
            return Snippet(path, "", "readable by everyone (`chmod 644`)")
    raise ValueError(f"{edit} needs a right version written out")


def _around(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole lines from `start` to `end`, with one line before and one after."""
    before = text.rfind("\n", 0, max(text.rfind("\n", 0, start), 0)) + 1
    after = text.find("\n", text.find("\n", end) + 1)
    return before, len(text) if after < 0 else after + 1


def _last_lines(text: str) -> int:
    """Where the file's last two lines start."""
    return text.rfind("\n", 0, text.rfind("\n", 0, len(text) - 1)) + 1


def _snippet(file: str, text: str) -> Snippet:
    lines = text.splitlines(keepends=True)
    if len(lines) <= _SHOWN_LINES:
        return Snippet(file, text)
    cut = _SHOWN_LINES - 2
    return Snippet(file, "".join(lines[:cut]), f"and {len(lines) - cut:,} more lines like these")
