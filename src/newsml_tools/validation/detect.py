"""Cheap kind detection from the first bytes (and the file name as a fallback)."""

from __future__ import annotations

import re

from newsml_tools.validation.safety import decode_head, skip_misc

KINDS = ("newsml-g2", "nitf", "ninjs", "jsonld", "html")
NAR_NS_B = "http://iptc.org/std/nar/2006-10-01/"
_HEAD = 64 * 1024
_START_TAG = re.compile(r"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_EXT = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonld": "jsonld",
    ".nitf": "nitf",
}


def _first_element(text: str) -> tuple[str | None, int]:
    """Local name of the first element after the prolog and its offset."""
    i, n = skip_misc(text, 0), len(text)
    while i < n and text.startswith("<!", i):  # DOCTYPE: skip, internal subset included
        j = text.find("[", i)
        k = text.find(">", i)
        if 0 <= j < k:
            e = text.find("]", j)
            k = text.find(">", e if e >= 0 else j)
        i = n if k < 0 else skip_misc(text, k + 1)
    if i < n and text[i] == "<":
        m = _START_TAG.match(text, i)
        return (m.group(2) if m else None), i
    return None, i


# the NewsML-G2 item types; a document's root is one of them or a newsMessage feed
ITEM_NAMES = frozenset(
    ("newsItem", "packageItem", "conceptItem", "knowledgeItem", "planningItem", "catalogItem")
)
_ROOT_NAMES = ITEM_NAMES | {"newsMessage"}
_NAR_B = NAR_NS_B.encode()
_WS_B = frozenset(b" \t\r\n")


def _fast(data: bytes, filename: str | None) -> str | bool | None:
    """The general path's answer for the common shapes (XML that starts with "<" and has
    only whitespace and processing instructions before its root, JSON that starts with
    "{" or "["), computed on the bytes; False when the general path has to decide."""
    first = data[:1]
    if data[1:2] == b"\x00" or data.find(b"\x00", 0, 1024) >= 0:
        return False
    if first == b"{" or first == b"[":
        head = data[:_HEAD]
        if b'"@context"' in head or b'"@type"' in head:
            return "jsonld"
        return _json_by_name(filename)
    if first != b"<":
        return False
    # _first_element on data[:4096] (latin-1: one character per byte, same offsets)
    i, n = 0, min(len(data), 4096)
    while i < n:
        c = data[i]
        if c in _WS_B:
            i += 1
        elif data.startswith(b"<?", i):
            j = data.find(b"?>", i, 4096)
            i = n if j < 0 else j + 2
        elif data.startswith(b"<!", i):
            return False  # comment, DOCTYPE, ...: the general path
        elif c == 60:  # "<"
            break
        else:
            return False
    else:
        return False
    end = min(n, i + 256)  # a window is enough unless the name runs to its end
    text = data[i:end].decode("latin-1")
    m = _START_TAG.match(text)
    if m is None or (m.end() == len(text) and end < n):
        return False
    name = m.group(2)
    if name == "nitf":
        return "nitf"
    if name.lower() in ("html", "head", "body") or (
        name in ("div", "p", "script") and b"<?xml" not in data[:512].lower()
    ):
        return "html"
    if data.find(_NAR_B, i, 4096) >= 0 or name in _ROOT_NAMES:
        return "newsml-g2"
    return _by_ext(filename)


def detect_kind(data: bytes | str, filename: str | None = None) -> str | None:
    """'newsml-g2' | 'nitf' | 'ninjs' | 'jsonld' | 'html' | None (unknown)."""
    if type(data) is bytes:
        k = _fast(data, filename)
        if k is not False:
            return k
    if isinstance(data, str):
        text = data[:_HEAD]
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:1] == b"\x00" or data[1:2] == b"\x00":
        text = decode_head(data, _HEAD)  # UTF-16/32: decode the head
    else:
        text = data[:4096].decode("latin-1")  # ASCII markup is all we look at
        if "\x00" in text[:1024]:
            return None  # binary
    stripped = text.lstrip(" \t\r\n\ufeff\xef\xbb\xbf")
    if stripped.startswith("<"):
        low = stripped[:512].lower()
        if low.startswith("<!doctype html"):
            return "html"
        name, pos = _first_element(text)
        if name is None:
            return _by_ext(filename)
        if name == "nitf":
            return "nitf"
        if name.lower() in ("html", "head", "body") or (
            name in ("div", "p", "script") and "<?xml" not in low
        ):
            return "html"
        if NAR_NS_B in text[pos : pos + 4096]:
            return "newsml-g2"
        if name in _ROOT_NAMES:
            return "newsml-g2"
        return _by_ext(filename)
    if stripped.startswith(("{", "[")):
        head = data[:_HEAD]
        if isinstance(head, str):
            return "jsonld" if '"@context"' in head or '"@type"' in head else (
                _json_by_name(filename))
        if b'"@context"' in head or b'"@type"' in head:
            return "jsonld"
        if head[:2] in (b"\xff\xfe", b"\xfe\xff") and ('"@context"' in text or '"@type"' in text):
            return "jsonld"
        return _json_by_name(filename)
    return _by_ext(filename)


def _json_by_name(filename: str | None) -> str:
    """JSON whose head names no JSON-LD keyword (``@context``/``@type`` may come after the
    first 64 KiB): JSON-LD when the file is called ``*.jsonld``, else ninjs."""
    if filename is not None and filename[-7:].lower() == ".jsonld":
        return "jsonld"
    return "ninjs"


def kind_from_name(filename: str | None) -> str | None:
    """The kind the file name alone suggests (its extension), what ``detect_kind`` falls
    back on when the content does not tell."""
    return _by_ext(filename)


def _by_ext(filename: str | None) -> str | None:
    if not filename:
        return None
    low = filename.lower()
    for ext, kind in _EXT.items():
        if low.endswith(ext):
            return kind
    return None
