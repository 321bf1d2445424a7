"""The schema check: each kind of mistake in a file gets its own code, the field's
place, and a fix a partner can follow."""

from __future__ import annotations

import pytest
from conftest import Tree

from ecotone.problems import Problem

ALPHA = "partners/alpha/organization.yml"
LAB = "partners/alpha/spaces/lab.yml"
PLAYBOOK = "partners/alpha/playbooks/talk-it-out.yml"
GARDEN = "partners/beta/spaces/garden.yml"


def only_problem(tree: Tree) -> Problem:
    problems = tree.validate().problems
    assert len(problems) == 1, problems
    return problems[0]


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "'true'"])
def test_yes_no_and_on_off_are_text_and_a_boolean_field_asks_for_true_or_false(
    minimal: Tree, word: str
) -> None:
    minimal.replace(ALPHA, "sovereignty: true", f"sovereignty: {word}")
    problem = only_problem(minimal)
    assert (problem.code, problem.field_text) == ("E203", "commitments.sovereignty")
    assert (problem.line, problem.column) == minimal.position(ALPHA, "sovereignty:")
    assert "Expected true or false here, found the text" in problem.message
    assert problem.hint == "Write `true` or `false` (not yes/no or on/off)."


def test_unquoted_dates_stay_text_and_pass_as_dates(minimal: Tree) -> None:
    assert "start: 2026-01-01" in minimal.read(LAB)
    assert minimal.validate().problems == ()


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("2026", "Put the value in quotes to keep it as text: '2026'."),
        ("12.5", "Put the value in quotes to keep it as text: '12.5'."),
        ("true", "Put the value in quotes to keep it as text."),
        ("", "Write a value after the colon, or remove the field."),
    ],
    ids=["whole-number", "decimal", "boolean", "nothing"],
)
def test_a_text_field_given_another_type_says_how_to_write_text(
    minimal: Tree, value: str, hint: str
) -> None:
    minimal.replace(LAB, "title: Facilitation lab", f"title: {value}")
    problem = only_problem(minimal)
    assert (problem.code, problem.field_text, problem.hint) == ("E203", "title", hint)


BUDGET = """\
budget:
  - from: host
    kind: money
    currency: EUR
    amount: {amount}
    description: Rent for the lab's room.
"""


@pytest.mark.parametrize(
    "amount",
    ["6 000", "€300", "'300'", "300 EUR", "1" * 5000],
    ids=["spaces", "currency-sign", "quoted", "unit", "5000-digits"],
)
def test_a_number_field_given_text_says_to_write_the_number_alone(
    minimal: Tree, amount: str
) -> None:
    minimal.write(LAB, minimal.read(LAB) + BUDGET.format(amount=amount))
    problem = only_problem(minimal)
    assert (problem.code, problem.field_text) == ("E203", "budget[0].amount")
    assert (problem.line, problem.column) == minimal.position(LAB, "amount:")
    assert "Expected a number here, found the text" in problem.message
    assert "Write the number alone" in problem.hint


@pytest.mark.parametrize(
    ("field", "old", "new"),
    [
        ("name", "name: Alpha Collective", "name: |\n  Alpha Collective"),
        (
            "website",
            "website: https://alpha.example.org",
            "website: >\n  https://alpha.example.org",
        ),
    ],
)
def test_a_one_line_field_written_as_a_block_is_pointed_at_with_the_fix(
    minimal: Tree, field: str, old: str, new: str
) -> None:
    """A `|` or `>` block ends with a line break, which a one-line field refuses."""
    minimal.replace(ALPHA, old, new)
    problem = only_problem(minimal)
    assert (problem.code, problem.field_text) == ("E205", field)
    assert (problem.line, problem.column) == minimal.position(ALPHA, new)
    assert "\\n' is not a valid" in problem.message
    assert "\n" not in problem.message
    assert "Write it on one line after the colon" in problem.hint


@pytest.mark.parametrize(
    ("file", "old", "new", "field", "what"),
    [
        (
            LAB,
            "playbook: alpha/talk-it-out",
            "playbook: ../../etc/passwd",
            "social_contract.conflict_resolution.playbook",
            "playbook",
        ),
        (ALPHA, "space: beta/garden", "space: ../x", "participations[0].space", "space"),
        (LAB, "host_circle: training", "host_circle: ../training", "host_circle", "identifier"),
        (
            LAB,
            "organization: beta",
            "organization: ../beta",
            "participants[0].organization",
            "organization",
        ),
    ],
    ids=["playbook", "participation-space", "hosting-circle", "participant"],
)
def test_a_path_in_a_reference_is_refused_as_a_bad_identifier(
    minimal: Tree, file: str, old: str, new: str, field: str, what: str
) -> None:
    minimal.replace(file, old, new)
    problem = only_problem(minimal)
    assert (problem.code, problem.file, problem.field_text) == ("E205", file, field)
    assert (problem.line, problem.column) == minimal.position(file, new)
    assert f"is not a valid {what}" in problem.message


def test_a_key_that_is_not_an_identifier_is_pointed_at(minimal: Tree) -> None:
    minimal.replace(ALPHA, "  training:\n", "  Training Circle:\n")
    problem = only_problem(minimal)
    assert (problem.code, problem.field_text) == ("E205", "circles.Training Circle")
    assert (problem.line, problem.column) == minimal.position(ALPHA, "Training Circle:")
    assert "lowercase letters a-z" in problem.hint


def test_an_entry_named_like_a_field_of_an_entry_is_a_bad_identifier(minimal: Tree) -> None:
    """`conflicts_go_to` is a circle's field; a circle of that name is a bad key, not a
    field out-dented (which E203 would point at) nor a file rejected as a whole."""
    minimal.replace(ALPHA, "  outreach:\n", "  conflicts_go_to:\n")
    minimal.replace(ALPHA, "    parent: outreach\n", "    parent: general\n")
    problem = only_problem(minimal)
    assert (problem.code, problem.field_text) == ("E205", "circles.conflicts_go_to")
    assert (problem.line, problem.column) == minimal.position(ALPHA, "conflicts_go_to:\n")
    assert "lowercase letters a-z" in problem.hint


def test_a_representative_needs_a_home_circle(minimal: Tree) -> None:
    minimal.replace(LAB, "    circle: growing\n", "")
    problem = only_problem(minimal)
    assert (problem.code, problem.field_text) == ("E201", "participants[0].circle")
    assert (problem.line, problem.column) == minimal.position(LAB, "organization: beta")
    assert "the participating organization's circle they represent" in problem.hint


def test_money_needs_an_amount_and_a_currency(minimal: Tree) -> None:
    minimal.write(
        LAB,
        minimal.read(LAB) + "budget:\n  - from: host\n    kind: money\n    description: Rent.\n",
    )
    problems = minimal.validate().problems
    assert [(p.code, p.field_text) for p in problems] == [
        ("E201", "budget[0].amount"),
        ("E201", "budget[0].currency"),
    ]


def test_fields_of_the_other_mode_are_refused_in_information_sharing(minimal: Tree) -> None:
    minimal.replace(GARDEN, "venue: hosting-circle", "venue: hosting-circle\nlevel: project")
    problem = only_problem(minimal)
    assert (problem.code, problem.field_text) == ("E207", "level")
    assert (problem.line, problem.column) == minimal.position(GARDEN, "level: project")


def test_every_schema_problem_of_a_file_is_reported_at_once(minimal: Tree) -> None:
    minimal.replace(LAB, "status: active", "status: activ")
    minimal.replace(LAB, "start: 2026-01-01", "start: 2026-13-01")
    minimal.replace(LAB, "level: project", "level: project\nlevle: board")
    found = {(p.code, p.field_text) for p in minimal.validate().problems}
    assert found == {("E204", "status"), ("E205", "term.start"), ("E202", "levle")}
