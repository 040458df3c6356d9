"""validate / validate_file: read safely, detect the kind, dispatch, collect findings."""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newsml_tools.findings import FileResult, Finding, Report, Severity
from newsml_tools.validation.detect import KINDS, detect_kind
from newsml_tools.validation.rules import RULES
from newsml_tools.validation.safety import (
    DEFAULT_MAX_BYTES,
    MAX_JSON_DEPTH,
    TooLarge,
    ascii_readable,
    lacks_markup,
    read_file_limited,
)

_XML_DECL_ENC = re.compile(r"^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*([\"'])[^\"']*\2", re.S)
# the type attribute of a JSON-LD script (the start tag's text is searched): a media type
# may carry parameters, type="application/ld+json; charset=utf-8"
_LD_TYPE = re.compile(
    r"[\s/]type\s*=\s*([\"']?)\s*application/ld\+json(?![\w.+-])\s*(?:;[^\"'>]*)?\1(?=[\s/>])",
    re.I,
)


def _finding(
    filename: str,
    rule: str,
    message: str,
    *,
    line: int | None = None,
    column: int | None = None,
    path: str | None = None,
    hint: str | None = None,
    severity: Severity | None = None,
    item: str | None = None,
) -> Finding:
    return Finding(
        filename, line, column, path, rule, severity or RULES[rule].severity, message, hint, item
    )


def validate(
    data: bytes | str,
    kind: str | None = None,
    *,
    filename: str = "<data>",
    schema: str | os.PathLike | None = None,
    ninjs_version: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    rules: bool = True,
) -> Report:
    """Validate one document; the Report holds one FileResult."""
    report = Report()
    report.add(
        validate_data(
            data,
            kind,
            filename=filename,
            schema=schema,
            ninjs_version=ninjs_version,
            max_bytes=max_bytes,
            rules=rules,
        )
    )
    return report


def validate_file(
    path: str | os.PathLike,
    *,
    kind: str | None = None,
    schema: str | os.PathLike | None = None,
    ninjs_version: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    rules: bool = True,
) -> FileResult:
    """Read ``path`` with a size bound (stat first) and validate it; unreadable -> error."""
    name = str(path)
    try:
        data = read_file_limited(path, max_bytes)
    except TooLarge as exc:
        return refused_too_large(name, kind, f"input refused without reading it: {exc}")
    except IsADirectoryError:
        return FileResult(name, kind=kind, error="is a directory")
    except OSError as exc:
        return FileResult(name, kind=kind, error=f"cannot read: {exc.strerror or exc}")
    return validate_data(
        data,
        kind,
        filename=name,
        schema=schema,
        ninjs_version=ninjs_version,
        max_bytes=max_bytes,
        rules=rules,
    )


def refused_too_large(name: str, kind: str | None, message: str, head: bytes = b"") -> FileResult:
    """The SEC002 result of an input over the size bound (``head``: what was read of it)."""
    return FileResult(
        name,
        kind=kind or detect_kind(head[:65536], name),
        findings=[_finding(name, "SEC002", message,
                           hint="raise the limit (max_bytes / --max-bytes) if the input "
                                "is trusted")],
    )


def _to_bytes(data: bytes | str) -> bytes:
    if isinstance(data, bytes):
        return data
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    if not isinstance(data, str):
        raise TypeError(f"data must be bytes or str, not {type(data).__name__}")
    # a str is already decoded: drop any encoding declaration, re-encode as UTF-8
    if data.lstrip().startswith("<?xml"):
        data = _XML_DECL_ENC.sub(r"\1", data, count=1)
    return data.encode("utf-8", errors="surrogatepass")


def validate_data(
    data: bytes | str,
    kind: str | None = None,
    *,
    filename: str = "<data>",
    schema: str | os.PathLike | None = None,
    ninjs_version: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    rules: bool = True,
) -> FileResult:
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; known: {', '.join(KINDS)}")
    raw = data if type(data) is bytes else _to_bytes(data)
    res = FileResult(filename, kind=kind)
    if len(raw) > max_bytes:
        res.kind = kind or detect_kind(raw[:65536], filename)
        res.findings.append(
            _finding(
                filename, "SEC002", f"input is {len(raw)} bytes; the limit is {max_bytes} bytes"
            )
        )
        return res
    if raw[:1] not in _NONEMPTY_FIRST and not raw.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        res.kind = kind or detect_kind(b"", filename)
        res.findings.append(_finding(filename, "parse", "empty input"))
        return res
    k = kind or detect_kind(raw, filename)
    res.kind = k
    if k is None:
        from newsml_tools.validation import xml as X

        sink = X._Sink(res.file)
        if X.parse_xml(raw, sink)[0] is None and any(f.rule == "SEC001" for f in sink.findings):
            res.findings.extend(sink.findings)  # hostile XML of no known kind: refused
            return res
        if b"\x00" in raw[:4096] or _undecodable(raw[:4096]):
            res.findings.append(
                _finding(filename, "parse", "not XML, JSON or HTML (binary or undecodable data)")
            )
        else:
            res.findings.append(
                _finding(
                    filename,
                    "kind",
                    "cannot tell whether this is NewsML-G2, NITF, ninjs, JSON-LD or HTML",
                    hint="pass kind= (CLI: --kind)",
                )
            )
        return res
    schema_s = os.fspath(schema) if schema is not None else None
    if k in ("newsml-g2", "nitf"):
        _validate_xml(raw, k, res, schema_s, rules)
    elif k == "html":
        _validate_html(raw, res, schema_s, rules)
    else:
        _validate_json(raw, k, res, schema_s, ninjs_version, rules)
    return res


def _undecodable(head: bytes) -> bool:
    try:
        head.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        return exc.start < len(head) - 4  # a cut multi-byte char at the end is fine


# ------------------------------------------------------------------ XML
_xml_mod: Any = None


def _xml() -> Any:
    """The XML module (lxml), imported on first use and kept: no import per file."""
    global _xml_mod
    if _xml_mod is None:
        from newsml_tools.validation import xml as X

        _xml_mod = X
    return _xml_mod


def _validate_xml(
    raw: bytes, kind: str, res: FileResult, schema: str | None, rules: bool = True
) -> None:
    X = _xml_mod or _xml()
    sink = X._Sink(res.file)
    no_bang = blankless = False
    if kind == "newsml-g2" and schema is None:
        # Power first, while parsing: what nearly every document declares (Core ones are
        # told apart on the tree below, without a scan of the bytes)
        no_bang = lacks_markup(raw, b"!")
        # whitespace-only text may be dropped while parsing (see validating_parser)
        blankless = no_bang and _plain_markup(raw, True)
        parser = X.validating_parser(_POWER, blankless)
        if blankless:
            sink.blankless = raw
    else:
        parser = None
    root, valid = X.parse_xml(raw, sink, parser, no_bang)
    if valid and X.other_schema(root):
        valid = False  # Core: validated against its own schema below
        if blankless:  # ... on a tree that keeps whitespace, like any other path
            root = X.parse_xml(raw, sink, None, no_bang)[0]
    if not valid:
        sink.blankless = None  # the tree (if any) comes from the whitespace-keeping parser
    if root is not None:
        tag = root.tag
        if not isinstance(tag, str):
            tag = ""
        nar = tag.startswith(X.NAR_PREFIX)
        actual = kind
        if tag == "nitf" or tag == X.NITF_ROOT:
            actual = "nitf"
        elif nar:
            actual = "newsml-g2"
        if schema is None and actual != kind:
            actual = kind  # the caller said what it is: the schema will say what is wrong
        res.kind = actual
        if actual == "nitf":
            X.validate_nitf(root, sink, schema, rules)
        elif schema is None and not nar:
            sink.add(
                "xsd",
                f"root element {X._short(tag) or tag!r} is not a NewsML-G2 element",
                line=root.sourceline,
                hint="expected one of: newsItem, packageItem, conceptItem, knowledgeItem, "
                "planningItem, catalogItem, newsMessage",
            )
        else:
            X.validate_newsml(
                root, sink, schema, res.items, raw, _POWER if valid else None, rules, tag,
                blankless,
            )
    res.findings.extend(sink.findings)


# ------------------------------------------------------------------ JSON
def _decode_json_text(raw: bytes, res: FileResult) -> str | None:
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if raw.startswith(bom):
            raw, encoding = raw[len(bom) :], enc
            break
    else:
        encoding = "utf-8"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        # columns count characters (SARIF's unicodeCodePoints), not bytes: the line up to
        # the bad byte decodes (the error is its first)
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        if encoding == "utf-8":
            col = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        else:
            col = exc.start - line_start + 1
        res.findings.append(
            _finding(
                res.file,
                "parse",
                f"not valid {encoding.upper()}: {exc.reason} at byte {exc.start}",
                line=line,
                column=col,
                hint="JSON must be UTF-8 (RFC 8259)",
            )
        )
        return None


def _load_json(
    text: str, res: FileResult, line_offset: int = 0, col0: int = 0
) -> tuple[Any, bool]:
    """The parsed document (or _FAILED, with the finding added) and whether some object
    repeats a key."""
    from newsml_tools.validation.jsonpos import NumberTooLong, TooDeep, loads

    try:
        return loads(text, MAX_JSON_DEPTH)
    except TooDeep as exc:
        res.findings.append(
            _finding(
                res.file,
                "SEC003",
                f"{exc}; not validated",
                line=line_offset + 1 if line_offset else None,
            )
        )
    except json.JSONDecodeError as exc:
        col = exc.colno + (col0 if exc.lineno == 1 else 0)
        what = "cannot read JSON" if isinstance(exc, NumberTooLong) else "not well-formed JSON"
        res.findings.append(
            _finding(
                res.file,
                "parse",
                f"{what}: {exc.msg}",
                line=exc.lineno + line_offset,
                column=col,
            )
        )
    return _FAILED, False


def _plain_markup(raw: bytes, no_bang: bool = False) -> bool:
    """An ASCII-compatible document without comments, CDATA sections, DOCTYPE and
    processing instructions (an XML declaration at the very start aside): its children
    are elements and text only, so libxml2's remove_blank_text cannot change validity.
    ``no_bang``: ``b"<!"`` is known not to occur in ``raw``."""
    if (
        raw[:1] != b"<"
        or raw[1:2] == b"\x00"
        or (not no_bang and not lacks_markup(raw, b"!"))
        or not lacks_markup(raw, b"?", 2)
    ):
        return False
    return ascii_readable(raw)  # the byte searches above read an ASCII-compatible text


_FAILED = object()
_NONEMPTY_FIRST = (b"<", b"{", b"[")  # a first byte that proves the input is not blank
_POWER = "newsml-g2-2.35-power"


def _validate_json(
    raw: bytes,
    kind: str,
    res: FileResult,
    schema: str | None,
    ninjs_version: str | None,
    rules: bool = True,
) -> None:
    from newsml_tools.validation.jsonpos import Positions

    text = _decode_json_text(raw, res)
    if text is None:
        return
    doc, repeats = _load_json(text, res)
    if doc is _FAILED:
        return
    pos = Positions(text)
    if rules and _maybe_lone_surrogate(text):
        _surrogate_findings(doc, pos, res, _ninjs_item_of(doc) if kind == "ninjs" else None)
    try:
        if kind == "jsonld":
            from newsml_tools.validation.jsonld import check_jsonld

            if schema is not None:
                _custom_schema(doc, pos, res, schema)
            else:
                check_jsonld(doc, pos, res.file, res.findings, rules=rules)
        else:
            from newsml_tools.validation.ninjs import check_ninjs

            if schema is not None:
                _custom_schema(doc, pos, res, schema)
            else:
                check_ninjs(doc, pos, res.file, res.findings, res.items, ninjs_version, rules=rules)
    except RecursionError:
        res.findings.append(_finding(res.file, "SEC003", "JSON nests too deeply to validate"))
        return
    if repeats and rules:
        _duplicate_key_findings(pos, res, _ninjs_item_of(doc) if kind == "ninjs" else None)


_LONE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _maybe_lone_surrogate(text: str) -> bool:
    """Whether ``text`` has a ``\\ud800``..``\\udfff`` escape (any case), through
    single-character searches (memchr) while backslashes are few: most JSON has none."""
    i = text.find("\\")
    for _ in range(8):
        if i < 0:
            return False
        if text[i + 1 : i + 3] in ("ud", "uD") and text[i + 3 : i + 4] in _HIGH_NIBBLE:
            return True
        i = text.find("\\", i + 2)  # past the escape's second character ("\\\\" too)
    return i >= 0 and _LONE_ESCAPE.search(text, i) is not None


_HIGH_NIBBLE = frozenset("89abcdefABCDEF")


def _surrogate_findings(
    doc: Any, pos: Any, res: FileResult, item_of: Callable[[str], str | None] | None = None
) -> None:
    """JS002 for every key or string holding a lone surrogate (a ``\\ud800``-style escape
    without its pair): not Unicode text, so many parsers and every UTF-8 encoder refuse
    it. Called only when the text has such an escape (``\\ud8``..``\\udf``, any case)."""
    from newsml_tools.validation.jsonpos import pointer

    stack: list[tuple[tuple, Any]] = [((), doc)]
    found: list[tuple[tuple, str]] = []
    while stack:
        parts, value = stack.pop()
        if isinstance(value, dict):
            for k, v in value.items():
                if _SURROGATE.search(k):
                    found.append(((*parts, k), "key"))
                stack.append(((*parts, k), v))
        elif isinstance(value, list):
            stack.extend(((*parts, i), v) for i, v in enumerate(value))
        elif isinstance(value, str) and _SURROGATE.search(value):
            found.append((parts, "string"))
    for parts, what in sorted(found, key=lambda f: pos.offset(pointer(f[0])) or 0):
        ptr = pointer(parts)
        line, col = pos.line_col(ptr)
        res.findings.append(
            _finding(
                res.file,
                "JS002",
                f"{'the key of this member' if what == 'key' else 'this string'} holds a "
                "lone surrogate escape (\\ud800-\\udfff without its pair): not Unicode "
                "text",
                line=line,
                column=col,
                path=ptr or "/",
                hint="escape the character as a surrogate pair, or remove it",
                item=item_of(ptr) if item_of is not None else None,
            )
        )


def _ninjs_item_of(doc: Any) -> Callable[[str], str | None]:
    """The uri of the ninjs item (of a feed, or the document) a JSON pointer lies in."""
    from newsml_tools.validation.jsonpos import pointer
    from newsml_tools.validation.ninjs import feed_items

    bases: dict[str, str | None] = {}  # an item's pointer ("", "/3", "/items/3") -> uri
    for base, item in feed_items(doc)[1]:
        uri = item.get("uri") if isinstance(item, dict) else None
        bases[pointer(base)] = uri if isinstance(uri, str) else None

    def item_of(ptr: str) -> str | None:
        # an item's pointer has at most two segments: look its prefixes up, no scan
        parts = ptr.split("/", 3)
        for k in (2, 3):
            key = "/".join(parts[:k])
            if key in bases:
                return bases[key]
        return bases.get("")

    return item_of


def _duplicate_key_findings(
    pos: Any, res: FileResult, item_of: Callable[[str], str | None] | None = None
) -> None:
    """JS001 for every repeated key: RFC 8259 leaves such a document's meaning to each
    parser (most keep the last value, some the first), so two partners may read two
    different stories from it."""
    from newsml_tools.validation.jsonpos import pointer

    for obj_ptr, key, first, repeat in pos.duplicate_keys():
        line, col = pos.line_col_of_offset(repeat)
        first_line = pos.line_col_of_offset(first)[0]
        res.findings.append(
            _finding(
                res.file,
                "JS001",
                f"key {key!r} occurs more than once in this object (first on line "
                f"{first_line}); parsers differ on which value counts (validated: the last)",
                line=line,
                column=col,
                path=obj_ptr + pointer([key]),
                hint="keep one of the values",
                item=item_of(obj_ptr) if item_of is not None else None,
            )
        )


def _custom_schema(doc: Any, pos, res: FileResult, schema: str) -> None:
    from newsml_tools.validation.jschema import get_json_schema
    from newsml_tools.validation.jsonpos import pointer

    try:
        compiled = get_json_schema(Path(schema))
    except Exception as exc:  # unreadable, not JSON, or not a valid JSON Schema
        res.findings.append(
            _finding(res.file, "json-schema", f"schema could not be loaded: {schema}: {exc}")
        )
        return
    for err in compiled.errors(doc):
        ptr = pointer(err.path)
        line, col = pos.line_col(ptr)
        res.findings.append(
            _finding(res.file, "json-schema", err.message, line=line, column=col, path=ptr or "/")
        )


# ------------------------------------------------------------------ HTML
def _decode_html(raw: bytes) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        m = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", raw[:4096])
        if m:
            try:
                return raw.decode(m.group(1).decode("ascii"), errors="replace")
            except LookupError:
                pass
        return raw.decode("cp1252", errors="replace")


_HTML_TOKEN = re.compile(r"<(?:!--|[!?]|/?[A-Za-z]|/)")
_TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9:_.-]*")
# the rest of a start tag after its name, as the HTML tokenizer reads attributes: a name
# (its first character may be "="), then "=" and a value, quoted ("…", '…': they may hold
# ">" and "<!--") or not (alt=Don't: a quote inside is a character). Possessive: linear.
_ATTR_VALUE = r"""(?:"[^"]*+"|'[^']*+'|[^\s>]++)"""
_ATTR = r"(?:[^\s/>][^\s/>=]*+(?:\s*+=\s*+" + _ATTR_VALUE + r"?+)?+)"
_TAG_REST = re.compile(r"(?:\s++|/++|" + _ATTR + r")*+>")
_BOGUS_COMMENT_END = re.compile(r"[^>]*+>")
_COMMENT_END = re.compile(r"-?>|.*?--!?>", re.S)
# elements whose text is not markup ("<!--" in them opens no comment)
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp"})
_RAW_END = {name: re.compile(rf"</{name}\s*>", re.I) for name in _RAW_TEXT}


def ld_json_blocks(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) of the text of every ``<script type="application/ld+json">`` in an
    HTML page, in one pass as a browser tokenizes it: comments are skipped (a commented-out
    block is not there), and "<!--" inside a script, a style, a textarea or an attribute
    value opens nothing. A tag or element that never ends ends the search."""
    pos, n = 0, len(text)
    while pos < n:
        m = _HTML_TOKEN.search(text, pos)
        if m is None:
            return
        if m.group() == "<!--":
            c = _COMMENT_END.match(text, m.end())
            if c is None:
                return  # an unclosed comment runs to the end
            pos = c.end()
            continue
        if m.group() in ("<!", "<?", "</"):  # <!DOCTYPE …>, <?…>, "</ x": bogus comments
            c = _BOGUS_COMMENT_END.match(text, m.end())
            if c is None:
                return
            pos = c.end()
            continue
        closing = m.group().startswith("</")
        nm = _TAG_NAME.match(text, m.end() - 1)
        assert nm is not None  # the token ends with a letter
        rest = _TAG_REST.match(text, nm.end())
        if rest is None:
            return  # a tag that never closes: nothing after it is markup
        pos = rest.end()
        name = nm.group().lower()
        if closing or name not in _RAW_TEXT:
            continue
        end = _RAW_END[name].search(text, pos)
        if end is None:
            return
        if name == "script" and _LD_TYPE.search(text, nm.end(), rest.end()):
            yield pos, end.start()
        pos = end.end()


def _validate_html(raw: bytes, res: FileResult, schema: str | None, rules: bool = True) -> None:
    from newsml_tools.validation.jsonld import check_jsonld
    from newsml_tools.validation.jsonpos import Positions

    text = _decode_html(raw)
    checked = 0
    blocks = unreadable = 0
    # lines before ``counted`` and the last newline before it: each character read once
    counted, line0, last_nl = 0, 0, -1
    for start, end in ld_json_blocks(text):
        blocks += 1
        line0 += text.count("\n", counted, start)  # lines before the block's first line
        k = text.rfind("\n", counted, start)
        if k >= 0:
            last_nl = k
        counted = start
        col0 = start - (last_nl + 1)
        body = text[start:end]
        doc, repeats = _load_json(body, res, line_offset=line0, col0=col0)
        if doc is _FAILED:
            unreadable += 1
            continue
        pos = Positions(body, line_offset=line0, col_offset_first_line=col0)
        if repeats and rules:
            _duplicate_key_findings(pos, res)
        if rules and _maybe_lone_surrogate(body):
            _surrogate_findings(doc, pos, res)
        if schema is not None:
            _custom_schema(doc, pos, res, schema)
            checked += 1
        else:
            checked += check_jsonld(
                doc, pos, res.file, res.findings, require_article=False, rules=rules
            )
    if schema is None and checked == 0:
        res.findings.append(
            _finding(
                res.file,
                "LD005",
                "no application/ld+json NewsArticle found in this HTML page"
                if blocks == 0
                else f"{blocks} application/ld+json block(s), none of which could be read"
                if unreadable == blocks
                else f"{blocks} application/ld+json block(s), but none is a NewsArticle"
                + (f" ({unreadable} could not be read)" if unreadable else ""),
                hint='add <script type="application/ld+json"> with "@type": "NewsArticle"',
            )
        )
