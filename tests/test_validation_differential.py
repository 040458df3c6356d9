"""Differential test: ``validate`` (with its one-pass parser, whitespace-dropping fast
path and Core detection) gives the schema's own verdict on well-formed documents, checked
against the plain route (parse, then ``XMLSchema.validate``) on thousands of mutations of
valid NewsML-G2 items: elements dropped, doubled or renamed, text put where only elements
may stand, whitespace, comments and processing instructions inserted, values changed.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from lxml import etree

from newsml_tools.validation import validate
from newsml_tools.validation.xsd import SAFE_PARSER_OPTIONS, get_schema

ROOT = Path(__file__).parent
DOCS = [ROOT / "data" / "validation" / "positive" / "newsml-g2" / "news-item-nitf.xml",
        *sorted((ROOT / "golden" / "convert").glob("*.newsml.xml"))[:3]]
INSERTS = [b" ", b"\n   ", b"x", b"<!-- c -->", b"<?pi x?>", b"<bogus/>", b"&#32;", b"&amp;"]
TAG = re.compile(rb"<(/?)([A-Za-z][\w.:-]*)([^>]*)>")


def _mutations(doc: bytes, seed: int, count: int) -> list[bytes]:
    rng = random.Random(seed)
    tags = list(TAG.finditer(doc))
    out = []
    for _ in range(count):
        m = rng.choice(tags)
        kind = rng.randrange(5)
        if kind == 0:  # insert something right after a tag
            out.append(doc[: m.end()] + rng.choice(INSERTS) + doc[m.end():])
        elif kind == 1 and not m.group(1):  # drop a whole element (start to its end tag)
            name = m.group(2)
            end = doc.find(b"</" + name + b">", m.end())
            if m.group(3).endswith(b"/"):
                out.append(doc[: m.start()] + doc[m.end():])
            elif end > 0:
                out.append(doc[: m.start()] + doc[end + len(name) + 3:])
        elif kind == 2 and not m.group(1):  # double an element
            name = m.group(2)
            end = doc.find(b"</" + name + b">", m.end())
            stop = m.end() if m.group(3).endswith(b"/") else end + len(name) + 3
            if stop > m.start():
                out.append(doc[:stop] + doc[m.start():stop] + doc[stop:])
        elif kind == 3:  # change an attribute value
            attr = re.search(rb'="[^"]*"', doc[m.start():m.end()])
            if attr:
                a, b = m.start() + attr.start() + 2, m.start() + attr.end() - 1
                out.append(doc[:a] + rng.choice([b"", b"x", b"ninat:video", b"1.5"]) + doc[b:])
        else:  # rename an element (start and end tag alike)
            name = m.group(2)
            new = name + b"x"
            out.append(re.sub(rb"(</?)" + re.escape(name) + rb"(?=[\s/>])", rb"\g<1>" + new,
                              doc, count=2))
    return out


def _reference_valid(data: bytes) -> bool | None:
    """The schema's own verdict on the plain parse; None when not well-formed."""
    try:
        root = etree.fromstring(data, etree.XMLParser(**SAFE_PARSER_OPTIONS))
    except etree.XMLSyntaxError:
        return None
    return get_schema("newsml-g2-2.35-power").validate(root)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_schema_verdict_matches_the_plain_route(path: Path) -> None:
    doc = path.read_bytes()
    checked = disagreements = 0
    examples = []
    for variant in _mutations(doc, len(doc), 400):
        expected = _reference_valid(variant)
        if expected is None:
            continue
        checked += 1
        findings = validate(variant, "newsml-g2").results[0].findings
        got = not any(f.rule in ("xsd", "parse") for f in findings)
        if got != expected:
            disagreements += 1
            examples.append((expected, [f.message for f in findings][:2]))
    assert checked > 200
    assert disagreements == 0, examples[:3]
