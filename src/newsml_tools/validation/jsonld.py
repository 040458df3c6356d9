"""schema.org NewsArticle JSON-LD (our profile), standalone or embedded in HTML."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from newsml_tools.findings import Finding, Severity
from newsml_tools.resources import schema_path
from newsml_tools.validation.jschema import get_json_schema
from newsml_tools.validation.jsonpos import Positions, pointer
from newsml_tools.validation.rules import RULES

ARTICLE_TYPES = frozenset(
    {
        "NewsArticle",
        "AnalysisNewsArticle",
        "AskPublicNewsArticle",
        "BackgroundNewsArticle",
        "OpinionNewsArticle",
        "ReportageNewsArticle",
        "ReviewNewsArticle",
    }
)
_DATE_KEYS = (
    "datePublished",
    "dateModified",
    "dateCreated",
    "uploadDate",
    "expires",
    "contentReferenceTime",
    "sdDatePublished",
)
_SCHEMA_DATE_KEYS = frozenset({"datePublished", "dateModified", "dateCreated"})
_BAD_CALENDAR = "not a valid calendar date/time"
_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"
)
_BY = re.compile(r"^\s*by\b", re.I)


def _types(node: dict) -> list[str]:
    t = node.get("@type")
    if isinstance(t, str):
        return [t]
    if isinstance(t, list):
        return [x for x in t if isinstance(x, str)]
    return []


def article_nodes(doc: Any) -> list[tuple[tuple, dict]]:
    """(pointer parts, node) of every top-level JSON-LD node: object, array, @graph."""
    out: list[tuple[tuple, dict]] = []
    if isinstance(doc, dict):
        graph = doc.get("@graph")
        if isinstance(graph, list) and "@type" not in doc:
            out.extend((("@graph", i), n) for i, n in enumerate(graph) if isinstance(n, dict))
        else:
            out.append(((), doc))
    elif isinstance(doc, list):
        out.extend(((i,), n) for i, n in enumerate(doc) if isinstance(n, dict))
    return out


_profile: list = []


def _profile_schema():
    """Our NewsArticle profile schema, compiled once per process."""
    if not _profile:
        _profile.append(get_json_schema(schema_path("jsonld", "newsarticle.schema.json")))
    return _profile[0]


def check_jsonld(
    doc: Any,
    pos: Positions,
    filename: str,
    findings: list[Finding],
    *,
    require_article: bool = True,
    rules: bool = True,
) -> int:
    """Validate every NewsArticle node; returns how many article nodes were checked."""
    schema = _profile_schema()
    nodes = article_nodes(doc)
    checked = 0

    def add(
        rule: str, msg: str, parts: tuple, hint: str | None = None, severity: Severity | None = None
    ) -> None:
        ptr = pointer(parts)
        line, col = pos.line_col(ptr)
        findings.append(
            Finding(
                filename, line, col, ptr or "/", rule, severity or RULES[rule].severity, msg, hint
            )
        )

    for base, node in nodes:
        types = _types(node)
        if not any(t in ARTICLE_TYPES for t in types):
            if require_article or types:
                add(
                    "LD006",
                    f"JSON-LD node of @type {', '.join(types) or '(none)'} is not "
                    "checked against the NewsArticle profile",
                    base,
                )
            continue
        checked += 1
        if "@graph" in base:
            # a node inside @graph inherits the document's @context
            ctx = doc.get("@context") if isinstance(doc, dict) else None
            node = {"@context": ctx, **node} if ctx is not None and "@context" not in node else node
        for err in schema.errors(node):
            add(
                "json-schema",
                err.message,
                base + tuple(err.path),
                hint=f"schema keyword: {err.keyword}" if err.keyword else None,
            )
        if rules:
            _rules(node, base, add)
    return checked


def _has_image_url(image: object) -> bool:
    if isinstance(image, str):
        return bool(image.strip())
    if isinstance(image, dict):
        return any(isinstance(image.get(k), str) and image[k].strip()
                   for k in ("url", "contentUrl", "@id"))
    if isinstance(image, list):
        return any(_has_image_url(i) for i in image)
    return False


def _rules(node: dict, base: tuple, add) -> None:
    # LD001 names without a leading "By"
    for key in ("author", "contributor", "creator"):
        val = node.get(key)
        people = val if isinstance(val, list) else [val]
        for i, p in enumerate(people):
            if isinstance(p, dict) and isinstance(p.get("name"), str) and _BY.match(p["name"]):
                parts = (key, i, "name") if isinstance(val, list) else (key, "name")
                add(
                    "LD001",
                    f"{key} name {p['name']!r} starts with 'By'",
                    base + parts,
                    hint="give the name only; the byline wording is presentation",
                )
    # LD002 dates with zone and a real calendar date
    for key in _DATE_KEYS:
        v = node.get(key)
        if isinstance(v, str):
            problem = _date_problem(v)
            if problem and key in _SCHEMA_DATE_KEYS and problem != _BAD_CALENDAR:
                continue  # the profile schema's pattern already reports it (json-schema)
            if problem:
                add(
                    "LD002",
                    f"{key} {v!r}: {problem}",
                    (*base, key),
                    hint="use ISO 8601 with a zone, e.g. 2026-01-31T09:30:00+01:00",
                )
    # LD003 image recommended: one a crawler can fetch (a URL, or an ImageObject with
    # url/contentUrl); a caption and credit alone give it no picture
    if not _has_image_url(node.get("image")):
        add("LD003", "no image URL: Google recommends an image for articles"
            if node.get("image") else "no image: Google recommends an image for articles", base)
    # LD004 headline length
    h = node.get("headline")
    if isinstance(h, str) and len(h) > 110:
        add("LD004", f"headline is {len(h)} characters long (more than 110)", (*base, "headline"))
    # quotes inside hasPart: creator names without "By" too
    parts = node.get("hasPart")
    if isinstance(parts, list):
        for i, p in enumerate(parts):
            c = p.get("creator") if isinstance(p, dict) else None
            if isinstance(c, dict) and isinstance(c.get("name"), str) and _BY.match(c["name"]):
                add(
                    "LD001",
                    f"quotation creator {c['name']!r} starts with 'By'",
                    (*base, "hasPart", i, "creator", "name"),
                )


def _date_problem(v: str) -> str | None:
    m = _ISO.match(v.strip())
    if not m:
        return "not an ISO 8601 date-time"
    if not m.group(4):
        return "a date without a time and zone"
    if not m.group(10):
        return "no time zone"
    try:
        datetime.fromisoformat(v.strip().replace("Z", "+00:00"))
    except ValueError:
        if not re.search(r"[+-]\d{4}$", v.strip()):  # +0100 is ISO but older Pythons
            return _BAD_CALENDAR
    return None
