"""Header-block values beyond the text fields: which output fields carry them, and which
header a chosen set of formats would drop (CV005 names it, so nothing vanishes quietly).

The reader keeps every ``Key: value`` of a header block in ``Article.headers``; headline,
byline, date, source, language, standfirst and credit line become Article fields. The
rest is item metadata, mapped here once for every writer.
"""

from __future__ import annotations

import re
from datetime import datetime

from newsml_tools.model import BYLINE_HEADER_KEYS, Article
from newsml_tools.option_checks import guid_problem
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
_WEB = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.I)
_LIST = re.compile(r"\s*[,;]\s*")


def _first(headers: dict[str, str], *keys: str) -> tuple[str | None, str | None]:
    for key in keys:
        value = headers.get(key)
        if value:
            return key, value
    return None, None


def header_guid(article: Article) -> str | None:
    """A ``GUID:``/``ID:`` header that ``--guid`` would take (a URI): the newsroom's own
    persistent id."""
    for key in ("guid", "id"):  # the first that is a URI: "GUID: 123" and "ID: urn:…"
        value = article.headers.get(key)
        if value and guid_problem(value) is None:
            return value
    return None


def _header_time(value: str) -> datetime | None:
    """A header's date or date-time as ``--date`` reads it (no zone is UTC, a bare date
    its midnight), or None when it cannot be read."""
    from newsml_tools.convert import DateError, parse_date  # convert imports this module

    try:
        return parse_date(read_date(value) or value)
    except DateError:
        return None


def _updated_time(value: str) -> datetime | None:
    """An ``Updated:`` header's time: a date-time (a bare date gives no version time)."""
    iso = read_date(value)
    return _header_time(iso) if iso and "T" in iso else None


def item_meta(article: Article, published: datetime) -> ItemMeta:
    """The item metadata of the header block. An ``Updated:`` time not after
    ``published`` is no later version's time: left out (and reported when earlier).
    ``Keywords:`` and ``Tags:`` are one list."""
    h = article.headers
    _k, url = _first(h, "url", "link")
    _k, rights = _first(h, "copyright", "rights")
    _k, slug = _first(h, "slug")
    _k, section = _first(h, "section", "category")
    _k, urgency = _first(h, "urgency", "priority")
    _k, updated = _first(h, "updated", "modified")
    words = [h[k] for k in h if k.split("#", 1)[0] in _KEYWORD_KEYS and h[k]]
    keywords = tuple(dict.fromkeys(w for text in words for w in _LIST.split(text) if w))
    return ItemMeta(
        url=url if url and _WEB.fullmatch(url) else None,
        copyright=rights,
        slug=slug,
        keywords=keywords,
        section=section,
        urgency=int(urgency) if urgency and urgency.strip() in set("123456789") else None,
        modified=_later(_updated_time(updated) if updated else None, published),
    )


_KEYWORD_KEYS = frozenset({"keywords", "tags"})
# item metadata with two names: the first with a value is used, as for Article fields
_META_GROUPS = (
    ("guid", "id"), ("url", "link"), ("copyright", "rights"), ("section", "category"),
    ("urgency", "priority"), ("updated", "modified"), ("slug",),
)
_DATE_GROUPS = frozenset({"date", "updated"})


def _later(when: datetime | None, than: datetime) -> datetime | None:
    return when if when is not None and when > than else None


def _instant(value: str) -> datetime | str:
    """A header date as a comparable instant, else its normalised text."""
    when = _header_time(value)
    return when if when is not None else " ".join(value.split()).casefold()


# fields whose values are names or codes, the same in any case ("Lang: EN", "Agency: afp");
# URLs, GUIDs, notices and slugs are compared as written
_ANY_CASE = frozenset({"language", "source", "creditline", "section"})


def _same(a: str, b: str, group: str) -> bool:
    """Two header values that say the same thing: one instant written two ways, or
    the same name or code in another case ("Lang: EN" beside "Language: en")."""
    if group in _DATE_GROUPS:
        return _instant(a) == _instant(b)
    a, b = " ".join(a.split()), " ".join(b.split())
    if a.isdigit() and b.isdigit():  # "Urgency: 1" and "Priority: 01"
        return int(a) == int(b)
    return a.casefold() == b.casefold() if group in _ANY_CASE else a == b


def dropped_headers(article: Article, meta: ItemMeta, formats: tuple[str, ...],
                    published: datetime | None = None) -> list[tuple[str, str]]:
    """Header keys (as the reader stored them) whose value none of ``formats`` carries,
    each with the reason:
    keys no format has a field for, a second, different value for a field ("Title:"
    beside "Headline:", "Link:" beside "URL:"), and values that could not be used (a
    GUID that is not a URI, an urgency outside 1-9, an ``Updated:`` time that cannot be
    read or is before the publication, a URL that is not a web address)."""
    h = article.headers
    guid = header_guid(article)
    modified_ok = meta.modified is not None or _updated_is(article, published)
    unusable = {
        "guid": guid is None, "id": guid is None,
        "url": meta.url is None, "link": meta.url is None,
        "urgency": meta.urgency is None, "priority": meta.urgency is None,
        "updated": not modified_ok, "modified": not modified_ok,
    }
    used: dict[str, tuple[str, str]] = {}  # key -> (the value its field holds, group)
    for group in (*_ARTICLE_GROUPS, *_META_GROUPS):
        first = next((k for k in group if h.get(k) and (
            group[0] != "date" or read_date(h[k]) == article.date)), None)
        held = h[first] if first else ""
        if group[0] == "guid":
            held = guid or ""  # the first that is a URI
        for k in group:
            used[k] = (held, group[0])
    out = []
    for key, value in h.items():
        base = key.split("#", 1)[0]  # a repeated key is stored as "key#2"
        if not value or base in _READ_WHOLE or base in _KEYWORD_KEYS:
            continue
        if base in used:
            held, group = used[base]
            if held and not _same(value, held, group):
                # "Title:" beside "Headline:", a second "Date:"
                out.append((key, f"another value for the field {group!r} holds"))
                continue
            if group in (g[0] for g in _ARTICLE_GROUPS):
                continue
        carriers = CARRIED_BY.get(base, frozenset())
        if not carriers.intersection(formats):
            out.append((key, "no field for it in these formats"))
        elif unusable.get(base):
            out.append((key, "a value its field cannot hold"))
    return out


def _updated_is(article: Article, published: datetime | None) -> bool:
    """An ``Updated:`` time equal to the publication: nothing to carry, nothing lost."""
    _k, updated = _first(article.headers, "updated", "modified")
    if not updated or published is None:
        return False
    when = _instant(updated)
    return isinstance(when, datetime) and when == published
