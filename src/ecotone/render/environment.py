"""The one place where partner text becomes HTML.

Every page is rendered by this Jinja2 environment: autoescaping is on, an
undefined variable is an error, and the few fields that allow Markdown pass
through `markdown`, which renders them and then sanitizes the result with
Ammonia (nh3). Links from partner data pass through `safe_url`.

Generated pages are Markdown files whose body is one HTML block, which
Python-Markdown passes through untouched as long as no line of partner text
starts a line of its own. So every value written into a page has its line
breaks (and tabs, which Python-Markdown would expand) written as character
references (`&#10;`): a page's lines are the template's lines, and partner
text never reaches a line start where a Markdown preprocessor might act on it.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlsplit

import markdown as python_markdown
import nh3
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ecotone.render import paths, views

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

# What a partner's Markdown may produce: text structure, emphasis, links, code.
# No images (they would load from anywhere), no headings (pages own those), no
# tables or raw HTML beyond these.
MARKDOWN_TAGS = frozenset(
    {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr"}
)
MARKDOWN_ATTRIBUTES = {"a": {"href", "title"}}


def safe_url(url: object) -> str | None:
    """The URL if it is an absolute http, https or mailto address, otherwise None:
    a template then shows the text without a link."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES:
        return None
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return None
    return text


def markdown(text: str | None) -> Markup:
    """A partner's Markdown as sanitized HTML: rendered by Python-Markdown, then
    cleaned by Ammonia down to a few tags and to http, https and mailto links."""
    if not text:
        return Markup("")
    rendered = _markdown_converter().reset().convert(text)
    cleaned = nh3.clean(
        rendered,
        tags=set(MARKDOWN_TAGS),
        attributes={tag: set(names) for tag, names in MARKDOWN_ATTRIBUTES.items()},
        url_schemes=set(SAFE_SCHEMES),
        link_rel="nofollow noopener noreferrer",
    )
    return Markup(_one_line(cleaned))


@cache
def _markdown_converter() -> python_markdown.Markdown:
    """One converter for every field: building one costs more than converting a field."""
    return python_markdown.Markdown(output_format="html")


def _one_line(html: str) -> str:
    """Line breaks and tabs as character references: the same text for a browser,
    but nothing Python-Markdown would change (it normalizes line breaks and expands
    tabs before it sets raw HTML aside) or see at the start of a line."""
    return html.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


def _finalize(value: Any) -> Markup:
    """Every `{{ value }}` of a template: escaped (unless already markup, such as a
    macro's output), its line breaks written as character references. Templates
    never break a tag across lines, so this touches only text."""
    escaped = escape(value)
    if "\n" in escaped or "\r" in escaped or "\t" in escaped:
        return Markup(_one_line(str(escaped)))
    return escaped


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("ecotone", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        markdown=markdown,
        safe_url=safe_url,
        label=views.label,
        long_date=views.long_date,
        amount=views.amount,
        term=views.term_text,
        space_path=paths.space_path,
        organization_path=paths.organization_path,
        playbook_path=paths.playbook_path,
    )
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
