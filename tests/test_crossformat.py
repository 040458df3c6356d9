"""XF001 (NITF quote speakers vs JSON-LD Quotation creators): the byte-scan fast path
answers exactly what the parser-based check answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
