"""Review: JSON input that is not JSON (NaN / Infinity, which Python's json accepts)."""

from __future__ import annotations

import pytest

from newsml_tools.validation import validate


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize("kind", ["jsonld", "ninjs", None])
def test_nan_and_infinity_are_parse_errors_with_a_position(constant: str, kind) -> None:
    text = ('{"@context": "https://schema.org", "@type": "NewsArticle",\n'
            f' "uri": "urn:a:b", "headline": {constant}}}')
    report = validate(text.encode(), kind, filename="x.json")
    parse = [f for f in report.findings if f.rule == "parse"]
    assert parse, report.findings
    assert constant.lstrip("-") in parse[0].message
    assert parse[0].line == 2 and parse[0].column is not None
    assert not report.valid


def test_nan_inside_a_string_is_fine() -> None:
    report = validate(b'{"uri": "urn:a:NaN", "headlines": [{"value": "NaN Infinity"}]}',
                      "ninjs", filename="x.json")
    assert not [f for f in report.findings if f.rule == "parse"], report.findings
