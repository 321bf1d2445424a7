"""The JSON Schemas shipped in the package's `schemas/` folder, read in one place:
the loader checks federated snapshots against one, the validator checks entries
against the others, the site and `ecotone init` publish them. It sits
beneath every stage, like `problems.py`: reading the package's own files is no
reaching back into the loader."""

import json
from importlib import resources
from typing import Any

EXPORT_SCHEMA_FILE = "directory-export.schema.json"
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
