"""The circles' rules (E30x), each on an organization built in memory: one tree,
with one root that says where conflicts go last, and dissolved circles handed on."""

from __future__ import annotations

from typing import Any

from in_memory import circle, codes, organization

from ecotone.validate.rules.circles import MAX_CIRCLE_DEPTH

ROOT = circle(None, name="General")


def circle_codes(**circles: dict[str, Any]) -> list[str]:
    return codes(organization("alpha", circles=circles))


def chain(levels: int) -> dict[str, dict[str, Any]]:
    """`general` and circles `level-1` to `level-<levels>`, each under the one before."""
    parents = ["general", *(f"level-{n}" for n in range(1, levels))]
    return {"general": ROOT} | {
        f"level-{n}": circle(parent) for n, parent in enumerate(parents, start=1)
    }


def test_one_root_and_circles_under_it_break_no_rule() -> None:
    assert circle_codes(general=ROOT, training=circle("general")) == []


def test_two_circles_without_a_parent_are_e301() -> None:
    assert circle_codes(general=ROOT, training=circle(None)) == ["E301"]


def test_a_parent_that_is_no_circle_of_the_organization_is_e302() -> None:
    assert circle_codes(general=ROOT, training=circle("genral")) == ["E302"]


def test_circles_that_are_each_others_parent_are_e303() -> None:
    assert circle_codes(general=ROOT, a=circle("b"), b=circle("a")) == ["E303"]


def test_a_circle_its_own_parent_is_e303() -> None:
    assert circle_codes(general=ROOT, a=circle("a")) == ["E303"]


def test_a_dissolved_circle_without_successors_is_e304() -> None:
    assert circle_codes(general=ROOT, old=circle(status="dissolved")) == ["E304"]


def test_a_dissolved_circle_handed_on_to_an_active_one_breaks_no_rule() -> None:
    handed_on = circle(status="dissolved", successors=["general"])
    assert circle_codes(general=ROOT, old=handed_on) == []


def test_an_active_circle_naming_successors_is_e305() -> None:
    assert circle_codes(general=ROOT, training=circle(successors=["general"])) == ["E305"]


def test_a_successor_that_is_dissolved_too_is_e305() -> None:
    first = circle(status="dissolved", successors=["second"])
    second = circle(status="dissolved", successors=["general"])
    assert circle_codes(general=ROOT, first=first, second=second) == ["E305"]


def test_a_root_that_does_not_say_where_conflicts_go_last_is_e306() -> None:
    assert circle_codes(general={"name": "General", "aim": "Hold.", "domain": "All."}) == ["E306"]


def test_a_circle_left_under_a_dissolved_parent_is_e307() -> None:
    old = circle(status="dissolved", successors=["general"])
    assert circle_codes(general=ROOT, old=old, team=circle("old")) == ["E307"]


def test_a_circle_moved_under_its_parents_successor_breaks_no_rule() -> None:
    old = circle(status="dissolved", successors=["general"])
    assert circle_codes(general=ROOT, old=old, team=circle("general")) == []


def test_a_chain_of_circles_as_deep_as_the_bound_breaks_no_rule() -> None:
    assert circle_codes(**chain(MAX_CIRCLE_DEPTH)) == []


def test_a_chain_of_circles_one_level_deeper_than_the_bound_is_e308() -> None:
    assert circle_codes(**chain(MAX_CIRCLE_DEPTH + 1)) == ["E308"]
