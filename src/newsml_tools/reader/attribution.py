"""Attribute quotations to speakers with small, named rules (the rule name is stored on
each quote so ``newsml inspect`` can explain the choice):

``after-verb``      “…,” said X / “…,” X said / „…“, so X / », a déclaré X
``before-colon``    X said: “…”          ``before-verb``  X said, “…” / X told reporters “…”
``according-to``    … “…”, according to X / selon X / laut X
``split-quote``     “First half,” she said. “Second half.”
``subject-of-sentence``  He added that … “strengthen” … / Putin heralded … “…”
``multi-paragraph`` continuation paragraphs of a quote opened earlier
``previous-paragraph``   a quote-only paragraph right after an attributed one
``pronoun``         any of the above whose speaker was a pronoun, resolved to the last
                    matching speaker
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from newsml_tools.reader.names import ORG_RE, looks_like_org
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
from newsml_tools.reader.verbs import PRONOUNS, REPORTING_VERBS

_WORD = re.compile(r"[\w’'-]+")
_TOKEN = re.compile(r"[^\W\d_]+")
_VERB_SET = (REPORTING_VERBS - {"so"}) | {"quoted", "pointed"}
_AUXILIARIES = frozenset({"a", "ha", "hat", "fait", "ont", "han", "hanno", "avait", "habían"})


def _verbs(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """Reporting verbs in ``text[start:end]``: a word scan plus a set look-up is several
    times faster than one alternation of a few hundred verbs."""
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        if m.group() in _VERB_SET and text[m.start() - 1 : m.start()] != "-":  # "so-called"
            yield m


def _verb_at(text: str, pos: int) -> re.Match[str] | None:
    """A reporting verb starting at ``pos`` ("said", "a déclaré", "ha dicho")."""
    m = _TOKEN.match(text, pos)
    for _ in range(2):
        if m and m.group() in _AUXILIARIES and text[m.end() : m.end() + 1] == " ":
            m = _TOKEN.match(text, m.end() + 1)
    return m if m and m.group() in _VERB_SET else None


# "-ly" adverbs ("publicly said"), not the nouns and names that end like them
_ADVERB = (
    r"(?!(?:family|Italy|July|supply|assembly|rally|ally|reply|Kelly|Sicily|anomaly|monopoly"
    r"|Emily|Molly|Holly|Lily|Billy|belly|jelly|bully|Beverly|Shelly|Sally|Ely|fly)\b)[a-z]{2,}ly"
)
_AUX_TAIL = re.compile(
    r"(?:\s+(?:has|had|have|was|were|is|are|will|would|also|later|then|again|further|once|"
    r"previously|earlier|recently|simply|hat|hatte|avait|a|ha|lo|la|le|les|se|lui|leur|sich"
    r"|" + _ADVERB + "))+$"
)
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Jr|Sr|No|Mt|Ft|vs|etc|Inc"
    r"|Corp|Ltd|Co|Jan|Feb|Aug|Sept|Oct|Nov|Dec|approx|ca|Nr|Abs|bzw|Hr|Fr)|\b[A-Z]|"
    r"\b(?:[A-Za-z]\.)+[A-Za-z])$"
)
_BOUNDARY = re.compile(r"[.!?…][”\"’»«)]*\s+(?=[“\"„«»‘(\[]?\s?[A-ZÀ-ÖØ-Þ0-9])")
_CLAUSE_END = re.compile(
    r"[,;:!?()—–\[\]]|\.(?:\s|$)|\s-\s|\s(?:who|which|that|when|where|while|after|before|because"
    r"|in a statement|in an? (?:interview|email|e-mail|post|tweet)|on (?:Twitter|X|Facebook)"
    r"|to reporters|to the|on \w+day|during|at a|at the|as|but|and then)\b"
)
_INVERTED = re.compile(
    r"^\s*[,.]?\s*(?:a-t-(?P<p1>il|elle|ils|elles)\s+\w+|\w+-t-(?P<p2>il|elle)|"
    r"(?:dit|ajoute|affirme|explique|estime|poursuit|souligne|précise|assure|lance|"
    r"insiste|conclut|répond|déclare)-(?P<p3>il|elle|ils|elles)|"
    r"(?:sagte|erklärte|betonte|meinte|fügte|ergänzte|schrieb|warnte|so)\s+(?P<p4>er|sie)\b)",
)
_ACCORDING = re.compile(
    r"\b(?:[Aa]ccording to|[Ss]elon|[Ll]aut|[Ss]egún|[Ss]econdo|[Dd]['’]après|[Cc]iting"
    r"|[Qq]uoting|[Ee]n palabras del?|in the words of)\s+(?P<np>.+)",
    re.S,
)
_GERUND = re.compile(r"\w+(?:ando|endo|iendo|ándo|éndo|iéndo)(?:la|lo|las|los|le|se)?\b")
_NOT_SUBJECT = re.compile(
    r"(?:that|by|to|in|on|with|of|from|a|à|al|au|aux|ante|en|dans|auf|vor|zu|zum|zur|que|che"
    r"|dass|lors|durante|during|after|before|at)\b"
)
_NAMING = re.compile(
    r"\b(?:itself|themselves|himself|herself|named|titled|entitled|known as|so-called"
    r"|the (?:word|term|phrase|hashtag|slogan|motto|book|film|song|album|show|novel|play))\s*$",
    re.I,
)
_STAND_IN = re.compile(
    r"\b(?:statement|spokes(?:man|woman|person)|representative|official|report|letter|release"
    r"|post|document|communiqué|comunicado|Mitteilung|Sprecher(?:in)?|porte-parole|portavoz)$",
    re.I,
)
_PLACE_WORDS = frozenset(
    {"Korea", "China", "Russia", "America", "States", "Kingdom", "Union", "Republic", "Island"}
    | {"Islands", "City", "County", "Street", "River", "Sea", "Ocean", "North", "South", "East"}
    | {"West", "New", "Los", "San", "Saint", "St.", "Coast", "Valley", "Bay", "Lake", "Gulf"}
    | {"Africa", "Europe", "Asia", "Zealand", "Arabia", "Emirates", "Airport"}
)
_NOT_VERB = frozenset(
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
_PARTICIPLE = re.compile(
    r",?\s+\b(?:saying|adding|calling|noting|warning|arguing|insisting|explaining|telling"
    r"|describing|writing|stressing|urging|claiming)\b"
)
_FUNCTION_WORDS = frozenset(
    {"but", "and", "or", "if", "when", "while", "that", "because", "although", "though", "so"}
    | {"one", "some", "many", "others", "another", "none", "all", "both", "each", "who", "which"}
    | {"this", "these", "those", "there", "here", "then", "now", "also", "only", "not", "no"}
)
_CONJ = re.compile(r"\b(?:if|but|and|because|while|when|although|though|whereas|as)\s", re.I)
_OBJECT_VERBS = frozenset(
    {"saying", "told", "tells", "asked", "asks", "urged", "urges", "informed", "informs"}
    | {"advised", "advises", "accused", "accuses", "criticised", "criticized", "praised"}
    | {"welcomed", "called", "calls", "described", "describes", "dubbed", "reads", "quoted"}
)
_STATEMENT_VERB = re.compile(
    r"\b(?:issued|released|published|posted|put out|sent)\s+(?:a|an)\s+(?:[\w-]+\s+)?"
    r"(?:statement|letter|post|tweet|message|release)\b"
)
_ANONYMOUS = re.compile(
    r"(?:one|another|someone|somebody|one of them|a (?:man|woman|resident|witness|neighbou?r"
    r"|passenger|source|worker|voter|fan|student|local)|an? \w+ (?:resident|witness|source))",
    re.I,
)
_GROUP_NOUNS = frozenset(
    {"analysts", "economists", "officials", "researchers", "experts", "scientists", "sources"}
    | {"strategists", "spokespeople", "executives", "lawyers", "staff", "doctors", "engineers"}
)
_RELATIVE = re.compile(r",\s*(?:who|which|der|die|qui|que|quien|quienes|che|il quale)$")
_AGENT_NOUN = re.compile(
    r"\b(?:spokes(?:man|woman|person)|representative|statement|official|officials|source|sources"
    r"|sprecher(?:in)?|porte-parole|portavoz)$",
    re.I,
)
_PARTY = re.compile(r"[RDI]-[A-Z][\w.]*|[A-Z][a-z]+\.?")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_DETS = (
    r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur|[Ee]l|[Ll]a|[Ll]os|[Ll]as|[Ll]e|[Ll]es"
    r"|[Ll]['’]|[Ii]l|[Ll]o|[Gg]li|[Dd]er|[Dd]ie|[Dd]as|[Dd]en|[Ee]ine?r?|[Uu]n|[Uu]ne|[Uu]no|[Uu]na"
    r"|[Ss]on|[Ss]a|[Ss]es|[Ss]u|[Ss]us|[Ss]uo|[Ss]ua|[Ss]eine?|[Ii]hre?)"
)
_DET_START = re.compile(_DETS + r"\s", re.I)
_DET_NP = re.compile(_DETS + r"\s*[^,.;:]{1,60}")
_LOWER_THEN_NAME = re.compile(r"[a-zà-ÿ][^,.;:“”\"«»]{1,80}?,\s*(?=[A-ZÀ-ÖØ-Þ])")
_DET_THEN_NAME = re.compile(_DETS + r"\s*[^,.;:“”\"«»]{1,80}?,\s*(?=[A-ZÀ-ÖØ-Þ])")
_PREP_BEFORE = re.compile(
    r"\b(?P<prep>by|of|from|for|to|with|at|in|on|about|against|and)\s+(?:the\s+|an?\s+)?$"
)
_DESCRIPTIVE = re.compile(
    r"(?P<np>(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Ll]e|[Ll]a|[Ll]es|[Dd]er|[Dd]ie"
    r"|[Dd]as|[Ee]l)\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+)\s*$"
)
_OWNER_NOUN = re.compile(
    r"(?P<owner>" + NAME_RUN.pattern + r")['’]s?\s+(?:statement|spokesman|spokeswoman|"
    r"spokesperson|office|account|website|blog|letter|lawyer|attorney|campaign|team)\s*$"
)
_SUBJECT_VERB = re.compile(
    r"(?:^|[,;]\s+|\bthat\s+)(?P<np>(?:(?:[Tt]he\s+)?"
    + NAME_RUN.pattern
    + r")|[Hh]e|[Ss]he|[Tt]hey|[Ii]t)(?:,\s[^,“”\"«»]{1,100},)?"
    r"\s+(?:(?:has|had|have|was|were|is|also|later|then|"
    + _ADVERB
    + r")\s+)*(?P<verb>(?!(?:of|and|or|in|on|at|for|to|with|from|by|the|a|an)\b)[a-zà-ÿ]{2,})\b"
)


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


def _mask(text: str, quotes: list[QuoteSpan]) -> str:
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


def _boundaries(masked: str) -> list[int]:
    out = []
    for m in _BOUNDARY.finditer(masked):
        head = masked[max(0, m.start() - 12) : m.start()]
        if masked[m.start()] == "." and _ABBREV.search(head):
            continue
        out.append(m.end())
    return out


def _names_anyone(text: str) -> bool:
    """Does a clause name anyone (a capitalised word after its first word)?"""
    return any(w[:1].isupper() for w in text.split()[1:4])


def _sentence_break(text: str) -> bool:
    """A full stop that is not an abbreviation's ("Dr. Fabio Nunes insisted")."""
    for m in re.finditer(r"[.!?](?=\s)", text):
        if m.group() != "." or not _ABBREV.search(text[max(0, m.start() - 12) : m.start()]):
            return True
    return False


def _clause(text: str, start: int) -> tuple[int, int]:
    """The clause from ``start``: up to punctuation or a clause word, but not the full
    stop of an abbreviation ("Dr. Anneli Sundqvist", "Sen. Robert Haskell")."""
    pos = start
    while True:
        m = _CLAUSE_END.search(text, pos)
        if not m:
            return start, len(text)
        head = text[max(start, m.start() - 12) : m.start()]
        if m.group().startswith(".") and _ABBREV.search(head):
            pos = m.end()
            continue
        return start, m.start()


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
        self.order = order  # (paragraph, offset) -> document order for name look-ups
        self.history = _History()
        self.reported: list[tuple[int, str, str]] = []  # subjects of reporting verbs
        self._quote_orders: list[tuple[int, int]] = []  # quoted text, in document order

    # ---- noun phrases -------------------------------------------------------------
    def _np_name(self, text: str, start: int, end: int, para: int) -> _Found | None:
        """Reduce a noun phrase ``text[start:end]`` to a speaker (person, org, pronoun)."""
        np = text[start:end]
        lead = len(np) - len(np.lstrip(" ,"))
        np = np.strip(" ,")
        s0 = start + lead
        if not np:
            return None
        dm = _DET_THEN_NAME.match(text, s0) or _LOWER_THEN_NAME.match(text, s0)
        if dm and dm.end() <= end + 2 and np[:1].islower():
            # "le ministre de la Santé, Étienne Moreau" / "sa porte-parole, X": the name
            nm = NAME_RUN.match(text, dm.end())
            if nm and not looks_like_org(clean_name(nm.group())):
                name = clean_name(nm.group())
                if name:
                    return _Found(name, nm.start(), nm.end(), "")
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
        for rs, re_, run in name_runs(np):
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
        desc = _DET_NP.match(np)
        if desc:
            parts = re.split(
                r"\s+(?:of|for|by|at|in|on|from|with|who|which|that)\s+", desc.group(), maxsplit=1
            )
            phrase = parts[0]
            if len(parts) > 1 and _AGENT_NOUN.search(phrase):
                # "a spokesman for the ministry" speaks for the ministry
                k = s0 + desc.group().index(parts[1], len(phrase))
                inner = self._np_name(text, k, s0 + desc.end(), para)
                if inner is not None and looks_like_org(inner.name):
                    return inner
            # "the company’s chief executive, Jane Doe": the name follows the comma
            tail = text[end : end + 80]
            m = re.match(r"\s*,\s*(" + NAME_RUN.pattern + r")", tail)
            if m and not looks_like_org(clean_name(m.group(1))):
                return _Found(clean_name(m.group(1)), end + m.start(1), end + m.end(1), "")
            return _Found(phrase, s0, s0 + len(phrase), "")
        return None

    def _subject(self, text: str, end: int, para: int, depth: int = 0) -> _Found | None:
        """The subject right before ``end`` (where a verb starts); looks back at most
        300 characters, which keeps the reader linear in the paragraph length."""
        off = max(0, end - 200)
        left = text[off:end].rstrip()
        m = _AUX_TAIL.search(left)
        if m:
            left = left[: m.start()]
        stripped = left.rstrip()
        rm = _RELATIVE.search(stripped)
        if rm:  # "Councilman Gary Hoffer, who said"
            head = stripped[: rm.start()]
            runs = name_runs(head[-120:])
            shift = max(0, len(head) - 120)
            if runs and runs[-1][1] + shift == len(head):
                return self._np_name(text, off + shift + runs[-1][0], off + len(head), para)
            return None
        if stripped.endswith(","):  # "X, R-Iowa, the bill's sponsor, said": skip appositions
            end_pos = len(stripped) - 1
            for _ in range(3):
                k = stripped.rfind(",", 0, end_pos)
                if k <= 0 or end_pos - k > 120:
                    return None
                head = stripped[:k].rstrip()
                seg = stripped[k + 1 : end_pos].strip()
                seg_runs = name_runs(seg)
                if (
                    seg_runs
                    and seg_runs[-1][1] == len(seg)
                    and not _PARTY.fullmatch(seg_runs[-1][2])
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
                if runs and runs[-1][1] + shift == len(head) and not _PARTY.fullmatch(runs[-1][2]):
                    s, e, last_run = runs[-1]
                    if not _POSSESSIVE_END.search(last_run):
                        return self._np_name(text, off + shift + s, off + shift + e, para)
                if not seg:
                    return None
                end_pos = k
            return None
        m = _OWNER_NOUN.search(stripped)
        if m:
            return self._np_name(text, off + m.start("owner"), off + m.end("owner"), para)
        words = list(_WORD.finditer(stripped))
        if not words:
            return None
        last = words[-1]
        if is_pronoun(last.group()) and last.end() == len(stripped):
            return _Found(last.group().lower(), off + last.start(), off + last.end(), "pronoun")
        shift = max(0, len(stripped) - 120)
        runs = name_runs(stripped[shift:])
        if runs and runs[-1][1] + shift == len(stripped):
            s, e, last_run = runs[-1]
            s, e = s + shift, e + shift
            pm = _PREP_BEFORE.search(stripped[:s])
            title_before = pm and (stripped[: pm.start()].split() or [""])[-1].lower() in TITLES
            if (not pm or title_before) and not _POSSESSIVE_END.search(last_run):
                return self._np_name(text, off + s, off + e, para)
            word_before = (stripped[: pm.start()].split() or [""])[-1].lower() if pm else ""
            if pm and pm.group("prep") in ("at", "from", "of") and word_before in _GROUP_NOUNS:
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
        m = _DESCRIPTIVE.search(clause)
        if m and len(clause.split()) <= 7:
            return self._np_name(text, base + m.start("np"), base + m.end("np"), para)
        if 1 <= len(clause.split()) <= 3 and not any(
            w in _VERB_SET or w in _NOT_VERB or w in _FUNCTION_WORDS for w in clause.lower().split()
        ):
            return _Found(clause, base, base + len(clause), "")  # "Rights groups said"
        return None

    # ---- rules ------------------------------------------------------------------
    def _after(self, text: str, a: int, b: int, para: int) -> _Found | None:
        after = text[a:b]
        m = _INVERTED.match(after)
        if m:
            pron = next(g for g in m.groups() if g)
            if pron in ("er", "sie", "il", "elle", "ils", "elles"):
                return _Found(pron, a + m.start(m.lastindex or 0), a + m.end(), "pronoun")
        m = re.match(r"\s*[,.]?\s*so\s+(?=\S)", after)
        if m:  # German: „…“, so Merkel.
            s, e = _clause(text, a + m.end())
            f = self._np_name(text, s, e, para)
            if f:
                return f
        m = re.match(r"\s*[,.;:—–-]?\s*", after)
        head = a + (m.end() if m else 0)
        vm = _verb_at(text, head)
        if vm and (vm.group() not in _OBJECT_VERBS or vm.group() in ("asked", "asks")):
            s, e = _clause(text, vm.end())
            while s < e and text[s] == " ":
                s += 1
            if (
                (not text[s:e].strip() and (e >= len(text) or text[e] in ".,;!?"))
                or (_NOT_SUBJECT.match(text[s:e]) and not _names_anyone(text[s:e]))
                or _GERUND.match(text[s:e])
            ):
                # null subject (es/it/pt) or "…,” she added." handled elsewhere: the
                # speaker is whoever was last speaking or reported
                return _Found("they", s, s, "pronoun")
            if not _NOT_SUBJECT.match(text[s:e]):
                f = self._np_name(text, s, e, para)
                if f:
                    return f
        for vm in _verbs(text, head, b):
            if vm.group() == "saying" and not vm.group().startswith(("was", "is")):
                continue
            left = text[head : vm.start()]
            if len(left.split()) > 18 or _sentence_break(left) or _CONJ.search(left):
                break
            f = self._subject(text[: vm.start()], vm.start(), para)
            if f and f.start >= head:
                return f
            if _ANONYMOUS.fullmatch(left.strip(" ,")):
                return _Found("", head, vm.start(), "anonymous")  # "one told ORF": nobody named
            break
        return None

    def _before(self, text: str, a: int, b: int, para: int) -> tuple[_Found | None, bool]:
        """Returns (speaker, immediate): immediate when the verb introduces the quote."""
        before = text[a:b]
        pm = _PARTICIPLE.search(before)
        if pm:  # "X said, adding: “…”" / "X cut its forecast, saying customers had “…”"
            for vm in reversed([m for m in _verbs(before, 0, pm.start()) if m.group() != "saying"]):
                f = self._subject(text[: a + vm.start()], a + vm.start(), para)
                if f is not None and f.start >= a:
                    f.rule = f.rule or "subject-of-sentence"
                    return f, True
            f = self._sentence_subject(text, a, a + pm.start(), para)
            if f is not None:
                return f, True
        verbs = [m for m in _verbs(before) if m.group() != "saying"]
        for vm in reversed(verbs):
            tail = before[vm.end() :]
            immediate = bool(
                re.fullmatch(
                    r"(?:\s+(?:to|in|on|at|during|via|using|with|from|for|of|the|en|dans|sur|a|à"
                    r"|con|mit|auf|in|bei|lors|durante|vor|gegenüber)\b[^,:“\"„«]{0,60})?"
                    r"\s*[:,]?\s*(?:that\s*)?",
                    tail,
                )
            ) or bool(re.fullmatch(r"\s+\w+(?:\s+\w+)?\s*[:,]\s*", tail))
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
        m = _ACCORDING.search(text[a:b])
        if not m:
            return None
        s, e = _clause(text, a + m.start("np"))
        e = min(e, b)
        f = self._np_name(text, s, e, para)
        if f:
            f.rule = f.rule or "according-to"
        return f

    def _last_sentence_subject(self, para: int) -> _Found | None:
        text = self.paragraphs[para]
        if len(text) > 600:
            return None
        start = max([0, *(m.end() for m in _BOUNDARY.finditer(text))])
        f = self._sentence_subject(text, start, len(text), para)
        if f is None or looks_like_org(f.name):
            return None
        return f

    def _previous_sentence(self, text: str, a: int, b: int, para: int) -> _Found | None:
        """A quote standing alone after "Heald noted the findings show ..." or "…, sagt
        Wenger.": the speaker of the previous sentence, if it reports speech."""
        sm = _STATEMENT_VERB.search(text, a, b)
        if sm:  # "Senator John Cornyn, Republican from Texas, issued a statement ..."
            f = self._subject(text[: sm.start()], sm.start(), para)
            if f is not None and f.start >= a:
                f.rule = "pronoun" if is_pronoun(f.name) else "previous-sentence"
                return f
        for vm in _verbs(text, a, b):
            if vm.group() in ("saying", "called", "calls", "reads"):
                continue
            s, e = _clause(text, vm.end())
            while s < e and text[s] == " ":
                s += 1
            if (
                e > s
                and vm.group() not in _OBJECT_VERBS
                and not _NOT_SUBJECT.match(text[s:e])
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
        for m in _SUBJECT_VERB.finditer(text[a:b]):
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
        return None

    # ---- resolution -------------------------------------------------------------
    def _candidates(self, pos: int, para: int) -> list[tuple[int, str, str, bool]]:
        """(order, name, kind, mention_only) of possible referents before ``pos``: quote
        speakers, subjects of reporting verbs, and people named in the same paragraph."""
        lo = self.order(para, 0)
        out = [(o, n, k, False) for o, n, k in (*self.history.speakers, *self.reported) if o < pos]
        for o, n, nxt_raw in self.index.singles:
            nxt = nxt_raw.rstrip(".,;:!?") or nxt_raw
            # a name acting in a clause ("Mr Key promoted", "Harry Kane won"), outside quotes
            if not lo <= o < pos or not (nxt[:1].islower() or nxt == ",") or nxt in _NOT_VERB:
                continue
            if _PLACE_WORDS.intersection(n.split()) or self._in_quote(o):
                continue
            full = self.index.canonical_person(n, o)
            if len(full.split()) >= 2:
                out.append((o, full, "Person", True))
        return sorted(out, reverse=True)

    def _in_quote(self, order: int) -> bool:
        return any(a <= order < b for a, b in self._quote_orders)

    def _resolve_pronoun(
        self, g: str, pos: int, para: int, *, strict: bool = False
    ) -> tuple[str | None, str | None]:
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
            return self._resolve_pronoun(PRONOUNS.get(f.name.lower(), "p"), pos, para)
        name = self.index.acronyms.get(f.name, f.name)  # "KCNA" -> its full name
        words = name.split()
        if len(words) == 1 and name[:1].isupper() and is_role_word(name):
            # German "sagte der Minister": a capitalised role noun
            person = self.index.person_for_role(name, pos)
            if person:
                return person, "Person"
        if _DET_START.match(name) and words[-1][:1].islower() and is_role_word(words[-1]):
            # "the minister said" / "la ministra": the person introduced with that role
            person = self.index.person_for_role(words[-1], pos)
            if person:
                return person, "Person"
        if looks_like_org(name):
            if name.lower().startswith(("the ", "a ", "an ")) and name.split()[-1][:1].islower():
                canon = self.index.canonical_org(name, pos)
                if canon == name and _STAND_IN.search(name):
                    # "a police spokeswoman": the organisation named inside the phrase
                    for w in words[1:-1]:
                        inner = self.index.canonical_org("the " + w, pos)
                        if inner != "the " + w:
                            bare = inner.removeprefix("the ")
                            return (bare if bare.lower() == w.lower() else inner), "Organization"
                    # "the statement said", "a spokeswoman said": whoever issued it
                    org, _kind = self._resolve_pronoun("o", pos, para, strict=True)
                    if org:
                        return org, "Organization"
                return canon, "Organization"
            return name, "Organization"  # "police", "Reuters", "the Kremlin"
        raw = self.paragraphs[para][max(0, f.start - 6) : f.start].split()
        canon = self.index.canonical_person(name, pos)
        if raw and raw[-1].lower().rstrip(".") in ("mr", "mrs", "ms", "miss", "sir", "dame"):
            self.index.gender.setdefault(
                canon, "m" if raw[-1].lower().startswith("mr") or raw[-1].lower() == "sir" else "f"
            )
        if name[:1].islower():
            return name, "Person"
        return canon, "Person"

    def _collect_reported(self, ctx: dict[int, tuple[str, list[int]]]) -> None:
        """Who is reported as saying things ("Sundqvist said no."): pronoun candidates.
        Only paragraphs at most three before a quote can matter."""
        wanted = {p - d for p in ctx for d in range(4)}
        for p, text in enumerate(self.paragraphs):
            if p not in wanted:
                continue
            masked = ctx[p][0] if p in ctx else text
            for vm in _verbs(masked):
                if vm.group() in ("saying", "read", "reads", "called", "calls"):
                    continue
                f = self._subject(text[: vm.start()], vm.start(), p)
                if f is None or is_pronoun(f.name) or f.rule == "pronoun":
                    continue
                name, kind = self._resolve(f, p)
                if name and kind and not (kind == "Person" and _DET_START.match(name)):
                    self.reported.append((self.order(p, f.start), name, kind))

    def attribute(self, spans: list[QuoteSpan]) -> list[Attribution]:
        by_para: dict[int, list[QuoteSpan]] = {}
        for q in spans:
            by_para.setdefault(q.paragraph, []).append(q)
        ctx: dict[int, tuple[str, list[int]]] = {}
        for p, qs in by_para.items():
            masked = _mask(self.paragraphs[p], qs)
            ctx[p] = (masked, _boundaries(masked))
        self._quote_orders = [
            (self.order(q.paragraph, q.start), self.order(q.paragraph, q.end)) for q in spans
        ]
        self._collect_reported(ctx)
        results: list[Attribution] = []
        found_for: list[_Found | None] = []
        for i, q in enumerate(spans):
            text = self.paragraphs[q.paragraph]
            qs = by_para[q.paragraph]
            k = qs.index(q)
            _masked, bounds = ctx[q.paragraph]
            close = q.close_mark if q.close_mark is not None else len(text)
            sent_start = max([0, *(x for x in bounds if x <= q.open_mark)])
            sent_end = min([len(text), *(x for x in bounds if x > close)])
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
                and not re.search(r"[:,]\s*$", before)
                and not (before.split() and before.split()[-1] in _VERB_SET)
                and not re.search(r"\b(?:that|:)\s*$", before)
            )
            att = Attribution(partial=partial)
            if _NAMING.search(before):  # a name or title, not speech
                results.append(att)
                found_for.append(None)
                continue
            f: _Found | None = None
            if q.close_mark is not None:
                f = self._after(text, close + 1, aend, q.paragraph)
                if f and not f.name:
                    results.append(att)
                    found_for.append(None)
                    continue
                if f:
                    f.rule = f.rule or "after-verb"
            immediate = False
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
                and not any(w[:1].isupper() or w.strip(",.;:") in _VERB_SET for w in gap_words)
                and bstart == prev_close
            )
            if f is None and (not before.strip() or tiny_gap) and k > 0 and found_for[i - 1]:
                prev = spans[i - 1]
                gap = text[prev.close_mark + 1 if prev.close_mark is not None else 0 : q.open_mark]
                tiny = tiny_gap or (
                    len(gap.split()) <= 3 and not any(w[:1].isupper() for w in gap.split())
                )
                if (
                    len(gap) <= 300 and results[-1].rule in ("after-verb", "pronoun", "split-quote")
                ) or (tiny and results[-1].speaker):
                    att.speaker, att.kind = results[-1].speaker, results[-1].kind
                    att.rule, att.span = "split-quote", results[-1].span
            if f is None and att.speaker is None and before.strip():
                nwords = len(qtext.split())
                has_verb = next(_verbs(text, sent_start, sent_end), None) is not None
                if nwords >= 4 or has_verb:
                    f = self._sentence_subject(text, sent_start, q.open_mark, q.paragraph)
            if f is None and att.speaker is None and sent_start > 0 and not q.continuation:
                prev_start = max([0, *(x for x in bounds if x < sent_start)])
                if not any(prev_start <= o.open_mark < sent_start for o in qs):
                    f = self._previous_sentence(text, prev_start, sent_start, q.paragraph)
            if q.continuation and att.speaker is None and i > 0 and f is None:
                att.speaker, att.kind = results[-1].speaker, results[-1].kind
                att.rule, att.span = "multi-paragraph", results[-1].span
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
                if f is not None:
                    f.rule = "pronoun" if is_pronoun(f.name) else "previous-paragraph"
                    name, kind = self._resolve(f, q.paragraph - 1)
                    if name:
                        att.speaker, att.kind, att.rule = name, kind, f.rule
                        att.span = (q.paragraph - 1, f.start, f.end)
                    f = None
            if f is not None:
                name, kind = self._resolve(f, q.paragraph)
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
        return results

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
