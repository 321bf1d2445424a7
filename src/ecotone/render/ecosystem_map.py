"""The ecosystem map: organizations and spaces as an SVG drawn at build time.

Every space is a node of its own between the organizations in it, the
relationship as a third party: a line runs from its host, and from each
participant (dashed while only invited), to the space. Only the mutual lines
size the markers and shape the layout. The layout is computed
in Python (`ecotone.render.layout`) from the directory alone, so the same data gives
the same drawing. Each node is a link to its page with a `<title>` naming it,
and the template escapes every name through ecotone's render environment.

Links use `xlink:href`, not `href`: Material's instant navigation rewrites
every `[href]` of a page by assigning `element.href`, which an SVG link does not
allow (its `href` is read-only), and the page would log an error.

Labels sit under their marker, on up to two lines, and are part of the box the
layout keeps apart, so they do not cover each other; longer names are shortened
with an ellipsis (the `<title>` keeps the whole). Text widths are estimated from the character count,
since the build has no fonts to measure with. Each label sits on a box of the
page's colour, drawn with the nodes above every line, so no line crosses a name.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ecotone.addresses import organization_path, space_path
from ecotone.model import Directory, Organization, Space, Standing
from ecotone.render.environment import Renderer
from ecotone.render.layout import layout
from ecotone.wording import label

ORG_FONT = 13.0
SPACE_FONT = 12.0  # the smallest text on the map: legible on a phone at its own size
CHAR_WIDTH = 0.62  # of the font size: a generous average for sans-serif text
BOLD_CHAR_WIDTH = 0.7  # the same for the bold names of organizations
LINE_CHARS = 20  # a label wraps onto a second line past this, and stops after it
MARKER = 32.0  # room for the largest marker
BOX_HEIGHT = MARKER + 2 * (ORG_FONT + 2) + 4
MARGIN = 24.0
GAP = 18.0


@dataclass(frozen=True)
class MapNode:
    kind: str  # "organization" or "space"
    id: str
    name: str
    lines: tuple[str, ...]  # the label shown: one or two lines, shortened if long
    description: str  # the title's second part: what it is
    href: str  # relative to the site's root
    x: float
    y: float
    radius: float
    mode: str = ""
    status: str = ""
    topics: str = ""
    network: str = ""  # an organization of a federated directory: `href` is absolute

    @property
    def font(self) -> float:
        return ORG_FONT if self.kind == "organization" else SPACE_FONT

    @property
    def label_y(self) -> float:
        return round(self.y + self.radius + self.font + 2, 1)

    @property
    def label_width(self) -> float:
        return label_width(self.lines, self.kind)

    @property
    def label_box(self) -> tuple[float, float, float, float]:
        """x, y, width and height of the box behind the label: from above the first
        line's capitals to below the last line's descenders."""
        width = self.label_width + 4
        height = (len(self.lines) - 1) * (self.font + 2) + self.font * 1.3
        top = self.label_y - self.font
        return (round(self.x - width / 2, 1), round(top, 1), round(width, 1), round(height, 1))


@dataclass(frozen=True)
class MapEdge:
    x1: float
    y1: float
    x2: float
    y2: float
    kind: str  # "hosts", "confirmed" or "invited"
    organization: str
    space: str


@dataclass(frozen=True)
class EcosystemMap:
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    width: float
    height: float
    organizations: int
    spaces: int


def ecosystem_map(directory: Directory) -> EcosystemMap:
    orgs = (*directory.organizations, *_federated_participants(directory))
    spaces = directory.spaces
    index = {org.id: i for i, org in enumerate(orgs)}
    index.update({space.id: len(orgs) + i for i, space in enumerate(spaces)})
    links = _links(directory, index)
    labels = [_wrapped(org.name) for org in orgs] + [_wrapped(space.title) for space in spaces]
    kinds = ["organization"] * len(orgs) + ["space"] * len(spaces)
    widths = [
        max(label_width(lines, kind), MARKER) for lines, kind in zip(labels, kinds, strict=True)
    ]
    # An invitation is drawn, dashed, but moves and grows nobody: one file inviting
    # every organization must not change how another organization's marker looks.
    mutual = [(a, b) for a, b, kind in links if kind != "invited"]
    placed = layout(widths, BOX_HEIGHT, mutual, gap=GAP)
    degree = [0] * len(widths)
    for a, b in mutual:
        degree[a] += 1
        degree[b] += 1

    # Each marker's centre: in its box's top part, the label below it.
    markers = [
        (round(centre.x + MARGIN, 1), round(centre.y + MARGIN - BOX_HEIGHT / 2 + 16, 1))
        for centre in placed.centres
    ]
    nodes = [
        _org_node(org, labels[i], *markers[i], _radius(i, degree), directory)
        for i, org in enumerate(orgs)
    ] + [
        _space_node(
            space,
            labels[len(orgs) + i],
            *markers[len(orgs) + i],
            _radius(len(orgs) + i, degree),
            directory,
        )
        for i, space in enumerate(spaces)
    ]
    edges = tuple(
        MapEdge(*markers[org], *markers[space], kind, nodes[org].id, nodes[space].id)
        for org, space, kind in links
    )
    return EcosystemMap(
        nodes=tuple(nodes),
        edges=edges,
        width=round(placed.width + 2 * MARGIN, 1),
        height=round(placed.height + 2 * MARGIN, 1),
        organizations=len(orgs),
        spaces=len(spaces),
    )


def map_svg(directory: Directory, root: str, renderer: Renderer) -> Iterator[Markup]:
    """The map as an SVG element, for a page whose path to the site's root is `root`:
    in pieces as it is rendered (at 10,000 organizations it is 55 MB), each on one
    line as markup in a page is (see ecotone.render.environment)."""
    return renderer.generate_markup("ecosystem-map.svg", map=ecosystem_map(directory), root=root)


def label_width(lines: Sequence[str], kind: str) -> float:
    """The estimated width of a label: organizations' names are bold."""
    if kind == "organization":
        return max(len(line) for line in lines) * ORG_FONT * BOLD_CHAR_WIDTH
    return max(len(line) for line in lines) * SPACE_FONT * CHAR_WIDTH


def _links(directory: Directory, index: dict[str, int]) -> list[tuple[int, int, str]]:
    """(organization, space, kind) for the host and each participant of each space,
    each organization once per space (confirmed outranks invited)."""
    links: dict[tuple[int, int], str] = {}
    for space in directory.spaces:
        node = index[space.id]
        links[(index[space.host], node)] = "hosts"
        for participant in space.participants:
            org = index.get(participant.organization)
            if org is None:
                continue
            kind = (
                "confirmed"
                if directory.standing(space, participant) is Standing.CONFIRMED
                else "invited"
            )
            if links.get((org, node)) in (None, "invited"):
                links[(org, node)] = kind
    return [(org, node, kind) for (org, node), kind in links.items()]


def _federated_participants(directory: Directory) -> tuple[Organization, ...]:
    """The organizations of federated directories that this directory's spaces list,
    drawn where they are connected (they have no pages here)."""
    ids = sorted(
        {p.organization for space in directory.spaces for p in space.participants}
        & set(directory.federated.organizations)
    )
    return tuple(directory.federated.organizations[org_id] for org_id in ids)


def _radius(i: int, degree: Sequence[int]) -> float:
    return min(6.0 + 1.5 * degree[i], 16.0)


def _wrapped(text: str) -> tuple[str, ...]:
    """The text on one line, or two lines broken at a space, the second shortened with
    an ellipsis if the text is longer still."""
    if len(text) <= LINE_CHARS:
        return (text,)
    cut = text.rfind(" ", 0, LINE_CHARS + 1)
    if cut <= 0:
        cut = LINE_CHARS
    first, rest = text[:cut].rstrip(), text[cut:].strip()
    if len(rest) > LINE_CHARS:
        rest = rest[: LINE_CHARS - 1].rstrip() + "…"
    return (first, rest)


def _org_node(
    org: Organization,
    lines: tuple[str, ...],
    x: float,
    y: float,
    radius: float,
    directory: Directory,
) -> MapNode:
    hosted = len(directory.spaces_hosted_by(org.id))
    home = directory.home(org.id)
    if home is not None:
        description = f"organization in {home.directory_name}, a federated directory"
    else:
        description = f"organization, hosts {hosted} {'space' if hosted == 1 else 'spaces'}"
    return MapNode(
        kind="organization",
        id=org.id,
        name=org.name,
        lines=lines,
        description=description,
        href=home.url if home else organization_path(org.id),
        network=home.network if home else "",
        x=x,
        y=y,
        radius=radius,
        topics=" ".join(org.topics),
    )


def _space_node(
    space: Space,
    lines: tuple[str, ...],
    x: float,
    y: float,
    radius: float,
    directory: Directory,
) -> MapNode:
    return MapNode(
        kind="space",
        id=space.id,
        name=space.title,
        lines=lines,
        description=f"{label(space.mode.value).lower()} space, {space.status}, "
        f"hosted by {directory.display_name(space.host)}",
        href=space_path(space.id),
        x=x,
        y=y,
        radius=radius,
        mode=space.mode.value,
        status=space.status,
        topics=" ".join(space.topics),
    )
