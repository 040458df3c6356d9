"""Hostile-input guards: size bounds, bounded reads, DOCTYPE refusal before parsing."""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from typing import BinaryIO

DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # 64 MiB
MAX_JSON_DEPTH = 256  # deeper JSON is refused (SEC003)
_PROLOG_SCAN = 1 << 20  # how much of the head is decoded for the DOCTYPE scan (UTF-16/32)


class TooLarge(Exception):
    def __init__(self, size: int | None, limit: int) -> None:
        self.size = size
        self.limit = limit
        what = f"{size} bytes" if size is not None else f"more than {limit} bytes"
        super().__init__(f"input is {what}; the limit is {limit} bytes")


def read_limited(stream: BinaryIO, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read at most ``max_bytes + 1`` bytes; raise TooLarge when the stream has more."""
    chunks: list[bytes] = []
    left = max_bytes + 1
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise TooLarge(None, max_bytes)
    return data


_O_READ = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def read_file_limited(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """stat first (a huge file is refused without reading it), then a bounded read."""
    fd = os.open(path, _O_READ)
    try:
        st = os.fstat(fd)
        size = st.st_size
        if size > max_bytes:
            raise TooLarge(size, max_bytes)
        mode = st.st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        first = os.read(fd, size + 1) if size else b""
        if size and len(first) == size and (stat.S_ISREG(mode) or not os.read(fd, 1)):
            # the common case: a regular file, read whole in one call (a short read of a
            # regular file is its end: no second read to see EOF)
            return first
        # growing, short-read or special file (pipe, /proc): bounded loop
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = first + read_limited(fh, max(max_bytes - len(first), 0))
        if len(data) > max_bytes:
            raise TooLarge(None, max_bytes)
        return data
    finally:
        os.close(fd)


# ---------------------------------------------------------------- DOCTYPE scan
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_head(data: bytes, limit: int = _PROLOG_SCAN) -> str:
    """The head of an XML document as text, good enough to scan ASCII markup."""
    head = data[:limit]
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(enc, errors="replace")
    # no BOM: an ASCII character padded with NULs is UTF-16/32 ("<\0?\0", " \0\0\0" ...)
    if head[:1] != b"\x00" and head[1:4] == b"\x00\x00\x00":
        return head.decode("utf-32-le", errors="replace")
    if head[:3] == b"\x00\x00\x00" and head[3:4] != b"\x00":
        return head.decode("utf-32-be", errors="replace")
    if head[:1] != b"\x00" and head[1:2] == b"\x00":
        return head.decode("utf-16-le", errors="replace")
    if head[:1] == b"\x00" and head[1:2] not in (b"", b"\x00"):
        return head.decode("utf-16-be", errors="replace")
    return head.decode("latin-1")


@dataclass(frozen=True, slots=True)
class Doctype:
    line: int
    column: int
    name: str
    external: bool
    entities: bool


_WS = " \t\r\n"
_DT_NAME = re.compile(r"<!DOCTYPE\s+([^\s\[>]+)")


def scan_doctype(data: bytes) -> Doctype | None:
    """Find a DOCTYPE in the prolog (before the root element), without any parsing."""
    return scan_prolog(data)[0]


_DECL_ENCODING = re.compile(rb"""<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")
# Encodings in which every ASCII character is its own byte, always: "<!DOCTYPE" written in
# the document is "<!DOCTYPE" in its bytes. Not UTF-7 (base64 runs can spell any
# character), not UTF-16/32, not EBCDIC.
_ASCII_FAMILY = re.compile(
    rb"(?i)utf-?8|(?:us-)?ascii|iso[-_]?8859[-_]?\d{1,2}|latin-?\d|(?:windows|cp)-?125\d"
)


# ... and the subset a byte scan may also *decode* as UTF-8
_UTF8_FAMILY = re.compile(rb"(?i)utf-?8|(?:us-)?ascii")


def ascii_readable(data: bytes, *, utf8: bool = False) -> bool:
    """Whether markup can be found by searching the raw bytes: the document is UTF-8 or
    another ASCII-compatible encoding (by its first bytes and its XML declaration).
    ``utf8``: only UTF-8 (or ASCII), so that text found in the bytes also decodes right."""
    body = data[3:] if data.startswith(codecs.BOM_UTF8) else data
    # "<\0" / " \0" is UTF-16/32-LE without a BOM, not ASCII: "<!DOCTYPE" is not in its bytes
    if body[:1] not in (b"<", b" ", b"\t", b"\r", b"\n") or body[1:2] == b"\x00":
        return False
    if not body.startswith(b"<?xml"):
        return True  # no declaration: UTF-8 (or what a BOM said, handled above)
    end = body.find(b"?>")
    if end < 0:
        return False
    key = (body[: end + 2], utf8)
    hit = _readable_decls.get(key)  # a feed's files share a handful of declarations
    if hit is None:
        declared = _DECL_ENCODING.match(key[0])
        family = _UTF8_FAMILY if utf8 else _ASCII_FAMILY
        hit = declared is None or family.fullmatch(declared.group(1).strip()) is not None
        if len(_readable_decls) < 256:
            _readable_decls[key] = hit
    return hit


_readable_decls: dict[tuple[bytes, bool], bool] = {}


def scan_prolog(data: bytes) -> tuple[Doctype | None, bool]:
    """(DOCTYPE found in the prolog or None, whether the scan is conclusive).

    Conclusive when the input is ASCII-compatible (UTF-8, Latin-1, ...) or UTF-16/32 with
    a BOM / a leading "<" and the root element was reached within the decoded head;
    otherwise the parsed tree's docinfo has to be checked as well."""
    ascii_compatible = ascii_readable(data)
    if ascii_compatible and data.find(b"<!DOCTYPE") < 0:
        return None, True
    text = decode_head(data)
    i = skip_misc(text, 0)
    if i >= len(text):
        return None, False  # prolog longer than the decoded head
    if text.startswith("<!DOCTYPE", i):
        return _doctype_at(text, i), True
    if text[i] == "<":
        return None, ascii_compatible or _known_wide(data)
    return None, False  # not XML-looking at all: let the parser and docinfo decide


def skip_misc(text: str, i: int) -> int:
    """From ``i``, past the whitespace (a BOM included), processing instructions and
    comments a prolog may hold: where a DOCTYPE, the root element or stray text starts
    (``len(text)`` when one of them runs off the end)."""
    n = len(text)
    while i < n:
        if text[i] in _WS or text[i] == "\ufeff":
            i += 1
        elif text.startswith("<?", i):
            j = text.find("?>", i)
            i = n if j < 0 else j + 2
        elif text.startswith("<!--", i):
            j = text.find("-->", i)
            i = n if j < 0 else j + 3
        else:
            break
    return i


def _known_wide(data: bytes) -> bool:
    return data.startswith(
        (
            codecs.BOM_UTF16_LE,
            codecs.BOM_UTF16_BE,
            codecs.BOM_UTF32_LE,
            codecs.BOM_UTF32_BE,
            b"<\x00",
            b"\x00<",
        )
    )


def _doctype_at(text: str, i: int) -> Doctype:
    line = text.count("\n", 0, i) + 1
    col = i - (text.rfind("\n", 0, i) + 1) + 1
    m = _DT_NAME.match(text, i)
    name = m.group(1) if m else ""
    j = m.end() if m else i + 9
    # external id and internal subset
    bracket = text.find("[", j)
    gt = text.find(">", j)
    if gt < 0:
        gt = len(text)
    head = text[j:bracket] if 0 <= bracket < gt else text[j:gt]
    external = bool(re.search(r"\b(SYSTEM|PUBLIC)\b", head))
    entities = False
    if 0 <= bracket < gt:
        # conservative: any entity declaration after the subset opens counts (a "]" inside
        # a quoted entity value must not hide a later declaration)
        entities = "<!ENTITY" in text[bracket:]
        end = text.find("]", bracket)
        subset = text[bracket:] if end < 0 else text[bracket:end]
        # parameter-entity references may pull in external declarations
        if re.search(r"%[A-Za-z_:][\w.\-:]*;", subset):
            entities = True
    return Doctype(line, col, name, external, entities)


def lacks_markup(raw: bytes, mark: bytes, start: int = 1) -> bool:
    """``raw.find(b"<" + mark, start - 1) < 0`` through single-byte searches (memchr):
    several times cheaper while ``mark`` (``!`` or ``?``) is rare in the text."""
    i = raw.find(mark, start)
    for _ in range(8):
        if i < 0:
            return True
        if raw[i - 1] == 0x3C:  # "<"
            return False
        i = raw.find(mark, i + 1)
    return i < 0 or raw.find(b"<" + mark, i - 1) < 0
