"""Standfirst heuristic: conservative, with positive and negative cases."""

from __future__ import annotations

import pytest

from newsml_tools.reader import read_article

BODY = "\n\nSecond body paragraph.\n\nThird body paragraph."


@pytest.mark.parametrize(
    ("text", "standfirst"),
    [
        # followed by a byline
        ("Headline\n\nA short summary of the story. It has two sentences.\n\nBy Jane Doe\n\n"
         "Body one." + BODY, "A short summary of the story. It has two sentences."),
        # followed by a dateline paragraph
        ("Headline\n\nMarkets slide as rates rise.\n\nLONDON (Reuters) - Shares fell." + BODY,
         "Markets slide as rates rise."),
        # no closing punctuation: a dek
        ("Headline\n\nWhy the village bought its own pub\n\nThe first paragraph." + BODY,
         "Why the village bought its own pub"),
    ],
)  # fmt: skip
def test_standfirst(text: str, standfirst: str) -> None:
    art = read_article(text)
    assert art.standfirst == standfirst
    assert standfirst not in art.paragraphs


@pytest.mark.parametrize(
    "text",
    [
        # an ordinary lead paragraph is body
        "Headline\n\nThe council voted on Monday to close the library. It saved money.\n\n"
        "More text." + BODY,
        # a first paragraph with a dateline is never a standfirst
        "Headline\n\nLONDON (Reuters) - Shares fell on Monday.\n\nMore text." + BODY,
        # too long
        "Headline\n\n" + "word " * 70 + "\n\nBy Jane Doe\n\nBody." + BODY,
        # nothing follows
        "Headline\n\nJust one short line",
    ],
)
def test_not_standfirst(text: str) -> None:
    assert read_article(text).standfirst is None
