"""Render: the field reference and the rule reference, as Markdown pages.

Both are generated in every build, the first from the JSON Schemas and the
second from the rule registry, so the documentation cannot drift from what the
validator checks. Every field and every rule code gets a stable anchor
(`#space-term-start`, `#e302`) that links and error messages can point at.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ecotone.model import Kind
from ecotone.problems import Example, Family, Reach, Rule, Snippet
from ecotone.schema_files import ENTRY_SCHEMA_FILES, Schemas
from ecotone.text import code_span, markdown_escaped

# -- escaping: text that is not meant as Markdown ------------------------------

_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def markdown_text(text: str) -> str:
    """`text` as Markdown that shows exactly these words on one line. Code spans
    written in backticks stay code spans; everything else is escaped, including `|`,
    so the text is safe inside a table cell."""
    text = " ".join(text.split())
    parts, position = [], 0
    for span in _CODE_SPAN.finditer(text):
        parts.append(_escaped(text[position : span.start()]))
        parts.append(span.group(0))
        position = span.end()
    parts.append(_escaped(text[position:]))
    return "".join(parts)


def _escaped(text: str) -> str:
    """The text escaped, keeping the space that parts it from a code span."""
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return lead + markdown_escaped(text) + trail if text.strip() else text


def _anchor(*parts: str) -> str:
    return "-".join(filter(None, (re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") for p in parts)))


# -- the field reference --------------------------------------------------------

# The published schemas, from the page at join/fields.md (MkDocs checks the link).
SCHEMAS_LINK = "../schemas/"

# Each kind of file, as it is named inside an organization's folder.
FILE_NAMES = {
    Kind.ORGANIZATION: "organization.yml",
    Kind.SPACE: "spaces/<space>.yml",
    Kind.PLAYBOOK: "playbooks/<playbook>.yml",
}

# Plain words for the shared value formats of common.schema.json, by definition name.
_VALUE_WORDS = {
    "slug": "identifier",
    "organization_ref": "organization identifier",
    "circle_ref": "circle identifier",
    "space_ref": "space identifier",
    "playbook_ref": "playbook identifier",
    "date": "date (YYYY-MM-DD)",
    "line": "one-line text",
    "text": "text",
    "markdown": "Markdown text",
    "url": "web address",
    "email": "email address",
}
_TYPE_WORDS = {
    "string": "text",
    "number": "number",
    "integer": "whole number",
    "boolean": "true or false",
    "object": "group of fields",
    "array": "list",
}


@dataclass(frozen=True)
class Field:
    """One row of the field reference, its texts already Markdown."""

    path: str
    anchor: str
    value_type: str
    required: str
    description: str


def field_reference(schemas: Schemas) -> str:
    """The field reference page: every field of every kind of file."""
    kinds = (_kind_section(schemas, kind) for kind in Kind)
    sections = [_FIELD_INTRO, *kinds, _schemas_section(schemas)]
    return "\n\n".join(sections) + "\n"


_FIELD_INTRO = """\
# Field reference

Every field an entry can hold, generated from the directory's
[JSON Schemas](#schemas) in every build, so it always matches what the
validator checks. A path such as `term.start` is a field inside another
field; `participants[].role` is a field of each item of a list;
`circles.<circle>.aim` is a field of each circle, under its own name.

*Required* fields must be present. Some are required, or not allowed, only
in one mode of space: a collaboration needs a level, a domain and a social
contract; information sharing needs a venue and a direction instead. What
each problem the validator reports means is in the [rule reference](rules.md)."""


def _kind_section(schemas: Schemas, kind: Kind) -> str:
    document = ENTRY_SCHEMA_FILES[kind]
    root = schemas.documents[document]
    entries = "\n\n".join(_field_entry(field) for field in fields(schemas, kind))
    return (
        f"## {code_span(FILE_NAMES[kind])} {{#{kind.value}}}\n\n"
        f"{markdown_text(root.get('description', ''))}\n\n"
        f"Schema: [{code_span(document)}]({SCHEMAS_LINK}{document})\n\n"
        f"{entries}"
    )


def _schemas_section(schemas: Schemas) -> str:
    listed = "\n".join(
        f"- [{code_span(name)}]({SCHEMAS_LINK}{name}) — {markdown_text(document.get('title', ''))}"
        for name, document in schemas.documents.items()
    )
    return f"""\
## The schemas {{#schemas}}

The tables above are generated from these JSON Schema files (draft 2020-12).
They sit in the directory's `schemas/` folder and are published with this
site:

{listed}

Editors that understand JSON Schema, such as VS Code with its YAML extension,
check and complete the fields as you type when a file's first line names its
schema. In a space file, that line is:

```yaml
# yaml-language-server: $schema=../../../schemas/space.schema.json
```

In `organization.yml`, which sits one folder higher, it is
`# yaml-language-server: $schema=../../schemas/organization.schema.json`."""


def _field_entry(field: Field) -> str:
    """A field as a definition: its path (a link to itself), then whether it is
    required and what it holds, then its description. Unlike a table, this reads
    as well on a phone as on a desktop."""
    term = f"[{code_span(field.path)}](#{field.anchor}) {{#{field.anchor}}}"
    said = [f"{field.required} · {field.value_type}", field.description]
    return term + "\n:   " + "\n\n    ".join(filter(None, said))


def fields(schemas: Schemas, kind: Kind) -> list[Field]:
    """Every field of a file of `kind`, depth first in the schema's order."""
    document = ENTRY_SCHEMA_FILES[kind]
    return list(_object_fields(schemas, kind, schemas.documents[document], document, ""))


def _object_fields(
    schemas: Schemas, kind: Kind, node: Mapping[str, Any], document: str, prefix: str
) -> Iterator[Field]:
    node, document = schemas.resolve(node, document)
    required = set(node.get("required", ()))
    conditions = _conditions(node)
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        status = _required_words(name in required, conditions.get(name, []))
        yield _field(schemas, kind, path, prop, document, status)
        yield from _nested_fields(schemas, kind, path, prop, document)


def _nested_fields(
    schemas: Schemas, kind: Kind, path: str, node: Mapping[str, Any], document: str
) -> Iterator[Field]:
    """The fields inside a field: of a group, of each list item, of each named entry."""
    value, document = schemas.resolve(node, document)
    items = value.get("items")
    entries = value.get("additionalProperties")
    if "properties" in value:
        yield from _object_fields(schemas, kind, value, document, path)
    elif isinstance(items, Mapping) and "properties" in schemas.resolve(items, document)[0]:
        yield from _object_fields(schemas, kind, items, document, f"{path}[]")
    elif isinstance(entries, Mapping):
        entry = _entry_name(path)
        entry_path = f"{path}.<{entry}>"
        yield _field(schemas, kind, entry_path, entries, document, f"One per {entry}")
        yield from _nested_fields(schemas, kind, entry_path, entries, document)


def _entry_name(path: str) -> str:
    """What to call the key of a named entry: `circle` in `circles.<circle>`."""
    return path.rpartition(".")[2].removesuffix("s")


def _field(
    schemas: Schemas, kind: Kind, path: str, node: Mapping[str, Any], document: str, status: str
) -> Field:
    value, _ = schemas.resolve(node, document)
    description = node.get("description") or value.get("description", "")
    return Field(
        path=path,
        anchor=_anchor(kind.value, path),
        value_type=_type_words(schemas, node, document),
        required=status,
        description=" ".join(
            filter(None, (markdown_text(description), _allowed(value), _item_words(value)))
        ),
    )


def _type_words(schemas: Schemas, node: Mapping[str, Any], document: str) -> str:
    value, document = schemas.resolve(node, document)
    words = _VALUE_WORDS.get(_definition_name(node), "")
    if "enum" in value:
        words = "choice"
    elif not words:
        kinds = value.get("type", "object")
        kinds = [kinds] if isinstance(kinds, str) else kinds
        words = " or ".join(_TYPE_WORDS.get(k, k) for k in kinds)
    if value.get("type") == "array" and isinstance(value.get("items"), Mapping):
        words = f"list of {_plural(_item_type(schemas, value['items'], document))}"
    elif value.get("type") == "object" and "properties" not in value:
        words = "named entries"
    return ", ".join(filter(None, (words, _limits(value, characters=words.endswith("text")))))


def _item_type(schemas: Schemas, items: Mapping[str, Any], document: str) -> str:
    value, _ = schemas.resolve(items, document)
    if "properties" in value:
        return "entry"
    if "$ref" not in items and "title" in items:
        return str(items["title"])
    return _type_words(schemas, items, document).split(",")[0]


def _plural(noun: str) -> str:
    if noun.endswith("y"):
        return noun[:-1] + "ies"
    if noun.endswith("ss"):
        return noun + "es"
    return noun if noun.endswith(")") else noun + "s"


def _definition_name(node: Mapping[str, Any]) -> str:
    """The name of the definition a field refers to: `line` for `…#/$defs/line`."""
    return str(node.get("$ref", "")).rpartition("/")[2]


def _limits(value: Mapping[str, Any], characters: bool) -> str:
    """Sizes and bounds in words. Lengths are given for texts only: an identifier's
    or an address's format says more than its maximum length."""
    member = "field" if "properties" in value else "entry"
    bounds = [
        ("minimum", "at least", ""),
        ("maximum", "at most", ""),
        ("minItems", "at least", "item"),
        ("maxItems", "at most", "item"),
        ("minProperties", "at least", member),
        ("maxProperties", "at most", member),
        *([("maxLength", "at most", "character")] if characters else []),
    ]
    found = [f"{words} {_count(value[key], noun)}" for key, words, noun in bounds if key in value]
    if value.get("uniqueItems"):
        found.append("no repeats")
    return ", ".join(found)


def _count(number: float, noun: str) -> str:
    if not noun:
        return f"{number:,}"
    return f"{number:,} {noun if number == 1 else _plural(noun)}"


def _allowed(value: Mapping[str, Any]) -> str:
    if "enum" not in value:
        return ""
    allowed = ", ".join(code_span(str(choice)) for choice in value["enum"])
    default = f" Default: {code_span(str(value['default']))}." if "default" in value else ""
    return f"Allowed values: {allowed}.{default}"


def _item_words(value: Mapping[str, Any]) -> str:
    """The description of a list's items, when the list describes them itself."""
    items = value.get("items")
    if isinstance(items, Mapping) and "$ref" not in items and "description" in items:
        return f"Each item: {markdown_text(_lower_first(items['description']))}"
    return ""


def _lower_first(text: str) -> str:
    """`One dated change` as `one dated change`, but `GitHub` stays `GitHub`."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _conditions(node: Mapping[str, Any]) -> dict[str, list[str]]:
    """For each field, what the schema's `if`/`then` rules say about it, such as
    "required when `mode: collaboration`"."""
    said: dict[str, list[str]] = {}
    for rule in [node, *node.get("allOf", ())]:
        if "if" not in rule:
            continue
        when = _condition_words(rule["if"])
        then = rule.get("then", {})
        for name in then.get("required", ()):
            said.setdefault(name, []).append(f"required when {when}")
        for name, allowed in then.get("properties", {}).items():
            if allowed is False:
                said.setdefault(name, []).append(f"not allowed when {when}")
    return said


def _condition_words(condition: Mapping[str, Any]) -> str:
    tests = [
        code_span(f"{name}: {test['const']}")
        for name, test in condition.get("properties", {}).items()
        if "const" in test
    ]
    return " and ".join(tests)


def _required_words(required: bool, conditions: list[str]) -> str:
    """`Required`, `Optional`, or what the schema's conditions say, the conditions
    under which a field is required first and in bold."""
    if required:
        return "**Required**"
    needed = [f"**{words}**" for words in conditions if words.startswith("required")]
    barred = [words for words in conditions if not words.startswith("required")]
    said = "; ".join(needed + barred if needed else ["optional", *barred])
    return re.sub(r"^(\W*)(\w)", lambda match: match[1] + match[2].upper(), said)


# -- the rule reference ---------------------------------------------------------

_SEVERITY_WORDS = {"error": "Error", "warning": "Warning", "notice": "Notice"}


def rule_reference(
    rules: Sequence[Rule], examples: Mapping[str, Example], sample_report: str
) -> str:
    """The rule reference page: every rule of the catalogue, grouped by family, each
    with its wrong and right example. `sample_report` is a problem as the validator
    prints it, for the introduction."""
    sections = [_rule_intro(sample_report)]
    for family in Family:
        members = [rule for rule in rules if rule.family is family]
        if members:
            sections.append(_family_section(family, members, examples))
    return "\n\n".join(sections) + "\n"


def _rule_intro(example: str) -> str:
    return f"""\
# Rule reference

Every problem the validator reports has a code, such as `E302`, and comes
with the file, the line and column, the field, and what to do about it:

```text
{example}
```

Each rule has a severity, which says how serious its problems are:

- **Error.** The pull request and the site's build wait until it is fixed.
- **Warning.** It fails only a strict check:
  `ecotone validate --strict`, or `mkdocs build --strict`, which is how the
  site is built.
- **Notice.** Something worth knowing, such as an invitation that
  has not been acknowledged yet. It never fails a check.

Each entry below shows the message and the fix the validator gives; words in
{_placeholder("angle quotes")} are filled in with the details of each case. Then
an example: a file written wrongly, and the same place written rightly. This
page is generated from the validator's own list of rules, and every example is
checked by the tests, so every code it can report is here, as it is checked.
The same list is published as JSON, at `api/rules.json`."""


def _family_section(family: Family, rules: list[Rule], examples: Mapping[str, Example]) -> str:
    digits = sorted({rule.code[1] for rule in rules})
    codes = ", ".join(f"{d}xx" for d in digits)
    header = f"## {family.title} ({codes}) {{#{_anchor(family.title)}}}"
    sections = (_rule_section(rule, examples.get(rule.code)) for rule in rules)
    return "\n\n".join([header, family.intro, *sections])


# Said of a rule that compares each entry with every other: why a pull request that
# touches one folder can be told of it, or see it settled, by another's.
_COMPARED = {
    Reach.ORGANIZATIONS: "each organization's profile with every other in the directory",
    Reach.SPACES: "each space with every other in the directory",
    Reach.DIRECTORY: "each entry with every other in the directory",
}
_FOR_ANOTHER = (
    ", so an edit in any organization's folder can bring this up, or settle it, for another."
)


def _rule_section(rule: Rule, example: Example | None) -> str:
    severity = _SEVERITY_WORDS[rule.severity.value]
    text = (
        f"### {rule.code} · {markdown_text(rule.title)} {{#{rule.code.lower()}}}\n\n"
        f"**{severity}.** {markdown_text(rule.explanation)}\n\n"
        f"- **Message:** {markdown_text(_template_words(rule.message))}\n"
        f"- **Fix:** {_hint_words(rule.hint)}"
    )
    if rule.reach.compares_all:
        text += f"\n- **Compares:** {_COMPARED[rule.reach]}{_FOR_ANOTHER}"
    return text + "\n\n" + _example_words(example) if example else text


def _example_words(example: Example) -> str:
    parts = ["**Wrong:**", *map(_snippet_words, example.wrong)]
    if example.note:
        parts.append(markdown_text(example.note))
    parts += ["**Right:**", *map(_snippet_words, example.right)]
    return "\n\n".join(parts)


def _snippet_words(snippet: Snippet) -> str:
    caption = code_span(snippet.file) + (f", {markdown_text(snippet.note)}" if snippet.note else "")
    if not snippet.text:
        return caption
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", snippet.text)), default=0) + 1)
    language = "json" if snippet.file.endswith(".json") else "yaml"
    return f"{caption}\n\n{fence}{language}\n{snippet.text.rstrip(chr(10))}\n{fence}"


def _hint_words(template: str) -> str:
    if not template:
        return "none given."
    if re.fullmatch(r"\{[a-z_]+\}", template):
        return "given with each problem, to fit the case."
    return markdown_text(_template_words(template))


def _template_words(template: str) -> str:
    """A message template with each `{value}` shown as a placeholder."""
    return "".join(
        literal + (_placeholder(name.replace("_", " ")) if name else "")
        for literal, name, _, _ in string.Formatter().parse(template)
    )


def _placeholder(words: str) -> str:
    """`words` between single angle quotation marks, which read as "fill in"."""
    return f"\u2039{words}\u203a"
