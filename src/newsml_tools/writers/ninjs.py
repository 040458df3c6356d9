"""IPTC ninjs 3.1 (News in JSON).

ninjs has no quotation object, so quotations travel in the HTML body as
``<q data-speaker="…">`` (plain ``<q>`` when unattributed); the plain-text body is the
article's paragraphs exactly, led by the dateline and followed by the footer as printed
(ninjs has no field for either). Photos become ``picture`` associations carrying the
caption (description role ``caption``) and the credit (``by``).
"""

from __future__ import annotations

from html import escape
from typing import Any

from newsml_tools.model import Article, Quote
from newsml_tools.writers.json_text import json_document
from newsml_tools.writers.options import RenderOptions, iso, known_provider, printed_bylines
from newsml_tools.writers.quoting import quotes_by_paragraph, segments

NINJS_VERSION = "3.1"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"


def _html_paragraph(text: str, quotes: list[Quote]) -> str:
    out: list[str] = []
    for piece, quote in segments(text, quotes):
        if quote is None:
            out.append(escape(piece, quote=False))
        else:
            speaker = f' data-speaker="{escape(quote.speaker)}"' if quote.speaker else ""
            out.append(f"<q{speaker}>{escape(piece, quote=False)}</q>")
    return "<p>" + "".join(out) + "</p>"


def _html_body(article: Article) -> str:
    by_paragraph = quotes_by_paragraph(article)
    paragraphs = [
        _html_paragraph(text, by_paragraph.get(i, [])) for i, text in enumerate(article.paragraphs)
    ]
    if article.dateline:
        paragraphs.insert(0, f'<p class="dateline">{escape(article.dateline.text, False)}</p>')
    if article.footer:
        paragraphs.append(f'<p class="footer">{escape(article.footer, False)}</p>')
    return "\n".join(paragraphs)


def _plain_body(article: Article) -> str:
    """The paragraphs, with the dateline and the footer as printed around them: ninjs has
    no field for either, and partners publish the body as it is."""
    blocks = [*article.paragraphs]
    if article.dateline:
        blocks.insert(0, article.dateline.text)
    if article.footer:
        blocks.append(article.footer)
    return "\n\n".join(blocks)


def build_ninjs(article: Article, options: RenderOptions) -> dict[str, Any]:
    stamp = iso(options.date)
    doc: dict[str, Any] = {
        "uri": options.guid,
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "type": "text",
        "version": str(options.version),
        "firstCreated": stamp,
        "versionCreated": iso(options.version_date),
        "pubStatus": "usable",
        "language": options.language,
        "headlines": [{"role": "main", "value": article.headline}],
    }
    extra = options.meta
    if extra.urgency is not None:
        doc["urgency"] = extra.urgency
    if extra.slug:
        doc["slugline"] = extra.slug
    if extra.copyright:
        doc["copyrightNotice"] = extra.copyright
    if extra.keywords:
        doc["subjects"] = [{"name": word} for word in extra.keywords]
    if article.standfirst:
        doc["descriptions"] = [{"role": "summary", "value": article.standfirst}]
    printed = printed_bylines(article)  # as printed: "Von Anna Schmidt und Peter Braun"
    if printed:
        doc["by"] = "; ".join(printed)
    elif article.bylines:
        doc["by"] = " and ".join(b.name for b in article.bylines)
    if article.dateline and article.dateline.place:
        doc["located"] = article.dateline.place
    people = [{"name": b.name, "rel": "author"} for b in article.bylines]
    people += [{"name": c.name, "rel": c.role} for c in article.contributors]
    if people:
        doc["people"] = people
    party = known_provider(options)
    sources: list[dict[str, str]] = []
    if party is not None:
        source = {"name": party.name} if party.name else {}
        if party.qcode:
            source["literal"] = party.qcode
        if party.uri:
            source["uri"] = party.uri
        sources.append({**source, "role": "provider"})
    if article.creditline:
        sources.append({"name": article.creditline, "role": "originator"})
    if sources:
        doc["infoSources"] = sources
    doc["bodies"] = [
        {"role": "main", "contentType": "text/plain", "value": _plain_body(article)},
        {"role": "richtext", "contentType": "text/html", "value": _html_body(article)},
    ]
    if article.media:
        associations = []
        for number, item in enumerate(article.media, start=1):
            association: dict[str, Any] = {
                "name": f"image{number}",
                "uri": f"{options.guid}/image/{number}",
                "type": "picture",
            }
            if item.caption:
                association["descriptions"] = [{"role": "caption", "value": item.caption}]
            if item.credit:
                association["by"] = item.credit
            associations.append(association)
        doc["associations"] = associations
    return doc


def render(article: Article, options: RenderOptions) -> bytes:
    return json_document(build_ninjs(article, options))
