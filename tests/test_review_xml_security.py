"""Review: DOCTYPE refusal must not be bypassed by wide encodings without a BOM."""

from __future__ import annotations

import pytest

from newsml_tools.validation import validate

LAUGHS = (
    '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE newsItem [<!ENTITY a "aaaaaaaaaa">'
    + "".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">'
        for p, n in zip("abcdefg", "bcdefgh", strict=True)
    )
    + ']>\n<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:a:b" version="1" '
    'standard="NewsML-G2" standardversion="2.35"><x>&h;</x></newsItem>'
)
XXE = (
    '<?xml version="1.0" encoding="UTF-16"?>\n'
    '<!DOCTYPE newsItem [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n'
    '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:a:b" version="1" '
    'standard="NewsML-G2" standardversion="2.35"><x>&x;</x></newsItem>'
)


@pytest.mark.parametrize("text", [LAUGHS, XXE], ids=["billion-laughs", "xxe"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-32-le"])
@pytest.mark.parametrize("kind", [None, "newsml-g2"])
def test_bomless_little_endian_doctype_refused_before_parsing(text, encoding, kind):
    report = validate(text.encode(encoding), kind, filename="wide.xml")
    rules = [f.rule for f in report.findings]
    assert rules == ["SEC001"], report.findings
    assert report.findings[0].line == 2


def test_bomless_utf16le_with_leading_whitespace_refused():
    data = (" \n" + XXE.split("\n", 1)[1]).encode("utf-16-le")
    report = validate(data, "newsml-g2", filename="wide.xml")
    assert "SEC001" in [f.rule for f in report.findings], report.findings
    assert not report.valid


@pytest.mark.parametrize("kind", [None, "nitf", "newsml-g2"])
def test_too_deep_xml_is_sec003_as_documented(kind):
    data = b"<nitf>" + b"<a>" * 5000 + b"</a>" * 5000 + b"</nitf>"
    report = validate(data, kind, filename="deep.xml")
    assert [f.rule for f in report.findings] == ["SEC003"], report.findings
    assert "XML_PARSE_HUGE" not in report.findings[0].message  # not the user's option
    assert not report.valid
