"""Parse the date formats found in header blocks and date lines into ISO 8601."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # German/French/Spanish month names that are not prefixes of the English ones
    "januar": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "okt": 10,
    "dez": 12, "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6,
    "juillet": 7, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5,
    "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9, "octubre": 10,
    "noviembre": 11, "diciembre": 12,
}  # fmt: skip

MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
WEEKDAY_RE = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"

_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?$",
    re.I,
)
_MDY = re.compile(r"([A-Za-zéûä]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-zéûä]+)\.?,?\s+(\d{4})\b")
# day.month.year, as German, Russian, Scandinavian and other newsrooms print it (the dots
# make it unambiguous; "06/19/2024" is not, and is left unread)
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "EDT": -4, "EST": -5, "CDT": -5, "CST": -6, "MDT": -6,
    "MST": -7, "PDT": -7, "PST": -8, "BST": 1, "CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2,
    "EET": 2, "EEST": 3, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "IST": 5.5,
}  # fmt: skip
_TIME = re.compile(
    r"\b(\d{1,2})[:.](\d{2})\s*([ap]\.?m\.?)?\s*(" + "|".join(_ZONES) + r")?\b", re.I
)


def _month(name: str) -> int | None:
    key = name.lower().rstrip(".")
    if key in MONTHS:
        return MONTHS[key]
    return MONTHS.get(key[:3]) if len(key) >= 3 and key[:3] in MONTHS else None


def _iso_date(y: int, m: int, d: int) -> str | None:
    try:
        return datetime(y, m, d).date().isoformat()
    except ValueError:
        return None


def _zone(tz: str | None) -> timezone | None:
    if not tz:
        return None
    if tz.upper() in ("Z", "UTC", "GMT"):
        return timezone.utc
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def parse_date(value: str) -> str | None:
    """ISO 8601 for a date or date-time; keeps the zone when one is given (``Z`` for UTC).
    A bare date stays a date: inventing a time or zone would be a lie."""
    s = " ".join(value.split())
    if not s:
        return None
    m = _ISO.match(s)
    if m:
        y, mo, d, hh, mi, ss, tz = m.groups()
        if hh is None:
            return _iso_date(int(y), int(mo), int(d))
        try:
            dt = datetime(int(y), int(mo), int(d), int(hh), int(mi), int(ss or 0), tzinfo=_zone(tz))
        except ValueError:
            return None
        out = dt.isoformat()
        return out.replace("+00:00", "Z")
    if re.match(r"(?:" + WEEKDAY_RE + r",?\s+)?\d{1,2}\s+\w{3}", s) and re.search(r"\d:\d", s):
        try:  # RFC 2822 as in e-mail headers
            dt = parsedate_to_datetime(s)
            return dt.isoformat().replace("+00:00", "Z")
        except (TypeError, ValueError, IndexError):
            pass
    y = mo = d = None
    after = 0  # where a time may follow the date ("19.06" is not a time)
    m2 = _MDY.search(s)
    if m2 and _month(m2.group(1)):
        mo, d, y = _month(m2.group(1)), int(m2.group(2)), int(m2.group(3))
    else:
        m3 = _DMY.search(s)
        m4 = _DOTTED.search(s) if not (m3 and _month(m3.group(2))) else None
        if m3 and _month(m3.group(2)):
            d, mo, y = int(m3.group(1)), _month(m3.group(2)), int(m3.group(3))
        elif m4:
            d, mo, y = int(m4.group(1)), int(m4.group(2)), int(m4.group(3))
            after = m4.end()
    if y is None or mo is None or d is None:
        return None
    date = _iso_date(y, mo, d)
    t = _TIME.search(s, after)
    if date is None or t is None:
        return date
    hh, mi = int(t.group(1)), int(t.group(2))
    ampm = (t.group(3) or "").lower().replace(".", "")
    if ampm == "pm" and hh < 12:
        hh += 12
    elif ampm == "am" and hh == 12:
        hh = 0
    if hh > 23 or mi > 59:
        return date
    zone = _ZONES.get((t.group(4) or "").upper())
    tz = timezone(timedelta(hours=zone)) if zone is not None else None
    dt = datetime(y, mo, d, hh, mi, tzinfo=tz)
    return dt.isoformat().replace("+00:00", "Z")


_DATE_LINE = re.compile(
    r"(?:(?:Published|Updated|Posted|First published|Last updated)(?: on)?:?\s+)?"
    r"(?:" + WEEKDAY_RE + r",?\s+)?"
    r"(?:" + MONTH_RE + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\.?\s+" + MONTH_RE + r",?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?)"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?)?\.?",
    re.I,
)


_DATE_TOKEN = re.compile(
    r"(?:published|updated|posted|first|last|on|at|am|pm|a\.m\.|p\.m\.|"
    + MONTH_RE.lower()
    + "|"
    + WEEKDAY_RE.lower()
    + "|"
    + "|".join(_ZONES).lower()
    + r"|\d{1,4}(?:st|nd|rd|th)?|\d{1,2}[:.]\d{2}|\d{4}-\d{2}-\d{2}t?[\d:+z-]*)[,.:]?"
)


def is_date_line(line: str) -> bool:
    """A line that is only a date (``Friday, August 21, 2015``, ``Published 19 June 2024``,
    ``Published 3:45 PM EDT, Wed June 19, 2024``)."""
    text = line.strip()
    if len(text) > 80:
        return False
    if _DATE_LINE.fullmatch(text):
        return True
    words = text.lower().replace("|", " ").split()
    return (
        2 <= len(words) <= 14
        and all(_DATE_TOKEN.fullmatch(w) for w in words)
        and parse_date(text) is not None
    )
