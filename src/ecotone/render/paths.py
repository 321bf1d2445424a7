"""How pages link to each other: relatively (`root` plus a page's address from
`ecotone.addresses`), so that the site works at a domain's root and in a
sub-folder alike."""

from __future__ import annotations


def source_uri(path: str) -> str:
    """The Markdown file that MkDocs serves at `path`: `spaces/a/b/index.md` is
    served at `spaces/a/b/` whether or not the site uses directory URLs."""
    return f"{path}index.md"


def root_from(path: str) -> str:
    """The relative address of the site's root from the page at `path`, so that links
    work wherever the site is deployed (a domain or a project sub-folder)."""
    return "../" * path.count("/")
