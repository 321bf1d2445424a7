"""MkDocs hooks: MkDocs calls these on its build events; the installed `ecotone`
package does the work, so that upgrading it upgrades the site."""

from ecotone.mkdocs_hooks import (
    on_config,
    on_files,
    on_page_content,
    on_page_markdown,
    on_post_page,
)

__all__ = [
    "on_config",
    "on_files",
    "on_page_content",
    "on_page_markdown",
    "on_post_page",
]
