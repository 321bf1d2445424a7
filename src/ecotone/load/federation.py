"""Federation: the other Ecotone directories this one names in `ecotone.yml`, as
read from the snapshots of their published `/api/directory.json` that `ecotone
federate` commits under `federation/<name>/directory.json`. Builds and
validation read only these committed files, never the network.

An entry of a federated directory is named here by a qualified identifier: the
directory's short name from `ecotone.yml`, a colon, and its identifier there,
such as `riverside:green-coop` or `riverside:green-coop/tool-library`. Slugs
have no colon, so a qualified identifier never names a local entry.

A federated organization's participation in one of this directory's spaces is
confirmed only when its own directory's published data acknowledges the space:
its `acknowledges` lists `<its name for this directory>:<host>/<space>`, where
its name for this directory is the one its `federates_with` gives to this
site's address (mkdocs.yml's `site_url`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml

from ecotone.load.positions import Source
from ecotone.load.safe_yaml import LoadError, parse, read_source
from ecotone.schema_files import EXPORT_SCHEMA_FILE, schema_json

CONFIG_FILE = "ecotone.yml"
SITE_CONFIG_FILE = "mkdocs.yml"
SNAPSHOT_FOLDER = "federation"
SNAPSHOT_NAME = "directory.json"
QUALIFIER = ":"
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class FederationError(Exception):
    """A problem with the federation's settings or a snapshot: its text says what to do."""


def split_qualified(reference: str) -> tuple[str, str] | None:
    """`riverside:green-coop` → (`riverside`, `green-coop`); None for a local one."""
    network, colon, local = reference.partition(QUALIFIER)
    return (network, local) if colon else None


def normal_site(address: str) -> str:
    """A site's address compared as written, with one trailing slash."""
    return address.strip().rstrip("/") + "/"


@dataclass(frozen=True)
class Partner:
    """A federated directory as `ecotone.yml` names it: a short name and its site."""

    name: str
    site: str

    @property
    def snapshot_file(self) -> str:
        return f"{SNAPSHOT_FOLDER}/{self.name}/{SNAPSHOT_NAME}"

    @property
    def export_url(self) -> str:
        return self.site + "api/directory.json"


def read_partners(root: Path) -> tuple[Partner, ...]:
    """The federated directories named under `federation:` in `ecotone.yml`, or a
    FederationError that says what to fix. No file or no section: none."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return ()
    try:
        data = parse(read_source(path, CONFIG_FILE))
    except LoadError as error:
        p = error.problem
        raise FederationError(f"{p.file}:{p.line}:{p.column}: {p.message} {p.hint}") from None
    entries = data.get("federation") if isinstance(data, dict) else None
    if entries is None:
        return ()
    example = "federation:\n  - name: riverside\n    site: https://riverside.example.org/"
    if not isinstance(entries, list):
        raise FederationError(f"{CONFIG_FILE}: `federation:` must be a list, such as\n{example}")
    partners: list[Partner] = []
    for i, entry in enumerate(entries):
        where = f"{CONFIG_FILE}: federation[{i}]"
        if not isinstance(entry, dict) or set(entry) != {"name", "site"}:
            raise FederationError(f"{where} needs exactly `name:` and `site:`, such as\n{example}")
        name, site = entry["name"], entry["site"]
        if not isinstance(name, str) or not _SLUG.match(name):
            raise FederationError(
                f"{where}.name is {name!r}; write a short lowercase slug, such as `riverside`:"
                " it prefixes that directory's identifiers here (`riverside:green-coop`)."
            )
        if not isinstance(site, str) or not _is_allowed_site(site):
            raise FederationError(
                f"{where}.site is {site!r}; write the directory's https:// address, such as "
                "https://riverside.example.org/ (plain http only for 127.0.0.1, for tests)."
            )
        if any(p.name == name for p in partners):
            raise FederationError(f"{where}.name {name!r} is named twice; names must differ.")
        partners.append(Partner(name, normal_site(site)))
    return tuple(partners)


def _is_allowed_site(site: str) -> bool:
    """https anywhere; plain http only on this machine, where tests serve directories."""
    match = re.match(r"^(https?)://(\[[^\]]+\]|[^/:\s]+)(:\d+)?(/\S*)?$", site.strip())
    if not match:
        return False
    scheme, host = match.group(1), match.group(2).strip("[]")
    return scheme == "https" or host in LOOPBACK_HOSTS


def own_site(root: Path) -> str | None:
    """This directory's address, mkdocs.yml's `site_url`, which federated directories
    name in their `federates_with`. MkDocs' own tags (`!!python/name:…`) are read
    as nothing: only this one plain value is wanted."""
    path = root / SITE_CONFIG_FILE
    if not path.is_file():
        return None
    loader = type("_AnyTagLoader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda *_: None)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return None
    url = data.get("site_url") if isinstance(data, dict) else None
    return normal_site(url) if isinstance(url, str) and url.strip() else None


# -- the snapshots, as read by a build ---------------------------------------------


@dataclass(frozen=True)
class Home:
    """Where a federated entry lives: its network's short name and its own page."""

    network: str
    url: str
    directory_name: str


@dataclass(frozen=True)
class Network:
    """One federated directory as its committed snapshot shows it."""

    partner: Partner
    name: str
    source: Source
    document: Mapping[str, Any] = field(repr=False, compare=False)

    def names_for(self, site: str | None) -> frozenset[str]:
        """The names this network gives the directory at `site` in its `federates_with`."""
        if site is None:
            return frozenset()
        return frozenset(
            entry["name"]
            for entry in self.document.get("federates_with", ())
            if normal_site(entry["site"]) == site
        )


def read_snapshot(root: Path, partner: Partner) -> Mapping[str, Any] | None:
    """A committed snapshot's document; None when none was fetched yet. A file that
    is not JSON raises FederationError (snapshots are checked when fetched, so only
    a hand edit gets here)."""
    path = root / partner.snapshot_file
    if not path.is_file() or path.is_symlink():
        return None
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as error:
        raise FederationError(
            f"{partner.snapshot_file} is not readable JSON ({error}); run `ecotone federate` "
            "to fetch it again, and do not edit it by hand."
        ) from None
    if not isinstance(document, dict):
        raise FederationError(f"{partner.snapshot_file} is not a directory export.")
    return document


def read_networks(root: Path, partners: tuple[Partner, ...]) -> tuple[Network, ...]:
    """Every federated directory that has a snapshot, in `ecotone.yml`'s order."""
    networks = []
    for partner in partners:
        document = read_snapshot(root, partner)
        if document is not None:
            name = document.get("name")
            networks.append(
                Network(
                    partner,
                    name if isinstance(name, str) else partner.name,
                    Source(partner.snapshot_file, ""),
                    document,
                )
            )
    return tuple(networks)


# -- what a remote must be, checked when fetched and again when read --------------

# An HTML tag, comment or declaration's start: directory data is plain text, so a
# directory whose data holds markup is refused rather than trusted to be escaped.
_MARKUP = re.compile(r"<[A-Za-z!/?]")
MAX_LISTED = 3


def export_problems(document: object, partner: Partner) -> list[str]:
    """Why `document` is not an acceptable snapshot of `partner`: not a valid
    directory export (by the published schema), another site's, or holding markup.
    Empty when it is acceptable."""
    errors = []
    if not _fast_export_validator().is_valid(document):
        errors = sorted(
            _export_validator().iter_errors(document), key=lambda e: list(e.absolute_path)
        )
    if errors:
        listed = [f"{_json_path(e.absolute_path)}: {e.message[:200]}" for e in errors[:MAX_LISTED]]
        return [
            f"it is not a valid directory export ({len(errors)} problems), such as "
            + "; ".join(listed)
        ]
    assert isinstance(document, dict)
    if normal_site(document["site"]) != partner.site:
        return [
            f"it says it is the directory at {document['site']}, not {partner.site}; "
            "correct `site:` in ecotone.yml if the directory moved"
        ]
    marked = list(_markup_paths(document, ()))
    if marked:
        return [
            f"{len(marked)} of its texts hold HTML markup, such as at "
            + ", ".join(_json_path(path) for path in marked[:MAX_LISTED])
        ]
    return []


def _markup_paths(value: object, path: tuple[object, ...]) -> Any:
    if isinstance(value, str):
        if _MARKUP.search(value):
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _markup_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _markup_paths(item, (*path, index))


def _json_path(path: Any) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path) or "."


@cache
def _fast_export_validator() -> Any:
    """jsonschema-rs, which checks a valid snapshot of a large directory in a
    fraction of a second where jsonschema takes seconds, on every build; jsonschema
    then explains an invalid one."""
    return jsonschema_rs.validator_for(_export_schema())


@cache
def _export_schema() -> Any:
    return schema_json(EXPORT_SCHEMA_FILE)


@cache
def _export_validator() -> Any:
    import jsonschema  # only to explain an invalid snapshot: see validate.schema

    return jsonschema.Draft202012Validator(_export_schema())
