"""Init: a new directory repository in one command.

`ecotone init PATH` writes everything a network needs to run its own directory:
the site's settings and starting pages, the two-line MkDocs hooks, one
organization, the stewards, CODEOWNERS, the workflows and templates, and a
Makefile whose `make serve` and `make test` install Ecotone (named in
`requirements.in`) and the exact packages it needs (locked, with their hashes,
in `requirements.txt`), and a Dependabot file that proposes their updates. The
new directory depends on the `ecotone` package; it
holds no copy of its code.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ecotone.commands import codeowners, scaffold
from ecotone.commands.writing import refuse_links, write_file
from ecotone.model import Directory
from ecotone.schema_files import schema_bytes, schema_names
from ecotone.starting_files import file_templates, handles

TEMPLATES = "templates/init"
_DOT = "dot-"  # package data leaves out dotfiles, so `.github` is shipped as `dot-github`


def create(
    path: Path,
    site_name: str,
    organization: Mapping[str, str | None],
    requirement: str,
    ask: scaffold.Ask | None,
    today: date,
) -> list[str]:
    """Write a new directory into `path`, which must be missing or empty, and return
    the files written. `organization` holds the first organization's values for
    `ecotone new organization`; its maintainers are also the stewards."""
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise scaffold.ScaffoldError(
            f"{path} is not empty; ecotone init writes only into a new or empty folder."
        )
    values = scaffold.gather("organization", organization, path, _EMPTY, ask)
    stewards = handles(values["maintainers"])
    context = {"site_name": site_name, "requirement": requirement, "stewards": stewards}
    first = scaffold.render("organization", values, _EMPTY, today)
    files = [*_template_files(context), *_schema_files(), (first.file, first.text)]
    refuse_links(path, [name for name, _ in files])
    for name, text in files:  # all rendered before the first is written
        _write(path, name, text)
    codeowners.update(path)
    return sorted([*(name for name, _ in files), codeowners.CODEOWNERS_FILE])


_EMPTY = Directory(organizations=(), spaces=(), playbooks=())

# What `mkdocs build` needs beside partners/ and schemas/: settings, hooks, pages.
_SITE_FILES = ("mkdocs.yml", "hooks/", "docs/")


def site_files(site_name: str) -> list[tuple[str, str]]:
    """The files a build of a directory needs besides its entries, as `init` writes
    them: for a directory made another way, such as a synthetic one."""
    context = {"site_name": site_name, "requirement": "", "stewards": []}
    pages = [
        (name, text) for name, text in _template_files(context) if name.startswith(_SITE_FILES)
    ]
    return [*pages, *_schema_files()]


def _template_files(context: Mapping[str, object]) -> Iterator[tuple[str, str]]:
    """Each template file's name in the new directory and its text; `.j2` files are
    rendered, YAML ones with every value quoted as the scaffold quotes it."""
    root = resources.files("ecotone").joinpath(TEMPLATES)
    for relative, entry in _walk(root, ""):
        text = entry.read_text(encoding="utf-8")
        name = "/".join(
            part.replace(_DOT, ".", 1) if part.startswith(_DOT) else part
            for part in relative.split("/")
        )
        if name.endswith(".j2"):
            name = name.removesuffix(".j2")
            environment = file_templates(yaml=name.endswith(".yml"))
            text = environment.from_string(text).render(**context)
        yield name, text


def _walk(folder: Traversable, prefix: str) -> Iterator[tuple[str, Traversable]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            yield from _walk(entry, f"{prefix}{entry.name}/")
        else:
            yield prefix + entry.name, entry


def _schema_files() -> Iterator[tuple[str, str]]:
    """The package's entry schemas, for editors (the site publishes the same files)."""
    for name in schema_names():
        yield f"schemas/{name}", schema_bytes(name).decode("utf-8")


def _write(root: Path, name: str, text: str) -> None:
    write_file(root, name, text, replace=False)


def installed_requirement() -> str:
    """How to install the Ecotone that is running: from the folder or the commit it
    was installed from, when pip recorded one, else its released version."""
    distribution = metadata.distribution("ecotone")
    recorded = distribution.read_text("direct_url.json")
    if recorded:
        source = json.loads(recorded)
        vcs = source.get("vcs_info")
        if vcs:
            return f"ecotone @ {vcs['vcs']}+{source['url']}@{vcs['commit_id']}"
        return f"ecotone @ {source['url']}"
    return f"ecotone=={distribution.version}"
