"""The fast indented JSON encoder gives json.dumps(indent=2, ensure_ascii=False)'s bytes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from newsml_tools.writers.json_text import dumps_indented

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(),
    st.floats(allow_nan=True, allow_infinity=True),  # delegated to json
)
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(trees)
def test_same_text_as_json_dumps(doc: Any) -> None:
    assert dumps_indented(doc) == json.dumps(doc, ensure_ascii=False, indent=2)


def test_escapes_and_unicode_like_json() -> None:
    doc = {"a\"b": ["line\nbreak", "tab\t", "\x00\x1f", "é “quoted” \u2028", "\ud800"],
           "n": [0, -1, 10**30, True, False, None], "empty": [{}, []]}
    assert dumps_indented(doc) == json.dumps(doc, ensure_ascii=False, indent=2)


def test_non_string_keys_and_tuples_fall_back_to_json() -> None:
    doc = {"x": {1: "one", None: "none"}, "t": (1, 2)}
    assert dumps_indented(doc) == json.dumps(doc, ensure_ascii=False, indent=2)
