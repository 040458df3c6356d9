"""The project's example article must be read exactly right."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsml_tools.model import Article
from newsml_tools.reader import read_article

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "putin-north-korea.txt"


@pytest.fixture(scope="module")
def article() -> Article:
    return read_article(EXAMPLE.read_text(encoding="utf-8"), source_name=EXAMPLE.name)


def test_headline(article: Article) -> None:
    assert article.headline == "Putin’s Visit to North Korea Marks a New Era in Bilateral Relations"


def test_media(article: Article) -> None:
    assert len(article.media) == 1
    item = article.media[0]
    assert item.caption == (
        "Russia’s President Vladimir Putin embraced North Korea’s leader Kim Jong Un on arrival."
    )
    assert item.credit == "Reuters: Kremlin.ru/Handout"


def test_no_standfirst_byline_dateline(article: Article) -> None:
    assert article.standfirst is None
    assert article.bylines == []
    assert article.dateline is None
    assert article.language == "en"


def test_body_paragraphs_are_intact(article: Article) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    assert article.paragraphs == blocks[2:]  # headline and caption are not body


EXPECTED = [
    ("Relations between our countries are entering a new era of blossoming, which cannot be "
     "compared even with the period of Korean-Soviet relations of the last century,",
     "Kim Jong Un", "Person", False),
    ("strengthen", "Kim Jong Un", "Person", True),
    ("We very much appreciate your systematic and permanent support of Russian policy, "
     "including on the Ukrainian issue,", "Vladimir Putin", "Person", False),
    ("based on the principles of equality and mutual respect of interests.",
     "Vladimir Putin", "Person", True),
    ("strategic partnership", "the Kremlin", "Organization", True),
    ("comprehensive strategic partnership treaty", "Yuri Ushakov", "Person", True),
]  # fmt: skip


def test_quotes(article: Article) -> None:
    got = [(q.text, q.speaker, q.speaker_kind, q.partial) for q in article.quotes]
    assert got == EXPECTED


def test_quote_rules_and_spans(article: Article) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    rules = [q.rule for q in article.quotes]
    assert rules == [
        "after-verb", "pronoun", "after-verb", "subject-of-sentence", "subject-of-sentence",
        "according-to",
    ]  # fmt: skip
    for q in article.quotes:
        assert article.paragraphs[q.paragraph][q.start : q.end] == q.text
        assert q.speaker_span is not None
        named = text[q.speaker_span.start : q.speaker_span.end]
        assert named in ("Kim Jong Un", "He", "Putin", "The Kremlin", "Yuri Ushakov")


def test_provenance(article: Article) -> None:
    import hashlib

    text = EXAMPLE.read_text(encoding="utf-8")
    prov = article.provenance
    assert prov.source_name == "putin-north-korea.txt"
    assert prov.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    head = prov.spans["headline"]
    assert text[head.start : head.end] == article.headline
    media = article.media[0]
    assert media.credit_span is not None
    assert (
        text[media.credit_span.start : media.credit_span.end] == "Reuters: \xa0Kremlin.ru/Handout"
    )
