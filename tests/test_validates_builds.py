"""Property: any directory the validator accepts also builds. Directories are drawn
with circle trees of any shape and depth (loops and chains past the bound
included), invitations, budgets from confirmed and unconfirmed partners,
former identifiers and look-alike titles; whenever validation finds no error,
every generated page and file renders without an exception."""

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
from ecotone.validate.run import validate_directory

ORGS = ("a", "b", "c")
TITLES = ("Lab", "Garden", "Lab!", "L\u0430b", "Garden notes", "Gard\u200ben")


@st.composite
def circles(draw: st.DrawFn) -> dict[str, dict[str, str]]:
    """A root, `general`, and up to 300 more circles, each under any earlier circle
    or, sometimes, under a later one (a loop) or one that does not exist."""
    count = draw(st.integers(0, 300))
    tree: dict[str, dict[str, str]] = {
        "general": {
            "name": "General circle",
            "aim": "Hold the aim.",
            "domain": "Everything.",
            "conflicts_go_to": "The members' meeting.",
        }
    }
    names = ["general", *(f"c{n}" for n in range(count))]
    broken = draw(st.integers(0, 9)) == 0  # one circle under a parent that is not there
    for n in range(count):
        if broken and n == count - 1:
            parent = "nowhere"
        elif draw(st.booleans()):
            parent = names[n]  # a chain
        else:
            parent = draw(st.sampled_from(names[: n + 1]))
        tree[f"c{n}"] = {"name": f"Circle {n}", "aim": "A.", "domain": "D.", "parent": parent}
    return tree


@st.composite
def directories(draw: st.DrawFn) -> Builder:
    build = Builder(Path(tempfile.mkdtemp(prefix="ecotone-property-")))
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
        extra = {}
        if draw(st.booleans()):
            extra["former_ids"] = [
                draw(st.sampled_from([f"old-{org}", *(o for o in ORGS if o != org)]))
            ]
        build.organization(org, joins=joins, circles=draw(circles()), **extra)
    for space in spaces:
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
        fields = {"title": draw(st.sampled_from(TITLES))}
        if budget:
            fields["budget"] = budget
        build.space(space, members=members[space], **fields)
    return build


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(directories())
def test_a_directory_that_validates_builds(build: Builder) -> None:
    report = validate_directory(build.root, TODAY)
    event("validates" if not report.errors else "refused: " + report.errors[0].code)
    if report.errors:
        return
    data = site_data(report.directory, TODAY, {})
    files = list(
        generated_files(data, SiteSettings(url="https://d.example/", name="Test"), Renderer())
    )
    assert files
