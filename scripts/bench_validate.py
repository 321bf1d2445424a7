"""Benchmark: validating a large directory, against merely parsing its files.

Writes a synthetic directory (ecotone.commands.synth) into a temporary folder, then times
two passes over the same files:

- parse only, the floor: read each file and `yaml.load` it with libyaml's
  CSafeLoader, nothing else;
- `validate_directory`: the safe loader, the schema check, the model and every
  rule, exactly what `ecotone validate` runs.

Targets (issue 2): validation within 2x parse-only, and under 3 s for 1,000
organizations and 3,000 spaces on the project's 2-core machine. The figures are
printed, never asserted: a timing is a measurement, not a test.

    .venv/bin/python scripts/bench_validate.py [--orgs 1000] [--spaces 3000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import yaml

from ecotone.commands.synth import REFERENCE_DATE, write_directory
from ecotone.validate.run import validate_directory

RATIO_TARGET = 2.0
SECONDS_TARGET = 3.0
MB = 1024 * 1024


def entry_files(root: Path) -> list[Path]:
    partners = root / "partners"
    return sorted(
        [
            *partners.glob("*/organization.yml"),
            *partners.glob("*/spaces/*.yml"),
            *partners.glob("*/playbooks/*.yml"),
        ]
    )


def parse_only(files: list[Path]) -> None:
    for path in files:
        yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run. On a busy machine the CPU time is the
    steadier figure; the targets are about the wall clock of an idle one."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def generate(root: Path, orgs: int, spaces: int) -> float:
    """Write the directory in a child process, so that the generator's memory does
    not count in this process's peak."""
    start = time.perf_counter()
    child = multiprocessing.get_context("spawn").Process(
        target=write_directory, args=(root, orgs, spaces)
    )
    child.start()
    child.join()
    if child.exitcode != 0:
        sys.exit(f"generating the directory failed (exit {child.exitcode})")
    return time.perf_counter() - start


def seconds(times: tuple[float, float]) -> str:
    return f"{times[0]:6.2f} s ({times[1]:.2f} s)"


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=1000, help="organizations (default 1000)")
    parser.add_argument("--spaces", type=int, default=3000, help="spaces (default 3000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (default 3)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ecotone-bench-") as folder:
        root = Path(folder)
        generated = generate(root, args.orgs, args.spaces)
        files = entry_files(root)
        megabytes = sum(path.stat().st_size for path in files) / MB
        print(
            f"Directory: {args.orgs} organizations, {args.spaces} spaces, "
            f"{len(files)} files, {megabytes:.1f} MB (generated in {generated:.1f} s)"
        )

        parse_only(files)  # warm the page cache, so that both passes read from memory
        report = validate_directory(root, REFERENCE_DATE)
        print(
            f"Validation: {len(report.errors)} errors, {len(report.warnings)} warnings, "
            f"{len(report.problems) - len(report.errors) - len(report.warnings)} notices"
        )
        if report.errors or report.warnings:
            print("The synthetic directory must validate clean; fix ecotone.commands.synth.")
            return 1
        del report

        # The warm-up above was the first run in this process: schemas compiled,
        # rule modules imported. The timed runs below are warm.
        parse_times, validate_times = [], []
        for _ in range(args.repeat):
            parse_times.append(timed(lambda: parse_only(files)))
            validate_times.append(timed(lambda: validate_directory(root, REFERENCE_DATE)))

        tracemalloc.start()
        validate_directory(root, REFERENCE_DATE)
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux

    parse_best, validate_best = min(parse_times), min(validate_times)
    ratio = validate_best[0] / parse_best[0]
    print(f"\nBest of {args.repeat} runs, wall clock (CPU time in brackets):")
    print(f"  parse only (read + yaml.load, CSafeLoader)  {seconds(parse_best)}")
    print(
        f"  validate_directory                          {seconds(validate_best)}   "
        f"target < {SECONDS_TARGET:.0f} s: {verdict(validate_best[0] < SECONDS_TARGET)}"
    )
    print(
        f"  ratio validate / parse                      {ratio:6.2f} x "
        f"({validate_best[1] / parse_best[1]:.2f} x)       "
        f"target <= {RATIO_TARGET:.0f} x: {verdict(ratio <= RATIO_TARGET)}"
    )
    print(
        f"  throughput                                  "
        f"{len(files) / validate_best[0]:6.0f} files/s"
    )
    print(
        f"  load average at the end                     {os.getloadavg()[0]:6.2f} on {os.cpu_count()} cores"
    )
    print("Memory:")
    print(
        f"  tracemalloc peak of one validate_directory  {traced_peak / MB:6.1f} MB  "
        "(Python allocations only; libyaml's and jsonschema-rs's own are not traced)"
    )
    print(
        f"  maxrss of this process                      {maxrss / MB:6.1f} MB  "
        "(resource.getrusage: the whole process's high-water mark, generation excluded)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
