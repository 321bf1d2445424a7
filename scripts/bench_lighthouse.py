"""Benchmark: Lighthouse's four scores for the site's main pages, phone and desktop.

Builds the example directory (or takes a site built already, --site), serves it
on 127.0.0.1 the way GitHub Pages serves a site, compressed (gzip) and with a
cache lifetime of ten minutes, and runs Lighthouse 13 with Debian's Chromium on
every page below, with its mobile preset (a simulated mid-range phone on a slow
4G network) and its desktop preset. It prints one row per page and preset:
performance, accessibility, best practices, SEO, and the performance figures
that make up the first score. The performance score of one run moves by several
points from run to run (Lighthouse's own documentation on variability says so,
and advises the median of several runs): each page and preset is measured
`--runs` times (3 unless told), and the row is the run of median performance,
with the lowest and highest performance beside it. Scores vary with the
machine's load too, which it prints; it asserts nothing.

Lighthouse comes from npm: the first run installs lighthouse@13 into
`build/lighthouse/` (ignored by git), which needs npm and the npm registry.

    .venv/bin/python scripts/bench_lighthouse.py [--site SITE_DIR] [--pages home,marketplace]
        [--presets mobile,desktop] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_HOME = REPO_ROOT / "build" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_HOME / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("ECOTONE_CHROMIUM", "/usr/bin/chromium")
TODAY = "2026-11-22"

# The browser tests' Chromium flags: without the background-networking ones,
# Chromium keeps calling Google's services, which a closed network refuses.
sys.path.insert(0, str(REPO_ROOT / "tests"))
from site_helpers import CHROMIUM_FLAGS  # noqa: E402

PAGES = {
    "home": "",
    "marketplace": "marketplace/",
    "collaboration": "spaces/loom-facilitation/conflict-skills-pilot/",
    "info-sharing": "spaces/circlewise/practice-notes/",
    "organization": "organizations/riverbend-clt/",
    "ecosystem": "ecosystem/",
    "matchmaking": "ecosystem/matchmaking/",
    "reviews": "reviews/",
    "playbook": "playbooks/circlewise/accountability/",
}
PRESETS = ("mobile", "desktop")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 95
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".atom", ".ics", ".csv")
# GitHub Pages' cache lifetime.
CACHE_CONTROL = "max-age=600"


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages sends them: text gzipped for a client that
    accepts it, every file with a cache lifetime."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and wants_gzip and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Keep the output for the table."""


class _Body:
    """The file-like object `send_head` returns: the compressed bytes."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self, *_: object) -> bytes:
        data, self._data = self._data, b""
        return data

    def close(self) -> None:
        pass


@contextmanager
def served_compressed(site: Path) -> Iterator[str]:
    handler = functools.partial(CompressingHandler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()


def install_lighthouse() -> None:
    """lighthouse@13 into build/lighthouse/, once."""
    if LIGHTHOUSE.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("Lighthouse needs npm (Debian: apt-get install npm).")
    print("Installing lighthouse@13 into build/lighthouse/…", flush=True)
    LIGHTHOUSE_HOME.mkdir(parents=True, exist_ok=True)
    install = [npm, "install", "--no-save", "--no-audit", "--no-fund"]
    subprocess.run(
        [*install, "--prefix", str(LIGHTHOUSE_HOME), "lighthouse@13"],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def build(site: Path, url: str) -> None:
    """The example directory built for `url` (instant navigation needs it)."""
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8") + f"\nsite_url: {url}\n"
    env = {**os.environ, "ECOTONE_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "-", "-d", str(site)],
        input=config,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        check=True,
    )


def lighthouse(url: str, preset: str, report: Path) -> dict:
    """Lighthouse's report of `url` with `preset`, as JSON."""
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}"]
    command += [f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    return json.loads(report.read_text(encoding="utf-8"))


def performance(result: dict) -> int:
    return round(100 * (result["categories"]["performance"]["score"] or 0))


def median_run(results: list[dict]) -> dict:
    """The run whose performance score is the median of the runs'."""
    return sorted(results, key=performance)[len(results) // 2]


def row(name: str, preset: str, results: list[dict]) -> str:
    result = median_run(results)
    scores = [round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES]
    audits = result["audits"]
    figures = (
        f"FCP {audits['first-contentful-paint']['numericValue'] / 1000:.1f} s,"
        f" LCP {audits['largest-contentful-paint']['numericValue'] / 1000:.1f} s,"
        f" TBT {audits['total-blocking-time']['numericValue']:.0f} ms,"
        f" CLS {audits['cumulative-layout-shift']['numericValue']:.3f}"
    )
    cells = " | ".join(f"{s:3d}{'' if s >= TARGET else '!'}" for s in scores)
    spread = sorted(performance(r) for r in results)
    return f"| {name:13} | {preset:7} | {cells} | {spread[0]} to {spread[-1]} | {figures} |"


def failing_audits(result: dict) -> list[str]:
    """The audits that cost points outside performance, and performance's insights
    and diagnostics that fail (what to fix, by name, where the machine's load
    makes the score itself noisy), for the reader to fix."""
    found = []
    for ref in result["categories"]["performance"]["auditRefs"]:
        audit = result["audits"][ref["id"]]
        score = audit["score"]
        if ref.get("group") in ("insights", "diagnostics") and score is not None and score < 0.9:
            found.append(f"performance: {ref['id']} ({audit['title']})")
    for category in CATEGORIES[1:]:
        for ref in result["categories"][category]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                found.append(f"{category}: {ref['id']} ({audit['title']})")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to serve instead of building one")
    parser.add_argument("--pages", default=",".join(PAGES), help="pages to measure, by name")
    parser.add_argument("--presets", default=",".join(PRESETS), help="mobile, desktop or both")
    parser.add_argument("--runs", type=int, default=3, help="runs of each page and preset")
    args = parser.parse_args()
    pages = {name: PAGES[name] for name in args.pages.split(",")}
    presets = args.presets.split(",")
    install_lighthouse()
    with tempfile.TemporaryDirectory(prefix="ecotone-lighthouse-") as folder:
        site = args.site or Path(folder) / "site"
        with served_compressed(site) as root:
            if not args.site:
                build(site, root)
            load = os.getloadavg()
            print(
                f"Lighthouse 13, {datetime.datetime.now():%Y-%m-%d %H:%M}, load average"
                f" {load[0]:.2f} ({os.cpu_count()} cores); served gzipped from {root}"
            )
            print(f"Each row: the median of {args.runs} runs by performance, with its range.")
            print(
                "| page          | preset  | perf | a11y | b.p. | seo  | perf range"
                " | performance figures |"
            )
            print("| --- | --- | --- | --- | --- | --- | --- | --- |")
            problems = []
            for name, path in pages.items():
                for preset in presets:
                    report = Path(folder) / "report.json"
                    results = [lighthouse(root + path, preset, report) for _ in range(args.runs)]
                    print(row(name, preset, results), flush=True)
                    problems += [
                        f"{name} ({preset}): {p}" for p in failing_audits(median_run(results))
                    ]
    print(f"Scores below {TARGET} are marked !; load average at the end {os.getloadavg()[0]:.2f}.")
    for problem in problems:
        print(f"  {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
