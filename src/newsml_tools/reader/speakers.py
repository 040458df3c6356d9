"""Speaker names: find name runs, strip titles/possessives/appositions, and canonicalise
to the fullest form seen in the article ("Putin" -> "Vladimir Putin")."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from newsml_tools.reader.names import ORG_RE, looks_like_org
from newsml_tools.reader.verbs import PRONOUNS, VERB_FIRST

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_PARTICLE = r"(?:van|von|de|der|den|da|di|du|la|le|bin|al|el|ibn|dos|das|del|of|y|&)"
# "Khaled el-Sayed", "Suleiman al-Amr": a lower-case particle joined by a hyphen
_PREFIXED = r"(?:al|el|ad|ar|as|ash|bin|ibn|abu|ben|de|da|di|du|van|von|le|la)-[A-ZÀ-ÖØ-Þ][\w'’.-]*"
# What can follow the space inside a run: a capital, or the first letter of a particle or
# of a prefixed surname. The lookahead only prunes (every continuation starts with one),
# so the engine stops trying some forty particles after "Putin said".
_RUN_GOES_ON = r"(?=[A-ZÀ-ÖØ-Þvdlbaeioy&])"
NAME_RUN = re.compile(
    _CAP
    + r"(?:[^\S\n]+"
    + _RUN_GOES_ON
    + r"(?:"
    + _PARTICLE
    + r"[^\S\n]+)*(?:"
    + _CAP
    + "|"
    + _PREFIXED
    + r"))*"
)
# "al-Faisal said": a run that starts with a lower-case particle (found by ``name_runs``)
_PREFIX_BACK = re.compile(
    r"(?<![\w-])(?:al|el|ad|ar|as|ash|bin|ibn|abu|ben|de|da|di|du|van|von|le|la)-$"
)
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_POSSESSIVE_ENDS = ("'s", "’s", "s'", "s’")

_TITLE_WORDS = """
mr mrs ms miss dr prof professor president vice prime minister secretary senator sen rep
representative gov governor mayor chancellor general gen lt col colonel major maj capt
captain sgt sergeant chief judge justice king queen prince princess pope rev reverend
father sir dame lord lady ambassador commissioner director chairman chairwoman chair ceo
spokesman spokeswoman spokesperson leader deputy foreign defence defense interior
finance health home state secretary-general attorney administrator coach manager
superintendent detective inspector officer constable herr frau monsieur m mme madame
premier emeritus senior shadow assistant associate executive head commander admiral
marshal sheikh emir crown archbishop bishop cardinal rabbi imam dean principal
councillor councilman councilwoman congressman congresswoman chairperson treasurer
kanzler kanzlerin präsident präsidentin ministerin außenminister außenministerin
ministre présidente presidente sr jr first lady economy trade education labor labour
transport energy environment agriculture justice u.s us uk eu un national security
adviser advisor special envoy affairs international sheriff tourism culture
interior immigration police fire army navy air force chief executive officer cfo coo
undersecretary under-secretary lieutenant governor-general cmdr commander adm maj cpl pvt
supt insp det brig msgr amb atty cllr ayatollah sultan mufti patriarch
"""
TITLES = frozenset(_TITLE_WORDS.split())
_STOP_WORDS = """
the a an in on at during following after before but and however meanwhile this that
these those when while as if yesterday today tomorrow last speaking according citing
despite although his her its their our my it he she they we i there here what why how
where who also since until under over for from with by of to earlier later then now so
both all some many most one two three several another other such each every no not asked
told monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december der die das ein eine le
la les un une el los las dans en mais et selon según segun secondo laut pour par avec sans ou donc
con sin por para pero y o del al il lo gli della nel nella für mit von bei nach aus am im
zum zur aber oder wie als auch d’après d'après
"""
_CAP_STOPWORDS = frozenset(_STOP_WORDS.split())
_ROLE_TEXT = """
promoter passenger resident producer singer songwriter mp mep greens researcher scientist
analyst economist lawyer witness farmer student teacher doctor nurse owner founder actor
actress coach player author writer poet artist musician guitarist drummer activist
campaigner organiser organizer volunteer survivor victim mother neighbour neighbor
shopkeeper driver commuter fan visitor tourist expert strategist trader investor official
firefighter paramedic pilot engineer worker miner fisherman rancher grower chef historian
architect designer photographer filmmaker curator lecturer headteacher pastor priest referee
striker goalkeeper midfielder defender veteran retiree pensioner shopper parent grandmother
grandfather widow homeowner tenant landlord customer patient mechanic electrician vendor
glaciologist biologist epidemiologist physician surgeon nurse midwife lifeguard spokesman
restorer co-author coauthor astronaut cosmonaut curator conservator archivist librarian
spokeswoman spokesperson professor lecturer economist analyst researcher lawyer attorney
barrister solicitor prosecutor advocate consultant adviser advisor entrepreneur
executive manager director chairman chairwoman president novelist playwright composer
conductor dancer choreographer sculptor winemaker vintner plumber builder blacksmith
craftsman owner-operator journalist reporter editor columnist blogger broadcaster
presenter commentator captain skipper diver climber mountaineer explorer runner cyclist
swimmer skier boxer wrestler jockey sprinter marathoner centre-back fullback quarterback
batsman teammate co-founder cofounder inventor developer programmer scientist physicist
chemist geologist astronomer astrophysicist archaeologist anthropologist sociologist
psychologist psychiatrist ecologist zoologist botanist oceanographer meteorologist
climatologist volcanologist seismologist paleontologist veterinarian dentist pharmacist
therapist paramedic soldier sergeant lighthouse-keeper innkeeper publican landlady
bartender waiter waitress farmer shepherd beekeeper fisherwoman villager resident mayor
councillor lawmaker legislator senator diplomat ambassador envoy negotiator organiser
protester demonstrator striker unionist spokesman witness survivor critic reviewer
historian ministra ministro ministre alcalde alcaldesa portavoz presidenta consejera
consejero concejal concejala secretaria secretario directora gerente vecina vecino
agricultora agricultor maire préfet préfète député députée sénateur sénatrice adjoint
adjointe directrice porte-parole syndicaliste vigneronne vigneron agricultrice
agriculteur sindaco sindaca assessore assessora ministro portavoce sprecher sprecherin
kollege kollegin nachbar nachbarin chef chefin mitarbeiter mitarbeiterin inhaber inhaberin
gründer gründerin geschäftsführer geschäftsführerin bürgermeister bürgermeisterin
leiter leiterin landrat landrätin anwohner anwohnerin winzer winzerin
"""
_ROLES = frozenset(_ROLE_TEXT.split())
_PLURAL_HEADS = frozenset(
    [
        "Shares",
        "Stocks",
        "Sales",
        "Profits",
        "Customers",
        "Users",
        "Employees",
        "Workers",
        "Investors",
        "Owners",
        "Fans",
        "Members",
        "Residents",
        "Officials",
        "Executives",
        "Staff",
    ]
)
# German compound job nouns before a name: "Gewerkschaftschef", "Bürgermeisterin"
_DE_ROLE = re.compile(
    r"(?=\w{8,})[A-ZÄÖÜ][a-zäöüß]+(?:chef|chefin|leiter|leiterin|sprecher|sprecherin|minister"
    r"|ministerin|meister|meisterin|führer|führerin|präsident|präsidentin|rätin|experte|expertin"
    r"|forscher|forscherin|lehrer|lehrerin|trainer|trainerin|arbeiter|arbeiterin|berater"
    r"|beraterin|vorsitzende|vorsitzender|studentin|loge|login|istin|entin|antin|eurin|erin|tin"
    r"|kanzler|kanzlerin)"
)
# a party or body, a hyphen, a job: "CDU-Chef", "FDP-Fraktionschef", "SPD-Vorsitzende"
_PREFIXED_ROLE = re.compile(r"[A-ZÄÖÜ][\wÄÖÜäöüß]*-(?P<role>[A-ZÄÖÜ][a-zäöüß]+)")
_EN_ROLE = re.compile(r"[A-Z][a-z]{4,}(?:ist|ician|ologist|grapher|eur)")  # "Scientologist"
_AGENT = re.compile(r"(?:Sprecher(?:in)?|Spokes(?:man|woman|person)|Porte-parole|Portavoz)", re.I)
_OF_WORDS = frozenset({"der", "des", "von", "of", "for", "de", "du", "del", "della"})
_DE_ORG_TYPE = re.compile(
    r"[A-ZÄÖÜ]\w*(?:organisation|verband|gewerkschaft|partei|konzern|unternehmen|behörde"
    r"|gruppe|initiative|verein|stiftung)"
)
_DE_OBJECT_ARTICLES = frozenset({"der", "dem", "den", "des"})  # "das": see attribution
_NAME_PARTICLES = frozenset({"von", "van", "zu", "vom", "de", "la", "ter", "op"})
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ian|ese|ish|i|ch)$")


def _tokens(run: str) -> list[str]:
    return run.split()


@lru_cache(maxsize=4096)
def clean_name(run: str) -> str:
    """Strip leading stopwords, titles ("Russian President", "U.S. Secretary of State")
    and a trailing possessive; person names only lose titles, organisations keep them."""
    toks = [t.rstrip(",;:") for t in _tokens(run)]
    while toks and toks[0].lower().rstrip(".") in _CAP_STOPWORDS:
        toks = toks[1:]
    if len(toks) >= 2 and toks[0][:1].isupper() and toks[0].lower() in VERB_FIRST:
        toks = toks[1:]  # "Explica Ferrandis": a sentence-initial verb, then the name
    if len(toks) >= 3 and toks[0] in _PLURAL_HEADS and toks[1] in ("of", "at"):
        toks = toks[2:]  # "Shares of Andes Salares SA": the company
    if not toks:
        return ""
    if toks[-1].endswith(_POSSESSIVE_ENDS):  # ``_POSSESSIVE.sub`` on a whitespace-free token
        # "Putin's" -> "Putin"; "Thomas'" -> "Thomas" (only the apostrophe goes)
        toks[-1] = toks[-1][:-1] if toks[-1][-1] in "'’" else toks[-1][:-2]
    if len(toks[-1]) > 2 and toks[-1].endswith(".") and toks[-1][-2].islower():
        toks[-1] = toks[-1][:-1]  # sentence full stop, not an abbreviation
    if not toks[-1]:
        toks = toks[:-1]
    if not toks:
        return ""
    if len(toks) >= 2 and toks[-1].rstrip(".").lower() in ("jr", "sr", "ii", "iii", "iv"):
        # "Martin Luther King Jr.": clean the name, keep the suffix
        rest = clean_name(" ".join(toks[:-1]))
        return f"{rest} {toks[-1]}" if rest else ""
    whole = " ".join(toks)
    if len(toks) >= 3 and _AGENT.fullmatch(toks[0]) and toks[1].lower() in _OF_WORDS:
        return " ".join(toks[2:])  # "Sprecherin der Bahnverkehr AG" speaks for the company
    if len(toks) >= 2 and _DE_ORG_TYPE.fullmatch(toks[0]):
        return " ".join(toks[1:])  # "Umweltorganisation Alpenschutz"
    person = _person_part(toks)
    if looks_like_org(whole):
        # "Refugee Council Enver Solomon": the organisation, then a person's name
        org_at = [i for i, t in enumerate(toks) if ORG_RE.fullmatch(t.rstrip(".,"))]
        if org_at and org_at[-1] <= len(toks) - 3 and toks[org_at[-1] + 1][:1].isupper():
            rest = _person_part(toks[org_at[-1] + 1 :])
            if len(rest.split()) >= 2 and not looks_like_org(rest):
                return rest
        # "Defence Minister Andrei Belousov" is a person; "Ministry of National Defense" not
        if len(person.split()) >= 2 and not looks_like_org(person):
            return person
        return whole
    return person


def _job_token(tok: str) -> bool:
    """A job noun before a name, plain or compound ("Promoter", "Gewerkschaftschef",
    "CDU-Chef", "Scientologist")."""
    if tok.lower() in _ROLES or _DE_ROLE.fullmatch(tok) or _EN_ROLE.fullmatch(tok):
        return True
    m = _PREFIXED_ROLE.fullmatch(tok) if "-" in tok else None
    if m is None:
        return False
    role = m.group("role")
    return role.lower() in _ROLES or role.lower() in ("chef", "chefin") or bool(
        _DE_ROLE.fullmatch(role))


def _person_part(toks: list[str]) -> str:
    """Drop everything up to the last title word that still leaves a name after it,
    job nouns ("Promoter Sandra Kenny"), and trailing "of ..."/"von der ..." phrases."""
    last_title = -1
    for i, t in enumerate(toks[:-1]):
        nxt = toks[i + 1].lower().rstrip(".")
        if t.lower().rstrip(".") in TITLES or (_DEMONYM.fullmatch(t) and nxt in TITLES):
            last_title = i
    if last_title >= 0 and toks[last_title + 1] in ("for", "and"):
        last_title = -1  # "Transport for NSW": the "title" begins an organisation's name
    toks = toks[last_title + 1 :]
    while len(toks) >= 3 and _job_token(toks[0]):
        toks = toks[1:]
    if len(toks) >= 4 and toks[1].lower() in _ROLES and toks[0].endswith("s"):
        toks = toks[2:]  # German genitive: "Müllers Kollegin Anna Weber"
    if len(toks) >= 2 and toks[0].lower() in _ROLES:
        toks = toks[1:]
    for k in range(1, len(toks) - 1):
        # "Gerd Lämmerhirt der Deutschen Presse-Agentur" / "Haubold das Handwerk": a German
        # article after the name starts its object, unless it is part of "von der"
        if (
            toks[k] in _DE_OBJECT_ARTICLES
            and toks[k - 1].lower() not in _NAME_PARTICLES
            and toks[k + 1][:1].isupper()
            and toks[k - 1][:1].isupper()
        ):
            toks = toks[:k]
            break
    for particle in ("von", "de", "van", "du", "di", "da") if len(toks) > 2 else ():
        if particle in toks[2:]:  # "Reto Baumgartner von der Eidgenössischen ...": cut
            k = toks.index(particle, 2)
            if len(toks) - k >= 3 or (len(toks) - k >= 2 and looks_like_org(" ".join(toks[k:]))):
                toks = toks[:k]
    if "of" in toks:  # "Matthew Ingram of The Globe" / "Governor of Washington Chris Gregoire"
        k = toks.index("of")
        toks = toks[:k] if k > 0 else (toks[2:] if len(toks) > 3 else toks[1:])
    while toks and toks[0].lower() in ("of", "the", "y"):
        toks = toks[1:]
    return " ".join(toks)


@lru_cache(maxsize=4096)
def is_role_word(word: str) -> bool:
    """A job or title noun ("minister", "ministra", "spokesman", "promoter")."""
    w = word.lower().strip(".,")
    return w in TITLES or w in _ROLES or w.rstrip("a") in TITLES or w.rstrip("e") in TITLES


def is_pronoun(text: str) -> bool:
    return text.strip().lower() in PRONOUNS


_ABBREVIATIONS = frozenset(
    {"Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt"}
    | {"St", "Jr", "Sr", "Inc", "Corp", "Ltd", "Co", "Mt", "Ft", "Rev", "Hon", "Messrs", "Mme"}
    | {"Cmdr", "Adm", "Maj", "Cpl", "Pvt", "Supt", "Insp", "Det", "Brig", "Msgr", "Amb", "Atty"}
    | {"Cllr"}
)


def _sentence_stop(word: str) -> bool:
    """Does the full stop ending ``word`` end a sentence (not "Dr.", "U.S.", "J.")?"""
    stem = word[:-1]
    return len(stem) > 1 and stem not in _ABBREVIATIONS and "." not in stem


_NON_SPACE = re.compile(r"\S+")


def name_runs(text: str, *, split_all: bool = False) -> list[tuple[int, int, str]]:
    """Capitalised runs split after possessives and sentence full stops ("Kendrick
    Moxon. Rathbun wrote" is two runs): (start, end, run). ``split_all`` sends every run
    through the split (the tests compare it with the shortcut)."""
    out: list[tuple[int, int, str]] = []
    for m in NAME_RUN.finditer(text):
        start = m.start()
        run = m.group()
        if start > 2 and text[start - 1] == "-":
            pm = _PREFIX_BACK.search(text, max(0, start - 5), start)
            if pm:
                start, run = pm.start(), text[pm.start() : m.end()]
        # the common case, kept whole: no apostrophe and no full stop before the last
        # character (a full stop ending the run never splits it), or one word (no
        # whitespace at all: a lone word keeps its possessive)
        if not split_all and (
            ("'" not in run and "’" not in run and run.find(".", 0, len(run) - 1) < 0)
            or (" " not in run and run.isprintable())
        ):
            out.append((start, m.end(), run))
        else:
            _split_run(run, start, out)
    return out


def _split_run(run: str, start: int, out: list[tuple[int, int, str]]) -> None:
    """Append the parts of ``run`` (at ``start``) split after possessives and sentence
    full stops."""
    pos = 0
    for tok in _NON_SPACE.finditer(run):
        word = tok.group()
        stop = word.endswith(".") and tok.end() < len(run) and _sentence_stop(word)
        if (len(word) > 2 and word.endswith(("'s", "’s", "s'", "s’"))) or stop:
            end = tok.end() - (1 if stop else 0)
            out.append((start + pos, start + end, run[pos:end]))
            pos = tok.end()
            while pos < len(run) and run[pos].isspace():
                pos += 1
    if pos < len(run):
        out.append((start + pos, start + len(run), run[pos:]))


_ORG_TYPES = (
    r"group|company|firm|union|band|party|ministry|agency|organi[sz]ation|charity|association"
    r"|federation|council|coalition|operator|utility|retailer|airline|bank|network|club|team"
    r"|broadcaster|newspaper|carmaker|maker|supplier|insurer|lender|chain|manufacturer"
    r"|start-?up|institute|foundation|NGO|watchdog|regulator|commission|committee|department"
    r"|lobby|alliance|consortium|developer|hospital|school|university|museum|orchestra"
    r"|miner|automaker|chipmaker|producer|conglomerate|multinational|corporation"
    r"|Gewerkschaft|Verband|Konzern|Unternehmen|Partei|groupe|syndicat|association|entreprise"
)
_ORG_TYPE_SET = frozenset(
    _ORG_TYPES.replace("organi[sz]ation", "organisation|organization")
    .replace("start-?up", "startup|start-up")
    .lower()
    .split("|")
)
# possessive: the lookahead needs a space after the word, so giving letters back never helps
_WORD_BEFORE_CAP = re.compile(r"\b[A-Za-zÀ-ÿ-]{2,}+(?= [A-ZÀ-ÖØ-Þ])")
# Read backwards, a type word before a capital is a capital, a space, then its letters:
# a pattern that starts with a character class, which the regex engine skips to at C
# speed (``_WORD_BEFORE_CAP`` starts with ``\b`` and is tried at every position). The
# lookahead keeps a capital that ends one word's match free to start the next one.
_CAPITAL_THEN_LETTERS_REVERSED = re.compile(r"[A-ZÀ-ÖØ-Þ] (?=([A-Za-z]{2,}+))")
# what that finds of each type word (reversed): its letters after the last hyphen
_ORG_TYPE_TAILS_REVERSED = frozenset(t.rsplit("-", 1)[-1][::-1] for t in _ORG_TYPE_SET)


def type_word_before_capital(text: str) -> bool:
    """Is an organisation type word right before a capitalised word ("group Amazonia")?
    ``not _ORG_TYPE_SET.isdisjoint(map(str.lower, _WORD_BEFORE_CAP.findall(text)))``,
    behind an exact pre-check: every type word is ASCII letters (one also a hyphen), so
    a match ends with a type word's last letters run, read by the reversed pattern."""
    tails = _CAPITAL_THEN_LETTERS_REVERSED.findall(text[::-1])
    if _ORG_TYPE_TAILS_REVERSED.isdisjoint(map(str.lower, tails)):
        return False
    return not _ORG_TYPE_SET.isdisjoint(map(str.lower, _WORD_BEFORE_CAP.findall(text)))


# ``_TO_COMMA_NAME`` needs a comma, whitespace and a capital: texts without one have no roles
_COMMA_CAP = re.compile(r",\s+[A-ZÀ-ÖØ-Þ]")
_ACRONYM = re.compile(r"\((?P<acr>[A-Z][A-Z0-9&.]{1,9})\)")
_ORG_AFTER = re.compile(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?P<type>" + _ORG_TYPES + r")\b")


_DET_WORD = re.compile(
    r"\b(?=[tlLedisEh])(?:the|la|le|el|der|die|il|lo|l['’]|its|their|his|her|son|sa|su|La|Le|El)\s*"
    r"(?P<role>[a-zà-ÿ-]{3,})"
)
_TO_COMMA_NAME = re.compile(r"[^,.;:“”\"«»]{0,60}?,\s+(?P<name>" + NAME_RUN.pattern + r")")
_GENDER_NOUN = re.compile(
    r"\b(?:(spokeswoman|chairwoman|businesswoman|actress|congresswoman|councilwoman|mother"
    r"|daughter|wife|sister|widow|grandmother|ms|mrs|miss)|spokesman|chairman|businessman"
    r"|congressman|councilman|father|son|husband|brother|widower|grandfather|mr)[\s,.]+$"
)
_GENDER_NOUN_SPAN = len("businesswoman")  # the longest ``_GENDER_NOUN`` noun


def _gender_noun(before: str) -> re.Match[str] | None:
    """``_GENDER_NOUN.search(before)``: a match is a noun, then only ``[\\s,.]`` to the
    end, so it starts at most ``_GENDER_NOUN_SPAN`` characters before the last other
    character, and only from there is searched (its ``\\b`` still sees what is before)."""
    k = len(before)
    while k and (before[k - 1] in ",." or before[k - 1].isspace()):
        k -= 1
    return _GENDER_NOUN.search(before, max(0, k - _GENDER_NOUN_SPAN))


_KIN = (
    "wife",
    "husband",
    "daughter",
    "son",
    "mother",
    "father",
    "sister",
    "brother",
    "widow",
    "grandmother",
    "grandfather",
)
_PLACE_PREP = re.compile(r"\b(?:at|in|from|near|to|into|of)\s+(?:the\s+)?$")
_OPEN_QUOTE = re.compile(r"[“„«»\"]|(?<![\w])['‘](?=\w)")
# ``\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\b`` with the boundary checked after the first
# letter, so the search skips from one [HhSs] to the next instead of trying every position
_GENDER_PRONOUN = re.compile(r"(?:[Hh](?<!\w.)(?:e|is|er|im)|[Ss](?<!\w.)he)\b")
# "the city said" after "the Municipality of Livorno" / "Leeds City Council"
_MUNICIPAL = frozenset({"municipality", "council", "city", "town", "comune", "borough"})
_ORG_ALIASES = {"city": _MUNICIPAL, "town": _MUNICIPAL, "municipality": _MUNICIPAL}
_CORPORATE_HEADS = frozenset(
    {"company", "firm", "corporation", "business", "group", "carmaker", "automaker", "miner"}
    | {"chipmaker", "airline", "retailer", "lender", "insurer", "bank", "operator", "giant"}
    | {"producer", "conglomerate", "manufacturer", "maker", "supplier", "utility", "brewer"}
)
_CORPORATE = re.compile(
    r"\b(?:Inc|Corp|Corporation|Ltd|Co|LLC|PLC|plc|GmbH|AG|SA|Group|Company|Holdings|& Sons)\b"
)
_STATEMENT_SUBJECT = re.compile(
    r"(?P<name>" + NAME_RUN.pattern + r"(?: (?:for|of|and) " + NAME_RUN.pattern + r")?)"
    r"\s+(?:said|says|announced|confirmed|added)\s+in\s+a"
    r"\s+(?:statement|filing)"
)
_LOWER_ORG_TYPE = re.compile(r"[A-Z]\w* (?:ministry|department|agency|ministerio|ministère)\b")
_NAME_THEN_TYPE = re.compile(
    r"(?P<name>" + NAME_RUN.pattern + r") (?P<t>ministry|department|agency|ministerio|ministère)\b"
)
_ITS_SUBJECT = re.compile(r"(?P<name>" + NAME_RUN.pattern + r")(?:, which|\s+[a-z]+\s+its)")
_GENDERED = frozenset(
    {"mr", "herr", "monsieur", "m", "sir", "king", "lord", "prince", "father", "mrs", "ms"}
    | {"miss", "frau", "mme", "madame", "dame", "queen", "lady"}
)


@lru_cache(maxsize=4096)
def _run_info(run: str) -> tuple[str, bool, bool, tuple[str, ...], bool]:
    """What ``NameIndex.add_text`` needs of a name run, whatever its context: the clean
    name, whether it is an organisation, whether it is a person's full name (2+ tokens),
    the words before the name (titles, roles) and whether one of the first two words is
    a gendered title."""
    name = clean_name(run)
    if not name:
        return name, False, False, (), False
    org = looks_like_org(name)
    words = run.split()
    lead = tuple(words[: len(words) - len(name.split())])
    gendered = any(w.lower().rstrip(".") in _GENDERED for w in words[:2])
    return name, org, not org and len(name.split()) >= 2, lead, gendered


@dataclass(slots=True)
class NameIndex:
    """Every person name (2+ tokens) and organisation seen, in reading order."""

    persons: list[tuple[int, str]] = field(default_factory=list)  # (order, name)
    orgs: list[tuple[int, str]] = field(default_factory=list)
    org_types: dict[str, str] = field(default_factory=dict)  # "Amazonia Viva" -> "group"
    _by_token: dict[str, list[tuple[str, list[int]]]] | None = None  # built on first look-up
    acronyms: dict[str, str] = field(default_factory=dict)  # "KCNA" -> its full name
    roles: list[tuple[int, str, str]] = field(default_factory=list)  # (order, role, person)
    _gender_tried: set[str] = field(default_factory=set)
    singles: list[tuple[int, str, str]] = field(default_factory=list)  # (order, name, next word)
    gender: dict[str, str] = field(default_factory=dict)
    stmt_orgs: list[tuple[int, str]] = field(default_factory=list)  # "X said in a statement"

    def person_for_role(self, role: str, position: int) -> str | None:
        """The latest person introduced with ``role`` ("minister") before ``position``."""
        best = None
        for pos, r, person in self.roles:
            low = role.lower()
            if pos <= position and (r == low or r.startswith(low[:6]) or r.endswith(low)):
                best = person
        return best

    def _add_roles(self, text: str, order: int) -> None:
        # "la ministra de Trabajo, Teresa Aguirre": a determiner, a role word, ", Name"
        if _COMMA_CAP.search(text) is None:
            return
        for m in _DET_WORD.finditer(text):
            role = m.group("role")
            if not is_role_word(role):
                continue
            tail = _TO_COMMA_NAME.match(text, m.end())
            if tail is None:
                continue
            raw = tail.group("name")
            if "." in raw:  # "Marc Fesneau. Le préfet": up to the sentence's full stop
                raw = name_runs(raw)[0][2]
            name = clean_name(raw)
            if len(name.split()) >= 2 and not looks_like_org(name):
                self.roles.append((order * 100000 + m.start(), role.lower(), name))

    def add_text(self, text: str, order: int) -> None:
        self._add_roles(text, order)
        found = []
        # a type word before a name is rare: C-level tests, then the scan if it is there
        scan = type_word_before_capital(text)
        for m in _WORD_BEFORE_CAP.finditer(text) if scan else ():  # "group Amazonia Viva"
            if m.group().lower() in _ORG_TYPE_SET:
                nm = NAME_RUN.match(text, m.end() + 1)
                if nm:
                    found.append((nm.start(), nm.group(), m.group()))
        for m in _ORG_AFTER.finditer(text):  # "Amazonia Viva, an environmental group"
            head = text[max(0, m.start() - 80) : m.start()]
            runs = name_runs(head)
            if runs and runs[-1][1] == len(head):
                found.append((m.start() - len(head) + runs[-1][0], runs[-1][2], m.group("type")))
        for cue in (" its ", ", which "):
            k = text.find(cue)
            while k >= 0:  # "Volkswagen cut its outlook" / "Andes Salares, which runs"
                s0 = text.rfind(". ", 0, k)
                s0 = 0 if s0 < 0 else s0 + 2
                m = _ITS_SUBJECT.match(text, s0, k + len(cue))
                if m and m.end() == k + len(cue) - 1:
                    name = clean_name(m.group("name"))
                    if name and not is_pronoun(name) and name not in self.gender:
                        self.stmt_orgs.append((order * 100000 + s0, name))
                k = text.find(cue, k + 1)
        if "in a statement" in text or "in a filing" in text:
            for m in _STATEMENT_SUBJECT.finditer(text):  # "Nordlicht Energie said in a statement"
                name = clean_name(m.group("name"))
                if name and not is_pronoun(name) and name not in self.gender:
                    self.stmt_orgs.append((order * 100000 + m.start(), name))
        if ("minist" in text or "department" in text or "agency" in text) and (
            _LOWER_ORG_TYPE.search(text)
        ):
            for m in _NAME_THEN_TYPE.finditer(text):  # "the Agriculture ministry"
                name = clean_name(m.group("name"))
                if name and not is_pronoun(name) and not _POSSESSIVE.search(m.group("name")):
                    self.orgs.append((order * 100000 + m.start("name"), f"{name} {m.group('t')}"))
        for m in _ACRONYM.finditer(text):  # "Korean Central News Agency (KCNA)"
            head = text[max(0, m.start() - 100) : m.start()].rstrip()
            runs = name_runs(head)
            if runs and runs[-1][1] == len(head):
                self.acronyms.setdefault(m.group("acr"), clean_name(runs[-1][2]))
        for start, raw, kind in found:
            name = clean_name(raw)
            if name and not _POSSESSIVE.search(raw) and not is_pronoun(name):
                self.orgs.append((order * 100000 + start, name))
                self.org_types[name] = kind.lower()
        base = order * 100000  # document order of the text's first character
        for start, end, run in name_runs(text):
            name, org, persons_name, lead, run_gendered = _run_info(run)
            if not name:
                continue
            if org:
                if text.startswith((" and ", " for "), end) and run.endswith(name):
                    # "Bureau of Meteorology and Climate", "Transport for NSW": one name
                    link = text[end : end + 5]
                    nm = NAME_RUN.match(text, end + 5)
                    if nm and (link == " for " or " " not in nm.group()):
                        name = f"{name}{link}{nm.group()}"
                self.orgs.append((base + start, name))
            elif persons_name:
                self.persons.append((base + start, name))
                # "Finance Minister Haruto Ishibashi", "promoter Sandra Kenny": a role
                prev = text[max(0, start - 20) : start].split()[-1:]
                for word in reversed([*prev, *lead]):
                    role = word.lower().strip(".,")
                    # (``_DE_ROLE`` needs eight word characters: no regex for shorter)
                    if is_role_word(role) or (len(word) >= 8 and _DE_ROLE.fullmatch(word)):
                        self.roles.append((base + start, role, name))
                        break
                if name not in self.gender and name not in self._gender_tried:
                    self._gender_tried.add(name)  # the first mention tells; later ones rarely
                    self._gender_from_context(text, start, end, name)
            if not org and not persons_name and start > 4:
                e = start - 2 if text[start - 2] == "," else start - 1
                if text.endswith(_KIN, 0, e) and name not in self.gender:
                    # "His wife Mary isn’t so sure": a person, and a gender
                    m = _GENDER_NOUN.search(text[max(0, e - 12) : e] + " ")
                    if m:
                        self.gender[name] = "f" if m.group(1) else "m"
            if not org:  # for pronoun candidates: who acts in a clause
                nxt = text[end : end + 12].split(None, 1)
                self.singles.append((base + start, name, nxt[0] if nxt else ""))
                prefix = text[max(0, start - 6) : start].split()[-1:]
                if run_gendered or (prefix and prefix[0].lower().rstrip(".") in _GENDERED):
                    self._gender_cue(" ".join([*prefix, run]), name)

    def _gender_from_context(self, text: str, start: int, end: int, name: str) -> None:
        """ "Agnes Moray kept the light. She stayed." / "a spokesman, Callum Reid": a
        gendered word right before the name or the next pronoun before any other name."""
        before = text[max(0, start - 30) : start].lower()
        m = _gender_noun(before)
        if m:
            self.gender[name] = "f" if m.group(1) else "m"
            return
        after = text[end : end + 160]
        pm = _GENDER_PRONOUN.search(after)
        if pm:
            if _OPEN_QUOTE.search(after, 0, pm.start()):
                return  # "Mary Jones said “he had a knife”": a pronoun quoted is someone else
            if before.endswith(" ") and _PLACE_PREP.search(before):
                return  # "lived at Carrick Point since 1964. She …": a place
            other = [r for r in name_runs(after[: pm.start()]) if len(r[2]) > 1]
            if not any(clean_name(r[2]) and not looks_like_org(clean_name(r[2])) for r in other):
                self.gender[name] = "f" if pm.group().lower() in ("she", "her") else "m"

    def _gender_cue(self, run: str, name: str) -> None:
        words = [w.lower().rstrip(".") for w in run.split()]
        first = next((w for w in words[:3] if w in _GENDERED), "")
        if first in ("mr", "herr", "monsieur", "m", "sir", "king", "lord", "prince", "father"):
            self.gender.setdefault(name, "m")
        elif first in ("mrs", "ms", "miss", "frau", "mme", "madame", "dame", "queen", "lady"):
            self.gender.setdefault(name, "f")

    def canonical_person(self, name: str, position: int) -> str:
        """The fullest name containing ``name``'s tokens; the latest one mentioned before
        ``position`` wins, then the longest."""
        toks = name.split()
        if not toks:
            return name
        if self._by_token is None:
            # token -> [(full name, its mention positions ascending)], names in order of
            # first mention: one bisect per name instead of a scan of every mention
            grouped: dict[str, dict[str, list[int]]] = {}
            for pos, full in self.persons:
                for t in set(full.split()):
                    grouped.setdefault(t, {}).setdefault(full, []).append(pos)
            self._by_token = {
                t: [(full, sorted(ps)) for full, ps in names.items()]
                for t, names in grouped.items()
            }
        best: tuple[int, int, str] | None = None
        n = len(toks)
        for full, positions in self._by_token.get(toks[0], ()):
            ftoks = full.split()
            if len(ftoks) <= n:
                continue
            if not (ftoks[-n:] == toks or ftoks[:n] == toks or (n == 1 and toks[0] in ftoks[1:])):
                continue
            i = bisect_right(positions, position)
            # the latest mention at or before position, else the earliest after it
            key = (1, positions[i - 1]) if i else (0, -positions[0])
            if best is None or key > best[:2]:
                best = (*key, full)
        return best[2] if best else name

    def canonical_org(self, phrase: str, position: int) -> str:
        """ "the ministry" -> "the Defence Ministry" when such an organisation was named."""
        words = phrase.split()
        if not words:
            return phrase
        head = words[-1].lower()
        best: tuple[int, str] | None = None
        by_type = False
        alias = _ORG_ALIASES.get(head, ())
        for pos, org in self.orgs:
            tokens = [t.lower() for t in org.split()]
            if (
                (
                    head in tokens
                    or self.org_types.get(org) == head
                    or (alias and not alias.isdisjoint(tokens))
                )
                and pos <= position
                and (best is None or pos > best[0])
            ):
                best = (pos, org)
                by_type = bool(alias) or (self.org_types.get(org) == head and head not in tokens)
        if best is None and head in _CORPORATE_HEADS:
            # "the company" -> the latest "Acme Corp" / "Harland & Sons Ltd" / "lithium
            # miner Andes Salares"
            for pos, org in self.orgs:
                if (
                    pos <= position
                    and (_CORPORATE.search(org) or self.org_types.get(org) in _CORPORATE_HEADS)
                    and (best is None or pos > best[0])
                ):
                    best = (pos, org)
            by_type = best is not None
        if best is None and (head in _CORPORATE_HEADS or head in _ORG_TYPE_SET):
            # "Nordlicht Energie said in a statement …" then "the company said"
            for pos, org in self.stmt_orgs:
                if pos <= position and org not in self.gender and (best is None or pos > best[0]):
                    best = (pos, org)
            by_type = best is not None
        if best is None:
            return phrase
        org = best[1]
        if by_type:  # "the group" -> "Amazonia Viva", a proper name
            return org
        lead = words[0].lower()
        return (
            f"the {org}"
            if lead in ("the", "a", "an") and not org.lower().startswith("the ")
            else org
        )
