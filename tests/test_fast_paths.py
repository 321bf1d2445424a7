"""Shortcuts taken for speed give the same answers as the plain computation."""

from __future__ import annotations

import difflib
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from ecotone.rules.duplicates import _SIMILAR, nearly_equal

KEYS = st.text(alphabet="abcdeo0", max_size=40)


@given(KEYS, KEYS)
def test_nearly_equal_agrees_with_difflibs_ratio(a: str, b: str) -> None:
    plain = a == b or difflib.SequenceMatcher(None, a, b).ratio() >= _SIMILAR
    assert nearly_equal(a, b, Counter(a), Counter(b)) == plain


@given(KEYS, st.integers(0, 3), st.data())
def test_nearly_equal_agrees_on_keys_one_edit_apart(a: str, edits: int, data) -> None:
    b = list(a)
    for _ in range(edits):
        if b:
            del b[data.draw(st.integers(0, len(b) - 1))]
        b.insert(data.draw(st.integers(0, len(b))), data.draw(st.sampled_from("aoz")))
    b_text = "".join(b)
    plain = a == b_text or difflib.SequenceMatcher(None, a, b_text).ratio() >= _SIMILAR
    assert nearly_equal(a, b_text, Counter(a), Counter(b_text)) == plain
