"""Layout: positions for the boxes of a graph, computed in Python, the same on
every run, with no two boxes overlapping.

Each connected part of the graph is laid out on its own, in three steps:

1. Nodes start on a sunflower spiral in breadth-first order from the
   best-connected node, so neighbours start near each other.
2. A force-directed pass (Fruchterman and Reingold: linked nodes pull together,
   near nodes push apart, a light pull toward the middle keeps the part round)
   settles them. Repulsion only acts within a few ideal edge lengths, found
   through a grid of cells, so a step costs about as much as there are nodes
   and edges, not their square.
3. The boxes are snapped onto rows, best-connected first, each into the free
   place nearest to where the forces put it. All boxes have the same height,
   so a row holds boxes side by side and none can overlap, however dense the
   middle of the graph is.

The parts are then packed in rows, largest first, single nodes last. No
randomness is used; the result depends on the input alone.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
ITERATIONS = 40
# How much bigger than its boxes' total area a part's forces may spread it, so
# that rows keep room for each box near where the forces placed it.
SPREAD = 2.2


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


def layout(
    widths: Sequence[float], height: float, edges: Sequence[tuple[int, int]], gap: float
) -> Layout:
    """Centres for boxes of the given `widths` (by index) and one common `height`,
    linked by `edges` (index pairs), with at least `gap` between boxes."""
    neighbours = _adjacency(len(widths), edges)
    parts = []
    for part in _components(neighbours):
        forces = _settle(part, neighbours, widths, height, gap)
        parts.append(_snap(part, forces, neighbours, widths, height, gap))
    return _pack(len(widths), parts, gap)


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


# -- force-directed settling -------------------------------------------------------


def _settle(
    part: list[int],
    neighbours: list[list[int]],
    widths: Sequence[float],
    height: float,
    gap: float,
) -> dict[int, tuple[float, float]]:
    """Positions for the part's nodes, spread over about SPREAD times its boxes' area."""
    if len(part) == 1:
        return {part[0]: (0.0, 0.0)}
    area = sum((widths[n] + gap) * (height + gap) for n in part) * SPREAD
    ideal = math.sqrt(area / len(part))
    local = {node: i for i, node in enumerate(part)}
    links = [[local[o] for o in neighbours[node] if o in local] for node in part]
    xs = [ideal * 0.5 * math.sqrt(i + 0.5) * math.cos(i * GOLDEN_ANGLE) for i in range(len(part))]
    ys = [ideal * 0.5 * math.sqrt(i + 0.5) * math.sin(i * GOLDEN_ANGLE) for i in range(len(part))]
    reach = 1.2 * ideal
    reach2 = reach * reach
    # Three times Fruchterman and Reingold's repulsion: with repulsion cut off at
    # `reach`, theirs lets a large part shrink to a fraction of its room.
    push = 3 * ideal * ideal
    temperature = ideal * 2.0
    cooling = (0.03 / 2.0) ** (1 / ITERATIONS)
    count = len(part)
    for _ in range(ITERATIONS):
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        cells = [(math.floor(xs[i] / reach), math.floor(ys[i] / reach)) for i in range(count)]
        for i, cell in enumerate(cells):
            grid[cell].append(i)
        moves = []
        for i in range(count):
            x, y = xs[i], ys[i]
            fx, fy = -x * 0.03, -y * 0.03
            cx, cy = cells[i]
            for gx in (cx - 1, cx, cx + 1):
                for gy in (cy - 1, cy, cy + 1):
                    for j in grid.get((gx, gy), ()):
                        dx, dy = x - xs[j], y - ys[j]
                        d2 = dx * dx + dy * dy
                        if d2 >= reach2 or j == i:
                            continue
                        if d2 < 1e-6:  # the same place: part them by index
                            dx, d2 = (1.0 if i > j else -1.0), 1.0
                        fx += dx * push / d2
                        fy += dy * push / d2
            for j in links[i]:
                dx, dy = xs[j] - x, ys[j] - y
                pull = math.sqrt(dx * dx + dy * dy) / ideal
                fx += dx * pull
                fy += dy * pull
            moves.append((fx, fy))
        for i, (fx, fy) in enumerate(moves):
            length = math.sqrt(fx * fx + fy * fy)
            if length > temperature:
                fx, fy = fx * temperature / length, fy * temperature / length
            xs[i] += fx
            ys[i] += fy
        temperature *= cooling
    return {node: (xs[i], ys[i]) for i, node in enumerate(part)}


# -- snapping onto rows --------------------------------------------------------------


class _Rows:
    """Occupied spans on rows of equal height: per row, sorted (left, right) pairs that
    do not overlap. Gap g of a row lies between span g - 1 and span g."""

    def __init__(self) -> None:
        self.spans: dict[int, list[tuple[float, float]]] = defaultdict(list)

    def nearest_free(self, row: int, start: float, length: float) -> float:
        """The start nearest to `start` of a free span of `length` on `row`: the gaps
        are walked outward from the one at `start`, and each walk stops as soon as no
        gap further on could come closer, so a call costs a search and a few steps."""
        spans = self.spans[row]
        here = bisect.bisect_right(spans, (start, math.inf))
        best, distance = start, math.inf
        for gap in range(here, -1, -1):
            low, high = _gap(spans, gap)
            if start - (high - length) >= distance:
                break
            best, distance = _closer(best, distance, start, low, high, length)
        for gap in range(here + 1, len(spans) + 1):
            low, high = _gap(spans, gap)
            if low - start >= distance:
                break
            best, distance = _closer(best, distance, start, low, high, length)
        return best

    def take(self, row: int, left: float, right: float) -> None:
        bisect.insort(self.spans[row], (left, right))


def _gap(spans: list[tuple[float, float]], gap: int) -> tuple[float, float]:
    low = spans[gap - 1][1] if gap > 0 else -math.inf
    high = spans[gap][0] if gap < len(spans) else math.inf
    return low, high


def _closer(
    best: float, distance: float, start: float, low: float, high: float, length: float
) -> tuple[float, float]:
    """The better of `best` and the place nearest `start` in the gap (low, high)."""
    if high - low < length:
        return best, distance
    candidate = min(max(start, low), high - length)
    return (
        (candidate, abs(candidate - start))
        if abs(candidate - start) < distance
        else (
            best,
            distance,
        )
    )


def _snap(
    part: list[int],
    forces: dict[int, tuple[float, float]],
    neighbours: list[list[int]],
    widths: Sequence[float],
    height: float,
    gap: float,
) -> tuple[list[int], list[tuple[float, float]], float, float]:
    """Each box on the row nearest its forced position, best-connected first, at the
    free place nearest to it; then the part moved to start at (0, 0)."""
    pitch = height + gap
    rows = _Rows()
    placed: dict[int, tuple[float, float]] = {}
    order = sorted(part, key=lambda n: (-len(neighbours[n]), n))
    for node in order:
        x, y = forces[node]
        length = widths[node] + gap
        home = round(y / pitch)
        best: tuple[float, int, float] | None = None
        for step in range(0, len(part) + 1):
            if best is not None and (step - 0.5) * pitch > math.sqrt(best[0]):
                break
            for row in sorted({home - step, home + step}):
                left = rows.nearest_free(row, x - length / 2, length)
                dx, dy = left + length / 2 - x, row * pitch - y
                cost = dx * dx + dy * dy
                if best is None or cost < best[0]:
                    best = (cost, row, left)
        assert best is not None
        _, row, left = best
        rows.take(row, left, left + length)
        placed[node] = (left + length / 2, row * pitch)
    left_edge = min(placed[n][0] - widths[n] / 2 for n in part)
    top_edge = min(placed[n][1] for n in part) - height / 2
    right_edge = max(placed[n][0] + widths[n] / 2 for n in part)
    bottom_edge = max(placed[n][1] for n in part) + height / 2
    centres = [(placed[n][0] - left_edge, placed[n][1] - top_edge) for n in part]
    return part, centres, right_edge - left_edge, bottom_edge - top_edge


# -- packing ------------------------------------------------------------------------


def _pack(
    count: int,
    parts: list[tuple[list[int], list[tuple[float, float]], float, float]],
    gap: float,
) -> Layout:
    """Parts in rows (largest first), each row as wide as the widest part or as a
    drawing of a 3:2 shape would be, whichever is wider."""
    spacing = gap * 3
    area = sum((w + spacing) * (h + spacing) for _, _, w, h in parts)
    row_width = max(max((w for _, _, w, _ in parts), default=0.0), math.sqrt(area * 1.5))
    centres: list[Point] = [Point(0.0, 0.0)] * count
    x = y = row_height = width = 0.0
    for members, local, w, h in parts:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + spacing, 0.0
        for node, (cx, cy) in zip(members, local, strict=True):
            centres[node] = Point(x + cx, y + cy)
        x += w + spacing
        width = max(width, x - spacing)
        row_height = max(row_height, h)
    return Layout(tuple(centres), width, y + row_height)
