"""Speaker attribution conventions seen in copy the reader was not tuned on: one table
per convention, each with positive and negative (must-not-change) cases. The sentences
are written for these tests; none is taken from a labelled set."""

from __future__ import annotations

import pytest

from newsml_tools.reader import read_article


def speakers(body: str, headline: str = "Headline") -> list[str | None]:
    art = read_article(headline + "\n\n" + body)
    return [q.speaker for q in art.quotes]


def _ids(cases: list[tuple[str, list[str | None]]]) -> list[str]:
    return [body[:50] for body, _ in cases]


# 1. a role or occupation noun glued to the name is not part of it
ROLES = [
    ("“It was fragile,” said Restorer Chiara Esposito.", ["Chiara Esposito"]),
    ("“We wrote it together,” said Co-author Mattias Berglund.", ["Mattias Berglund"]),
    ("“The view is stunning,” said Astronaut Kenji Takamura.", ["Kenji Takamura"]),
    ("“It is rare,” Curator Lena Holm said.", ["Lena Holm"]),
    ("“We played well,” Striker Marco Bellini said.", ["Marco Bellini"]),
    ("“Prices will rise,” said Economist Sara Lindqvist.", ["Sara Lindqvist"]),
    ("Tom Cruise appeared. Critic Jane Holt posted: “Tom Cruise is not the story.”",
     ["Jane Holt"]),
    # a capitalised common noun written in lower case elsewhere in the article
    ("The glassblower works alone now. “It takes years,” said Glassblower Ana Ruiz Vega.",
     ["Ana Ruiz Vega"]),
    # negative: real given names stay, even when the word is also a common noun
    ("“We will go,” said Rose Tyler.", ["Rose Tyler"]),
    ("Prices rose again. “We will go,” said Rose Ann Tyler.", ["Rose Ann Tyler"]),
    ("“We will manage,” said Mark Ruiz Vega, who will mark the spot.", ["Mark Ruiz Vega"]),
    ("“We stand firm,” said European Commission President Ursula von der Leyen.",
     ["Ursula von der Leyen"]),
]

# 2. organisation names: connectors, lower-case continuations, "the company"
ORGS = [
    ("“We are monitoring it,” the Ministry of Health and Welfare said.",
     ["the Ministry of Health and Welfare"]),
    ("“Services will resume,” Transport for NSW said.", ["Transport for NSW"]),
    ("“The appeal is rejected,” the Court of Appeal in The Hague said.",
     ["the Court of Appeal in The Hague"]),
    ("“The appeal is rejected,” said the Court of Appeal in The Hague.",
     ["the Court of Appeal in The Hague"]),
    ("“Harvests fell,” the Agriculture ministry said.", ["the Agriculture ministry"]),
    ("The Agriculture ministry released figures. “Harvests fell,” the ministry said.",
     ["the Agriculture ministry"]),
    ("Andes Salares, the company that runs the mine, cut output. “We had no choice,” the "
     "company said.", ["Andes Salares"]),
    ("Brightwater Inc cut output. “We had no choice,” the company said.", ["Brightwater Inc"]),
    ("Nordlicht Energie said in a statement that it would cut output. “We had no choice,” "
     "the company said.", ["Nordlicht Energie"]),
    ("Lithium miner Andes Salares cut its forecast. “Prices have collapsed,” the company "
     "said.", ["Andes Salares"]),
    ("Andes Salares, which runs two mines in Chile, cut its forecast. “Prices have "
     "collapsed,” the company said.", ["Andes Salares"]),
    ("Shares of Andes Salares SA fell 8%. “Prices have collapsed,” the miner said.",
     ["Andes Salares SA"]),
    ("Volkswagen cut its outlook. “Demand is weak,” the carmaker said in a statement.",
     ["Volkswagen"]),
    # negatives
    ("Jane Doe said in a statement that she would resign. “I am done,” the company said.",
     ["the company"]),
    ("“We will win,” said Bank of America.", ["Bank of America"]),
    ("“We regret it,” the Defence Ministry said in a statement.", ["the Defence Ministry"]),
    ("“We are shocked,” the family said in a statement.", ["the family"]),
    ("In a statement, Governor of Washington Chris Gregoire said, “We will win.”",
     ["Chris Gregoire"]),
    ("Kim Min-jun, a spokesman for the Ministry of Health and Welfare, said: “We watch.”",
     ["Kim Min-jun"]),
]

# 3. appositions: the person, not the employer or place named inside the apposition
APPOSITIONS = [
    ("“Rates will climb,” said Henrik Aalders, an analyst at Bremen-based ISL.",
     ["Henrik Aalders"]),
    ("Park Hyun-jung, a director at Statistics Korea, said: “Births fell again.”",
     ["Park Hyun-jung"]),
    ("“The river rose fast,” Ai Kang, a villager in Jiangcheng County, told Xinhua.",
     ["Ai Kang"]),
    ("Cynthia Thompson, curator of exhibits at the University of Arkansas, Fayetteville, "
     "said, “These images are documents.”", ["Cynthia Thompson"]),
    ("“We saw the flash,” said Lt. Maria Gomez aboard the USS Portland.", ["Maria Gomez"]),
    ("“We will dock tomorrow,” said Cmdr. Lisa Park, speaking aboard the USS Portland.",
     ["Lisa Park"]),
    ("“Births fell again,” said Park Hyun-jung, a director at Statistics Korea.",
     ["Park Hyun-jung"]),
    ("Aboard the USS Portland, Lt. Maria Gomez said: “We saw the flash.”", ["Maria Gomez"]),
    ("Capt. Rita Vance spoke aboard the USS Portland. “We are ready,” she said.",
     ["Rita Vance"]),
    # negatives: a name that is the apposition stays the speaker
    ("A spokesman, Callum Reid, says the plan is “unusual, but fine.”", ["Callum Reid"]),
    ("“We will win,” Khaled Al-Maeena, editor at the Saudi Gazette, said.",
     ["Khaled Al-Maeena"]),
]

# 4. descriptor back-references: nationality, age, role
DESCRIPTORS = [
    ("Ethiopian runner Tigist Bekele won. “I felt strong,” the Ethiopian said.",
     ["Tigist Bekele"]),
    ("Kenyan runner Faith Kipyegon won again. “I felt strong,” the Kenyan said.",
     ["Faith Kipyegon"]),
    ("Tom Reyes, 24, won the final. “I felt strong,” the 24-year-old said.", ["Tom Reyes"]),
    ("British player Emma Raducanu won. “I’m thrilled,” the Briton said after beating "
     "Serena Williams.", ["Emma Raducanu"]),
    ("Faith Kipyegon, 30, won. “I felt strong,” the 30-year-old told reporters.",
     ["Faith Kipyegon"]),
    ("Health Minister Ana Costa visited. “We are ready,” the minister said.", ["Ana Costa"]),
    ("Restorer Chiara Esposito spent a year on it. “It was fragile,” the restorer added.",
     ["Chiara Esposito"]),
    ("“It was my day,” said Faith Kipyegon. “I felt strong,” the champion added.",
     ["Faith Kipyegon", "Faith Kipyegon"]),
    # unresolvable age/role: the latest person rather than the descriptor itself
    ("Jane Doe won the heat. “I won,” the 24-year-old said.", ["Jane Doe"]),
    # German age compound
    ("Werner Haubold (63) führt den Betrieb. „Heute bin ich allein“, sagt der 63-Jährige.",
     ["Werner Haubold"]),
    # negatives: group nouns and organisations ending like demonyms stay what they are
    ("Jane Roe left early. “We are shocked,” the family said.", ["the family"]),
    ("Taliban spokesman Zabihullah Mujahid spoke. “We will not stop,” the Taliban said.",
     ["Taliban"]),
    ("Pope Leo spoke at noon. “We pray for peace,” the Vatican said.", ["Vatican"]),
]

# 5. turn-taking: a person introduced right before wins over an older speaker
TURNS = [
    ("“It was awful,” said Mark Hill. Linda Sorensen, a witness, said: “People screamed.”",
     ["Mark Hill", "Linda Sorensen"]),
    ("“We evacuated everyone,” said fire chief Dan Brooks.\n\nLinda Sorensen, a witness, "
     "said: “The smoke was black.”\n\n“I ran,” she added.",
     ["Dan Brooks", "Linda Sorensen", "Linda Sorensen"]),
    ("“We evacuated everyone,” said fire chief Dan Brooks.\n\nCarla Menendez said the "
     "drivers had ignored the signs. “People did not slow down at all.”",
     ["Dan Brooks", "Carla Menendez"]),
    ("“We evacuated everyone,” said fire chief Dan Brooks. “It was chaos.”\n\nCarla "
     "Menendez, who lives nearby, heard the blast.\n\n“The windows shook,” she said.",
     ["Dan Brooks", "Dan Brooks", "Carla Menendez"]),
    ("“It was awful,” said Mark Hill. Carla Menendez, who was driving, said the crash was "
     "terrible. “I saw everything.”", ["Mark Hill", "Carla Menendez"]),
    ("“It was awful,” Mark Hill said.\n\nAnother driver, Tom Baker, stopped to help. “I just "
     "ran over,” he said.", ["Mark Hill", "Tom Baker"]),
    ("“It was awful,” Mark Hill said. Police spokeswoman Jane Kerr said officers arrived "
     "within minutes. “We acted fast,” she said.", ["Mark Hill", "Jane Kerr"]),
    # a first name introduced with a kinship noun takes the pronoun
    ("“It is ours,” says landlord Tom Briggs.\n\nHis wife Mary isn’t so sure. “We’re "
     "hanging on,” she says.", ["Tom Briggs", "Mary"]),
    # negative: the same speaker reported again keeps the quote
    ("“It was awful,” said Mark Hill. He said the crash was terrible. “I saw everything.”",
     ["Mark Hill", "Mark Hill"]),
    # negative: without a new person, the pronoun stays with the speaker
    ("“We evacuated everyone,” said fire chief Dan Brooks.\n\nThe fire burned for hours."
     "\n\n“It was chaos,” he said.", ["Dan Brooks", "Dan Brooks"]),
]

# 6. German: trailing objects, present-tense feature verbs, Swiss «…»
GERMAN = [
    ("„Das war knapp“, sagte Gerd Lämmerhirt der Deutschen Presse-Agentur.",
     ["Gerd Lämmerhirt"]),
    ("Werner Haubold führt den Betrieb seit dreißig Jahren und kennt die Sorgen der Branche. "
     "„Das ist schwer“, sagte Haubold das Handwerk sei in Not und die Politik müsse handeln.",
     ["Werner Haubold"]),
    ("Werner Haubold führt den Betrieb. „Das ist schwer“, sagt Haubold.", ["Werner Haubold"]),
    ("Werner Haubold führt den Betrieb. „Das ist schwer“, erzählt Haubold.",
     ["Werner Haubold"]),
    ("Werner Haubold führt den Betrieb. „Das ist schwer“, meint Haubold.", ["Werner Haubold"]),
    ("Werner Haubold führt den Betrieb. „Das ist schwer“, erinnert sich Haubold.",
     ["Werner Haubold"]),
    ("Werner Haubold führt den Betrieb. „Das ist schwer“, schwärmt Haubold.",
     ["Werner Haubold"]),
    ("Werner Haubold führt den Betrieb. „Das ist schwer“, findet Haubold.", ["Werner Haubold"]),
    ("Werner Haubold führt den Betrieb. „Das ist schwer“, so Haubold.", ["Werner Haubold"]),
    ("Werner Haubold führt den Betrieb. „Das ist schwer“, sagt er.", ["Werner Haubold"]),
    ("Werner Haubold führt den Betrieb. «Das ist schwer», sagt Haubold.", ["Werner Haubold"]),
    ("Werner Haubold führt den Betrieb in Bern. Haubold betont: «Das ist schwer.»",
     ["Werner Haubold"]),
    ("„Die Lage ist ernst“, ergänzt Müllers Kollegin Anna Weber.", ["Anna Weber"]),
    ("„Die Lage ist ernst“, betont der Sprecher der Stadtwerke, Max Müller.", ["Max Müller"]),
    ("Max Müller ist seit 20 Jahren Sprecher. „Die Lage ist ernst“, sagt der Sprecher.",
     ["Max Müller"]),
    ("Kanzler Olaf Scholz sprach. „Wir handeln“, sagte der Kanzler.", ["Olaf Scholz"]),
    ("„Wir hatten Glück“, erzählt die 58-jährige Anna Weber.", ["Anna Weber"]),
    ("Erklärt Werner Haubold: „Das ist schwer.“", ["Werner Haubold"]),
    # negative: "von der" belongs to the name
    ("„Wir stehen fest“, sagte Ursula von der Leyen.", ["Ursula von der Leyen"]),
]

# 7. Spanish: verbs, both orders, dash attributions inside and after the quote
SPANISH = [
    ("«Es muy difícil», señaló Vicent Ferrandis.", ["Vicent Ferrandis"]),
    ("Vicent Ferrandis explicó: «Es muy difícil».", ["Vicent Ferrandis"]),
    ("«Es muy difícil» —dice Vicent Ferrandis—.", ["Vicent Ferrandis"]),
    ("«Es muy difícil —dice Vicent Ferrandis—, pero seguimos».", ["Vicent Ferrandis"]),
    ("Vicent Ferrandis lleva treinta años en el campo. «Es muy difícil» —explica—.",
     ["Vicent Ferrandis"]),
    ("“Es muy difícil”, aseguró Lucía Gómez.", ["Lucía Gómez"]),
    ("«Es muy difícil», lamentó Lucía Gómez.", ["Lucía Gómez"]),
    ("«Es muy difícil», subrayó Lucía Gómez.", ["Lucía Gómez"]),
    ("«Es muy difícil», según Lucía Gómez.", ["Lucía Gómez"]),
    ("«Es muy difícil», cuenta Lucía Gómez.", ["Lucía Gómez"]),
    ("Lucía Gómez dirige la cooperativa. «Es muy difícil», reconoció.", ["Lucía Gómez"]),
    # verb-first sentences, "Para X", datives with a common noun
    ("Vicent Ferrandis cultiva chufa. Explica Ferrandis: «Esto es lo que sé hacer».",
     ["Vicent Ferrandis"]),
    ("Vicent Ferrandis cultiva chufa. Cuenta Ferrandis que «esto es lo que sé hacer».",
     ["Vicent Ferrandis"]),
    ("Vicent Ferrandis cultiva chufa. Asegura que «esto es lo que sé hacer».",
     ["Vicent Ferrandis"]),
    ("«Esto es lo que sé hacer», explicó a este periódico Vicent Ferrandis.",
     ["Vicent Ferrandis"]),
    ("Para Vicent Ferrandis, «esto es lo que sé hacer».", ["Vicent Ferrandis"]),
    # negative: a given name that is also an English verb is kept
    ("“We will win,” said Said Jalili.", ["Said Jalili"]),
    # EFE / Europa Press: perfect tenses, datives, "la ministra" back-references
    ("«No vamos a permitirlo», ha señalado el portavoz del PP, Borja Sémper, en rueda de "
     "prensa.", ["Borja Sémper"]),
    ("«No vamos a permitirlo», ha dicho Borja Sémper.", ["Borja Sémper"]),
    ("Según ha explicado Borja Sémper, «no vamos a permitirlo».", ["Borja Sémper"]),
    ("«No vamos a permitirlo», indicó a Europa Press Borja Sémper.", ["Borja Sémper"]),
    ("«No vamos a permitirlo», dijo a EFE la alcaldesa de Valencia, María José Catalá.",
     ["María José Catalá"]),
    ("La ministra de Trabajo, Yolanda Díaz, habló ayer. «No vamos a permitirlo», dijo la "
     "ministra.", ["Yolanda Díaz"]),
    # negative: the outlet told is not the speaker
    ("El economista Raúl Fuentes advirtió que el crecimiento podría frenarse. “Eso se va a "
     "notar”, dijo a The Associated Press.", ["Raúl Fuentes"]),
    # a role noun as the subject of a colon-introduced quote
    ("La ministra de Sanidad, Carmen Ortiz, presentó el plan. Preguntada por los plazos, la "
     "ministra se mostró tranquila: «Llegaremos a tiempo».", ["Carmen Ortiz"]),
    # negative: a null subject with nobody to refer to stays unattributed
    ("«No vamos a permitirlo», insistió.", [None]),
]

# 8. French: verbs, « … », raconte X, quotes after a colon, "Pour X"
FRENCH = [
    ("« C’est difficile », raconte Camille Dufresne.", ["Camille Dufresne"]),
    ("« C’est difficile », estime Camille Dufresne.", ["Camille Dufresne"]),
    ("« C’est difficile », déplore Camille Dufresne.", ["Camille Dufresne"]),
    ("« C’est difficile », a expliqué Camille Dufresne.", ["Camille Dufresne"]),
    ("Pour Camille Dufresne : « C’est difficile. »", ["Camille Dufresne"]),
    ("Selon Camille Dufresne, « c’est difficile ».", ["Camille Dufresne"]),
    ("Camille Dufresne, vigneronne à Cahors, prévient : « C’est difficile. »",
     ["Camille Dufresne"]),
    ("Camille Dufresne tient la boutique. « C’est difficile », confie-t-elle.",
     ["Camille Dufresne"]),
    ("« C’est inacceptable », juge Anne Hidalgo.", ["Anne Hidalgo"]),
    ("« C’est inacceptable », s’indigne Anne Hidalgo.", ["Anne Hidalgo"]),
    ("Le maire de Lyon, Grégory Doucet, a réagi. « C’est grave », a déclaré le maire.",
     ["Grégory Doucet"]),
    # negative: a role never named stays literal, not the last (other) speaker
    ("« Nous payons », a dit le ministre de l’Agriculture, Marc Fesneau. Le préfet "
     "reconnaît que « les aides arrivent tard ».", ["Marc Fesneau", "Le préfet"]),
    ("Camille Dufresne, 42 ans, se souvient : « Tout a brûlé en une nuit. »",
     ["Camille Dufresne"]),
    ("Camille Dufresne a tout perdu en 2023 dans l’incendie de sa ferme : « Tout a brûlé en "
     "une nuit. »", ["Camille Dufresne"]),
    ("« Tout a brûlé », reconnaît la préfète, Catherine Séguin.", ["Catherine Séguin"]),
    # an organisation name with a lower-case continuation
    ("Selon le Regroupement des locataires unis, c’est « une bonne nouvelle ».",
     ["Regroupement des locataires unis"]),
    # negative: "Pour" before a common noun phrase names no speaker
    ("Pour la première fois, « tout est calme », a déclaré Marie Dupont.", ["Marie Dupont"]),
]

# 10. real Wikinews conventions
WIKINEWS = [
    ("Matthew Ingram of the Globe and Mail wrote: “The site is a mess.”", ["Matthew Ingram"]),
    ("Writing in a blog post, Matthew Ingram of The Globe and Mail dubbed the conflict: "
     "“Scientology vs. the Internet”.", ["Matthew Ingram"]),
    ("Matthew Ingram of the Globe and Mail covered it. Ingram wrote that the site is “a mess "
     "of Tom Cruise fans”.", ["Matthew Ingram"]),
    ("“Tom Cruise is everywhere,” wrote Matthew Ingram.", ["Matthew Ingram"]),
    ("“So far, it's the Internet: 1, Scientology: 0.” - Matthew Ingram", ["Matthew Ingram"]),
    ("Jane Roe told Wikinews: “We are ready.”", ["Jane Roe"]),
    ("Jane Roe stated in an email: “We are ready.”", ["Jane Roe"]),
    ("Jane Roe blogged: “We are ready.”", ["Jane Roe"]),
    ("The site said it would appeal. Its founder, Ben Ortiz, told Wikinews: “We go on.”",
     ["Ben Ortiz"]),
    ("Critics like campaigner Caitlin Boswell spoke out, with Boswell stating: “This is "
     "clumsy and unthinking.”", ["Caitlin Boswell"]),
    ("“Prompted by the video, a new obsession is here.” Anonymous blogger, “Anon declares "
     "war”", ["Anonymous blogger", None]),
    # negative: "X said," between two halves of a quote is a reporting clause, not a signature
    ("“We won,” Smith said, “and we will win again.”", ["Smith", "Smith"]),
    # a person named inside the quotation is not its speaker
    ("Andy Warhol was famous.\n\nFor Kevin Allton, a USI instructor, Warhol was a legend. He "
     "said, “Andy Warhol was the center of the Zeitgeist.”", ["Kevin Allton"]),
]

TABLES = {
    "roles": ROLES,
    "orgs": ORGS,
    "appositions": APPOSITIONS,
    "descriptors": DESCRIPTORS,
    "turns": TURNS,
    "german": GERMAN,
    "spanish": SPANISH,
    "french": FRENCH,
    "wikinews": WIKINEWS,
}
ALL = [(name, body, want) for name, table in TABLES.items() for body, want in table]


@pytest.mark.parametrize(
    ("table", "body", "want"), ALL, ids=[f"{t}:{b[:40]}" for t, b, _ in ALL]
)
def test_speaker_convention(table: str, body: str, want: list[str | None]) -> None:
    assert speakers(body) == want


# whole features (de/es/fr): leads ending in a quote, age descriptors, null subjects,
# dashes, colons, "Pour la présidente …, X :", "Selon lui"
ES = """La huerta valenciana resiste

Por Marta Soler

VALENCIA, 3 mar (EFE).- Vicent Ferrandis tiene 67 años y lleva medio siglo cultivando chufa en Alboraia. «Esto es lo que sé hacer» —dice mientras señala el campo—. «Mis hijos no quieren seguir».

La consejera de Agricultura, Pilar Bernabé, defendió el plan del Gobierno. «Vamos a proteger la huerta», afirmó Bernabé en rueda de prensa.

Según el sindicato La Unió, los precios han caído un 20 %. «No cubrimos costes», advirtió su portavoz, Carles Peris.

Amparo Climent, agricultora de Meliana, lo tiene claro: «Sin agua no hay huerta».

«Cada año es peor», lamenta. «Pero aquí seguimos».

El alcalde, Josep Ramon Tíscar, aseguró que el Ayuntamiento ayudará. «No os vamos a dejar solos», subrayó.

«La tierra es vida —explica Ferrandis—, y sin ella no somos nada».
"""
FR = """Dans le Lot, les vignerons face au gel

Par Claire Martin

Camille Dufresne, vigneronne à Cahors, a perdu la moitié de sa récolte. « On n’avait jamais vu ça », raconte-t-elle.

Son voisin, Jean-Marc Lherm, estime que « le climat a changé ». « Il faut s’adapter ou disparaître », prévient-il.

Pour la présidente de la chambre d’agriculture, Sophie Garric : « L’État doit agir vite. »

« Nous avons débloqué 10 millions d’euros », a assuré le ministre de l’Agriculture, Marc Fesneau.

Le préfet reconnaît que « les aides arrivent tard ». Selon lui, « tout sera versé avant l’été ».

Camille Dufresne, elle, reste prudente : « On verra bien. »

« C’est notre vie », souligne Jean-Marc Lherm.
"""
DE = """Ein Handwerk stirbt aus

Von Anna Berger

Werner Haubold steht seit 40 Jahren in seiner Werkstatt in Plauen. „Früher hatten wir zwölf Gesellen“, erzählt der 63-Jährige. „Heute bin ich allein.“

„Das Handwerk hat goldenen Boden, hieß es mal“, sagt Haubold und lacht bitter.

Gerd Lämmerhirt vom Zentralverband des Deutschen Handwerks kennt das Problem. „Uns fehlen 250 000 Fachkräfte“, sagte Lämmerhirt der Deutschen Presse-Agentur.

Die Handwerkskammer Chemnitz schlägt Alarm. „Die Lage ist ernst“, betont Präsident Frank Wagner.

Haubold erinnert sich gern an die Anfänge. „Das war eine schöne Zeit“, schwärmt er.

„Ich mache weiter, solange ich kann“, sagt Haubold. „Was soll ich sonst machen?“

Auch in der Schweiz ist die Lage ähnlich. «Wir finden keine Lehrlinge», sagt Beat Zürcher, Schreiner in Bern.
"""


FEATURE_SPEAKERS = {
    "es": [
        "Vicent Ferrandis", "Vicent Ferrandis", "Pilar Bernabé", "Carles Peris",
        "Amparo Climent", "Amparo Climent", "Amparo Climent", "Josep Ramon Tíscar",
        "Vicent Ferrandis",
    ],
    "fr": [
        "Camille Dufresne", "Jean-Marc Lherm", "Jean-Marc Lherm", "Sophie Garric",
        "Marc Fesneau", "Le préfet", "Le préfet", "Camille Dufresne", "Jean-Marc Lherm",
    ],
    "de": [
        "Werner Haubold", "Werner Haubold", "Werner Haubold", "Gerd Lämmerhirt",
        "Frank Wagner", "Werner Haubold", "Werner Haubold", "Werner Haubold", "Beat Zürcher",
    ],
}


@pytest.mark.parametrize(("lang", "text"), [("es", ES), ("fr", FR), ("de", DE)])
def test_feature_speakers(lang: str, text: str) -> None:
    art = read_article(text)
    assert art.language == lang
    assert art.standfirst is None  # a lead paragraph ending in „…“ is body copy
    assert [q.speaker for q in art.quotes] == FEATURE_SPEAKERS[lang]


EN = """Storm batters coastal towns

Tuesday, March 4, 2025

A severe storm struck the coast on Monday, killing three people, officials said.

"The damage is extensive," said Harold Finch, a spokesman for the Department of Emergency Services. "Crews are working around the clock."

Linda Sorensen, a teacher who lives near the harbour, told Wikinews: "I have never seen waves like that. The whole pier is gone."

Restorer Chiara Esposito, who works at the town museum, said water had reached the paintings. "We moved what we could," the restorer said. "Some canvases are lost."

Transport for NSW said in a statement that roads would reopen. "Safety is our priority," the agency said.

Analyst Henrik Aalders of Bremen-based ISL said insurers faced losses. "This will cost billions," Aalders wrote in a note to clients.

Mayor Tom Reyes, 44, praised the volunteers. "They were heroes," the 44-year-old said, adding that "nobody asked them to come."

On Twitter, resident Carla Menendez posted: "Thank you to everyone who helped. Tom Reyes was out there all night."

The Bureau of Meteorology and Climate said more storms were likely. "We expect another front on Thursday," the bureau said.

Sorensen said the community would rebuild. "We always do," she said.
"""


def test_english_report_speakers() -> None:
    art = read_article(EN)
    assert [q.speaker for q in art.quotes] == [
        "Harold Finch", "Harold Finch", "Linda Sorensen", "Chiara Esposito", "Chiara Esposito",
        "Transport for NSW", "Henrik Aalders", "Tom Reyes", "Tom Reyes", "Carla Menendez",
        "the Bureau of Meteorology and Climate", "Linda Sorensen",
    ]
