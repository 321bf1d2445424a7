"""One Markdown escaper for the site's generated pages and `ecotone diff`'s summary
on GitHub: each renderer shows the text as written."""

from __future__ import annotations

import html
import string

import markdown
import pytest
from markdown_it import MarkdownIt

from ecotone.text import code_span, markdown_escaped

TEXTS = [
    string.punctuation,
    "a *b* _c_ [d](https://e.example) <img src=x> &amp; `f` | g ~~h~~ $i$ :j: \\k",
    "# not a heading, 1. not a list, > not a quote",
]


@pytest.mark.parametrize("text", TEXTS)
def test_python_markdown_shows_escaped_text_as_written(text: str) -> None:
    rendered = markdown.markdown(markdown_escaped(text), extensions=["tables", "attr_list"])
    assert html.unescape(rendered) == f"<p>{text}</p>"


@pytest.mark.parametrize("text", TEXTS)
def test_commonmark_shows_escaped_text_as_written(text: str) -> None:
    rendered = MarkdownIt("gfm-like", {"html": True}).render(markdown_escaped(text))
    assert html.unescape(rendered) == f"<p>{text}</p>\n"


def test_for_github_mentions_and_addresses_are_broken_by_a_zero_width_space() -> None:
    escaped = markdown_escaped("@stewards see https://x.example or www.x.example", unlinked=True)
    shown = html.unescape(MarkdownIt("gfm-like").render(escaped))
    assert "@\u200bstewards" in shown and "https:\u200b//" in shown and "www\u200b." in shown
    assert "\u200b" not in markdown_escaped("@stewards: www.x.example")


def test_a_code_span_holds_any_backticks_and_shows_invisible_characters() -> None:
    assert code_span("a`b") == "``a`b``"
    assert code_span("`a") == "`` `a ``"
    assert code_span("a\nb") == "`a\\u000ab`"
