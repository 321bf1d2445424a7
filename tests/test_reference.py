"""The documentation cannot drift from what the validator checks.

The field reference is generated from the JSON Schemas and the rule reference
from the rule registry; both are rendered here with Python-Markdown and the
extensions the site uses. The YAML examples in docs/ are checked as entries:
every example names the file it belongs to on its first line, and together they
must validate inside a copy of the example directory.
"""

from __future__ import annotations

import functools
import re
import shutil
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import markdown
import pytest
import yaml
from conftest import REPO_ROOT, Tree
from referencing import Registry, Resource

from ecotone.load.directory import Kind
from ecotone.load.positions import Source
from ecotone.load.safe_yaml import parse
from ecotone.problems import Severity
from ecotone.render.reference import (
    FILE_NAMES,
    field_reference,
    fields,
    markdown_text,
    rule_reference,
)
from ecotone.schema_files import entry_schemas
from ecotone.validate.report import as_text
from ecotone.validate.rules.catalogue import all_rules, rule_examples, sample_problem
from ecotone.validate.rules.examples import WITHOUT_EXAMPLE
from ecotone.validate.rules.schema import SCHEMA_FILES, field_schema, schema_documents

DOCS = REPO_ROOT / "docs"
# The Markdown extensions of mkdocs.yml that these pages use.
EXTENSIONS = ["toc", "admonition", "attr_list", "def_list", "tables", "pymdownx.superfences"]


# -- rendering ------------------------------------------------------------------


class _Elements(HTMLParser):
    """The ids of an HTML page, its text, the cells of each table row, and each
    definition: its term and the paragraphs of its details."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self.definitions: list[tuple[list[str], list[str]]] = []
        self._open: list[str] | None = None  # the texts that data goes into

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name == "id" and value)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._open = self.rows[-1]
            self._open.append("")
        elif tag == "dt":
            self.definitions.append(([""], []))
            self._open = self.definitions[-1][0]
        elif tag == "dd":
            self._open = self.definitions[-1][1]
            self._open.append("")
        elif tag == "p" and self.definitions and self._open is self.definitions[-1][1]:
            self._open.append("")

    def terms(self) -> list[tuple[str, list[str]]]:
        """Each definition's term and the paragraphs of its details, trimmed."""
        return [
            ("".join(term).strip(), [p.strip() for p in details if p.strip()])
            for term, details in self.definitions
        ]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th", "dt", "dd"):
            self._open = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._open is not None:
            self._open[-1] += data


@functools.cache
def _fields_page() -> str:
    return field_reference(entry_schemas())


@functools.cache
def _rules_page() -> str:
    return rule_reference(all_rules(), rule_examples(), as_text([sample_problem()]))


@functools.cache
def rendered(source: str) -> _Elements:
    parser = _Elements()
    parser.feed(markdown.markdown(source, extensions=EXTENSIONS))
    return parser


def plain(text: str) -> str:
    """Text as a reader sees it: no backticks, single spaces."""
    return " ".join(text.replace("`", "").split())


def page_text(page: _Elements) -> str:
    return plain("".join(page.text))


# -- the field reference ----------------------------------------------------------


def _property_names(node: Any) -> Iterator[str]:
    """Every key of every `properties` mapping in a schema, at any depth."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == "properties" and isinstance(value, Mapping):
                yield from (name for name, sub in value.items() if sub is not False)
            yield from _property_names(value)
    elif isinstance(node, list):
        for item in node:
            yield from _property_names(item)


def _path_segments(kind: Kind) -> set[str]:
    return {
        segment.removesuffix("[]")
        for field in fields(entry_schemas(), kind)
        for segment in field.path.split(".")
    }


@pytest.mark.parametrize("kind", list(Kind))
def test_every_property_of_a_schema_has_a_row_in_the_field_reference(kind: Kind) -> None:
    own = set(_property_names(schema_documents()[SCHEMA_FILES[kind]]))
    assert own - _path_segments(kind) == set()


def test_every_shared_definition_is_documented_where_it_is_used() -> None:
    shared = set(_property_names(schema_documents()["common.schema.json"]))
    documented = set().union(*(_path_segments(kind) for kind in Kind))
    assert shared - documented == set()


@pytest.mark.parametrize(
    "anchor",
    [
        "organization-circles-circle-parent",
        "organization-participations-space",
        "space-term-start",
        "space-participants-role",
        "space-budget-currency",
        "space-social-contract-conflict-resolution-parameters",
        "space-social-contract-accountability-parameters-parameter",
        "playbook-parameters-parameter-type",
        "playbook-steps-description",
    ],
)
def test_nested_fields_have_stable_anchors(anchor: str) -> None:
    assert anchor in rendered(_fields_page()).ids


def test_each_kind_of_file_has_its_own_section() -> None:
    page = rendered(_fields_page())
    assert {kind.value for kind in Kind} <= page.ids
    for name in FILE_NAMES.values():
        assert name in page_text(page)


def _entry(path: str, kind: Kind = Kind.SPACE) -> tuple[str, str, str]:
    """Whether the field at `path` is required, what it holds, and its description,
    as the section of `kind` shows them (kinds share paths such as `title`)."""
    section = _fields_page().split(f"{{#{kind.value}}}")[1].split("\n## ")[0]
    found = [details for term, details in rendered(section).terms() if term == path]
    assert found, f"no entry for {path} in the {kind.value} section"
    summary, description = found[0]
    required, _, holds = summary.partition(" · ")
    return required, holds, description


def test_fields_of_one_mode_say_when_they_are_required_and_when_not_allowed() -> None:
    required, _, _ = _entry("level")
    assert (
        required == "Required when mode: collaboration; not allowed when mode: information-sharing"
    )
    assert _entry("venue")[0].startswith("Required when mode: information-sharing")


def test_conditions_inside_list_items_are_shown() -> None:
    assert _entry("participants[].circle")[0] == "Required when role: representative"
    assert _entry("budget[].amount")[0] == "Required when kind: money"


def test_required_and_optional_fields_are_marked() -> None:
    assert _entry("title")[0] == "Required"
    assert _entry("topic")[0] == "Optional"
    assert _entry("circles.<circle>.aim", Kind.ORGANIZATION)[0] == "Required"


def test_allowed_values_and_defaults_are_listed() -> None:
    description = _entry("status")[2]
    assert "Allowed values: forming, active, paused, concluded." in description
    circle_status = _entry("circles.<circle>.status", Kind.ORGANIZATION)[2]
    assert "Default: active." in circle_status


def test_types_are_in_plain_words() -> None:
    assert _entry("term.start")[1] == "date (YYYY-MM-DD)"
    assert _entry("open_to_new_partners")[1] == "true or false"
    assert _entry("participants")[1] == "list of entries, at most 200 items"
    assert _entry("maintainers", Kind.ORGANIZATION)[1].startswith("list of GitHub handles")
    assert _entry("host_circle")[1] == "circle identifier"


def test_every_field_has_a_summary_and_a_description() -> None:
    definitions = rendered(_fields_page()).terms()
    assert len(definitions) == sum(len(fields(entry_schemas(), kind)) for kind in Kind)
    for _, details in definitions:
        assert len(details) == 2 and " · " in details[0]


def test_descriptions_keep_their_code_and_their_words() -> None:
    """A schema description with backticks and `<placeholders>` reads as written."""
    page = page_text(rendered(_fields_page()))
    for kind in Kind:
        for field in fields(entry_schemas(), kind):
            assert plain(_description_of(kind, field.path)) in page


def _description_of(kind: Kind, path: str) -> str:
    """The description the validator itself finds for the field at `path`."""
    parts: list[str | int] = []
    for segment in path.split("."):
        name = segment.removesuffix("[]")
        parts.append(name if not name.startswith("<") else "any-name")
        if segment.endswith("[]"):
            parts.append(0)
    return str(field_schema(kind, tuple(parts)).get("description", ""))


# -- escaping ---------------------------------------------------------------------


NASTY = "a | b <script>alert(1)</script> *not em* [link](javascript:x) `code | kept` # {x}"
NASTY_AS_READ = "a | b <script>alert(1)</script> *not em* [link](javascript:x) code | kept # {x}"


def test_markdown_text_keeps_a_table_cell_whole_and_inert() -> None:
    table = f"| one | two |\n| --- | --- |\n| {markdown_text(NASTY)} | end |\n"
    html = markdown.markdown(table, extensions=EXTENSIONS)
    assert rendered(table).rows[-1] == [NASTY_AS_READ, "end"]
    assert "<script" not in html and "<em>" not in html and "<a " not in html


def test_markdown_text_keeps_a_definition_as_written_and_inert() -> None:
    definition = f"term\n:   {markdown_text(NASTY)}\n"
    html = markdown.markdown(definition, extensions=EXTENSIONS)
    assert rendered(definition).terms() == [("term", [NASTY_AS_READ])]
    assert "<script" not in html and "<em>" not in html and "<a " not in html


def test_markdown_text_puts_everything_on_one_line() -> None:
    assert markdown_text("two\nlines") == "two lines"


# -- the rule reference -----------------------------------------------------------


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_every_rule_has_an_anchored_entry_with_its_explanation(rule: Any) -> None:
    page = rendered(_rules_page())
    assert rule.code.lower() in page.ids
    assert plain(rule.explanation) in page_text(page)
    assert plain(rule.title) in page_text(page)


def test_rules_are_grouped_by_family() -> None:
    sections = _rules_page().split("\n## ")[1:]
    for rule in all_rules():
        (home,) = [s for s in sections if f"{{#{rule.code.lower()}}}" in s]
        assert home.startswith(rule.family.title)


def _rule_entry(code: str) -> str:
    """The Markdown of one rule's entry, up to the next."""
    return _rules_page().split(f"{{#{code.lower()}}}")[1].split("\n### ")[0].split("\n## ")[0]


def test_an_entry_shows_the_wrong_and_the_right_version_of_its_example() -> None:
    entry = _rule_entry("E302")
    wrong, right = entry.split("**Wrong:**")[1].split("**Right:**")
    assert "`partners/alpha/organization.yml`" in wrong
    assert "parent: genral" in wrong
    assert "parent: general" in right and "genral" not in right


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_every_rule_shows_a_wrong_and_a_right_example_or_says_why_it_has_none(
    rule: Any,
) -> None:
    entry = _rule_entry(rule.code)
    if rule.code in WITHOUT_EXAMPLE:
        assert "**Wrong:**" not in entry
        assert "It has no example&#58;" in entry
    else:
        wrong, right = entry.split("**Wrong:**")[1].split("**Right:**")
        assert "`partners/" in wrong or "`ecotone.yml`" in wrong
        assert right.strip()


def test_an_example_without_text_says_what_it_is() -> None:
    shown = page_text(rendered(_rule_entry("E113")))
    assert "partners/alpha/spaces/notes.yml, a symbolic link to /etc/passwd" in shown


def test_a_long_example_is_cut_and_says_how_much_is_left_out() -> None:
    entry = _rule_entry("E102")
    assert "more lines like these" in entry
    assert len(entry) < 3000


def test_messages_show_their_blanks_as_placeholders() -> None:
    text = page_text(rendered(_rules_page()))
    assert "The parent '\u2039parent\u203a' of circle '\u2039circle\u203a'" in text
    assert "Step \u2039step\u203a writes '{\u2039name\u203a}'" in text


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_a_rule_that_compares_the_whole_directory_says_so(rule: Any) -> None:
    entry = _rule_entry(rule.code)
    says_so = "**Compares:** each" in entry and "with every other in the directory" in entry
    assert says_so == rule.reach.compares_all


def test_each_severity_is_named_in_its_entries() -> None:
    source = _rules_page()
    for rule in all_rules():
        entry = source.split(f"{{#{rule.code.lower()}}}")[1]
        assert entry.lstrip().startswith(f"**{rule.severity.value.capitalize()}.**")


# -- the YAML examples in docs/ ---------------------------------------------------

_YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.S | re.M)
_WHOLE_FILE = re.compile(r"# (partners/[a-z0-9-]+/(?:[a-z]+/)?[a-z0-9-]+\.yml)$")
_PART_OF_FILE = re.compile(r"# in (partners/[a-z0-9-]+/(?:[a-z]+/)?[a-z0-9-]+\.yml)$")


def _examples(page: Path) -> list[tuple[str, str, str]]:
    """(how, file, text) of each YAML example: `whole` or `part` of `file`."""
    found = []
    for block in _YAML_BLOCK.findall(page.read_text(encoding="utf-8")):
        first = block.partition("\n")[0]
        whole, part = _WHOLE_FILE.fullmatch(first), _PART_OF_FILE.fullmatch(first)
        assert whole or part, f"{page.name}: a YAML example must name its file first: {first!r}"
        found.append(("whole" if whole else "part", (whole or part).group(1), block))
    return found


def _all_examples() -> list[tuple[str, str, str]]:
    return [example for page in sorted(DOCS.rglob("*.md")) for example in _examples(page)]


def _merged(base: dict[str, Any], part: Mapping[str, Any]) -> dict[str, Any]:
    """`part` added to `base`: lists are extended, new fields added; a field given
    twice is a mistake in the examples."""
    merged = dict(base)
    for key, value in part.items():
        if isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = [*merged[key], *value]
        else:
            assert key not in merged, f"the examples give `{key}` twice"
            merged[key] = value
    return merged


def _data(file: str, text: str) -> Any:
    """A file's data as the directory's own loader reads it (dates stay text)."""
    return parse(Source(file, text))


def _schema_errors(kind: Kind, data: Any) -> list[str]:
    documents = schema_documents()
    registry: Registry = Registry().with_resources(
        (doc["$id"], Resource.from_contents(doc)) for doc in documents.values()
    )
    validator = jsonschema.Draft202012Validator(
        documents[SCHEMA_FILES[kind]],
        registry=registry,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def test_the_blueprint_examples_together_make_one_valid_collaboration() -> None:
    examples = _examples(DOCS / "governance" / "blueprint.md")
    assert len(examples) >= 5
    assert {file for _, file, _ in examples} == {examples[0][1]}
    space: dict[str, Any] = {}
    for _, file, text in examples:
        space = _merged(space, _data(file, text))
    assert space["mode"] == "collaboration"
    assert _schema_errors(Kind.SPACE, space) == []


def test_every_yaml_example_in_the_docs_validates_in_the_example_directory(
    tmp_path: Path,
) -> None:
    tree = Tree(tmp_path / "directory")
    shutil.copytree(REPO_ROOT / "partners", tree.path("partners"))
    written: set[str] = set()
    for how, file, text in _all_examples():
        if how == "whole":
            assert file not in written, f"{file} is given whole twice"
            tree.write(file, text)
        else:
            base = _data(file, tree.read(file)) if tree.path(file).exists() else {}
            merged = _merged(base, _data(file, text))
            tree.write(file, yaml.safe_dump(merged, sort_keys=False, allow_unicode=True))
        written.add(file)
    problems = [
        p for p in tree.validate().problems if p.file in written and p.severity != Severity.NOTICE
    ]
    assert as_text(problems) == ""


def test_the_problem_shown_in_how_to_join_is_what_the_validator_prints(tmp_path: Path) -> None:
    page = (DOCS / "join" / "index.md").read_text(encoding="utf-8")
    (shown,) = re.findall(r"```text\n(.*?)\n```", page, re.S)
    file, text = next(
        (f, t) for how, f, t in _examples(DOCS / "join" / "index.md") if how == "whole"
    )
    tree = Tree(tmp_path / "directory")
    growing = text.index("  growing:\n")
    broken = text[:growing] + text[growing:].replace("parent: general", "parent: genral", 1)
    tree.write(file, broken)
    assert as_text(tree.validate().problems) == shown
