"""Cues for attribution: reporting verbs found in text, sentence and clause boundaries,
and the word lists and patterns the attribution rules use (all languages in one place)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import itemgetter

from newsml_tools.reader.language import token_words
from newsml_tools.reader.quotes import QuoteSpan
from newsml_tools.reader.speakers import NAME_RUN
from newsml_tools.reader.verbs import REPORTING_VERBS

WORD = re.compile(r"[\w’'-]+")
TOKEN = re.compile(r"[^\W\d_]+")
VERB_SET = (REPORTING_VERBS - {"so"}) | {"quoted", "pointed"}
_ENCODED_VERBS = frozenset(w.encode() for w in VERB_SET)
AUXILIARIES = frozenset({"a", "ha", "hat", "fait", "ont", "han", "hanno", "avait", "habían"})


def _reporting_verbs_scan(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Every word of ``text[start:end]`` looked up in the verb set: a word scan plus a
    set look-up is several times faster than one alternation of a few hundred verbs."""
    for m in TOKEN.finditer(text, start, end):
        if m.group() in VERB_SET and text[m.start() - 1 : m.start()] != "-":  # "so-called"
            yield m


def _is_token_char(c: str) -> bool:
    """Is ``c`` a ``TOKEN`` character (``[^\\W\\d_]``: alphanumeric, not a decimal digit)?"""
    return c.isalnum() and not c.isdecimal()


def reporting_verbs_in(
    text: str, start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """Reporting verbs in ``text[start:end]``, as ``TOKEN`` matches in text order.

    Text whose only non-ASCII characters are letters and the common punctuation (most
    copy) is split into its words at C speed (``token_words``: exactly the ``TOKEN``
    words); no verb among them ends the look-up, and the few verbs there are located
    with ``str.find``. Other text takes the word scan (``TOKEN`` knows every script)."""
    if end is None:
        end = len(text)
    words = token_words(text[start:end])
    if words is None:
        return _reporting_verbs_scan(text, start, end)
    hits = _ENCODED_VERBS.intersection(words)
    if not hits:
        return iter(())
    found: list[tuple[int, re.Match[str]]] = []
    for raw in hits:
        word = raw.decode()
        k = text.find(word, start, end)
        while k >= 0:
            # a whole word of the range, as the scan would cut it: no letter right before
            # or right after it inside the range
            e = k + len(word)
            if (k == start or not _is_token_char(text[k - 1])) and (
                e == end or not _is_token_char(text[e])
            ):
                m = TOKEN.match(text, k, e)  # the verb's letters: always a match
                if m is not None and text[k - 1 : k] != "-":
                    found.append((k, m))
            k = text.find(word, k + 1, end)
    found.sort(key=itemgetter(0))  # one match per start: no ties
    return iter([m for _k, m in found])


def reporting_verb_at(text: str, pos: int) -> re.Match[str] | None:
    """A reporting verb starting at ``pos`` ("said", "a déclaré", "ha dicho")."""
    m = TOKEN.match(text, pos)
    for _ in range(2):
        if m and m.group() in AUXILIARIES and text[m.end() : m.end() + 1] == " ":
            m = TOKEN.match(text, m.end() + 1)
    return m if m and m.group() in VERB_SET else None


# "-ly" adverbs ("publicly said"), not the nouns and names that end like them
ADVERB = (
    r"(?!(?:family|Italy|July|supply|assembly|rally|ally|reply|Kelly|Sicily|anomaly|monopoly"
    r"|Emily|Molly|Holly|Lily|Billy|belly|jelly|bully|Beverly|Shelly|Sally|Ely|fly)\b)[a-z]{2,}ly"
)
AUX_TAIL = re.compile(
    r"(?:\s+(?:has|had|have|was|were|is|are|will|would|also|later|then|again|further|once|"
    r"previously|earlier|recently|simply|hat|hatte|avait|a|ha|lo|la|le|les|se|lui|leur|sich"
    r"|" + ADVERB + "))+$"
)
_AUX_WORDS = frozenset({
    "has", "had", "have", "was", "were", "is", "are", "will", "would", "also", "later", "then",
    "again", "further", "once", "previously", "earlier", "recently", "simply", "hat", "hatte",
    "avait", "a", "ha", "lo", "la", "le", "les", "se", "lui", "leur", "sich",
})  # fmt: skip
_ADVERB_WORD = re.compile(ADVERB)


def aux_tail(left: str) -> re.Match[str] | None:
    """``AUX_TAIL.search(left)`` for right-stripped ``left``, skipped when the last word
    is no auxiliary or adverb: each repetition is whitespace plus one whole word, so a
    match ends with the last word (an exact pre-check, not a heuristic)."""
    parts = left.rsplit(None, 1)
    last = parts[-1] if parts else ""
    if len(last) == len(left):
        return None  # no whitespace before the last word: "\\s+" cannot match
    if last not in _AUX_WORDS and not (last.endswith("ly") and _ADVERB_WORD.fullmatch(last)):
        return None
    return AUX_TAIL.search(left)


_RELATIVE_ENDS = ("who", "which", "der", "die", "qui", "que", "quien", "quienes", "che", "il quale")
_OWNER_ENDS = (
    "statement", "spokesman", "spokeswoman", "spokesperson", "office", "account", "website",
    "blog", "letter", "lawyer", "attorney", "campaign", "team",
)  # fmt: skip


def relative_end(stripped: str) -> re.Match[str] | None:
    """``RELATIVE.search`` on right-stripped text (which must end with the pronoun)."""
    return RELATIVE.search(stripped) if stripped.endswith(_RELATIVE_ENDS) else None


def owner_noun(stripped: str) -> re.Match[str] | None:
    """``OWNER_NOUN.search`` on right-stripped text (which must end with the noun)."""
    return OWNER_NOUN.search(stripped) if stripped.endswith(_OWNER_ENDS) else None


def last_word(text: str) -> re.Match[str] | None:
    """The last ``WORD`` match in ``text`` (``list(WORD.finditer(text))[-1]``): every
    match is a maximal run of word characters, so the last one is the first run of the
    reversed text, searched at C speed (the pattern opens with a class)."""
    m = WORD.search(text[::-1])
    return None if m is None else WORD.match(text, len(text) - m.end())


_ABBREV_WORDS = (
    "Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Jr|Sr|No|Mt|Ft|vs|etc|Inc"
    "|Corp|Ltd|Co|Jan|Feb|Aug|Sept|Oct|Nov|Dec|approx|ca|Nr|Abs|bzw|Hr|Fr|Cmdr|Adm|Maj|Cpl"
    "|Pvt|Supt|Insp|Det|Brig|Rev|Hon|Msgr|Amb|Atty|Cllr"
)
ABBREV = re.compile(
    r"(?:\b(?:" + _ABBREV_WORDS + r")|\b[A-Z]|"
    r"\b(?:[A-Za-z]\.)+[A-Za-z])$"
)
_ABBREV_ENDS = tuple(_ABBREV_WORDS.split("|"))


def abbrev_end(head: str) -> bool:
    """``ABBREV.search(head)``, decided without the search for most words before a full
    stop: one ending in a lower-case letter is an abbreviation only when it ends with
    one of the listed words or follows a full stop ("U.s")."""
    if "a" <= head[-1:] <= "z" and head[-2:-1] != "." and not head.endswith(_ABBREV_ENDS):
        return False
    return ABBREV.search(head) is not None


BOUNDARY = re.compile(r"[.!?…][”\"’»«)]*\s+(?=[“\"„«»‘(\[]?\s?[A-ZÀ-ÖØ-Þ0-9])")
CLAUSE_END = re.compile(
    r"[,;:!?()—–\[\]]|\.(?:\s|$)|\s-\s|\s(?:who|which|that|when|where|while|after|before|because"
    r"|in a statement|in an? (?:interview|email|e-mail|post|tweet)|on (?:Twitter|X|Facebook)"
    r"|to reporters|to the|on \w+day|during|at a|at the|as|but|and then)\b"
)
INVERTED = re.compile(
    r"^\s*[,.]?\s*(?:a-t-(?P<p1>il|elle|ils|elles)\s+\w+|\w+-t-(?P<p2>il|elle)|"
    r"(?:dit|ajoute|affirme|explique|estime|poursuit|souligne|précise|assure|lance|"
    r"insiste|conclut|répond|déclare)-(?P<p3>il|elle|ils|elles)|"
    r"(?:sagte|erklärte|betonte|meinte|fügte|ergänzte|schrieb|warnte|so)\s+(?P<p4>er|sie)\b)",
)
ACCORDING = re.compile(
    r"\b(?:[Aa]ccording to|[Ss]elon|[Ll]aut|[Ss]egún|[Ss]econdo|[Dd]['’]après|[Cc]iting"
    r"|[Qq]uoting|[Ee]n palabras del?|in the words of"
    r"|P(?:our|ara)(?=\s+(?:[A-ZÀ-ÖØ-Þ][\w’'-]+\s+[A-ZÀ-ÖØ-Þ]|l[ea]\s+[^,.;:«»“”]{1,80},\s*[A-ZÀ-ÖØ-Þ])))"
    r"\s+(?P<np>.+)",
    re.S,
)
# Every ``ACCORDING`` cue holds one of these (a literal pre-check before the search)
_ACCORDING_STEMS = (
    "ccording to", "elon", "aut", "egún", "econdo", "après", "iting", "uoting",
    "n palabras de", "in the words of", "Pour", "Para",
)  # fmt: skip


def according(text: str) -> re.Match[str] | None:
    """``ACCORDING.search(text)``, skipped when no cue word is in ``text`` at all."""
    if not any(stem in text for stem in _ACCORDING_STEMS):
        return None
    return ACCORDING.search(text)


GERUND = re.compile(r"\w+(?:ando|endo|iendo|ándo|éndo|iéndo)(?:la|lo|las|los|le|se)?\b")
NOT_SUBJECT = re.compile(
    r"(?:that|by|to|in|on|with|of|from|a|à|al|au|aux|ante|en|dans|auf|vor|zu|zum|zur|que|che"
    r"|dass|lors|durante|during|after|before|at)\b(?!-[A-ZÀ-ÖØ-Þ])"  # not "al-Faisal"
)
NAMING = re.compile(
    r"\b(?:itself|themselves|himself|herself|named|titled|entitled|known as|so-called"
    r"|the (?:word|term|phrase|hashtag|slogan|motto|book|film|song|album|show|novel|play))\s*$",
    re.I,
)
_NAMING_SPAN = len("the hashtag")  # the longest ``NAMING`` cue


def names_thing(before: str) -> bool:
    """``NAMING.search(before)``: every match is a cue plus trailing whitespace up to the
    end, so it starts at most ``_NAMING_SPAN`` characters before the stripped end and
    only that tail is searched (the ``\\b`` still sees the character before it)."""
    return NAMING.search(before, max(0, len(before.rstrip()) - _NAMING_SPAN)) is not None


STAND_IN = re.compile(
    r"\b(?:statement|spokes(?:man|woman|person)|representative|official|report|letter|release"
    r"|post|document|communiqué|comunicado|Mitteilung|Sprecher(?:in)?|porte-parole|portavoz)$",
    re.I,
)
PLACE_WORDS = frozenset(
    {"Korea", "China", "Russia", "America", "States", "Kingdom", "Union", "Republic", "Island"}
    | {"Islands", "City", "County", "Street", "River", "Sea", "Ocean", "North", "South", "East"}
    | {"West", "New", "Los", "San", "Saint", "St.", "Coast", "Valley", "Bay", "Lake", "Gulf"}
    | {"Africa", "Europe", "Asia", "Zealand", "Arabia", "Emirates", "Airport"}
)
NOT_VERB = frozenset(
    {
        "en",
        "de",
        "del",
        "la",
        "el",
        "con",
        "por",
        "para",
        "sur",
        "dans",
        "à",
        "au",
        "im",
        "am",
        "mit",
        "von",
        "zu",
        "bei",
        "nach",
        "und",
        "et",
        "y",
        "e",
        "o",
        "da",
        "di",
        "nel",
        "des",
        "du",
        "area",
        "region",
        "city",
        "county",
        "district",
        "province",
        "state",
        "village",
        "town",
        "street",
        "road",
        "neighbourhood",
        "neighborhood",
        "suburb",
        "valley",
        "river",
        "of",
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "for",
        "to",
        "and",
        "or",
        "with",
        "from",
        "by",
        "as",
    }
)
PARTICIPLE = re.compile(
    r",?\s+\b(?:saying|adding|calling|noting|warning|arguing|insisting|explaining|telling"
    r"|describing|writing|stressing|urging|claiming|stating)\b"
)
FUNCTION_WORDS = frozenset(
    {"but", "and", "or", "if", "when", "while", "that", "because", "although", "though", "so"}
    | {"one", "some", "many", "others", "another", "none", "all", "both", "each", "who", "which"}
    | {"this", "these", "those", "there", "here", "then", "now", "also", "only", "not", "no"}
    | {"someone", "somebody", "anyone", "anybody", "nobody", "everyone", "everybody"}
)
CONJ = re.compile(r"\b(?:if|but|and|because|while|when|although|though|whereas|as)\s", re.I)
OBJECT_VERBS = frozenset(
    {"saying", "told", "tells", "asked", "asks", "urged", "urges", "informed", "informs"}
    | {"advised", "advises", "accused", "accuses", "criticised", "criticized", "praised"}
    | {"welcomed", "called", "calls", "described", "describes", "dubbed", "reads", "quoted"}
)
STATEMENT_VERB = re.compile(
    r"\b(?:issued|released|published|posted|put out|sent)\s+(?:a|an)\s+(?:[\w-]+\s+)?"
    r"(?:statement|letter|post|tweet|message|release)\b"
)
ANONYMOUS = re.compile(
    r"(?:one|another|someone|somebody|one of them|a (?:man|woman|resident|witness|neighbou?r"
    r"|passenger|source|worker|voter|fan|student|local)|an? \w+ (?:resident|witness|source))",
    re.I,
)
GROUP_NOUNS = frozenset(
    {"analysts", "economists", "officials", "researchers", "experts", "scientists", "sources"}
    | {"strategists", "spokespeople", "executives", "lawyers", "staff", "doctors", "engineers"}
)
RELATIVE = re.compile(r",\s*(?:who|which|der|die|qui|que|quien|quienes|che|il quale)$")
AGENT_NOUN = re.compile(
    r"\b(?:spokes(?:man|woman|person)|representative|statement|official|officials|source|sources"
    r"|sprecher(?:in)?|porte-parole|portavoz)$",
    re.I,
)
PARTY = re.compile(r"[RDI]-[A-Z][\w.]*|[A-Z][a-z]+\.?")
POSSESSIVE_END = re.compile(r"['’]s?$")
DETS = (
    r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur|[Ee]l|[Ll]a|[Ll]os|[Ll]as|[Ll]e|[Ll]es"
    r"|[Ll]['’]|[Ii]l|[Ll]o|[Gg]li|[Dd]er|[Dd]ie|[Dd]as|[Dd]en|[Ee]ine?r?|[Uu]n|[Uu]ne|[Uu]no|[Uu]na"
    r"|[Ss]on|[Ss]a|[Ss]es|[Ss]u|[Ss]us|[Ss]uo|[Ss]ua|[Ss]eine?|[Ii]hre?)"
)
DET_START = re.compile(DETS + r"\s", re.I)
DET_NP = re.compile(DETS + r"\s*[^,.;:]{1,60}")
LOWER_THEN_NAME = re.compile(r"[a-zà-ÿ][^,.;:“”\"«»]{1,80}?,\s*(?=[A-ZÀ-ÖØ-Þ])")
DET_THEN_NAME = re.compile(DETS + r"\s*[^,.;:“”\"«»]{1,80}?,\s*(?=[A-ZÀ-ÖØ-Þ])")
PREP_BEFORE = re.compile(
    r"\b(?P<prep>by|of|from|for|to|with|at|in|on|about|against|and)\s+(?:the\s+|an?\s+)?$"
)


def prep_before(text: str, end: int) -> re.Match[str] | None:
    """``PREP_BEFORE.search(text[:end])``, the same span and groups: a match is a
    preposition (at most 7 letters), whitespace, perhaps "the"/"a"/"an" and whitespace,
    up to ``end``. So it starts at most 7 characters before the last non-space character
    that precedes a last word of up to 3 letters, and only from there is searched."""
    k = end
    while k and text[k - 1].isspace():
        k -= 1
    k = max(0, k - 3)
    while k and text[k - 1].isspace():
        k -= 1
    return PREP_BEFORE.search(text, max(0, k - 7), end)


DESCRIPTIVE = re.compile(
    r"(?<![\w’'-])(?P<np>(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Ll]e|[Ll]a|[Ll]es|[Dd]er|[Dd]ie"
    r"|[Dd]as|[Ee]l)\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+)\s*$"
)
OWNER_NOUN = re.compile(
    r"(?P<owner>" + NAME_RUN.pattern + r")['’]s?\s+(?:statement|spokesman|spokeswoman|"
    r"spokesperson|office|account|website|blog|letter|lawyer|attorney|campaign|team)\s*$"
)
SUBJECT_VERB = re.compile(
    r"(?:^(?:Then|Later|Now|Still|Yet|Instead|Eventually|Finally|Afterwards|Today|Yesterday"
    r"|Earlier|Meanwhile|But|And|So)\s+(?=(?:[Hh]e|[Ss]he|[Tt]hey)\s)|^|[,;]\s+|\bthat\s+)"
    r"(?P<np>(?:(?:[Tt]he\s+)?"
    + NAME_RUN.pattern
    + r")|[Hh]e|[Ss]he|[Tt]hey|[Ii]t)(?:,\s[^,“”\"«»]{1,100},)?"
    r"\s+(?:(?:has|had|have|was|were|is|also|later|then|a|ha|hat|est|ist|ont|han|"
    + ADVERB
    + r")\s+)*(?P<verb>(?!(?:of|and|or|in|on|at|for|to|with|from|by|the|a|an)\b)[a-zà-ÿ]{2,})\b"
)


def mask_quotes(text: str, quotes: list[QuoteSpan]) -> str:
    out = []
    pos = 0
    for q in quotes:
        keep_last = q.end - q.start > 1 and text[q.end - 1] in ".!?…"
        out.append(text[pos : q.start + 1])  # the first letter decides sentence starts
        out.append("x" * max(0, q.end - q.start - 1 - (1 if keep_last else 0)))
        if keep_last:
            out.append(text[q.end - 1])
        pos = q.end
    out.append(text[pos:])
    return "".join(out)


def sentence_starts(masked: str) -> list[int]:
    out = []
    for m in BOUNDARY.finditer(masked):
        head = masked[max(0, m.start() - 12) : m.start()]
        if masked[m.start()] == "." and abbrev_end(head):
            continue
        out.append(m.end())
    return out


def names_anyone(text: str) -> bool:
    """Does a clause name anyone (a capitalised word after its first word)?"""
    return any(w[:1].isupper() for w in text.split()[1:4])


_STOP_BEFORE_SPACE = re.compile(r"[.!?](?=\s)")


def has_sentence_break(text: str) -> bool:
    """A full stop that is not an abbreviation's ("Dr. Fabio Nunes insisted")."""
    for m in _STOP_BEFORE_SPACE.finditer(text):
        if m.group() != "." or not abbrev_end(text[max(0, m.start() - 12) : m.start()]):
            return True
    return False


def clause_at(text: str, start: int) -> tuple[int, int]:
    """The clause from ``start``: up to punctuation or a clause word, but not the full
    stop of an abbreviation ("Dr. Anneli Sundqvist", "Sen. Robert Haskell")."""
    pos = start
    while True:
        m = CLAUSE_END.search(text, pos)
        if not m:
            return start, len(text)
        head = text[max(start, m.start() - 12) : m.start()]
        if m.group().startswith(".") and abbrev_end(head):
            pos = m.end()
            continue
        return start, m.start()
