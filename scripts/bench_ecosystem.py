"""Benchmark: the ecosystem view of a large directory.

Writes a synthetic directory (ecotone.synth) into a temporary folder, validates
it once, then times each step the build adds for the ecosystem: matchmaking for
every organization, the principles tally, the review agenda, the map's layout
and SVG, and each open-data format. It prints the figures and the sizes of what
is written; it asserts nothing, since a timing is a measurement, not a test.

    .venv/bin/python scripts/bench_ecosystem.py [--orgs 300] [--spaces 300]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ecotone.export import directory_json, kumu, tables
from ecotone.export.reviews_calendar import reviews_calendar
from ecotone.export.spaces_feed import spaces_feed
from ecotone.export.urls import SiteUrls
from ecotone.history import entry_dates
from ecotone.matchmaking import all_suggestions
from ecotone.principles import summary
from ecotone.render.ecosystem_map import ecosystem_map, map_svg
from ecotone.reviews import agenda
from ecotone.synth import REFERENCE_DATE, write_directory
from ecotone.validate import validate_directory

URLS = SiteUrls("https://directory.example.org/")


def timed(label: str, step: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = step()
    seconds = time.perf_counter() - start
    size = f"{len(result):>10,} chars" if isinstance(result, str) else ""
    print(f"  {label:<28} {seconds:7.3f} s {size}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=300)
    parser.add_argument("--spaces", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_directory(root, args.orgs, args.spaces)
        directory = validate_directory(root, REFERENCE_DATE).directory
    dates = entry_dates(directory, {})
    print(
        f"{len(directory.organizations)} organizations, {len(directory.spaces)} spaces, "
        f"{len(directory.playbooks)} playbooks"
    )
    timed("matchmaking (all)", lambda: all_suggestions(directory))
    timed("principles tally", lambda: summary(directory))
    timed("review agenda", lambda: agenda(directory, REFERENCE_DATE))
    drawn = timed("map layout", lambda: ecosystem_map(directory))
    assert not isinstance(drawn, str)
    print(f"  {'':<28} {drawn.width:.0f} x {drawn.height:.0f} px")  # type: ignore[attr-defined]
    timed("map SVG (layout included)", lambda: map_svg(directory, "../"))
    timed("api/directory.json", lambda: directory_json.directory_json(directory, URLS))
    timed("exports/organizations.csv", lambda: tables.organizations_csv(directory, URLS))
    timed("exports/spaces.csv", lambda: tables.spaces_csv(directory, URLS))
    timed("exports/kumu.json", lambda: kumu.blueprint_json(directory, URLS))
    timed("feeds/spaces.atom", lambda: spaces_feed(directory, dates, URLS, "Bench"))
    timed("feeds/reviews.ics", lambda: reviews_calendar(directory, dates, URLS, "Bench"))


if __name__ == "__main__":
    main()
