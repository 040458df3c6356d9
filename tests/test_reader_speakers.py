"""Attribution: who said each quotation, and by which rule."""

from __future__ import annotations

import pytest

from newsml_tools.reader import read_article


def speakers(body: str) -> list[tuple[str, str | None]]:
    art = read_article("Headline\n\n" + body)
    return [(q.text, q.speaker) for q in art.quotes]


CASES = [
    # speaker after the quote, both orders
    ("“We will win,” said Jane Doe.", "Jane Doe"),
    ("“We will win,” Jane Doe said.", "Jane Doe"),
    ("“We will win,” stated Kim Jong Un, according to Russian news agencies.", "Kim Jong Un"),
    ("“We will win,” said Jane Doe, the minister of finance.", "Jane Doe"),
    ("“We will win,” said U.S. Secretary of State Antony Blinken.", "Antony Blinken"),
    ("“We will win,” said the company’s chief executive, Jane Doe.", "Jane Doe"),
    ("“We will win,” Khaled Al-Maeena, editor at the Saudi Gazette, said.", "Khaled Al-Maeena"),
    ("“We will win,” Putin was quoted as saying.", "Putin"),
    ("“We will win,” said Dr. Anneli Sundqvist, the WHO’s adviser, at a briefing.",
     "Anneli Sundqvist"),
    ("“We will win,” Sen. Denise Carrow, D-Minn., said on the floor.", "Denise Carrow"),
    # speaker before the quote
    ("Jane Doe said: “We will win.”", "Jane Doe"),
    ("Jane Doe said, “We will win.”", "Jane Doe"),
    ("Jane Doe told reporters: “We will win.”", "Jane Doe"),
    ("In a statement, Governor of Washington Chris Gregoire said, “We will win.”",
     "Chris Gregoire"),
    ("A spokesman, Callum Reid, says the plan is “unusual, but fine.”", "Callum Reid"),
    ("Jane Smith is the mayor. “Why now?” asked Smith.", "Jane Smith"),
    ("Jane Smith is the mayor. “We rebuild,” Smith told Reuters by phone.", "Jane Smith"),
    ("Jane Smith is the mayor. Asked about the plan, Smith said: “It works.”", "Jane Smith"),
    ("“This is a dark day,” tweeted Senator Elizabeth Warren.", "Elizabeth Warren"),
    ("Elon Musk wrote on X: “We will build it.”", "Elon Musk"),
    ("“We are shocked,” the family said in a statement.", "the family"),  # not "fami-ly"
    ("“We stand firm,” said European Commission President Ursula von der Leyen.",
     "Ursula von der Leyen"),
    ("“A red line,” U.N. Secretary-General António Guterres told reporters.", "António Guterres"),
    ("“Magic is real,” author J.K. Rowling wrote on social media.", "J.K. Rowling"),
    ("Martin Luther King Jr. once said, “The time is always right.”", "Martin Luther King Jr"),
    # according to
    ("The treaty is “comprehensive”, according to his adviser, Yuri Ushakov.", "Yuri Ushakov"),
    # organisations
    ("“We regret it,” the Defence Ministry said in a statement.", "the Defence Ministry"),
    ("“We regret it,” police said.", "police"),
    ("Acme Corp cut jobs. The company said in a statement: “We had no choice.”", "Acme Corp"),
    ("Police made an arrest. “He was armed,” a police spokeswoman said.", "Police"),
    ("Analysts at Goldman Sachs said the cut was “very bullish” for prices.", "Goldman Sachs"),
    # German and French
    ("„Das ist gut“, sagte Anna Schmidt.", "Anna Schmidt"),
    ("„Das ist gut“, so Anna Schmidt.", "Anna Schmidt"),
    ("Anna Schmidt erklärte: „Das ist gut.“", "Anna Schmidt"),
    ("« C’est bien », a déclaré Marie Dupont.", "Marie Dupont"),
    ("« C’est bien », a déclaré le ministre de la Santé, Étienne Moreau.", "Étienne Moreau"),
    ("« C’est bien », explique Camille Roux, écologue.", "Camille Roux"),
    ("«Es bueno», dijo el subgobernador del Banco de México, Ernesto Villalobos.",
     "Ernesto Villalobos"),
    ("«Siamo pronti», ha detto il sindaco Luigi Brugnaro.", "Luigi Brugnaro"),
    ("Innenminister Thomas Weber kam. „Das ist notwendig“, sagte der Minister.", "Thomas Weber"),
    ("Laut Polizei war der Mann „schwer bewaffnet“.", "Polizei"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "speaker"), CASES)
def test_single_quote_speaker(body: str, speaker: str) -> None:
    got = speakers(body)
    assert len(got) == 1
    assert got[0][1] == speaker


def test_canonical_fullest_name() -> None:
    art = read_article(
        "Headline\n\nRussian President Vladimir Putin arrived. “Thank you,” Putin said.\n\n"
        "Mr. Chen Wei, the trade minister, spoke later. “No,” Mr. Chen said."
    )
    assert [(q.speaker, q.speaker_kind) for q in art.quotes] == [
        ("Vladimir Putin", "Person"),
        ("Chen Wei", "Person"),
    ]


def test_title_forms_resolve_to_earlier_full_name() -> None:
    body = (
        "Emeka Okafor runs the lab. Maxine Waters chairs the board.\n\n"
        "“It works,” Dr. Okafor said. “It does not,” said Ms. Waters."
    )
    assert [s for _, s in speakers(body)] == ["Emeka Okafor", "Maxine Waters"]


def test_split_quote_same_speaker() -> None:
    art = read_article("Headline\n\n“First half,” she said. “Second half.”\n\nx")
    art = read_article("Headline\n\nMaria Lopez spoke. “First half,” she said. “Second half.”")
    assert [(q.speaker, q.rule) for q in art.quotes] == [
        ("Maria Lopez", "pronoun"),
        ("Maria Lopez", "split-quote"),
    ]


def test_pronoun_resolution_uses_latest_reported_speaker() -> None:
    body = (
        "“Rates will fall,” said Beatriz Almeida.\n\n"
        "Otávio Brandão said enforcement was hurting producers. “We suffer,” he told reporters."
    )
    assert [s for _, s in speakers(body)] == ["Beatriz Almeida", "Otávio Brandão"]


def test_pronoun_gender_from_titles() -> None:
    body = "Mr John Key spoke first and Ms Ann Poe spoke next.\n\n“Yes,” she said. “No,” he said."
    assert [s for _, s in speakers(body)] == ["Ann Poe", "John Key"]


def test_organisation_canonical_name() -> None:
    body = (
        "South Korea's Ministry of National Defense raised its alert level.\n\n"
        "“We will respond,” the ministry said in a statement."
    )
    art = read_article("Headline\n\n" + body)
    assert [(q.speaker, q.speaker_kind) for q in art.quotes] == [
        ("the Ministry of National Defense", "Organization")
    ]


def test_group_apposition() -> None:
    body = (
        "Environmental group Amazonia Viva welcomed the data. "
        "“Cutting is down,” the group said in a statement."
    )
    assert [s for _, s in speakers(body)] == ["Amazonia Viva"]


def test_partial_quote_subject_of_sentence() -> None:
    art = read_article(
        "Headline\n\n“Yes,” stated Kim Jong Un. He added that the visit would further "
        "“strengthen” friendship."
    )
    q = art.quotes[1]
    assert (q.speaker, q.partial, q.rule) == ("Kim Jong Un", True, "pronoun")


@pytest.mark.parametrize(
    "body",
    [
        "The so-called “peace plan” was never published.",
        "She read “War and Peace” twice.",
        "The band calls itself “The Harbour Lights”.",
    ],
)
def test_scare_quotes_and_titles_are_unattributed(body: str) -> None:
    art = read_article("Headline\n\n" + body)
    assert all(q.speaker is None for q in art.quotes)


def test_role_noun_resolves_to_named_person() -> None:
    body = "Labour minister Teresa Aguirre presented the plan.\n\n“It is fair,” the minister said."
    assert [s for _, s in speakers(body)] == ["Teresa Aguirre"]


@pytest.mark.parametrize("body", ["“Fire!” someone shouted.", "“Run!” one of them said."])
def test_nobody_named(body: str) -> None:
    assert [s for _, s in speakers(body)] == [None]


def test_anonymous_speaker_stays_unattributed() -> None:
    body = "Technicians said the repair could take a week. “It is old,” one told the broadcaster."
    assert [s for _, s in speakers(body)] == [None]


def test_previous_paragraph_continuation() -> None:
    body = "“First,” Jane Doe said.\n\n“A whole paragraph of more speech from her.”"
    art = read_article("Headline\n\n" + body)
    assert [(q.speaker, q.rule) for q in art.quotes] == [
        ("Jane Doe", "after-verb"),
        ("Jane Doe", "previous-paragraph"),
    ]
