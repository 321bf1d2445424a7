"""Shortcuts taken for speed give the same answers as the plain computation."""

from __future__ import annotations

import contextlib
import os
import pickle
import random
import shutil
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import REPO_ROOT, Tree
from hypothesis import given
from hypothesis import strategies as st
from site_helpers import TODAY
from test_rule_examples import apply

from ecotone.load import parallel
from ecotone.load.directory import load_directory
from ecotone.load.positions import Source
from ecotone.load.safe_yaml import LoadError, _CoreResolver
from ecotone.model import Circle, Commitments, Organization
from ecotone.problems import Problem, Severity
from ecotone.validate import incremental, run
from ecotone.validate import parallel as rules_parallel
from ecotone.validate.cache import CACHE_FOLDER, ValidationCache
from ecotone.validate.rules import circles, duplicates
from ecotone.validate.rules.duplicates import _SIMILAR, letter_pairs, nearly_equal
from ecotone.validate.rules.examples import EXAMPLES

KEYS = st.text(alphabet="abcdeo0", max_size=40)


def dice(a: str, b: str) -> float:
    """The plain Sørensen-Dice coefficient of two keys' letter pairs."""
    pairs_a = Counter(a[i : i + 2] for i in range(len(a) - 1))
    pairs_b = Counter(b[i : i + 2] for i in range(len(b) - 1))
    total = pairs_a.total() + pairs_b.total()
    return 2.0 * (pairs_a & pairs_b).total() / total if total else 0.0


@given(KEYS, KEYS)
def test_nearly_equal_agrees_with_the_plain_dice_coefficient(a: str, b: str) -> None:
    plain = a == b or dice(a, b) >= _SIMILAR
    assert nearly_equal(a, b, letter_pairs(a), letter_pairs(b)) == plain


@given(KEYS, st.integers(0, 3), st.data())
def test_nearly_equal_agrees_on_keys_one_edit_apart(a: str, edits: int, data) -> None:
    b = list(a)
    for _ in range(edits):
        if b:
            del b[data.draw(st.integers(0, len(b) - 1))]
        b.insert(data.draw(st.integers(0, len(b))), data.draw(st.sampled_from("aoz")))
    b_text = "".join(b)
    plain = a == b_text or dice(a, b_text) >= _SIMILAR
    assert nearly_equal(a, b_text, letter_pairs(a), letter_pairs(b_text)) == plain


def test_names_are_compared_with_a_bounded_number_of_neighbours(monkeypatch) -> None:
    """Six hundred anagrams of one long title, which share their first and last
    letters: the attack that made W605 compare every pair with difflib."""
    compared = []

    def counting(*args: object) -> bool:
        compared.append(args)
        return nearly_equal(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(duplicates, "nearly_equal", counting)
    letters = "abcdefghijklmnopqrstuvwxy" * 7
    rng = random.Random(1)
    titles = ["a" + "".join(rng.sample(letters, len(letters))) + "z" for _ in range(600)]
    list(duplicates.similar_pairs(titles, str))
    assert len(compared) <= 2 * duplicates._NEIGHBOURS * len(titles)


def test_names_in_other_scripts_are_compared_by_their_letters() -> None:
    names = ["Общий стол", "Общий стол!", "Κοινό τραπέζι", "共同の食卓", "共同の畑"]
    assert list(duplicates.similar_pairs(names, str)) == [("Общий стол", "Общий стол!")]


# -- locating a field by reading events, not composing the file ---------------

ODD_FILES = [
    "a: 1\nb: {c: [x, {d: 2}], 'e f': 3}\n? [complex, key]\n: 4\ng:\n- - 5\n  - 6\n- h: 7\n",
    "# comment\n\nlist:\n  - first\n  -\n    nested: {deep: [1, 2, [3]]}\n  - 'quoted: text'\n",
    '"quoted key": |\n  block\n  text\n"1": one\n1: int-looking key\nx: y\n',
    "[1, 2, 3]\n",
    "just text\n",
    "",
]


def composed_place(text: str, path: tuple[str | int, ...]) -> tuple[int, int]:
    """The reference: compose the whole file and walk its nodes."""
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    mark = node.start_mark if node is not None else None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            entry = next((pair for pair in node.value if pair[0].value == part), None)
            if entry is None:
                break
            mark, node = entry[0].start_mark, entry[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
            mark = node.start_mark
        else:
            break
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def paths_in(node: yaml.Node | None, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple]:
    """Every field's path, and for each mapping and list a child it does not have."""
    yield prefix
    if isinstance(node, yaml.MappingNode):
        yield from ((*prefix, "no-such-field"), (*prefix, 0))
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                yield from paths_in(value, (*prefix, key.value))
    elif isinstance(node, yaml.SequenceNode):
        yield from ((*prefix, len(node.value)), (*prefix, "name"))
        for index, item in enumerate(node.value):
            yield from paths_in(item, (*prefix, index))


EXAMPLE_FILES = sorted((REPO_ROOT / "partners").rglob("*.yml"))


@pytest.mark.parametrize("text", ODD_FILES + [p.read_text() for p in EXAMPLE_FILES])
def test_locate_agrees_with_composing_the_whole_file(text: str) -> None:
    source = Source("file.yml", text)
    for path in paths_in(yaml.compose(text, Loader=yaml.CSafeLoader)):
        assert source.locate(path) == composed_place(text, path), path


# -- the loader's lean resolver ---------------------------------------------------

SCALAR_TEXT = st.text(alphabet="0123456789+-.eEtrufalsnNT~x ", max_size=12) | st.sampled_from(
    ["", "~", "null", "NULL", "true", "False", "012345", "1.5", ".5", "1e3", "2025-01-10", "no"]
)


@given(SCALAR_TEXT, st.booleans(), st.booleans())
def test_the_lean_resolver_resolves_scalars_as_pyyamls_general_one(
    text: str, plain: bool, quoted: bool
) -> None:
    resolver = _CoreResolver()
    general = yaml.resolver.BaseResolver.resolve(resolver, yaml.ScalarNode, text, (plain, quoted))
    assert resolver.resolve(yaml.ScalarNode, text, (plain, quoted)) == general


@pytest.mark.parametrize("kind", [yaml.SequenceNode, yaml.MappingNode])
def test_the_lean_resolver_resolves_collections_as_pyyamls_general_one(kind: type) -> None:
    resolver = _CoreResolver()
    for implicit in (True, False):
        general = yaml.resolver.BaseResolver.resolve(resolver, kind, None, implicit)
        assert resolver.resolve(kind, None, implicit) == general


def test_a_long_chain_of_circles_is_climbed_once(monkeypatch) -> None:
    """E303 and E308 walk each circle once, however deep the chain: following
    every circle's parents up to the root would cost the square of its depth."""
    chain = tuple(
        Circle(f"c{n}", "org", f"C{n}", "A.", "D.", f"c{n - 1}" if n else None) for n in range(500)
    )
    org = Organization(
        "org", "Org", "S.", (), Commitments(True, True, True, True), chain, Source("o", "")
    )
    looked_up = []
    original = Organization.circle
    monkeypatch.setattr(
        Organization, "circle", lambda self, c: looked_up.append(c) or original(self, c)
    )
    assert list(circles._cycles(org)) == []
    assert circles.circle_depths(org)["c499"] == 499
    assert len(looked_up) <= 2 * 2 * len(chain)


def many_sources() -> list[Source]:
    """Enough files to be parsed on two cores, with files the loader refuses in
    both halves."""
    texts = [
        "name: Org {i}\ncircles: {{general: {{purpose: P{i}}}}}\n",
        "a: [1, 2.5, true, null]\n",
    ]
    refused = {3: "a: &x 1\nb: *x\n", 2 * parallel.PARALLEL_FROM - 5: "a: 1\na: 2\n"}
    return [
        Source(f"f{i}.yml", refused.get(i, texts[i % 2].format(i=i)))
        for i in range(2 * parallel.PARALLEL_FROM)
    ]


def outcome(parsed: object) -> object:
    return parsed.problem if isinstance(parsed, LoadError) else parsed


def test_parsing_on_two_cores_gives_what_parsing_each_file_here_gives() -> None:
    sources = many_sources()
    here = [outcome(parallel._parsed(source)) for source in sources]
    assert [outcome(parsed) for parsed in parallel.parse_all(sources)] == here
    assert sum(isinstance(found, Problem) for found in here) == 2


def test_a_copy_that_dies_leaves_its_half_to_this_process(monkeypatch) -> None:
    sources = many_sources()
    here = [outcome(parallel._parsed(source)) for source in sources]
    parent, parse = os.getpid(), parallel.parse

    def dies_in_the_copy(source: Source) -> object:
        if os.getpid() != parent:
            os._exit(3)
        return parse(source)

    monkeypatch.setattr(parallel, "parse", dies_in_the_copy)
    assert [outcome(parsed) for parsed in parallel.parse_all(sources)] == here


def same_report(found: run.Report, expected: run.Report) -> bool:
    """The same problems and the same model, sources included (a source is its own
    object, so the model's values are compared as written out)."""
    return found.problems == expected.problems and repr(found.directory) == repr(expected.directory)


def test_a_builds_validation_in_a_forked_copy_gives_the_report_made_here(minimal: Tree) -> None:
    minimal.write("partners/alpha/spaces/broken.yml", "title: [unclosed\n")
    here = run.validate_directory(minimal.root, TODAY, cached=False)
    assert [problem.code for problem in here.errors] == ["E101"]
    assert same_report(run.validate_directory_apart(minimal.root, TODAY), here)


def test_a_validation_copy_that_dies_leaves_the_validation_to_this_process(
    minimal: Tree, monkeypatch
) -> None:
    here = run.validate_directory(minimal.root, TODAY, cached=False)
    parent, validate = os.getpid(), run.validate_directory

    def dies_in_the_copy(*args, **kwargs) -> run.Report:
        if os.getpid() != parent:
            os._exit(3)
        return validate(*args, **kwargs)

    monkeypatch.setattr(run, "validate_directory", dies_in_the_copy)
    assert same_report(run.validate_directory_apart(minimal.root, TODAY), here)


def problems_and_cache(tree: Tree) -> tuple[object, ...]:
    """A run's problems, and what the validation cache it leaves knows: each file's
    data and the places of its fields that problems were found at, and the rules'
    findings by organization."""
    shutil.rmtree(tree.root / CACHE_FOLDER, ignore_errors=True)
    problems = run.validate_directory(tree.root, TODAY).problems
    cache = ValidationCache.of(tree.root)
    documents = load_directory(tree.root).documents
    files = {
        document.source.file: cache.known(document.kind, document.source) for document in documents
    }
    return problems, files, cache.rules


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_checking_the_organizations_on_two_cores_finds_what_checking_them_here_finds(
    minimal: Tree, code: str, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    apply(minimal, EXAMPLES[code].wrong)
    monkeypatch.setattr(rules_parallel, "PARALLEL_FROM", 10**9)
    here = problems_and_cache(minimal)
    monkeypatch.setattr(rules_parallel, "PARALLEL_FROM", 1)
    assert problems_and_cache(minimal) == here


def test_a_checking_copy_that_dies_leaves_its_half_to_this_process(
    minimal: Tree, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    apply(minimal, EXAMPLES["W418"].wrong)
    monkeypatch.setattr(rules_parallel, "PARALLEL_FROM", 10**9)
    here = problems_and_cache(minimal)
    # Problems in both halves: alpha's, checked here, and beta's, by the copy.
    assert {problem.file.split("/")[1] for problem in here[0]} == {"alpha", "beta"}
    parent, model_problems = os.getpid(), incremental.model_problems

    def dies_in_the_copy(*args, **kwargs) -> Iterator[Problem]:
        if os.getpid() != parent:
            os._exit(3)
        return model_problems(*args, **kwargs)

    monkeypatch.setattr(incremental, "model_problems", dies_in_the_copy)
    monkeypatch.setattr(rules_parallel, "PARALLEL_FROM", 1)
    assert problems_and_cache(minimal) == here


def test_a_report_cut_short_leaves_the_validation_to_this_process(
    minimal: Tree, monkeypatch
) -> None:
    here = run.validate_directory(minimal.root, TODAY, cached=False)
    dumps = pickle.dumps

    def half_of_it(report: object, pipe, protocol: int) -> None:
        sent = dumps(report, protocol)
        pipe.write(sent[: len(sent) // 2])

    monkeypatch.setattr(pickle, "dump", half_of_it)
    assert same_report(run.validate_directory_apart(minimal.root, TODAY), here)


def test_what_a_build_does_while_its_copy_validates_stops_the_copy_when_it_fails(
    minimal: Tree,
) -> None:
    def fails() -> None:
        raise RuntimeError("the theme could not be read")

    before = children()
    with pytest.raises(RuntimeError, match="the theme could not be read"):
        run.validate_directory_apart(minimal.root, TODAY, meanwhile=fails)
    assert children() == before  # the copy was stopped, and waited for


def children() -> set[str]:
    """This process's child processes, zombies included (Linux's /proc)."""
    me = str(os.getpid())
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            if stat.read_text().rpartition(")")[2].split()[1] == me:
                found.add(stat.parent.name)
    return found


@pytest.fixture
def another_thread() -> Iterator[None]:
    """A second thread running in this process, as `mkdocs serve`'s server's are."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    yield
    stop.set()
    thread.join()


def test_beside_another_thread_the_files_are_all_parsed_in_this_process(
    monkeypatch, another_thread
) -> None:
    monkeypatch.setattr(parallel, "parse", lambda source: {"parsed by": os.getpid()})
    sources = [Source(f"f{i}.yml", "a: 1\n") for i in range(2 * parallel.PARALLEL_FROM)]
    assert {data["parsed by"] for data in parallel.parse_all(sources)} == {os.getpid()}


def test_beside_another_thread_the_organizations_are_all_checked_in_this_process(
    monkeypatch, another_thread
) -> None:
    monkeypatch.setattr(rules_parallel, "PARALLEL_FROM", 1)

    def check(organizations: frozenset[str]) -> list[Problem]:
        return [
            Problem(str(os.getpid()), 1, 1, "N412", Severity.NOTICE, org) for org in organizations
        ]

    found = rules_parallel.checked_on_two_cores(check, ["alpha", "beta"], [])
    assert sorted(p.message for p in found) == ["alpha", "beta"]
    assert {problem.file for problem in found} == {str(os.getpid())}
