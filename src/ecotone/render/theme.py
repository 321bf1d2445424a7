"""Corrections to the theme's own markup, applied to each finished page."""

from __future__ import annotations

# Material's search dialog has no accessible name (axe-core: aria-dialog-name).
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_NAMED_SEARCH_DIALOG = _SEARCH_DIALOG[:-1] + ' aria-label="Search">'


def name_search_dialog(html: str) -> str:
    """The page with the theme's search dialog named, for screen readers."""
    return html.replace(_SEARCH_DIALOG, _NAMED_SEARCH_DIALOG, 1)
