"""Cross-format rules: checks between the NewsML-G2/NITF and the JSON-LD of one article.

XF001: every NITF ``<q quote-source="…">`` speaker is the creator of a JSON-LD
``Quotation`` in ``hasPart`` (used by convert, which writes both from one Article).
"""

from __future__ import annotations

import json
import re
import unicodedata

from newsml_tools.findings import Finding
from newsml_tools.validation.rules import RULES
from newsml_tools.validation.safety import ascii_readable

# A quote-source attribute at a given offset (matched only where the name was found).
QUOTE_SOURCE_AT = re.compile(rb"""quote-source\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# XML's own references; anything else after "&" makes the fast path give up.
_XML_REF = re.compile(r"&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|(lt|gt|amp|quot|apos));")
_PREDEFINED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


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


def _xml_unescape(value: str) -> str | None:
    """An attribute value with XML's references decoded; None when it holds anything
    else after "&" (an undefined entity, a bare "&": the parser's call)."""
    if "&" not in value:
        return value
    if "&" in _XML_REF.sub("", value):
        return None

    def one(m: re.Match[str]) -> str:
        if m.group(3):
            return _PREDEFINED[m.group(3)]
        code = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else "\ufffd"

    return _XML_REF.sub(one, value)


def _all_speakers_known(markup: bytes, creators: set[str]) -> bool:
    """The common case without parsing the XML again: every ``quote-source`` in the bytes
    is a whitespace-led attribute whose value (references decoded) names a creator. A
    superset of the real q speakers (comments, other elements count too), so True is
    always right; anything unusual returns False, which means "parse and look"."""
    if not ascii_readable(markup, utf8=True):
        return False
    i = markup.find(b"quote-source")
    while i >= 0:
        # every occurrence is looked at where it stands: a stray one in text cannot make
        # the scan skip the real attribute that follows
        m = QUOTE_SOURCE_AT.match(markup, i) if markup[i - 1 : i].isspace() else None
        if m is None:
            return False
        raw = m.group(1) if m.group(1) is not None else m.group(2)
        try:
            speaker = _xml_unescape(raw.decode("utf-8"))
        except UnicodeDecodeError:
            return False
        if speaker is None:
            return False
        speaker = speaker.strip()
        if speaker and _norm(speaker) not in creators:
            return False
        i = markup.find(b"quote-source", i + 1)
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
