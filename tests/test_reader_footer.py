"""Contributor footers at the end of wire copy."""

from __future__ import annotations

import pytest

from newsml_tools.reader import read_article

HEAD = "Headline\n\nLONDON (Reuters) - Body paragraph one.\n\nBody paragraph two.\n\n"


def test_reuters_footer() -> None:
    art = read_article(
        HEAD + "(Reporting by Jane Doe; Additional reporting by Yan Yu and Zed Zee in Kyiv; "
        "Writing by Zed Zee; Editing by Will Wu and Val Vu)"
    )
    assert [(c.name, c.role) for c in art.contributors] == [
        ("Jane Doe", "reporting"), ("Yan Yu", "additional reporting"),
        ("Zed Zee", "additional reporting"), ("Zed Zee", "writing"), ("Will Wu", "editing"),
        ("Val Vu", "editing"),
    ]  # fmt: skip
    assert art.paragraphs == ["Body paragraph one.", "Body paragraph two."]
    assert "Kyiv" in (art.footer or "")  # nothing is lost


@pytest.mark.parametrize(
    ("footer", "expected"),
    [
        ("Compiled by Ann Poe", [("Ann Poe", "compiling")]),
        ("Edited by Ann Poe and Bo Bee", [("Ann Poe", "editing"), ("Bo Bee", "editing")]),
        ("(Reporting by Ann Poe)", [("Ann Poe", "reporting")]),
        ("Associated Press writer Ann Poe in Kyiv contributed to this report.",
         [("Ann Poe", "contributing")]),
    ],
)  # fmt: skip
def test_footer_forms(footer: str, expected: list[tuple[str, str]]) -> None:
    art = read_article(HEAD + footer)
    assert [(c.name, c.role) for c in art.contributors] == expected
    assert art.paragraphs[-1] == "Body paragraph two."


def test_inline_footer_at_end_of_last_paragraph() -> None:
    art = read_article(HEAD + "Last words. (Reporting by Ann Poe; Editing by Bo Bee)")
    assert art.paragraphs[-1] == "Last words."
    assert [c.name for c in art.contributors] == ["Ann Poe", "Bo Bee"]


@pytest.mark.parametrize(
    "last",
    [
        "Reporting by the team went badly, critics said, as the editors looked away.",
        "The minister said the plan (reporting by officials aside) would work.",
        "The vote was 5-4 (AP).",
    ],
)
def test_not_a_footer(last: str) -> None:
    art = read_article(HEAD + last)
    assert art.contributors == []
    assert art.paragraphs[-1] == last
