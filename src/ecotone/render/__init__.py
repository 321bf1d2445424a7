"""Render: the validated directory as the site's pages, in ecotone's own templates."""
