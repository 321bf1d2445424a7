"""Benchmark: the ecosystem view of large directories.

For each size it writes a synthetic directory (ecotone.commands.synth) into a temporary
folder, validates it once, then times each step the build adds for the
ecosystem: matchmaking for every organization, the map's layout and SVG, the
four ecosystem pages together (matchmaking and map included) and one by one
(the matchmaking page with the matches found beforehand), the principles
tally, the review agenda and each open-data format. Each step runs on a fresh
copy of the directory, so that nothing one run computed and kept for the
directory (as matchmaking does) makes the next one faster; the figure is the
best of a few runs, in CPU time (the steadier figure on a busy machine) with
the wall clock beside it. Last comes how each step grows from the smallest size
to the largest. It asserts nothing, since a timing is a measurement, not a test.

    .venv/bin/python scripts/bench_ecosystem.py [--orgs 300 1000] [--spaces-per-org 3]
"""

from __future__ import annotations

import argparse
import copy
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ecotone.analysis.history import entry_dates
from ecotone.analysis.matchmaking import all_suggestions
from ecotone.analysis.principles import summary
from ecotone.analysis.reviews import agenda
from ecotone.commands.synth import REFERENCE_DATE, write_directory
from ecotone.export import directory_json, kumu, tables
from ecotone.export.reviews_calendar import reviews_calendar
from ecotone.export.spaces_feed import spaces_feed
from ecotone.export.urls import SiteUrls
from ecotone.model import Directory
from ecotone.render.ecosystem import (
    ecosystem_files,
    ecosystem_page,
    matchmaking_page,
    principles_page,
    reviews_page,
)
from ecotone.render.ecosystem_map import ecosystem_map, map_svg
from ecotone.render.environment import Renderer
from ecotone.render.pages import SiteSettings
from ecotone.sitedata import site_data
from ecotone.validate.run import validate_directory

URLS = SiteUrls("https://directory.example.org/")


@dataclass(frozen=True)
class Timing:
    cpu: float
    wall: float
    size: str


def timed(step: Callable[[Directory], object], directory: Directory, repeat: int) -> Timing:
    """The best of `repeat` runs of `step`, each on a fresh copy of `directory`."""
    best: Timing | None = None
    for _ in range(repeat):
        fresh = copy.copy(directory)
        cpu, wall = time.process_time(), time.perf_counter()
        result = step(fresh)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        size = f"{len(result):>10,} chars" if isinstance(result, str) else ""
        if best is None or cpu < best.cpu:
            best = Timing(cpu, wall, size)
    assert best is not None
    return best


def ecosystem_pages(directory: Directory) -> str:
    pages = ecosystem_files(site_data(directory, REFERENCE_DATE, {}), SiteSettings(), Renderer())
    return "".join(str(page.content) for page in pages)


def steps(directory: Directory) -> dict[str, Callable[[Directory], object]]:
    dates = entry_dates(directory, {}, REFERENCE_DATE)
    data = site_data(directory, REFERENCE_DATE, {})
    renderer = Renderer()
    return {
        "site data (all derived, once)": lambda d: site_data(d, REFERENCE_DATE, {}),
        "matchmaking (all)": all_suggestions,
        "map layout": ecosystem_map,
        "map SVG (layout included)": lambda d: "".join(map_svg(d, "../", Renderer())),
        "ecosystem pages (all four)": ecosystem_pages,
        "- ecosystem page (map in, given)": lambda d: str(
            ecosystem_page(data, False, renderer).content
        ),
        "- matchmaking page (given)": lambda d: str(matchmaking_page(data, renderer).content),
        "- principles page (given)": lambda d: str(principles_page(data, renderer).content),
        "- reviews page (given)": lambda d: str(reviews_page(data, False, renderer).content),
        "principles tally": summary,
        "review agenda": lambda d: agenda(d, REFERENCE_DATE),
        "api/directory.json (given)": lambda d: directory_json.directory_json(data, URLS, "Bench"),
        "exports/organizations.csv": lambda d: tables.organizations_csv(d, URLS),
        "exports/spaces.csv": lambda d: tables.spaces_csv(d, URLS),
        "exports/kumu.json": lambda d: "".join(kumu.blueprint_json(d, URLS)),
        "feeds/spaces.atom": lambda d: spaces_feed(
            d, dates, URLS, "Bench", "bench.example.org,2026"
        ),
        "feeds/reviews.ics (given)": lambda d: "".join(
            reviews_calendar(data, URLS, "Bench", "bench.example.org,2026")
        ),
    }


def bench(orgs: int, spaces: int, repeat: int) -> dict[str, Timing]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_directory(root, orgs, spaces)
        directory = validate_directory(root, REFERENCE_DATE).directory
    print(
        f"\n{len(directory.organizations)} organizations, {len(directory.spaces)} spaces, "
        f"{len(directory.playbooks)} playbooks (best of {repeat})"
    )
    print(f"  {'':<28} {'CPU':>8} {'wall':>8}")
    timings = {}
    for label, step in steps(directory).items():
        timings[label] = timing = timed(step, directory, repeat)
        print(f"  {label:<28} {timing.cpu:7.3f}s {timing.wall:7.3f}s {timing.size}")
    drawn = ecosystem_map(directory)
    print(f"  {'map size':<28} {drawn.width:.0f} x {drawn.height:.0f} px")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, nargs="+", default=[300, 1000])
    parser.add_argument("--spaces-per-org", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = sorted(args.orgs)
    results = {n: bench(n, n * args.spaces_per_org, args.repeat) for n in sizes}
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        print(f"\nGrowth in CPU time from {small} to {large} organizations ({large / small:.1f}x):")
        for label, timing in results[large].items():
            before = results[small][label].cpu
            ratio = f"{timing.cpu / before:5.1f}x" if before > 0 else "    -"
            print(f"  {label:<28} {ratio}")


if __name__ == "__main__":
    main()
