"""Attribution conventions of real (Wikinews-style) news copy: relayed sources, speech
introduced at the end of the previous paragraph, passive reporting verbs. Positive and
negative (must-not-change) cases; the sentences are written for these tests."""

from __future__ import annotations

import pytest

from newsml_tools.reader import read_article


def speakers(body: str, headline: str = "Headline") -> list[str | None]:
    art = read_article(headline + "\n\n" + body)
    return [q.speaker for q in art.quotes]


def test_particle_surnames_are_people() -> None:
    art = read_article('H\n\nUrsula von der Leyen arrived. "We are ready," von der Leyen said.')
    assert [(q.speaker, q.speaker_kind) for q in art.quotes] == [("Ursula von der Leyen", "Person")]


CASES = [
    # "according to Y, quoting X": the original source X speaks
    (
        'According to the BBC, quoting police chief Samuel Okafor, the crowd was "out of control".',
        ["Samuel Okafor"],
    ),
    (
        "According to Yonhap, quoting North Korea's Korean Central News Agency (KCNA), the "
        'army must prepare for a "quasi-state of war".',
        ["Korean Central News Agency"],
    ),
    (
        "According to Reuters, citing Interior Minister Lena Vogt, the border will stay "
        '"closed until further notice".',
        ["Lena Vogt"],
    ),
    # negative: a plain "according to" keeps its source
    ('According to Reuters, the talks were "constructive".', ["Reuters"]),
    ('Anna Berg said "no", according to Reuters.', ["Anna Berg"]),
    # "…", Y reported, citing X: an outlet relays X
    ('The army must prepare for a "quasi-state of war", Yonhap reported, citing KCNA.', ["KCNA"]),
    ('"The deal is dead," Reuters reported, citing Finance Minister Jane Doe.', ["Jane Doe"]),
    ('"Peace," the agency said, citing President Kim Jong-un.', ["Kim Jong-un"]),
    # negatives: a person quoting someone still speaks; an unnamed source is no speaker
    ('"To be or not to be," Jane Doe said, quoting Shakespeare.', ["Jane Doe"]),
    ('"The deal is dead," Reuters reported, citing sources.', ["Reuters"]),
    (
        'Yonhap, quoting KCNA, reported that the army must prepare for a "quasi-state of war".',
        ["KCNA"],
    ),
    # "X, quoted by Y, said": X
    ('Sergei Lavrov, quoted by Reuters, said: "We will not give in."', ["Sergei Lavrov"]),
    # passive "was told"/"was asked": the one spoken to is not the speaker
    ('The army was told to "stay put".', [None]),
    ('Police said the man was asked to "leave the building".', ["Police"]),
    ('Maria Soto told the army to "stay put".', ["Maria Soto"]),
    # long speech introduced with "X said:" at the end of the previous paragraph
    (
        "The committee met on Tuesday. Its chairman, Peter Hale, said:\n\n"
        '"We have looked at all of the evidence and we find that the plan is sound."',
        ["Peter Hale"],
    ),
    (
        '"We are fine," said Jane Doe. The minister, Peter Hale, then told reporters:\n\n'
        '"We have looked at all of the evidence and we find that the plan is sound."',
        ["Jane Doe", "Peter Hale"],
    ),
    (
        '"We are fine," said Jane Doe. She added:\n\n"We will be back next year."',
        ["Jane Doe", "Jane Doe"],
    ),
    # negative: a quote-only paragraph after a quoted speaker still continues it
    ('"We are fine," said Jane Doe.\n\n"We will be back next year."', ["Jane Doe", "Jane Doe"]),
    # the reporting verb in the last sentence of the paragraph before a quote-only one
    (
        "Fire chief Tom Brady described the scene.\n\n"
        '"It was the worst fire I have seen in twenty years."',
        ["Tom Brady"],
    ),
    # negative: no one reported in the paragraph before
    (
        "Tom Brady spoke on Monday. The deal was described as a failure.\n\n"
        '"It was the worst fire I have seen in twenty years."',
        [None],
    ),
    # told Wikinews / in an interview with
    ('John Smith told Wikinews: "This is a disgrace."', ["John Smith"]),
    ('"This is a disgrace," John Smith told Wikinews.', ["John Smith"]),
    (
        'In an interview with the BBC, Angela Merkel said "Europe must stand together".',
        ["Angela Merkel"],
    ),
    ('James Carter was reported as saying "the deal is dead".', ["James Carter"]),
    # a stray comma between a sentence-initial subject and its verb
    (
        'The Internet security firm Secunia.com, has said that IE6 is "highly critical".',
        ["Secunia.com"],
    ),
    ('The team won. Jane Doe, has said "no".', ["Jane Doe"]),
    ('In London, the mayor said "no".', ["the mayor"]),
    ('Yesterday, has said "no".', [None]),
    # "a statement from X read:" / passive "it was stated by X"
    ('A statement from Acme Corp read: "We regret the error."', ["Acme Corp"]),
    ('The statement by John Smith said "we are sorry".', ["John Smith"]),
    (
        'It was announced by the Ministry of Defence on Monday that "no troops will be sent".',
        ["the Ministry of Defence"],
    ),
    ('The letter from the bank was "insulting", Jane Doe said.', ["Jane Doe"]),
    # "the city" stands for the municipality or council named before
    (
        "The request was made by the Municipality of Livorno in 2010.\n\n"
        'The city reasoned, "this is a commercial activity".',
        ["Municipality of Livorno"],
    ),
    (
        'The request was made by Leeds City Council. The city said "it is fair".',
        ["Leeds City Council"],
    ),
    ('The city of Leeds is old. The city said "it is fair".', ["The city"]),
    # a surname misspelt in real copy is the person named before with nearly that name
    ('Lydia Buchtmann spoke. "It is complicated," Ms Bauchtman said.', ["Lydia Buchtmann"]),
    ('Anna Hansen spoke. "It is complicated," Harrison said.', ["Harrison"]),
    ('Lydia Buchtmann spoke. "It is complicated," Ms Bachman said.', ["Bachman"]),
    # a pronoun whose referent is named earlier in its own sentence (gender known)
    (
        'Mr. Thomas Sam and Mrs. Manju Sam were charged. "It is sad," Mr. Tedeschi said. '
        "Allegedly, Thomas' sister pleaded with him, but he replied \"I am not able to do "
        'that".',
        ["Tedeschi", "Thomas Sam"],
    ),
    (
        'Ms Jane Doe met Mr John Smith. "Thanks," Ms Doe said. Mr Smith praised her, and she '
        'said "thanks".',
        ["Jane Doe", "Jane Doe"],
    ),
    # negative: the gender of the name in the sentence is not known
    ('"No," said Mr. Tedeschi. Asked about John Smith, he said "never".', ["Tedeschi", "Tedeschi"]),
    # "Y quoted X as saying": X (also after the quotation, and with a pronoun)
    ('Le Monde quoted Juncker as saying "Europe is not in good shape".', ["Juncker"]),
    ('Juncker was quoted by Le Monde as saying "Europe is not in good shape".', ["Juncker"]),
    ('The BBC quoted Hamid Karzai as saying "we will not accept this".', ["Hamid Karzai"]),
    ('"We will not accept this," the BBC quoted Hamid Karzai as saying.', ["Hamid Karzai"]),
    (
        'Hamid Karzai met Jane Doe. "We will not accept this," the BBC quoted him as saying.',
        ["Hamid Karzai"],
    ),
    ('Reuters quoted a police spokesman as saying "the area is sealed off".', ["police"]),
    # negative: the outlet speaks when it is not quoting anyone
    ('The BBC said the talks were "going well".', ["the BBC"]),
    # a parenthesis after the name ("(pictured)", "(D-Calif.)", an acronym)
    (
        "Dr. Helen Park (pictured), the director of the Institute of Marine Research (IMR) in "
        'Bergen, Norway, which runs the survey, said "the reef is dying".',
        ["Helen Park"],
    ),
    ('Jane Doe (D-Calif.) said "no".', ["Jane Doe"]),
    ('Jane Doe (D-Calif.), said "no".', ["Jane Doe"]),
    ('"No," said Jane Doe (D-Calif.).', ["Jane Doe"]),
    # an office or spokesman of a title with no name
    (
        'The Prime Minister\'s office said in a statement that "the talks went well".',
        ["the Prime Minister's office"],
    ),
    ('President Obama\'s spokesman said "no".', ["Obama"]),
    # a pronoun inside a quotation does not teach the gender of the speaker named before it
    (
        'Witness Mary Jones said "he had a knife".\n\n"I ran," she said.',
        ["Mary Jones", "Mary Jones"],
    ),
    # a paragraph ending with a colon introduces the next one, whatever its verb
    (
        '"A is fine," said Jane Doe.\n\nOpposition leader John Smith, however, was less '
        'positive:\n\n"It is a disaster."',
        ["Jane Doe", "John Smith"],
    ),
    (
        '"A is fine," said Jane Doe.\n\nOpposition leader John Smith was less positive:\n\n'
        '"It is a disaster."',
        ["Jane Doe", "John Smith"],
    ),
    (
        '"A is fine," said Jane Doe.\n\nIn London, the protest went on for three hours:\n\n'
        '"It is a disaster."',
        ["Jane Doe", None],
    ),
    # "the report, published by X, said": X
    (
        'The report, published by the World Health Organization (WHO), said "the risk is low".',
        ["the World Health Organization"],
    ),
    (
        'The report, published on Monday by Amnesty International, said "torture is widespread".',
        ["Amnesty International"],
    ),
    # a surname before an age is the subject ("Smith, 45, told")
    ('"It is over," Smith, 45, told the Sydney Morning Herald.', ["Smith"]),
    ('Jane Doe, Texas, said "no".', ["Jane Doe"]),
    # "His rival, Peter Brown, disagreed, calling it …" and the pronoun after it
    (
        'John Smith welcomed the decision. "It is fair," Smith said.\n\nHis rival, Peter '
        'Brown, disagreed, calling it "a disgrace".\n\n"We will appeal," he said.',
        ["John Smith", "Peter Brown", "Peter Brown"],
    ),
    # pronouns across a quote-only paragraph
    (
        'John Smith, the mayor, spoke on Monday. "We are ready," he said.\n\n"The city has '
        'prepared for months. Jane Doe helped us."\n\nHe added that the budget was '
        '"sufficient".',
        ["John Smith", "John Smith", "John Smith"],
    ),
    (
        '"A is true," said Jane Doe.\n\n"B is true as well."\n\nShe added: "C is true."',
        ["Jane Doe", "Jane Doe", "Jane Doe"],
    ),
    # the speaker addressed by name in a quote within the quote is still the speaker; a
    # place after "at" is not a pronoun's referent; a "she" subject of the paragraph before
    (
        '"The sea tells you," says Ruth Kerr.\n\nShe has lived at Carrick Point since 1964. '
        "She asked to keep the house.\n\n"
        '"They said, \u2018Mrs Kerr, there\u2019s nothing left.\u2019 '
        'And I said, \u2018There\u2019s me.\u2019"',
        ["Ruth Kerr", "Ruth Kerr"],
    ),
    # negative: a person named in the quotation outside a nested quote is not its speaker
    (
        '"We won," said Ruth Kerr.\n\nPeter Hale arrived later.\n\n"Ruth Kerr was right."',
        ["Ruth Kerr", "Peter Hale"],
    ),
    # surnames starting with a lower-case particle are people, canonicalised
    (
        '"It is over," said Ursula von der Leyen.\n\n"Totally," Ms. von der Leyen said.',
        ["Ursula von der Leyen", "Ursula von der Leyen"],
    ),
    ('Abdullah al-Faisal spoke. "Totally," al-Faisal said.', ["Abdullah al-Faisal"]),
    ('Abdullah al-Faisal spoke. "Totally," said al-Faisal.', ["Abdullah al-Faisal"]),
    ('Abdullah al-Faisal spoke. al-Faisal said "totally".', ["Abdullah al-Faisal"]),
    # negative: lower-case organisations stay as they are
    ('"Yes," said the police.', ["the police"]),
    # a new speaker reported after the last quotation of the paragraph before
    (
        '"A is fine," said Jane Doe. Opposition leader John Smith responded on Twitter.\n\n'
        '"It is a disaster."',
        ["Jane Doe", "John Smith"],
    ),
    (
        '"A is fine," said Jane Doe. The opposition leader, John Smith, responded angrily.\n\n'
        '"It is a disaster."',
        ["Jane Doe", "John Smith"],
    ),
    # negatives: the name is not the sentence's subject, or nobody reports anything
    (
        '"A is fine," said Jane Doe. She spoke after John Smith criticised the plan.\n\n'
        '"It is a disaster."',
        ["Jane Doe", "Jane Doe"],
    ),
    ('"A is fine," said Jane Doe. Prices rose.\n\n"It is a disaster."', ["Jane Doe", "Jane Doe"]),
    # "the company's website states" / "the company's spokesman": the company named before
    ('Acme Corp was fined.\n\nThe company\'s website states: "We value privacy."', ["Acme Corp"]),
    ('Acme Corp was fined. The company\'s spokesman said "we will appeal".', ["Acme Corp"]),
    # a pronoun subject after a sentence adverb ("Then she asked …") before a quote-only one
    (
        '"The sea tells you," says Ruth Kerr.\n\nShe moved in in 1964. Then she asked to keep '
        'the house.\n\n"They said no."',
        ["Ruth Kerr", "Ruth Kerr"],
    ),
    # "went on to say" / "was quick to say": the subject of the governing verb
    ('Obama went on to say "we seek a new beginning".', ["Obama"]),
    ('John Smith spoke. He went on to say "we seek a new beginning".', ["John Smith"]),
    ('Smith was quick to say "no".', ["Smith"]),
    # rulings: "the court ruled", "Judge X ruled"
    ('Judge Mary Jones ruled that the law was "unconstitutional".', ["Mary Jones"]),
    # negative: "rules" as a noun is no verb
    ('Under the rules, Jane Doe said "no".', ["Jane Doe"]),
    ('The rules were "unfair", said Jane Doe.', ["Jane Doe"]),
    # the last sentence of a long paragraph before a quote-only one
    (
        "Jane Doe said the inquiry had found many faults in the design of the bridge, and that "
        "the contractor had ignored several warnings from engineers over many years, including "
        "reports in 2009, 2011 and 2015 which were never acted on by the council or by the "
        "regional authority responsible for the maintenance of the structure. The report runs "
        "to more than 400 pages and covers the history of the bridge since its construction in "
        "1962, the repairs made in 1985 and 1999, and the night of the collapse in great detail. "
        "Fire chief Tom Brady described the scene.\n\n"
        '"It was the worst fire I have seen in twenty years."',
        ["Tom Brady"],
    ),
    # English "a" after the verb is an article, not the Romance preposition
    ('"We apologise," said a spokesperson for Network Rail.', ["Network Rail"]),
    ('"It was loud," said a man who lives nearby.', [None]),
    # titles and multi-part names in real copy
    ('Ayatollah Ali Khamenei said "America is the enemy".', ["Ali Khamenei"]),
    ('Grand Ayatollah Ali al-Sistani said "vote".', ["Ali al-Sistani"]),
    ('Brig. Gen. Kevin Bergner, a US military spokesman, said "we killed him".', ["Kevin Bergner"]),
    ('"Peace is possible," UN Secretary-General Ban Ki-moon told reporters.', ["Ban Ki-moon"]),
    ('Chief Superintendent Mark Dawson said "we have arrested three men".', ["Mark Dawson"]),
    ('Rev. Jesse Jackson said "this is a good day".', ["Jesse Jackson"]),
    ('Prof. Alan Turing said "machines can think".', ["Alan Turing"]),
    (
        'North Korean leader Kim Jong-un visited the site. "We will build more," Kim said.',
        ["Kim Jong-un"],
    ),
    (
        'Crown Prince Mohammed bin Salman met the envoy. "We want peace," bin Salman said.',
        ["Mohammed bin Salman"],
    ),
    (
        'Ursula von der Leyen arrived on Monday. "We are ready," von der Leyen said.',
        ["Ursula von der Leyen"],
    ),
    ("\"When he told me 'I quit', I was shocked,\" said Laura Chen.", ["Laura Chen"]),
]


@pytest.mark.parametrize(("body", "expected"), CASES, ids=[b[:50] for b, _ in CASES])
def test_real_copy_conventions(body: str, expected: list[str | None]) -> None:
    assert speakers(body) == expected
