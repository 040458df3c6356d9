"""The per-file fast paths give exactly the answers of the general code they shortcut."""

from __future__ import annotations

import random

import pytest

from newsml_tools.validation import detect_kind, read_file_limited
from newsml_tools.validation.jsonpos import Positions, depth_exceeds, loads
from newsml_tools.validation.xml import _URI_RE, _ZONE_RE, _has_zone, _is_uri, _version

NAR = b'xmlns="http://iptc.org/std/nar/2006-10-01/"'
DETECT_CASES = [
    b'<?xml version="1.0"?>\n<newsItem ' + NAR + b"/>",
    b"<?xml version='1.0'?><?pi x?>\r\n\t<nar:newsMessage xmlns:nar='x'/>",
    b"<other " + NAR + b"/>",
    b"<other/>",
    b"<nitf/>",
    b'<?xml version="1.0"?><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"/>',
    b"<html><body/></html>",
    b"<HEAD/>",
    b"<div>x</div>",
    b"<?xml version='1.0'?><div/>",
    b"<?XML version='1.0'?><p/>",
    b"<p>",
    b"<!DOCTYPE html><html/>",
    b"<!-- c --><newsItem/>",
    b"<?>x<newsItem/>",
    b"<?xml",
    b"<?xml ?>",
    b"<",
    b"<1abc/>",
    b"<\xe9l\xe9ment/>",
    b"<a\xe9/>",
    b"<x:y:z/>",
    b"<\x00n\x00",
    b"<a>\x00</a>",
    b"  <newsItem/>",
    b'{"uri": "x"}',
    b'{"@context": "https://schema.org"}',
    b'[{"@type": "NewsArticle"}]',
    b"[1, 2]",
    b"{\x00",
    b"{" + b" " * 2000 + b"\x00",
    b"<?xml version='1.0'?>" + b" " * 5000 + b"<newsItem/>",
    b"<?xml version='1.0'?>" + b" " * 4070 + b"<newsItem " + NAR + b"/>",
]


@pytest.mark.parametrize("data", DETECT_CASES)
@pytest.mark.parametrize("filename", [None, "a.xml", "a.nitf", "a.html", "a.jsonld"])
def test_detect_fast_path_matches_general_path(data: bytes, filename: str | None) -> None:
    # a bytearray takes the general path, bytes the fast one
    assert detect_kind(data, filename) == detect_kind(bytearray(data), filename)


def test_detect_fast_path_fuzz() -> None:
    rng = random.Random(7)
    parts = [b"<", b"?", b">", b"!", b" ", b"\n", b"newsItem", b"nitf", b"html", b"div", b"x:",
             b"{", b"[", b"\x00", b"\xe9", NAR, b"<?xml?>", b"-->", b"<!--", b'"@type"']
    for _ in range(3000):
        data = b"".join(rng.choice(parts) for _ in range(rng.randint(1, 12)))
        assert detect_kind(data, "f.xml") == detect_kind(bytearray(data), "f.xml"), data


def test_uri_and_zone_checks_match_their_regexes() -> None:
    rng = random.Random(11)
    alphabet = list("aZ09+.-: \t\n\u00a0\u2003x/T\u00e9\u0663\u0085")
    for _ in range(50000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
        assert _is_uri(s) == bool(_URI_RE.match(s.strip())), repr(s)
        assert _has_zone(s) == bool(_ZONE_RE.search(s)), repr(s)
    for s in ["urn:x", "a:b c", "1a:b", ":b", "a:", "tag:x.com,2020:1", "x+01:00\n", "Z\n"]:
        assert _is_uri(s) == bool(_URI_RE.match(s.strip()))
        assert _has_zone(s) == bool(_ZONE_RE.search(s))


def test_version_cache_is_transparent() -> None:
    for v in ("2.35", " 2.9 ", "2.x", "", "10.1", "2.35"):
        assert _version(v) == _version(v)
    assert _version(" 2.9 ") == (2, 9)
    assert _version("2.x") is None


@pytest.mark.parametrize(
    "text", ['{"a": 1}', '  \n {"a": [1]}', "[1]", "\t\r\n[]", "12", ' "s"', "true", "null"]
)
def test_root_position_without_scan(text: str) -> None:
    fast = Positions(text)
    scanned = Positions(text)
    scanned._offsets = scanned._scan()
    assert fast.line_col("") == scanned.line_col("")
    assert fast.offset("") == scanned.offset("")


def test_first_and_later_line_columns_agree() -> None:
    text = '{\n  "a": {\n    "b": [1, 2]\n  },\n  "c": 3\n}'
    a = Positions(text)
    b = Positions(text)
    for ptr in ("/a/b/1", "/c", "/a", "", "/a/b/0"):
        b.line_col("/c")  # b always answers from its newline table
        assert a.line_col(ptr) == b.line_col(ptr)


def test_depth_prefilter() -> None:
    assert loads("[" * 10 + "]" * 10, 256) is not None
    deep = "[" * 300 + "]" * 300
    assert depth_exceeds(deep, 256)
    with pytest.raises(Exception, match="deeper than 256"):
        loads(deep, 256)
    # brackets inside strings count for the prefilter only, not for the bound
    s = '["' + "[" * 400 + '"]'
    assert loads(s, 256) == (["[" * 400], False)


def test_read_file_limited_regular_file(tmp_path) -> None:
    p = tmp_path / "f.xml"
    p.write_bytes(b"<a/>" * 1000)
    assert read_file_limited(p) == b"<a/>" * 1000
    p.write_bytes(b"")
    assert read_file_limited(p) == b""


# ---------------------------------------------------------------- whitespace-free parsing
_ITEM = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.com:1"
  version="1" standard="NewsML-G2" standardversion="2.35" conformance="power">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
  <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:EXAMPLE"/>
    <versionCreated>2018-11-21T16:25:32-05:00</versionCreated>
    <pubStatus qcode="stat:usable"/></itemMeta>
  <contentMeta>HEADLINE</contentMeta>
</newsItem>
"""


def _ng004(xml: str) -> list[str]:
    from newsml_tools.validation import validate

    return [f.message for f in validate(xml.encode()).findings if f.rule == "NG004"]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("<headline><span>" + "a" * 99 + "</span> <span>" + "b" * 100 + "</span></headline>", []),
        (
            "<headline><span>" + "a" * 99 + "</span>  \n <span>" + "b" * 99 + "</span></headline>",
            ["headline is 202 characters long (more than 200)"],
        ),
        ("<headline> <span> </span> </headline>", ["headline is empty"]),
        ("<headline>" + "x" * 201 + "</headline>",
         ["headline is 201 characters long (more than 200)"]),
    ],
)
def test_headline_length_counts_whitespace_between_children(headline, expected) -> None:
    plain = _ITEM.replace("HEADLINE", headline)
    assert _ng004(plain) == expected
    # the same document with a comment goes through the whitespace-keeping parser
    assert _ng004(plain.replace("</newsItem>", "<!-- c --></newsItem>")) == expected


def test_plain_markup_guard() -> None:
    from newsml_tools.validation.core import _plain_markup

    decl = b'<?xml version="1.0" encoding="UTF-8"?>'
    assert _plain_markup(decl + b"<a> <b/> </a>")
    assert _plain_markup(b"<a/>")
    assert _plain_markup(b"<?xml version='1.0' encoding='iso-8859-1'?><a/>")
    assert not _plain_markup(decl + b"<a><!-- c --></a>")
    assert not _plain_markup(decl + b"<a><![CDATA[ ]]></a>")
    assert not _plain_markup(decl + b"<!DOCTYPE a><a/>")
    assert not _plain_markup(decl + b"<a><?pi x?></a>")
    assert not _plain_markup(b"<?xml version='1.0' encoding='UTF-16'?><a/>")
    assert not _plain_markup(b"<?xml version='1.0' encoding='UTF-7'?><a/>")
    assert not _plain_markup("<a/>".encode("utf-16-le"))
    assert not _plain_markup(b"\xef\xbb\xbf<a/>")


@pytest.mark.parametrize("mark", [b"!", b"?"])
def test_lacks_markup_matches_substring_check(mark: bytes) -> None:
    from newsml_tools.validation.safety import lacks_markup

    rng = random.Random(3)
    parts = [b"<", mark, b"a", b" ", b"<" + mark, mark * 3, b"x" * 20]
    for _ in range(20000):
        data = b"".join(rng.choice(parts) for _ in range(rng.randint(0, 40)))
        for start in (1, 2):
            expected = data.find(b"<" + mark, start - 1) < 0
            assert lacks_markup(data, mark, start) == expected, (data, start)


def test_core_document_gets_core_schema_on_whitespace_keeping_tree() -> None:
    """Power is tried while parsing; a Core document is then validated against Core on a
    tree with its whitespace (the same findings as parsing it for Core from the start)."""
    from newsml_tools.validation import validate

    core = _ITEM.replace("HEADLINE", "<headline>h</headline>").replace(
        'standardversion="2.35" conformance="power"', 'standardversion="2.24" conformance="core"'
    )
    findings = validate(core.encode()).findings
    commented = validate(core.replace("</newsItem>", "<!-- c --></newsItem>").encode()).findings
    assert [(f.rule, f.line, f.message) for f in findings] == [
        (f.rule, f.line, f.message) for f in commented
    ]
