"""Quotation marks: which spans are quotes (speakers are tested in test_reader_speakers)."""

from __future__ import annotations

import pytest

from newsml_tools.reader import read_article


def quotes(body: str) -> list[str]:
    return [q.text for q in read_article("Headline\n\n" + body).quotes]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("“Curly,” he said.", ["Curly,"]),
        ('"Straight," he said.', ["Straight,"]),
        ("Er sagte: „Das ist gut.“", ["Das ist gut."]),
        ("Er sagte: »Das ist gut.«", ["Das ist gut."]),
        ("Il a dit : « Bonjour tout le monde » hier.", ["Bonjour tout le monde"]),
        ("Il a dit : «\u202fBonjour\u202f» hier.", ["Bonjour"]),
        ("She said “He told me ‘no’ today.”", ["He told me ‘no’ today."]),
        ('He said "hi" and "bye" to a 6" fish.', ["hi", "bye"]),
        ("It's a 'scare' word and we're fine.", []),  # single quotes stay text in double-quote copy
        # sloppy real copy: mixed families, and a quote opened after a comma
        ('He said, "Nothing more to add.“ However, it went on.', ["Nothing more to add."]),
        ('They agreed," For example, schools can vote". People', ["For example, schools can vote"]),
        ("„Das ist gut“, sagte sie.", ["Das ist gut"]),
    ],
)
def test_marks(body: str, expected: list[str]) -> None:
    assert quotes(body) == expected


def test_british_single_quotes() -> None:
    body = "‘We’re not doing this because we’re sentimental,’ said Ian Whitaker."
    assert quotes(body) == ["We’re not doing this because we’re sentimental,"]


def test_multi_paragraph_quote() -> None:
    body = "“First paragraph of speech.\n\n“Second paragraph.\n\n“Last one,” she said.\n\nAfter."
    art = read_article("Headline\n\nJane Doe spoke.\n\n" + body)
    assert [q.text for q in art.quotes] == [
        "First paragraph of speech.",
        "Second paragraph.",
        "Last one,",
    ]
    assert {q.speaker for q in art.quotes} == {"Jane Doe"}
    assert [q.rule for q in art.quotes] == ["multi-paragraph", "multi-paragraph", "pronoun"]


@pytest.mark.parametrize(
    "body",
    [
        "“Open but never closed in this paragraph.\n\nNext paragraph has no mark.",
        "A stray ” closing mark.\n\nAnother paragraph.",
        '"' + "word " * 2000,
    ],
)
def test_unbalanced_marks_never_swallow_the_article(body: str) -> None:
    art = read_article("Headline\n\n" + body)
    assert art.quotes == [] or all("\n" not in q.text for q in art.quotes)
    assert all(len(q.text) <= 4000 for q in art.quotes)


def test_offsets_match_paragraph_text() -> None:
    art = read_article("Headline\n\nHe said: “One.” Then “two” and «\xa0trois\xa0».")
    for q in art.quotes:
        assert art.paragraphs[q.paragraph][q.start : q.end] == q.text
    assert [q.text for q in art.quotes] == ["One.", "two", "trois"]


def test_hard_wrapped_paragraph_with_a_quote_closed_by_comma_stays_one_paragraph() -> None:
    # wire copy wrapped at ~68 columns: a line ending in ',"' is mid-sentence (the
    # attribution follows), so the block is prose, not one paragraph per line
    text = (
        "Tornadoes hit Oklahoma\n\n"
        "Gov. Keith Stroud declared a state of emergency for 12 counties.\n"
        "\"We've got families who lost everything in about ninety seconds,\"\n"
        "Stroud said after touring the damage by helicopter. \"We will be here\n"
        "for them as long as it takes.\"\n"
    )
    art = read_article(text)
    assert len(art.paragraphs) == 1 and art.paragraphs[0].endswith("as long as it takes.\"")
    assert [(q.text, q.speaker) for q in art.quotes] == [
        ("We've got families who lost everything in about ninety seconds,", "Keith Stroud"),
        ("We will be here for them as long as it takes.", "Keith Stroud"),
    ]


def test_a_headline_made_from_a_long_first_sentence_says_it_was_cut() -> None:
    sentence = ("The committee met on Tuesday and after a long and at times heated debate "
                "decided to postpone the vote until the next session in the autumn")
    art = read_article(sentence + ". It will meet again.\n")
    assert art.headline.endswith("…") and len(art.headline) <= 110
    assert sentence.startswith(art.headline[:-1])
    assert art.paragraphs[0].startswith(sentence)  # the body keeps the whole sentence
