"""Properties: whatever a file holds, the loader and the validator answer with
data or problems, never with another exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from conftest import MINIMAL
from hypothesis import given, settings
from hypothesis import strategies as st
from site_helpers import TODAY

from ecotone.load.positions import Source
from ecotone.load.safe_yaml import LoadError, parse
from ecotone.problems import Problem
from ecotone.validate.rules.catalogue import all_rules
from ecotone.validate.run import validate_directory

CODES = {rule.code for rule in all_rules()}
FILES = sorted(path.relative_to(MINIMAL).as_posix() for path in MINIMAL.rglob("*.yml"))

JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
JSON_LIKE = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
YAML_PIECES = st.sampled_from(
    [
        *"[]{}:-?,&*!|>'\"#%@`~\\",
        " ",
        "\n",
        "\t",
        "  ",
        "- ",
        ": ",
        "---",
        "...",
        "!!",
        "!!python/object:os.system",
        "&a",
        "*a",
        "<<",
        "a",
        "1",
        "no",
        "2026-01-01",
        "\ufeff",
        "\x85",
    ]
)
YAML_LIKE_TEXT = st.lists(YAML_PIECES, max_size=40).map("".join)


def _leaves(value: object) -> list[object]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def _paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every field path in `value`, the whole entry's `()` first: mapping keys and
    list items, at any depth."""
    children: list[tuple[object, object]] = []
    if isinstance(value, dict):
        children = list(value.items())
    elif isinstance(value, list):
        children = list(enumerate(value))
    paths = [prefix]
    for key, child in children:
        paths += _paths(child, (*prefix, key))
    return paths


ENTRIES = {
    file: parse(Source(file, (MINIMAL / file).read_text(encoding="utf-8"))) for file in FILES
}
FIELDS = [(file, path) for file, entry in ENTRIES.items() for path in _paths(entry)]
# Values that pass the schema somewhere, so that edits reach the protocol's rules too.
PLAUSIBLE = st.sampled_from(
    sorted(
        {str(leaf) for entry in ENTRIES.values() for leaf in _leaves(entry)}
        | {
            "alpha",
            "beta",
            "gamma",
            "alpha/lab",
            "beta/garden",
            "alpha/talk-it-out",
            "2000-01-01",
            TODAY.isoformat(),
            "9999-12-31",
            "dissolved",
            "multi-directional",
            "accountability",
            "free-agent",
            "partner",
            "third-party",
            "money",
            "EUR",
        }
    )
) | st.sampled_from([True, False, 0, 5, -1, 1.5, None, [], {}])
VALUES = PLAUSIBLE | JSON_LIKE
EDITS = st.lists(st.tuples(st.sampled_from(FIELDS), VALUES, st.booleans()), min_size=1, max_size=3)


def _assert_reported_well(problems: tuple[Problem, ...]) -> None:
    for problem in problems:
        assert problem.code in CODES
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message
        assert not Path(problem.file).is_absolute()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200) | YAML_LIKE_TEXT)
def test_any_text_loads_as_data_or_a_problem(text: str) -> None:
    try:
        parse(Source("any.yml", text))
    except LoadError as error:
        assert error.problem.code in CODES
        assert error.problem.line >= 1 and error.problem.column >= 1


@settings(max_examples=200, deadline=None)
@given(JSON_LIKE, st.booleans())
def test_any_dumped_value_loads_as_data_or_a_problem(value: object, flow: bool) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True)
    try:
        parse(Source("dumped.yml", text))
    except LoadError as error:
        assert error.problem.code in CODES


def _edited(entry: object, path: tuple[object, ...], value: object, remove: bool) -> object:
    """The entry with the field at `path` set to `value` (or removed), if the earlier
    edits left that field in place."""
    if not path:
        return value
    parent = entry
    for part in path[:-1]:
        try:
            parent = parent[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return entry
    key = path[-1]
    if isinstance(parent, dict) or (
        isinstance(parent, list) and isinstance(key, int) and key < len(parent)
    ):
        if remove and isinstance(parent, dict):
            parent.pop(key, None)
        else:
            parent[key] = value  # type: ignore[index]
    return entry


@settings(max_examples=100, deadline=None)
@given(EDITS)
def test_any_value_in_any_field_is_validated_into_problems(
    edits: list[tuple[tuple[str, tuple[object, ...]], object, bool]],
) -> None:
    entries = {file: _copy(entry) for file, entry in ENTRIES.items()}
    for (file, path), value, remove in edits:
        entries[file] = _edited(entries[file], path, value, remove)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(MINIMAL, root, dirs_exist_ok=True)
        for file, entry in entries.items():
            (root / file).write_text(
                yaml.safe_dump(entry, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
        report = validate_directory(root, TODAY)
    _assert_reported_well(report.problems)


ODD_VALUES = [None, [], {}, "", "x" * 5000, -1, True, 1e300, "../../etc/passwd", [{"a": None}]]


def test_every_field_given_an_odd_value_is_validated_into_problems() -> None:
    """Each field of the minimal directory in turn, so none is left to chance."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(MINIMAL, root, dirs_exist_ok=True)
        for index, (file, path) in enumerate(FIELDS):
            entry = _edited(_copy(ENTRIES[file]), path, ODD_VALUES[index % len(ODD_VALUES)], False)
            (root / file).write_text(yaml.safe_dump(entry, sort_keys=False), encoding="utf-8")
            _assert_reported_well(validate_directory(root, TODAY).problems)
            shutil.copy(MINIMAL / file, root / file)


def _copy(value: object) -> object:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value
