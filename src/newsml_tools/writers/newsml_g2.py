"""NewsML-G2 2.35 (Power conformance) ``newsItem`` with an inline NITF 3.6 body.

Mapping (README has the full table): headline -> contentMeta/headline and NITF hl1;
standfirst -> description[@role=drol:summary] and NITF abstract; bylines -> ``by`` and
NITF byline; contributors -> ``contributor`` with a role; dateline -> ``dateline``
(+ ``located``); credit line -> ``creditline``; captions/credits -> NITF media;
paragraphs and quotations -> NITF ``p`` and ``q[@quote-source]``.
"""

from __future__ import annotations

from newsml_tools.model import Article
from newsml_tools.writers.nitf_body import build_nitf
from newsml_tools.writers.options import (
    RenderOptions,
    iso,
    printed_bylines,
    provider_party,
    xml_safe,
)
from newsml_tools.writers.xml_text import Element

NAR_NS = "http://iptc.org/std/nar/2006-10-01/"
XML_LANG = "xml:lang"
# The IPTC catalog declares the standard scheme aliases used here (ninat, stat, drol).
IPTC_CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_40.xml"
# Contributor roles from footers ("Editing by ...") have no IPTC scheme; ours is declared
# inline so every qcode prefix in the item resolves without a network fetch.
ROLE_SCHEME_ALIAS = "nmlrole"
ROLE_SCHEME_URI = "https://newsml-tools.dev/cv/contributor-role/"



def _sub(parent: Element, name: str, text: str | None = None, /, **attrib: str) -> Element:
    el = parent.sub(name, attrib)
    if text is not None:
        el.text = xml_safe(text)
    return el


def role_code(role: str) -> str:
    """``"additional reporting"`` -> ``"nmlrole:additionalReporting"`` (a QCode-safe token)."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in role).split() if w]
    token = "".join(w.lower() if i == 0 else w.capitalize() for i, w in enumerate(words))
    return f"{ROLE_SCHEME_ALIAS}:{token or 'contributor'}"


def build_news_item(article: Article, options: RenderOptions) -> Element:
    item = Element("newsItem", {"xmlns": NAR_NS})
    item.set("guid", options.guid)
    item.set("version", str(options.version))
    item.set("standard", "NewsML-G2")
    item.set("standardversion", "2.35")
    item.set("conformance", "power")
    item.set(XML_LANG, options.language)

    _sub(item, "catalogRef", href=IPTC_CATALOG)
    if article.contributors:
        catalog = _sub(item, "catalog")
        _sub(catalog, "scheme", alias=ROLE_SCHEME_ALIAS, uri=ROLE_SCHEME_URI)

    extra = options.meta
    if extra.copyright:
        _sub(_sub(item, "rightsInfo"), "copyrightNotice", extra.copyright)
    meta = _sub(item, "itemMeta")
    _sub(meta, "itemClass", qcode="ninat:text")
    party = provider_party(options.provider)
    if party.qcode:
        _sub(meta, "provider", qcode=party.qcode)
    elif party.uri:
        _sub(meta, "provider", uri=party.uri)
    else:
        _sub(meta, "provider", literal=options.provider)
    stamp = iso(options.date)
    _sub(meta, "versionCreated", iso(options.version_date))
    _sub(meta, "firstCreated", stamp)
    _sub(meta, "pubStatus", qcode="stat:usable")
    if extra.url:  # the story's web page
        _sub(meta, "link", rel="irel:seeAlso", href=extra.url, contenttype="text/html")

    content = _sub(item, "contentMeta")
    if extra.urgency is not None:
        _sub(content, "urgency", str(extra.urgency))
    _sub(content, "contentCreated", stamp)
    if extra.modified is not None:
        _sub(content, "contentModified", iso(extra.modified))
    if article.dateline and article.dateline.place:
        located = _sub(content, "located")
        _sub(located, "name", article.dateline.place)
    for byline in article.bylines:
        _sub(_sub(content, "creator"), "name", byline.name)
    for contributor in article.contributors:
        person = _sub(content, "contributor", role=role_code(contributor.role))
        _sub(person, "name", contributor.name)
    _sub(content, "language", tag=options.language)
    for word in extra.keywords:
        _sub(content, "keyword", word)
    if extra.slug:
        _sub(content, "slugline", extra.slug)
    _sub(content, "headline", article.headline)
    if article.dateline:
        _sub(content, "dateline", article.dateline.text)
    # "by" is the statement of authorship as printed (its language, titles, places);
    # the parsed names are the creators
    printed = printed_bylines(article)
    for text in printed:
        _sub(content, "by", text)
    if not printed:
        for byline in article.bylines:
            _sub(content, "by", byline.name)
    if article.creditline:
        _sub(content, "creditline", article.creditline)
    if article.standfirst:
        _sub(content, "description", article.standfirst, role="drol:summary")

    content_set = _sub(item, "contentSet")
    inline = _sub(content_set, "inlineXML", contenttype="application/nitf+xml")
    inline.children.append(build_nitf(article))
    return item


def render(article: Article, options: RenderOptions) -> bytes:
    return build_news_item(article, options).to_bytes()
