"""Datelines at the start of the first body paragraph:
``PYONGYANG, June 19 (Reuters) -``, ``WASHINGTON (AP) —``, ``Paris (AFP) -``,
``NAIROBI, Kenya —``, ``June 19 (UPI) --``, ``LONDON, June 19, 2024 (Reuters) -``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsml_tools.model import Dateline
from newsml_tools.reader.dates import MONTH_RE, WEEKDAY_RE

_CAPS_PLACE = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’/-]*(?:\s+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’/-]*){0,4}"
_TITLE_PLACE = r"[A-ZÀ-ÖØ-Þ][\w.'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w.'’-]+){0,3}"
_REGION = r"[A-ZÀ-ÖØ-Þ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w.'’-]*){0,2}"
_DATE = "".join((
    r"(?:", MONTH_RE, r"\s+\d{1,2}(?:,?\s+\d{4})?",
    r"|\d{1,2}\.?\s+", MONTH_RE, r"(?:\s+\d{4})?",
    r"|\d{1,2}\.?\s+[A-Za-zÄÉ][a-zéûä]{2,9}\.?(?:\s+\d{4})?",  # "5 sept 2024", "10. Juli"
    r"|", WEEKDAY_RE, r")",
))  # fmt: skip
_DASH = r"[^\S\n]*(?P<dash>--|\.-|\.–|[-–—―])[^\S\n]*(?=\S)"
_DASHES = ("-", "–", "—", "―")  # one of them is in every ``_DASH``


def _place_region_date(place: str) -> str:
    """PLACE[, REGION][, DATE]: the head of a dateline, for a given kind of place name."""
    region = r"(?:,\s+(?P<region>(?!" + MONTH_RE + r"\s*\d)" + _REGION + r"))?"
    return r"(?P<place>" + place + r")" + region + r"(?:,?\s+(?P<date>" + _DATE + r"))?"


def _build() -> list[re.Pattern[str]]:
    agency = r"\(\s*(?P<agency>[A-Za-z][\w.&'’ -]{0,40}?)\s*\)"
    caps = _place_region_date(_CAPS_PLACE) + r"(?:\s*" + agency + r")?" + _DASH  # agency optional
    title = _place_region_date(_TITLE_PLACE) + r"\s*" + agency + _DASH  # "Paris (AFP) -"
    date_only = r"(?P<date>" + _DATE + r")\s*" + agency + _DASH
    agency_only = agency + _DASH
    return [re.compile(p) for p in (date_only, caps, title, agency_only)]


_PATTERNS = _build()


@dataclass(slots=True)
class DatelineMatch:
    dateline: Dateline
    text_end: int  # end of the dateline text inside the paragraph
    dash: tuple[int, int]  # the dash, inside the paragraph
    body_start: int  # where the paragraph's own text starts


def find_dateline(paragraph: str) -> DatelineMatch | None:
    """Match only at the start; a caps place needs at least two letters so that a
    capitalised first word followed by a comma ("However, ...") is never a dateline."""
    if not any(dash in paragraph for dash in _DASHES):
        return None  # every pattern ends with a dash: most body paragraphs have none
    for pat in _PATTERNS:
        m = pat.match(paragraph)
        if not m:
            continue
        gd = m.groupdict()
        place = gd.get("place")
        if place is not None and pat is _PATTERNS[1]:
            letters = [c for c in place if c.isalpha()]
            if len(letters) < 2 or (not gd.get("agency") and len(letters) < 3):
                continue
        rest = paragraph[m.end() :]
        if not rest[:1].strip() or not (rest[:1].isupper() or rest[:1] in "\"“„«'‘(0123456789"):
            continue
        dash_start, dash_end = m.span("dash")
        text = paragraph[:dash_start].rstrip()
        region = gd.get("region")
        full_place = f"{place}, {region}" if place and region else place
        dl = Dateline(
            text=" ".join(text.split()),
            place=" ".join(full_place.split()) if full_place else None,
            date_text=" ".join(gd["date"].split()) if gd.get("date") else None,
            agency=gd["agency"].strip() if gd.get("agency") else None,
        )
        return DatelineMatch(dl, len(text), (dash_start, dash_end), m.end())
    return None
