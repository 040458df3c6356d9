"""Header-block values beyond the text fields: which output fields carry them, and which
header a chosen set of formats would drop (CV005 names it, so nothing vanishes quietly).

The reader keeps every ``Key: value`` of a header block in ``Article.headers``; headline,
byline, date, source, language, standfirst and credit line become Article fields. The
rest is item metadata, mapped here once for every writer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from newsml_tools.model import BYLINE_HEADER_KEYS, Article
from newsml_tools.reader.dates import parse_date as read_date
from newsml_tools.writers.options import ItemMeta

# keys the reader turns into Article fields, in the order it looks for them: the first
# with a value is the field; another value in the same group ("Title:" beside
# "Headline:") goes nowhere. Every byline header is read.
_ARTICLE_GROUPS = (
    ("headline", "title", "hed"),
    ("standfirst", "summary", "description", "dek", "subtitle", "subheadline"),
    ("date", "published", "pubdate", "datetime", "dateline-date"),
    ("source", "agency", "provider"),
    ("language", "lang"),
    ("creditline", "credit line"),
)
_READ_WHOLE = frozenset({*BYLINE_HEADER_KEYS, "date-line", "headline-line", "standfirst-line"})
_ALL = frozenset({"newsml-g2", "jsonld", "ninjs", "nitf"})
# item metadata: the formats with a field for it
CARRIED_BY: dict[str, frozenset[str]] = {
    "guid": _ALL, "id": _ALL,
    "copyright": _ALL, "rights": _ALL,
    "url": frozenset({"newsml-g2", "jsonld"}), "link": frozenset({"newsml-g2", "jsonld"}),
    "slug": frozenset({"newsml-g2", "ninjs", "nitf"}),
    "keywords": _ALL, "tags": _ALL,
    "section": frozenset({"jsonld"}), "category": frozenset({"jsonld"}),
    "urgency": frozenset({"newsml-g2", "ninjs", "nitf"}),
    "priority": frozenset({"newsml-g2", "ninjs", "nitf"}),
    "updated": frozenset({"newsml-g2", "jsonld", "ninjs"}),
    "modified": frozenset({"newsml-g2", "jsonld", "ninjs"}),
}  # fmt: skip
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s\x00-\x1f\x7f]+")
_WEB = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.I)
_LIST = re.compile(r"\s*[,;]\s*")


def _first(headers: dict[str, str], *keys: str) -> tuple[str | None, str | None]:
    for key in keys:
        value = headers.get(key)
        if value:
            return key, value
    return None, None


def header_guid(article: Article) -> str | None:
    """A ``GUID:``/``ID:`` header that is a URI: the newsroom's own persistent id."""
    _key, value = _first(article.headers, "guid", "id")
    return value if value and _URI.fullmatch(value) else None


def item_meta(article: Article, to_datetime: Callable[[str], datetime | None],
              published: datetime) -> ItemMeta:
    """The item metadata of the header block (``to_datetime`` reads an ``Updated:``
    value; None when it cannot). An ``Updated:`` time not after ``published`` is no
    later version's time: left out (and reported)."""
    h = article.headers
    _k, url = _first(h, "url", "link")
    _k, rights = _first(h, "copyright", "rights")
    _k, slug = _first(h, "slug")
    _k, words = _first(h, "keywords", "tags")
    _k, section = _first(h, "section", "category")
    _k, urgency = _first(h, "urgency", "priority")
    _k, updated = _first(h, "updated", "modified")
    keywords = tuple(dict.fromkeys(w for w in _LIST.split(words or "") if w))
    return ItemMeta(
        url=url if url and _WEB.fullmatch(url) else None,
        copyright=rights,
        slug=slug,
        keywords=keywords,
        section=section,
        urgency=int(urgency) if urgency and urgency.strip() in set("123456789") else None,
        modified=_later(to_datetime(updated) if updated else None, published),
    )


def _later(when: datetime | None, than: datetime) -> datetime | None:
    return when if when is not None and when > than else None


def dropped_headers(article: Article, meta: ItemMeta, formats: tuple[str, ...]) -> list[str]:
    """Header keys (as the reader stored them) whose value none of ``formats`` carries:
    keys no format has a field for, a second value for an Article field, and values that
    could not be used (a GUID that is not a URI, an urgency outside 1-9, an ``Updated:``
    time that cannot be read or is not after the publication, a URL that is not a web
    address)."""
    h = article.headers
    unusable = {
        "guid": header_guid(article) is None, "id": header_guid(article) is None,
        "url": meta.url is None, "link": meta.url is None,
        "urgency": meta.urgency is None, "priority": meta.urgency is None,
        "updated": meta.modified is None, "modified": meta.modified is None,
    }
    used: dict[str, str] = {}  # article-field key -> the value the field holds
    for group in _ARTICLE_GROUPS:
        first = next((k for k in group if h.get(k) and (
            group[0] != "date" or read_date(h[k]) == article.date)), None)
        for k in group:
            used[k] = h[first] if first else ""
    out = []
    for key, value in h.items():
        base = key.split("#", 1)[0]  # a repeated key is stored as "key#2"
        if not value or base in _READ_WHOLE:
            continue
        if base in used:
            if value != used[base]:  # "Title:" beside "Headline:", a second "Date:"
                out.append(key)
            continue
        carriers = CARRIED_BY.get(base, frozenset())
        if base != key or unusable.get(base) or not carriers.intersection(formats):
            out.append(key)
    return out
