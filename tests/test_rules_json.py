"""`api/rules.json`: the rule catalogue as JSON, one entry per rule."""

from __future__ import annotations

import json

import pytest

from ecotone.export.rules_json import rules_json
from ecotone.export.urls import SiteUrls
from ecotone.validate.rules.catalogue import all_rules, rule_examples
from ecotone.validate.rules.examples import WITHOUT_EXAMPLE

URLS = SiteUrls("https://example.org/directory/")


def published() -> dict[str, dict]:
    document = json.loads(rules_json(all_rules(), rule_examples(), URLS))
    return {rule["code"]: rule for rule in document["rules"]}


def test_every_rule_of_the_catalogue_is_published_once() -> None:
    assert sorted(published()) == [rule.code for rule in all_rules()]


def test_a_rule_has_its_severity_family_texts_version_and_address() -> None:
    rule = published()["N601"]
    assert rule["severity"] == "notice"
    assert rule["family"] == "dates-and-duplicates"
    assert rule["since"] == "0.1.0"
    assert rule["url"] == "https://example.org/directory/join/rules/#n601"
    assert rule["title"] and rule["message"] and rule["fix"] and rule["explanation"]


def test_a_rule_carries_its_wrong_and_right_example() -> None:
    example = published()["E302"]["example"]
    assert "parent: genral" in example["wrong"][0]["text"]
    assert "parent: general" in example["right"][0]["text"]
    assert example["wrong"][0]["file"] == "partners/alpha/organization.yml"


@pytest.mark.parametrize("code", [rule.code for rule in all_rules()])
def test_every_rule_carries_an_example_or_says_why_it_has_none(code: str) -> None:
    rule = published()[code]
    if code in WITHOUT_EXAMPLE:
        assert rule["example"] is None
        assert "It has no example:" in rule["explanation"]
    else:
        assert rule["example"]["wrong"] and rule["example"]["right"]
        assert all(snippet["file"] for snippet in rule["example"]["wrong"])
