"""Contributor footers: ``(Reporting by X; Additional reporting by Y and Z in Kyiv;
Writing by Z; Editing by W and V)``, ``Compiled by``, ``Edited by``, and AP's
``Associated Press writer X contributed to this report.``"""

from __future__ import annotations

import re

from newsml_tools.model import Contributor
from newsml_tools.reader.blocks import normalize_ws

_ROLE_WORDS = (
    r"(?:Additional|Further|Extra)\s+reporting|Reporting|Reported|Writing|Written|Editing"
    r"|Edited|Compiled|Compiling|Research|Researched|Production|Produced|Graphics|Fact[- ]checking"
    r"|Translation|Translated|Photography|Photos|Video|Sub-?editing|Text|Recherche|Redaktion"
    r"|Mitarbeit|Bearbeitung"
)
_ROLE_MAP = {
    "reported": "reporting", "written": "writing", "edited": "editing",
    "compiled": "compiling", "researched": "research", "produced": "production",
    "translated": "translation", "photos": "photography", "fact checking": "fact-checking",
}  # fmt: skip
_FOOTER_START = re.compile(r"[(\[]?\s*(?:" + _ROLE_WORDS + r")\s+(?:by|von)\b", re.I)
_SEGMENT = re.compile(
    r"\s*(?P<role>" + _ROLE_WORDS + r")\s+(?:by|von)\s+(?P<names>.+)", re.I | re.S
)
_CONTRIBUTED = re.compile(
    r"(?:(?:The\s+)?(?:Associated Press|AP|Reuters|AFP|Bloomberg)\s+)?(?:staff\s+)?"
    r"(?:writers?|reporters?|correspondents?|journalists?)\s+(?P<names>.+?)\s+contributed"
    r"(?:\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article))?\.?",
    re.I | re.S,
)
_INLINE = re.compile(r"\s*\(\s*(?:" + _ROLE_WORDS + r")\s+by\s+[^()]{2,400}\)\s*$", re.I)
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|\band\b|&|\bund\b|\bet\b)\s*")
_IN_PLACE = re.compile(r"\s+(?:in|from)\s+[A-Z][\w.' -]*$")
# a name may open with a lower-case particle: d'Arcy Doran, de la Cruz, van der Berg
_PARTICLES = re.compile(r"(?:(?:d'|d’|de\s|da\s|di\s|du\s|del\s|della\s|la\s|le\s|van\s|von\s"
                        r"|der\s|den\s|ten\s|ter\s|al-|el-|bin\s|ibn\s)+)(?=[A-Z])")


def _names(text: str) -> list[str]:
    out = []
    for raw in _SPLIT_NAMES.split(text):
        name = _IN_PLACE.sub("", raw.strip(" .;()[]"))
        if name and (name[:1].isupper() or _PARTICLES.match(name)):
            out.append(" ".join(name.split()))
    return out


def is_footer(text: str) -> bool:
    t = normalize_ws(text)  # ``" ".join(text.split())``, at once when already so
    if len(t) > 600:
        return False
    # literal pre-checks (any case; "contrıbuted" too): "… by"/"… von" after a role word,
    # "contributed" around its i (the one letter with other cases in the regex engine)
    low = t.lower()
    return bool(
        ((" by" in low or " von" in low) and _FOOTER_START.match(t))
        or ("contr" in low and "buted" in low and _CONTRIBUTED.fullmatch(t))
    )


def inline_footer_start(paragraph: str) -> int | None:
    """Where a ``(Reporting by ...)`` tail starts at the end of a body paragraph."""
    # (the pattern ends with ")" and whitespace: a literal pre-check)
    m = _INLINE.search(paragraph) if paragraph.rstrip().endswith(")") else None
    return m.start() if m and m.start() > 0 else None


def parse_footer(text: str) -> list[Contributor]:
    t = " ".join(text.split()).strip()
    m = _CONTRIBUTED.fullmatch(t)
    if m:
        return [Contributor(n, "contributing") for n in _names(m.group("names"))]
    t = t.strip("()[] .")
    out: list[Contributor] = []
    for seg in re.split(r"\s*;\s*|\s*\)\s*\(\s*|\s*/\s*(?=[A-Z][a-z]+ing\b)", t):
        sm = _SEGMENT.fullmatch(seg)
        if not sm:
            continue
        role = " ".join(sm.group("role").lower().split())
        role = _ROLE_MAP.get(role, role)
        out.extend(Contributor(n, role) for n in _names(sm.group("names")))
    return out
