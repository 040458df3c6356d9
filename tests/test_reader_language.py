"""Language detection by stopword frequency."""

from __future__ import annotations

import pytest

from newsml_tools.reader import read_article
from newsml_tools.reader.language import detect_language

CASES = [
    ("The government said on Monday that the new measures would be taken in the coming days, "
     "and the minister was confident they would work.", "en"),
    ("Die Bundesregierung hat am Montag erklärt, dass sie die Pläne nicht unterstützen wird, "
     "sagte der Sprecher in Berlin.", "de"),
    ("Le gouvernement a déclaré lundi que les mesures seront prises dans les prochains jours, "
     "selon le ministre.", "fr"),
    ("El gobierno dijo el lunes que las medidas se tomarán en los próximos días, según el "
     "ministro de la economía.", "es"),
    ("Il governo ha detto che le misure saranno prese nei prossimi giorni, secondo il ministro "
     "della economia, e che non sono state ancora decise.", "it"),
    ("De regering heeft maandag gezegd dat de maatregelen in de komende dagen worden genomen, "
     "maar het is niet duidelijk wanneer.", "nl"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "lang"), CASES)
def test_detect(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "Hello world", "12345 67890 !!!", "Kim Jong Un Putin Xi"])
def test_too_little_evidence(text: str) -> None:
    assert detect_language(text) is None


def test_header_language_wins() -> None:
    art = read_article("Language: fr\nHeadline: H\n\n" + CASES[0][0])
    assert art.language == "fr"


def test_detected_in_article() -> None:
    assert read_article("Schlagzeile\n\n" + CASES[1][0]).language == "de"
