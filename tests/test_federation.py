"""Federation end to end: a directory `riverside` is built and served on
127.0.0.1; the directory `home` federates with it (`ecotone federate`), lists
two of its organizations in a space and plugs one of its playbooks, and is
built. Remotes that misbehave are served by the same server. Nothing leaves
this machine: the only address fetched is the loopback server's."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from builders import Builder
from site_helpers import Build, Page, mkdocs_build, write_site_config

from ecotone.commands.cli import main

HOME_SITE = "https://home.example.org/"
PAYLOAD = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


class RemoteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built riverside site, or misbehaves as the server's `mode` says."""

    def do_GET(self) -> None:
        mode = self.server.mode  # type: ignore[attr-defined]
        if mode == "slow" and self.path.endswith("directory.json"):
            self.send_response(200)
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.1)
            return
        if mode == "redirect" and self.path.endswith("directory.json"):
            self.send_response(302)
            self.send_header("Location", "http://elsewhere.example.org/directory.json")
            self.end_headers()
            return
        if mode == "huge" and self.path.endswith("directory.json"):
            self.send_response(200)
            self.end_headers()
            chunk = b" " * 2**20
            for _ in range(40):
                self.wfile.write(chunk)
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@contextmanager
def remote_server(site: Path) -> Iterator[http.server.ThreadingHTTPServer]:
    handler = functools.partial(RemoteHandler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        server.mode = "site"  # type: ignore[attr-defined]
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield server
        finally:
            server.shutdown()


def site_config(root: Path, url: str) -> Path:
    config = write_site_config(root)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["site_url"] = url
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return config


def federation(root: Path, name: str, site: str) -> None:
    (root / "ecotone.yml").write_text(
        yaml.safe_dump({"stewards": ["stewards"], "federation": [{"name": name, "site": site}]}),
        encoding="utf-8",
    )


def write_riverside(root: Path, home_snapshot: Path, text: str = "") -> None:
    """green-coop acknowledges home's lab and hosts `tools`, which lists home's
    alpha and beta and its own blue-coop, and `kitchen` with red-coop, which works
    on food and gardens, as alpha does (a friend of a friend of alpha's); commons publishes the playbook `talk`. `text` is added to every text, to make
    it hostile. `home_snapshot` is what home published before it federated."""
    build = Builder(root)
    build.organization("green-coop", name="Green Coop" + text, joins=["home:alpha/lab"])
    build.organization("blue-coop", name="Blue Coop" + text)
    build.organization(
        "red-coop", name="Red Coop" + text, topics=["food", "gardens"], joins=["green-coop/kitchen"]
    )
    build.space("green-coop/kitchen", title="Kitchen" + text, members=["red-coop"])
    build.space(
        "green-coop/tools",
        title="Tool library" + text,
        members=["home:alpha", "home:beta", "blue-coop"],
    )
    build.organization("commons", name="Commons" + text)
    build.playbook(
        "commons/talk",
        kind="conflict-resolution",
        title="Talk it through" + text,
        summary="Talk first, within {days} days." + text,
        parameters={"days": {"title": "Days to answer", "type": "number", "unit": "days"}},
    )
    federation(root, "home", HOME_SITE)
    (root / "federation/home").mkdir(parents=True)
    shutil.copyfile(home_snapshot, root / "federation/home/directory.json")


def write_home(root: Path) -> None:
    """alpha (working on food) and beta; alpha's lab lists none yet."""
    build = Builder(root)
    build.organization("alpha", topics=["food", "gardens"])
    build.organization("beta")
    build.space("alpha/lab")


@pytest.fixture(scope="module")
def home_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What home published before it federated: riverside's snapshot of it."""
    root = tmp_path_factory.mktemp("home-before")
    write_home(root)
    build = mkdocs_build(site_config(root, HOME_SITE), root / "site")
    assert build.returncode == 0, build.output
    return root / "site/api/directory.json"


@pytest.fixture(scope="module")
def riverside(
    tmp_path_factory: pytest.TempPathFactory, home_snapshot: Path
) -> Iterator[http.server.ThreadingHTTPServer]:
    """The riverside directory, built and served; its server's `url` is its site."""
    root = tmp_path_factory.mktemp("riverside")
    site = root / "site"
    site.mkdir()
    with remote_server(site) as server:
        server.url = f"http://127.0.0.1:{server.server_address[1]}/"  # type: ignore[attr-defined]
        write_riverside(root, home_snapshot)
        build = mkdocs_build(site_config(root, server.url), site)  # type: ignore[attr-defined]
        assert build.returncode == 0, build.output
        yield server


@pytest.fixture
def remote(riverside: http.server.ThreadingHTTPServer) -> Iterator[http.server.ThreadingHTTPServer]:
    riverside.mode = "site"  # type: ignore[attr-defined]
    yield riverside
    riverside.mode = "site"  # type: ignore[attr-defined]


@pytest.fixture
def home(tmp_path: Path, remote: http.server.ThreadingHTTPServer) -> Path:
    return write_federating_home(tmp_path / "home", remote.url)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def federated(
    tmp_path_factory: pytest.TempPathFactory, riverside: http.server.ThreadingHTTPServer
) -> Build:
    """Home federated once and built: for the tests that only read what it shows."""
    root = write_federating_home(tmp_path_factory.mktemp("federated") / "home", riverside.url)  # type: ignore[attr-defined]
    assert federate(root) == 0
    return built(root)


def write_federating_home(root: Path, remote_url: str) -> Path:
    """The home directory: alpha's lab lists riverside's green-coop and blue-coop and
    plugs riverside's playbook; ecotone.yml names riverside at its loopback address."""
    write_home(root)
    build = Builder(root)
    build.organization("alpha", topics=["food", "gardens"], joins=["riverside:green-coop/tools"])
    build.space(
        "alpha/lab",
        members=["riverside:green-coop", "riverside:blue-coop"],
        social_contract={
            "governance": "Consent decision-making.",
            "conflict_resolution": {
                "playbook": "riverside:commons/talk",
                "parameters": {"days": 7},
                "amendments": ["Meet in person."],
            },
        },
    )
    federation(root, "riverside", remote_url)
    site_config(root, HOME_SITE)
    return root


SNAPSHOT = "federation/riverside/directory.json"


def federate(root: Path, *options: str) -> int:
    return main(["federate", str(root), *options])


def built(root: Path) -> Build:
    build = mkdocs_build(root / "mkdocs.yml", root / "site")
    assert build.returncode == 0, build.output
    return build


def members(build: Build) -> dict[str, str]:
    """The lab's participants as the page lists them: name → standing."""
    page = Page(build.html("spaces/alpha/lab/"))
    data = json.loads((build.site / "api/directory.json").read_text(encoding="utf-8"))
    lab = next(space for space in data["spaces"] if space["id"] == "alpha/lab")
    assert page.find("li")
    return {p["organization"]["name"]: p["standing"] for p in lab["participants"]}


def test_federate_writes_a_snapshot_of_the_remotes_published_data(home: Path) -> None:
    assert federate(home) == 0
    snapshot = json.loads((home / SNAPSHOT).read_text(encoding="utf-8"))
    assert {org["id"] for org in snapshot["organizations"]} == {
        "green-coop",
        "blue-coop",
        "red-coop",
        "commons",
    }


def test_a_remote_organization_that_acknowledges_the_space_is_confirmed(federated: Build) -> None:
    assert members(federated)["Green Coop"] == "confirmed"


def test_a_remote_organization_that_does_not_is_an_invitation(federated: Build) -> None:
    assert members(federated)["Blue Coop"] == "invited"
    assert "Invited" in Page(federated.html("spaces/alpha/lab/")).text


def test_a_remote_participant_is_marked_with_its_network_and_links_home(
    federated: Build, remote: http.server.ThreadingHTTPServer
) -> None:
    page = Page(federated.html("spaces/alpha/lab/"))
    links = {a.get("href") for a in page.find("a")}
    assert remote.url + "organizations/green-coop/" in links  # type: ignore[attr-defined]
    assert [e for e in page.with_class("eco-network")]
    assert not (federated.site / "organizations/riverside:green-coop").exists()


def test_a_plugged_remote_playbook_is_shown_with_its_source(
    federated: Build, remote: http.server.ThreadingHTTPServer
) -> None:
    page = Page(federated.html("spaces/alpha/lab/"))
    for shown in (
        "Talk it through",
        "Days to answer",
        "What happens in step 1.",
        "Meet in person.",
    ):
        assert shown in page.text
    assert "Published in Test directory, a federated directory" in page.text
    links = {a.get("href") for a in page.find("a")}
    assert remote.url + "playbooks/commons/talk/" in links  # type: ignore[attr-defined]


def test_an_organization_page_lists_the_federated_space_it_joined(
    federated: Build, remote: http.server.ThreadingHTTPServer
) -> None:
    page = Page(federated.html("organizations/alpha/"))
    joined = page.text.split("Spaces joined")[1].split("Partners you might meet")[0]
    assert "Tool library" in joined
    assert "Invitations" not in joined
    links = {a.get("href") for a in page.find("a")}
    assert remote.url + "spaces/green-coop/tools/" in links  # type: ignore[attr-defined]


def test_embeds_link_federated_entries_home(
    federated: Build, remote: http.server.ThreadingHTTPServer
) -> None:
    build = federated
    space = Page((build.site / "embed/spaces/alpha/lab/index.html").read_text(encoding="utf-8"))
    org = Page((build.site / "embed/organizations/alpha/index.html").read_text(encoding="utf-8"))
    assert remote.url + "organizations/green-coop/" in {a.get("href") for a in space.find("a")}  # type: ignore[attr-defined]
    assert "Blue Coop" not in space.text
    assert remote.url + "spaces/green-coop/tools/" in {a.get("href") for a in org.find("a")}  # type: ignore[attr-defined]


def test_the_map_draws_federated_participants_linked_home(
    federated: Build, remote: http.server.ThreadingHTTPServer
) -> None:
    page = Page(federated.html("ecosystem/"))
    federated = [a for a in page.find("a") if "eco-map__node--federated" in (a.get("class") or "")]
    assert {a.get("xlink:href") for a in federated} == {
        remote.url + "organizations/green-coop/",  # type: ignore[attr-defined]
        remote.url + "organizations/blue-coop/",  # type: ignore[attr-defined]
    }


def test_an_organization_page_shows_a_federated_invitation(federated: Build) -> None:
    page = Page(federated.html("organizations/beta/"))
    invitations = page.text.split("Invitations")[1]
    assert "Tool library" in invitations
    assert "riverside:green-coop/tools" in invitations


def test_matchmaking_suggests_friends_of_friends_across_networks(
    federated: Build, remote: http.server.ThreadingHTTPServer
) -> None:
    page = Page(federated.html("organizations/alpha/"))
    suggested = page.text.split("Partners you might meet")[1]
    assert "Red Coop" in suggested
    assert "each share a space with Green Coop" in suggested
    links = {a.get("href") for a in page.find("a")}
    assert remote.url + "organizations/red-coop/" in links  # type: ignore[attr-defined]


def test_the_published_data_says_which_directory_it_is(federated: Build) -> None:
    data = json.loads((federated.site / "api/directory.json").read_text(encoding="utf-8"))
    assert (data["name"], data["site"], data["schema_version"]) == (
        "Test directory",
        HOME_SITE,
        "v1",
    )
    assert data["federates_with"][0]["name"] == "riverside"


def refused(home: Path, remote: http.server.ThreadingHTTPServer, mode: str) -> str:
    """Federate once from the good remote, then again as `mode`: the second run's
    output, after checking it failed and left the good snapshot as it was."""
    assert federate(home) == 0
    good = (home / SNAPSHOT).read_bytes()
    remote.mode = mode  # type: ignore[attr-defined]
    assert federate(home, "--timeout", "1") == 1
    assert (home / SNAPSHOT).read_bytes() == good
    return mode


def test_a_slow_remote_is_refused_and_the_snapshot_kept(
    home: Path, remote: http.server.ThreadingHTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    refused(home, remote, "slow")
    assert "took longer than 1 seconds" in capsys.readouterr().err


def test_a_remote_that_redirects_is_refused_and_the_snapshot_kept(
    home: Path, remote: http.server.ThreadingHTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """A redirect could lead anywhere, plain http included: the address in ecotone.yml
    is the one fetched, or nothing is."""
    refused(home, remote, "redirect")
    assert "answered 302" in capsys.readouterr().err


def test_an_oversized_remote_is_refused_and_the_snapshot_kept(
    home: Path, remote: http.server.ThreadingHTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert federate(home) == 0
    good = (home / SNAPSHOT).read_bytes()
    remote.mode = "huge"  # type: ignore[attr-defined]
    assert federate(home, "--timeout", "20") == 1
    assert (home / SNAPSHOT).read_bytes() == good
    assert "larger than the limit" in capsys.readouterr().err


def test_an_invalid_remote_is_refused_and_the_snapshot_kept(
    home: Path, remote: http.server.ThreadingHTTPServer, tmp_path: Path, capsys
) -> None:
    assert federate(home) == 0
    good = (home / SNAPSHOT).read_bytes()
    served_file = Path(remote.RequestHandlerClass.keywords["directory"]) / "api/directory.json"  # type: ignore[attr-defined]
    original = served_file.read_bytes()
    try:
        served_file.write_text('{"organizations": "none"}', encoding="utf-8")
        assert federate(home) == 1
    finally:
        served_file.write_bytes(original)
    assert (home / SNAPSHOT).read_bytes() == good
    assert "not a valid directory export" in capsys.readouterr().err


def test_a_remote_with_markup_in_every_field_is_refused_and_builds_without_it(
    home: Path,
    remote: http.server.ThreadingHTTPServer,
    tmp_path: Path,
    home_snapshot: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    hostile = tmp_path / "hostile"
    write_riverside(hostile, home_snapshot, PAYLOAD)
    config = site_config(hostile, remote.url)  # type: ignore[attr-defined]
    build = mkdocs_build(config, tmp_path / "hostile-site", strict=False)
    assert build.returncode == 0, build.output
    assert federate(home) == 0
    good = (home / SNAPSHOT).read_bytes()
    served_file = Path(remote.RequestHandlerClass.keywords["directory"]) / "api/directory.json"  # type: ignore[attr-defined]
    original = served_file.read_bytes()
    try:
        shutil.copyfile(tmp_path / "hostile-site/api/directory.json", served_file)
        assert federate(home) == 1
    finally:
        served_file.write_bytes(original)
    assert "hold HTML markup" in capsys.readouterr().err
    assert (home / SNAPSHOT).read_bytes() == good
    site = built(home).site
    for path in site.rglob("*.html"):
        page = Page(path.read_text(encoding="utf-8"))
        assert not page.find("img"), path
        assert all("alert(" not in script for script in page.scripts), path


def test_an_unreachable_remote_is_a_clear_message(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    federation(home, "riverside", "http://127.0.0.1:9/")
    assert federate(home) == 1
    assert "could not be reached" in capsys.readouterr().err
    assert not (home / SNAPSHOT).exists()


def test_a_remote_over_plain_http_elsewhere_than_loopback_is_refused(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    federation(home, "riverside", "http://riverside.example.org/")
    assert federate(home) == 2
    assert "https:// address" in capsys.readouterr().err


def test_federate_never_writes_through_a_symbolic_link(home: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (home / "federation").symlink_to(elsewhere)
    assert federate(home) == 1
    assert list(elsewhere.iterdir()) == []
