"""Benchmark: the site's generated files, per output folder.

Writes a synthetic directory (ecotone.commands.synth) into a temporary folder, validates
it once, then iterates `site.generated_files` as a build does and charges the
time spent producing each file to its folder (the first segment of its address):
organizations/, spaces/, api/, exports/ and so on. Matchmaking is timed on its
own, with the rest of the site data, computed once beforehand, so that the
organizations/ and ecosystem/ figures are their pages' own. It prints CPU time (the steadier figure on a
shared machine) and wall clock, the best of `--repeat` runs; it asserts nothing.

`--gc-frozen` moves the validated model out of the cycle collector's reach
(`gc.freeze()`): the collector's full passes otherwise walk the whole model again
and again while pages are made.

    .venv/bin/python scripts/bench_pages.py [--orgs 1000] [--spaces 3000]
        [--repository https://github.com/OWNER/REPO] [--repeat 3] [--gc-frozen]
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from ecotone.analysis.git import git_file_dates
from ecotone.commands.synth import REFERENCE_DATE, write_directory
from ecotone.render import site
from ecotone.render.environment import Renderer
from ecotone.render.pages import SiteSettings
from ecotone.sitedata import SiteData, site_data
from ecotone.validate.run import validate_directory

SITE_URL = "https://directory.example.org/"
TARGET_SECONDS = 3.0  # issue 6: every folder but ecosystem/, at N=1000


def folder_times(
    data: SiteData, settings: SiteSettings
) -> tuple[dict[str, float], dict[str, float], dict[str, int]]:
    """CPU and wall seconds per folder, and the number of files in each."""
    cpu: dict[str, float] = defaultdict(float)
    wall: dict[str, float] = defaultdict(float)
    files: dict[str, int] = defaultdict(int)
    cpu_start, wall_start = time.process_time(), time.perf_counter()
    for generated in site.generated_files(data, settings, Renderer()):
        generated.content  # a page's body is rendered when asked for  # noqa: B018
        folder = generated.src_uri.split("/")[0]
        cpu[folder] += time.process_time() - cpu_start
        wall[folder] += time.perf_counter() - wall_start
        files[folder] += 1
        cpu_start, wall_start = time.process_time(), time.perf_counter()
    return cpu, wall, files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=1000)
    parser.add_argument("--spaces", type=int, default=3000)
    parser.add_argument("--repository", help="extra.ecotone.repository (proposal links)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--gc-frozen", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_directory(root, args.orgs, args.spaces)
        directory = validate_directory(root, REFERENCE_DATE).directory
        if args.gc_frozen:
            gc.freeze()
        settings = SiteSettings(repository=args.repository, url=SITE_URL, name="Bench")
        start = time.process_time()
        data = site_data(
            directory,
            REFERENCE_DATE,
            git_file_dates(root, REFERENCE_DATE),
            proposing=bool(args.repository),
        )
        print(f"site data (matchmaking in it), apart: {time.process_time() - start:.2f} s CPU")
        best_cpu: dict[str, float] = {}
        best_wall: dict[str, float] = {}
        for _ in range(args.repeat):
            cpu, wall, files = folder_times(data, settings)
            for name in cpu:
                best_cpu[name] = min(best_cpu.get(name, cpu[name]), cpu[name])
                best_wall[name] = min(best_wall.get(name, wall[name]), wall[name])
    print(f"{'folder':<14} {'files':>6} {'CPU':>8} {'wall':>8}  (best of {args.repeat})")
    for name in sorted(best_cpu, key=best_cpu.__getitem__, reverse=True):
        print(f"{name:<14} {files[name]:>6} {best_cpu[name]:7.2f}s {best_wall[name]:7.2f}s")
    ours = sum(seconds for name, seconds in best_cpu.items() if name != "ecosystem")
    print(f"all but ecosystem/: {ours:.2f} s CPU (target < {TARGET_SECONDS} s at N=1000)")


if __name__ == "__main__":
    main()
