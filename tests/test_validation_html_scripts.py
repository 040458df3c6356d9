"""JSON-LD blocks in HTML pages are found whatever the spelling of their media type."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsml_tools.validation import validate

PAGE = (Path(__file__).parent / "data" / "validation" / "positive" / "html" /
        "article.html").read_bytes()
PLAIN = b'<script type="application/ld+json">'


@pytest.mark.parametrize("tag", [
    b'<script type="application/ld+json; charset=utf-8">',
    b"<script type='application/ld+json;charset=UTF-8'>",
    b'<script type="APPLICATION/LD+JSON">',
    b'<script id="ld" type=" application/ld+json ">',
    b"<script type=application/ld+json>",
])
def test_media_type_spellings_are_validated(tag: bytes) -> None:
    page = PAGE.replace(PLAIN, tag)
    assert page != PAGE
    res = validate(page, "html", filename="a.html").results[0]
    assert res.valid, res.findings
    assert not any("no application/ld+json" in f.message for f in res.findings)


@pytest.mark.parametrize("tag", [
    b'<script type="application/json">',
    b'<script type="application/ld+jsonx">',
    b'<script type="text/ld+json">',
    b"<script type=application/ld+jsonx>",
])
def test_other_script_types_are_not_json_ld(tag: bytes) -> None:
    res = validate(PAGE.replace(PLAIN, tag), "html", filename="a.html").results[0]
    assert any("no application/ld+json NewsArticle" in f.message for f in res.findings)
