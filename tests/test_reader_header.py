"""Header blocks (e-mail style) and YAML front matter."""

from __future__ import annotations

import pytest

from newsml_tools.reader import read_article

BODY = "\n\nFirst paragraph of the story.\n\nSecond paragraph of the story.\n"


def test_email_header_fills_the_model() -> None:
    text = (
        "Headline: Rates held steady\nBYLINE: By JANE DOE, Associated Press\n"
        "Date: 2024-06-19T08:30:00Z\nSource: Reuters\nlanguage: de\nX-Desk: Business" + BODY
    )
    art = read_article(text)
    assert art.headline == "Rates held steady"
    assert [(b.name, b.affiliation) for b in art.bylines] == [("Jane Doe", "Associated Press")]
    assert art.date == "2024-06-19T08:30:00Z"
    assert art.source == "Reuters"
    assert art.creditline == "Reuters"
    assert art.language == "de"
    assert art.headers["x-desk"] == "Business"
    assert art.paragraphs == ["First paragraph of the story.", "Second paragraph of the story."]
    span = art.provenance.spans["headline"]
    assert text[span.start : span.end] == "Rates held steady"


def test_header_before_a_plain_headline_line() -> None:
    art = read_article("Date: 19 June 2024\nSource: AFP\n\nA plain headline" + BODY)
    assert art.headline == "A plain headline"
    assert art.date == "2024-06-19"
    assert art.source == "AFP"


def test_yaml_front_matter() -> None:
    text = (
        '---\ntitle: "Glaciers melt faster"\nauthor: Julia Brandt\n'
        "date: 2024-08-14T10:00:00+02:00\nlanguage: de\ntags:\n  - climate\n  - alps\n"
        "summary: >\n  Two lines of\n  summary text\n---\n" + BODY
    )
    art = read_article(text)
    assert art.headline == "Glaciers melt faster"
    assert [b.name for b in art.bylines] == ["Julia Brandt"]
    assert art.date == "2024-08-14T10:00:00+02:00"
    assert art.language == "de"
    assert art.headers["tags"] == "climate, alps"
    assert art.standfirst == "Two lines of summary text"
    assert art.paragraphs[0] == "First paragraph of the story."


def test_yaml_flow_list_of_authors() -> None:
    art = read_article("---\ntitle: T\nauthor: [Jane Doe, John Roe]\n---\n" + BODY)
    assert [b.name for b in art.bylines] == ["Jane Doe", "John Roe"]


@pytest.mark.parametrize(
    ("key", "field"),
    [("Standfirst", "standfirst"), ("Summary", "standfirst"), ("Description", "standfirst")],
)
def test_standfirst_headers(key: str, field: str) -> None:
    art = read_article(f"Headline: H\n{key}: A short summary" + BODY)
    assert getattr(art, field) == "A short summary"


@pytest.mark.parametrize(
    "first_block",
    [
        "WASHINGTON: The president spoke on Tuesday.",  # a place and a colon is not a header
        "Update: the story was corrected.",  # one unknown key is not a header
        "Photo: Getty Images",  # a credit line
        "Note to editors: see below",
    ],
)
def test_not_a_header(first_block: str) -> None:
    art = read_article(first_block + BODY)
    assert not any(k in art.headers for k in ("washington", "update", "photo", "note to editors"))


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-06-19T08:30:00Z", "2024-06-19T08:30:00Z"),
        ("2024-06-19 08:30 +02:00", "2024-06-19T08:30:00+02:00"),
        ("Wed, 19 Jun 2024 08:30:00 +0000", "2024-06-19T08:30:00Z"),
        ("June 19, 2024 3:45 PM UTC", "2024-06-19T15:45:00Z"),
        ("19 June 2024", "2024-06-19"),
        ("not a date", None),
    ],
)
def test_header_dates(value: str, iso: str | None) -> None:
    assert read_article(f"Headline: H\nDate: {value}" + BODY).date == iso


def test_wikinews_date_line() -> None:
    art = read_article("Headline here\n\nFriday, August 21, 2015\n\nBody text.")
    assert art.date == "2015-08-21"
    assert art.headers["date-line"] == "Friday, August 21, 2015"
    assert art.paragraphs == ["Body text."]
