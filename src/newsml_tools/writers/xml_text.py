"""A small element tree that serialises exactly as ``lxml.etree.tostring(root,
xml_declaration=True, encoding="UTF-8", pretty_print=True)`` does, without building
libxml2 nodes.

The writers produce a few dozen elements per article; creating them through lxml cost
more than the rest of rendering together, and the documents are parsed again for
validation anyway. The rules reproduced here are libxml2's: an element whose children
are all elements is indented two spaces per level; one with any text inside keeps its
content on one line as written; ``&``, ``<``, ``>`` are escaped in text, plus ``"``,
tab, newline and carriage return in attribute values (and carriage return in text, so
it survives parsing). Strings XML cannot carry raise ``ValueError`` (or, for a lone
surrogate, ``UnicodeEncodeError``) as lxml would: attribute values when set, text when
serialised. So a writer failure stays a reported failure (CV003), never a silently broken document.
``tests/test_xml_text.py`` checks the equivalence against lxml on generated trees.
"""

from __future__ import annotations

import re

from newsml_tools.writers.options import XML_ILLEGAL

XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"
NOT_XML = ("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control "
           "characters")  # lxml's words

_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTR_SPECIAL = re.compile('[&<>"\t\n\r]')


def escape_text(text: str) -> str:
    if not _TEXT_SPECIAL.search(text):  # the usual case: one C-level scan, no copies
        return text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;")


def escape_attr(value: str) -> str:
    if not _ATTR_SPECIAL.search(value):
        return value
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = value.replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")
    return value.replace("\r", "&#13;")


def _checked(value: str) -> str:
    value.encode("utf-8")  # a lone surrogate raises UnicodeEncodeError, as in lxml
    if XML_ILLEGAL.search(value):
        raise ValueError(NOT_XML)
    return value


class Markup:
    """An element serialised ahead of time, for mixed content (a paragraph with its
    quotations): libxml2 never indents inside mixed content, so its text does not
    depend on where it stands, and the writer need not build an element per quote.
    The whole document is still checked for strings XML cannot carry."""

    __slots__ = ("markup",)
    tail = None

    def __init__(self, markup: str) -> None:
        self.markup = markup


def start_tag(tag: str, attrib: dict[str, str]) -> str:
    """``<tag a="v"`` (no closing bracket), attribute values checked and escaped."""
    attrs = "".join(f' {k}="{escape_attr(_checked(v))}"' for k, v in attrib.items())
    return f"<{tag}{attrs}"


class Element:
    """An element: tag (with any prefix, e.g. ``xml:lang`` stays literal), attributes in
    insertion order, text, children and tail, like lxml's API."""

    __slots__ = ("attrib", "children", "tag", "tail", "text")

    def __init__(self, tag: str, attrib: dict[str, str] | None = None) -> None:
        self.tag = tag
        self.attrib: dict[str, str] = {}
        self.text: str | None = None
        self.tail: str | None = None
        self.children: list[Element | Markup] = []
        for name, value in (attrib or {}).items():
            self.set(name, value)

    def set(self, name: str, value: str) -> None:
        self.attrib[name] = _checked(value)

    def sub(self, tag: str, attrib: dict[str, str] | None = None) -> Element:
        child = Element(tag, attrib)
        self.children.append(child)
        return child

    def to_bytes(self) -> bytes:
        """The document: XML declaration, this element pretty-printed, final newline."""
        out = [XML_DECLARATION]
        _write(self, out, "\n", pretty=True)
        out.append("\n")
        doc = "".join(out)
        data = doc.encode("utf-8")  # a lone surrogate in a text raises, as in lxml
        if XML_ILLEGAL.search(doc):  # attribute values were checked when set
            raise ValueError(NOT_XML)
        return data


def _start(el: Element) -> str:
    if not el.attrib:
        return "<" + el.tag
    attrs = "".join(f' {k}="{escape_attr(v)}"' for k, v in el.attrib.items())
    return f"<{el.tag}{attrs}"


def _write(el: Element | Markup, out: list[str], newline: str, *, pretty: bool) -> None:
    """``newline`` is the line break plus this element's indentation, used only while
    pretty-printing (i.e. while every sibling so far has been an element)."""
    if type(el) is Markup:
        out.append(el.markup)
        return
    assert isinstance(el, Element)
    out.append(_start(el))
    text = el.text
    if text is None and not el.children:
        out.append("/>")
    else:
        out.append(">")
        # libxml2 indents children only when none of them is text (tails included)
        mixed = text is not None or any(c.tail is not None for c in el.children)
        if text is not None:
            out.append(escape_text(text))
        inner = newline + "  "
        for child in el.children:
            if pretty and not mixed:
                out.append(inner)
            _write(child, out, inner, pretty=pretty and not mixed)
        if pretty and not mixed and el.children:
            out.append(newline)
        out.append(f"</{el.tag}>")
    if el.tail is not None:
        out.append(escape_text(el.tail))
