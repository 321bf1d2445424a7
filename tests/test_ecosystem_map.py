"""The ecosystem map: an SVG of organizations and spaces, each a linked node, laid
out without overlaps and the same on every build."""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from itertools import combinations, pairwise
from pathlib import Path

import pytest
from builders import Builder
from site_helpers import TODAY

from ecotone.commands import synth
from ecotone.model import Directory
from ecotone.render.ecosystem_map import BOX_HEIGHT, MARKER, MapNode, ecosystem_map, map_svg
from ecotone.render.environment import Renderer
from ecotone.render.layout import layout
from ecotone.validate.run import validate_directory

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


@pytest.fixture
def small(tmp_path: Path) -> Directory:
    build = Builder(tmp_path)
    build.organization("a", name='Alpha <b>"&"</b>')
    build.organization("b", name="Beta", joins=["a/lab"])
    build.organization("c", name="Gamma")
    build.organization("d", name="Delta, on its own")
    build.space("a/lab", title="Lab <script>alert(1)</script>", members=["b", "c"])
    build.space("b/notes", mode="information-sharing")
    return build.directory()


def svg(directory: Directory, root: str) -> str:
    return "".join(map_svg(directory, root, Renderer()))


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_every_organization_and_space_is_a_linked_node_with_a_title(small: Directory) -> None:
    root = parsed(svg(small, "../"))
    links = {a.get("data-id"): a for a in root.iter(f"{SVG}a")}
    assert set(links) == {"a", "b", "c", "d", "a/lab", "b/notes"}
    assert links["a"].get(XLINK_HREF) == "../organizations/a/"
    assert links["a/lab"].get(XLINK_HREF) == "../spaces/a/lab/"
    title = links["a/lab"].find(f"{SVG}title")
    assert title is not None
    assert title.text == (
        'Lab <script>alert(1)</script>: collaboration space, active, hosted by Alpha <b>"&"</b>'
    )


def test_names_are_escaped_text_never_markup(small: Directory) -> None:
    drawn = svg(small, "../")
    assert "<script>" not in drawn and "<b>" not in drawn
    texts = ["".join(t.itertext()) for t in parsed(drawn).iter(f"{SVG}text")]
    assert 'Alpha <b>"&"</b>' in texts


def test_a_space_is_linked_to_its_host_and_participants_dashed_while_invited(
    small: Directory,
) -> None:
    drawn = ecosystem_map(small)
    kinds = sorted(edge.kind for edge in drawn.edges if edge.space == "a/lab")
    assert kinds == ["confirmed", "hosts", "invited"]
    lines = [e for e in parsed(svg(small, "")).iter(f"{SVG}line")]
    assert sum("eco-map__edge--invited" in (e.get("class") or "") for e in lines) == 1


def test_an_invitation_changes_neither_the_invited_marker_nor_its_place(tmp_path: Path) -> None:
    def beta(invited: bool, folder: str) -> MapNode:
        build = Builder(tmp_path / folder)
        for org in ("a", "b", "c"):
            build.organization(org, joins=["c/garden"] if org == "b" else ())
        build.space("a/lab", members=["b"] if invited else [])
        build.space("c/garden", members=["b"])
        [node] = [n for n in ecosystem_map(build.directory()).nodes if n.id == "b"]
        return node

    assert beta(invited=True, folder="invited") == beta(invited=False, folder="not")


def test_the_svg_is_the_same_bytes_on_every_build(small: Directory) -> None:
    assert svg(small, "../") == svg(small, "../")


def test_the_svg_names_itself_for_assistive_technology(small: Directory) -> None:
    root = parsed(svg(small, "../"))
    assert root.get("aria-labelledby") == "eco-map-title eco-map-desc"
    description = root.find(f"{SVG}desc")
    assert description is not None
    assert (description.text or "").startswith("4 organizations (circles) and 2 spaces")


def boxes_overlap(a: tuple[float, float, float], b: tuple[float, float, float]) -> bool:
    (ax, ay, aw), (bx, by, bw) = a, b
    return abs(ax - bx) < (aw + bw) / 2 and abs(ay - by) < BOX_HEIGHT


def test_no_two_boxes_overlap_in_a_dense_synthetic_directory(tmp_path: Path) -> None:
    synth.write_directory(tmp_path, orgs=60, spaces=80)
    directory = validate_directory(tmp_path, TODAY).directory
    drawn = ecosystem_map(directory)
    assert len(drawn.nodes) == 140
    boxes = [(n.x, n.y, _width(n)) for n in drawn.nodes]
    overlapping = [(a, b) for a, b in combinations(boxes, 2) if boxes_overlap(a, b)]
    assert overlapping == []


def _width(node: MapNode) -> float:
    return max(node.label_width, MARKER)


def test_the_layout_draws_linked_boxes_nearer_than_the_average_pair() -> None:
    # A ring of 24: each box's two neighbours end up closer than boxes at random.
    edges = [(i, (i + 1) % 24) for i in range(24)]
    placed = layout([60.0] * 24, 40.0, edges, gap=10.0).centres

    def distance(a: int, b: int) -> float:
        return ((placed[a].x - placed[b].x) ** 2 + (placed[a].y - placed[b].y) ** 2) ** 0.5

    linked = sum(distance(a, b) for a, b in edges) / len(edges)
    pairs = list(combinations(range(24), 2))
    average = sum(distance(a, b) for a, b in pairs) / len(pairs)
    assert linked < average / 2


def test_linked_nodes_are_drawn_near_each_other_in_a_dense_synthetic_directory(
    tmp_path: Path,
) -> None:
    synth.write_directory(tmp_path, orgs=60, spaces=80)
    drawn = ecosystem_map(validate_directory(tmp_path, TODAY).directory)
    linked = [math.dist((e.x1, e.y1), (e.x2, e.y2)) for e in drawn.edges]
    pairs = [math.dist((a.x, a.y), (b.x, b.y)) for a, b in combinations(drawn.nodes, 2)]
    assert statistics.mean(linked) < 0.6 * statistics.mean(pairs)


def test_the_layout_spreads_a_graph_over_both_directions_not_along_a_line() -> None:
    # A 6 x 6 grid: left to itself, a layout tends to draw it along a diagonal.
    edges = [(r * 6 + c, r * 6 + c + 1) for r in range(6) for c in range(5)]
    edges += [(r * 6 + c, r * 6 + c + 6) for r in range(5) for c in range(6)]
    placed = layout([60.0] * 36, 40.0, edges, gap=10.0).centres
    correlation = statistics.correlation([c.x for c in placed], [c.y for c in placed])
    assert abs(correlation) < 0.2


def test_rows_follow_each_other_without_an_empty_one_even_past_a_very_wide_box() -> None:
    widths = [600.0, 30.0, 30.0, 30.0, 30.0]
    placed = layout(widths, 40.0, [(0, 1), (1, 2), (2, 3), (3, 4)], gap=10.0)
    rows = sorted({round(c.y, 6) for c in placed.centres})
    assert [b - a for a, b in pairwise(rows)] == [50.0] * (len(rows) - 1)


def test_separate_parts_are_packed_apart_without_overlap() -> None:
    edges = [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)]
    placed = layout([40.0] * 7, 30.0, edges, gap=10.0)
    assert all(
        abs(a.x - b.x) >= 40 + 10 - 1e-6 or abs(a.y - b.y) >= 30 + 10 - 1e-6
        for a, b in combinations(placed.centres, 2)
    )
    assert all(0 < c.x < placed.width and 0 < c.y < placed.height for c in placed.centres)


def test_the_layout_depends_on_its_input_alone() -> None:
    edges = [(i, (i * 7 + 3) % 50) for i in range(50)]
    widths = [30.0 + (i % 5) * 20 for i in range(50)]
    assert layout(widths, 40.0, edges, 12.0) == layout(widths, 40.0, edges, 12.0)
