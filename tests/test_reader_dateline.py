"""Datelines at the start of the first body paragraph."""

from __future__ import annotations

import pytest

from newsml_tools.reader import read_article
from newsml_tools.reader.dateline import find_dateline

CASES = [
    ("PYONGYANG, June 19 (Reuters) - Putin", "PYONGYANG, June 19 (Reuters)", "PYONGYANG",
     "June 19", "Reuters"),
    ("WASHINGTON (AP) — The", "WASHINGTON (AP)", "WASHINGTON", None, "AP"),
    ("Paris (AFP) - Le", "Paris (AFP)", "Paris", None, "AFP"),
    ("BERLIN, Sept 5 (dpa) - Die", "BERLIN, Sept 5 (dpa)", "BERLIN", "Sept 5", "dpa"),
    ("NAIROBI, Kenya — Kenyan", "NAIROBI, Kenya", "NAIROBI, Kenya", None, None),
    ("June 19 (UPI) -- A", "June 19 (UPI)", None, "June 19", "UPI"),
    ("LONDON, June 19, 2024 (Reuters) - The", "LONDON, June 19, 2024 (Reuters)", "LONDON",
     "June 19, 2024", "Reuters"),
    ("PASADENA, Calif. (AP) — NASA", "PASADENA, Calif. (AP)", "PASADENA, Calif.", None, "AP"),
    ("Madrid, 5 sep (EFE).- El", "Madrid, 5 sep (EFE)", "Madrid", "5 sep", "EFE"),
    ("(Reuters) - Norvane", "(Reuters)", None, None, "Reuters"),
    ("NEW YORK – Stocks", "NEW YORK", "NEW YORK", None, None),
]  # fmt: skip


@pytest.mark.parametrize(("para", "text", "place", "date", "agency"), CASES)
def test_dateline(
    para: str, text: str, place: str | None, date: str | None, agency: str | None
) -> None:
    m = find_dateline(para)
    assert m is not None
    dl = m.dateline
    assert (dl.text, dl.place, dl.date_text, dl.agency) == (text, place, date, agency)


@pytest.mark.parametrize(
    "para",
    [
        "However, the man - who was tired - left.",
        "Paris, the capital - is busy.",
        "Kim, who had - Speaking later",
        "WASHINGTON-based firms said so.",
        "US-China trade grew.",
        "I - we went home.",
    ],
)
def test_not_a_dateline(para: str) -> None:
    assert find_dateline(para) is None


def test_dateline_is_removed_from_the_first_paragraph() -> None:
    text = "Headline\n\nPYONGYANG, June 19 (Reuters) - Putin arrived.\n\nMore."
    art = read_article(text)
    assert art.dateline is not None and art.dateline.text == "PYONGYANG, June 19 (Reuters)"
    assert art.paragraphs == ["Putin arrived.", "More."]
    assert art.creditline == "Reuters"
    span = art.provenance.spans["dateline"]
    assert text[span.start : span.end] == "PYONGYANG, June 19 (Reuters)"


def test_only_the_first_body_paragraph() -> None:
    art = read_article("Headline\n\nFirst para.\n\nLONDON (Reuters) - Not a dateline here.")
    assert art.dateline is None
