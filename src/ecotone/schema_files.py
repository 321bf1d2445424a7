"""The JSON Schemas shipped in the package's `schemas/` folder, read in one place:
the loader checks federated snapshots against one, the validator checks entries
against the others, the site and `ecotone init` publish them. It sits
beneath every stage, like `problems.py`: reading the package's own files is no
reaching back into the loader."""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

EXPORT_SCHEMA_FILE = "directory-export.schema.json"
# Each kind of entry's schema, by the kind's name, and the one they share.
ENTRY_SCHEMA_FILES = {
    "organization": "organization.schema.json",
    "space": "space.schema.json",
    "playbook": "playbook.schema.json",
}
COMMON_FILE = "common.schema.json"
_FOLDER = resources.files("ecotone") / "schemas"


def schema_bytes(name: str) -> bytes:
    """One schema file as shipped, such as `space.schema.json`."""
    return (_FOLDER / name).read_bytes()


def schema_json(name: str) -> dict[str, Any]:
    """One schema file, parsed."""
    return json.loads(schema_bytes(name).decode("utf-8"))


def schema_names() -> list[str]:
    """The file names of the package's schemas, sorted."""
    return sorted(e.name for e in _FOLDER.iterdir() if e.name.endswith(".schema.json"))


@dataclass(frozen=True)
class Schemas:
    """The entry schemas and the common one, parsed, by file name: what the validator
    checks against and what the site's field reference and pages describe."""

    documents: Mapping[str, Mapping[str, Any]]

    def resolve(self, node: Mapping[str, Any], document: str) -> tuple[Mapping[str, Any], str]:
        """Follow `$ref`s from `node` (found in schema file `document`) to the
        definition, returning it and the file it is in."""
        while "$ref" in node:
            target, _, pointer = node["$ref"].partition("#")
            document = target or document
            node = self.documents[document]
            for part in filter(None, pointer.split("/")):
                node = node[part]
        return node, document

    @property
    def version(self) -> str:
        """The version of the entry schemas, such as `v1`, read from their `$id`."""
        ids = {self.documents[name]["$id"] for name in ENTRY_SCHEMA_FILES.values()}
        versions = {match.group(1) for i in ids if (match := re.search(r"/schemas/(v\d+)/", i))}
        if len(versions) != 1:
            raise ValueError(f"the schemas disagree on their version: {sorted(versions)}")
        return versions.pop()


@cache
def entry_schemas() -> Schemas:
    """The package's entry schemas and the common one, read once."""
    names = [*ENTRY_SCHEMA_FILES.values(), COMMON_FILE]
    return Schemas({name: schema_json(name) for name in names})
