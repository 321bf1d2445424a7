"""The one place where partner text becomes HTML.

Every page is rendered by a build's `Renderer`, in its Jinja2 environment:
autoescaping is on, an undefined variable is an error, and the few fields that
allow Markdown pass through its `markdown`, which renders them and then
sanitizes the result with Ammonia (nh3). Links from partner data pass through `safe_url`.

Generated pages are Markdown files whose body is one HTML block, which
Python-Markdown passes through untouched as long as no line of partner text
starts a line of its own. So every value written into a page has its line
breaks (and tabs, which Python-Markdown would expand) written as character
references (`&#10;`): a page's lines are the template's lines, and partner
text never reaches a line start where a Markdown preprocessor might act on it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import markdown as python_markdown
import nh3
from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined, TemplateError
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from ecotone import addresses
from ecotone.render import views
from ecotone.wording import label, long_date

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
PIECE = 1 << 16  # characters of output generated into another template at a time

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


def _one_line(html: str) -> str:
    """Line breaks and tabs as character references: the same text for a browser,
    but nothing Python-Markdown would change (it normalizes line breaks and expands
    tabs before it sets raw HTML aside) or see at the start of a line."""
    return html.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


def _finalize(value: Any) -> Any:
    """Every `{{ value }}` of a template, just before autoescaping escapes it (unless
    already markup, such as a macro's output): its line breaks to be written as
    character references. Templates never break a tag across lines, so this touches
    only text.

    Most values are text or markup on one line, which autoescaping alone turns into
    what the page shows: they pass unchanged, so that each is escaped once (the
    pages of a large directory hold millions of values). The others are escaped
    here and their line breaks replaced, as markup that autoescaping leaves as is."""
    if isinstance(value, str) and "\n" not in value and "\r" not in value and "\t" not in value:
        return value
    escaped = str(escape(value))
    if "\n" in escaped or "\r" in escaped or "\t" in escaped:
        escaped = _one_line(escaped)
    return Markup(escaped)


class CompiledTemplates(BytecodeCache):
    """Templates as Jinja compiled them, kept in memory from one build of `mkdocs
    serve` to the next (compiling them is a tenth of a rebuild). Jinja checks each
    against its source, so a template edited meanwhile is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


@dataclass(frozen=True)
class Compiled:
    """The compiled templates of the theme's environment and of the pages'
    (`Renderer`), kept apart: each environment compiles with its own settings."""

    theme: CompiledTemplates = field(default_factory=CompiledTemplates)
    pages: CompiledTemplates = field(default_factory=CompiledTemplates)


class Renderer:
    """One build's rendering: its Jinja environment, whose templates are compiled
    once for the build (or taken from `compiled`, as an earlier build compiled
    them), and its Markdown converter (building one costs more than converting a
    field). The build makes one and drops it when it ends, so that nothing but
    compiled templates is kept from one build (or `mkdocs serve` rebuild) to the
    next."""

    def __init__(self, compiled: CompiledTemplates | None = None) -> None:
        self._converter = python_markdown.Markdown(output_format="html")
        self.environment = Environment(
            bytecode_cache=compiled,
            loader=PackageLoader("ecotone", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self.environment.filters.update(
            markdown=self.markdown,
            safe_url=safe_url,
            label=label,
            in_words=views.fields_in_words,
            long_date=long_date,
            amount=views.amount,
            term=views.term_text,
            space_path=addresses.space_path,
            organization_path=addresses.organization_path,
            playbook_path=addresses.playbook_path,
        )

    def compile_pages(self) -> None:
        """Compile every page template now, rather than when a page first needs it."""
        compile_all(self.environment, self.environment.list_templates(_PAGE_TEMPLATES))

    def render(self, template: str, **context: Any) -> str:
        return self.environment.get_template(template).render(**context)

    def generate(self, template: str, **context: Any) -> Iterator[str]:
        """The template's output piece by piece, as rendered: what `render` joins."""
        return self.environment.get_template(template).generate(**context)

    def generate_markup(self, template: str, **context: Any) -> Iterator[Markup]:
        """The template's output in pieces of about `PIECE` characters, as markup on
        one line (`_one_line`): for output written into another template's, a piece
        at a time, as that template's `{{ value }}` would write the whole. (Jinja's
        own pieces are a value or a run of text each: hundreds of thousands of
        them, each written into the page on its own, cost more than the map.)"""
        pieces: list[str] = []
        size = 0
        for piece in self.generate(template, **context):
            pieces.append(piece)
            size += len(piece)
            if size >= PIECE:
                yield Markup(_one_line("".join(pieces)))
                pieces, size = [], 0
        if pieces:
            yield Markup(_one_line("".join(pieces)))

    def markdown(self, text: str | None) -> Markup:
        """A partner's Markdown as sanitized HTML: rendered by Python-Markdown, then
        cleaned by Ammonia down to a few tags and to http, https and mailto links."""
        if not text:
            return Markup("")
        rendered = self._converter.reset().convert(text)
        cleaned = nh3.clean(
            rendered,
            tags=set(MARKDOWN_TAGS),
            attributes={tag: set(names) for tag, names in MARKDOWN_ATTRIBUTES.items()},
            url_schemes=set(SAFE_SCHEMES),
            link_rel="nofollow noopener noreferrer",
        )
        return Markup(_one_line(cleaned))


# The pages' templates, beside those `ecotone init` and `ecotone new` fill in.
_PAGE_TEMPLATES = ["html", "svg"]


def compile_all(environment: Environment, names: Iterable[str]) -> None:
    """Compile the templates `names` now, into the environment (and its bytecode
    cache), as it would when it first renders each. One that does not compile is
    left for that moment to report, if it ever comes."""
    for name in names:
        with contextlib.suppress(TemplateError):
            environment.get_template(name)


class SharedMacros:
    """A template's macros for a family of pages that share the macros' context: the
    `root` (pages at the same depth) and the directory. A macro's markup then
    depends only on its arguments, so each distinct call is rendered once and its
    markup reused: at scale the same links, badges, headings and escalation paths
    recur on thousands of pages.

    Arguments are told apart by type as well as by value, so that markup and the
    equal plain text never share a result; a call with an unhashable argument is
    rendered each time."""

    def __init__(self, renderer: Renderer, template: str, **context: Any) -> None:
        self._module = renderer.environment.get_template(template).make_module(context)

    def __getattr__(self, name: str) -> Callable[..., Markup]:
        if name.startswith("_"):
            raise AttributeError(name)
        macro = _Remembered(getattr(self._module, name))
        setattr(self, name, macro)  # found without __getattr__ from now on
        return macro


class _Remembered:
    """A macro that renders each distinct call once, as long as calls recur.

    Some macros are called once per page with that page's own arguments (its
    match list, its embed code): kept, their markup would only fill memory, about
    a tenth of a 10,000-organization build's. So a macro whose calls, after a
    trial, repeat less than one time in `RECURRING` is no longer remembered."""

    TRIAL = 256  # calls before a macro is judged
    RECURRING = 4

    def __init__(self, macro: Callable[..., Markup]) -> None:
        self._macro = macro
        self._made: dict[tuple[Any, ...], Markup] | None = {}  # None: not remembered
        self._found_again = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Markup:
        made = self._made
        if made is None:
            return self._macro(*args, **kwargs)
        key = tuple([(type(value), value) for value in args])
        if kwargs:
            key += tuple([(name, type(value), value) for name, value in sorted(kwargs.items())])
        try:
            markup = made.get(key)
        except TypeError:  # an unhashable argument
            return self._macro(*args, **kwargs)
        if markup is not None:
            self._found_again += 1
            return markup
        markup = made[key] = self._macro(*args, **kwargs)
        if len(made) >= self.TRIAL and self._found_again * self.RECURRING < len(made):
            self._made = None
        return markup
