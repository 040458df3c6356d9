"""The NITF 3.6 ``<nitf>`` element for an Article (used inline by NewsML-G2 and standalone).

Body paragraphs are written character for character; each direct quotation is wrapped as
``<q quote-source="Speaker">…</q>`` around the words between the marks, the marks
themselves staying in the paragraph text so nothing of the original is altered.
"""

from __future__ import annotations

import re

from newsml_tools.model import Article, Quote
from newsml_tools.writers.options import RenderOptions, printed_bylines, xml_safe
from newsml_tools.writers.quoting import quotes_by_paragraph, segments
from newsml_tools.writers.xml_text import Element, Markup, escape_text, start_tag

NITF_NS = "http://iptc.org/std/NITF/2006-10-18/"


def _sub(parent: Element, name: str, text: str | None = None, /, **attrib: str) -> Element:
    el = parent.sub(name, {k.replace("_", "-"): v for k, v in attrib.items()})
    if text is not None:
        el.text = xml_safe(text)
    return el


def _paragraph(parent: Element, text: str, quotes: list[Quote]) -> None:
    """``<p>`` with a ``<q>`` around each quotation, written directly as markup."""
    out = ["<p>"]
    for piece, quote in segments(text, quotes):
        if quote is None:
            out.append(escape_text(xml_safe(piece)))
            continue
        attrib = {"quote-source": quote.speaker} if quote.speaker else {}
        out.append(f"{start_tag('q', attrib)}>{escape_text(xml_safe(piece))}</q>")
    out.append("</p>")
    parent.children.append(Markup("".join(out)))


def build_nitf(article: Article, *, lang: str | None = None) -> Element:
    nitf = Element("nitf", {"xmlns": NITF_NS})
    if lang:
        nitf.set("xml:lang", lang)
    body = _sub(nitf, "body")

    head = _sub(body, "body.head")
    hedline = _sub(head, "hedline")
    _sub(hedline, "hl1", article.headline)
    printed = printed_bylines(article)
    for text in printed:
        _printed_byline(_sub(head, "byline"), text, article)
    for byline in article.bylines if not printed else ():  # a model built without text
        by = _sub(head, "byline")
        by.text = "By "
        person = _sub(by, "person", byline.name)
        if byline.affiliation:
            person.tail = ", "
            _sub(by, "byttl", byline.affiliation)
        if byline.location:
            _sub(by, "location", byline.location)
    if article.dateline:
        dateline = _sub(head, "dateline")
        dateline.text = xml_safe(article.dateline.text)
    if article.standfirst:
        abstract = _sub(head, "abstract")
        _sub(abstract, "p", article.standfirst)

    content = _sub(body, "body.content")
    for item in article.media:
        media = _sub(content, "media", media_type=item.media_type)
        _sub(media, "media-reference")
        if item.caption:  # a credit-only photo line has no caption to write
            _sub(media, "media-caption", item.caption)
        if item.credit:
            _sub(media, "media-producer", item.credit)
    by_paragraph = quotes_by_paragraph(article)
    for index, text in enumerate(article.paragraphs):
        _paragraph(content, text, by_paragraph.get(index, []))

    if article.footer or article.contributors:
        # the footer as printed: what the contributor parse cannot read ("in Paris",
        # "the Moscow bureau", whole sentences) is still text of the story
        _sub(_sub(body, "body.end"), "tagline", _tagline(article))
    return nitf


def _printed_byline(by: Element, printed: str, article: Article) -> None:
    """The byline as printed, each parsed name marked ``<person>`` and each place
    ``<location>`` where the text prints it (in order, ignoring case: "JANE DOE"); what
    the parse does not name (titles, "in", "und") stays as text."""
    found: list[tuple[int, int, str]] = []
    for byline in article.bylines:  # whichever this byline prints, wherever it prints it
        for value, tag in ((byline.name, "person"), (byline.location, "location")):
            if value:
                found += [(m.start(), -m.end(), tag)  # whole words: not "Paris" of "Parisian"
                          for m in re.finditer(rf"(?<!\w){re.escape(value)}(?!\w)", printed,
                                               re.I)]
    marks: list[tuple[int, int, str]] = []
    for start, neg_end, tag in sorted(found):  # by position, the longest first: "Jane
        if not marks or start >= marks[-1][1]:  # Paris in Paris" marks both
            marks.append((start, -neg_end, tag))
    by.text = xml_safe(printed[: marks[0][0]] if marks else printed)
    for i, (start, end, tag) in enumerate(marks):
        el = _sub(by, tag, printed[start:end])
        following = marks[i + 1][0] if i + 1 < len(marks) else len(printed)
        el.tail = xml_safe(printed[end:following]) or None


def _tagline(article: Article) -> str:
    if article.footer:
        text = article.footer
        if text[:1] in "([" and text[-1:] in ")]" and text.count(text[0]) == 1:
            text = text[1:-1].strip()  # "(Reporting by …)": the brackets frame it
        return text
    groups: dict[str, list[str]] = {}  # contributors given by the model alone
    for c in article.contributors:
        groups.setdefault(c.role, []).append(c.name)
    return "; ".join(
        f"{role[:1].upper()}{role[1:]} by {' and '.join(names)}" for role, names in groups.items()
    )


def _compact_iso(options: RenderOptions) -> str:
    """NITF's ISO 8601 basic form, e.g. ``20240619T083000+0000``."""
    return options.date.strftime("%Y%m%dT%H%M%S%z")


def render(article: Article, options: RenderOptions) -> bytes:
    """A standalone NITF 3.6 document: ``head`` (title, docdata) plus the same body."""
    root = build_nitf(article, lang=options.language)
    head = Element("head")
    title = head.sub("title")
    title.text = xml_safe(article.headline)
    docdata = head.sub("docdata")
    docdata.sub("doc-id", {"id-string": options.guid, "regsrc": xml_safe(options.provider)})
    extra = options.meta
    if extra.urgency is not None:
        docdata.sub("urgency", {"ed-urg": str(extra.urgency)})
    docdata.sub("date.issue", {"norm": _compact_iso(options)})
    if extra.slug:
        docdata.sub("du-key", {"key": xml_safe(extra.slug)})
    if article.creditline:
        docdata.sub("doc.copyright", {"holder": xml_safe(article.creditline)})
    if extra.copyright:  # the notice as printed: NITF's only place for it is the holder
        docdata.sub("doc.copyright", {"holder": xml_safe(extra.copyright)})
    if extra.keywords:
        keys = docdata.sub("key-list")
        for word in extra.keywords:
            keys.sub("keyword", {"key": xml_safe(word)})
    root.children.insert(0, head)
    return root.to_bytes()
