"""YAML syntax errors in the author's words: what is wrong, at the line to edit,
and the edited line itself where it can be written out.

libyaml says where it gave up, in its own terms ("mapping values are not
allowed in this context"), often a line after the mistake. Beginners make a
few mistakes over and over: a tab, a line indented one space off, a colon or a
quote inside a value, a bracket left open, a missing space after a colon.
Each is recognised here from libyaml's error and the lines around its mark.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

# A line that holds a field: indentation, an optional list dash, the key, the value.
_FIELD = re.compile(
    r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s:#\"'\-][^:#]*?) *:(?:[ \t]+(?P<value>.*?))?[ \t]*$"
)
_ITEM = re.compile(r"^(?P<indent> *)- +(?P<value>.*?)\s*$")
# Curly quotes, as word processors write them (double, then single): no quotes to YAML.
_CURLY_DOUBLE, _CURLY_SINGLE = "\u201c\u201d\u201e", "\u2018\u2019"
_CURLY = str.maketrans({**dict.fromkeys(_CURLY_DOUBLE, '"'), **dict.fromkeys(_CURLY_SINGLE, "'")})
# What YAML makes of a value that starts with one of its indicators.
_INDICATORS = {
    "[": "the start of a list",
    "{": "the start of a mapping",
    "*": "an alias (a reference to another value)",
    "&": "an anchor",
    "!": "a tag",
    "|": "the start of a block of text",
    ">": "the start of a block of text",
    "@": "a reserved character",
    "`": "a reserved character",
    "%": "a directive",
    "?": "a complex key",
    "-": "a list item",
}


GENERAL = "The file is not valid YAML here."
GENERAL_FIX = (
    "Check the indentation (spaces, not tabs) and the quoting at this line: text that "
    "contains ': ' or ' #', or starts with one of [ ] { } * & ! | > ' \" % @ `, needs "
    "quotes around it."
)


@dataclass(frozen=True)
class Explained:
    """A syntax error placed at the line to edit: what is wrong and the fix."""

    line: int
    column: int
    what: str
    fix: str


def explain(text: str, error: yaml.MarkedYAMLError) -> Explained:
    """Our explanation of libyaml's `error` in `text`; a general one if no
    common mistake fits."""
    lines = text.splitlines()
    mark = error.problem_mark or error.context_mark
    line = min(mark.line, max(len(lines) - 1, 0)) if mark else 0
    context = _Context(lines, error, line)
    for explainer in _EXPLAINERS:
        found = explainer(context)
        if found is not None:
            return found
    return Explained(line + 1, mark.column + 1 if mark else 1, GENERAL, GENERAL_FIX)


@dataclass(frozen=True)
class _Context:
    lines: list[str]
    error: yaml.MarkedYAMLError
    line: int  # 0-based line of libyaml's mark

    @property
    def problem(self) -> str:
        return self.error.problem or ""

    @property
    def said(self) -> str:
        return self.error.context or ""

    @property
    def column(self) -> int:
        """0-based column of libyaml's mark."""
        mark = self.error.problem_mark or self.error.context_mark
        return mark.column if mark else 0

    def text(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def previous_content(self, index: int) -> int | None:
        """The nearest line above `index` that holds more than a comment."""
        for i in range(index - 1, -1, -1):
            stripped = self.lines[i].strip()
            if stripped and not stripped.startswith("#"):
                return i
        return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _quoted(value: str) -> str:
    """`value` in the quotes that need no escaping inside it."""
    value = value.translate(_CURLY)
    if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _with_value(line: str, value: str) -> str:
    """The line of a field, its value replaced, as it would be written."""
    field = _FIELD.match(line)
    assert field is not None
    return f"{field['dash'] or ''}{field['key']}: {value}"


def _field_name(line: str) -> str:
    """`review:` for a field's line, `- item` for a list item's."""
    field = _FIELD.match(line)
    return f"`{field['key']}:`" if field else f"`{line.strip()}`"


def _spaces(count: int) -> str:
    return f"{count} space" + ("" if count == 1 else "s")


# -- the mistakes, most specific first -------------------------------------------


def _tab(c: _Context) -> Explained | None:
    if "tab" not in c.problem and "cannot start any token" not in c.problem:
        return None
    for i in range(c.line, -1, -1):  # the tab is on the mark's line or just above it
        text = c.text(i)
        leading = text[: len(text) - len(text.lstrip(" \t"))]
        if "\t" in leading:
            spaces = _spaces_meant(c, i)
            return Explained(
                i + 1,
                leading.index("\t") + 1,
                f"Line {i + 1} is indented with a tab; YAML indents with spaces only.",
                f"Replace the tab with {_spaces(spaces)}, so that `{text.strip()}` lines up "
                "with the lines it belongs with.",
            )
        if i < c.line - 1:
            return None
    return None


def _spaces_meant(c: _Context, index: int) -> int:
    """How far line `index` is meant to be indented, from the line above it: as far
    as its fields, or 2 more below a field that opens (`term:`) or for more of a
    value's text."""
    above = c.previous_content(index)
    if above is None:
        return 0
    text = c.text(above)
    field = _FIELD.match(text)
    key_column = _indent(text) + len(field["dash"] or "") if field else _indent(text)
    opens = text.rstrip().endswith(":")
    more_text = field is not None and not _FIELD.match(c.text(index).replace("\t", " "))
    return key_column + (2 if opens or more_text else 0)


def _unclosed_quote(c: _Context) -> Explained | None:
    """A value that opens a quote and does not close it on its line."""
    if "quoted scalar" in c.said and ("escape" in c.problem or "hexdecimal" in c.problem):
        return None
    start = c.error.context_mark.line if "quoted scalar" in c.said else 0
    for i in range(start, c.line + 1):
        field = _FIELD.match(c.text(i)) or _ITEM.match(c.text(i))
        value = (field["value"] or "") if field else ""
        if value[:1] in ("'", '"') and not _closes(value):
            quote = value[0]
            return Explained(
                i + 1,
                c.text(i).index(value) + 1,
                f"The value of {_field_name(c.text(i))} opens a quote ({quote}) that is not "
                f"closed on line {i + 1}, so YAML reads the lines below as part of it.",
                f"Close the quote at the end of the value: {_closed_line(c.text(i), value)}",
            )
    return None


def _closes(value: str) -> bool:
    quote, body = value[0], value[1:]
    body = body.replace("''", "") if quote == "'" else re.sub(r"\\.", "", body)
    return quote in body


def _closed_line(line: str, value: str) -> str:
    fixed = value + value[0]
    return _with_value(line, fixed) if _FIELD.match(line) else f"- {fixed}"


def _text_after_quote(c: _Context) -> Explained | None:
    """`title: "The "best" lab"`: a quoted value goes on after its closing quote."""
    if "did not find expected key" not in c.problem:
        return None
    field = _FIELD.match(c.text(c.line))
    value = (field["value"] or "") if field else ""
    if value[:1] not in ("'", '"') or c.column <= c.text(c.line).index(value):
        return None
    return Explained(
        c.line + 1,
        c.text(c.line).index(value) + 1,
        f"The value of {_field_name(c.text(c.line))} starts with a quote, so it ends at the "
        f"next {value[0]}; YAML allows no text after it.",
        f"Put the whole value in the other kind of quotes: "
        f"{_with_value(c.text(c.line), _quoted(value))}",
    )


def _unclosed_bracket(c: _Context) -> Explained | None:
    if "flow sequence" not in c.said and "flow mapping" not in c.said:
        return None
    i = c.error.context_mark.line
    closing = "]" if "sequence" in c.said else "}"
    opening = "[" if closing == "]" else "{"
    text = c.text(i)
    return Explained(
        i + 1,
        c.error.context_mark.column + 1,
        f"The {'list' if closing == ']' else 'mapping'} opened with {opening} on line {i + 1} "
        f"is not closed.",
        f"Add {closing} at its end: {text.strip()}{closing} — or, if the value is text, "
        f"put it in quotes.",
    )


def _indicator_start(c: _Context) -> Explained | None:
    """A value that starts with a character YAML reserves: `aim: *important* work`."""
    field = _FIELD.match(c.text(c.line))
    value = (field["value"] or "") if field else ""
    if not value or value[0] not in _INDICATORS:
        return None
    return Explained(
        c.line + 1,
        c.text(c.line).index(value) + 1,
        f"The value of {_field_name(c.text(c.line))} starts with {value[0]}, which YAML "
        f"reads as {_INDICATORS[value[0]]}.",
        f"Put the value in quotes: {_with_value(c.text(c.line), _quoted(value))}",
    )


def _bad_escape(c: _Context) -> Explained | None:
    if "quoted scalar" not in c.said or not ("escape" in c.problem or "hexdecimal" in c.problem):
        return None
    i = c.error.context_mark.line
    field = _FIELD.match(c.text(i))
    value = (field["value"] or "") if field else ""
    if not value.startswith('"'):
        return None
    body = value[1:-1] if _closes(value) else value[1:]
    return Explained(
        i + 1,
        c.error.context_mark.column + 1,
        f"The value of {_field_name(c.text(i))} is in double quotes, where a backslash (\\) "
        "starts an escape such as \\n.",
        f"Use single quotes, where a backslash is just a backslash: "
        f"{_with_value(c.text(i), _quoted(body))}",
    )


def _colon_in_value(c: _Context) -> Explained | None:
    """`aim: Grow: together`: a second ': ' in a field's value."""
    if "mapping values are not allowed" not in c.problem:
        return None
    text = c.text(c.line)
    field = re.match(r"^(?P<head> *(- +)?[^\s:#][^:]*?:)[ \t]+(?P<value>.+?)\s*$", text)
    if field is None or c.column <= len(field["head"]):
        return None
    value = field["value"]
    curly = any(q in value for q in _CURLY_DOUBLE + _CURLY_SINGLE)
    what = (
        f"The value of {_field_name(text)} contains a colon followed by a space (or at its "
        "end), which YAML reads as the start of another field."
    )
    if curly:
        what += " Curly quotes (“ ”), as word processors write them, are no quotes in YAML."
    key = field["head"].strip().removeprefix("- ").strip()
    fixed = f"{'- ' if text.lstrip().startswith('- ') else ''}{key} {_quoted(value)}"
    return Explained(c.line + 1, len(field["head"]) + 2, what, f"Put the value in quotes: {fixed}")


def _line_above_is_broken(c: _Context) -> Explained | None:
    """libyaml stops at a field's colon because it read the field as the end of the
    line above: that line lacks its colon, or this one is indented too far."""
    if "mapping values are not allowed" not in c.problem and "could not find expected ':'" not in (
        c.problem
    ):
        return None
    here = c.line
    if "could not find expected ':'" in c.problem and c.error.context_mark is not None:
        above = c.error.context_mark.line  # the line that has no colon
        here = above + 1
    else:
        above = c.previous_content(here)
    if above is None:
        return None
    text, below = c.text(above), c.text(here)
    field = _FIELD.match(text)
    key_column = _indent(text) + len(field["dash"] or "") if field else 0
    if field is not None and field["value"] and _indent(below) > key_column:
        before = c.previous_content(above)
        if before is not None and _indent(c.text(before)) == _indent(below):
            # The line above was out-dented from among its siblings; it is the one to edit.
            return Explained(
                above + 1,
                1,
                f"Line {above + 1} is indented by {_spaces(key_column)}, less than the "
                f"lines around it, so YAML reads it as the end of the fields above it.",
                f"Indent {_field_name(text)} by {_spaces(_indent(below))}, like "
                f"{_field_name(c.text(before))} on line {before + 1}.",
            )
        name = _field_name(below)
        return Explained(
            here + 1,
            1,
            f"Line {here + 1} is indented more than {_field_name(text)} on line {above + 1}, "
            "whose value is already given, so YAML reads it as more of that value.",
            f"Indent {name} by {_spaces(key_column)}, like {_field_name(text)} on "
            f"line {above + 1}.",
        )
    if field is not None:
        return None
    stripped = text.strip()
    item = stripped.startswith("- ")
    word = stripped.removeprefix("- ")
    if ":" in word:
        key, _, value = word.partition(":")
        fixed = f"{'- ' if item else ''}{key}: {value.strip()}"
        return Explained(
            above + 1,
            _indent(text) + (2 if item else 0) + len(key) + 2,
            f"Line {above + 1} has no space after the colon, so YAML reads `{word}` as text.",
            f"Write a space after the colon: {fixed}",
        )
    first, _, rest = word.partition(" ")
    list_above = c.previous_content(above)
    as_field = f"`{first}: {rest}`" if rest else f"`{word}: <value>`"
    if list_above is not None and c.text(list_above).lstrip().startswith("- ") and not item:
        fix = f"If it is an item of the list above, write `- {word}`; if it is a field, {as_field}."
    else:
        fix = f"Write a colon and a space after the field's name: {as_field}."
    return Explained(
        above + 1,
        _indent(text) + 1,
        f"Line {above + 1}, `{stripped}`, is neither a field (`name: value`) nor a list "
        "item (`- value`).",
        fix,
    )


def _off_indentation(c: _Context) -> Explained | None:
    """A line indented to no level of the lines above it."""
    if "did not find expected" not in c.problem:
        return None
    text = c.text(c.line)
    if not text.strip() or c.column != _indent(text):
        return None
    item = text.lstrip().startswith("- ")
    levels = _open_levels(c, c.line, item)
    column = _indent(text)
    deeper = [level for level in levels if level[0] > column]
    shallower = [level for level in levels if level[0] < column]
    options = [
        f"by {_spaces(spaces)}, like {_field_name(c.text(line))} on line {line + 1}"
        for spaces, line in (deeper[-1:] + shallower[:1])
    ]
    name = _field_name(text)
    if not options:
        return Explained(
            c.line + 1,
            1,
            f"Line {c.line + 1} is a list item, but the lines above it are fields.",
            f"Put {name} under the field it belongs to: the field's line ends with a colon, "
            "and the items below it are indented by 2 spaces.",
        )
    return Explained(
        c.line + 1,
        1,
        f"Line {c.line + 1} is indented by {_spaces(column)}, which lines it up with no "
        "line above it.",
        f"Indent {name} " + ", or ".join(options) + ", whichever it belongs with.",
    )


def _open_levels(c: _Context, index: int, item: bool) -> list[tuple[int, int]]:
    """The indentations of the lines that enclose line `index`, deepest first, each
    with the nearest line at that indentation. A list item lines up with the dashes
    above it; a field with the fields, which on a `- name: value` line start after
    the dash."""
    levels: list[tuple[int, int]] = []
    for i in range(index - 1, -1, -1):
        text = c.text(i)
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        spaces = _indent(text)
        dash = _ITEM.match(text)
        if dash and not item:
            spaces = len(text) - len(text.lstrip(" -"))
        if not levels or spaces < levels[-1][0]:
            levels.append((spaces, i))
        if _indent(text) == 0:
            break
    return levels


_EXPLAINERS: list[Callable[[_Context], Explained | None]] = [
    _tab,
    _bad_escape,
    _unclosed_quote,
    _text_after_quote,
    _unclosed_bracket,
    _colon_in_value,
    _indicator_start,
    _line_above_is_broken,
    _off_indentation,
]
