"""The package's own files that the site publishes as they are shipped: its styles
and scripts (`assets/`), the embeds' (`embed/`) and the JSON Schemas. The site
data's maker reads them once per build, so that rendering and the exports read
no file; like `schema_files.py`, this sits beneath every stage."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from ecotone.schema_files import schema_bytes, schema_names

# The embeds' style sheet and script, kept apart from the site's assets, which every
# page of the site loads.
EMBED_FILES = ("embed.css", "embed.js")


@dataclass(frozen=True)
class PackageFiles:
    """Each file's path under its folder and its bytes, in a stable order."""

    assets: tuple[tuple[str, bytes], ...]  # under `assets/`, such as `images/favicon.svg`
    embed: tuple[tuple[str, bytes], ...]  # under `embed/`
    schemas: tuple[tuple[str, bytes], ...]  # by file name, such as `space.schema.json`

    def schema(self, name: str) -> bytes:
        return dict(self.schemas)[name]


def read_package_files() -> PackageFiles:
    package = resources.files("ecotone")
    return PackageFiles(
        assets=tuple(_files_under(package / "assets", "")),
        embed=tuple((name, (package / "embed" / name).read_bytes()) for name in EMBED_FILES),
        schemas=tuple((name, schema_bytes(name)) for name in schema_names()),
    )


def _files_under(folder: Traversable, prefix: str) -> Iterator[tuple[str, bytes]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            yield from _files_under(entry, f"{prefix}{entry.name}/")
        elif not entry.name.startswith("."):
            yield prefix + entry.name, entry.read_bytes()


def theme_folder() -> str:
    """The folder of ecotone's additions to Material's templates (the JSON-LD in each
    page's head), to put in front of the theme's own."""
    return str(resources.files("ecotone") / "theme")
