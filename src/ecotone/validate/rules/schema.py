"""Rules checked per file against the JSON Schemas, one code per kind of mistake,
and which JSON Schema keyword becomes which of them (`explain`): `required` is
E201, `additionalProperties` E202, `type` E203, `enum` and `const` E204, `pattern`,
`format` and `propertyNames` E205, the bounds (`minLength`, `maxItems`, `minimum`…)
E206, a `false` schema E207; `allOf`, `anyOf`, `oneOf`, `if`, `then` and `$ref` pass
on the errors found inside them; any other keyword is E200.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from ecotone.load.directory import Kind, slugify
from ecotone.problems import Family, FieldPath, Rule, Severity, define, dotted
from ecotone.schema_files import ENTRY_SCHEMA_FILES, entry_schemas
from ecotone.validate.rules.suggest import did_you_mean

if TYPE_CHECKING:
    import jsonschema

MISSING_FIELD = define(
    "E201",
    "Required fields",
    "The field '{name}' is missing.",
    "Add `{name}:`. {description}",
    """Some fields are required for every entry, and some for one mode of space
    (a collaboration needs a level, a domain and a social contract; information
    sharing needs a venue and a direction). The field reference lists them.""",
    severity=Severity.ERROR,
    family=Family.FIELDS,
    since="0.1.0",
)
UNKNOWN_FIELD = define(
    "E202",
    "Known fields only",
    "Unknown field '{name}'.",
    "{suggestion}",
    """Only the fields in the field reference are allowed, so that a misspelt field
    is caught instead of silently ignored.""",
    severity=Severity.ERROR,
    family=Family.FIELDS,
    since="0.1.0",
)
WRONG_TYPE = define(
    "E203",
    "Value types",
    "Expected {expected} here, found {found}.",
    "{advice}",
    """Each field holds one kind of value: text, a number, true or false, a list or
    a mapping. YAML guesses types from how a value looks, so text that looks like
    a number or a date may need quotes, and true/false must be written as such
    (not yes/no).""",
    severity=Severity.ERROR,
    family=Family.FIELDS,
    since="0.1.0",
)
NOT_ALLOWED = define(
    "E204",
    "Allowed values",
    "'{value}' is not allowed here; use one of: {allowed}.",
    "{suggestion}",
    """Fields such as `mode`, `status`, `level` and `kind` take one of a few fixed
    values, listed in the field reference.""",
    severity=Severity.ERROR,
    family=Family.FIELDS,
    since="0.1.0",
)
BAD_FORMAT = define(
    "E205",
    "Value formats",
    "'{value}' is not a valid {what}.",
    "{description}",
    """Identifiers, dates, web addresses, email addresses and currency codes have a
    fixed format; a date must also exist on the calendar.""",
    severity=Severity.ERROR,
    family=Family.FIELDS,
    since="0.1.0",
)
OUT_OF_BOUNDS = define(
    "E206",
    "Sizes and limits",
    "{detail}.",
    "{advice}",
    """Texts, lists and numbers have bounds: text may not be empty, long texts and
    lists have a maximum length, amounts are not negative, list items are not
    repeated.""",
    severity=Severity.ERROR,
    family=Family.FIELDS,
    since="0.1.0",
)
NOT_IN_MODE = define(
    "E207",
    "Fields that fit the mode",
    "The field '{name}' does not apply here.",
    "{advice}",
    """Some fields belong to one mode of space only: `level`, `budget` and
    `social_contract` to a collaboration, `venue` and `direction` to information
    sharing, which by the protocol takes no shared decisions and so has no budget.
    Remove the field, or change `mode`.""",
    severity=Severity.ERROR,
    family=Family.FIELDS,
    since="0.1.0",
)
SCHEMA_MISMATCH = define(
    "E200",
    "Matches the schema",
    "This does not match the schema: {detail}.",
    "Compare the entry with the field reference.",
    """A catch-all for a file the schema check refuses in a way that no more specific
    rule describes. It has no example: every mistake the schemas catch has a rule of
    its own (E201 to E207), so E200 is reported only should Ecotone's two schema
    checks, a fast one and one that explains, disagree about a file. That is a fault
    of Ecotone's, not of the file: please report it to the directory's stewards.""",
    severity=Severity.ERROR,
    family=Family.FIELDS,
    since="0.1.0",
)


SCHEMA_FILES = {kind: ENTRY_SCHEMA_FILES[kind.value] for kind in Kind}


def schema_documents() -> Mapping[str, Mapping[str, Any]]:
    """The schema files shipped with the package, by file name."""
    return entry_schemas().documents


# -- turning a jsonschema error into rule, field and message values ----------

Explanation = tuple[Rule, FieldPath, dict[str, Any]]


def explain(kind: Kind, error: jsonschema.ValidationError, data: object) -> Iterator[Explanation]:
    """The rules a jsonschema error breaks, each with the field it is about and the
    values of its texts: which JSON Schema keyword becomes which rule code."""
    path: FieldPath = tuple(error.absolute_path)
    keyword = error.validator
    instance = error.instance
    if "propertyNames" in error.absolute_schema_path:  # a bad key, reported at its mapping
        if not _is_outdented_field(kind, (*path, instance), data):  # that has E203's advice
            yield BAD_FORMAT, (*path, instance), _identifier_values(instance)
    elif keyword == "required":
        for name in error.validator_value:
            if isinstance(instance, Mapping) and name not in instance:
                description = field_schema(kind, (*path, name)).get("description", "")
                yield MISSING_FIELD, (*path, name), {"name": name, "description": description}
    elif keyword == "additionalProperties" and isinstance(instance, Mapping):
        allowed = sorted(error.schema.get("properties", {}))
        for name in sorted(set(instance) - set(allowed)):
            fix = _unknown_field_fix(kind, path, name, allowed)
            yield UNKNOWN_FIELD, (*path, name), {"name": _show(name), "suggestion": fix}
    elif keyword is None:  # a `false` schema: a field that does not fit this mode
        for name in _forbidden_fields(kind, error, data):
            yield NOT_IN_MODE, (*path, name), {"name": name, "advice": _mode_advice(kind)}
    elif keyword == "type":
        values = _type_values(error.validator_value, instance, at_top=not path)
        if _is_field_of_an_item(kind, path):
            entry = str(field_schema(kind, path).get("title") or "entry").lower()
            values["advice"] = (
                f"`{path[-1]}` is a field of a {entry}, one of the entries under "
                f"`{dotted(path[:-1])}:`; indent it by 2 more spaces, under the {entry} it "
                "belongs to, like that entry's other fields."
            )
        yield WRONG_TYPE, path, values
    elif keyword in ("enum", "const"):
        yield NOT_ALLOWED, path, _allowed_values(error)
    elif keyword in ("pattern", "format"):
        yield BAD_FORMAT, path, _format_values(error)
    elif keyword in _BOUNDS:
        detail, advice = _BOUNDS[keyword]
        yield OUT_OF_BOUNDS, path, {"detail": detail(error), "advice": advice(error)}
    elif keyword in ("allOf", "anyOf", "oneOf", "if", "then", "$ref"):
        for sub in error.context or ():
            yield from explain(kind, sub, data)
    else:
        yield SCHEMA_MISMATCH, path, {"detail": error.message}


def _identifier_values(key: object) -> dict[str, str]:
    return {
        "value": _show(key),
        "what": "identifier",
        "description": "Keys here are identifiers: lowercase letters a-z, digits and single hyphens.",
    }


def _allowed_values(error: jsonschema.ValidationError) -> dict[str, str]:
    allowed = [
        str(a)
        for a in (error.validator_value if error.validator == "enum" else [error.validator_value])
    ]
    return {
        "value": _show(error.instance),
        "allowed": ", ".join(allowed),
        "suggestion": _nearest(str(error.instance), allowed),
    }


def _forbidden_fields(kind: Kind, error: jsonschema.ValidationError, data: object) -> list[str]:
    """The fields a `false` schema refused. jsonschema reports such an error at the
    enclosing mapping without the field's name, so find the `properties` it came from
    and the fields present that it sets to false."""
    node: Any = schema_documents()[SCHEMA_FILES[kind]]
    for part in error.absolute_schema_path:
        node = node[part] if isinstance(node, Mapping | list) else {}
    for part in error.absolute_path:
        data = data[part]  # type: ignore[index]
    if not isinstance(node, Mapping) or not isinstance(data, Mapping):
        return []
    return [name for name, schema in node.items() if schema is False and name in data]


def _mode_advice(kind: Kind) -> str:
    if kind is Kind.SPACE:
        return (
            "A collaboration has `level`, `budget` and `social_contract`; information sharing "
            "has `venue` and `direction`, and no budget, for it takes no shared decisions. "
            "Remove the field, or change `mode`."
        )
    return "Remove the field."


_TYPE_NAMES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "a mapping of fields",
    "array": "a list",
    "null": "nothing",
}


def _type_values(expected: str | list[str], instance: object, at_top: bool) -> dict[str, str]:
    wanted = [expected] if isinstance(expected, str) else list(expected)
    names = " or ".join(_TYPE_NAMES.get(w, w) for w in wanted)
    if at_top:
        advice = "A file holds fields as `name: value`, one per line; start from an example entry."
    elif (
        "string" in wanted and isinstance(instance, int | float) and not isinstance(instance, bool)
    ):
        advice = f"Put the value in quotes to keep it as text: '{instance}'."
    elif "string" in wanted and isinstance(instance, bool):
        advice = "Put the value in quotes to keep it as text."
    elif "boolean" in wanted and isinstance(instance, str):
        advice = "Write `true` or `false` (not yes/no or on/off)."
    elif "number" in wanted and isinstance(instance, str):
        advice = "Write the number alone, without units, currency signs, spaces or quotes: `1500`."
    elif instance is None:
        advice = "Write a value after the colon, or remove the field."
    elif "array" in wanted:
        advice = "Write a list, one item per line starting with `- `."
    elif "object" in wanted:
        advice = "Write the fields indented on the lines below, as `name: value`."
    else:
        advice = ""
    return {"expected": names, "found": _describe(instance), "advice": advice}


def _describe(instance: object) -> str:
    if instance is None:
        return "nothing"
    if isinstance(instance, bool):
        return f"the boolean `{str(instance).lower()}`"
    if isinstance(instance, int | float):
        return f"the number {instance}"
    if isinstance(instance, str):
        return f"the text '{_show(instance)}'"
    return "a list" if isinstance(instance, list) else "a mapping"


def _format_values(error: jsonschema.ValidationError) -> dict[str, str]:
    """Named after the definition that failed (a date, an identifier, a web address),
    which says more than the field's own title."""
    definition = error.schema if isinstance(error.schema, Mapping) else {}
    extra = " It must be a day that exists." if error.validator == "format" else ""
    if isinstance(error.instance, str) and "\n" in error.instance:
        extra += " Write it on one line after the colon; a `|` or `>` block adds line breaks."
    if error.validator == "pattern" and isinstance(error.instance, str):
        extra += _slug_suggestion(error.instance, str(error.validator_value))
    return {
        "value": _show(error.instance),
        "what": str(definition.get("title") or "value").lower(),
        "description": definition.get("description", "") + extra,
    }


def _slug_suggestion(value: str, pattern: str) -> str:
    """`Did you mean 'data-team'?` for `Data Team`, where the slug fits the pattern."""
    slug = slugify(value)
    if slug == value or not re.search(pattern, slug) or not re.search(r"[A-Za-z0-9]", value):
        return ""
    return f" Did you mean '{slug}'?"


def _length(error: jsonschema.ValidationError) -> int:
    return len(error.instance) if hasattr(error.instance, "__len__") else 0


# Each bound: what is wrong with the value, and what to do about it.
_BOUNDS: dict[str, tuple[Callable[[Any], str], Callable[[Any], str]]] = {
    "minLength": (
        lambda e: "This text is empty" if e.instance == "" else "This text is too short",
        lambda e: "Write the text, or remove the field if it is optional.",
    ),
    "maxLength": (
        lambda e: f"This text has {_length(e)} characters; at most {e.validator_value}",
        lambda e: f"Shorten it to {e.validator_value} characters or fewer.",
    ),
    "minItems": (
        lambda e: f"This list needs at least {e.validator_value} item(s)",
        lambda e: "Add the missing items, or remove the field if it is optional.",
    ),
    "maxItems": (
        lambda e: f"This list has {_length(e)} items; at most {e.validator_value}",
        lambda e: f"Keep the {e.validator_value} that matter most.",
    ),
    "uniqueItems": (
        lambda e: "This list repeats an item",
        lambda e: "Remove the repeated item.",
    ),
    "minProperties": (
        lambda e: f"This needs at least {e.validator_value} entry or entries",
        lambda e: "Add the missing entries, or remove the field if it is optional.",
    ),
    "maxProperties": (
        lambda e: f"This has {_length(e)} entries; at most {e.validator_value}",
        lambda e: f"Keep the {e.validator_value} that matter most.",
    ),
    "minimum": (
        lambda e: f"{e.instance} is below the minimum of {e.validator_value}",
        lambda e: f"Write a number of {e.validator_value} or more.",
    ),
    "maximum": (
        lambda e: f"{e.instance} is above the maximum of {e.validator_value}",
        lambda e: f"Write a number of {e.validator_value} or less.",
    ),
}


def _show(value: object, limit: int = 60) -> str:
    """The value on one line, shortened; a line break shows as `\\n`."""
    text = str(value).replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _nearest(word: str, choices: list[str]) -> str:
    return did_you_mean(word, choices, f"Allowed here: {', '.join(choices)}." if choices else "")


def _unknown_field_fix(kind: Kind, path: FieldPath, name: str, allowed: list[str]) -> str:
    """For a field the schema does not know here: an invisible character in its name,
    a near spelling, the place where a field of that name belongs, or the fields
    allowed here."""
    odd = next((ch for ch in name if not (ch.isalnum() or ch in "_-")), None)
    if odd is not None and name.strip(" \u00a0\u200b\ufeff\t") != name:
        code = f"U+{ord(odd):04X}"
        label = unicodedata.name(odd, code).lower()
        return (
            f"The name holds an invisible character, a {label} ({code}), which text pasted "
            f"from a web page or a word processor brings along: delete the spaces before "
            f"`{name.strip()}` and type them again."
        )
    elsewhere = _place_of(kind, path, name)
    if elsewhere is not None:
        return elsewhere
    for other in Kind:
        if other is not kind and _field_places(other).get(name):
            return (
                f"`{name}` is a field of {_KIND_FILES[other]}, not of {_KIND_FILES[kind]}: "
                f"remove it here. Allowed here: {', '.join(allowed)}."
            )
    return _nearest(name, allowed)


_KIND_FILES = {
    Kind.ORGANIZATION: "an organization.yml",
    Kind.SPACE: "a space's file",
    Kind.PLAYBOOK: "a playbook's file",
}


def _place_of(kind: Kind, path: FieldPath, name: str) -> str | None:
    """`review` belongs under `term:`: where a field of this name is allowed in a file
    of `kind`, the place nearest to where it was written."""
    places = _field_places(kind).get(name, [])
    if not places:
        return None
    here = tuple("*" if isinstance(p, int) else p for p in path)
    best = max(places, key=lambda place: (_shared(place, here), -len(place)))
    parent = best[:-1]
    if not parent:
        return (
            f"`{name}` belongs at the top level of the file: move the line out of "
            f"`{dotted(path)}:` and remove its indentation."
        )
    shown = ".".join("<…>" if p == "*" else str(p) for p in parent)
    return (
        f"`{name}` belongs under `{shown}:`. Move this line below `{shown.split('.')[-1]}:`, "
        "indented like the fields there."
    )


def _shared(place: tuple[str, ...], here: tuple[str, ...]) -> int:
    count = 0
    for a, b in zip(place, here, strict=False):
        if a != b and "*" not in (a, b):
            break
        count += 1
    return count


@cache
def _field_places(kind: Kind) -> dict[str, list[tuple[str, ...]]]:
    """Every field a file of `kind` may hold, by name, with the paths where it may
    stand (`*` for any key or list position)."""
    places: dict[str, list[tuple[str, ...]]] = {}
    seen: set[tuple[str, int]] = set()

    def walk(node: object, document: str, at: tuple[str, ...]) -> None:
        if not isinstance(node, Mapping) or (id(node), len(at)) in seen or len(at) > 6:
            return
        seen.add((id(node), len(at)))
        node, document = resolve(node, document)
        for name, sub in node.get("properties", {}).items():
            if sub is not False:
                places.setdefault(name, []).append((*at, name))
                walk(sub, document, (*at, name))
        for key in ("additionalProperties", "items"):
            if isinstance(node.get(key), Mapping):
                walk(node[key], document, (*at, "*"))
        for key in ("allOf", "anyOf", "oneOf"):
            for sub in node.get(key, ()):
                walk(sub, document, at)
        for key in ("then", "else"):
            walk(node.get(key), document, at)

    walk(schema_documents()[SCHEMA_FILES[kind]], SCHEMA_FILES[kind], ())
    return {name: sorted(set(paths)) for name, paths in places.items()}


def _is_outdented_field(kind: Kind, path: FieldPath, data: object) -> bool:
    """True for `circles.conflicts_go_to: text`: a field of an entry written among the
    entries, whose value, not being an entry, gets E203 with the advice to indent it.
    An entry of that name (a mapping, such as a circle `conflicts_go_to`) is not one:
    its name is a bad identifier."""
    for part in path:
        data = data[part] if isinstance(data, Mapping | list) else None  # type: ignore[index]
    return _is_field_of_an_item(kind, path) and not isinstance(data, Mapping)


def _is_field_of_an_item(kind: Kind, path: FieldPath) -> bool:
    """True for `circles.aim`: a key written among the entries of a mapping (such as
    the circles), where it is a field of each entry, out-dented one level."""
    if len(path) < 2 or not isinstance(path[-1], str):
        return False
    entries = field_schema(kind, path[:-1]).get("additionalProperties")
    if not isinstance(entries, Mapping):
        return False
    entry, _ = resolve(entries, SCHEMA_FILES[kind])
    return path[-1] in entry.get("properties", {})


# -- looking fields up in the schemas ----------------------------------------


def resolve(node: Mapping[str, Any], document: str) -> tuple[Mapping[str, Any], str]:
    """Follow `$ref`s from `node` (found in schema file `document`) to the definition,
    returning it and the file it is in."""
    return entry_schemas().resolve(node, document)


def field_schema(kind: Kind, path: FieldPath) -> Mapping[str, Any]:
    """The schema of the field at `path` in a document of `kind`, merged with the
    title and description given where it is used; empty when there is none."""
    document = SCHEMA_FILES[kind]
    node: Mapping[str, Any] = schema_documents()[document]
    for part in path:
        node, document = resolve(node, document)
        if isinstance(part, int):
            node = node.get("items", {})
        elif part in node.get("properties", {}):
            node = node["properties"][part]
        else:
            node = node.get("additionalProperties") or {}
        if not isinstance(node, Mapping):
            return {}
    resolved, _ = resolve(node, document)
    return {**resolved, **{k: v for k, v in node.items() if k in ("title", "description")}}
