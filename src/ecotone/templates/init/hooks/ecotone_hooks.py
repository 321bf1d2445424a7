"""MkDocs hooks: MkDocs calls these on its build events; the installed `ecotone`
package does the work, so that upgrading it upgrades the site. Every event the
package handles is imported, so that an upgrade handling a new one needs no
change here."""

from ecotone.mkdocs_hooks import *  # noqa: F403
