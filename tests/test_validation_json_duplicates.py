"""JS001: a JSON object that repeats a key is reported, where the repeat is."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from newsml_tools.validation import validate
from newsml_tools.validation.jsonpos import Positions, loads

KEYS = st.sampled_from(["a", "b", "ab", "a/b", "~", "é"])


@st.composite
def objects(draw: st.DrawFn, depth: int = 0) -> tuple[str, list[tuple[str, str]]]:
    """JSON text of an object whose keys may repeat, and the (object pointer, key) of every
    repeat, in document order (computed independently of the scanner under test)."""
    keys = draw(st.lists(KEYS, max_size=5))
    parts: list[str] = []
    repeats: list[tuple[str, str]] = []
    seen: set[str] = set()
    for key in keys:
        # spell some keys with escapes: the same key to every JSON parser
        spelt = json.dumps(key) if draw(st.booleans()) else json.dumps(key, ensure_ascii=True)
        if key == "ab" and draw(st.booleans()):
            spelt = '"a\\u0062"'
        ptr = "/" + key.replace("~", "~0").replace("/", "~1")
        if key in seen:
            repeats.append(("", key))
        seen.add(key)
        if depth < 2 and draw(st.booleans()):
            inner, inner_repeats = draw(objects(depth + 1))
            value = inner
            # the value of a repeated key is the one that is read last: pointers are the
            # same, so an inner repeat is reported once per occurrence of the object
            repeats.extend((ptr + p, k) for p, k in inner_repeats)
        else:
            value = draw(st.sampled_from(['1', '"x"', "[]", "[1, {}]", "null"]))
        parts.append(f"{spelt}: {value}")
    sep = draw(st.sampled_from([", ", ",\n  "]))
    return "{" + sep.join(parts) + "}", repeats


@settings(max_examples=300, deadline=None)
@given(objects())
def test_flag_and_positions_agree_with_a_reference(case: tuple[str, list[tuple[str, str]]]) -> None:
    text, repeats = case
    value, flagged = loads(text, 64)
    assert value == json.loads(text)
    assert flagged is bool(repeats)
    found = [(ptr, key) for ptr, key, _first, _at in Positions(text).duplicate_keys()]
    assert sorted(found) == sorted(repeats)
    for _ptr, key, first, at in Positions(text).duplicate_keys():
        assert first < at
        assert json.loads(text[at : text.index(":", at)].strip()) == key


def test_finding_points_at_the_repeat() -> None:
    text = '{\n  "uri": "urn:x:1",\n  "type": "text",\n  "type": "picture"\n}\n'
    res = validate(text.encode(), kind="ninjs").results[0]
    dup = [f for f in res.findings if f.rule == "JS001"]
    assert [(f.line, f.column, f.path, f.item) for f in dup] == [(4, 3, "/type", "urn:x:1")]
    assert "first on line 3" in dup[0].message
    # a warning (the last value is valid and is what json.loads keeps); --strict fails it
    assert dup[0].severity.value == "warning"
    assert res.valid
    assert res.failed(strict=True)


def test_no_finding_without_repeats_or_under_schema_only() -> None:
    ok = b'{"uri": "urn:x:1", "type": "text", "nested": {"type": 1}}'
    assert not [f for f in validate(ok, kind="ninjs").results[0].findings if f.rule == "JS001"]
    dup = b'{"uri": "urn:x:1", "type": "text", "type": "text"}'
    assert [f.rule for f in validate(dup, kind="ninjs").results[0].findings] == ["NJ002", "JS001"]
    schema_only = validate(dup, kind="ninjs", rules=False).results[0]
    assert "JS001" not in [f.rule for f in schema_only.findings]


def test_bom_inside_decoded_text_is_still_refused() -> None:
    """The decoder is called directly (for the key hook): json.loads' BOM check is kept
    (one BOM is an encoding mark and is dropped; a second one is text)."""
    res = validate("\ufeff\ufeff{}".encode(), kind="ninjs").results[0]
    assert [f.rule for f in res.findings] == ["parse"]
