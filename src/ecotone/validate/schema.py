"""Validate, first step: check each file against its JSON Schema.

A clean file passes `jsonschema-rs` in microseconds. Only a file that fails is
checked again with `jsonschema`, whose structured errors are turned into
problems with specific rule codes, the field's place and a fix by
`rules.schema.explain`, beside the rules' texts. `jsonschema` is imported only
then: importing it took a quarter of the time a validation of a clean
directory spent importing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from ecotone.load.directory import Document, Kind
from ecotone.problems import FieldPath, Problem
from ecotone.validate.rules.schema import (
    SCHEMA_FILES,
    SCHEMA_MISMATCH,
    explain,
    schema_documents,
)

if TYPE_CHECKING:
    import jsonschema


@cache
def _fast_validator(kind: Kind) -> Any:
    documents = schema_documents()
    registry = jsonschema_rs.Registry([(doc["$id"], doc) for doc in documents.values()])
    return jsonschema_rs.validator_for(
        documents[SCHEMA_FILES[kind]], registry=registry, validate_formats=True
    )


@cache
def _explaining_validator(kind: Kind) -> jsonschema.Draft202012Validator:
    import jsonschema
    from referencing import Registry, Resource

    documents = schema_documents()
    registry: Registry = Registry().with_resources(
        (doc["$id"], Resource.from_contents(doc)) for doc in documents.values()
    )
    explaining = jsonschema.validators.extend(
        jsonschema.Draft202012Validator, {"pattern": _ecma_pattern}
    )
    return explaining(
        documents[SCHEMA_FILES[kind]],
        registry=registry,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


def _ecma_pattern(
    validator: jsonschema.Draft202012Validator, pattern: str, instance: object, schema: object
) -> Iterator[jsonschema.ValidationError]:
    """`pattern` read as JSON Schema and jsonschema-rs read it (ECMA-262), so that the
    two checks agree: a file the fast one refuses got only the catch-all E200 at line 1.
    Python's `$` also matches before a final line break, so a one-line field written as
    a `|` block, `text\n`, passed here; Python's `\\s` misses U+FEFF, so a web address
    holding that invisible character did too."""
    import jsonschema

    if validator.is_type(instance, "string") and not _ecma_regex(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


# What ECMA-262's `\s` matches: white space and line terminators. Python's also
# matches U+001C to U+001F and U+0085, and not U+FEFF.
_ECMA_SPACE = r"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


@cache
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    r"""`pattern`, written for ECMA-262, as a Python regular expression: `$` is the very
    end and `\s` ECMA's white space (enough for the schemas' patterns)."""
    parts: list[str] = []
    in_class = False
    for token in re.findall(r"\\.|.", pattern, re.DOTALL):
        if token == r"\s":
            token = _ECMA_SPACE if in_class else f"[{_ECMA_SPACE}]"
        elif token == "$" and not in_class:
            token = r"\Z"
        elif token in "[]":
            in_class = token == "["
        parts.append(token)
    return re.compile("".join(parts))


def check_document(document: Document) -> list[Problem]:
    """Every schema problem of one document; an empty list when it is valid."""
    if _fast_validator(document.kind).is_valid(document.data):
        return []
    found: dict[tuple[str, FieldPath], Problem] = {}
    for error in _explaining_validator(document.kind).iter_errors(document.data):
        for rule, field, values in explain(document.kind, error, document.data):
            line, column = document.source.locate(field)
            problem = rule.at(document.source.file, line, column, field, **values)
            found.setdefault((problem.code, field), problem)
    if not found:  # the two validators disagree; never let a file through silently
        found[("", ())] = SCHEMA_MISMATCH.at(
            document.source.file, 1, 1, detail="the file was rejected by the schema check"
        )
    return sorted(found.values(), key=lambda p: p.sort_key)
