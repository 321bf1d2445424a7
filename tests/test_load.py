"""The loader: plain data from safe YAML, and a clear problem, never a traceback,
for every hostile or broken file."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from conftest import Tree

from ecotone.load.directory import load_directory
from ecotone.load.positions import Source
from ecotone.load.safe_yaml import MAX_FILE_BYTES, LoadError, parse, read_source

LAB = "partners/alpha/spaces/lab.yml"


def data(text: str) -> object:
    return parse(Source("test.yml", text))


def refusal(text: str) -> tuple[str, int, int]:
    """The code, line and column of the problem the loader raises for `text`."""
    with pytest.raises(LoadError) as raised:
        data(text)
    problem = raised.value.problem
    return problem.code, problem.line, problem.column


# -- what plain scalars mean -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("NO", "NO"),
        ("2025-01-10", "2025-01-10"),
        ("2025-01-10 10:00:00", "2025-01-10 10:00:00"),
        ("012345", "012345"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("12:30", "12:30"),
        (".inf", ".inf"),
        (".nan", ".nan"),
        ("1e400", "1e400"),
        ("1" * 5000, "1" * 5000),
        ("true", True),
        ("False", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("12.5", 12.5),
        ("1e3", 1000.0),
    ],
    ids=lambda value: repr(value)[:12],
)
def test_plain_scalars_mean_what_yaml_1_2_core_says_and_nothing_else(
    text: str, value: object
) -> None:
    assert data(f"value: {text}") == {"value": value}


def test_quoted_values_stay_text() -> None:
    assert data("a: 'true'\nb: \"42\"\nc: 'null'") == {"a": "true", "b": "42", "c": "null"}


def test_keys_are_the_text_as_written() -> None:
    assert data("no: 1\n1: x\ntrue: y\nnull: z") == {"no": 1, "1": "x", "true": "y", "null": "z"}


def test_a_key_is_one_string_in_every_file_that_has_it() -> None:
    """So that the validation cache writes each key once per part, not once per use."""
    (first,), (second,) = data("a_key_name: 1"), data("a_key_name: 2")
    assert first is second


def test_a_byte_order_mark_is_ignored(minimal: Tree) -> None:
    minimal.write(LAB, "\ufeff" + minimal.read(LAB))
    assert minimal.validate().problems == ()


def test_a_5000_digit_integer_is_text_that_the_schema_then_measures(minimal: Tree) -> None:
    minimal.replace(LAB, "answer_days: 5", "answer_days: " + "9" * 5000)
    problems = minimal.validate().problems
    assert [(p.code, p.field_text, p.message) for p in problems] == [
        (
            "E206",
            "social_contract.conflict_resolution.parameters.answer_days",
            "This text has 5000 characters; at most 200.",
        )
    ]


# -- hostile and broken files ------------------------------------------------------

BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]"
            for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


@pytest.mark.parametrize(
    ("content", "code", "at"),
    [
        (BILLION_LAUGHS, "E104", "&a"),
        ("title: &t Lab\nother: *t\n", "E104", "&t"),
        ("title: Lab\nmode: collaboration\ntitle: Lab two\n", "E105", "title: Lab two"),
        ("title: Lab\n'title': Lab two\n", "E105", "'title': Lab two"),
        ("title: !!python/object:os.Popen {}\n", "E106", "!!python"),
        ("title: !!python/name:os.system\n", "E106", "!!python"),
        ("title: !!binary aGVsbG8=\n", "E106", "!!binary"),
        ("title: !custom Lab\n", "E106", "!custom"),
        ("!!python/name:os.system : Lab\n", "E106", "!!python"),
        ("title: !!int " + "9" * 5000 + "\n", "E106", "!!int"),
        ("? [a, b]\n: Lab\n", "E108", "[a, b]"),
        ("? {a: b}\n: Lab\n", "E108", "{a: b}"),
        ("title: Lab\n---\ntitle: Lab two\n", "E109", "---"),
        ("title: Lab\n\tmode: collaboration\n", "E101", "\tmode"),
        ("title: [Lab\n", "E101", None),
        ("title: 'Lab\n", "E101", None),
    ],
    ids=[
        "billion-laughs",
        "alias",
        "duplicate-key",
        "duplicate-key-quoted",
        "python-object",
        "python-name",
        "binary",
        "local-tag",
        "tagged-key",
        "5000-digit-tagged-int",
        "list-as-key",
        "mapping-as-key",
        "two-documents",
        "tab-indentation",
        "unclosed-bracket",
        "unclosed-quote",
    ],
)
def test_a_hostile_file_gets_one_clear_problem_at_its_place(
    minimal: Tree, content: str, code: str, at: str | None
) -> None:
    minimal.write(LAB, content)
    problems = [p for p in minimal.validate().problems if p.file == LAB]
    assert [p.code for p in problems] == [code]
    if at is not None:
        assert (problems[0].line, problems[0].column) == minimal.position(LAB, at)
    assert problems[0].message and problems[0].hint


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("title: a\x1fb\n", 9),
        ("title: a\x1fb *c\n", 9),
        ("title: a\x7fb\n", 9),
        ("[" * 3000 + "\x00", 3001),
    ],
    ids=["unit-separator", "with-an-asterisk", "delete", "deep-then-a-nul"],
)
def test_a_control_character_is_named_at_its_place(text: str, column: int) -> None:
    """libyaml refuses these while reading, whichever of the loader's passes over
    the file meets them first."""
    assert refusal(text) == ("E114", 1, column)


@pytest.mark.parametrize(
    ("aim", "says"),
    [
        ("@alpha trains facilitators.", 'aim: "@alpha trains facilitators."'),
        ("`Train` facilitators.", 'aim: "`Train` facilitators."'),
        ("% of time spent training.", 'aim: "% of time spent training."'),
        ("*Train* facilitators.", 'aim: "*Train* facilitators."'),
        ("Train: facilitators.", 'aim: "Train: facilitators."'),
        ("Train\n\tfacilitators.", "Replace the tab with 2 spaces"),
    ],
    ids=["at-sign", "backtick", "percent", "asterisk", "colon", "tab"],
)
def test_a_syntax_error_says_which_text_needs_quotes(minimal: Tree, aim: str, says: str) -> None:
    minimal.replace(LAB, "aim: Train facilitators together.", f"aim: {aim}")
    problems = minimal.validate().problems
    assert [(p.code, p.file, p.line) for p in problems] == [("E101", LAB, 5 + aim.count("\n"))]
    assert says in problems[0].hint


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    bomb = BILLION_LAUGHS + "\n" + "j: &j [" + ", ".join(["*i"] * 9) + "]"
    assert refusal(bomb)[0] == "E104"  # expanded, it would be 9**10 strings


def test_python_tags_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f"title: !!python/object/apply:os.system ['touch {marker}']\n"
    assert refusal(text) == ("E106", 1, 8)
    assert not marker.exists()


def test_a_10_mb_file_is_refused_by_its_size(minimal: Tree) -> None:
    minimal.write(LAB, minimal.read(LAB) + "description: |\n" + ("  " + "x" * 98 + "\n") * 100_000)
    problems = minimal.validate().problems
    assert [(p.code, p.file, p.line) for p in problems] == [("E102", LAB, 1)]
    assert "10100" in problems[0].message and "1000000" in problems[0].message


@pytest.mark.parametrize("size, refused", [(MAX_FILE_BYTES, False), (MAX_FILE_BYTES + 1, True)])
def test_a_file_is_refused_from_one_byte_over_the_limit(
    tmp_path: Path, size: int, refused: bool
) -> None:
    path = tmp_path / "big.yml"
    path.write_bytes(b"# " + b"x" * (size - 3) + b"\n")
    try:
        source = read_source(path, "big.yml")
    except LoadError as error:
        assert refused and error.problem.code == "E102"
    else:
        assert not refused and len(source.text) == size


def test_a_file_that_says_it_is_empty_is_read_to_its_end(tmp_path: Path) -> None:
    """A file that grew after its size was asked, or one that is not a plain file, as
    here a pipe: it is read for more than its size says, up to the limit."""
    path = tmp_path / "pipe.yml"
    os.mkfifo(path)
    writer = threading.Thread(target=path.write_text, args=("title: Through a pipe\n",))
    writer.start()
    source = read_source(path, "pipe.yml")
    writer.join()
    assert source.text == "title: Through a pipe\n"


def test_invalid_utf8_is_placed_at_its_first_bad_byte(minimal: Tree) -> None:
    text = minimal.read(LAB).replace("Facilitation lab", "Atelier caf\xe9")
    minimal.write(LAB, text.encode("latin-1"))
    problems = minimal.validate().problems
    assert [(p.code, p.line, p.column) for p in problems] == [("E103", 1, 19)]
    assert "UTF-8" in problems[0].hint


@pytest.mark.parametrize("levels", [100_000, 3_000, 1_000, 40])
def test_deep_nesting_is_refused_without_crashing(levels: int) -> None:
    """100,000 levels of `[` used to crash libyaml's composer; the loader refuses
    them before composing."""
    code, line, _ = refusal("[" * levels + "]" * levels)
    assert (code, line) == ("E107", 1)


def test_deep_unclosed_nesting_is_refused_without_crashing() -> None:
    assert refusal("[" * 100_000)[0] == "E107"


def test_nesting_within_the_bound_is_read() -> None:
    nested: object = "x"
    for _ in range(31):
        nested = [nested]
    assert data("a: " + "[" * 31 + "x" + "]" * 31) == {"a": nested}


def test_the_depth_bound_is_the_same_for_short_and_long_files() -> None:
    """Long files are checked by a different route; both must agree on the limit."""
    nested = "a: " + "[" * 32 + "x" + "]" * 32 + "\n"
    padding = "b: [" + ", ".join(["-1"] * 2_100) + "]\n"
    assert refusal(nested)[0] == refusal(nested + padding)[0] == "E107"
    fits = "a: " + "[" * 31 + "x" + "]" * 31 + "\n"
    assert isinstance(data(fits), dict)
    assert isinstance(data(fits + padding), dict)


@pytest.mark.parametrize(
    ("content", "found"),
    [
        ("", "nothing"),
        ("# only a comment\n", "nothing"),
        ("- title: Lab\n- mode: collaboration\n", "a list"),
        ("Facilitation lab\n", "the text 'Facilitation lab'"),
        ("42\n", "the number 42"),
    ],
    ids=["empty", "only-comments", "a-list", "a-sentence", "a-number"],
)
def test_a_file_that_is_not_a_mapping_says_so(minimal: Tree, content: str, found: str) -> None:
    minimal.write(LAB, content)
    problems = minimal.validate().problems
    assert [(p.code, p.file, p.line, p.field) for p in problems] == [("E203", LAB, 1, ())]
    assert f"Expected a mapping of fields here, found {found}." == problems[0].message
    assert "`name: value`" in problems[0].hint


def test_each_of_thousands_of_problems_is_placed_at_its_own_line(minimal: Tree) -> None:
    """The fields' places are found in one reading of the file, however many
    problems ask for them."""
    first = len(minimal.read(LAB).splitlines()) + 1
    minimal.write(LAB, minimal.read(LAB) + "".join(f"note-{i}: x\n" for i in range(3_000)))
    problems = minimal.validate().problems
    assert len(problems) == 3_000
    assert {p.code for p in problems} == {"E202"}
    assert [(p.field_text, p.line, p.column) for p in problems] == [
        (f"note-{i}", first + i, 1) for i in range(3_000)
    ]


# -- the directory's layout ----------------------------------------------------------


def test_a_symbolic_link_to_a_file_outside_is_reported_and_not_read(
    minimal: Tree, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yml"
    outside.write_text(minimal.read(LAB), encoding="utf-8")
    minimal.path("partners/alpha/spaces/copy.yml").symlink_to(outside)
    report = minimal.validate()
    assert [(p.code, p.file) for p in report.problems] == [
        ("E113", "partners/alpha/spaces/copy.yml")
    ]
    assert "alpha/copy" not in [space.id for space in report.directory.spaces]


def test_a_symbolic_link_to_a_folder_outside_is_reported_and_not_read(
    minimal: Tree, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    (outside / "spaces").mkdir(parents=True)
    (outside / "organization.yml").write_text(minimal.read("partners/beta/organization.yml"))
    minimal.path("partners/gamma").symlink_to(outside)
    minimal.path("partners/alpha/playbooks/etc").symlink_to("/etc")
    loaded = load_directory(minimal.root)
    assert sorted((p.code, p.file) for p in loaded.problems) == [
        ("E113", "partners/alpha/playbooks/etc"),
        ("E113", "partners/gamma"),
    ]
    assert not any(d.id.startswith("gamma") for d in loaded.documents)


def test_a_linked_organization_file_is_reported_as_a_link_only(
    minimal: Tree, tmp_path: Path
) -> None:
    profile = minimal.path("partners/beta/organization.yml")
    outside = tmp_path / "beta.yml"
    profile.rename(outside)
    profile.symlink_to(outside)
    codes = [(p.code, p.file) for p in load_directory(minimal.root).problems]
    assert codes == [("E113", "partners/beta/organization.yml")]


def test_files_are_read_in_a_stable_order(minimal: Tree) -> None:
    ids = [document.id for document in load_directory(minimal.root).documents]
    assert ids == ["alpha", "alpha/talk-it-out", "alpha/lab", "beta", "beta/garden"]
