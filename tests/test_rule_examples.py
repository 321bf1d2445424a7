"""The rule catalogue's examples, which the rule reference shows: every rule has
one, each wrong example breaks its rule, and each right one breaks nothing."""

from __future__ import annotations

import os

import pytest
from conftest import TODAY, Tree

from ecotone.problems import REGISTRY
from ecotone.validate.rules.catalogue import all_rules
from ecotone.validate.rules.examples import (
    EXAMPLES,
    WITHOUT_EXAMPLE,
    Append,
    Edit,
    Folder,
    Link,
    Replace,
    Unreadable,
    Write,
)


def apply(tree: Tree, edits: tuple[Edit, ...]) -> None:
    for edit in edits:
        match edit:
            case Replace(file, old, new, encoding):
                text = tree.read(file)
                assert text.count(old) == 1, f"{old!r} is not in {file} exactly once"
                tree.write(file, text.replace(old, new).encode(encoding))
            case Append(file, text):
                tree.write(file, tree.read(file) + text)
            case Write(file, text):
                tree.write(file, text)
            case Folder(path):
                tree.path(path).mkdir(parents=True)
            case Link(path, target):
                tree.path(path).symlink_to(target)
            case Unreadable(path):
                if os.geteuid() == 0:
                    pytest.skip("root reads every file; test_writers checks E115 as nobody")
                tree.path(path).chmod(0o000)


def codes(tree: Tree) -> set[str]:
    return {problem.code for problem in tree.validate(TODAY).problems}


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_the_wrong_example_breaks_its_rule(minimal: Tree, code: str) -> None:
    apply(minimal, EXAMPLES[code].wrong)
    assert code in codes(minimal)


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_the_right_example_breaks_no_rule(minimal: Tree, code: str) -> None:
    apply(minimal, EXAMPLES[code].right)
    assert codes(minimal) == set()


def test_every_rule_has_an_example() -> None:
    catalogue = {rule.code for rule in all_rules()}
    assert sorted(catalogue - WITHOUT_EXAMPLE - set(EXAMPLES)) == [], "rules without an example"
    assert sorted(set(EXAMPLES) - catalogue) == [], "examples of rules that do not exist"


def test_a_rule_with_an_example_is_not_excused_from_having_one() -> None:
    assert sorted(WITHOUT_EXAMPLE & set(EXAMPLES)) == []


@pytest.mark.parametrize("code", sorted(WITHOUT_EXAMPLE))
def test_a_rule_without_an_example_explains_why(code: str) -> None:
    assert "It has no example:" in REGISTRY[code].explanation
