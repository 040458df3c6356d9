"""Conventions a newsroom review found mishandled: each input here lost or garbled text."""

from __future__ import annotations

import pytest

from newsml_tools.convert import ConvertOptions, convert_text
from newsml_tools.reader import read_article

LEAD = "Talks end without a deal\n\nLONDON (Reuters) - Talks ended on Monday.\n\n"


def _nitf(text: str) -> str:
    conv = convert_text(text, ConvertOptions(formats=("nitf",)))
    assert "nitf" in conv.outputs, conv.findings
    return conv.outputs["nitf"].decode()


def test_footer_is_written_as_printed() -> None:
    footer = ("(Reporting by Jane Doe in Paris and the Reuters Moscow bureau; "
              "Writing by d'Arcy Doran; Editing by Kirsten Donovan)")
    art = read_article(LEAD + footer + "\n")
    assert [c.name for c in art.contributors] == ["Jane Doe", "d'Arcy Doran", "Kirsten Donovan"]
    assert ("<tagline>Reporting by Jane Doe in Paris and the Reuters Moscow bureau; Writing "
            "by d'Arcy Doran; Editing by Kirsten Donovan</tagline>") in _nitf(LEAD + footer)


def test_contributed_sentence_is_not_reworded() -> None:
    footer = ("Associated Press writers Jane Doe in Paris and John Roe in Berlin contributed "
              "to this report.")
    assert f"<tagline>{footer}</tagline>" in _nitf(LEAD + footer)


@pytest.mark.parametrize("junk", ["\ufeff\ufeff\n", "\ufeff\ufeff", "\u200b", "\u2060 \n\ufeff\n"])
def test_invisible_characters_before_the_headline(junk: str) -> None:
    art = read_article(junk + "Headline here\n\nLONDON (Reuters) - Talks ended.\n")
    assert art.headline == "Headline here"
    assert art.paragraphs == ["Talks ended."]
    conv = convert_text(junk + "Headline here\n\nBody.\n", ConvertOptions())
    assert conv.outputs, conv.findings


def test_a_line_of_invisible_characters_separates_paragraphs() -> None:
    art = read_article("Headline\n\nFirst paragraph ends here.\n\u200b\nSecond one starts.\n")
    assert art.paragraphs == ["First paragraph ends here.", "Second one starts."]


def test_labelled_credit_in_parentheses_leaves_no_bracket_in_the_caption() -> None:
    art = read_article("Floods in Bavaria\n\nBERLIN (Reuters) - Floods hit.\n\n"
                       "Firefighters pump water from a street. (Photo: Sven Hoppe/dpa)\n\n"
                       "More rain is expected.\n")
    assert [(m.caption, m.credit) for m in art.media] == [
        ("Firefighters pump water from a street.", "Sven Hoppe/dpa")]


@pytest.mark.parametrize("key", ["Source", "Summary", "Subject", "Category", "Location"])
def test_a_labelled_headline_is_not_a_header(key: str) -> None:
    art = read_article(f"{key}: Biden to pick new Fed chair\n\nWASHINGTON (Reuters) - "
                       "President Joe Biden will name a new chair, a source said.\n")
    assert art.headline == f"{key}: Biden to pick new Fed chair"
    assert art.source is None and not art.headers.get(key.lower())


@pytest.mark.parametrize(("header", "field", "value"), [
    ("Source: Reuters", "source", "Reuters"),
    ("Date: 2024-06-03T10:00:00Z", "date", "2024-06-03T10:00:00Z"),
    ("Title: Talks collapse", "headline", "Talks collapse"),
])
def test_a_single_header_line_still_counts(header: str, field: str, value: str) -> None:
    art = read_article(f"{header}\n\nTalks collapse\n\nGENEVA (Reuters) - Talks collapsed.\n")
    assert getattr(art, field) == value
    assert art.headline == "Talks collapse"


@pytest.mark.parametrize("byline", ["By Reuters Staff", "By The Associated Press",
                                    "By Staff Reporter"])
def test_a_byline_naming_nobody_is_still_written(byline: str) -> None:
    text = f"Talks end\n\n{byline}\n\nLONDON (Reuters) - Talks ended on Monday.\n"
    conv = convert_text(text, ConvertOptions(formats=("newsml-g2", "nitf", "ninjs")))
    assert f"<by>{byline}</by>".encode() in conv.outputs["newsml-g2"]
    assert f"<byline>{byline}</byline>".encode() in conv.outputs["nitf"]
    assert f'"by": "{byline}"'.encode() in conv.outputs["ninjs"]


SPEAKERS = [
    # the organisation a spokesperson speaks for, not the previous paragraph's speaker
    ('"We tried," said Tom Hill.\n\n"We stand with them too," said a spokesperson for the '
     "European Commission.", ["Tom Hill", "the European Commission"]),
    # a role between two names: the second name speaks
    ('"It came over the ridge in minutes," said Cal Fire spokesperson Jeremy Rahn.',
     ["Jeremy Rahn"]),
    ('"It is a start," said U.S. envoy John Kerry.', ["John Kerry"]),
    # where the speaker is is not who speaks
    ('"Nobody expected this," a trader in Singapore said.', ["a trader"]),
    # a job description between commas: the name before it
    ('"Not now," Dr. Anthony Fauci, director of the National Institute of Allergy and '
     "Infectious Diseases, said.", ["Anthony Fauci"]),
    # a split quote with the verb first: both halves hers
    ('"It is a good day," said Maria Gonzalez, "but the work is not done."',
     ["Maria Gonzalez", "Maria Gonzalez"]),
    # "a photograph" after "posted" is no speaker: the null subject stays
    ("Soprano Elena Vasquez, who was to sing the title role in “Die Fledermaus,” posted a "
     "photograph of her costume with the caption “Next year, Vienna.”", None),
]


@pytest.mark.parametrize(("body", "speakers"), SPEAKERS)
def test_speakers(body: str, speakers: list[str] | None) -> None:
    art = read_article(LEAD + body + "\n")
    got = [q.speaker for q in art.quotes]
    if speakers is None:
        assert "Vienna" not in got
    else:
        assert got == speakers


def test_german_byline_with_lower_case_agency() -> None:
    art = read_article("Regierung beschließt Gesetz\n\nVon Max Mustermann, dpa\n\n"
                       "BERLIN (dpa) - Das Kabinett hat das Gesetz beschlossen.\n")
    assert [(b.name, b.affiliation) for b in art.bylines] == [("Max Mustermann", "dpa")]
    assert art.standfirst is None


@pytest.mark.parametrize(("text", "quotes"), [
    ("東京\n\n首相は「経済を立て直す」と述べた。『これは重要だ』とも語った。\n",
     ["経済を立て直す", "これは重要だ"]),
    ("Titel\n\nDer Minister sagte: ‹Wir schaffen das.› Dann ging er.\n", ["Wir schaffen das."]),
    ("Titel\n\nEr sagte: ›Wir schaffen das‹, und ging.\n", ["Wir schaffen das"]),
    ("Titel\n\nEr sagte: ‚Wir schaffen das‘, und ging.\n", ["Wir schaffen das"]),
    # inside double marks, single guillemets stay part of the quotation
    ("Titel\n\n«Il a dit ‹non›, puis il est parti», raconte Paul Martin.\n",
     ["Il a dit ‹non›, puis il est parti"]),
])
def test_other_quotation_marks(text: str, quotes: list[str]) -> None:
    assert [q.text for q in read_article(text).quotes] == quotes


@pytest.mark.parametrize(("line", "speaker"), [
    # a separable verb: "kündigte … an" (announced)
    ("„Wir werden das im Bundestag ändern“, kündigte FDP-Fraktionschef Christian Dürr an.",
     "Christian Dürr"),
    # party-prefixed and compound job titles are not part of the name
    ("„Wir handeln“, sagte CDU-Chef Friedrich Merz.", "Friedrich Merz"),
    ("„Wir handeln“, sagte Bundeskanzler Olaf Scholz.", "Olaf Scholz"),
])
def test_german_speakers(line: str, speaker: str) -> None:
    art = read_article(f"Titel\n\nBERLIN (dpa) - Die Regierung berät.\n\n{line}\n")
    assert [q.speaker for q in art.quotes] == [speaker]
