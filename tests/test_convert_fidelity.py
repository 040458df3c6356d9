"""What a syndication partner receives from ``newsml convert``: the byline as printed in
the article's language, nothing of a header lost, JSON-LD safe to embed in a page, an
article's outputs written all or nothing. Each test failed before its fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from newsml_tools.cli import main
from newsml_tools.convert import ALL_FORMATS, ConvertOptions, convert_text
from newsml_tools.validation import validate

NAR = "{http://iptc.org/std/nar/2006-10-01/}"
NITF = "{http://iptc.org/std/NITF/2006-10-18/}"
DATE = "2024-05-01T08:00:00+02:00"


def _convert(text: str) -> dict[str, bytes]:
    from newsml_tools.convert import parse_date

    conv = convert_text(text, ConvertOptions(formats=ALL_FORMATS, date=parse_date(DATE)),
                        source_name="t.txt")
    assert conv.ok, [str(f) for f in conv.findings]
    return conv.outputs


def _dropped(text: str, formats: tuple[str, ...] = ALL_FORMATS) -> tuple[list[str], object]:
    """The header keys CV005 names (in order), and the conversion."""
    conv = convert_text(text, ConvertOptions(formats=formats))
    return [f.message.split("'")[1] for f in conv.findings if f.rule == "CV005"], conv


def _byline_text(outputs: dict[str, bytes]) -> tuple[str, str, str]:
    g2 = etree.fromstring(outputs["newsml-g2"])
    by = g2.findtext(f"{NAR}contentMeta/{NAR}by")
    nitf_by = "".join(g2.find(f".//{NITF}byline").itertext())
    return by, nitf_by, json.loads(outputs["ninjs"])["by"]


@pytest.mark.parametrize(("printed", "persons", "places"), [
    # German: not "By … and …"
    ("Von Anna Schmidt und Peter Braun", ["Anna Schmidt", "Peter Braun"], []),
    ("By Megan Kowalski, Staff Writer", ["Megan Kowalski"], []),  # the title was dropped
    ("By Jane Doe in Kyiv", ["Jane Doe"], ["Kyiv"]),  # NITF ran "Jane DoeKyiv" together
])
def test_the_byline_travels_as_printed(printed: str, persons: list[str],
                                       places: list[str]) -> None:
    out = _convert(f"Council backs bike lanes\n\n{printed}\n\nThe council voted on Tuesday.\n")
    assert _byline_text(out) == (printed, printed, printed)
    g2 = etree.fromstring(out["newsml-g2"])
    nitf = g2.find(f".//{NITF}byline")
    assert [p.text for p in nitf.iter(f"{NITF}person")] == persons
    assert [p.text for p in nitf.iter(f"{NITF}location")] == places
    assert [c.findtext(f"{NAR}name") for c in g2.iter(f"{NAR}creator")] == persons


def test_an_agency_byline_is_the_json_ld_author() -> None:
    out = _convert("Storm hits coast\n\nBy The Associated Press\n\nThe storm hit on Monday.\n")
    assert json.loads(out["jsonld"])["author"] == [
        {"@type": "Organization", "name": "The Associated Press"}]


def test_json_ld_can_be_embedded_in_a_page_verbatim(tmp_path: Path) -> None:
    evil = "</script><script>alert(document.cookie)</script> and <!-- a comment"
    out = _convert(f"Headline\n\nThe page pasted the string {evil} into the form.\n")
    assert b"<" not in out["jsonld"]
    assert evil in json.loads(out["jsonld"])["articleBody"]
    page = (b'<html><head><script type="application/ld+json">\n' + out["jsonld"]
            + b"</script></head><body></body></html>")
    assert validate(page, "html").valid


def test_an_article_is_written_all_or_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("story.txt").write_text("Headline\n\nBody text of the story.\n", encoding="utf-8")
    Path("out/story.jsonld").mkdir(parents=True)  # the second output cannot be written
    res = CliRunner().invoke(main, ["convert", "story.txt", "-o", "out", "--date", DATE])
    assert res.exit_code == 2
    assert "out/story.jsonld" in res.output and ".newsml-tmp" not in res.output
    assert sorted(p.name for p in Path("out").iterdir()) == ["story.jsonld"]  # nothing else


HEADERS = """Headline: Council approves new bike lanes downtown
Byline: Maria Lopez
Date: 2024-06-19T08:30:00Z
Updated: 2024-06-20T10:00:00Z
Slug: COUNCIL-BIKES
GUID: urn:newsml:gazette.example.com:20240619:council-bikes
URL: https://gazette.example.com/2024/06/19/council-bikes
Copyright: © 2024 Springfield Gazette. All rights reserved.
Keywords: transport, cycling; city council
Section: Local

The city council voted 7-2 on Tuesday to approve a network of protected bike lanes.
"""


def test_header_metadata_reaches_every_format_that_has_a_field_for_it() -> None:
    conv = convert_text(HEADERS, ConvertOptions(formats=ALL_FORMATS), source_name="h.txt")
    assert conv.ok and not [f for f in conv.findings if f.rule == "CV005"]
    out = conv.outputs
    guid = "urn:newsml:gazette.example.com:20240619:council-bikes"
    notice = "© 2024 Springfield Gazette. All rights reserved."
    g2 = etree.fromstring(out["newsml-g2"])
    assert g2.get("guid") == guid
    assert g2.findtext(f"{NAR}rightsInfo/{NAR}copyrightNotice") == notice
    assert g2.findtext(f"{NAR}itemMeta/{NAR}versionCreated") == "2024-06-20T10:00:00Z"
    assert g2.findtext(f"{NAR}itemMeta/{NAR}firstCreated") == "2024-06-19T08:30:00Z"
    assert g2.find(f"{NAR}itemMeta/{NAR}link").get("href").endswith("/council-bikes")
    assert [k.text for k in g2.iter(f"{NAR}keyword")] == ["transport", "cycling", "city council"]
    assert g2.findtext(f"{NAR}contentMeta/{NAR}slugline") == "COUNCIL-BIKES"
    ld = json.loads(out["jsonld"])
    assert (ld["identifier"], ld["copyrightNotice"], ld["dateModified"], ld["articleSection"]) == (
        guid, notice, "2024-06-20T10:00:00Z", "Local")
    assert ld["url"] == ld["mainEntityOfPage"] and ld["keywords"][2] == "city council"
    nj = json.loads(out["ninjs"])
    assert (nj["uri"], nj["copyrightNotice"], nj["slugline"], nj["versionCreated"]) == (
        guid, notice, "COUNCIL-BIKES", "2024-06-20T10:00:00Z")
    nitf = etree.fromstring(out["nitf"])
    assert nitf.find(f".//{NITF}du-key").get("key") == "COUNCIL-BIKES"
    assert notice in [c.get("holder") for c in nitf.iter(f"{NITF}doc.copyright")]


def test_a_header_no_chosen_format_can_carry_is_reported() -> None:
    text = "Title: A headline\nGenre: Feature\nGUID: 12345\nSection: Local\n\nBody text here.\n"
    conv = convert_text(text, ConvertOptions(formats=("newsml-g2",)), source_name="g.txt")
    dropped = sorted(f.message.split("'")[1] for f in conv.findings if f.rule == "CV005")
    assert dropped == ["genre", "guid", "section"]  # 12345 is no URI; no G2 field for the rest
    assert conv.ok  # a warning: the outputs are still written


def test_derived_guids_differ_for_items_that_differ_in_date_or_any_printed_text() -> None:
    from newsml_tools.convert import parse_date

    def guid(text: str, date: str) -> str:
        conv = convert_text(text, ConvertOptions(formats=("ninjs",), date=parse_date(date)))
        return json.loads(conv.outputs["ninjs"])["uri"]

    notice = "Offices closed\n\nBy Jane Doe\n\nOur offices are closed on Monday.\n"
    base = guid(notice, "2024-05-27T09:00:00Z")
    assert base == guid(notice.replace("\n", "\r\n"), "2024-05-27T09:00:00Z")  # stable
    assert base.startswith("urn:newsml:newsml-tools:20240527:")
    assert base != guid(notice, "2024-09-02T09:00:00Z")  # the same notice in September
    assert base != guid(notice.replace("Jane Doe", "John Roe"), "2024-05-27T09:00:00Z")


@pytest.mark.parametrize(("provider", "g2_attr", "publisher", "source"), [
    ("nprov:AFP", ("qcode", "nprov:AFP"),
     {"@type": "Organization", "name": "AFP", "identifier": "nprov:AFP"},
     {"name": "AFP", "literal": "nprov:AFP", "role": "provider"}),
    ("https://afp.com", ("uri", "https://afp.com"),  # was written as a QCode "https:…"
     {"@type": "Organization", "name": "afp.com", "url": "https://afp.com"},
     {"name": "afp.com", "uri": "https://afp.com", "role": "provider"}),
    ("Acme News", ("literal", "Acme News"), {"@type": "Organization", "name": "Acme News"},
     {"name": "Acme News", "role": "provider"}),
])
def test_the_provider_is_named_as_each_format_names_a_party(provider, g2_attr, publisher,
                                                            source) -> None:
    from newsml_tools.convert import parse_date

    conv = convert_text("Headline\n\nBody text.\n", ConvertOptions(
        formats=ALL_FORMATS, provider=provider, date=parse_date(DATE)))
    assert conv.ok, [str(f) for f in conv.findings]
    g2 = etree.fromstring(conv.outputs["newsml-g2"])
    assert dict(g2.find(f"{NAR}itemMeta/{NAR}provider").attrib) == dict([g2_attr])
    assert json.loads(conv.outputs["jsonld"])["publisher"] == publisher
    assert json.loads(conv.outputs["ninjs"])["infoSources"] == [source]


def test_an_unknown_provider_is_not_published_as_the_tool() -> None:
    out = _convert("Headline\n\nBody text.\n")
    assert "publisher" not in json.loads(out["jsonld"])
    assert "infoSources" not in json.loads(out["ninjs"])


def test_a_provider_qcode_with_an_undeclared_scheme_is_refused(tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text("Headline\n\nBody.\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["convert", str(story), "--provider", "foo:bar",
                                    "-o", str(tmp_path)])
    assert res.exit_code == 2 and "not one the IPTC catalog declares" in res.output


def test_a_credit_only_photo_line_writes_no_empty_caption() -> None:
    out = _convert("Storm hits coast\n\n(AP Photo/Evan Vucci)\n\nA storm battered the coast.\n")
    nitf = etree.fromstring(out["nitf"])
    assert nitf.find(f".//{NITF}media-caption") is None
    assert nitf.findtext(f".//{NITF}media-producer") == "AP Photo/Evan Vucci"
    assert json.loads(out["jsonld"])["image"] == [
        {"@type": "ImageObject", "creditText": "AP Photo/Evan Vucci"}]
    assert "descriptions" not in json.loads(out["ninjs"])["associations"][0]


def test_ld003_asks_for_an_image_a_crawler_can_fetch() -> None:
    doc = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "H",
           "datePublished": "2024-01-01T00:00:00Z",
           "image": [{"@type": "ImageObject", "caption": "A caption, no picture"}]}
    assert any(f.rule == "LD003" for f in validate(json.dumps(doc), "jsonld").findings)
    doc["image"][0]["url"] = "https://example.com/a.jpg"
    assert not any(f.rule == "LD003" for f in validate(json.dumps(doc), "jsonld").findings)


@pytest.mark.parametrize(("data", "where"), [
    ("Storm hits coast\n\nA storm.\n".encode("utf-16-le"), "1:2: a NUL byte: not UTF-8 text "
                                                           "(UTF-16?)"),
    (b"Headline\n\nBody \x00 text\n", "3:6: a NUL byte: not UTF-8 text;"),
])
def test_text_with_nul_bytes_is_refused_naming_where(tmp_path: Path, data: bytes,
                                                     where: str) -> None:
    story = tmp_path / "s.txt"
    story.write_bytes(data)
    res = CliRunner().invoke(main, ["convert", str(story), "-o", str(tmp_path / "out")])
    assert res.exit_code == 2 and f"s.txt:{where}" in res.output
    assert not (tmp_path / "out").exists()


def test_ninjs_and_json_ld_bodies_keep_the_dateline_and_the_footer() -> None:
    text = ("Rates held\n\nFRANKFURT, June 19 (Reuters) - The bank left rates unchanged.\n\n"
            "(Reporting by Olena Harmash and the Moscow newsroom; Editing by Ann Poe)\n")
    out = _convert(text)
    bodies = {b["contentType"]: b["value"] for b in json.loads(out["ninjs"])["bodies"]}
    assert bodies["text/plain"].startswith("FRANKFURT, June 19 (Reuters)\n\nThe bank left")
    assert bodies["text/plain"].endswith("the Moscow newsroom; Editing by Ann Poe)")
    assert '<p class="dateline">FRANKFURT, June 19 (Reuters)</p>' in bodies["text/html"]
    assert "the Moscow newsroom" in bodies["text/html"]
    assert "the Moscow newsroom" in json.loads(out["jsonld"])["articleBody"]


@pytest.mark.parametrize(("header", "published"), [
    ("19.06.2024 08:30", "2024-06-19T08:30:00Z"),  # was 1970-01-01 with a CV001 warning
    ("1.2.2024 9.15 MEZ", "2024-02-01T09:15:00+01:00"),
])
def test_day_month_year_dates_with_dots_are_read(header: str, published: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    conv = convert_text(f"Title: Rat tagt\nDate: {header}\n\nDer Rat tagte.\n",
                        ConvertOptions(formats=("jsonld",)))
    assert not [f for f in conv.findings if f.rule == "CV001"]
    assert json.loads(conv.outputs["jsonld"])["datePublished"] == published


def test_every_byline_header_and_line_is_carried() -> None:
    out = _convert("Headline: Council approves budget\nAuthor: Jane Doe\n\nBy John Smith\n\n"
                   "The council voted on Tuesday to approve the budget.\n")
    g2 = etree.fromstring(out["newsml-g2"])
    assert [b.text for b in g2.iter(f"{NAR}by")] == ["Jane Doe", "By John Smith"]
    assert [["".join(b.itertext())] for b in g2.iter(f"{NITF}byline")] == [
        ["Jane Doe"], ["By John Smith"]]
    assert json.loads(out["ninjs"])["by"] == "Jane Doe; By John Smith"
    assert [a["name"] for a in json.loads(out["jsonld"])["author"]] == ["Jane Doe", "John Smith"]


def test_an_updated_time_before_the_publication_is_not_the_version_time() -> None:
    text = ("Title: T\nDate: 2024-06-19T08:30:00Z\nUpdated: 2024-06-18T10:00:00Z\n\n"
            "Body text here.\n")
    conv = convert_text(text, ConvertOptions(formats=("newsml-g2", "jsonld")))
    g2 = etree.fromstring(conv.outputs["newsml-g2"])
    assert g2.findtext(f"{NAR}itemMeta/{NAR}versionCreated") == "2024-06-19T08:30:00Z"
    assert "dateModified" not in json.loads(conv.outputs["jsonld"])
    assert [f.message.split("'")[1] for f in conv.findings if f.rule == "CV005"] == ["updated"]


def test_control_characters_in_header_metadata_are_replaced_in_every_format() -> None:
    text = "Title: T\nSlug: bud\x1bget\nCopyright: (c) Acme\x01 News\n\nBody text here.\n"
    conv = convert_text(text, ConvertOptions(formats=ALL_FORMATS))
    assert any(f.rule == "CV002" for f in conv.findings) and conv.ok
    for fmt in ("ninjs", "jsonld"):
        doc = json.loads(conv.outputs[fmt])
        assert "\x1b" not in json.dumps(doc, ensure_ascii=False)
        assert "\x01" not in json.dumps(doc, ensure_ascii=False)
    assert json.loads(conv.outputs["ninjs"])["slugline"] == "bud\ufffdget"


def test_a_source_header_shaped_like_a_qcode_of_no_known_scheme_is_a_name() -> None:
    conv = convert_text("Title: T\nSource: Reuters:London\n\nBody text here.\n",
                        ConvertOptions(formats=("newsml-g2", "jsonld")))
    g2 = etree.fromstring(conv.outputs["newsml-g2"])
    assert g2.find(f"{NAR}itemMeta/{NAR}provider").get("literal") == "Reuters:London"
    assert json.loads(conv.outputs["jsonld"])["publisher"]["name"] == "Reuters:London"


def test_a_mailto_provider_is_a_uri(tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text("Headline\n\nBody.\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["convert", str(story), "--provider", "mailto:desk@afp.com",
                                    "--date", DATE, "-o", str(tmp_path / "o"), "--to",
                                    "newsml-g2"])
    assert res.exit_code == 0, res.output
    assert b'uri="mailto:desk@afp.com"' in (tmp_path / "o" / "s.newsml.xml").read_bytes()


@pytest.mark.parametrize(("text", "bylines", "authors"), [
    # a header and the body's "By" line naming the same person: one author
    ("Title: T\nAuthor: Jane Doe\n\nBy Jane Doe and John Roe\n\nBody text here.\n",
     ["Jane Doe", "By Jane Doe and John Roe"], ["Jane Doe", "John Roe"]),
    ("Title: T\nByline: By Jane Doe\n\nBy Jane Doe\n\nBody text here.\n",
     ["By Jane Doe"], ["Jane Doe"]),
])
def test_a_person_named_twice_is_one_author(text: str, bylines: list[str],
                                            authors: list[str]) -> None:
    out = _convert(text)
    g2 = etree.fromstring(out["newsml-g2"])
    assert [b.text for b in g2.iter(f"{NAR}by")] == bylines
    assert [a["name"] for a in json.loads(out["jsonld"])["author"]] == authors
    assert [c.findtext(f"{NAR}name") for c in g2.iter(f"{NAR}creator")] == authors
    # every name is marked wherever a byline prints it, in any order
    for by in g2.iter(f"{NITF}byline"):
        text_names = [p.text for p in by.iter(f"{NITF}person")]
        assert text_names == [n for n in ("Jane Doe", "John Roe")
                              if n in "".join(by.itertext())]


SECOND_VALUES = (  # an article field's second value, and the same value written twice
    "Headline: Council approves budget\nTitle: Budget passes 7-2 | Gazette\n"
    "Summary: The council voted.\nDescription: A longer one.\nSource: Reuters\n"
    "Agency: AFP\nDate: 2024-06-19T08:30:00Z\nPublished: 2024-06-18T08:30:00Z\n"
    "Modified: 2024-06-19T08:30:00Z\nLanguage: en\nLang: EN\nCreditline: AFP\n"
    "Credit line: afp\nURL: https://a.example/one\nLink: https://b.example/two\n"
    "Keywords: a, b\nTags: c\n\nThe council voted on Tuesday.\n")


def test_second_values_are_reported_and_equal_ones_are_not() -> None:
    dropped, conv = _dropped(SECOND_VALUES)
    # the same instant, the same words in another case, an Updated: equal to the date:
    # nothing is lost, nothing is said
    assert sorted(dropped) == ["agency", "description", "link", "published", "title"]
    assert json.loads(conv.outputs["jsonld"])["keywords"] == ["a", "b", "c"]


@pytest.mark.parametrize(("byline", "persons", "places"), [
    ("By Jane Paris in Paris", ["Jane Paris"], ["Paris"]),  # a place inside a name
    ("By Ann Leeds and Ann Lee", ["Ann Leeds", "Ann Lee"], []),  # a name inside a name
])
def test_nitf_marks_names_and_places_that_overlap(byline: str, persons: list[str],
                                                  places: list[str]) -> None:
    out = _convert(f"Headline\n\n{byline}\n\nBody text here.\n")
    by = etree.fromstring(out["nitf"]).find(f".//{NITF}byline")
    assert "".join(by.itertext()) == byline
    assert [p.text for p in by.iter(f"{NITF}person")] == persons
    assert [p.text for p in by.iter(f"{NITF}location")] == places


@pytest.mark.parametrize(("header", "body", "printed", "location"), [
    ("Byline: By JANE DOE", "By Jane Doe", ["By JANE DOE"], None),  # one byline, any case
    ("Byline: Jane Doe", "By Jane Doe in Paris", ["Jane Doe", "By Jane Doe in Paris"],
     "Paris"),  # the body's place is kept
])
def test_one_author_printed_twice(header: str, body: str, printed: list[str],
                                  location: str | None) -> None:
    from newsml_tools.reader import read_article

    text = f"Title: T\n{header}\n\n{body}\n\nBody text here.\n"
    out = _convert(text)
    g2 = etree.fromstring(out["newsml-g2"])
    assert [b.text for b in g2.iter(f"{NAR}by")] == printed
    art = read_article(text)
    assert [(b.name, b.location) for b in art.bylines] == [("Jane Doe", location)]


@pytest.mark.parametrize("text", [
    "Title: T\nDate: 2024-05-01T10:00:00\nUpdated: 2024-05-01T10:00:00\n\nBody text.\n",
    "Title: T\nDate: 2024-05-01T10:00:00\nPublished: 2024-05-01T10:00:00Z\n\nBody text.\n",
])
def test_a_time_without_zone_is_utc_when_compared(text: str) -> None:
    assert _dropped(text)[0] == []


def test_urls_and_guids_are_compared_as_written() -> None:
    dropped, _conv = _dropped("Title: T\nURL: https://example.com/News/A\n"
                              "Link: https://example.com/news/a\nGUID: abc\nID: urn:x:1\n\n"
                              "Body text.\n")
    assert dropped == ["link", "guid"]


def test_names_and_places_are_marked_as_whole_words_and_a_header_keeps_its_semicolon() -> None:
    out = _convert("Title: T\nByline: Jane Doe in Paris\nAuthor: John Roe, Parisian desk\n\n"
                   "Body text here.\n")
    g2 = etree.fromstring(out["newsml-g2"])
    bylines = list(g2.iter(f"{NITF}byline"))
    assert [p.text for p in bylines[1].iter(f"{NITF}location")] == []  # not "Paris"ian
    out = _convert("Title: T\nByline: Jane Doe; with reporting from Paris\n\nBody text.\n")
    g2 = etree.fromstring(out["newsml-g2"])
    assert [b.text for b in g2.iter(f"{NAR}by")] == ["Jane Doe; with reporting from Paris"]


def test_a_bare_date_and_its_midnight_and_01_and_1_are_the_same_values() -> None:
    assert _dropped("Title: T\nDate: 2024-05-01\nPublished: 2024-05-01T00:00:00Z\n"
                    "Urgency: 1\nPriority: 01\n\nBody text.\n")[0] == []
