"""Bylines: ``By Jane Doe``, ``By Jane Doe and John Roe``, ``By JANE DOE, Associated Press``,
``By Jane Doe in Kyiv``, ``By Jane Doe | Reuters`` and the agency line under a ``By`` line."""

from __future__ import annotations

import re

from newsml_tools.model import Byline
from newsml_tools.reader.dates import MONTH_RE, WEEKDAY_RE
from newsml_tools.reader.names import (
    AGENCIES,
    is_agency,
    is_job_title,
    looks_like_org,
    title_case_name,
)

_BY = re.compile(
    r"(?:(?:Story|Written|Words|Text|Reporting|Reported)\s+by|By|BY|by|Von|VON|Par|PAR|Por|POR"
    r"|Texto:|Texte:|Text:)(?::|\s)\s*(.*)",
    re.S,
)
# "Jane Doe | Reuters" or "Jane Doe, Reuters": names, then an agency, with no "By"
_NAME_AGENCY = re.compile(r"(?P<names>[^|,]+(?:,[^|,]+)*?)\s*[|,–—-]\s*(?P<agency>[^|,]+)")
_NAME_TOKEN = re.compile(
    r"(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|[A-Z]\.|van|von|der|de|da|di|du|la|le|bin|al|el|y|"
    r"and|&|und|et|e|in|for|of|the|The|staff|writer|reporter|correspondent|,|\|)"
)
_DATE_START = re.compile(r"(?:" + MONTH_RE + "|" + WEEKDAY_RE + r")\b")
_SPLIT_AGENCY = re.compile(r"\s*(?:\||\s[-–—]\s|/)\s*")
_AND = re.compile(r"\s+(?:and|AND|And|&|und|UND|et|ET|y|Y|e)\s+|\s*,\s*")
_STAFF = re.compile(r"\s+(?:[Ss]taff|STAFF|[Dd]esk|[Tt]eam|[Rr]eporters|[Cc]orrespondents)$")
_JOB_TAIL = re.compile(
    r"\b(?:[Ww]riter|[Cc]orrespondent|[Ee]ditor|[Rr]eporter|[Cc]olumnist|[Cc]ontributor"
    r"|[Pp]roducer|[Cc]hief|[Aa]nalyst|[Kk]orrespondent(?:in)?|[Rr]edakteur(?:in)?"
    r"|[Cc]orrespondant(?:e)?|[Cc]orresponsal|[Rr]édact(?:eur|rice))$"
)
_DET_START = re.compile(r"(?:The|La|Le|Les|L['’]|El|Die|Der|Das|Il|Lo)\s")
_IN = re.compile(r"^(.*?)\s+(?:in|reporting from|from)\s+([A-Z][\w.' -]*)$")


def _tokens_ok(rest: str) -> bool:
    tokens = re.findall(r"[^\s,|]+|,|\|", rest)
    if not tokens or len(tokens) > 24:
        return False
    # an agency printed in lower case ends a German byline: "Von Max Mustermann, dpa"
    return all(_NAME_TOKEN.fullmatch(t) or is_agency(t) for t in tokens)


_AGENCY_ENDS = tuple(AGENCIES)


def _ends_with_agency(line: str) -> bool:
    """Does ``line`` end with an agency's name (any case, whitespace collapsed)? So it
    does whenever the agency group ``_NAME_AGENCY`` ends it with is one (``is_agency``)."""
    return " ".join(line.split()).rstrip(" .,").lower().endswith(_AGENCY_ENDS)


def is_byline_line(line: str) -> bool:
    """``By`` + capitalised names (not ``By Tuesday, officials had ...``), or names with an
    agency after a bar or comma (``Jane Doe | Reuters``)."""
    if len(line) > 160:
        return False
    m = _BY.fullmatch(line.strip())
    if not m:
        if not _ends_with_agency(line):
            return False  # the agency part ends the line: no agency name, no match to try
        nm = _NAME_AGENCY.fullmatch(line.strip())
        return bool(
            nm
            and is_agency(nm.group("agency"))
            and _tokens_ok(nm.group("names"))
            and all(len(n.split()) >= 2 for n in _AND.split(nm.group("names")) if n.strip())
        )
    rest = m.group(1).strip()
    if not rest:
        return line.strip().lower() == "by"  # a lone "By" with the names on the next line
    if not rest[:1].isupper() or _DATE_START.match(rest):
        return False
    return _tokens_ok(rest)


def is_byline_continuation(line: str) -> bool:
    """A short line under a ``By`` line: an agency, a job title, or names."""
    t = line.strip()
    if not t or len(t) > 80 or (t.endswith((".", "?", "!")) and not is_agency(t)):
        return False
    return is_agency(t) or is_job_title(t) or (_tokens_ok(t) and len(t.split()) <= 10)


def agency_only(text: str) -> str | None:
    """``By The Associated Press`` / ``By Reuters Staff`` -> the agency as printed."""
    m = _BY.match(" ".join(text.split()))
    rest = (m.group(1) if m else text).strip(" .")
    staff = _STAFF.search(rest)
    if staff:
        rest = rest[: staff.start()]
    return rest if is_agency(rest) else None


def parse_byline(text: str) -> list[Byline]:
    """Person names (title-cased when printed in capitals), affiliation and location."""
    flat = " ".join(text.split())
    m = _BY.match(flat)
    rest = m.group(1) if m else flat
    segments = [s for s in _SPLIT_AGENCY.split(rest) if s.strip()]
    if not segments:
        return []
    names: list[tuple[str, str | None]] = []
    affiliation: str | None = None
    first = True
    for seg in segments:
        for part in (p.strip(" .;") for p in _AND.split(seg)):
            if not part:
                continue
            location = None
            im = _IN.match(part)
            if im and not looks_like_org(im.group(1)):
                part, location = im.group(1).strip(), im.group(2).strip()
            later = not first or bool(names)  # not the first name of the byline
            staff = _STAFF.search(part)
            if staff:  # "Reuters Staff": the agency, nobody by name
                if is_agency(part[: staff.start()]):
                    affiliation = affiliation or part[: staff.start()].strip()
                continue
            if (
                is_agency(part)
                or (later and (looks_like_org(title_case_name(part)) or _DET_START.match(part)))
                or (len(part.split()) == 1 and part[:1].isupper() and names)
            ):
                affiliation = affiliation or part
            elif is_job_title(part) or _JOB_TAIL.search(part):
                continue
            elif part[:1].isupper() and (first or len(part.split()) >= 2):
                names.append((title_case_name(part), location))
        first = False
    if names and any(loc for _, loc in names):
        last_loc = next(loc for _, loc in reversed(names) if loc)
        names = [(n, loc or last_loc) for n, loc in names]  # "By A and B in Kyiv"
    return [Byline(name=n, affiliation=affiliation, location=loc) for n, loc in names]
