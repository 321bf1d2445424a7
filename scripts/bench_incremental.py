"""Benchmark: the work after one edit. For each size N (organizations, 3 spaces
each) it writes a directory with `ecotone synth`, then measures, each in a child
process (wall clock, CPU time and peak memory, from /usr/bin/time):

- parsing every entry file (read + libyaml's CSafeLoader, nothing else);
- `ecotone validate` cold (no cache), then warm: after one space file is edited,
  with the cache the cold run left (see ecotone.validate.cache);
- under `mkdocs serve`, in the directory made a git repository of one commit
  (as a directory is: each rebuild reads the files' dates and the seats'
  history from git), the time from saving an edited space file to its page
  showing the edit: serve's own rebuild, watched by polling the page; several
  edits one after the other (`--edits`), their median and range, since MkDocs
  notices a save only when it next polls the folders (every 0.5 s).

Targets from issue 15 are printed beside the figures at 1,000 organizations;
nothing is asserted. The machine may be shared: compare a figure with the one
measured beside it, and CPU time with CPU time.

    .venv/bin/python scripts/bench_incremental.py [--sizes 1000] [--port 8015] [--edits 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench import ENV, Run, measure, parse_only_command, synthesize

from ecotone.commands.synth import REFERENCE_DATE
from ecotone.validate.cache import CACHE_FOLDER

BIN = Path(sys.executable).parent
COLD_PARSE_RATIO, WARM_SECONDS, SERVE_SECONDS = 1.5, 0.5, 2.0


def edit_space(root: Path, marker: str) -> Path:
    """Give the first space a new title, `marker`; its file."""
    space = sorted((root / "partners").glob("*/spaces/*.yml"))[0]
    lines = space.read_text(encoding="utf-8").split("\n")
    lines = [f"title: {marker}" if line.startswith("title:") else line for line in lines]
    space.write_text("\n".join(lines), encoding="utf-8")
    return space


def page_of(space: Path) -> str:
    return f"spaces/{space.parent.parent.name}/{space.stem}/"


def commit_all(root: Path) -> None:
    """Make the directory a git repository whose one commit holds every file."""

    def git(*arguments: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org", *arguments],
            cwd=root, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip

    git("init", "--quiet")
    git("add", "--all")
    git("commit", "--quiet", "--message", "The synthetic directory")


def validate_runs(root: Path) -> tuple[Run, Run, Run]:
    parse_only = parse_only_command(root)
    validate = [str(BIN / "ecotone"), "validate", str(root), "--today", REFERENCE_DATE.isoformat()]
    measure(parse_only)  # warm the page cache and the interpreter's imports
    parse = measure(parse_only)
    shutil.rmtree(root / CACHE_FOLDER, ignore_errors=True)
    cold = measure(validate)
    edit_space(root, "An edited space for the warm run")
    warm = measure(validate)
    return parse, cold, warm


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, timeout: float) -> float | None:
    """Seconds until the page at `url` holds `text`, polling; None at the timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def serve_edits(root: Path, port: int, edits: int) -> tuple[float | None, list[float]]:
    """(seconds to the first build served, seconds from each save to the edited page;
    the edits one after the other, each once the last is served)."""
    base = f"http://127.0.0.1:{port}/"
    command = [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        first_space = sorted((root / "partners").glob("*/spaces/*.yml"))[0]
        first = wait_for(base + page_of(first_space), "</html>", timeout=1800)
        if first is None:
            return None, []
        times = []
        for edit in range(edits):
            marker = f"Edited at {time.time():.0f}, edit {edit + 1}"
            edit_space(root, marker)
            shown = wait_for(base + page_of(first_space), marker, timeout=1800)
            if shown is None:
                break
            times.append(shown)
        return first, times
    finally:
        server.terminate()
        server.wait(timeout=60)


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000", help="organizations, comma-separated")
    parser.add_argument("--port", type=int, default=8015, help="for mkdocs serve")
    parser.add_argument("--edits", type=int, default=5, help="saves under mkdocs serve (5)")
    args = parser.parse_args()
    print(f"Load average at the start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="ecotone-bench-incremental-") as folder:
        for orgs in sorted(int(size) for size in args.sizes.split(",")):
            root = Path(folder) / f"dir-{orgs}"
            synthesize(root, orgs)
            parse, cold, warm = validate_runs(root)
            judged = orgs == 1000
            print(f"\n== {orgs} organizations, {orgs * 3} spaces ==")
            print(f"  parse only (CSafeLoader)      {parse}")
            ratio = cold.wall / parse.wall
            print(f"  ecotone validate, cold        {cold}")
            print(
                f"    cold / parse                {ratio:7.2f} x (cpu {cold.cpu / parse.cpu:.2f} x)"
                + (f"   target <= {COLD_PARSE_RATIO} x: {verdict(ratio <= COLD_PARSE_RATIO)}"
                   if judged else "")
            )  # fmt: skip
            print(
                f"  ecotone validate, warm        {warm}   (one space file edited)"
                + (f"   target < {WARM_SECONDS} s: {verdict(warm.wall < WARM_SECONDS)}"
                   if judged else "")
            )  # fmt: skip
            sys.stdout.flush()
            commit_all(root)
            first, edits = serve_edits(root, args.port, args.edits)
            print(
                f"  mkdocs serve, first build     {first:7.2f} s" if first else "  no first build"
            )
            if edits:
                median = statistics.median(edits)
                print(
                    f"  mkdocs serve, save to page    {median:7.2f} s, the median of {len(edits)}"
                    f" ({min(edits):.2f} to {max(edits):.2f} s)"
                    + (f"   target <= {SERVE_SECONDS} s: {verdict(median <= SERVE_SECONDS)}"
                       if judged else "")
                )  # fmt: skip
            sys.stdout.flush()
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
