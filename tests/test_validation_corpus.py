"""Data-driven corpus: tests/data/validation/{positive,negative}/<kind>/<case>."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsml_tools.validation import validate, validate_file

DATA = Path(__file__).parent / "data" / "validation"
CASES = sorted(
    p for p in DATA.glob("*/*/*") if p.is_file() and not p.name.endswith(".expected.json")
)


def _expected(case: Path) -> dict:
    side = case.with_name(case.stem + ".expected.json")
    if side.exists():
        return json.loads(side.read_text("utf-8"))
    return {"valid": case.parts[-3] == "positive", "findings": []}


def _matches(actual, want: dict) -> bool:
    for key, value in want.items():
        if key == "hint_contains":
            if not actual.hint or value not in actual.hint:
                return False
        elif key == "severity":
            if actual.severity.value != value:
                return False
        elif getattr(actual, key) != value:
            return False
    return True


@pytest.mark.parametrize("case", CASES, ids=lambda p: "/".join(p.parts[-3:]))
def test_case(case: Path) -> None:
    polarity, kind = case.parts[-3], case.parts[-2]
    exp = _expected(case)
    res = validate_file(case)
    assert res.error is None
    assert res.kind == kind
    assert res.valid is exp["valid"], res.findings
    if polarity == "positive":
        assert not [f for f in res.findings if f.severity.value == "error"]
    else:
        assert exp["findings"], "a negative case must say what it expects"
    for want in exp["findings"]:
        assert any(_matches(f, want) for f in res.findings), (want, res.findings)
    if "items" in exp:
        assert res.items == exp["items"]
    # the same verdict from bytes, and with the kind given explicitly
    again = validate(case.read_bytes(), kind=kind, filename=str(case)).results[0]
    assert [(f.rule, f.line, f.column, f.path) for f in again.findings] == [
        (f.rule, f.line, f.column, f.path) for f in res.findings
    ]
