"""Real MkDocs builds for the site tests, and an HTML reader for their output."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
HOOK = REPO_ROOT / "hooks" / "ecotone_hooks.py"
# The one date every test measures against, unless it is about another date.
TODAY = date(2026, 11, 22)


@dataclass(frozen=True)
class Build:
    """A finished `mkdocs build`: its exit code, what it printed, and the site."""

    returncode: int
    output: str
    site: Path

    def html(self, path: str) -> str:
        """The page at a site address such as `spaces/alpha/lab/`."""
        return (self.site / path / "index.html").read_text(encoding="utf-8")


def mkdocs_build(
    config: Path,
    site: Path,
    *,
    strict: bool = True,
    today: str | None = TODAY.isoformat(),
    generator: str = "mkdocs",
) -> Build:
    """Run `mkdocs build` in a fresh process, as CI and `make build` do; or the same
    command of another `generator`, such as the drop-in fork `properdocs`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("ECOTONE_TODAY", None)
    if today is not None:
        env["ECOTONE_TODAY"] = today
    command = [sys.executable, "-m", generator, "build", "-f", str(config), "-d", str(site)]
    done = subprocess.run(
        [*command, *(["--strict"] if strict else [])],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
        timeout=300,
    )
    return Build(done.returncode, done.stdout + done.stderr, site)


# Headless Chromium for the browser tests and the browser benchmark. Without the
# background-networking flags it keeps calling Google's services, which a closed
# network refuses.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output for the tests."""


@contextmanager
def served(site: Path) -> Iterator[str]:
    """A built site served on a free port of 127.0.0.1: its base URL, ending in /."""
    handler = functools.partial(QuietHandler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()


def write_site_config(root: Path, repository: str | None = None) -> Path:
    """A small mkdocs.yml for a test directory at `root`: the theme as the real site
    has it, ecotone's hooks, and only generated pages in the navigation."""
    (root / "docs").mkdir(exist_ok=True)
    config = {
        "site_name": "Test directory",
        "site_url": "http://127.0.0.1:8000/",
        "theme": {"name": "material", "font": False, "features": ["navigation.instant"]},
        "plugins": ["search"],
        "hooks": [str(HOOK)],
        "watch": ["partners"],
        "markdown_extensions": ["attr_list", "toc", "tables"],
        "nav": [
            {"Marketplace": "marketplace/index.md"},
            {"Organizations": "organizations/index.md"},
            {"Playbooks": "playbooks/index.md"},
        ],
        "extra": {"ecotone": {"repository": repository} if repository else None},
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def article_text(html: str) -> str:
    """The visible text of a page's article, the theme's main content, without its
    title in the head or the navigation around it."""
    start = html.index("<article")
    return Page(html[start : html.index("</article>", start)]).text


@dataclass(frozen=True)
class Element:
    tag: str
    attributes: tuple[tuple[str, str], ...]

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.attributes if key == name), None)

    def has(self, name: str) -> bool:
        return any(key == name for key, _ in self.attributes)


class Page(HTMLParser):
    """A page as a browser's parser sees it: its elements with their attributes, the
    text of each script element, and the visible text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.scripts: list[str] = []
        self._text: list[str] = []
        self._in_script = False
        self.feed(html)
        self.close()

    @property
    def text(self) -> str:
        return "".join(self._text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, tuple((k, v or "") for k, v in attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, tuple((k, v or "") for k, v in attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self._text.append(data)

    def find(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]

    def with_class(self, name: str) -> list[Element]:
        return [e for e in self.elements if name in (e.get("class") or "").split()]

    def ids(self) -> list[str]:
        return [e.get("id") for e in self.elements if e.get("id")]
