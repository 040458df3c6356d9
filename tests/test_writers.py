"""Writers on hand-built Articles: structure, quoting, escaping, identity."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from newsml_tools.model import Article, Byline, Contributor, Dateline, MediaItem, Quote
from newsml_tools.writers import render
from newsml_tools.writers.newsml_g2 import role_code
from newsml_tools.writers.options import RenderOptions, derive_guid, iso
from newsml_tools.writers.quoting import segments

NAR = "{http://iptc.org/std/nar/2006-10-01/}"
NITF = "{http://iptc.org/std/NITF/2006-10-18/}"
WHEN = datetime(2024, 6, 19, 8, 30, tzinfo=timezone.utc)


def _article(**changes: object) -> Article:
    base = Article(
        headline="Ministers meet in Kyiv",
        standfirst="A short summary of the talks.",
        bylines=[Byline("Jane Doe", affiliation="Associated Press", location="Kyiv")],
        contributors=[Contributor("Ann Poe", "editing"),
                      Contributor("Yuri Roe", "additional reporting")],
        dateline=Dateline("KYIV, June 19 (AP)", place="Kyiv", date_text="June 19", agency="AP"),
        media=[MediaItem("Ministers arrive.", "AP Photo/Evan Vucci"), MediaItem("A map.")],
        paragraphs=[
            "“We will talk,” the minister said. “Then we act.”",
            "Critics called it “theatre” & more <noise>.",
        ],
        quotes=[
            Quote("We will talk,", 0, 1, 14, speaker="Oleh Ivanenko", speaker_kind="Person"),
            Quote("Then we act.", 0, 36, 48, speaker="Oleh Ivanenko", speaker_kind="Person"),
            Quote("theatre", 1, 19, 26, partial=True),
        ],
        language="en",
        creditline="AP",
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def _options(article: Article, **changes: object) -> RenderOptions:
    values: dict[str, object] = {"guid": derive_guid("acme", article), "date": WHEN,
                                 "provider": "acme", "language": "en"}
    values.update(changes)
    return RenderOptions(**values)  # type: ignore[arg-type]


def test_quote_offsets_in_fixture_are_consistent() -> None:
    article = _article()
    for q in article.quotes:
        assert article.paragraphs[q.paragraph][q.start : q.end] == q.text


def test_newsml_item_header_and_metadata() -> None:
    article = _article()
    root = etree.fromstring(render(article, "newsml-g2", _options(article)))
    assert root.tag == NAR + "newsItem"
    assert root.get("standard") == "NewsML-G2"
    assert root.get("standardversion") == "2.35"
    assert root.get("conformance") == "power"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.get("guid").startswith("urn:newsml:acme:")
    meta = root.find(NAR + "itemMeta")
    assert meta.find(NAR + "itemClass").get("qcode") == "ninat:text"
    assert meta.find(NAR + "provider").get("literal") == "acme"
    assert meta.findtext(NAR + "versionCreated") == "2024-06-19T08:30:00Z"
    assert meta.find(NAR + "pubStatus").get("qcode") == "stat:usable"
    content = root.find(NAR + "contentMeta")
    assert content.findtext(NAR + "headline") == "Ministers meet in Kyiv"
    assert content.findtext(NAR + "dateline") == "KYIV, June 19 (AP)"
    assert [b.text for b in content.findall(NAR + "by")] == ["Jane Doe"]
    assert content.findtext(NAR + "creditline") == "AP"
    summary = content.find(NAR + "description")
    assert (summary.get("role"), summary.text) == ("drol:summary", "A short summary of the talks.")
    assert content.find(NAR + "located").findtext(NAR + "name") == "Kyiv"
    contributors = content.findall(NAR + "contributor")
    roles = [(c.get("role"), c.findtext(NAR + "name")) for c in contributors]
    assert roles == [("nmlrole:editing", "Ann Poe"), ("nmlrole:additionalReporting", "Yuri Roe")]
    # the contributor-role scheme is declared inline, the IPTC ones by the catalog
    assert root.find(NAR + "catalog/" + NAR + "scheme").get("alias") == "nmlrole"
    assert root.find(NAR + "catalogRef").get("href").startswith("http://www.iptc.org/std/catalog/")


def test_nitf_body_keeps_paragraph_text_and_wraps_quotes() -> None:
    article = _article()
    root = etree.fromstring(render(article, "newsml-g2", _options(article)))
    paragraphs = root.findall(f".//{NITF}body.content/{NITF}p")
    assert ["".join(p.itertext()) for p in paragraphs] == article.paragraphs
    quotes = [(q.text, q.get("quote-source")) for q in root.iter(NITF + "q")]
    assert quotes == [("We will talk,", "Oleh Ivanenko"), ("Then we act.", "Oleh Ivanenko"),
                      ("theatre", None)]
    media = root.findall(f".//{NITF}media")
    assert [m.findtext(NITF + "media-caption") for m in media] == ["Ministers arrive.", "A map."]
    assert [m.findtext(NITF + "media-producer") for m in media] == ["AP Photo/Evan Vucci", None]
    assert root.findtext(f".//{NITF}hl1") == "Ministers meet in Kyiv"
    assert "Editing by Ann Poe" in root.findtext(f".//{NITF}tagline")


def test_overlapping_quote_spans_never_corrupt_text() -> None:
    article = _article(quotes=[Quote("We will", 0, 1, 8), Quote("will talk", 0, 4, 13)])
    root = etree.fromstring(render(article, "newsml-g2", _options(article)))
    first = root.find(f".//{NITF}body.content/{NITF}p")
    assert "".join(first.itertext()) == article.paragraphs[0]
    assert len(first.findall(NITF + "q")) == 1


def test_xml_illegal_characters_are_replaced_not_fatal() -> None:
    article = _article(paragraphs=["bell\x07 and nul\x00 here"], quotes=[])
    root = etree.fromstring(render(article, "newsml-g2", _options(article)))
    assert root.findtext(f".//{NITF}body.content/{NITF}p") == "bell\ufffd and nul\ufffd here"


def test_jsonld_mapping() -> None:
    article = _article()
    doc = json.loads(render(article, "jsonld", _options(article)))
    assert doc["@context"] == "https://schema.org"
    assert doc["@type"] == "NewsArticle"
    assert doc["headline"] == "Ministers meet in Kyiv"
    assert doc["description"] == "A short summary of the talks."
    assert doc["author"] == [{"@type": "Person", "name": "Jane Doe", "affiliation":
                              {"@type": "Organization", "name": "Associated Press"}}]
    assert doc["dateline"] == "KYIV, June 19 (AP)"
    assert doc["datePublished"] == "2024-06-19T08:30:00Z"
    assert doc["inLanguage"] == "en"
    assert doc["image"] == [
        {"@type": "ImageObject", "caption": "Ministers arrive.",
         "creditText": "AP Photo/Evan Vucci"},
        {"@type": "ImageObject", "caption": "A map."},
    ]
    assert doc["articleBody"] == "\n\n".join(article.paragraphs)
    assert doc["identifier"].startswith("urn:newsml:acme:")
    assert doc["hasPart"] == [
        {"@type": "Quotation", "text": "We will talk,",
         "creator": {"@type": "Person", "name": "Oleh Ivanenko"}},
        {"@type": "Quotation", "text": "Then we act.",
         "creator": {"@type": "Person", "name": "Oleh Ivanenko"}},
        {"@type": "Quotation", "text": "theatre"},
    ]
    assert doc["contributor"][0] == {"@type": "Role", "roleName": "editing",
                                     "contributor": {"@type": "Person", "name": "Ann Poe"}}


def test_guid_is_stable_and_depends_on_provider_and_content() -> None:
    article = _article()
    assert derive_guid("acme", article) == derive_guid("acme", _article())
    assert derive_guid("acme", article) != derive_guid("other", article)
    assert derive_guid("acme", article) != derive_guid("acme", _article(headline="Changed"))
    # whitespace-only differences are the same story
    spaced = _article(paragraphs=[p.replace(" ", "  ") for p in article.paragraphs])
    assert derive_guid("acme", article) == derive_guid("acme", spaced)


@pytest.mark.parametrize(
    ("role", "code"),
    [("editing", "nmlrole:editing"), ("additional reporting", "nmlrole:additionalReporting"),
     ("Writing", "nmlrole:writing"), ("", "nmlrole:contributor")],
)
def test_role_codes_are_qcodes(role: str, code: str) -> None:
    assert role_code(role) == code


def test_iso_writes_utc_as_z_and_keeps_offsets() -> None:
    assert iso(WHEN) == "2024-06-19T08:30:00Z"
    assert iso(datetime.fromisoformat("2024-06-19T17:30:00+09:00")) == "2024-06-19T17:30:00+09:00"


def test_qcode_provider_is_written_as_qcode() -> None:
    article = _article()
    root = etree.fromstring(render(article, "newsml-g2", _options(article, provider="nprov:AFP")))
    assert root.find(f"{NAR}itemMeta/{NAR}provider").get("qcode") == "nprov:AFP"


def test_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(_article(), "docx", _options(_article()))


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-2, 70), st.integers(-2, 70)),
                                      max_size=6))
def test_segments_always_join_back_to_the_paragraph(text: str,
                                                    spans: list[tuple[int, int]]) -> None:
    quotes = [Quote(text[a:b], 0, a, b) for a, b in spans]
    pieces = list(segments(text, quotes))
    assert "".join(piece for piece, _ in pieces) == text
    assert all(q is None or piece == text[q.start : q.end] for piece, q in pieces)
