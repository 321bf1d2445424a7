"""Shared fixtures.

The first group builds directories to validate; browser fixtures, if any, come
after it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from site_helpers import CHROMIUM_FLAGS, TODAY, served

from ecotone.validate.rules.examples import EXAMPLE_DIRECTORY
from ecotone.validate.run import Report, validate_directory

if TYPE_CHECKING:  # Playwright is imported by the browser fixtures alone, when they run
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Route

# -- directories to validate --------------------------------------------------

TESTS = Path(__file__).resolve().parent
REPO_ROOT = TESTS.parent
# The catalogue's example directory, which every rule's example edits.
MINIMAL = Path(str(EXAMPLE_DIRECTORY))


class Tree:
    """A directory under test: files are named by their path from the root, such as
    `partners/alpha/organization.yml`."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, file: str) -> Path:
        return self.root / file

    def read(self, file: str) -> str:
        return self.path(file).read_text(encoding="utf-8")

    def write(self, file: str, content: str | bytes) -> Path:
        path = self.path(file)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def replace(self, file: str, old: str, new: str) -> None:
        """Replace `old`, which must occur exactly once, so that an edit cannot
        silently miss or hit the wrong place."""
        text = self.read(file)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
        self.write(file, text.replace(old, new))

    def position(self, file: str, text: str) -> tuple[int, int]:
        """The 1-based line and column where `text`, which must occur once, starts."""
        content = self.path(file).read_bytes().decode("utf-8", errors="surrogateescape")
        assert content.count(text) == 1, f"{text!r} occurs {content.count(text)} times in {file}"
        index = content.index(text)
        line_start = content.rfind("\n", 0, index) + 1
        return content.count("\n", 0, index) + 1, index - line_start + 1

    def validate(self, today: date = TODAY) -> Report:
        return validate_directory(self.root, today)


@pytest.fixture
def minimal(tmp_path: Path) -> Tree:
    """A copy of the minimal valid directory (the rule catalogue's example directory,
    src/ecotone/validate/rules/example_directory), ready to break:
    organizations alpha and beta, alpha's collaboration `lab` with its playbook
    `talk-it-out`, and beta's information-sharing space `garden`, each partner
    acknowledging the other's space."""
    root = tmp_path / "directory"
    shutil.copytree(MINIMAL, root)
    return Tree(root)


def git(root: Path, *args: str) -> str:
    """Run git in `root` as a test author, with no user settings needed."""
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def pull_request(minimal: Tree) -> Tree:
    """The minimal directory as a repository whose base branch `main` (also known as
    `origin/main`, as in a workflow's checkout) holds one commit, with the branch
    `proposal` checked out on it: edit the tree, then commit it or not."""
    git(minimal.root, "init", "--quiet", "--initial-branch=main")
    git(minimal.root, "add", ".")
    git(minimal.root, "commit", "--quiet", "-m", "base")
    git(minimal.root, "update-ref", "refs/remotes/origin/main", "main")
    git(minimal.root, "checkout", "--quiet", "-b", "proposal")
    return minimal


def commit_base(tree: Tree, message: str) -> None:
    """Commit what the tree holds now onto the base branch, and check out a new
    proposal on it."""
    git(tree.root, "add", ".")
    git(tree.root, "commit", "--quiet", "-m", message)
    git(tree.root, "checkout", "--quiet", "-B", "main")
    git(tree.root, "update-ref", "refs/remotes/origin/main", "main")
    git(tree.root, "checkout", "--quiet", "-B", "proposal")


@pytest.fixture
def example() -> Tree:
    """The example directory shipped in the repository (partners/). Read it only."""
    return Tree(REPO_ROOT)


# -- browser: the built site in headless Chromium ------------------------------
# Browser tests (marked `browser`, in tests/browser/) drive Debian's Chromium
# through Playwright: the site is built once per session with the real
# `mkdocs build` and served on 127.0.0.1; every page a test opens fails the test
# if it asks for anything from another host or logs a console error.

CHROMIUM_ADVICE = (
    "Chromium not found: browser tests need Debian's chromium package "
    "(sudo apt-get install chromium), or set ECOTONE_CHROMIUM to a Chromium binary."
)
# Any URL but this machine's. The browser matches it, so requests to this
# machine do not make a round trip through Python.
ELSEWHERE = re.compile(r"^(?!(https?|wss?)://(127\.0\.0\.1|localhost)(:\d+)?/)")


def find_chromium() -> str | None:
    """ECOTONE_CHROMIUM if set, otherwise Debian's chromium; None if it is not there."""
    chosen = os.environ.get("ECOTONE_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    return shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None
    )


def build_site(site_dir: Path, site_url: str) -> None:
    """`mkdocs build` of the repository into `site_dir`, as served from `site_url`.

    Material's instant navigation handles only links under `site_url`, so the
    build must know the test server's address. mkdocs.yml is passed on stdin
    with `site_url` appended (YAML keeps the last of a repeated key): relative
    paths then resolve from the working directory, the repository root."""
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config += f"\n# Added by the browser tests.\nsite_url: {site_url}\n"
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", "-"]
    command += ["--site-dir", str(site_dir)]
    environment = {**os.environ, "ECOTONE_TODAY": TODAY.isoformat()}
    result = subprocess.run(
        command,
        input=config,
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{result.stdout}{result.stderr}", pytrace=False)


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL (ending in /) of the example directory's site, built once and
    served on a free port of 127.0.0.1."""
    site_dir = tmp_path_factory.mktemp("site")
    with served(site_dir) as url:
        build_site(site_dir, url)
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless. Skipped where there is none, failed under CI=true."""
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail(CHROMIUM_ADVICE, pytrace=False)
        pytest.skip(CHROMIUM_ADVICE)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@dataclass
class PageLog:
    """What the pages of one test did: every URL requested, the requests refused
    because they left the machine, and the console errors."""

    requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def record_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            source = message.location.get("url")
            self.console_errors.append(f"{message.text} ({source})" if source else message.text)

    def refuse(self, route: Route) -> None:
        self.foreign_requests.append(route.request.url)
        route.abort("blockedbyclient")


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


def open_page(browser: Browser, log: PageLog, **context_options: Any) -> BrowserContext:
    context = browser.new_context(**context_options)
    # A page of this site loads in well under a second; fail fast when one does not.
    context.set_default_timeout(10_000)
    context.route(ELSEWHERE, log.refuse)
    context.on("request", lambda request: log.requests.append(request.url))
    context.on("console", log.record_console)
    context.on("weberror", lambda error: log.console_errors.append(str(error.error)))
    return context


def check_page_log(log: PageLog) -> None:
    if log.foreign_requests:
        pytest.fail(f"requests left localhost: {log.foreign_requests}", pytrace=False)
    if log.console_errors:
        pytest.fail(f"console errors: {log.console_errors}", pytrace=False)


@pytest.fixture
def page(chromium: Browser, page_log: PageLog) -> Iterator[Page]:
    """A fresh browser tab (1280x800) in its own context; the test fails if a
    request leaves localhost or the console logs an error."""
    context = open_page(chromium, page_log, viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()
    check_page_log(page_log)


@pytest.fixture
def page_without_javascript(chromium: Browser, page_log: PageLog) -> Iterator[Page]:
    """Like `page`, with JavaScript turned off."""
    context = open_page(
        chromium, page_log, viewport={"width": 1280, "height": 800}, java_script_enabled=False
    )
    yield context.new_page()
    context.close()
    check_page_log(page_log)
