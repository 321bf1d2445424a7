"""Property: any directory the validator accepts also builds. Directories are drawn
with circle trees of any shape up to the depth bound, invitations, budgets from
confirmed and unconfirmed partners and former identifiers; about one in four
also carries one flaw (a loop of circles, a missing parent, a chain past the
bound, a look-alike or invisible character in a title, another organization's
id claimed). Any may also carry references into other organizations' folders
that a change there left stale (an organization that left, a circle, space or
playbook gone, a listing ended): those are never errors. Whenever validation
finds no error, every generated page and file is rendered, entry pages and
exports included, without an exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from builders import TODAY, Builder
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ecotone.render.environment import Renderer
from ecotone.render.pages import SiteSettings
from ecotone.render.site import generated_files
from ecotone.sitedata import site_data
from ecotone.validate.rules.circles import MAX_CIRCLE_DEPTH
from ecotone.validate.run import validate_directory

ORGS = ("a", "b", "c")
GOOD_TITLES = ("Lab", "Garden", "Lab!", "Garden notes")
BAD_TITLES = ("L\u0430b", "Gard\u200ben")  # a Cyrillic a; a zero-width space
ROOT = {
    "name": "General circle",
    "aim": "Hold the aim.",
    "domain": "Everything.",
    "conflicts_go_to": "The members' meeting.",
}
# At most one flaw per directory, and most have none, so that most drawn directories
# validate and are built; None comes first, for Hypothesis to shrink towards.
# One renderer for every example, as one build has: it keeps compiled templates only.
RENDERER = Renderer()
FLAWS = ("loop", "nowhere", "too deep", "title", "another's id")
FLAW = st.sampled_from((None,) * 3 * len(FLAWS) + FLAWS)
# References another organization's change can leave dangling (W418, W420-W422, E401).
STALE = ("organization", "circle", "space", "playbook", "listing")
FLAWED_CIRCLES = {
    "loop": [("x0", "x1"), ("x1", "x0")],
    "nowhere": [("x0", "nowhere")],
    "too deep": [(f"x{n}", f"x{n - 1}" if n else "general") for n in range(MAX_CIRCLE_DEPTH + 1)],
}


@st.composite
def circles(draw: st.DrawFn, flaw: str | None) -> dict[str, dict[str, str]]:
    """A root, `general`, and up to 40 more circles, each under an earlier one no
    deeper than the bound (often the one just before, so chains reach the bound);
    and the circles of `flaw`: a loop, a parent that is not there, or a chain one
    level past the bound."""
    tree: dict[str, dict[str, str]] = {"general": ROOT}
    depths = {"general": 0}
    for n in range(draw(st.integers(0, 40))):
        within = [name for name, depth in depths.items() if depth < MAX_CIRCLE_DEPTH]
        last = list(depths)[-1]
        chained = draw(st.booleans()) and depths[last] < MAX_CIRCLE_DEPTH
        parent = last if chained else draw(st.sampled_from(within))
        tree[f"c{n}"] = {"name": f"Circle {n}", "aim": "A.", "domain": "D.", "parent": parent}
        depths[f"c{n}"] = depths[parent] + 1
    for name, parent in FLAWED_CIRCLES.get(flaw or "", []):
        tree[name] = {"name": name, "aim": "A.", "domain": "D.", "parent": parent}
    return tree


@st.composite
def directories(draw: st.DrawFn) -> Builder:
    build = Builder(Path(tempfile.mkdtemp(prefix="ecotone-property-")))
    flaw = draw(FLAW)  # organization `a` and the first space carry it
    stale = draw(st.sets(st.sampled_from(STALE)))  # so do these, where they can
    spaces = [f"{host}/s{n}" for host in ORGS for n in range(draw(st.integers(0, 2)))]
    members = {
        space: draw(
            st.lists(
                st.sampled_from([o for o in ORGS if o != space.partition("/")[0]]), unique=True
            )
        )
        for space in spaces
    }
    for org in ORGS:
        listed = [space for space in spaces if org in members[space]]
        joins = draw(st.lists(st.sampled_from(listed), unique=True)) if listed else []
        if org == "a":
            joins += _stale_acknowledgments(stale, spaces, members)
        extra = {}
        if draw(st.booleans()):
            extra["former_ids"] = ["b" if org == "a" and flaw == "another's id" else f"old-{org}"]
        tree = draw(circles(flaw if org == "a" else None))
        build.organization(org, joins=joins, circles=tree, **extra)
    for n, space in enumerate(spaces):
        participants = [
            {"organization": member, "role": "representative", "circle": "general"}
            for member in members[space]
        ]
        budget = [
            {
                "from": "partner",
                "organization": member,
                "kind": "money",
                "amount": draw(st.integers(0, 10**6)),
                "currency": "EUR",
                "description": "A share.",
            }
            for member in members[space]
        ]
        titles = BAD_TITLES if n == 0 and flaw == "title" else GOOD_TITLES
        fields = {"title": draw(st.sampled_from(titles))}
        if n == 0:
            _dangle(stale, space, participants, budget, fields)
        if participants:
            fields["participants"] = participants
        if budget:
            fields["budget"] = budget
        build.space(space, **fields)
    return build


def _stale_acknowledgments(
    stale: set[str], spaces: list[str], members: dict[str, list[str]]
) -> list[str]:
    """`a`'s acknowledgments of a space its host removed, and of spaces whose hosts
    ended `a`'s listing."""
    gone = ["b/gone"] if "space" in stale else []
    unlisted = [s for s in spaces if not s.startswith("a/") and "a" not in members[s]]
    return gone + (unlisted if "listing" in stale else [])


def _dangle(
    stale: set[str], space: str, participants: list[dict], budget: list[dict], fields: dict
) -> None:
    """The space's references that other organizations' changes left stale: a
    participant's circle renamed, an organization that left (listed, and in the
    budget), a playbook its publisher removed."""
    if "circle" in stale and participants:
        participants[0]["circle"] = "gone"
    if "organization" in stale:
        participants.append({"organization": "gone", "role": "representative"})
        budget.append({"from": "partner", "organization": "gone", "kind": "in-kind"})
        budget[-1]["description"] = "A share."
    if "playbook" in stale:
        publisher = next(org for org in ORGS if not space.startswith(org + "/"))
        slot = {"playbook": f"{publisher}/gone"}
        fields["social_contract"] = {"governance": "Consent.", "conflict_resolution": slot}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(directories())
def test_a_directory_that_validates_builds(build: Builder) -> None:
    report = validate_directory(build.root, TODAY)
    event("validates" if not report.errors else "refused: " + report.errors[0].code)
    if report.errors:
        return
    event("stale: " + (", ".join(sorted({p.code for p in report.warnings})) or "none"))
    data = site_data(report.directory, TODAY, {})
    files = list(
        generated_files(data, SiteSettings(url="https://d.example/", name="Test"), RENDERER)
    )
    assert files
    for generated in files:  # entry pages and exports are deferred: render each
        assert generated.content, generated
