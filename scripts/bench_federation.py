"""Benchmark: what reading a federated directory's snapshot costs every build.

For each size it writes a synthetic directory (ecotone.commands.synth), exports its
`/api/directory.json` as a federated directory would publish it, and times the
checks a build repeats on the committed snapshot (the published directory
schema, then the markup scan: `export_problems`) and the modelling of its
entries (`build_federated`). It prints the snapshot's size too, against the
32 MiB bound of `ecotone federate`. The figure is the best of three runs, in CPU
time, with the wall clock beside it; it asserts nothing.

    .venv/bin/python scripts/bench_federation.py [--orgs 100 1000] [--spaces-per-org 3]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ecotone.commands.federate import MAX_BYTES
from ecotone.commands.synth import REFERENCE_DATE, write_directory
from ecotone.export.directory_json import directory_json
from ecotone.export.urls import SiteUrls
from ecotone.load.federation import Network, Partner, export_problems
from ecotone.load.positions import Source
from ecotone.model import build_federated
from ecotone.sitedata import site_data
from ecotone.validate.run import validate_directory

SITE = "https://riverside.example.org/"


def best(step: Callable[[], object]) -> tuple[float, float]:
    """The best CPU and wall-clock seconds of three runs."""
    runs = []
    for _ in range(3):
        cpu, wall = time.process_time(), time.perf_counter()
        step()
        runs.append((time.process_time() - cpu, time.perf_counter() - wall))
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--spaces-per-org", type=int, default=3)
    args = parser.parse_args()
    partner = Partner("riverside", SITE)
    print(f"{'orgs':>6} {'spaces':>7} {'snapshot':>10} {'check (cpu/wall)':>18} {'model':>16}")
    for orgs in args.orgs:
        spaces = orgs * args.spaces_per_org
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            write_directory(root, orgs, spaces)
            directory = validate_directory(root, REFERENCE_DATE).directory
            text = directory_json(
                site_data(directory, REFERENCE_DATE, {}), SiteUrls(SITE), "Riverside"
            )
        document = json.loads(text)
        problems = export_problems(document, partner)
        assert not problems, problems
        network = Network(partner, "Riverside", Source(partner.snapshot_file, ""), document)
        check = best(lambda document=document: export_problems(document, partner))
        model = best(lambda network=network: build_federated((partner,), (network,), None))
        size = len(text.encode("utf-8"))
        print(
            f"{orgs:>6} {spaces:>7} {size / 2**20:>8.1f}MB "
            f"{check[0]:>8.2f}s/{check[1]:.2f}s {model[0]:>8.2f}s/{model[1]:.2f}s"
        )
    print(f"(ecotone federate refuses a snapshot over {MAX_BYTES / 2**20:.0f} MiB)")


if __name__ == "__main__":
    main()
