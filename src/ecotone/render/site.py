"""The whole site's generated files, from a validated directory: pages, redirects,
the published schemas and the site's own assets (styles and scripts shipped in
the package, so that a directory built with ecotone needs no copy of them)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, time
from urllib.parse import urlsplit

from ecotone.export.schemas import published_schema
from ecotone.export.urls import SiteUrls
from ecotone.package_files import PackageFiles
from ecotone.render.ecosystem import ecosystem_files
from ecotone.render.embeds import embed_assets, embed_files
from ecotone.render.environment import Renderer
from ecotone.render.marketplace import marketplace_pages
from ecotone.render.organizations import organization_pages
from ecotone.render.pages import (
    DeferredFile,
    DeferredPage,
    GeneratedFile,
    GeneratedPage,
    SiteSettings,
)
from ecotone.render.playbooks import playbook_pages
from ecotone.render.redirects import redirect_pages
from ecotone.render.reference import field_reference, rule_reference
from ecotone.render.spaces import space_pages
from ecotone.sitedata import SiteData

ASSETS_URI = "assets/ecotone/"
SITE_STYLESHEET = ASSETS_URI + "stylesheets/ecotone.css"
SCHEMAS_URI = "schemas/"
TODAY_VARIABLE = "ECOTONE_TODAY"


def build_date(environ: Mapping[str, str] = os.environ) -> date:
    """The date the build measures expiry against: `ECOTONE_TODAY` (YYYY-MM-DD) when
    set, so that a build can be reproduced, otherwise today."""
    text = environ.get(TODAY_VARIABLE, "").strip()
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{TODAY_VARIABLE}={text!r} is not a date; write YYYY-MM-DD") from None


WARNINGS_VARIABLE = "ECOTONE_ENTRY_WARNINGS"


def entry_warnings_fail_strict(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether the entries' warnings count as warnings in this build (the default),
    or are logged as notices: `ECOTONE_ENTRY_WARNINGS=notice`, for a build whose
    entries `ecotone validate --base` has already judged against the base, so that
    `--strict` fails there only on the site's own warnings."""
    text = environ.get(WARNINGS_VARIABLE, "").strip() or "warning"
    if text not in ("warning", "notice"):
        raise ValueError(f"{WARNINGS_VARIABLE}={text!r} is neither 'warning' nor 'notice'")
    return text == "warning"


PUBLISH_VARIABLE = "ECOTONE_PUBLISH"
_LOOPBACK = re.compile(r"^(localhost|127(\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$")


def check_published_address(site_url: str | None, environ: Mapping[str, str] = os.environ) -> None:
    """In a build to publish (`ECOTONE_PUBLISH=true`, which the deploy workflow
    sets), a ValueError unless `site_url` is where the site will be read: the
    feeds, exports and JSON-LD name every page by it, and a loopback address
    would point each reader at their own machine. Other builds (tests,
    `mkdocs serve`, a look at the site) take any address."""
    text = environ.get(PUBLISH_VARIABLE, "").strip()
    if text not in ("", "true", "false"):
        raise ValueError(f"{PUBLISH_VARIABLE}={text!r} is neither 'true' nor 'false'")
    if text != "true":
        return
    host = urlsplit(site_url or "").hostname or ""
    if not site_url or not host:
        problem = "mkdocs.yml has no site_url"
    elif _LOOPBACK.match(host):
        problem = f"site_url in mkdocs.yml is {site_url}, an address on the building machine itself"
    else:
        return
    raise ValueError(
        f"{problem}, so the site cannot be published ({PUBLISH_VARIABLE}=true): its feeds,"
        " exports and JSON-LD name every page by that address. Set site_url to the address"
        " the site is published at, such as https://OWNER.github.io/REPO/."
    )


def unpinned_ids_notice(settings: SiteSettings, environ: Mapping[str, str] = os.environ) -> str:
    """In a build to publish, what to know when `extra.ecotone.tag_authority` is not
    set: the feeds' ids and the calendar's UIDs then take site_url's host, and a
    move to another domain re-issues every one of them. A notice, not a warning:
    the deploy builds with --strict, and a site that never moves is fine as it is.
    Empty otherwise."""
    if environ.get(PUBLISH_VARIABLE, "").strip() != "true" or settings.tag_authority:
        return ""
    return (
        f"The feeds' ids and the calendar's UIDs are tag: URIs under {settings.id_authority},"
        " from site_url's host: if the site ever moves to another domain, feed readers and"
        " calendars see every entry as new. To keep them, set extra.ecotone.tag_authority"
        f" in mkdocs.yml to {settings.id_authority} now, and never change it."
    )


def source_date_epoch(today: date) -> str:
    """The build date as a Unix timestamp (midnight UTC), for SOURCE_DATE_EPOCH."""
    return str(int(datetime.combine(today, time(), tzinfo=UTC).timestamp()))


def generated_files(
    data: SiteData, settings: SiteSettings, renderer: Renderer
) -> Iterator[GeneratedFile | DeferredFile | GeneratedPage | DeferredPage]:
    """Every generated file and page, in the order the site lists them, from the
    site data (`ecotone.sitedata.site_data`), rendered by the build's `renderer`."""
    directory = data.directory
    yield from marketplace_pages(directory, renderer, settings, data.blanks)
    yield from organization_pages(data, settings, renderer)
    yield from playbook_pages(directory, settings, renderer)
    yield from space_pages(data, settings, renderer)
    yield from embed_assets(data.package)
    yield from embed_files(directory, settings, renderer)
    yield from ecosystem_files(data, settings, renderer)
    yield from redirect_pages(directory, renderer)
    yield from reference_pages(data)
    yield from schema_files(data.package, settings.url)
    yield from asset_files(data.package)


def reference_pages(data: SiteData) -> Iterator[GeneratedFile]:
    """The field and rule references, from the schemas and the rule catalogue, so
    that neither can drift from what the validator checks."""
    yield GeneratedFile("join/fields.md", field_reference(data.schemas), listed=True)
    rules = rule_reference(data.rules, data.rule_examples, data.sample_report)
    yield GeneratedFile("join/rules.md", rules, listed=True)


def schema_files(package: PackageFiles, site_url: str | None) -> Iterator[GeneratedFile]:
    """The package's JSON Schemas at `/schemas/<name>.schema.json`, each with its
    address there as `$id` when the site's address is known, else byte for byte."""
    for name, shipped in package.schemas:
        path = SCHEMAS_URI + name
        if site_url is None:
            yield GeneratedFile(path, shipped)
        else:
            yield GeneratedFile(path, published_schema(shipped, path, SiteUrls(site_url)))


def asset_files(package: PackageFiles) -> Iterator[GeneratedFile]:
    """Everything under the package's `assets/`, at `/assets/ecotone/…`."""
    for path, content in package.assets:
        yield GeneratedFile(ASSETS_URI + path, content)


def stylesheets() -> list[str]:
    """The site address of the style sheet every page uses, for `extra_css`. A page's
    own scripts and styles, such as the marketplace's, are named in its front
    matter (see render.pages.markdown_page) and loaded by that page alone."""
    return [SITE_STYLESHEET]
