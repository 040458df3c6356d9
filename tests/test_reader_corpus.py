"""Every Wikinews article in the shared corpus reads, with spot checks of real copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import STANDARDS
from newsml_tools.model import Article
from newsml_tools.reader import read_article

CORPUS = STANDARDS.parent / "corpora" / "wikinews-gum"  # shared/ beside the checkout
FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
pytestmark = pytest.mark.skipif(not FILES, reason="shared Wikinews corpus not available")


def read(name: str) -> Article:
    return read_article((CORPUS / name).read_text(encoding="utf-8"), source_name=name)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_reads_every_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    art = read_article(text, source_name=path.name)
    first_line = text.split("\n", 1)[0].strip()
    assert art.headline == " ".join(first_line.split())
    assert art.language == "en"
    assert art.paragraphs
    for q in art.quotes:
        assert art.paragraphs[q.paragraph][q.start : q.end] == q.text
    date_line = art.headers.get("date-line")
    if date_line:  # the Wikinews date line is kept out of the body, and parsed
        assert date_line not in art.paragraphs
        assert art.date and len(art.date) == 10


def test_korea_kcna() -> None:
    art = read("news_korea.txt")
    assert art.date == "2015-08-21"
    assert art.headers["date-line"] == "Friday, August 21, 2015"
    speakers = [
        q.speaker
        for q in art.quotes
        if q.text.startswith(("War maniacs", "Foolhardy", "Kim Jong-un issued"))
    ]
    # "Korean Central News Agency (KCNA)": the acronym resolves to the fullest name
    assert speakers == ["Korean Central News Agency"] * 3
    assert all(q.speaker_kind == "Organization" for q in art.quotes if q.speaker)


def test_iodine_professor_eastman() -> None:
    art = read("news_iodine.txt")
    eastman = [q for q in art.quotes if q.speaker and q.speaker.endswith("Eastman")]
    assert len(eastman) >= 3


def test_crane_split_quote() -> None:
    art = read("news_crane.txt")
    got = {q.text[:20]: q.speaker for q in art.quotes}
    assert got["Had it happened an h"] == "Khaled Al-Maeena"
    assert got["Had it happened five"] == "Khaled Al-Maeena"


def test_interviews_have_no_invented_quotes() -> None:
    art = read("interview_daly.txt")
    assert len(art.quotes) <= 3
