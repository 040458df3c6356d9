"""Attribute quotations to speakers with small, named rules (the rule name is stored on
each quote so ``newsml inspect`` can explain the choice):

``after-verb``      “…,” said X / “…,” X said / „…“, so X / », a déclaré X
``before-colon``    X said: “…”          ``before-verb``  X said, “…” / X told reporters “…”
``according-to``    … “…”, according to X / selon X / laut X
``split-quote``     “First half,” she said. “Second half.”
``subject-of-sentence``  He added that … “strengthen” … / Putin heralded … “…”
``previous-sentence``    “…” standing alone after "Heald noted …" / "…, sagt Wenger."
``multi-paragraph`` continuation paragraphs of a quote opened earlier
``previous-paragraph``   a quote-only paragraph after an attributed one (or after a
                    paragraph whose last sentence has a named subject, as in features)
``pronoun``         any of the above whose speaker was a pronoun (he/she/it/they, er/sie,
                    il/elle, a null subject in es/it), resolved to the latest compatible
                    quote speaker, reported speaker or person acting in the paragraph

Names are canonicalised through ``speakers.NameIndex`` ("Putin" -> "Vladimir Putin",
"the ministry" -> "the Ministry of National Defense", "KCNA" -> its spelled-out name,
"the minister" -> the person introduced with that role). "one told ORF" stays anonymous.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import accumulate

from newsml_tools.reader.cues import (
    AGENT_NOUN,
    ANONYMOUS,
    BOUNDARY,
    CONJ,
    DESCRIPTIVE,
    DET_NP,
    DET_START,
    DET_THEN_NAME,
    FUNCTION_WORDS,
    GERUND,
    GROUP_NOUNS,
    INVERTED,
    LOWER_THEN_NAME,
    NOT_SUBJECT,
    NOT_VERB,
    OBJECT_VERBS,
    PARTICIPLE,
    PARTY,
    PLACE_WORDS,
    POSSESSIVE_END,
    STAND_IN,
    STATEMENT_VERB,
    SUBJECT_VERB,
    VERB_SET,
    according,
    aux_tail,
    clause_at,
    has_sentence_break,
    last_word,
    mask_quotes,
    names_anyone,
    names_thing,
    owner_noun,
    prep_before,
    relative_end,
    reporting_verb_at,
    reporting_verbs_in,
    sentence_starts,
)
from newsml_tools.reader.names import AGENCIES, ORG_RE, looks_like_org
from newsml_tools.reader.quotes import QuoteSpan
from newsml_tools.reader.speakers import (
    NAME_RUN,
    TITLES,
    NameIndex,
    clean_name,
    is_pronoun,
    is_role_word,
    name_runs,
)
from newsml_tools.reader.verbs import PRONOUNS, VERB_FIRST

_MISSING = object()
# How far back (characters) a pronoun looks for people acting in its own paragraph. Real
# paragraphs are far shorter; the bound only keeps a flattened one-line page linear.
MAX_LOOKBACK = 10_000
# compiled once (they were module-level ``re`` calls in the rules)
_NP_LINK = re.compile(r"\s+(?:of|for|by|at|in|on|from|with|who|which|that)\s+")
_COMMA_NAME = re.compile(r"\s*,\s*(" + NAME_RUN.pattern + r")")
_DASH_NAME = re.compile(r"[^\S\n]*[-—–][^\S\n]*(?=[A-ZÀ-ÖØ-Þ])")
_SIGNED_BY = re.compile(r"\s+(?P<np>[A-Z][\w’'-]*(?: [\w’'-]+){0,3}),\s*")
_OUTLETS = "|".join(
    re.escape(a)
    for a in sorted(AGENCIES | {"europa press", "el país", "le monde"}, key=len, reverse=True)
)
_DATIVE = re.compile(
    r"(?:a|à|al|au|aux)\s+(?:(?i:" + _OUTLETS + r")|(?>" + NAME_RUN.pattern + r")|l[ae]\s+\w+"
    r"|(?:este|esta|ese|esa|un|una|ce|cette)\s+[a-záéíóúñàâçèéêëîïôûù]+)"
    r"\s+(?=[A-ZÀ-ÖØ-Þ]|(?:el|la|le|los|las|les)\s)"
)
_SO_NAME = re.compile(r"\s*[,.]?\s*so\s+(?=\S)")
_LEAD_PUNCT = re.compile(r"\s*[,.;:—–-]?\s*(?:s[’']|se\s+)?")  # "s’indigne", "se queja"
_INTRO_TAIL = re.compile(
    r"(?:\s+(?:to|in|on|at|during|via|using|with|from|for|of|the|en|dans|sur|a|à"
    r"|con|mit|auf|in|bei|lors|durante|vor|gegenüber)\b[^,:“\"„«]{0,60})?"
    r"\s*[:,]?\s*(?:that\s*)?"
)
_SHORT_TAIL = re.compile(r"\s+\w+(?:\s+\w+)?\s*[:,]\s*")
_POSSESSIVE_NOUN = re.compile(r"\w['’]s?\s+[a-z]")
_COLON_COMMA_END = re.compile(r"[:,]\s*$")
_THAT_END = re.compile(r"\b(?:that|:)\s*$")
_WHERE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside)\s+(?:the\s+)?$")
_LINKING_PREP = re.compile(r"\b(?:at|in|of|for|from|with|on|de|du|des|von|bei)\s")
_APPOS_PREP = re.compile(
    r"\b(?:at|in|of|for|from|with|on|near|aboard|based|de|du|des|en|à|bei|von|aus|im|am)\s+"
    r"(?:the\s+|la\s+|le\s+|der\s+|die\s+|dem\s+|el\s+)?$|-based\s+$"
)
# organisation names joined by connectors: "Ministry of Health and Welfare", "Transport
# for NSW", "Court of Appeal in The Hague", "Globe and Mail"
_ORG_LINK = re.compile(r"\s+(?:of|for|and|in|de|der|du|des|del|of the|for the|de la)\s+")
_COURT = re.compile(r"\b(?:Court|Tribunal|Gericht|Tribunale|Cour)\b")
# "According to Yonhap, quoting KCNA" / "…, citing police": the source relayed
_RELAYED = re.compile(r",\s*(?:quoting|citing|who quoted|which quoted|who cited)\s+")
# "Reuters quoted a police spokesman as saying": the one quoted speaks
_QUOTED_AS = re.compile(
    r"\b(?:quoted|quotes|quoting|cited|cites|citing)\s+(?!by\b)(?P<np>[^,:;“”\"«»]{2,80}?)"
    r"\s*,?\s+as\s+(?:saying|stating|telling|writing|describing|calling|adding)\b"
)
_ISSUED_BY = re.compile(
    r"(?:published|issued|released|written|prepared|signed|compiled|produced|authored|sent"
    r"|posted)\s+(?:\w+\s+)?by\s+(?P<np>.{2,100}?)\s*$"
)
_DOC_END = re.compile(
    r"\b(?:report|statement|study|letter|document|survey|release|paper|communiqué|memo"
    r"|message|analysis|review|assessment|notice)$",
    re.I,
)
_LOC_PREP = re.compile(r"\b(?:in|at|from|by|near|into)\s+$")
_AGE_SEG = re.compile(r"\d{1,3}|aged \d{1,3}")
_APPOS_SUBJECT = re.compile(
    r"\s*(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]he|[Aa]n?)\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3}"
    r",\s+(?P<np>" + NAME_RUN.pattern + r"),\s+[a-z]"
)
_NESTED = re.compile(r"‘[^‘’]*(?:’\w[^‘’]*)*’(?!\w)")
_TO_SAY = re.compile(
    r"\s+(?:(?:later\s+|then\s+)?(?:went|goes|go|going|would go) on|continued|continues"
    r"|proceeded|(?:was|were) (?:later\s+)?heard|has been heard|was moved|felt compelled"
    r"|(?:was|were) (?:also\s+)?(?:quick|keen|careful|eager))\s+to$"
)
_EN_INDEF = re.compile(r"an?\s+[a-z]")
_RELAYED_AFTER = re.compile(
    r"[\s,.;:—–-]*(?P<who>[^“”\"«».;]{1,60}?)\s+(?:reported|reports|said|says|announced|added)"
    r",\s*(?:quoting|citing)\s+(?P<np>\S)"
)
_OWNED = ("website", "statement", "spokesman", "spokeswoman", "spokesperson", "blog", "account")
_DESC_OWNER = re.compile(
    r"(?:^|(?<=\s))(?P<owner>[Tt]he\s+(?:company|firm|group|ministry|agency|government|council"
    r"|organi[sz]ation|party|union|club|charity|university|department|city|municipality"
    r"|bank|airline|police))['’]s?\s+(?:official\s+)?(?:website|statement|spokesman"
    r"|spokeswoman|spokesperson|blog|account)$"
)
_DETS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our"})
_PUBLIC_BODIES = frozenset({"police", "government", "military", "army", "navy", "coastguard"})
_STATEMENT_FROM = re.compile(
    r"\b(?:statement|message|letter|press release|release|notice|post|tweet|communiqué|note"
    r"|e-?mail)\s+(?:from|by|issued by|released by|on behalf of)\s+"
    r"(?P<np>[^,:;“”\"«»]{2,80}?)\s*,?\s*(?:(?:which\s+)?(?:read|reads|said|says|stated"
    r"|states|added|noted)\b|:)"
)
_PASSIVE_BY = re.compile(
    r"\b(?:was|were|has been|had been|have been|is|are)\s+(?:stated|said|announced|declared"
    r"|claimed|confirmed|noted|reported|written|tweeted|posted|explained|added|argued)\s+by"
    r"\s+(?P<np>[^,:;“”\"«»]{2,80}?)\s*(?=,|:|\s+that\b|\s+in\b|\s*$)"
)
_PREP_END = re.compile(r"\b(?:about|regarding|of|on|to|with|against|for)\s+$")
_LOWER_GAP = re.compile(r"(?:\s+[a-z][\w-]*){0,4}\s+")
# "the army has been told to …" / "was asked": the one spoken to, not the speaker
_PASSIVE_AUX = re.compile(r"\b(?:been|being|be|was|were|is|are|get|got)\s+(?:\w+ly\s+)?$")


# given names that are also common words: never stripped as a glued-on role
_GIVEN_COMMON = frozenset(
    [
        "Rose",
        "Mark",
        "Grace",
        "Hope",
        "Will",
        "Bill",
        "May",
        "June",
        "Faith",
        "Joy",
        "Summer",
        "Dawn",
        "Frank",
        "Pat",
        "Sue",
        "Bob",
        "Guy",
        "Jack",
        "Ray",
        "Rich",
        "Victor",
        "Violet",
        "Lily",
        "Ivy",
        "Holly",
        "Hazel",
        "Heather",
        "Iris",
        "Olive",
        "Ruby",
        "Amber",
        "Pearl",
        "Crystal",
        "Robin",
        "Art",
        "Earl",
        "Gene",
        "Sky",
        "River",
        "Stone",
        "Page",
        "Hunter",
        "Carter",
        "Mason",
        "Chase",
        "Hardy",
        "Bishop",
        "Major",
        "Price",
        "Rich",
        "Young",
        "Little",
        "Long",
        "King",
        "Wolf",
        "Fox",
        "Drew",
        "Sandy",
        "Chance",
        "Angel",
        "Destiny",
        "Star",
        "Precious",
        "Harmony",
        "Melody",
        "Autumn",
        "April",
        "August",
        "Marshal",
        "Sterling",
    ]
)


_AGE = re.compile(r"(\d{1,3})-(?:year-old|[Jj]ährige[rn]?|años)$")
_AGE_PREFIX = re.compile(r"\d{1,3}-$")
_NOT_NATIONALITY = frozenset({"Taliban", "Vatican", "Republican", "Kremlin", "Pentagon"})
_DESC_DETS = frozenset({"the", "der", "die", "el", "la", "le", "il"})
_NATIONALITY = re.compile(
    r"[A-Z][a-zäöüé]+(?:an|ian|ese|ish|i|ch|man|woman|on|ede|ane|inn|ot|ole|iss|ai|eek|urk|ek)"
)
_PERSON_NOUNS = frozenset(
    [
        "man",
        "woman",
        "boy",
        "girl",
        "teenager",
        "teen",
        "youngster",
        "mother",
        "father",
        "veteran",
        "newcomer",
        "rookie",
        "champion",
        "winner",
        "pensioner",
        "grandmother",
        "grandfather",
        "widow",
        "retiree",
    ]
)


_DASH_VERB = re.compile(r"[—–]\s*(?P<verb>[a-záéíóúñ]+)\b(?P<rest>[^—–«»“”\"]{0,80}?)\s*[—–]")


_WEAK_RULES = frozenset(
    {"pronoun", "previous-sentence", "previous-paragraph", "subject-of-sentence", ""}
)


_WITH_NAME = re.compile(r"\bwith\s+(?P<np>" + NAME_RUN.pattern + r")\s*$")


_LOWER_TAIL = re.compile(
    r"\s+(?:des|de|du|de la|del|of|for)\s+(?!the\b|an?\b)"
    r"[a-zà-ÿ][\w’'-]*(?:\s+[a-zà-ÿ][\w’'-]*){0,3}\s*"
)


_ROLE_SUBJECT = re.compile(
    r"(?:^|(?<=[,;.]\s)|(?<=^\s))(?P<np>(?:[Tt]he|[Ll]a|[Ee]l|[Ll]e|[Dd]er|[Dd]ie)\s+"
    r"(?P<role>[a-zà-ÿ-]{3,}))\s+(?=[a-zà-ÿ])"
)


_VERB_FIRST = re.compile(
    r"\s*(?P<verb>[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+)(?:\s+(?P<np>" + NAME_RUN.pattern + r"))?"
    r"\s*(?::|,|\s+que)\s*$"
)


_SENT_END = re.compile(r"[.!?;:][”\"’»)]*\s+(?=[A-ZÀ-ÖØ-Þ“\"„«])")


def _sentence_floor(text: str, end: int) -> int:
    """Where the sentence holding ``text[end]`` starts (-1: not inside ``text``)."""
    k = -1
    for m in _SENT_END.finditer(text, 0, end):
        k = m.end()
    return k


_NP_HEAD_END = re.compile(
    r"\s+(?:for|of|at|with|from|in|on|who|which|that|her|his|their|its|our|my|your)\b|[,;.(]"
)


def _en_indef_person(text: str, s: int, e: int) -> bool:
    """English "a"/"an" opening a noun phrase that names a person by role ("a spokesperson
    for the Commission", "a senior official"): a subject, not the null subject that
    "posted a photograph of her costume" has."""
    if not _EN_INDEF.match(text, s, e):
        return False
    np = text[s:e]
    m = _NP_HEAD_END.search(np)
    words = np[: m.start() if m else len(np)].split()[1:]
    return any(is_role_word(w) or AGENT_NOUN.search(w) for w in words)


_ROLE_GAP = re.compile(r"\s+(?:[a-z][\w-]*\s+){1,3}")


def _role_gap(gap: str) -> bool:
    """Lower-case job words between two names ("spokesperson", "chief executive"): the
    first name is whom the second works for, the second one speaks."""
    return bool(_ROLE_GAP.fullmatch(gap)) and all(is_role_word(w) for w in gap.split())


def _descriptive(name: str) -> bool:
    """A description, not a name: "the spokesman", "Smith's lawyer"."""
    return bool(DET_START.match(name) or _POSSESSIVE_NOUN.search(name))


def _conj_in(left: str) -> bool:
    """A conjunction in ``left``, not the "and" inside "Ministry of Health and Welfare"."""
    for m in CONJ.finditer(left):
        if (
            m.group().lower().startswith("and")
            and left[m.end() : m.end() + 1].isupper()
            and left[: m.start()].rstrip()[-1:].isalpha()
            and (left[: m.start()].split() or [""])[-1][:1].isupper()
        ):
            continue
        return True
    return False


def _org_link_ok(prev: str, link: str, nxt: str) -> bool:
    """May ``prev LINK nxt`` be one organisation's name?"""
    word = link.split()[0]
    if word == "and":  # "Health and Welfare", "Globe and Mail": one more word
        return len(nxt.split()) == 1 and nxt[:1].isupper()
    if word == "in":  # "the Court of Appeal in The Hague"
        return bool(_COURT.search(prev)) or nxt.startswith("The ")
    return bool(ORG_RE.search(prev) or looks_like_org(clean_name(nxt)))


def _join_org_back(text: str, s: int, floor: int) -> int:
    """Extend a name run starting at ``s`` back over org connectors (not before
    ``floor``): "Ministry of Health and |Welfare| said"."""
    for _ in range(3):
        lo = max(floor, s - 100)
        runs = name_runs(text[lo:s])
        if not runs:
            return s
        rs, re_, run = runs[-1]
        link = text[lo + re_ : s]
        if not _ORG_LINK.fullmatch(link):
            return s
        here = NAME_RUN.match(text, s)
        nxt = here.group() if here else ""
        if link.split()[0] == "and":
            ok = len(nxt.split()) == 1 and (
                bool(ORG_RE.search(run))
                or text[max(floor, lo + rs - 4) : lo + rs].endswith("the ")
                or run.startswith("The ")
                or " of The " in run
            )
        else:
            ok = _org_link_ok(run, link, nxt)
        if not ok:
            return s
        s = lo + rs
    return s


def _join_org_fwd(np: str, re_: int, name: str) -> int:
    """Extend a run ending at ``re_`` forward over org connectors inside ``np``."""
    for _ in range(3):
        m = _ORG_LINK.match(np, re_)
        if not m:
            return re_
        nm = NAME_RUN.match(np, m.end())
        if not nm:
            return re_
        prev = np[:re_]
        if m.group().split()[0] == "and" and not ORG_RE.search(name):
            return re_
        if not _org_link_ok(prev, m.group(), nm.group()):
            return re_
        re_ = nm.end()
    return re_


@dataclass(slots=True)
class Attribution:
    speaker: str | None = None
    kind: str | None = None
    rule: str | None = None
    partial: bool = False
    span: tuple[int, int, int] | None = None  # (paragraph, start, end) of the name


@dataclass(slots=True)
class _Found:
    name: str
    start: int  # offset in the paragraph
    end: int
    rule: str


@dataclass(slots=True)
class _History:
    speakers: list[tuple[int, str, str]] = field(default_factory=list)  # (order, name, kind)


class Attributor:
    def __init__(
        self,
        paragraphs: list[str],
        index: NameIndex,
        order: Callable[[int, int], int],
        language: str = "",
    ) -> None:
        self.paragraphs = paragraphs
        # articles in Italian/Spanish: "il"/"el" are articles, not the French/… pronouns
        self.not_pronouns = {"it": {"il", "lo", "la"}, "es": {"el"}, "pt": {"o", "a"}}.get(
            language, set()
        )
        self.index = index
        self.german = language == "de"
        self.english = language in ("en", "")  # unknown: short copy, mostly English
        self.order = order  # (paragraph, offset) -> document order for name look-ups
        self.history = _History()
        self.reported: list[tuple[int, str, str]] = []  # subjects of reporting verbs
        # ``reported`` (and the genders its collection learns) are only read when a
        # pronoun is resolved, so they are collected on the first such call: with the
        # state they would have had if collected before any quote was attributed.
        self._reported_ctx: dict[int, tuple[str, list[int]]] | None = None
        self._genders_later: list[tuple[str, str]] = []  # learnt before the collection
        self._quote_orders: list[tuple[int, int]] = []  # quoted text, in document order
        self._quote_starts: list[int] = []
        self._quote_max_ends: list[int] = []
        self._singles: list[tuple[int, str, str]] = []  # index.singles in document order
        self._singles_keys: list[int] | None = None
        self._subjects: dict[tuple[str, int, int, int], tuple[str, int, int, str] | None] = {}
        self._lower_seen: dict[str, bool] = {}  # word -> written in lower case in the body
        self._quote_paras: set[int] = set()
        self._qtext = ""  # the quotation being attributed (for pronoun resolution)

    # ---- noun phrases -------------------------------------------------------------
    def _np_name(self, text: str, start: int, end: int, para: int) -> _Found | None:
        """Reduce a noun phrase ``text[start:end]`` to a speaker (person, org, pronoun)."""
        np = text[start:end]
        lead = len(np) - len(np.lstrip(" ,"))
        np = np.strip(" ,")
        s0 = start + lead
        if not np or np.isspace():
            return None
        # (only a phrase in lower case is read this way: no need to match otherwise)
        lower = np[:1].islower()
        dm = (DET_THEN_NAME.match(text, s0) or LOWER_THEN_NAME.match(text, s0)) if lower else None
        if dm and dm.end() <= end + 2:
            # "le ministre de la Santé, Étienne Moreau" / "sa porte-parole, X": the name
            nm = NAME_RUN.match(text, dm.end())
            if nm and ("." in nm.group() or "'" in nm.group() or "’" in nm.group()):
                # "Marc Fesneau. Le préfet": the run ends at the sentence's full stop
                rs, re_, run = name_runs(nm.group())[0]
                s1 = nm.start() + rs
                nm_text, nm_span = run, (s1, s1 + len(run))
            else:
                nm_text, nm_span = (nm.group(), nm.span()) if nm else ("", (0, 0))
            if nm_text and not looks_like_org(clean_name(nm_text)):
                name = clean_name(nm_text)
                if name:
                    return _Found(name, nm_span[0], nm_span[1], "")
        first = np.split()[0]
        if (
            is_pronoun(first)
            and first.lower() not in self.not_pronouns
            and not (  # "il sindaco Luigi Brugnaro": an Italian article, then a name
                first.lower() in ("il", "el", "lo")
                and any(w[:1].isupper() for w in np.split()[1:6])
            )
            and (len(np.split()) == 1 or np.split()[1][:1].islower())
        ):
            return _Found(first.lower(), s0, s0 + len(first), "pronoun")
        runs = name_runs(np)
        for i, (rs, re_, run) in enumerate(runs):
            if (
                i + 1 < len(runs)
                and POSSESSIVE_END.search(run)
                and _LOWER_GAP.fullmatch(np, re_, runs[i + 1][0])
            ):
                continue  # "North Korea's main news agency KCNA": the agency, not its owner
            if (
                lower
                and _WHERE_BEFORE.search(np, 0, rs)
                and any(is_role_word(w) for w in np[:rs].split()[:4])
                and not looks_like_org(clean_name(run))
            ):
                continue  # "a trader in Singapore said": where the speaker is, not who
            if i + 1 < len(runs) and _role_gap(np[re_ : runs[i + 1][0]]) and not looks_like_org(
                clean_name(runs[i + 1][2])
            ):
                continue  # "Cal Fire spokesperson Jeremy Rahn", "U.S. envoy John Kerry"
            if _ORG_LINK.match(np, re_):
                re2 = _join_org_fwd(np, re_, run)
                if re2 != re_:
                    joined = clean_name(np[rs:re2])
                    if looks_like_org(joined) and joined.endswith(np[rs:re2].split()[-1]):
                        re_, run = re2, np[rs:re2]
            if re_ < len(np) and ORG_RE.search(run):
                lm = _LOWER_TAIL.fullmatch(np, re_)
                if lm:  # "le Regroupement des comités logement": a lower-case continuation
                    re_, run = len(np), np[rs:]
            nxt = np[re_ : re_ + 2].strip()
            name = clean_name(run)
            if not name or is_pronoun(name):
                continue
            if (
                len(name.split()) == 1
                and nxt[:1].islower()
                and name[-1:] != "."
                and name.endswith(("an", "ese", "ish", "ian", "i", "ch"))
                and not looks_like_org(name)
            ):
                continue  # "Russian news agencies": an adjective, not a name
            if rs > 40 and not looks_like_org(name):
                break
            before = (text[max(0, s0 - 4) : s0] + np[:rs]).rstrip().lower()
            the = (before.endswith("the") or run.lower().startswith("the ")) and looks_like_org(
                name
            )
            return _Found(("the " + name) if the else name, s0 + rs, s0 + re_, "")
        desc = DET_NP.match(np)
        if desc:
            parts = _NP_LINK.split(desc.group(), maxsplit=1)
            phrase = parts[0]
            if len(parts) > 1 and AGENT_NOUN.search(phrase):
                # "a spokesman for the ministry" speaks for the ministry
                k = s0 + desc.group().index(parts[1], len(phrase))
                inner = self._np_name(text, k, s0 + desc.end(), para)
                if inner is not None and looks_like_org(inner.name):
                    return inner
            # "the company’s chief executive, Jane Doe": the name follows the comma
            tail = text[end : end + 80]
            m = _COMMA_NAME.match(tail)
            if m and not looks_like_org(clean_name(m.group(1))):
                return _Found(clean_name(m.group(1)), end + m.start(1), end + m.end(1), "")
            return _Found(phrase, s0, s0 + len(phrase), "")
        return None

    def _subject(self, text: str, end: int, para: int, depth: int = 0) -> _Found | None:
        """The subject right before ``end`` (where a verb starts); looks back at most
        300 characters, which keeps the reader linear in the paragraph length.

        A pure function of its arguments (the same verb is looked at by
        ``_collect_reported`` and again by the rules), so results are memoised per
        article; callers get a fresh ``_Found`` because they set its ``rule``."""
        key = (text, end, para, depth)
        hit = self._subjects.get(key, _MISSING)
        if hit is _MISSING:
            f = self._subject_uncached(text, end, para, depth)
            hit = None if f is None else (f.name, f.start, f.end, f.rule)
            self._subjects[key] = hit
        return None if hit is None else _Found(*hit)

    def _subject_uncached(self, text: str, end: int, para: int, depth: int) -> _Found | None:
        off = max(0, end - 200)
        left = text[off:end].rstrip()
        m = aux_tail(left)
        if m:
            left = left[: m.start()]
        stripped = left.rstrip()
        tm = _TO_SAY.search(stripped) if stripped.endswith(" to") else None
        if tm and depth < 2:  # "Obama went on to say": the subject of "went on"
            return self._subject(text, off + tm.start(), para, depth + 1)
        if stripped.endswith(")"):  # "Jane Doe (D-Calif.) said": the parenthesis is aside
            po = stripped.rfind("(", max(0, len(stripped) - 60))
            if po > 0 and ")" not in stripped[po:-1]:
                stripped = stripped[:po].rstrip()
        rm = relative_end(stripped)
        if rm:  # "Councilman Gary Hoffer, who said"
            head = stripped[: rm.start()]
            runs = name_runs(head[-120:])
            shift = max(0, len(head) - 120)
            if runs and runs[-1][1] + shift == len(head):
                return self._np_name(text, off + shift + runs[-1][0], off + len(head), para)
            return None
        if stripped.endswith(","):  # "X, R-Iowa, the bill's sponsor, said": skip appositions
            end_pos = len(stripped) - 1
            for n_seg in range(3):
                k = stripped.rfind(",", 0, end_pos)
                floor = _sentence_floor(stripped, end_pos)
                if n_seg == 0 and k < (0 if floor < 0 and off == 0 else floor):
                    # "The Internet security firm Secunia.com, has said": a stray comma
                    # after the whole subject, which starts the sentence
                    return self._whole_subject(text, off, stripped[:end_pos], para)
                if k <= 0 or end_pos - k > 120:
                    return None
                head = stripped[:k].rstrip()
                if head.endswith(")"):  # "Helen Park (pictured), the director, said"
                    po = head.rfind("(", max(0, len(head) - 60))
                    if po > 0 and ")" not in head[po:-1]:
                        head = head[:po].rstrip()
                seg = stripped[k + 1 : end_pos].strip()
                bm = _ISSUED_BY.match(seg)
                if bm and _DOC_END.search(head):
                    # "The report, published by the WHO, said": its publisher speaks
                    a0 = off + stripped.index(seg, k + 1)
                    f = self._np_name(text, a0 + bm.start("np"), a0 + bm.end("np"), para)
                    if f is not None and not is_pronoun(f.name):
                        return f
                seg_runs = name_runs(seg)
                if (
                    seg_runs
                    and seg_runs[-1][1] == len(seg)
                    and not PARTY.fullmatch(seg_runs[-1][2])
                    # "Ai Kang, a villager in Jiangcheng County, told": a place or an
                    # employer inside a descriptive apposition is not the subject
                    and not _APPOS_PREP.search(seg[: seg_runs[-1][0]])
                    # "Anthony Fauci, director of the National Institute of Allergy and
                    # Infectious Diseases, said": a job description, the name before it
                    and not (
                        seg[:1].islower()
                        and is_role_word(seg.split()[0])
                        and _LINKING_PREP.search(seg, 0, seg_runs[-1][0])
                    )
                ):
                    # "A spokesman, Callum Reid, says" / "its body, Salmon Tasmania, said" /
                    # "the head of the group, Maldivian envoy Aminath Shareef, said"
                    rs, re_, run = seg_runs[-1]
                    name = clean_name(run)
                    org = looks_like_org(name)
                    if (len(name.split()) >= 2 and not org) or (org and rs == 0):
                        a0 = off + stripped.index(seg, k + 1)
                        return self._np_name(text, a0 + rs, a0 + re_, para)
                runs = name_runs(head[-200:])
                shift = max(0, len(head) - 200)
                if (
                    runs
                    and runs[-1][1] + shift == len(head)
                    # "Smith, 45, told": a surname before an age is no party or state
                    and (not PARTY.fullmatch(runs[-1][2]) or _AGE_SEG.fullmatch(seg))
                ):
                    s, e, last_run = runs[-1]
                    if _APPOS_PREP.search(head[: s + shift]) and head.rfind(",", 0, s + shift) > 0:
                        # "Cynthia Thompson, curator … at the University of Arkansas,
                        # Fayetteville, said": the place ends an apposition; read on
                        end_pos = k
                        continue
                    if not POSSESSIVE_END.search(last_run):
                        return self._np_name(text, off + shift + s, off + shift + e, para)
                if not seg:
                    return None
                end_pos = k
            return None
        dm = _DESC_OWNER.search(stripped) if stripped.endswith(_OWNED) else None
        if dm:  # "the company's website states": the company (named before) speaks
            return _Found(dm.group("owner"), off + dm.start("owner"), off + dm.end("owner"), "")
        m = owner_noun(stripped)
        if m:
            owner = m.group("owner").split()
            if all(w.lower().rstrip(".") in TITLES or w.lower() == "the" for w in owner):
                # "The Prime Minister's office said": no name, the office speaks
                ph = stripped[m.start("owner") :]
                ph = ph[:1].lower() + ph[1:] if ph.startswith("The ") else ph
                return _Found(ph, off + m.start("owner"), off + len(stripped), "")
            return self._np_name(text, off + m.start("owner"), off + m.end("owner"), para)
        last = last_word(stripped)
        if last is None:
            return None
        if is_pronoun(last.group()) and last.end() == len(stripped):
            return _Found(last.group().lower(), off + last.start(), off + last.end(), "pronoun")
        shift = max(0, len(stripped) - 120)
        runs = name_runs(stripped[shift:])
        if runs and runs[-1][1] + shift == len(stripped):
            s, e, last_run = runs[-1]
            s, e = s + shift, e + shift
            if _ORG_LINK.search(stripped, max(0, s - 12), s):
                s = _join_org_back(stripped, s, 0)
            pm = prep_before(stripped, s)
            title_before = pm and (stripped[: pm.start()].split() or [""])[-1].lower() in TITLES
            if (not pm or title_before) and not POSSESSIVE_END.search(last_run):
                return self._np_name(text, off + s, off + e, para)
            word_before = (stripped[: pm.start()].split() or [""])[-1].lower() if pm else ""
            if pm and pm.group("prep") in ("at", "from", "of") and word_before in GROUP_NOUNS:
                # "Analysts at Goldman Sachs said": the firm speaks
                return self._np_name(text, off + s, off + e, para)
            if pm and pm.group("prep") in ("of", "at", "from", "with") and depth == 0:
                # the person before "of the Jet Propulsion Laboratory"
                return self._subject(text, off + pm.start(), para, depth=1)
        # the clause right before the verb: after a comma, a quotation mark or a sentence end
        cut = max(
            (
                k + len(t)
                for t in (", ", "; ", ". ", ": ", "”", "»", "«", "“", '"')
                if (k := stripped.rfind(t)) >= 0
            ),
            default=0,
        )
        clause = stripped[cut:].lstrip() if cut > 0 else stripped
        base = off + len(stripped) - len(clause)
        if clause and len(clause.split()) <= 3 and clause[:1].islower() and ORG_RE.search(clause):
            return _Found(clause, base, base + len(clause), "")  # "police said"
        m = DESCRIPTIVE.search(clause)
        if m and len(clause.split()) <= 7:
            return self._np_name(text, base + m.start("np"), base + m.end("np"), para)
        if (
            1 <= len(clause.split()) <= 3
            and clause[:1].isalpha()
            and not any(
                w in VERB_SET or w in NOT_VERB or w in FUNCTION_WORDS
                for w in clause.lower().split()
            )
        ):
            return _Found(clause, base, base + len(clause), "")  # "Rights groups said"
        return None

    def _whole_subject(self, text: str, off: int, head: str, para: int) -> _Found | None:
        start = _sentence_floor(head, len(head))
        if start < 0:
            if off > 0:
                return None
            start = 0
        seg = head[start:].rstrip()
        if seg.endswith(")"):  # "Jane Doe (D-Calif.), said"
            po = seg.rfind("(", max(0, len(seg) - 60))
            if po > 0 and ")" not in seg[po:-1]:
                seg = seg[:po]
        runs = name_runs(seg)
        if not runs or runs[-1][1] != len(seg.rstrip()) or len(seg.split()) > 8:
            return None
        rs, re_, run = runs[-1]
        if POSSESSIVE_END.search(run) or prep_before(seg, rs) or _conj_in(seg[:rs]):
            return None
        if not (rs == 0 or DET_START.match(seg)):
            return None
        a0 = off + start
        return self._np_name(text, a0 + rs, a0 + re_, para)

    # ---- rules ------------------------------------------------------------------
    def _after(self, text: str, a: int, b: int, para: int) -> _Found | None:
        after = text[a:b]
        m = INVERTED.match(after)
        if m:
            pron = next(g for g in m.groups() if g)
            if pron in ("er", "sie", "il", "elle", "ils", "elles"):
                return _Found(pron, a + m.start(m.lastindex or 0), a + m.end(), "pronoun")
        m = _DASH_NAME.match(after)
        if m:  # a pull quote signed "… " - Matthew Ingram" / "…" — CBC.ca, August 15
            nm = NAME_RUN.match(text, a + m.end())
            if nm:
                rest = text[nm.end() : b].lstrip()
                if not rest or rest[0] in ",.;(":
                    f = self._np_name(text, nm.start(), nm.end(), para)
                    if f:
                        return f
        m = _SO_NAME.match(after)
        if m:  # German: „…“, so Merkel.
            s, e = clause_at(text, a + m.end())
            f = self._np_name(text, s, e, para)
            if f:
                return f
        ra = _RELAYED_AFTER.match(after) if "ing " in after else None
        if ra and looks_like_org(clean_name(ra.group("who").strip(" ,"))):
            # "“…”, Yonhap reported, citing KCNA.": an outlet relays the source
            s2, e2 = clause_at(text, a + ra.start("np"))
            f = self._np_name(text, s2, min(e2, b), para)
            if f is not None and not is_pronoun(f.name) and f.name[:1].isupper():
                return f
        qa = _QUOTED_AS.search(after) if " as " in after else None
        if qa and not has_sentence_break(after[: qa.start()]):
            # "“…,” Reuters quoted a police spokesman as saying."
            f = self._np_name(text, a + qa.start("np"), a + qa.end("np"), para)
            if f is not None:
                return f
        m = _LEAD_PUNCT.match(after)
        head = a + (m.end() if m else 0)
        vm = reporting_verb_at(text, head)
        if vm and (vm.group() not in OBJECT_VERBS or vm.group() in ("asked", "asks")):
            s, e = clause_at(text, vm.end())
            while s < e and text[s] == " ":
                s += 1
            dm = _DATIVE.match(text, s, e)
            if dm:  # "indicó a Europa Press Borja Sémper" / "dijo a EFE la alcaldesa, X"
                s = dm.end()
            if (
                (not text[s:e].strip() and (e >= len(text) or text[e] in ".,;!?—–"))
                or (NOT_SUBJECT.match(text[s:e]) and not names_anyone(text[s:e])
                    and not (self.english and _en_indef_person(text, s, e)))
                or GERUND.match(text[s:e])
            ):
                # null subject (es/it/pt) or "…,” she added." handled elsewhere: the
                # speaker is whoever was last speaking or reported
                return _Found("they", s, s, "pronoun")
            if not NOT_SUBJECT.match(text[s:e]) or (self.english and _EN_INDEF.match(text, s, e)):
                # (English "a"/"an" is an article: "said a spokesperson for Network Rail")
                f = self._np_name(text, s, e, para)
                if f:
                    return f
                if text[s : s + 1].islower() and m and ("—" in m.group() or "–" in m.group()):
                    # «…» —dice mientras señala el campo—: a null subject
                    return _Found("they", s, s, "pronoun")
        for vm in reporting_verbs_in(text, head, b):
            if vm.group() == "saying" and not vm.group().startswith(("was", "is")):
                continue
            left = text[head : vm.start()]
            if len(left.split()) > 18 or has_sentence_break(left) or _conj_in(left):
                break
            f = self._subject(text[: vm.start()], vm.start(), para)
            if f and f.start >= head:
                return f
            if ANONYMOUS.fullmatch(left.strip(" ,")):
                return _Found("", head, vm.start(), "anonymous")  # "one told ORF": nobody named
            break
        return None

    def _new_reporter(self, text: str, a: int | None, b: int, para: int) -> bool:
        """Between two quotes, a sentence of its own in which someone named is reported
        ("Carla Menendez, who was driving, said the crash was terrible."): the next
        quote is hers, not a continuation of the previous speaker's."""
        if a is None:
            return False
        gap = text[a + 1 : b]
        m = BOUNDARY.search(gap)
        if m is None:
            return False
        for vm in reporting_verbs_in(gap, m.end()):
            if vm.group() in ("saying", "called", "calls", "reads"):
                continue
            f = self._subject(text[: a + 1 + vm.start()], a + 1 + vm.start(), para)
            return f is not None and f.start > a + m.end() and not is_pronoun(f.name)
        return False

    def _inner_dash(self, text: str, a: int, b: int, para: int) -> _Found | None:
        """Spanish/Catalan style: «Es difícil —dice Vicent Ferrandis—, pero …»: the
        speaker named between dashes inside the quotation."""
        for m in _DASH_VERB.finditer(text, a, b):
            if m.group("verb") not in VERB_SET:
                continue
            s, e = m.start("rest"), m.end("rest")
            while s < e and text[s] == " ":
                s += 1
            if s >= e:
                return _Found("they", m.start("verb"), m.end("verb"), "pronoun")
            f = self._np_name(text, s, e, para)
            if f is not None:
                f.rule = f.rule or "after-verb"
                return f
        return None

    def _before(self, text: str, a: int, b: int, para: int) -> tuple[_Found | None, bool]:
        """Returns (speaker, immediate): immediate when the verb introduces the quote."""
        before = text[a:b]
        # the pattern ends with ":", "," or "que" (then whitespace): a literal pre-check
        vf = (
            _VERB_FIRST.match(before)
            if (before[:1].isupper() or before[:1] == " ")
            and before.rstrip().endswith((":", ",", "que"))
            else None
        )
        if vf and vf.group("verb").lower() in VERB_FIRST:
            # "Explica Ferrandis: «…»" / "Cuenta Ferrandis que «…»" / "Asegura que «…»"
            if vf.group("np"):
                f = self._np_name(text, a + vf.start("np"), a + vf.end("np"), para)
                if f is not None:
                    f.rule = f.rule or "before-verb"
                    return f, True
            else:
                return _Found("they", a + vf.start("verb"), a + vf.end("verb"), "pronoun"), True
        for rx, cue in ((_QUOTED_AS, " as "), (_STATEMENT_FROM, " from "), (_PASSIVE_BY, " by ")):
            if cue not in before and (rx is not _STATEMENT_FROM or " by " not in before):
                continue
            sm = rx.search(before)
            if sm:  # "A statement from X read:" / "it was stated by X that"
                f = self._np_name(text, a + sm.start("np"), a + sm.end("np"), para)
                if f is not None and (rx is _QUOTED_AS or not is_pronoun(f.name)):
                    f.rule = f.rule or "before-verb"
                    return f, True
        pm = PARTICIPLE.search(before) if "ing" in before else None  # every cue ends so
        if pm and "with " in before:
            wm = _WITH_NAME.search(before[: pm.start()])
            if wm:  # "…, with Boswell stating: “…”"
                f = self._np_name(text, a + wm.start("np"), a + wm.end("np"), para)
                if f is not None:
                    f.rule = f.rule or "before-verb"
                    return f, True
        if pm:  # "X said, adding: “…”" / "X cut its forecast, saying customers had “…”"
            for vm in reversed(
                [m for m in reporting_verbs_in(before, 0, pm.start()) if m.group() != "saying"]
            ):
                f = self._subject(text[: a + vm.start()], a + vm.start(), para)
                if f is not None and f.start >= a:
                    f.rule = f.rule or "subject-of-sentence"
                    return f, True
            f = self._sentence_subject(text, a, a + pm.start(), para)
            if f is not None:
                return f, True
        verbs = [
            m
            for m in reporting_verbs_in(before)
            if m.group() != "saying"
            and not (m.group() in OBJECT_VERBS and _PASSIVE_AUX.search(before, 0, m.start()))
        ]
        for vm in reversed(verbs):
            tail = before[vm.end() :]
            immediate = bool(_INTRO_TAIL.fullmatch(tail)) or bool(_SHORT_TAIL.fullmatch(tail))
            f = self._subject(text[: a + vm.start()], a + vm.start(), para)
            if f is None or f.start < a:
                if f is None and immediate:
                    continue
                if f is None:
                    continue
            rule = (
                "before-colon"
                if immediate and tail.rstrip().endswith(":")
                else ("before-verb" if immediate else "subject-of-sentence")
            )
            f.rule = f.rule or rule
            return f, immediate
        return None, False

    def _according(self, text: str, a: int, b: int, para: int) -> _Found | None:
        m = according(text[a:b])
        if not m:
            return None
        s, e = clause_at(text, a + m.start("np"))
        e = min(e, b)
        qm = _RELAYED.match(text, e, b)
        if qm:  # "According to Yonhap, quoting KCNA, …": the original source speaks
            s2, e2 = clause_at(text, qm.end())
            f = self._np_name(text, s2, min(e2, b), para)
            if f and not is_pronoun(f.name):
                f.rule = f.rule or "according-to"
                return f
        f = self._np_name(text, s, e, para)
        if f:
            f.rule = f.rule or "according-to"
        return f

    def _colon_intro(self, para: int, qs: list[QuoteSpan]) -> _Found | None:
        """The speaker introduced by "X said:" ending paragraph ``para`` (the quotation
        follows in the next paragraph)."""
        text = self.paragraphs[para]
        end = len(text.rstrip()) - 1
        a = max(
            [
                0,
                *(m.end() for m in BOUNDARY.finditer(text, 0, end)),
                *(o.close_mark + 1 for o in qs if o.close_mark is not None),
            ]
        )
        if a >= end or any(o.close_mark is None for o in qs):
            return None
        f, _immediate = self._before(text, a, end + 1, para)
        if f is None:
            f = self._according(text, a, end + 1, para)
        if f is None:  # "John Smith, however, was less positive:": its subject
            f = self._sentence_subject(text, a, end, para)
        if f is None:  # "Opposition leader John Smith was less positive:"
            for rs, re_, _run in name_runs(text[a:end])[:2]:
                if _PREP_END.search(text, max(a, a + rs - 12), a + rs) or _LOC_PREP.search(
                    text, max(a, a + rs - 6), a + rs
                ):
                    continue
                f = self._np_name(text, a + rs, a + re_, para)
                if f is not None and not is_pronoun(f.name):
                    pos = self.order(para, f.start)
                    full = self.index.canonical_person(f.name, pos)
                    if looks_like_org(f.name) or len(full.split()) >= 2:
                        return f
                f = None
        return f

    def _tail_reporter(self, para: int, last: QuoteSpan) -> _Found | None:
        """A sentence after the last quotation of paragraph ``para`` whose subject, named
        at its start, reports speech: the speaker of a quote-only paragraph after it."""
        if last.close_mark is None:
            return None
        text = self.paragraphs[para]
        bm = BOUNDARY.search(text, last.close_mark)
        if bm is None:
            return None
        s0 = max([bm.end(), *(m.end() for m in BOUNDARY.finditer(text, bm.end()))])
        if s0 >= len(text) or any(c in text[s0:] for c in '“”"«»„'):
            return None
        f = self._previous_sentence(text, s0, len(text), para)
        if f is None or is_pronoun(f.name):
            return None
        lead = text[s0 : f.start].split()
        if len(lead) > 5 or (len(lead) > 3 and not lead[-1].endswith(",")):
            return None
        appos = bool(lead) and lead[-1].endswith(",") and lead[0].lower() in _DETS
        subject_like = all(w[:1].isupper() or w.lower() in _DETS or is_role_word(w) for w in lead)
        if not appos and not subject_like:
            return None  # "She spoke after John Smith criticised …": not the subject
        return f

    def _last_sentence_start(self, text: str) -> int | None:
        """Where the paragraph's last sentence starts; None when it is longer than the
        400-character window looked at (a long paragraph: its last sentence only)."""
        lo = max(0, len(text) - 400)
        start = max([0, *(m.end() for m in BOUNDARY.finditer(text, lo))])
        return None if start == 0 and lo > 0 else start

    def _last_sentence_reporter(self, para: int) -> _Found | None:
        text = self.paragraphs[para]
        start = self._last_sentence_start(text)
        if start is None:
            return None
        f = self._previous_sentence(text, start, len(text), para)
        if f is None or looks_like_org(f.name) or f.name.lower() in ("they", "we", "i"):
            return None
        return f

    def _last_sentence_subject(self, para: int) -> _Found | None:
        text = self.paragraphs[para]
        start = self._last_sentence_start(text)
        if start is None:
            return None
        f = self._sentence_subject(text, start, len(text), para)
        if f is None or (looks_like_org(f.name) and f.name.lower() not in ("he", "she")):
            return None
        return f

    def _previous_sentence(self, text: str, a: int, b: int, para: int) -> _Found | None:
        """A quote standing alone after "Heald noted the findings show ..." or "…, sagt
        Wenger.": the speaker of the previous sentence, if it reports speech."""
        sm = STATEMENT_VERB.search(text, a, b)
        if sm:  # "Senator John Cornyn, Republican from Texas, issued a statement ..."
            f = self._subject(text[: sm.start()], sm.start(), para)
            if f is not None and f.start >= a:
                f.rule = "pronoun" if is_pronoun(f.name) else "previous-sentence"
                return f
        for vm in reporting_verbs_in(text, a, b):
            if vm.group() in ("saying", "called", "calls", "reads"):
                continue
            s, e = clause_at(text, vm.end())
            while s < e and text[s] == " ":
                s += 1
            if (
                e > s
                and vm.group() not in OBJECT_VERBS
                and not NOT_SUBJECT.match(text[s:e])
                and text[s : s + 1].isupper()
            ):
                f = self._np_name(text, s, e, para)  # "…, sagt Wenger."
                if f is not None and not is_pronoun(f.name):
                    f.rule = "previous-sentence"
                    return f
            f = self._subject(text[: vm.start()], vm.start(), para)
            if f is not None and f.start >= a:
                f.rule = "pronoun" if is_pronoun(f.name) else "previous-sentence"
                return f
        return None

    def _sentence_subject(self, text: str, a: int, b: int, para: int) -> _Found | None:
        """The first clause subject that is a pronoun, an organisation or a person known
        by a full name ("Finance Minister Haruto Ishibashi struck a similar tone ...")."""
        for m in SUBJECT_VERB.finditer(text[a:b]):
            f = self._np_name(text, a + m.start("np"), a + m.end("np"), para)
            if f is None:
                continue
            pos = self.order(para, f.start)
            ok = (
                is_pronoun(f.name)
                or looks_like_org(f.name)
                or len(self.index.canonical_person(f.name, pos).split()) >= 2
            )
            if ok:
                f.rule = f.rule or "subject-of-sentence"
                return f
        am = _APPOS_SUBJECT.match(text, a, b)
        if am:  # "His rival, Peter Brown, disagreed, calling it “…”"
            f = self._np_name(text, am.start("np"), am.end("np"), para)
            if f is not None and not looks_like_org(f.name) and len(f.name.split()) >= 2:
                f.rule = f.rule or "subject-of-sentence"
                return f
        return None

    # ---- resolution -------------------------------------------------------------
    def _candidates(self, pos: int, para: int) -> list[tuple[int, str, str, bool]]:
        """(order, name, kind, mention_only) of possible referents before ``pos``: quote
        speakers, subjects of reporting verbs, and people named in the same paragraph."""
        lo = self.order(para, 0)
        if para > 0 and para - 1 not in self._quote_paras:
            # "Carla Menendez, who lives nearby, heard the blast." then "“…,” she said.":
            # people acting in a narrative paragraph right before are candidates too
            lo = self.order(para - 1, 0)
        here = self.order(para, 0)
        if pos - here > MAX_LOOKBACK:  # deep inside one huge paragraph (a flattened page):
            lo = max(lo, pos - MAX_LOOKBACK)  # bounded work per pronoun, never seen in copy
        out = [(o, n, k, False) for o, n, k in (*self.history.speakers, *self.reported) if o < pos]
        if self._singles_keys is None or len(self._singles) != len(self.index.singles):
            self._singles = sorted(self.index.singles)
            self._singles_keys = [o for o, _n, _x in self._singles]
        window = self._singles[
            bisect_left(self._singles_keys, lo) : bisect_left(self._singles_keys, pos)
        ]  # only names between ``lo`` and ``pos``: the result is sorted below anyway
        for o, n, nxt_raw in window:
            nxt = nxt_raw.rstrip(".,;:!?") or nxt_raw
            # a name acting in a clause ("Mr Key promoted", "Harry Kane won"), outside quotes
            if not lo <= o < pos or not (nxt[:1].islower() or nxt == ",") or nxt in NOT_VERB:
                continue
            if PLACE_WORDS.intersection(n.split()) or self._in_quote(o):
                continue
            if self._object_of_prep(o):  # "Asked about John Smith, he said": the topic
                continue
            full = self.index.canonical_person(n, o)
            if len(full.split()) >= 2 or full in self.index.gender:
                out.append((o, full, "Person", True))
        return sorted(out, reverse=True)

    def _sentence_person(self, g: str, at: int, para: int) -> str | None:
        """ "Thomas' sister pleaded with him …, but he replied": the first person named
        earlier in the pronoun's own sentence whose gender is known to match."""
        text = self.paragraphs[para]
        start = max([0, *(m.end() for m in BOUNDARY.finditer(text, 0, at + 1))])
        if at - start < 8 or at - start > 300:
            return None
        for rs, _re, run in name_runs(text[start:at]):
            o = self.order(para, start + rs)
            if self._in_quote(o) or self._object_of_prep(o):
                continue
            name = clean_name(run)
            if not name or is_pronoun(name) or looks_like_org(name):
                continue
            full = self.index.canonical_person(name, o)
            if len(full.split()) >= 2 and self.index.gender.get(full) == g:
                return full
        return None

    def _object_of_prep(self, order: int) -> bool:
        p, off = divmod(order, 100000)
        p -= 10
        if not 0 <= p < len(self.paragraphs) or self.order(p, off) != order:
            return False
        text = self.paragraphs[p]
        return bool(
            _PREP_END.search(text, max(0, off - 12), off)
            or _LOC_PREP.search(text, max(0, off - 7), off)
        )

    def _in_quote(self, order: int) -> bool:
        # the last quote starting at or before ``order``; a running maximum of the ends
        # covers any earlier quote still open there: O(log n) instead of a scan per call
        i = bisect_right(self._quote_starts, order)
        return bool(i) and self._quote_max_ends[i - 1] > order

    def _resolve_pronoun(
        self, g: str, pos: int, para: int, *, strict: bool = False
    ) -> tuple[str | None, str | None]:
        self._ensure_reported()
        cands = self._candidates(pos, para)
        near = self.order(max(0, para - 1), 0)
        if g == "o":  # "it": an organisation, else an ungendered recent subject
            for o, name, kind, _mention in cands:
                if kind == "Organization" and o >= near:
                    return name, kind
            if strict:  # "the statement said": who said something in a statement here
                here = self.order(para, 0)
                for o, name, _kind, mention in cands:
                    if not mention and o >= here and name not in self.index.gender:
                        return name, "Organization"
                return None, None
            for o, name, _kind, mention in cands:
                if not mention and o >= near and name not in self.index.gender:
                    return name, "Organization"
            orgs = [org for p, org in self.index.orgs if p <= pos]
            return (orgs[-1], "Organization") if orgs else (None, None)
        for _o, name, kind, _mention in cands:
            if self._named_inside(name):
                continue  # "“Andy Warhol was the center …,” he said": not Warhol
            if g in ("m", "f"):
                if kind != "Person" or (len(name.split()) < 2 and name not in self.index.gender):
                    continue
                known = self.index.gender.get(name) or self.index.gender.get(name.split()[-1])
                if known and known != g:
                    continue
                self.index.gender.setdefault(name, g)
            return name, kind
        for p, n in reversed(self.index.persons):
            known = self.index.gender.get(n)
            if p <= pos and (g not in ("m", "f") or not known or known == g):
                return n, "Person"
        return None, None

    def _resolve(self, f: _Found, para: int) -> tuple[str | None, str | None]:
        pos = self.order(para, f.start)
        if f.rule == "pronoun" or is_pronoun(f.name):
            g = PRONOUNS.get(f.name.lower(), "p")
            if g in ("m", "f") and f.end > f.start:
                self._ensure_reported()
                person = self._sentence_person(g, f.start, para)
                if person:
                    return person, "Person"
            return self._resolve_pronoun(g, pos, para)
        name = self.index.acronyms.get(f.name, f.name)  # "KCNA" -> its full name
        if self.german and " das " in name:  # "sagte Haubold das Handwerk …": its object
            name = name.split(" das ", 1)[0]
            pos -= 1  # the index holds this mention uncut: look before it
        words = name.split()
        if not words:  # a cue that names no one ("according to adviser, O lu …")
            return None, None
        desc = self._descriptor(name, words, f.start, para)
        if desc is not None:  # "the Ethiopian said", "the 24-year-old added"
            person = self.index.person_for_role(desc, pos) if is_role_word(desc) else None
            person = person or self._described_person(desc, pos, para)
            if person:
                return person, "Person"
        if len(words) == 1 and name[:1].isupper() and is_role_word(name):
            # German "sagte der Minister": a capitalised role noun
            person = self.index.person_for_role(name, pos)
            if person:
                return person, "Person"
        if words[-1][:1].islower() and DET_START.match(name) and is_role_word(words[-1]):
            # "the minister said" / "la ministra": the person introduced with that role
            person = self.index.person_for_role(words[-1], pos)
            if person:
                return person, "Person"
        if looks_like_org(name):
            if name.lower().startswith(("the ", "a ", "an ")) and name.split()[-1][:1].islower():
                canon = self.index.canonical_org(name, pos)
                if canon == name and STAND_IN.search(name):
                    # "a police spokeswoman": the organisation named inside the phrase
                    for w in words[1:-1]:
                        inner = self.index.canonical_org("the " + w, pos)
                        if inner != "the " + w:
                            bare = inner.removeprefix("the ")
                            return (bare if bare.lower() == w.lower() else inner), "Organization"
                    bodies = [w for w in words[1:-1] if w.lower() in _PUBLIC_BODIES]
                    if len(words) <= 4 and bodies:  # "a police spokesman": the police
                        return bodies[-1].lower(), "Organization"
                    # "the statement said", "a spokeswoman said": whoever issued it
                    org, _kind = self._resolve_pronoun("o", pos, para, strict=True)
                    if org:
                        return org, "Organization"
                return canon, "Organization"
            return name, "Organization"  # "police", "Reuters", "the Kremlin"
        raw = self.paragraphs[para][max(0, f.start - 6) : f.start].split()
        canon = self.index.canonical_person(name, pos)
        if raw and raw[-1].lower().rstrip(".") in ("mr", "mrs", "ms", "miss", "sir", "dame"):
            g = "m" if raw[-1].lower().startswith("mr") or raw[-1].lower() == "sir" else "f"
            if self._reported_ctx is None:
                self.index.gender.setdefault(canon, g)
            else:  # the collection would have come first: its genders win
                self._genders_later.append((canon, g))
        if name[:1].islower():  # "von der Leyen said" -> "Ursula von der Leyen"
            return (canon if canon != name and name in canon else name), "Person"
        if canon == name and len(words) == 1 and len(name) >= 5:
            canon = self._misspelt(name, pos)
        return canon, "Person"

    def _misspelt(self, name: str, pos: int) -> str:
        """ "Ms Bauchtman said" after "Lydia Buchtmann": a surname misspelt in real
        copy is the one person named before whose surname is nearly the same."""
        if any(name in full.split() for _p, full in self.index.persons):
            return name
        hits = {
            full
            for p, full in self.index.persons
            if p < pos
            and len(full.split()) >= 2
            and full.split()[-1][:1] == name[:1]
            and abs(len(full.split()[-1]) - len(name)) <= 2
            and SequenceMatcher(None, full.split()[-1].lower(), name.lower()).ratio() >= 0.8
        }
        return hits.pop() if len(hits) == 1 else name

    def _named_inside(self, name: str, qtext: str | None = None) -> bool:
        """Is the person ``name`` (by surname) named inside the quotation at hand?"""
        qtext = self._qtext if qtext is None else qtext
        if not qtext or " " not in name or not name[:1].isupper():
            return False
        if "‘" in qtext:  # “They said, ‘Mrs Moray, …’”: addressed in a quote within the quote
            qtext = _NESTED.sub(" ", qtext)
        last = name.rsplit(" ", 1)[1]
        k = qtext.find(last)
        while k >= 0:
            e = k + len(last)
            if (k == 0 or not qtext[k - 1].isalnum()) and (
                e == len(qtext) or not qtext[e].isalnum()
            ):
                return True
            k = qtext.find(last, e)
        return False

    def _descriptor(self, name: str, words: list[str], start: int, para: int) -> str | None:
        """The descriptor word of "the Ethiopian" / "the 24-year-old" / "the restorer"
        (a person referred to by nationality, age or role), else None."""
        if len(words) == 1:
            text = self.paragraphs[para]
            if start and text[start - 1] == "-":
                am = _AGE_PREFIX.search(text, max(0, start - 5), start)
                if am and _AGE.fullmatch(am.group() + name):  # "der 63-Jährige": a name
                    return am.group() + name  # run starts after the hyphen
            before = text[max(0, start - 4) : start].lower()
            if not before.endswith(("the ", "der ", "die ")):
                return None
            if before.endswith(("der ", "die ")) and is_role_word(name):
                return name  # "sagt der Sprecher"
            if (
                before.endswith("the ")
                and _NATIONALITY.fullmatch(name)
                and name not in _NOT_NATIONALITY
                and not looks_like_org(name)
            ):
                return name
            return None
        if len(words) > 4 or words[0].lower() not in _DESC_DETS:
            return None
        last = words[-1]
        if _AGE.fullmatch(last) or (
            (last[:1].islower() or words[0].lower() in ("der", "die"))
            and (last.lower() in _PERSON_NOUNS or is_role_word(last))
        ):
            return last
        return None

    def _described_person(self, desc: str, pos: int, para: int) -> str | None:
        """The latest person introduced with ``desc`` before ``pos`` ("Ethiopian runner
        Tigist Bekele", "Tom Reyes, 24,", "Tigist Bekele, an Ethiopian"); failing that,
        the latest person who spoke (better than the descriptor itself)."""
        age = _AGE.fullmatch(desc)
        if age:
            n = age.group(1)
            pats = [
                re.compile(r"(" + NAME_RUN.pattern + r"),?\s*(?:aged\s+|\()?" + n + r"\b"),
                re.compile(
                    r"\b"
                    + n
                    + r"[- ](?:year-old|[Jj]ährige\w*)\s+(?:[a-z-]+\s+){0,3}("
                    + NAME_RUN.pattern
                    + ")"
                ),
                re.compile(  # "Vicent Ferrandis tiene 67 años" / "is 24"
                    r"(" + NAME_RUN.pattern + r")\s+(?:\w+\s+){1,2}" + n + r"\b"
                ),
            ]
        else:
            # "the Briton" after "British player …": the same stem (Brit-, Span-, Dan-)
            nationality = desc[:1].isupper() and len(desc) > 4 and not is_role_word(desc)
            w = re.escape(desc[:4]) + r"\w*" if nationality else re.escape(desc)
            pats = [
                re.compile(r"(?i:\b" + w + r")\s+(?:[a-z-]+\s+){0,3}(" + NAME_RUN.pattern + ")"),
                re.compile(
                    r"("
                    + NAME_RUN.pattern
                    + r"),\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?i:"
                    + w
                    + r")\b"
                ),
            ]
        best: tuple[int, str] | None = None
        for p in range(para, max(-1, para - 12), -1):
            text = self.paragraphs[p]
            for pat in pats:
                for m in pat.finditer(text):
                    o = self.order(p, m.start(1))
                    name = clean_name(m.group(1))
                    if (
                        o < pos
                        and len(name.split()) >= 2
                        and not looks_like_org(name)
                        and (best is None or o > best[0])
                    ):
                        best = (o, self.index.canonical_person(name, o))
            if best:
                return best[1]
        if desc[:1].isupper() and not age and not is_role_word(desc):
            return None  # "the Ethiopian" named no one here: not a guess
        low = desc.lower()

        def other_role(person: str) -> bool:  # "Le préfet" is not the minister quoted last
            roles = [r for _p, r, who in self.index.roles if who == person]
            return bool(roles) and not any(r.startswith(low[:6]) or r == low for r in roles)

        for _o, name, kind in reversed(self.history.speakers):
            if kind == "Person" and " " in name:
                return None if other_role(name) else name
        persons = [n for p, n in self.index.persons if p < pos and desc not in n.split()]
        return persons[-1] if persons and not other_role(persons[-1]) else None

    def _ensure_reported(self) -> None:
        """Collect ``reported`` now if it was put off: as ``attribute`` would have done
        before its first quote (no quote speakers yet), then learn the genders that the
        quotes attributed since then taught."""
        ctx = self._reported_ctx
        if ctx is None:
            return
        self._reported_ctx = None
        speakers, self.history.speakers = self.history.speakers, []
        self._collect_reported(ctx)
        self.history.speakers = speakers
        for name, g in self._genders_later:
            self.index.gender.setdefault(name, g)
        self._genders_later.clear()

    def _collect_reported(self, ctx: dict[int, tuple[str, list[int]]]) -> None:
        """Who is reported as saying things ("Sundqvist said no."): pronoun candidates.
        Only paragraphs at most three before a quote can matter."""
        wanted = {p - d for p in ctx for d in range(4)}
        for p, text in enumerate(self.paragraphs):
            if p not in wanted:
                continue
            masked = ctx[p][0] if p in ctx else text
            for vm in reporting_verbs_in(masked):
                if vm.group() in ("saying", "read", "reads", "called", "calls"):
                    continue
                f = self._subject(text[: vm.start()], vm.start(), p)
                if f is None or is_pronoun(f.name) or f.rule == "pronoun":
                    continue
                name, kind = self._resolve(f, p)
                # (descriptive only matters for a person: no need to look otherwise)
                if name and kind and not (kind == "Person" and _descriptive(name)):
                    self.reported.append((self.order(p, f.start), name, kind))

    def attribute(self, spans: list[QuoteSpan]) -> list[Attribution]:
        by_para: dict[int, list[QuoteSpan]] = {}
        for q in spans:
            by_para.setdefault(q.paragraph, []).append(q)
        ctx: dict[int, tuple[str, list[int]]] = {}
        for p, qs in by_para.items():
            masked = mask_quotes(self.paragraphs[p], qs)
            ctx[p] = (masked, sorted(sentence_starts(masked)))  # sorted: bisected below
        self._quote_orders = sorted(
            (self.order(q.paragraph, q.start), self.order(q.paragraph, q.end)) for q in spans
        )
        self._quote_starts = [a for a, _b in self._quote_orders]
        self._quote_max_ends = list(accumulate((b for _a, b in self._quote_orders), max))
        self._quote_paras = set(by_para)
        self._reported_ctx = ctx  # collected by the first pronoun resolution, if any
        results: list[Attribution] = []
        found_for: list[_Found | None] = []
        # each quote's place among its paragraph's quotes (list.index per quote is O(n^2))
        place = {id(q): k for qs in by_para.values() for k, q in enumerate(qs)}
        opens = {p: sorted(q.open_mark for q in qs) for p, qs in by_para.items()}
        for i, q in enumerate(spans):
            text = self.paragraphs[q.paragraph]
            qs = by_para[q.paragraph]
            k = place[id(q)]
            _masked, bounds = ctx[q.paragraph]
            close = q.close_mark if q.close_mark is not None else len(text)
            # sentence bounds by bisection: a scan per quote is quadratic on long paragraphs
            j = bisect_right(bounds, q.open_mark)
            sent_start = max(0, bounds[j - 1]) if j else 0
            j = bisect_right(bounds, close)
            sent_end = min(len(text), bounds[j]) if j < len(bounds) else len(text)
            prev_close = (
                qs[k - 1].close_mark + 1 if k > 0 and qs[k - 1].close_mark is not None else 0
            )
            bstart = max(sent_start, prev_close)
            nxt_open = qs[k + 1].open_mark if k + 1 < len(qs) else len(text)
            aend = min(sent_end, nxt_open)
            before = text[bstart : q.open_mark]
            qtext = text[q.start : q.end]
            partial = bool(qtext[:1].islower()) or bool(
                before.strip()
                and not _COLON_COMMA_END.search(before)
                and not (before.split() and before.split()[-1] in VERB_SET)
                and not _THAT_END.search(before)
            )
            att = Attribution(partial=partial)
            if names_thing(before):  # a name or title, not speech
                results.append(att)
                found_for.append(None)
                continue
            f: _Found | None = None
            if q.close_mark is not None and q.open_mark == 0 and k + 1 < len(qs):
                # “…” Anonymous blogger, “Anon declares war …”: a signed pull quote
                sm = _SIGNED_BY.fullmatch(text, close + 1, qs[k + 1].open_mark)
                words = sm.group("np").split() if sm else []
                if sm and not is_pronoun(words[0]) and not any(w in VERB_SET for w in words):
                    f = _Found(sm.group("np"), sm.start("np"), sm.end("np"), "after-verb")
            if q.close_mark is not None and f is None:
                f = self._after(text, close + 1, aend, q.paragraph)
                if f and not f.name:
                    results.append(att)
                    found_for.append(None)
                    continue
                if f:
                    f.rule = f.rule or "after-verb"
            immediate = False
            if f is None and ("—" in qtext or "–" in qtext):
                f = self._inner_dash(text, q.start, q.end, q.paragraph)
            if f is None:
                f, immediate = self._before(text, bstart, q.open_mark, q.paragraph)
            if f is None or (not immediate and f.rule == "subject-of-sentence"):
                acc = self._according(text, sent_start, sent_end, q.paragraph)
                if acc is not None and not (acc.start > q.start and acc.end <= q.end):
                    f = acc
            gap_words = before.split()
            tiny_gap = (  # "… "dangerous" and "ideological": …" / "…" at a time when "…"
                k > 0
                and len(gap_words) <= 12
                and not any(w[:1].isupper() or w.strip(",.;:") in VERB_SET for w in gap_words)
                and bstart == prev_close
            )
            prev_span = results[-1].span if k > 0 and found_for[i - 1] else None
            if (
                prev_span is not None
                and (f is None or (prev_span[1] <= f.start and f.end <= prev_span[2]))
                and prev_span[0] == q.paragraph
                and bstart <= prev_span[1]
                and prev_span[2] <= q.open_mark
                and results[-1].rule == "after-verb"
                and before.rstrip().endswith(",")
                # the first half breaks off mid-sentence, or the second carries on in it
                and (text[qs[k - 1].start : qs[k - 1].end].rstrip().endswith(",")
                     or qtext[:1].islower())
            ):
                # "“It is a good day,” said Maria Gonzalez, “but the work is not done.”":
                # the attribution between the halves is the first half's; both are hers
                f = None
                att.speaker, att.kind = results[-1].speaker, results[-1].kind
                att.rule, att.span = "split-quote", prev_span
            if f is None and (not before.strip() or tiny_gap) and k > 0 and found_for[i - 1]:
                prev = spans[i - 1]
                gap = text[prev.close_mark + 1 if prev.close_mark is not None else 0 : q.open_mark]
                tiny = tiny_gap or (
                    len(gap.split()) <= 3 and not any(w[:1].isupper() for w in gap.split())
                )
                if (
                    len(gap) <= 300
                    and results[-1].rule in ("after-verb", "pronoun", "split-quote")
                    and not self._new_reporter(text, prev.close_mark, q.open_mark, q.paragraph)
                ) or (tiny and results[-1].speaker):
                    att.speaker, att.kind = results[-1].speaker, results[-1].kind
                    att.rule, att.span = "split-quote", results[-1].span
            if f is None and att.speaker is None and before.strip():
                nwords = len(qtext.split())
                has_verb = next(reporting_verbs_in(text, sent_start, sent_end), None) is not None
                if nwords >= 4 or has_verb or before.rstrip().endswith(":"):
                    f = self._sentence_subject(text, sent_start, q.open_mark, q.paragraph)
                if f is None and before.rstrip().endswith(":"):
                    # "la ministra se mostró confiada: «…»": a role noun as the subject
                    for rm in _ROLE_SUBJECT.finditer(text, sent_start, q.open_mark):
                        if is_role_word(rm.group("role")):
                            f = _Found(rm.group("np"), rm.start("np"), rm.end("np"), "")
                            f.rule = "subject-of-sentence"
                            break
            if f is None and att.speaker is None and sent_start > 0 and not q.continuation:
                j = bisect_left(bounds, sent_start)
                prev_start = max(0, bounds[j - 1]) if j else 0
                marks = opens[q.paragraph]
                if bisect_left(marks, prev_start) == bisect_left(marks, sent_start):
                    f = self._previous_sentence(text, prev_start, sent_start, q.paragraph)
            if q.continuation and att.speaker is None and i > 0 and f is None:
                att.speaker, att.kind = results[-1].speaker, results[-1].kind
                att.rule, att.span = "multi-paragraph", results[-1].span
            if (
                f is None
                and att.speaker is None
                and q.open_mark == 0
                and not q.continuation
                and q.paragraph > 0
                and self.paragraphs[q.paragraph - 1].rstrip().endswith(":")
            ):
                # "… Peter Hale, the chairman, said:" ending the paragraph before
                prev_qs = by_para.get(q.paragraph - 1, [])
                intro = self._colon_intro(q.paragraph - 1, prev_qs)
                if intro is not None:
                    name, kind = self._resolve(intro, q.paragraph - 1)
                    if name:
                        att.speaker, att.kind = name, kind
                        att.rule = "pronoun" if is_pronoun(intro.name) else "before-colon"
                        att.span = (q.paragraph - 1, intro.start, intro.end)
            if (
                f is None
                and att.speaker is None
                and q.open_mark == 0
                and not q.continuation
                and i > 0
                and results[-1].speaker
                and spans[i - 1].paragraph == q.paragraph - 1
            ):
                att.speaker, att.kind = results[-1].speaker, results[-1].kind
                att.rule, att.span = "previous-paragraph", results[-1].span
                nf = self._tail_reporter(q.paragraph - 1, spans[i - 1])
                if nf is not None:  # '"…," said Doe. Smith, the opposition leader, responded.'
                    name, kind = self._resolve(nf, q.paragraph - 1)
                    if name and name != att.speaker and not self._named_inside(name, qtext):
                        att.speaker, att.kind = name, kind
                        att.span = (q.paragraph - 1, nf.start, nf.end)
            elif (
                f is None
                and att.speaker is None
                and q.open_mark == 0
                and not q.continuation
                and q.paragraph > 0
                and not any(o.paragraph == q.paragraph - 1 for o in spans)
            ):
                # a quote-only paragraph after "Moray remembers the night ...": its subject
                f = self._last_sentence_subject(q.paragraph - 1)
                if f is None:  # "Fire chief Tom Brady described the scene."
                    f = self._last_sentence_reporter(q.paragraph - 1)
                if f is not None:
                    f.rule = "pronoun" if is_pronoun(f.name) else "previous-paragraph"
                    name, kind = self._resolve(f, q.paragraph - 1)
                    if name and not self._named_inside(name, qtext):
                        att.speaker, att.kind, att.rule = name, kind, f.rule
                        att.span = (q.paragraph - 1, f.start, f.end)
                    f = None
            if f is not None:
                self._qtext = qtext
                name, kind = self._resolve(f, q.paragraph)
                self._qtext = ""
                if (
                    name
                    and att.speaker is None
                    and f.rule in _WEAK_RULES
                    and self._named_inside(name, qtext)
                ):
                    name = None  # a person named inside the quotation is not its speaker
                if name:
                    att.speaker, att.kind = name, kind
                    att.rule = "pronoun" if f.rule == "pronoun" or is_pronoun(f.name) else f.rule
                    att.span = (q.paragraph, f.start, f.end)
            if att.speaker and att.kind:
                order = self.order(q.paragraph, q.open_mark)
                self.history.speakers.append((order, att.speaker, att.kind))
            results.append(att)
            found_for.append(f if att.speaker else None)
            if att.speaker and f is None:
                found_for[-1] = _Found(att.speaker, 0, 0, att.rule or "")
        self._fill_chains(spans, results)
        for r in results:
            if r.kind == "Person" and r.speaker and r.speaker.count(" ") >= 2:
                r.speaker = self._strip_common_lead(r.speaker)
        return results

    def _strip_common_lead(self, name: str) -> str:
        """ "Restorer Chiara Esposito" -> "Chiara Esposito": a capitalised first word that
        is a common noun (written in lower case elsewhere in the article, or a
        hyphenated "Co-author") is a role glued to the name, not a given name."""
        first, rest = name.split(" ", 1)
        if (
            not first[:1].isupper()
            or first in _GIVEN_COMMON
            or first.endswith(".")
            or not all(w[:1].isupper() for w in rest.split())
        ):
            return name
        low = first.lower()
        if "-" in first and first.split("-", 1)[1][:1].islower():
            return rest
        hit = self._lower_seen.get(low)
        if hit is None:
            pat = re.compile(r"(?<![\w’'-])" + re.escape(low) + r"(?![\w’'-])")
            hit = any(low in p and pat.search(p) for p in self.paragraphs)
            self._lower_seen[low] = hit
        return rest if hit else name

    def _fill_chains(self, spans: list[QuoteSpan], results: list[Attribution]) -> None:
        """A multi-paragraph quote has one speaker: copy it to every chunk."""
        i = 0
        while i < len(spans):
            if not spans[i].continued:
                i += 1
                continue
            j = i
            while j + 1 < len(spans) and spans[j].continued and spans[j + 1].continuation:
                j += 1
            chain = results[i : j + 1]
            weak = ("multi-paragraph", "previous-paragraph")
            named = next((r for r in chain if r.speaker and r.rule not in weak), None) or next(
                (r for r in chain if r.speaker and r.rule != "multi-paragraph"), None
            )
            if named:
                for r in chain:
                    if r is not named:
                        r.speaker, r.kind, r.span = named.speaker, named.kind, named.span
                        r.rule = "multi-paragraph"
            i = j + 1
