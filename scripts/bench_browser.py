"""Benchmark: the marketplace of a large directory in headless Chromium.

Builds a synthetic directory (1,000 organizations, 3,000 spaces by default) with
`ecotone synth` and `mkdocs build`, or takes a site built already (--site),
serves it on 127.0.0.1 and measures, best of --repeat page loads:

- from navigation to the marketplace being usable: the script has taken over
  the form and the cards (performance.now() in the page, whose origin is the
  navigation's start);
- one filter change (mode) and one keystroke in the text box that narrows
  the cards further: the time inside the page from dispatching the event to
  the count showing the new figure, and to the next frame after it (the cards
  drawn).

It prints the size of the page's HTML and of the card data the script fetches
(marketplace/cards.json, when the site has one).

Targets from issue 6 are printed beside the figures; nothing is asserted.

    .venv/bin/python scripts/bench_browser.py [--orgs 1000] [--site SITE_DIR]
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from ecotone.commands.synth import REFERENCE_DATE
from ecotone.render.site import TODAY_VARIABLE

# The browser tests' own server for a built site, and their Chromium flags.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from site_helpers import CHROMIUM_FLAGS, served

BIN = Path(sys.executable).parent
USABLE_MS, UPDATE_MS = 1500, 100
CHROMIUM = os.environ.get("ECOTONE_CHROMIUM", "/usr/bin/chromium")

USABLE = """() => {
  const form = document.querySelector("form.eco-filters");
  return form && form.dataset.ready && document.querySelector("li.eco-card") ? performance.now() : 0;
}"""

# Change a control, then time until the count reads differently (the handler is
# synchronous, so that is when dispatchEvent returns) and until the next frame.
CHANGE = """async ([selector, value, type]) => {
  const control = document.querySelector(selector);
  const count = document.querySelector(".eco-count");
  const before = count.textContent;
  const start = performance.now();
  control.value = value;
  control.dispatchEvent(new Event(type, { bubbles: true }));
  const updated = performance.now();
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  return { updated: updated - start, drawn: performance.now() - start,
           changed: count.textContent !== before, count: count.textContent };
}"""


def build(work: Path, orgs: int) -> Path:
    env = {**os.environ, TODAY_VARIABLE: REFERENCE_DATE.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    run = functools.partial(subprocess.run, check=True, stdout=subprocess.DEVNULL, env=env)
    run([str(BIN / "ecotone"), "synth", "--orgs", str(orgs), "--spaces", str(3 * orgs), str(work)])
    print(f"Building the site of {orgs} organizations and {3 * orgs} spaces…", flush=True)
    run([str(BIN / "mkdocs"), "build", "--quiet", "-f", str(work / "mkdocs.yml")])
    return work / "site"


def measure(page: Page, url: str) -> dict[str, float]:
    page.goto("about:blank")
    page.goto(url, wait_until="commit")
    usable = page.wait_for_function(USABLE, polling="raf", timeout=60_000).json_value()
    cards = page.locator("li.eco-card").count()
    mode = page.evaluate(CHANGE, ["select[name=mode]", "collaboration", "change"])
    key = page.evaluate(CHANGE, ["input[name=q]", "x", "input"])
    return {
        "usable": usable,
        "cards": cards,
        "filter_updated": mode["updated"],
        "filter_drawn": mode["drawn"],
        "key_updated": key["updated"],
        "key_drawn": key["drawn"],
        "changed": mode["changed"] and key["changed"],
    }


def verdict(figure: float, target: float) -> str:
    return f"target < {target} ms: {'met' if figure < target else 'MISSED'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=1000, help="organizations (default 1000)")
    parser.add_argument("--site", type=Path, help="a built site to serve instead of building one")
    parser.add_argument("--repeat", type=int, default=5, help="page loads (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ecotone-bench-browser-") as folder:
        site = args.site or build(Path(folder), args.orgs)
        html = (site / "marketplace" / "index.html").stat().st_size / 1024
        card_data = site / "marketplace" / "cards.json"
        data = card_data.stat().st_size / 1024 if card_data.exists() else 0
        index = (site / "search" / "search_index.json").stat().st_size / 1024
        with served(site) as root, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page()
            runs = [measure(page, f"{root}marketplace/") for _ in range(args.repeat)]
            browser.close()
    best = {name: min(run[name] for run in runs) for name in runs[0]}
    worst = {name: max(run[name] for run in runs) for name in runs[0]}
    print(
        f"Marketplace: {best['cards']:.0f} cards drawn, {html:.0f} KB of HTML,"
        f" {data:.0f} KB of card data; search index {index:.0f} KB"
    )
    print(f"Best (worst) of {args.repeat} page loads, load average {os.getloadavg()[0]:.2f}:")
    for label, name, target in (
        ("navigation to usable", "usable", USABLE_MS),
        ("filter change, count updated", "filter_updated", UPDATE_MS),
        ("filter change, next frame", "filter_drawn", UPDATE_MS),
        ("keystroke, count updated", "key_updated", UPDATE_MS),
        ("keystroke, next frame", "key_drawn", UPDATE_MS),
    ):
        print(
            f"  {label:30} {best[name]:7.0f} ms ({worst[name]:.0f})   {verdict(best[name], target)}"
        )
    if not all(run["changed"] for run in runs):
        print("  (a change left the count as it was: the figures may not show an update)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
