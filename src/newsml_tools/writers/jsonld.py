"""schema.org ``NewsArticle`` as JSON-LD, quotations as ``hasPart`` ``Quotation`` items."""

from __future__ import annotations

from typing import Any

from newsml_tools.model import Article
from newsml_tools.writers.json_text import json_document
from newsml_tools.writers.options import (
    RenderOptions,
    iso,
    known_provider,
    unnamed_byline,
    without_by,
)


def _person(name: str) -> dict[str, Any]:
    return {"@type": "Person", "name": name}


def build_jsonld(article: Article, options: RenderOptions) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "identifier": options.guid,
        "headline": article.headline,
    }
    if article.standfirst:
        doc["description"] = article.standfirst
    if article.bylines:
        authors = []
        for byline in article.bylines:
            author = _person(byline.name)
            if byline.affiliation:
                author["affiliation"] = {"@type": "Organization", "name": byline.affiliation}
            authors.append(author)
        doc["author"] = authors
    elif agency := unnamed_byline(article):  # "By The Associated Press": the author
        doc["author"] = [{"@type": "Organization", "name": without_by(agency)}]
    if article.contributors:
        # schema.org's Role pattern carries the role next to the person.
        doc["contributor"] = [
            {"@type": "Role", "roleName": c.role, "contributor": _person(c.name)}
            for c in article.contributors
        ]
    if article.dateline:
        doc["dateline"] = article.dateline.text
        if article.dateline.place:
            doc["locationCreated"] = {"@type": "Place", "name": article.dateline.place}
    doc["datePublished"] = iso(options.date)
    extra = options.meta
    if extra.modified is not None:
        doc["dateModified"] = iso(extra.modified)
    if extra.url:
        doc["url"] = extra.url
        doc["mainEntityOfPage"] = extra.url
    if extra.copyright:
        doc["copyrightNotice"] = extra.copyright
    if extra.keywords:
        doc["keywords"] = list(extra.keywords)
    if extra.section:
        doc["articleSection"] = extra.section
    doc["inLanguage"] = options.language
    party = known_provider(options)
    if party is not None:
        publisher: dict[str, Any] = {"@type": "Organization"}
        if party.name:
            publisher["name"] = party.name
        if party.qcode:
            publisher["identifier"] = party.qcode
        if party.uri:
            publisher["url" if "://" in party.uri else "identifier"] = party.uri
        doc["publisher"] = publisher
    if article.creditline:
        doc["sourceOrganization"] = {"@type": "Organization", "name": article.creditline}
    if article.media:
        images = []
        for item in article.media:
            image: dict[str, Any] = {"@type": "ImageObject"}
            if item.caption:
                image["caption"] = item.caption
            if item.credit:
                image["creditText"] = item.credit
            images.append(image)
        doc["image"] = images
    # the footer ("Reporting by …; Editing by …") is printed text of the story too
    doc["articleBody"] = "\n\n".join(
        [*article.paragraphs, article.footer] if article.footer else article.paragraphs)
    if article.quotes:
        parts = []
        for quote in article.quotes:
            part: dict[str, Any] = {"@type": "Quotation", "text": quote.text}
            if quote.speaker:
                part["creator"] = {"@type": quote.speaker_kind or "Person", "name": quote.speaker}
            parts.append(part)
        doc["hasPart"] = parts
    return doc


def render(article: Article, options: RenderOptions) -> bytes:
    # "<" only ever stands in a string, where \u003c is the same character: the document
    # can go verbatim into <script type="application/ld+json"> (no "</script>" or "<!--"
    # in the article's text ends or hides the block)
    return json_document(build_jsonld(article, options)).replace(b"<", b"\\u003c")
