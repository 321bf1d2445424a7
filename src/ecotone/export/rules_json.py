"""The rule catalogue as JSON (`/api/rules.json`), for editors, bots and other
tools that explain Ecotone's problems: every rule with its code, family,
severity, texts, the version that added it, the address of its entry in the
rule reference, and its wrong and right example."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ecotone.export.urls import SiteUrls
from ecotone.problems import Example, Rule, Snippet

RULES_JSON = "api/rules.json"
RULE_REFERENCE = "join/rules/"


def rules_json(rules: Sequence[Rule], examples: Mapping[str, Example], urls: SiteUrls) -> str:
    document = {
        "templates": "`message` and `fix` are templates: each {name} is filled in with the "
        "details of a case, and {{ and }} stand for { and }.",
        "rules": [_rule(rule, examples.get(rule.code), urls) for rule in rules],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _rule(rule: Rule, example: Example | None, urls: SiteUrls) -> dict[str, Any]:
    return {
        "code": rule.code,
        "family": rule.family.value,
        "severity": rule.severity.value,
        "title": rule.title,
        "message": rule.message,
        "fix": rule.hint,
        "explanation": rule.explanation,
        "since": rule.since,
        "url": urls.page(f"{RULE_REFERENCE}#{rule.code.lower()}"),
        "example": _example(example) if example else None,
    }


def _example(example: Example) -> dict[str, Any]:
    return {
        "wrong": [_snippet(snippet) for snippet in example.wrong],
        "right": [_snippet(snippet) for snippet in example.right],
        "note": example.note,
    }


def _snippet(snippet: Snippet) -> dict[str, str]:
    return {"file": snippet.file, "text": snippet.text, "note": snippet.note}
