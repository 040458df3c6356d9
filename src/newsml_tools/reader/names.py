"""Shared name helpers: title-casing, agencies, organisation cues."""

from __future__ import annotations

import re
from functools import lru_cache

# Agencies and outlets that appear in bylines, datelines and credits, as printed.
AGENCIES = frozenset({
    "reuters", "associated press", "the associated press", "ap", "afp", "agence france-presse",
    "agence france presse", "dpa", "deutsche presse-agentur", "upi", "united press international",
    "bloomberg", "bloomberg news", "efe", "ansa", "kyodo", "kyodo news", "xinhua", "yonhap",
    "pa", "pa media", "press association", "aap", "australian associated press", "cp",
    "the canadian press", "canadian press", "tass", "ria novosti", "interfax", "kcna",
    "cnn", "bbc", "bbc news", "npr", "ians", "pti", "anadolu", "anadolu agency", "sputnik",
    "epa", "getty images", "wikinews", "the new york times", "the washington post",
    "the guardian", "the times", "the wall street journal", "financial times", "ft",
    "al jazeera", "sky news", "abc news", "cbs news", "nbc news", "fox news", "politico",
    "axios", "the hill", "usa today", "los angeles times", "the independent",
})  # fmt: skip

_ORG_WORDS = (
    r"Ministry|Department|Dept\.?|Council|Kremlin|White House|Pentagon|Police|police|Inc\.?"
    r"|Ltd\.?|Corp\.?|Corporation|Company|Co\.|LLC|PLC|plc|GmbH|AG|SA|Agency|agency|Office"
    r"|Government|government|Commission|Committee|Court|Party|Army|Navy|Military|military"
    r"|Group|Bank|University|Association|Union|Organi[sz]ation|Foundation|Institute|Service"
    r"|Authority|Board|Parliament|Senate|Congress|Administration|Embassy|Centre|Center"
    r"|Church|Council|Federation|League|Club|Team|Press|News|Times|Post|Journal|Herald"
    r"|Gazette|Telegraph|Tribune|Television|TV|Radio|Network|Media|Agency|Bureau|Force"
    r"|Forces|Guard|Coalition|Alliance|Cabinet|Secretariat|Presidency|Palace|Downing Street"
    r"|Municipality|Borough|Elysee|Élysée|Hospital|School|College|Museum|Society|Trust|Fund|Programme|Program"
    r"|ministry|department|council|company|firm|spokesman|spokeswoman|spokesperson"
    r"|statement|report|website|newspaper|magazine|blog|study|survey|poll|document|letter"
    r"|Wikinews|Twitter|Facebook|Google|Microsoft|Apple|Amazon|NASA|FIFA|UN|EU|NATO"
    # other languages
    r"|Instituto|Istituto|Institut|Ministerio|Ministero|Ministère|Ministerium|Banco|Banca"
    r"|Banque|Universidad|Università|Université|Universität|Asociación|Associazione|Verband"
    r"|Comité|Comitato|Comisión|Commissione|Consejo|Consiglio|Conseil|Gobierno|Governo"
    r"|Gouvernement|Regierung|Partido|Partito|Parti|Partei|Sindicato|Syndicat|Gewerkschaft"
    r"|Fédération|Federación|Federazione|Regroupement|Ligue|Liga|Fundación|Fondazione|Stiftung"
    r"|Organización|Agencia|Agenzia|Agence|Tribunal|Tribunale|Gericht|Hôpital|Ospedale|Klinik"
    r"|Krankenhaus|Policía|Polizia|Polizei|Comune|Ayuntamiento|Mairie|Senado|Senato|Sénat"
    r"|Congreso|Parlamento|Parlement|Bundestag|Bundesrat|Empresa|Compañía|Società|Société"
    r"|Cámara|Camera|Chambre|Kammer|Comisiones|Obreras|GmbH|SpA|S\.A\."
)
# German compounds: "Landesumweltamt", "Stadtwerke-Verkehrsbetriebe", "Bahnverkehr AG"
_DE_ORG_SUFFIX = re.compile(
    r"\w+(?:amt|ämter|verband|gewerkschaft|ministerium|werke|betriebe|behörde|gericht|kammer"
    r"|konzern|partei|stiftung|verein|gruppe|zentrum|institut|agentur|bank)\b",
    re.I,
)
# ``_DE_ORG_SUFFIX.search(n)`` finds a match exactly when a suffix follows a word
# character: the same test without the quadratic backtracking of a leading ``\w+``.
DE_ORG_SUFFIX_AT = re.compile(r"(?<=\w)" + _DE_ORG_SUFFIX.pattern[3:], re.I)
ORG_RE = re.compile(r"\b(?:" + _ORG_WORDS + r")\b")
_NAME_PARTICLE_START = re.compile(
    r"(?:(?:van|von|bin|ibn|de|da|di|du|dos)\s+(?:(?:der|den|de|la|le|du)\s+)?"
    r"|(?:al|el|ad|ar|as|ash|bin|ibn|abu|ben|de|da|di|du|van|von|le|la)-)[A-ZÀ-ÖØ-Þ]"
)
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.]{1,9}")
_ACRONYM_LINKED = re.compile(r"\s(?:for|of|de|du)\s+[A-Z][A-Z0-9&]{1,9}$")
_JOB_WORDS = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|columnist|contributor|analyst|"
    r"producer|bureau chief|chief|senior|special|political|business|science|health|"
    r"economics|foreign|diplomatic|defence|defense|technology|sports?|news)\b",
    re.I,
)


@lru_cache(maxsize=4096)
def is_agency(text: str) -> bool:
    t = " ".join(text.split()).strip(" .,").lower()
    return t in AGENCIES or (t.startswith("the ") and t[4:] in AGENCIES)


@lru_cache(maxsize=4096)
def looks_like_org(name: str) -> bool:
    """Organisation cues: org words, all-caps acronyms, or a lower-case common noun."""
    n = name.strip()
    if not n:
        return False
    if is_agency(n) or ORG_RE.search(n) or DE_ORG_SUFFIX_AT.search(n):
        return True
    if _ACRONYM.fullmatch(n.replace(" ", "")) and len(n) <= 10:
        return True
    if _ACRONYM_LINKED.search(n):  # "Transport for NSW"
        return True
    if n[:1].islower() and _NAME_PARTICLE_START.match(n):
        return False  # "von der Leyen", "al-Faisal", "bin Salman": a surname
    return n[:1].islower() or n.lower().startswith("the ")


def is_job_title(text: str) -> bool:
    words = text.split()
    return (
        bool(words)
        and len(words) <= 5
        and all(
            _JOB_WORDS.fullmatch(w.strip(".,")) or w.lower() in ("and", "&", "of", "for", "the")
            for w in words
        )
    )


def _cap_word(word: str) -> str:
    def one(part: str) -> str:
        if not part:
            return part
        low = part.lower()
        if low.startswith("mc") and len(part) > 2:
            return "Mc" + low[2].upper() + low[3:]
        for apos in ("'", "’"):
            if len(low) > 2 and low[1] == apos:
                return low[0].upper() + apos + low[2].upper() + low[3:]
        return low[0].upper() + low[1:]

    return "-".join(one(p) for p in word.split("-"))


def title_case_name(name: str) -> str:
    """``JANE O'NEIL-MCDONALD`` -> ``Jane O'Neil-McDonald``; mixed-case input is kept."""
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return name
    particles = {"van", "von", "der", "de", "da", "di", "du", "la", "le", "bin", "al"}
    words = name.split()
    out = []
    for i, w in enumerate(words):
        if 0 < i < len(words) - 1 and w.lower() in particles:
            out.append(w.lower())
        elif len(w.rstrip(".")) == 1:
            out.append(w)  # an initial
        else:
            out.append(_cap_word(w))
    return " ".join(out)
