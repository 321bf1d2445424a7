"""Layout: positions for the boxes of a graph, computed in Python, the same on
every run, with no two boxes overlapping.

Each connected part of the graph is laid out on its own:

1. Nodes start on a sunflower spiral in breadth-first order from the
   best-connected node, so neighbours start near each other.
2. Two moves then take turns, ITERATIONS times:
   - *pull*: every node moves halfway to the mean position of its neighbours,
     so linked nodes draw together;
   - *spread*: every node moves halfway to where its rank along each axis
     would put it if the nodes were spread evenly over the part's room. This
     stands for the repulsion of a force-directed layout: it keeps the part
     from collapsing and its density even, but costs a sort instead of a
     comparison of every pair of nodes.
   Between the two, the vertical positions are made uncorrelated with the
   horizontal ones; otherwise both axes drift toward the same direction and the
   drawing flattens into a line.
3. The boxes are put on rows, as many as make the part about as tall as it is
   wide: taken from top to bottom, each row gets about the same total width of
   boxes; within a row the boxes keep their order from left to right, each as
   near to the place its rank gives it as the others allow. All boxes have the
   same height, so boxes on different rows cannot overlap.

A step costs a sort of the nodes and a pass over the edges, so a layout grows
with the size of the graph, not its square. The parts are then packed in
rows, largest first, single nodes last. No randomness is used; the result
depends on the input alone.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
ITERATIONS = 30
# How much room a part's rows have for its boxes, as a multiple of their total
# width: the slack lets boxes keep near where the pull and spread put them.
SPREAD = 1.6


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Layout:
    """Each box's centre by index, and the size of the whole drawing."""

    centres: tuple[Point, ...]
    width: float
    height: float


@dataclass(frozen=True)
class _Placed:
    """A part laid out on its own: its nodes, their centres (from its top left
    corner, in the same order), its width and height."""

    nodes: list[int]
    centres: list[tuple[float, float]]
    width: float
    height: float


@dataclass(frozen=True)
class _Rows:
    """The rows a part's boxes go on: how many, how wide, and their spacing
    (the boxes' height and the gap under them)."""

    count: int
    width: float
    pitch: float

    @classmethod
    def room_for(cls, lengths: list[float], pitch: float) -> _Rows:
        """Rows for boxes of `lengths` (widths and gap) with room for SPREAD times
        their total length, as many as make the part about as tall as it is wide."""
        total = sum(lengths)
        count = max(1, min(len(lengths), round(math.sqrt(total * pitch * SPREAD) / pitch)))
        return cls(count, max(total * SPREAD / count, max(lengths)), pitch)

    @property
    def span(self) -> float:
        """From the first row's centre line to the last's."""
        return (self.count - 1) * self.pitch


def layout(
    widths: Sequence[float], height: float, edges: Sequence[tuple[int, int]], gap: float
) -> Layout:
    """Centres for boxes of the given `widths` (by index) and one common `height`,
    linked by `edges` (index pairs), with at least `gap` between boxes."""
    neighbours = _adjacency(len(widths), edges)
    parts = [
        _lay_out_part(part, neighbours, widths, height, gap) for part in _components(neighbours)
    ]
    return _pack(len(widths), parts, gap)


def _lay_out_part(
    part: list[int],
    neighbours: list[list[int]],
    widths: Sequence[float],
    height: float,
    gap: float,
) -> _Placed:
    lengths = [widths[node] + gap for node in part]
    rows = _Rows.room_for(lengths, height + gap)
    xs, ys = _settle(part, neighbours, rows)
    centres = _on_rows(xs, ys, lengths, rows)
    halves = [widths[node] / 2 for node in part]
    left = min(x - half for (x, _), half in zip(centres, halves, strict=True))
    right = max(x + half for (x, _), half in zip(centres, halves, strict=True))
    top = min(y for _, y in centres) - height / 2
    bottom = max(y for _, y in centres) + height / 2
    return _Placed(part, [(x - left, y - top) for x, y in centres], right - left, bottom - top)


# -- parts -----------------------------------------------------------------------


def _adjacency(count: int, edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    neighbours: list[set[int]] = [set() for _ in range(count)]
    for a, b in edges:
        if a != b:
            neighbours[a].add(b)
            neighbours[b].add(a)
    return [sorted(n) for n in neighbours]


def _components(neighbours: list[list[int]]) -> list[list[int]]:
    """Connected parts, largest first (then by their first index), each in
    breadth-first order from its best-connected node."""
    seen = [False] * len(neighbours)
    parts = []
    for start in range(len(neighbours)):
        if seen[start]:
            continue
        members, queue = [], deque([start])
        seen[start] = True
        while queue:
            node = queue.popleft()
            members.append(node)
            for other in neighbours[node]:
                if not seen[other]:
                    seen[other] = True
                    queue.append(other)
        parts.append(_breadth_first(members, neighbours))
    return sorted(parts, key=lambda part: (-len(part), min(part)))


def _breadth_first(members: list[int], neighbours: list[list[int]]) -> list[int]:
    hub = max(members, key=lambda node: (len(neighbours[node]), -node))
    order, seen, queue = [], {hub}, deque([hub])
    while queue:
        node = queue.popleft()
        order.append(node)
        for other in sorted(neighbours[node], key=lambda n: (-len(neighbours[n]), n)):
            if other not in seen:
                seen.add(other)
                queue.append(other)
    return order


# -- settling: pull and spread -------------------------------------------------------


def _settle(
    part: list[int], neighbours: list[list[int]], rows: _Rows
) -> tuple[list[float], list[float]]:
    """Positions (x and y, in the part's order) that keep linked nodes near each
    other and spread the part evenly over its rows' room."""
    count = len(part)
    xs = [math.sqrt(i + 0.5) * math.cos(i * GOLDEN_ANGLE) for i in range(count)]
    ys = [math.sqrt(i + 0.5) * math.sin(i * GOLDEN_ANGLE) for i in range(count)]
    if count == 1:
        return xs, ys
    local = {node: i for i, node in enumerate(part)}
    links = [[local[other] for other in neighbours[node]] for node in part]
    for _ in range(ITERATIONS):
        xs, ys = _pulled(xs, links), _pulled(ys, links)
        ys = _uncorrelated(ys, xs)
        xs, ys = _spread(xs, rows.width), _spread(ys, rows.span)
    return xs, ys


def _pulled(values: list[float], links: list[list[int]]) -> list[float]:
    """Each value moved halfway to the mean of its neighbours' values (every node of
    a connected part of two or more has a neighbour)."""
    pulled = []
    for value, near in zip(values, links, strict=True):
        total = 0.0
        for other in near:
            total += values[other]
        pulled.append((value + total / len(near)) / 2)
    return pulled


def _spread(values: list[float], span: float) -> list[float]:
    """Each value moved halfway to where its rank would put it if the values were
    spread evenly over 0 to `span` (equal values are ranked by index)."""
    step = span / (len(values) - 1)
    return [(value + rank * step) / 2 for value, rank in zip(values, _ranks(values), strict=True)]


def _uncorrelated(ys: list[float], xs: list[float]) -> list[float]:
    """`ys` less the part of them that follows `xs` (a least-squares line)."""
    count = len(xs)
    mean_x, mean_y = sum(xs) / count, sum(ys) / count
    variance = sum((x - mean_x) ** 2 for x in xs)
    if variance == 0:
        return ys
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    slope = covariance / variance
    return [y - slope * (x - mean_x) for x, y in zip(xs, ys, strict=True)]


# -- rows ---------------------------------------------------------------------------


def _on_rows(
    xs: list[float], ys: list[float], lengths: list[float], rows: _Rows
) -> list[tuple[float, float]]:
    """Centres on rows for boxes of `lengths` (widths and gap) at (xs, ys): sorted
    from top to bottom and dealt into rows of about equal total length; within a
    row each box wants the place its rank from left to right gives it across the
    row's width, and gets the nearest place that does not overlap another."""
    count = len(xs)
    widest = max(lengths)
    step = (rows.width - widest) / max(count - 1, 1)
    wanted = [widest / 2 + rank * step for rank in _ranks(xs)]
    centres = [(0.0, 0.0)] * count
    top_down = sorted(range(count), key=lambda i: (ys[i], xs[i]))
    for row, members in enumerate(_dealt(top_down, lengths, rows.count)):
        members.sort(key=lambda i: (xs[i], i))
        placed = _spaced([wanted[i] for i in members], [lengths[i] for i in members])
        for i, x in zip(members, placed, strict=True):
            centres[i] = (x, row * rows.pitch)
    return centres


def _ranks(values: list[float]) -> list[int]:
    """Each value's rank from the smallest, equal values ranked by index."""
    ranks = [0] * len(values)
    for rank, i in enumerate(sorted(range(len(values)), key=values.__getitem__)):
        ranks[i] = rank
    return ranks


def _dealt(order: list[int], lengths: list[float], count: int) -> list[list[int]]:
    """`order` cut into at most `count` runs of about equal total length: each item
    goes to the run its middle falls in (a run left empty by a long item is left
    out)."""
    share = sum(lengths) / count
    runs: list[list[int]] = [[] for _ in range(count)]
    done = 0.0
    for i in order:
        runs[min(int((done + lengths[i] / 2) / share), count - 1)].append(i)
        done += lengths[i]
    return [run for run in runs if run]


def _spaced(wanted: list[float], lengths: list[float]) -> list[float]:
    """Centres for boxes of `lengths` on a line, in their order, touching at most,
    each as near to its `wanted` centre as the others allow (least squares).

    Boxes are taken from left to right, each a block of its own; while a block
    overlaps the one before it, the two merge into one block of boxes side by
    side, placed where its boxes want it on average (the "pool adjacent
    violators" method)."""
    blocks: list[_Block] = []
    for want, length in zip(wanted, lengths, strict=True):
        block = _Block(length, 1, want - length / 2)
        while blocks and blocks[-1].right > block.left:
            block = blocks.pop().followed_by(block)
        blocks.append(block)
    centres = []
    box = 0
    for block in blocks:
        left = block.left
        for _ in range(block.boxes):
            centres.append(left + lengths[box] / 2)
            left += lengths[box]
            box += 1
    return centres


@dataclass(frozen=True)
class _Block:
    """Boxes side by side: their total `length`, how many, and the sum of the left
    edges each box would give the block to stand where it wants."""

    length: float
    boxes: int
    wanted_lefts: float

    @property
    def left(self) -> float:
        return self.wanted_lefts / self.boxes

    @property
    def right(self) -> float:
        return self.left + self.length

    def followed_by(self, other: _Block) -> _Block:
        # Each of `other`'s boxes now stands `self.length` further from the left edge.
        return _Block(
            self.length + other.length,
            self.boxes + other.boxes,
            self.wanted_lefts + other.wanted_lefts - other.boxes * self.length,
        )


# -- packing ------------------------------------------------------------------------


def _pack(count: int, parts: list[_Placed], gap: float) -> Layout:
    """Parts in rows (largest first), each row as wide as the widest part or as a
    drawing of a 3:2 shape would be, whichever is wider."""
    spacing = gap * 3
    area = sum((part.width + spacing) * (part.height + spacing) for part in parts)
    row_width = max(max((part.width for part in parts), default=0.0), math.sqrt(area * 1.5))
    centres: list[Point] = [Point(0.0, 0.0)] * count
    x = y = row_height = width = 0.0
    for part in parts:
        if x > 0 and x + part.width > row_width:
            x, y, row_height = 0.0, y + row_height + spacing, 0.0
        for node, (cx, cy) in zip(part.nodes, part.centres, strict=True):
            centres[node] = Point(x + cx, y + cy)
        x += part.width + spacing
        width = max(width, x - spacing)
        row_height = max(row_height, part.height)
    return Layout(tuple(centres), width, y + row_height)
