"""Photo captions and credits (credit stored without label or parentheses)."""

from __future__ import annotations

import pytest

from newsml_tools.reader import read_article
from newsml_tools.reader.caption import parse_caption

CASES = [
    ("President Joe Biden speaks. (AP Photo/Evan Vucci)", "President Joe Biden speaks.",
     "AP Photo/Evan Vucci"),
    ("Biden in 2020. (AP Photo/Evan Vucci, File)", "Biden in 2020.", "AP Photo/Evan Vucci, File"),
    ("Biden at the White House. REUTERS/Kevin Lamarque", "Biden at the White House.",
     "REUTERS/Kevin Lamarque"),
    ("Putin met Kim.\xa0(Reuters: \xa0Kremlin.ru/Handout)", "Putin met Kim.",
     "Reuters: Kremlin.ru/Handout"),
    ("A crowd. Photo: Getty Images", "A crowd.", "Getty Images"),
    ("Mars. Image: NASA", "Mars.", "NASA"),
    ("The rover. Credit: NASA/JPL-Caltech", "The rover.", "NASA/JPL-Caltech"),
    ("Protesters in Paris. AFP via Getty Images", "Protesters in Paris.", "AFP via Getty Images"),
    ("A koala. Picture: AAP Image/Dan Peled", "A koala.", "AAP Image/Dan Peled"),
    ("The scene. Photograph: Jane Doe/Reuters", "The scene.", "Jane Doe/Reuters"),
    ("Die Kanzlerin. Foto: dpa", "Die Kanzlerin.", "dpa"),
    ("Firefighters at work. Photo by Mark Hollis/UPI", "Firefighters at work.", "Mark Hollis/UPI"),
    ("Caption: Crowds gather in the square", "Crowds gather in the square", None),
    ("Photo caption: Crowds gather", "Crowds gather", None),
    ("[Image: Crowds gather]", "Crowds gather", None),
]  # fmt: skip


@pytest.mark.parametrize(("block", "caption", "credit"), CASES)
def test_parse_caption(block: str, caption: str, credit: str | None) -> None:
    parts = parse_caption(block)
    assert parts is not None
    assert (parts.caption, parts.credit) == (caption, credit)


@pytest.mark.parametrize(
    "block",
    [
        "(Reporting by Jane Doe; Editing by John Roe)",
        "The bill would pass, officials said (AP).",
        "He noted the deal (which was signed in 2019: see below)",
        "The ministry said it would respond (in due course).",
        "word " * 80 + "(AP Photo/Evan Vucci)",  # far too long for a caption
    ],
)
def test_not_a_caption(block: str) -> None:
    assert parse_caption(block) is None


def test_caption_and_credit_on_separate_lines() -> None:
    art = read_article("Headline\n\nA lake in the Alps.\nBild: Markus Huber\n\nBody text.")
    assert [(m.caption, m.credit) for m in art.media] == [("A lake in the Alps.", "Markus Huber")]
    assert art.paragraphs == ["Body text."]


def test_caption_between_paragraphs() -> None:
    text = "Headline\n\nLONDON (Reuters) - First.\n\nA crowd gathers. REUTERS/Jane Roe\n\nSecond."
    art = read_article(text)
    assert [(m.caption, m.credit) for m in art.media] == [("A crowd gathers.", "REUTERS/Jane Roe")]
    assert art.paragraphs == ["First.", "Second."]
    span = art.media[0].credit_span
    assert span is not None and text[span.start : span.end] == "REUTERS/Jane Roe"


def test_credit_only_block() -> None:
    art = read_article("Headline\n\nImage: NASA\n\nWASHINGTON (AP) — Body.")
    assert [(m.caption, m.credit) for m in art.media] == [("", "NASA")]
    assert art.dateline is not None


def test_paragraph_ending_in_parenthesis_stays_body() -> None:
    art = read_article("Headline\n\nThe vote passed 5-4 (AP).\n\nMore text follows (see below).")
    assert art.media == []
    assert len(art.paragraphs) == 2
