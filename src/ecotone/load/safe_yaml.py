"""Safe YAML: one file's text into plain data, refusing what could harm or mislead.

The loader trusts nothing it reads. It refuses files that are too large, not
UTF-8, nested too deeply, or that use anchors, aliases, duplicate keys or tags
beyond YAML's core types. Plain scalars resolve as in YAML 1.2's core schema,
narrowed: `true`/`false`, `null`, decimal integers and decimal fractions.
Everything else, `no`, `on`, `2025-01-10`, `012345`, stays the text the author
wrote, so the schema decides what a value means, not YAML 1.1's guesses.
"""

from __future__ import annotations

import codecs
import math
import os
import re
import sys
from pathlib import Path
from typing import BinaryIO

import yaml
from yaml.cyaml import CParser

from ecotone.load import rules, syntax
from ecotone.load.positions import Source
from ecotone.problems import Problem, Rule

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32
# libyaml's composer recurses in C; past a few thousand levels it can crash
# the process. Every level needs one of these characters, so their count
# bounds the depth; only files above this bound pay for an exact event scan.
_SAFE_INDICATOR_COUNT = 2000
_NESTING_INDICATORS = ("[", "{", "-", "?", ":")

# YAML's printable characters (YAML 1.2, section 5.1); libyaml refuses all others.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = (_STR, _INT, _FLOAT, _BOOL, _NULL)

_INT_TEXT = re.compile(r"^[-+]?(0|[1-9][0-9]{0,17})$")
_FLOAT_TEXT = re.compile(
    r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$"
)
_BOOL_TEXT = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
_NULL_TEXT = re.compile(r"^(~|null|Null|NULL|)$")


class _CoreResolver(yaml.resolver.BaseResolver):
    """Resolves plain scalars by a narrowed YAML 1.2 core schema (see module doc).

    libyaml's composer calls these three methods for every node, so they do only
    what this resolver needs: PyYAML's general versions also serve path resolvers
    and fallbacks that it never registers, and took a fifth of the loading time."""

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:  # a plain scalar: its text decides
                for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_CoreResolver.add_implicit_resolver(_BOOL, _BOOL_TEXT, list("tTfF"))
_CoreResolver.add_implicit_resolver(_NULL, _NULL_TEXT, ["~", "n", "N", ""])
_CoreResolver.add_implicit_resolver(_INT, _INT_TEXT, list("-+0123456789"))
_CoreResolver.add_implicit_resolver(_FLOAT, _FLOAT_TEXT, list("-+0123456789."))


class _Composer(CParser, _CoreResolver):
    """libyaml's parser and composer with our resolver; it builds nodes, never objects."""

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        _CoreResolver.__init__(self)


class LoadError(Exception):
    """A file refused by the loader, with the problem that says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


# -- one file ---------------------------------------------------------------


def read_source(path: str | Path, file: str) -> Source:
    """Read a file's text, refusing oversized files and invalid UTF-8."""
    with open(path, "rb") as opened:
        raw = _read_at_most(opened, MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            size = os.fstat(opened.fileno()).st_size
            raise LoadError(rules.FILE_TOO_LARGE.at(file, 1, 1, size=size, limit=MAX_FILE_BYTES))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in raw[:200]:
        what = "it is saved as UTF-16 (which Notepad calls 'Unicode')"
        raise LoadError(rules.NOT_UTF8.at(file, 1, 1, what=what, then=""))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LoadError(_not_utf8(raw, error, file)) from None
    return Source(file, text)


def _read_at_most(opened: BinaryIO, limit: int) -> bytes:
    """Up to `limit` bytes of the file. Asked for `limit` at once, Python would set
    aside that much memory for each file, however small (at 1 MB, three quarters of
    the time reading a directory's files took): it asks for the size the file says
    it has, and for more only if the file has more (it grew, or is not a plain file)."""
    size = os.fstat(opened.fileno()).st_size
    raw = opened.read(min(size + 1, limit))
    if len(raw) > size:  # it has grown since, or is not a plain file
        raw += opened.read(limit - len(raw))
    return raw


def _not_utf8(raw: bytes, error: UnicodeDecodeError, file: str) -> Problem:
    """E103 at the first byte that is not UTF-8, with the character it most likely is
    in Windows-1252, the encoding editors on Windows save in."""
    line = raw.count(b"\n", 0, error.start) + 1
    column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
    byte = raw[error.start : error.start + 1]
    what = f"the byte 0x{byte.hex().upper()} on line {line} is not UTF-8"
    then = ""
    guess = byte.decode("cp1252", errors="ignore")
    if guess.isprintable() and guess:
        what += f"; it reads as '{guess}' in Windows-1252, so the file was saved in that encoding"
        then = f" Then check that '{guess}' still reads right."
    return rules.NOT_UTF8.at(file, line, column, what=what, then=then)


def parse(source: Source) -> object:
    """Turn a file's text into plain data (dicts, lists, str, int, float, bool, None)."""
    _refuse_deep_nesting(source)
    _refuse_anchors(source)
    try:
        node = _Composer(source.text).get_single_node()
    except yaml.YAMLError as error:
        raise LoadError(_yaml_problem(source, error)) from None
    return _to_data(node, source.file) if node is not None else None


def _yaml_problem(source: Source, error: yaml.YAMLError) -> Problem:
    """The problem for a file the YAML parser refused."""
    file = source.file
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        if isinstance(error, yaml.composer.ComposerError) and "another document" in str(
            error.problem
        ):
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            return rules.SEVERAL_DOCUMENTS.at(file, line, column)
        said = " ".join(part for part in (error.context, error.problem) if part)
        explained = syntax.explain(source.text, error)
        return rules.YAML_SYNTAX.at(
            file,
            explained.line,
            explained.column,
            what=explained.what,
            fix=explained.fix,
            said=said,
        )
    character = _NOT_PRINTABLE.search(source.text)
    if isinstance(error, yaml.reader.ReaderError) and character:
        index = character.start()
        line = source.text.count("\n", 0, index) + 1
        column = index - source.text.rfind("\n", 0, index)
        code_point = f"U+{ord(character.group()):04X}"
        return rules.CONTROL_CHARACTER.at(file, line, column, code_point=code_point)
    return rules.YAML_SYNTAX.at(
        file, 1, 1, what=syntax.GENERAL, fix=syntax.GENERAL_FIX, said=str(error)
    )


def _refuse_deep_nesting(source: Source) -> None:
    if sum(source.text.count(c) for c in _NESTING_INDICATORS) <= _SAFE_INDICATOR_COUNT:
        return
    depth = 0
    try:
        for event in yaml.parse(source.text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise LoadError(
                        rules.TOO_DEEP.at(
                            source.file, mark.line + 1, mark.column + 1, limit=MAX_DEPTH
                        )
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as error:
        raise LoadError(_too_deep_or_syntax(source, error)) from None


def _too_deep_or_syntax(source: Source, error: yaml.YAMLError) -> Problem:
    """Newer libyaml (0.2.6) stops at its own nesting bound (1,000 levels)
    before our event scan reaches ours; the file is then deeper than ours too,
    and the message explains our bound, not libyaml's."""
    mark = getattr(error, "problem_mark", None)
    if mark is not None and "nesting depth" in str(getattr(error, "problem", "")):
        return rules.TOO_DEEP.at(source.file, mark.line + 1, mark.column + 1, limit=MAX_DEPTH)
    return _yaml_problem(source, error)


def _refuse_anchors(source: Source) -> None:
    """Anchors and aliases are refused outright: no alias bombs, no shared nodes."""
    if "&" not in source.text and "*" not in source.text:
        return
    try:
        for event in yaml.parse(source.text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                raise LoadError(rules.ANCHOR.at(source.file, mark.line + 1, mark.column + 1))
    except yaml.YAMLError as error:
        raise LoadError(_yaml_problem(source, error)) from None


def _to_data(root: yaml.Node, file: str) -> object:
    """Convert a node tree to plain data without recursion, refusing what JSON cannot hold."""
    result: list[object] = [None]
    # Each entry: the node, the container to store into, the key or index, the depth.
    stack: list[tuple[yaml.Node, object, object, int]] = [(root, result, 0, 0)]
    while stack:
        node, parent, slot, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise LoadError(_problem_at(rules.TOO_DEEP, file, node, limit=MAX_DEPTH))
        if isinstance(node, yaml.ScalarNode):
            value = _scalar(node, file)
        elif isinstance(node, yaml.SequenceNode):
            _require_tag(node, _SEQ, file)
            value = [None] * len(node.value)
            stack.extend((item, value, i, depth + 1) for i, item in enumerate(node.value))
        else:
            _require_tag(node, _MAP, file)
            value = {}
            for key_node, value_node in node.value:
                key = _key(key_node, file)
                if key in value:
                    raise LoadError(_problem_at(rules.DUPLICATE_KEY, file, key_node, key=key))
                value[key] = None
                stack.append((value_node, value, key, depth + 1))
        parent[slot] = value  # type: ignore[index]
    return result[0]


def _key(node: yaml.Node, file: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise LoadError(_problem_at(rules.COMPLEX_KEY, file, node))
    if node.tag not in _SCALAR_TAGS:
        raise LoadError(_problem_at(rules.UNSUPPORTED_TAG, file, node, **_tag_values(node.tag)))
    # Keys are always the text as written (`no:` is "no", `1:` is "1"), and one string
    # each: a few dozen names repeated in every file, which the validation cache then
    # writes once per part, and reads back as fast as its own references.
    return sys.intern(node.value)


def _scalar(node: yaml.ScalarNode, file: str) -> object:
    text, tag = node.value, node.tag
    if tag == _STR:
        return text
    if tag == _INT and _INT_TEXT.match(text):
        return int(text)
    if tag == _FLOAT and _FLOAT_TEXT.match(text):
        number = float(text)
        return number if math.isfinite(number) else text
    if tag == _BOOL and _BOOL_TEXT.match(text):
        return text.lower() == "true"
    if tag == _NULL and _NULL_TEXT.match(text):
        return None
    raise LoadError(_problem_at(rules.UNSUPPORTED_TAG, file, node, **_tag_values(tag)))


def _require_tag(node: yaml.Node, expected: str, file: str) -> None:
    if node.tag != expected:
        raise LoadError(_problem_at(rules.UNSUPPORTED_TAG, file, node, **_tag_values(node.tag)))


def _tag_values(tag: str) -> dict[str, str]:
    """E106's texts: a `!word` is most often text that begins with `!`, a `!!type` a tag."""
    short = _short_tag(tag)
    if short.startswith("!!"):
        fix = "Remove the tag and write a plain value; quote text that looks like a number."
    else:
        fix = f'If {short} is part of the text, put the whole value in quotes: "{short} …".'
    return {"tag": short, "fix": fix}


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


def _problem_at(rule: Rule, file: str, node: yaml.Node, **values: object) -> Problem:
    return rule.at(file, node.start_mark.line + 1, node.start_mark.column + 1, **values)
