"""writers.xml_text serialises byte for byte like lxml's pretty-printing tostring."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from newsml_tools.writers.xml_text import Element, Markup, escape_text, start_tag

TAGS = st.sampled_from(["a", "p", "q", "body.head", "media-caption", "hl1"])
TEXT = st.one_of(st.none(), st.text(st.characters(exclude_categories=("Cs",)), max_size=8)
                 .filter(lambda s: all(c in "\t\n\r" or c >= " " for c in s)
                         and "\ufffe" not in s and "\uffff" not in s))
ATTRS = st.dictionaries(st.sampled_from(["b", "quote-source", "xml:lang", "qcode"]),
                        TEXT.filter(lambda s: s is not None), max_size=3)


@st.composite
def trees(draw: Any, depth: int = 0) -> dict[str, Any]:
    children = [] if depth > 2 else draw(st.lists(trees(depth=depth + 1), max_size=3))
    return {"tag": draw(TAGS), "attrib": draw(ATTRS), "text": draw(TEXT),
            "tail": draw(TEXT) if depth else None, "children": children}


def _lxml_name(name: str) -> str:
    return "{http://www.w3.org/XML/1998/namespace}lang" if name == "xml:lang" else name


def build_lxml(spec: dict[str, Any], parent: Any = None) -> Any:
    attrib = {_lxml_name(k): v for k, v in spec["attrib"].items()}
    el = (etree.Element(spec["tag"], attrib) if parent is None
          else etree.SubElement(parent, spec["tag"], attrib))
    el.text, el.tail = spec["text"], spec["tail"]
    for child in spec["children"]:
        build_lxml(child, el)
    return el


def build_ours(spec: dict[str, Any], parent: Element | None = None) -> Element:
    el = Element(spec["tag"], spec["attrib"]) if parent is None else parent.sub(
        spec["tag"], spec["attrib"])
    el.text, el.tail = spec["text"], spec["tail"]
    for child in spec["children"]:
        build_ours(child, el)
    return el


def lxml_bytes(root: Any) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@settings(max_examples=400, deadline=None)
@given(trees())
def test_same_bytes_as_lxml(spec: dict[str, Any]) -> None:
    assert build_ours(spec).to_bytes() == lxml_bytes(build_lxml(spec))


def test_namespaced_document_like_the_writers() -> None:
    root = etree.Element("{urn:n}item", nsmap={None: "urn:n"})
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    etree.SubElement(root, "{urn:n}meta", qcode='a"<b>&\tc')
    inline = etree.SubElement(root, "{urn:n}inline")
    etree.SubElement(inline, "{urn:m}nitf", nsmap={None: "urn:m"}).text = ""
    ours = Element("item", {"xmlns": "urn:n", "xml:lang": "en"})
    ours.sub("meta", {"qcode": 'a"<b>&\tc'})
    ours.sub("inline").sub("nitf", {"xmlns": "urn:m"}).text = ""
    assert ours.to_bytes() == lxml_bytes(root)


@pytest.mark.parametrize("bad", ["\x00", "a\x0bb", "\ufffe", "\ud800"])
def test_strings_xml_cannot_carry_fail_like_lxml(bad: str) -> None:
    with pytest.raises((ValueError, UnicodeEncodeError)) as ours:
        Element("a", {"b": bad})
    with pytest.raises((ValueError, UnicodeEncodeError)) as theirs:
        etree.Element("a", b=bad)
    assert type(ours.value) is type(theirs.value)
    assert str(ours.value) == str(theirs.value)
    el = Element("a")
    el.text = bad
    with pytest.raises(type(theirs.value)):
        el.to_bytes()


def test_markup_children_stand_where_their_element_would() -> None:
    # mixed content (a paragraph with a quotation) written ahead of time
    root = etree.Element("body")
    content = etree.SubElement(root, "content")
    p = etree.SubElement(content, "p")
    p.text = "He said: “"
    q = etree.SubElement(p, "q", {"quote-source": 'A "B" & C'})
    q.text, q.tail = "go <now>", "”."
    etree.SubElement(content, "p").text = "Next."
    ours = Element("body")
    mine = ours.sub("content")
    q_start = start_tag("q", {"quote-source": 'A "B" & C'})
    mine.children.append(Markup(f"<p>He said: “{q_start}>{escape_text('go <now>')}</q>”.</p>"))
    mine.sub("p").text = "Next."
    assert ours.to_bytes() == lxml_bytes(root)
