"""Bylines: names, agencies, locations; and lines that only look like bylines."""

from __future__ import annotations

import pytest

from newsml_tools.reader import read_article
from newsml_tools.reader.byline import is_byline_line, parse_byline

CASES = [
    ("By Jane Doe", [("Jane Doe", None, None)]),
    ("By Jane Doe and John Roe", [("Jane Doe", None, None), ("John Roe", None, None)]),
    ("By Jane Doe, John Roe and Ann Poe",
     [("Jane Doe", None, None), ("John Roe", None, None), ("Ann Poe", None, None)]),
    ("By JANE DOE, Associated Press", [("Jane Doe", "Associated Press", None)]),
    ("By SEAN O'NEIL-MCDONALD, AP", [("Sean O'Neil-McDonald", "AP", None)]),
    ("By Jane Doe in Kyiv", [("Jane Doe", None, "Kyiv")]),
    ("By Jane Doe | Reuters", [("Jane Doe", "Reuters", None)]),
    ("By DEREK MALONE, AP Basketball Writer", [("Derek Malone", None, None)]),
    ("By Rachel Hale, North of England correspondent", [("Rachel Hale", None, None)]),
    ("By Marie Tremblay, La Presse Canadienne", [("Marie Tremblay", "La Presse Canadienne", None)]),
    ("Von Lena Hoffmann", [("Lena Hoffmann", None, None)]),
    ("Story by Jane Doe", [("Jane Doe", None, None)]),
    ("By Reuters Staff", []),
    ("By Jane Doe, Reuters Staff", [("Jane Doe", "Reuters", None)]),
    ("By JANE DOE AND JOHN ROE", [("Jane Doe", None, None), ("John Roe", None, None)]),
    ("By The Associated Press", []),
    ("Written by Jane Doe and John Roe", [("Jane Doe", None, None), ("John Roe", None, None)]),
    ("Jane Doe | Reuters", [("Jane Doe", "Reuters", None)]),
]  # fmt: skip


@pytest.mark.parametrize(("line", "expected"), CASES)
def test_parse_byline(line: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert is_byline_line(line)
    got = [(b.name, b.affiliation, b.location) for b in parse_byline(line)]
    assert got == expected


@pytest.mark.parametrize(
    "line",
    ["By the end of the day, nobody was left.", "By Tuesday, officials had gone.",
     "By 2030 the plan will be complete.", "Byline", "By and large it worked.",
     "Smith, Jones and others, Reuters reported on Monday.", "Jane | Reuters"],
)  # fmt: skip
def test_not_a_byline(line: str) -> None:
    assert not is_byline_line(line)


def test_byline_with_agency_line_below() -> None:
    art = read_article("Headline\n\nBy Jane Doe\nReuters\n\nBody text here.")
    assert [(b.name, b.affiliation) for b in art.bylines] == [("Jane Doe", "Reuters")]
    assert art.creditline == "Reuters"
    assert art.paragraphs == ["Body text here."]


def test_byline_in_document_and_provenance() -> None:
    text = "Headline\n\nBy JANE DOE and JOHN ROE, Associated Press\n\nWASHINGTON (AP) — Body."
    art = read_article(text)
    assert [b.name for b in art.bylines] == ["Jane Doe", "John Roe"]
    assert art.creditline == "AP"  # the dateline's agency wins
    span = art.provenance.spans["bylines[0]"]
    assert text[span.start : span.end].startswith("By JANE DOE")


def test_byline_with_date_line_below() -> None:
    art = read_article(
        "Headline\n\nBy Jane Doe\nPublished 3:45 PM EDT, Wed June 19, 2024\n\nBody text."
    )
    assert [b.name for b in art.bylines] == ["Jane Doe"]
    assert art.date == "2024-06-19T15:45:00-04:00"
    assert art.headers["date-line"] == "Published 3:45 PM EDT, Wed June 19, 2024"
    assert art.paragraphs == ["Body text."]


def test_by_sentence_stays_in_body() -> None:
    art = read_article("Headline\n\nBy the end of the day, nobody was left.\n\nMore.")
    assert art.bylines == []
    assert art.paragraphs[0] == "By the end of the day, nobody was left."
