"""Cross-format rules: checks between the NewsML-G2/NITF and the JSON-LD of one article.

XF001: every NITF ``<q quote-source="…">`` speaker is the creator of a JSON-LD
``Quotation`` in ``hasPart`` (used by convert, which writes both from one Article).
"""

from __future__ import annotations

import json
import re
import unicodedata
from html import unescape

from newsml_tools.findings import Finding
from newsml_tools.validation.rules import RULES

# Every quote-source attribute value, wherever it stands: a superset of the NITF q
# speakers (the parser, which knows what is a q element, decides when this one is unsure).
QUOTE_SOURCE = re.compile(rb"""quote-source\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _norm(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def _creators(doc: object) -> set[str]:
    creators: set[str] = set()
    nodes = (
        doc.get("@graph", [doc])
        if isinstance(doc, dict)
        else (doc if isinstance(doc, list) else [])
    )
    for node in nodes:
        parts = node.get("hasPart") if isinstance(node, dict) else None
        for p in parts if isinstance(parts, list) else []:
            if not isinstance(p, dict) or p.get("@type") != "Quotation":
                continue
            c = p.get("creator")
            for person in c if isinstance(c, list) else [c]:
                if isinstance(person, dict) and isinstance(person.get("name"), str):
                    creators.add(_norm(person["name"]))
    return creators


XML_DECL_ENCODING = re.compile(rb"""<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _utf8_document(markup: bytes) -> bool:
    """Whether a byte scan can read the document: UTF-8 (or ASCII), not UTF-16/32 etc."""
    body = markup[3:] if markup.startswith(b"\xef\xbb\xbf") else markup
    if not body.startswith(b"<") or body[1:2] == b"\x00":
        return False
    declared = XML_DECL_ENCODING.match(body[:200]) if body.startswith(b"<?xml") else None
    return declared is None or declared.group(1).lower() in (b"utf-8", b"utf8", b"us-ascii")


def _all_speakers_known(markup: bytes, creators: set[str]) -> bool:
    """The common case without parsing the XML again: every quote-source value found in
    the bytes (entities decoded) names a creator. False means "look properly"."""
    if not _utf8_document(markup):
        return False
    for match in QUOTE_SOURCE.finditer(markup):  # literal first: re's fast prefix search
        if not markup[match.start() - 1 : match.start()].isspace():
            continue  # part of a longer name (data-quote-source): not this attribute
        raw = match.group(1) if match.group(1) is not None else match.group(2)
        try:
            speaker = unescape(raw.decode("utf-8")).strip()
        except UnicodeDecodeError:
            return False
        if speaker and _norm(speaker) not in creators:
            return False
    return True


def check_quotes(
    markup: bytes | str, jsonld: bytes | str | dict, *, filename: str = "<data>"
) -> list[Finding]:
    """XF001 findings (empty when every NITF quote speaker is a JSON-LD Quotation creator).

    ``markup`` is a NewsML-G2 document with an inline NITF body, or an NITF document;
    ``jsonld`` is the NewsArticle (bytes/str JSON, or an already-parsed dict).
    Input that cannot be parsed yields no XF001 finding: validate() reports it.
    """
    from lxml import etree  # lazily: importing the package must not load lxml

    from newsml_tools.validation.xsd import NITF_NS, safe_parser

    if isinstance(markup, str):
        markup = markup.encode("utf-8")
    try:
        doc = json.loads(jsonld) if isinstance(jsonld, (bytes, str)) else jsonld
    except (ValueError, RecursionError):
        return []
    creators = _creators(doc)
    if _all_speakers_known(markup, creators):
        return []
    try:
        root = etree.fromstring(markup, safe_parser())
    except etree.XMLSyntaxError:
        return []
    out: list[Finding] = []
    for q in root.iter(f"{{{NITF_NS}}}q", "q"):
        speaker = (q.get("quote-source") or "").strip()
        if speaker and _norm(speaker) not in creators:
            out.append(
                Finding(
                    filename,
                    q.sourceline,
                    None,
                    None,
                    "XF001",
                    RULES["XF001"].severity,
                    f"quote by {speaker!r} has no JSON-LD Quotation with that creator",
                    hint='add {"@type": "Quotation", "creator": {"@type": "Person", "name": …}} '
                    "to hasPart",
                )
            )
    return out
