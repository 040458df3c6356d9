"""Cross-format rules: checks between the NewsML-G2/NITF and the JSON-LD of one article.

XF001: every NITF ``<q quote-source="…">`` speaker is the creator of a JSON-LD
``Quotation`` in ``hasPart`` (used by convert, which writes both from one Article).
"""

from __future__ import annotations

import json
import unicodedata

from newsml_tools.findings import Finding
from newsml_tools.validation.rules import RULES


def _norm(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


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
        root = etree.fromstring(markup, safe_parser())
    except etree.XMLSyntaxError:
        return []
    try:
        doc = json.loads(jsonld) if isinstance(jsonld, (bytes, str)) else jsonld
    except (ValueError, RecursionError):
        return []
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
