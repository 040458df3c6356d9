"""XF001 (NITF quote speakers vs JSON-LD Quotation creators): the byte-scan fast path
answers exactly what the parser-based check answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsml_tools.validation import check_quotes

DATA = Path(__file__).parent / "data" / "validation" / "positive"
G2 = (DATA / "newsml-g2" / "news-item-nitf.xml").read_bytes()
LD = json.loads((DATA / "jsonld" / "newsarticle.jsonld").read_text("utf-8"))


def _rules(markup: bytes, doc: dict) -> list[tuple[str, int | None]]:
    return [(f.rule, f.line) for f in check_quotes(markup, json.dumps(doc), filename="a.xml")]


def test_agreeing_outputs_have_no_finding() -> None:
    assert _rules(G2, LD) == []


def test_missing_creator_is_found_with_its_line() -> None:
    assert _rules(G2, {**LD, "hasPart": []}) == [("XF001", 27)]


@pytest.mark.parametrize("encoding", ["utf-16", "iso-8859-1"])
def test_documents_in_other_encodings_are_still_checked(encoding: str) -> None:
    text = G2.decode("utf-8").replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
    markup = text.encode(encoding, "xmlcharrefreplace")
    assert _rules(markup, LD) == []
    assert _rules(markup, {**LD, "hasPart": []}) == [("XF001", 27)]


def test_quote_source_outside_a_q_element_is_not_a_speaker() -> None:
    # the byte scan sees this comment; the parser, consulted then, knows it is no quote
    markup = G2.replace(b"<contentSet>", b'<!-- q quote-source="Nobody Known" --><contentSet>')
    assert markup != G2
    assert _rules(markup, LD) == []


def test_entities_in_speaker_names_are_decoded() -> None:
    doc = {**LD, "hasPart": [{"@type": "Quotation", "text": "x",
                              "creator": {"@type": "Person", "name": "Smith & Jones"}}]}
    markup = G2.replace(b'quote-source="Jane Doe"', b'quote-source="Smith &amp; Jones"')
    assert markup != G2
    assert _rules(markup, doc) == []
    assert _rules(markup.replace(b"Jones", b"Sons"), doc) == [("XF001", 27)]


# --- the fast path never answers differently from the parser -------------------------

def _both(markup: bytes, doc: dict, monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    import newsml_tools.validation.crossformat as cf

    def messages(found: list) -> list:
        return [(f.rule, f.line, f.message) for f in found]

    fast = messages(check_quotes(markup, json.dumps(doc)))
    with monkeypatch.context() as m:
        m.setattr(cf, "_all_speakers_known", lambda *_a: False)
        slow = messages(check_quotes(markup, json.dumps(doc)))
    return fast, slow


NOBODY = {"@type": "NewsArticle", "hasPart": []}
EURO = {"hasPart": [{"@type": "Quotation", "creator": {"name": "€uro"}}]}
JOSE = {"hasPart": [{"@type": "Quotation", "creator": {"name": "José"}}]}


@pytest.mark.parametrize(("markup", "doc"), [
    # a stray quote-source=" in text must not hide the real attribute after it
    (b'<nitf><body><p>Xquote-source="</p><p><q quote-source="Nobody">hi</q></p></body></nitf>',
     NOBODY),
    (b'<nitf><p><![CDATA[a=quote-source="]]></p><p><q quote-source="Nobody">x</q></p></nitf>',
     NOBODY),
    (b"<nitf><p class='quote-source=\"'>a</p><p><q quote-source=\"Nobody\">x</q></p></nitf>",
     NOBODY),
    # XML references are not HTML ones (&#128; is U+0080, not the euro sign)
    (b'<nitf><p><q quote-source="&#128;uro">x</q></p></nitf>', EURO),
    # an encoding declaration far from the start still decides how bytes read
    (b'<?xml version="1.0"' + b" " * 200 + b'encoding="ISO-8859-1"?>'
     b'<nitf><p><q quote-source="Jos\xc3\xa9">x</q></p></nitf>', JOSE),
])
def test_reviewed_cases_agree_with_the_parser(markup: bytes, doc: dict,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = _both(markup, doc, monkeypatch)
    assert slow, "each case has a finding"
    assert fast == slow


TEXTS = [b"text ", b'Xquote-source="', b"quote-source='", b' quote-source="a" ', b"&amp;",
         b"&#128;", b"<!-- quote-source=\"Zed\" -->", b"<![CDATA[ quote-source=\"Q\" ]]>", b"\t"]
SPEAKERS = [b"Ann Lee", b"Bo &amp; Co", b"Zed", b"Nobody", b"&#128;uro", b"Ann&#32;Lee",
            b" Ann  Lee ", b"", b"Jos\xc3\xa9"]
CREATORS = [{"hasPart": [{"@type": "Quotation", "creator": {"name": n}}
                         for n in names]}
            for names in ([], ["Ann Lee"], ["Ann Lee", "Bo & Co", "Zed", "José"],
                          ["Nobody", "Q", "€uro"])]


@st.composite
def paragraphs(draw: st.DrawFn) -> bytes:
    out = []
    for _ in range(draw(st.integers(0, 4))):
        out.append(b"<p>")
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(st.integers(0, 2))
            if kind == 0:
                out.append(draw(st.sampled_from(TEXTS)))
            else:
                mark = draw(st.sampled_from([b'"', b"'"]))
                name = b"q" if kind == 1 else b"x"
                attr = b"quote-source" if kind == 1 else b"data-quote-source"
                eq = draw(st.sampled_from([b"=", b" = "]))
                out.append(b"<" + name + b" " + attr + eq + mark +
                           draw(st.sampled_from(SPEAKERS)) + mark + b">words</" + name + b">")
        out.append(b"</p>")
    return b"".join(out)


@settings(max_examples=500, deadline=None)
@given(paragraphs(), st.sampled_from(CREATORS))
def test_fast_path_equals_the_parser_on_generated_markup(body: bytes, doc: dict) -> None:
    import newsml_tools.validation.crossformat as cf

    markup = b"<nitf><body>" + body + b"</body></nitf>"
    fast = [(f.line, f.message) for f in check_quotes(markup, json.dumps(doc))]
    original = cf._all_speakers_known
    cf._all_speakers_known = lambda *_a: False
    try:
        slow = [(f.line, f.message) for f in check_quotes(markup, json.dumps(doc))]
    finally:
        cf._all_speakers_known = original
    assert fast == slow
