"""Rules on each organization's circles: one tree, and dissolved circles handed on."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ecotone.model import Circle, Directory, Organization
from ecotone.problems import Family, Severity
from ecotone.validate.rules.registry import Finding, check
from ecotone.validate.rules.suggest import did_you_mean

# Sociocratic organizations rarely need more than five or six levels of circles.
MAX_CIRCLE_DEPTH = 16


@check(
    "E301",
    "One root circle",
    "{org} has {count} root circles ({roots}); a circle tree has exactly one.",
    "Give every circle but the top one a `parent:`.",
    severity=Severity.ERROR,
    family=Family.CIRCLES,
    since="0.1.0",
)
def one_root_circle(directory: Directory, today: date) -> Iterator[Finding]:
    """An organization's circles form one tree: exactly one circle, the root, has no
    parent. Conflicts escalate up this tree, so it must lead to a single top."""
    for org in directory.checked_organizations:
        roots = org.roots
        if len(roots) > 1:
            yield Finding(
                org.source,
                ("circles", roots[1].id),
                {"org": org.id, "count": len(roots), "roots": ", ".join(c.id for c in roots)},
            )


@check(
    "E302",
    "Parent circles exist",
    "The parent '{parent}' of circle '{circle}' is not a circle of {org}.",
    "{suggestion}",
    severity=Severity.ERROR,
    family=Family.CIRCLES,
    since="0.1.0",
)
def parent_circle_exists(directory: Directory, today: date) -> Iterator[Finding]:
    """A circle's `parent` names another circle of the same organization."""
    for org in directory.checked_organizations:
        for circle in org.circles:
            if circle.parent and org.circle(circle.parent) is None:
                yield Finding(
                    org.source,
                    ("circles", circle.id, "parent"),
                    {
                        "parent": circle.parent,
                        "circle": circle.id,
                        "org": org.id,
                        "suggestion": did_you_mean(
                            circle.parent,
                            org.circles_by_id,
                            f"Circles of {org.id}: {', '.join(sorted(org.circles_by_id))}. "
                            f"Name one of them as the parent, or add a circle "
                            f"'{circle.parent}' under `circles:`.",
                        ),
                    },
                )


@check(
    "E303",
    "No cycles among circles",
    "Circle '{circle}' is its own ancestor: {cycle}.",
    "Break the loop by giving one of these circles another parent.",
    severity=Severity.ERROR,
    family=Family.CIRCLES,
    since="0.1.0",
)
def no_circle_cycles(directory: Directory, today: date) -> Iterator[Finding]:
    """Following `parent` from any circle reaches the root; a loop would make
    escalation go round forever."""
    for org in directory.checked_organizations:
        for cycle in _cycles(org):
            names = " → ".join(c.id for c in (*cycle, cycle[0]))
            yield Finding(
                org.source,
                ("circles", cycle[0].id, "parent"),
                {"circle": cycle[0].id, "cycle": names},
            )


def _cycles(org: Organization) -> Iterator[tuple[Circle, ...]]:
    """Each loop among the organization's circles once, from where a walk up from
    the circles in the file's order first enters it. Every circle is walked over
    once, so a chain of any length costs no more than its length."""
    done: set[str] = set()
    for start in org.circles:
        path: list[Circle] = []
        on_path: dict[str, int] = {}
        circle: Circle | None = start
        while circle is not None and circle.id not in done and circle.id not in on_path:
            on_path[circle.id] = len(path)
            path.append(circle)
            circle = org.circle(circle.parent)
        if circle is not None and circle.id in on_path:
            yield tuple(path[on_path[circle.id] :])
        done.update(on_path)


def circle_depths(org: Organization) -> dict[str, int]:
    """How many levels below its root each circle sits (a root is 0), each circle
    climbed over once; circles in a loop or under a missing parent have no depth
    (E303 and E302 report them)."""
    depths: dict[str, int] = {}
    no_depth: set[str] = set()
    for start in org.circles:
        path: list[Circle] = []
        climbed: set[str] = set()
        circle: Circle | None = start
        while True:
            if circle is None or circle.id in no_depth or circle.id in climbed:
                base = None
                break
            if circle.id in depths:
                base = depths[circle.id]
                break
            path.append(circle)
            climbed.add(circle.id)
            if circle.parent is None:
                base = -1
                break
            circle = org.circle(circle.parent)
        if base is None:
            no_depth.update(climbed)
            continue
        for below in reversed(path):
            base += 1
            depths[below.id] = base
    return depths


@check(
    "E308",
    "Circle tree depth",
    "Circle '{circle}' sits {depth} levels below the root circle; a circle tree is at most "
    "{limit} levels deep.",
    "Give '{circle}' a parent nearer the root: no organization needs more levels, and each "
    "one lengthens every escalation path below it.",
    severity=Severity.ERROR,
    family=Family.CIRCLES,
    since="0.1.0",
)
def circle_tree_depth(directory: Directory, today: date) -> Iterator[Finding]:
    """Conflicts escalate from circle to parent, and every page shows those paths; a
    bound on the depth keeps them readable and the site's pages and checks quick."""
    for org in directory.checked_organizations:
        for circle_id, depth in circle_depths(org).items():
            if depth == MAX_CIRCLE_DEPTH + 1:
                yield Finding(
                    org.source,
                    ("circles", circle_id, "parent"),
                    {"circle": circle_id, "depth": depth, "limit": MAX_CIRCLE_DEPTH},
                )


@check(
    "E304",
    "Dissolved circles name successors",
    "Circle '{circle}' is dissolved but names no successors.",
    "Add `successors:` with the circles that took over what it held.",
    severity=Severity.ERROR,
    family=Family.CIRCLES,
    since="0.1.0",
)
def dissolved_circle_has_successors(directory: Directory, today: date) -> Iterator[Finding]:
    """When a circle splits or ends, whatever it held moves: the file names the
    circles that took over, so spaces and escalation paths can follow."""
    for org in directory.checked_organizations:
        for circle in org.circles:
            if circle.dissolved and not circle.successors:
                yield Finding(org.source, ("circles", circle.id, "status"), {"circle": circle.id})


@check(
    "E305",
    "Successors are active circles",
    "Successor '{successor}' of circle '{circle}' is {problem}.",
    "{suggestion}",
    severity=Severity.ERROR,
    family=Family.CIRCLES,
    since="0.1.0",
)
def successors_are_active(directory: Directory, today: date) -> Iterator[Finding]:
    """A dissolved circle's successors are existing, active circles of the same
    organization; an active circle does not name successors."""
    for org in directory.checked_organizations:
        for circle in org.circles:
            for index, successor_id in enumerate(circle.successors):
                successor = org.circle(successor_id)
                if successor is not None and not successor.dissolved and circle.dissolved:
                    continue
                if not circle.dissolved:
                    problem, suggestion = (
                        "named, but the circle is not dissolved",
                        "Remove `successors:`, or set `status: dissolved`.",
                    )
                elif successor is None:
                    problem, suggestion = (
                        "not a circle of " + org.id,
                        did_you_mean(successor_id, org.circles_by_id),
                    )
                else:
                    problem, suggestion = (
                        "dissolved too",
                        f"Name its successors instead: {', '.join(successor.successors)}.",
                    )
                yield Finding(
                    org.source,
                    ("circles", circle.id, "successors", index),
                    {
                        "successor": successor_id,
                        "circle": circle.id,
                        "problem": problem,
                        "suggestion": suggestion,
                    },
                )


@check(
    "E306",
    "The root names where conflicts go last",
    "The root circle '{circle}' does not say where conflicts go last.",
    "Add `conflicts_go_to:` to it, such as `the members' assembly`.",
    severity=Severity.ERROR,
    family=Family.CIRCLES,
    since="0.1.0",
)
def root_names_last_resort(directory: Directory, today: date) -> Iterator[Finding]:
    """Conflicts escalate from circle to parent; at the root the organization says
    where they go last, so every escalation path has an end."""
    for org in directory.checked_organizations:
        for root in org.roots:
            if not root.conflicts_go_to:
                yield Finding(org.source, ("circles", root.id), {"circle": root.id})


@check(
    "E307",
    "Active circles sit under active parents",
    "Circle '{circle}' sits under '{parent}', which is dissolved.",
    "Move it under one of the successors: {successors}.",
    severity=Severity.ERROR,
    family=Family.CIRCLES,
    since="0.1.0",
)
def parent_is_active(directory: Directory, today: date) -> Iterator[Finding]:
    """When a circle dissolves, its sub-circles move to a successor, so that
    escalation paths pass only through circles that still exist."""
    for org in directory.checked_organizations:
        for circle in org.circles:
            parent = org.circle(circle.parent)
            if parent is not None and parent.dissolved and not circle.dissolved:
                yield Finding(
                    org.source,
                    ("circles", circle.id, "parent"),
                    {
                        "circle": circle.id,
                        "parent": parent.id,
                        "successors": ", ".join(parent.successors) or "none named",
                    },
                )
