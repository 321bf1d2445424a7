"""Text helpers shared by rendering and the commands, beneath both: quoting a
string for YAML (YAML values that may stay plain are `starting_files.yaml_scalar`'s
business: telling needs the YAML reader), and escaping text for Markdown, as
the site's generated pages and `ecotone diff`'s summary on GitHub write it."""

import json
import re

# What YAML refuses in a file even inside double quotes (C1 controls, surrogates,
# non-characters), and the line breaks YAML 1.1 folds there (NEL, LS, PS); JSON's
# encoder has already escaped the C0 controls.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def yaml_quoted(text: str) -> str:
    """`text` as a double-quoted string that JSON and YAML both read back unchanged."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)


# Every ASCII punctuation character is escaped, which leaves no emphasis, link, image,
# HTML, entity, code span or table cell to open: with a backslash where both
# CommonMark (GitHub) and Python-Markdown (the site) read one, otherwise as a
# character reference, which both read.
_ASCII_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")
_BACKSLASHED = frozenset("\\`*_{}[]()#+-.!|")
_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# GitHub links mentions (@handle), references (#12) and bare addresses (https://…,
# www.…, name@host) in the rendered text, after Markdown and its escapes: a zero-width
# space after the character that starts one keeps the text as it reads, unlinked.
_LINK_STARTS = re.compile(r"([@#:]|(?<![^\W_])www(?=\.))", re.IGNORECASE)
_ZERO_WIDTH_SPACE = "\u200b"
# Line breaks would end a list item or a table row; bidi controls and invisible
# characters would make the text read otherwise than it is. They are shown as escapes.
_INVISIBLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)


def visible(text: str) -> str:
    """The text with its invisible characters and line breaks as `\\uXXXX` escapes."""
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def markdown_escaped(text: str, *, unlinked: bool = False) -> str:
    """Text someone else wrote, as Markdown that GitHub and the site both show as
    written, on one line (runs of whitespace as one space), with nothing in it
    formatted. `unlinked`, for GitHub, which links mentions and bare addresses
    in the rendered text: a zero-width space breaks each."""
    text = visible(" ".join(text.split()))
    if unlinked:
        text = _LINK_STARTS.sub(lambda m: m.group() + _ZERO_WIDTH_SPACE, text)
    return _ASCII_PUNCTUATION.sub(lambda m: _escaped(m.group()), text)


def _escaped(character: str) -> str:
    if character in _BACKSLASHED:
        return "\\" + character
    return _REFERENCES.get(character) or f"&#{ord(character)};"


def code_span(text: str) -> str:
    """Text as a code span, which Markdown shows verbatim and links nothing in:
    fenced by more backticks than any run inside it, padded so that a backtick or a
    space at either end stays inside."""
    text = visible(text)
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    padding = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{padding}{text}{padding}{fence}"
