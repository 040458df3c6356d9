"""NewsML-G2 (all item types and newsMessage) and NITF 3.6 validation.

One parse, one compiled-schema validation, the error log walked only when invalid, then
rules beyond the schema that use cheap C-level element iteration.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from collections.abc import Callable

from lxml import etree

from newsml_tools.findings import Finding, Severity
from newsml_tools.validation.detect import ITEM_NAMES
from newsml_tools.validation.iptc_catalog import IPTC_CATALOG_ALIASES, IPTC_CATALOG_HREF
from newsml_tools.validation.rules import RULES
from newsml_tools.validation.safety import ascii_readable, lacks_markup, scan_prolog
from newsml_tools.validation.xsd import (
    NAR_NS,
    NITF_NS,
    XHTML_NS,
    SchemaLoadError,
    get_schema,
    resolve_schema_key,
    safe_parser,
)
from newsml_tools.validation.xsd import (
    validating_parser as validating_parser,  # core reaches lxml only through this module
)

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
ITEM_TAGS = frozenset(f"{{{NAR_NS}}}{n}" for n in ITEM_NAMES)
NEWS_MESSAGE = f"{{{NAR_NS}}}newsMessage"
NAR_PREFIX = f"{{{NAR_NS}}}"
NITF_ROOT = f"{{{NITF_NS}}}nitf"
_XHTML_B = XHTML_NS.encode()
_NS_SHORT = {NAR_NS: "", NITF_NS: "nitf:", XHTML_NS: "xhtml:"}
_NS_RE = re.compile(r"\{([^}]*)\}")
_EXPECTED_RE = re.compile(r"Expected is(?: one of)? \( (.*?) \)")
_URI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")
_ZONE_RE = re.compile(r"(Z|[+-]\d{2}:\d{2})$")
_QCODE_ATTRS = (
    "qcode",
    "role",
    "rel",
    "why",
    "how",
    "pubconstraint",
    "confirmationstatus",
    "type",
    "format",
)

Emit = Callable[..., None]


def _short(text: str) -> str:
    return _NS_RE.sub(lambda m: _NS_SHORT.get(m.group(1), m.group(0)), text)


_NO_ITEM = object()


def item_paths(items: list[etree._Element]) -> list[str]:
    """``getpath`` of each item, as libxml2 writes it in schema errors. lxml's getpath
    counts the siblings before an element on every call (a feed of 20,000 items took
    seconds); items in the default namespace under one parent are numbered in one pass:
    libxml2 writes them ``*[k]``, k counting every element sibling, or ``*`` alone."""
    if not items:
        return []
    parent = items[0].getparent()
    tree = items[0].getroottree()
    if parent is None:
        return [tree.getpath(it) for it in items]
    base = tree.getpath(parent)
    index: dict[etree._Element, int] = {}
    for child in parent:
        if isinstance(child.tag, str):
            index[child] = len(index) + 1
    only = len(index) == 1
    return [
        (f"{base}/*" if only else f"{base}/*[{index[it]}]")
        if it.getparent() is parent and it.prefix is None and it.tag[:1] == "{"
        else tree.getpath(it)
        for it in items
    ]


class _Sink:
    """Collects findings for one input; knows the file name and feed-item spans."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.findings: list[Finding] = []
        self.item_lines: list[int] = []
        self.item_ids: list[str | None] = []
        self.items_end: int | None = None
        # the feed's item elements (their XPaths, computed when a finding has a path)
        self.item_els: list[etree._Element] = []
        self._item_paths: dict[str, str | None] | None = None
        self._item_depths: list[int] = []
        # the input, when its tree was parsed without whitespace-only text nodes
        self.blankless: bytes | None = None

    def item_for_path(self, path: str) -> str | None:
        """The guid of the item whose element the XPath ``path`` (libxml2's, as in schema
        errors: ``/*/*[2]/*[1]``) lies in; exact even when items share a line."""
        if self._item_paths is None:  # item path -> guid, looked up by prefix: no scan
            self._item_paths = dict(
                zip(item_paths(self.item_els), self.item_ids, strict=False))
            self._item_depths = sorted({p.count("/") for p in self._item_paths})
        segments = path.split("/")
        for depth in self._item_depths:
            if len(segments) > depth:
                hit = self._item_paths.get("/".join(segments[: depth + 1]), _NO_ITEM)
                if hit is not _NO_ITEM:
                    return hit  # type: ignore[return-value]
        return None

    def item_for_line(self, line: int | None) -> str | None:
        if line is None or not self.item_lines:
            return None
        k = bisect.bisect_right(self.item_lines, line) - 1
        if k < 0 or (self.items_end is not None and line > self.items_end):
            return None
        return self.item_ids[k]

    def add(
        self,
        rule: str,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        path: str | None = None,
        hint: str | None = None,
        severity: Severity | None = None,
        item: str | None = None,
    ) -> None:
        sev = severity or RULES[rule].severity
        if item is None and self.item_lines:
            if path and self.item_els and path.startswith("/"):
                item = self.item_for_path(path)
            else:
                item = self.item_for_line(line)
        self.findings.append(
            Finding(self.filename, line, column, path, rule, sev, message, hint, item)
        )


# ------------------------------------------------------------------ parsing
def _feed(parser: etree.XMLParser, data: bytes) -> etree._Element:
    """Parse through the feed interface: measurably cheaper per document than
    ``etree.fromstring`` for the same parser. The parser is reset after an error."""
    try:
        parser.feed(data)
        return parser.close()
    except etree.XMLSyntaxError:
        with contextlib.suppress(etree.XMLSyntaxError):
            parser.close()
        raise


def parse_xml(
    data: bytes,
    sink: _Sink,
    validating: etree.XMLParser | None = None,
    no_bang: bool = False,
) -> tuple[etree._Element | None, bool]:
    """Refuse DOCTYPEs with entities / external subsets, then parse safely.

    With a ``validating`` parser, the schema is checked while parsing; the second value
    says whether that one pass proved the document valid. ``no_bang``: the caller has
    seen that ``b"<!"`` does not occur in ``data`` (so no DOCTYPE either)."""
    if b"\r" in data and b"\n" not in data and ascii_readable(data):
        # classic Mac line ends: libxml2 counts lines by LF only, so every finding was on
        # line 1; XML reads a CR as a line end anyway (§2.11), so the parse is the same
        data = data.replace(b"\r", b"\n")
    if no_bang and ascii_readable(data):  # no "<!" in bytes that read as ASCII: no DOCTYPE
        dt, conclusive = None, True  # what scan_prolog says, without its search
    else:
        dt, conclusive = scan_prolog(data)
    if dt is not None and (dt.entities or dt.external):
        what = []
        if dt.entities:
            what.append("entity declarations")
        if dt.external:
            what.append("an external DTD subset")
        sink.add(
            "SEC001",
            f"DOCTYPE {dt.name} with {' and '.join(what)} refused; the "
            "document was not parsed (XXE / entity-expansion protection)",
            line=dt.line,
            column=dt.column,
            hint="remove the DOCTYPE; NewsML-G2 and NITF 3.6 are validated by XML Schema",
        )
        return None, False
    if validating is not None and conclusive and dt is None:  # no DOCTYPE: see xsd.py
        try:
            root = _feed(validating, data)
        except etree.XMLSyntaxError:
            root = None  # not well-formed or not valid: the plain parse below tells which
        if root is not None:
            return root, True
    try:
        root = _feed(safe_parser(), data)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (exc.lineno, None)
        msg = exc.msg or str(exc)
        deep = re.search(r"Excessive depth in document: (\d+)", msg)
        if deep:  # libxml2's bound (huge_tree stays off): hostile input, not a typo
            sink.add("SEC003", f"XML nests too deeply to parse (more than {deep.group(1)} "
                     "levels); not validated", line=line or None, column=col or None)
            return None, False
        sink.add("parse", f"not well-formed XML: {msg}", line=line or None, column=col or None)
        return None, False
    except (ValueError, TypeError) as exc:  # e.g. str with an encoding declaration
        sink.add("parse", f"cannot parse as XML: {exc}")
        return None, False
    if root is None:
        sink.add("parse", "no XML document found (empty input)")
        return None, False
    if not (conclusive and dt is None) and not _doctype_ok(root, sink):
        return None, False
    return root, False


def _doctype_ok(root: etree._Element, sink: _Sink) -> bool:
    """Safety net for encodings the byte scan cannot see through."""
    docinfo = root.getroottree().docinfo
    if not docinfo.doctype:
        return True
    dtd = docinfo.internalDTD
    if (
        docinfo.system_url
        or docinfo.public_id
        or (dtd is not None and any(True for _ in dtd.iterentities()))
    ):
        sink.add(
            "SEC001",
            "DOCTYPE with entity declarations or an external DTD subset refused",
            line=1,
        )
        return False
    return True


# ------------------------------------------------------------------ schema errors
def schema_findings(schema: etree.XMLSchema, sink: _Sink, line_offset: int = 0) -> None:
    for err in schema.error_log:
        if err.level < etree.ErrorLevels.ERROR:
            continue
        msg = err.message
        hint = None
        m = _EXPECTED_RE.search(msg)
        if m:
            names = [
                _short(x.strip()).split(":")[-1]
                if x.strip().startswith("{" + NAR_NS)
                else _short(x.strip())
                for x in m.group(1).split(",")
            ]
            hint = (
                "expected one of: " + ", ".join(names)
                if len(names) > 1
                else ("expected: " + names[0])
            )
            msg = msg[: m.start()].rstrip(" .") + "."
        line = (err.line + line_offset) if err.line else None
        sink.add(
            "xsd",
            _short(msg),
            line=line,
            column=err.column or None,
            path=err.path or None,
            hint=hint,
        )


# ------------------------------------------------------------------ NewsML-G2
_VERSION_RE = re.compile(r"\s*(\d+)\.(\d+)\s*")
_versions: dict[str, tuple[int, int] | None] = {}



def _schema_check(root: etree._Element, key: str, sink: _Sink) -> bool:
    """Validate ``root`` against schema ``key`` into ``sink``; False when the schema itself
    could not be loaded (reported as an xsd error: nothing more can be checked)."""
    try:
        xs = get_schema(key)
    except (SchemaLoadError, FileNotFoundError) as exc:
        sink.add("xsd", f"schema could not be loaded: {exc}", severity=E)
        return False
    if not xs.validate(root):
        schema_findings(xs, sink)
    return True

def _version(v: str | None) -> tuple[int, int] | None:
    if not v:
        return None
    try:
        return _versions[v]
    except KeyError:
        pass
    m = _VERSION_RE.fullmatch(v)
    parsed = (int(m.group(1)), int(m.group(2))) if m else None
    if len(_versions) < 256:
        _versions[v] = parsed
    return parsed


_POWER = "newsml-g2-2.35-power"


def _choose_schema(items: list[etree._Element], sink: _Sink) -> str:
    if not items:
        return _POWER
    if len(items) == 1:  # the common case, without the generator
        c = items[0].get("conformance")
        if c is None or c.strip().lower() != "core":
            return _POWER
    core = all((it.get("conformance") or "").strip().lower() == "core" for it in items)
    if not core:
        return _POWER
    versions = [_version(it.get("standardversion")) for it in items]
    if all(v is not None and v <= (2, 24) for v in versions):
        return "newsml-g2-2.24-core"
    sink.add(
        "NG008",
        'conformance="core" document newer than NewsML-G2 2.24 (the last '
        "Core schema): validated against NewsML-G2 2.35 Power",
        line=items[0].sourceline,
    )
    return _POWER


def _items_of(
    root: etree._Element, rtag: str
) -> tuple[list[etree._Element], etree._Element | None]:
    """The items of a document (the root, or a newsMessage's itemSet children) and the
    itemSet."""
    if rtag == NEWS_MESSAGE:
        item_set = root.find(f"{{{NAR_NS}}}itemSet")
        return ([] if item_set is None else [c for c in item_set if c.tag in ITEM_TAGS]), item_set
    return ([root] if rtag in ITEM_TAGS else []), None


def other_schema(root: etree._Element) -> bool:
    """Whether the document's items ask for another schema than 2.35 Power (Core)."""
    tag = root.tag
    if not isinstance(tag, str):
        return False
    return _choose_schema(_items_of(root, tag)[0], _Sink("")) != _POWER


def validate_newsml(
    root: etree._Element,
    sink: _Sink,
    schema: str | None,
    items_out: list[str],
    raw: bytes | None = None,
    prevalidated: str | None = None,
    rules: bool = True,
    root_tag: str | None = None,
    plain: bool = False,
) -> None:
    """``prevalidated``: the schema key the document was already found valid against;
    ``root_tag``: ``root.tag`` when the caller has it already; ``plain``: ``raw`` is known
    to hold no comment, CDATA, DOCTYPE or processing instruction (see core._plain_markup)."""
    rtag = root.tag if root_tag is None else root_tag
    items, item_set = _items_of(root, rtag)
    if rtag == NEWS_MESSAGE:
        sink.item_els = items
        for it in items:
            sink.item_lines.append(it.sourceline or 0)
            sink.item_ids.append(it.get("guid"))
            items_out.append(it.get("guid") or "")
        if item_set is not None:
            nxt = item_set.getnext()
            sink.items_end = (nxt.sourceline - 1) if nxt is not None and nxt.sourceline else None
        if rules:  # --schema-only: no rule beyond the schemas (NG010, NG011, NG003)
            if not items:
                sink.add("NG011", "newsMessage carries no items", line=root.sourceline)
            _header_rules(root, sink)
        seen: dict[str, int] = {}
        for it in items if rules else ():
            g = it.get("guid")
            if g is None:
                continue
            if g in seen:
                sink.add(
                    "NG010",
                    f"guid {g!r} occurs more than once in this newsMessage "
                    f"(first on line {seen[g]})",
                    line=it.sourceline,
                    item=g,
                )
            else:
                seen[g] = it.sourceline or 0

    key = schema or _choose_schema(items, sink)
    if key != prevalidated and not _schema_check(root, key, sink):
        return
    if not rules:
        return
    # the byte scan reads ASCII markup: not for UTF-7/16/32 documents (the tree walk is)
    # (and only for single-item documents: NG001 is per item, the scan sees the whole)
    fast = (_FastScan(raw, items[0], plain)
            if raw is not None and len(items) == 1 and rtag != NEWS_MESSAGE
            and ascii_readable(raw) else None)
    for it in items:
        _item_rules(it, sink, fast)
    if (
        items
        and (raw is None or _XHTML_B in raw)
        and resolve_schema_key(key) in ("newsml-g2-2.35-power", "newsml-g2-2.24-core")
    ):
        _xhtml_note(root, sink)


_T_HEADER = f"{{{NAR_NS}}}header"
_T_SENT = f"{{{NAR_NS}}}sent"


def _header_rules(root: etree._Element, sink: _Sink) -> None:
    """NG003 for the newsMessage header's ``sent`` (items' dates are checked per item)."""
    header = root.find(_T_HEADER)
    sent = header.find(_T_SENT) if header is not None else None
    val = (sent.text or "").strip() if sent is not None else ""
    if "T" in val and not _has_zone(val):
        sink.add("NG003", f"sent {val!r} has no time zone", line=sent.sourceline,
                 hint="append Z or an offset such as +01:00")


def _xhtml_note(root: etree._Element, sink: _Sink) -> None:
    for el in root.iter(f"{{{NAR_NS}}}inlineXML"):
        for child in el:
            if isinstance(child.tag, str) and child.tag.startswith(f"{{{XHTML_NS}}}"):
                item = None
                if sink.item_els:  # a feed: the item the element is in (not by line)
                    for anc in el.iterancestors(*ITEM_TAGS):
                        item = anc.get("guid")
                        break
                sink.add(
                    "NG009",
                    "inline XHTML is not schema-checked (no XHTML schema is "
                    "vendored); only its well-formedness was checked",
                    line=child.sourceline,
                    item=item,
                )
                return


_QCODE_NAMES = (
    b"qcode",
    b"role",
    b"rel",
    b"type",
    b"why",
    b"how",
    b"format",
    b"confirmationstatus",
    b"pubconstraint",
)
# The whole value of every QCode attribute (group 1: "…", group 2: '…'); starts with the
# literal "=" (fast search), the look-behinds check the attribute name and the space
# before it (a name follows whitespace: "?format=" in a URL is no attribute). Groups 3 and 4: an
# "=" with whitespace before or after it, which the look-behinds would not see through.
_B_QATTR = re.compile(
    b"=(?:(?:" + b"|".join(rb"(?<=[ \t\r\n]" + n + b"=)" for n in _QCODE_NAMES) + b")"
    + rb"(?:\"([^\"]*)\"|'([^']*)')|(?<=([ \t\r\n])=)|([ \t\r\n]))"
)
_NOT_IN_QCODES = (b"=", b"<", b">", b'"', b"'")
_IPTC_ALIASES_B = frozenset(a.encode() for a in IPTC_CATALOG_ALIASES)
_T_CATALOGREF = f"{{{NAR_NS}}}catalogRef"
_T_CATALOG = f"{{{NAR_NS}}}catalog"

_iptc_hrefs: dict[str, bool] = {}


def _is_iptc_href(href: str) -> bool:
    """IPTC_CATALOG_HREF on the value, cached (the same few hrefs everywhere)."""
    hit = _iptc_hrefs.get(href)
    if hit is None:
        hit = bool(IPTC_CATALOG_HREF.match(href.strip()))
        if len(_iptc_hrefs) < 1024:
            _iptc_hrefs[href] = hit
    return hit


def _leading_catalogs(item: etree._Element) -> bool | None:
    """What the item's leading catalogRef children say, read on the tree (exact, and only
    a few elements): None when one names a catalog we cannot read offline (NG001 is off
    for the item, as in the tree walk), else whether one is the IPTC catalog."""
    iptc = False
    for c in item:
        t = c.tag
        if t == _T_CATALOGREF:
            if not _is_iptc_href(c.get("href") or ""):
                return None
            iptc = True
        elif t != _T_CATALOG and isinstance(t, str):
            break
    return iptc


def _qcodes_ok(raw: bytes, item: etree._Element, plain: bool = False) -> bool:
    """Whether a scan of the bytes proves that NG001 has nothing to report for the single
    item ``item`` (the document's root); False when it cannot (the exact tree walk decides
    then). Never less strict than the tree walk: it reads every QCode attribute value of
    the document (more than the tree walk: comments, inline content, other namespaces),
    counts only the catalogs the tree shows and is inconclusive whatever it cannot read
    exactly (prefixes beyond the IPTC catalog's, references, whitespace around "=")."""
    iptc = _leading_catalogs(item)
    if iptc is None:
        return True
    if not plain and not lacks_markup(raw, b"!", 1):
        return False  # a DOCTYPE might default attributes
    found = _B_QATTR.findall(raw)
    if not found:
        return True
    values = []
    for dq, sq, before, after in found:
        if before or after:
            return False
        value = dq or sq
        if any(c in value for c in _NOT_IN_QCODES):
            # no QCode holds these: the "value" ran from a look-alike inside text or
            # another attribute ('…?format="', 'Tag type="') to a real attribute's quote
            return False
        values.append(value)
    joined = b" ".join(values)
    if b"&" in joined or not joined.isascii():
        return False  # references or non-ASCII whitespace: the tree's split() decides
    known = _IPTC_ALIASES_B if iptc else frozenset()
    # a prefix no catalog of the item declares: the tree walk decides (it also reads the
    # item's <scheme alias> declarations, which only add to what is declared)
    return all(q.partition(b":")[0] in known for q in joined.split() if b":" in q)


class _FastScan:
    """Scans that prove the common case (nothing to report) without walking the tree; a
    rule falls back to the exact tree walk only when a scan is inconclusive. Only for a
    single-item document (NG001 is per item; the scan sees the whole document)."""

    __slots__ = ("qcodes_ok",)

    def __init__(self, raw: bytes, item: etree._Element, plain: bool = False) -> None:
        self.qcodes_ok = _qcodes_ok(raw, item, plain)


def _text(el: etree._Element | None) -> str:
    if el is None:
        return ""
    if not len(el):
        return (el.text or "").strip()
    return "".join(el.itertext()).strip()


def _full_text(el: etree._Element, sink: _Sink) -> str:
    """``_text`` of an element with children in a tree parsed with remove_blank_text: the
    same element of a parse that keeps whitespace (element positions are the same)."""
    assert sink.blankless is not None
    full = etree.fromstring(sink.blankless, safe_parser()).getroottree()
    same = full.xpath(el.getroottree().getpath(el))
    return _text(same[0]) if same else _text(el)


_DATE_TAGS = tuple(
    f"{{{NAR_NS}}}{n}"
    for n in ("versionCreated", "firstCreated", "embargoed", "contentCreated", "contentModified")
)
_CLASS_CONTENT = {
    "text": {"text"},
    "picture": {"image"},
    "graphic": {"image", "application"},
    "video": {"video"},
    "audio": {"audio"},
}


_majors: dict[str, str | None] = {}


def _major(contenttype: str) -> str | None:
    try:
        return _majors[contenttype]
    except KeyError:
        pass
    major = _major_of(contenttype)
    if len(_majors) < 256:
        _majors[contenttype] = major
    return major


def _major_of(contenttype: str) -> str | None:
    ct = contenttype.split(";")[0].strip().lower()
    if not ct or "/" not in ct:
        return None
    if ct in ("application/nitf+xml", "application/xhtml+xml", "application/xml"):
        return "text"
    major = ct.split("/", 1)[0]
    return major if major in ("text", "image", "video", "audio", "application") else None


_T_ITEMMETA = f"{{{NAR_NS}}}itemMeta"
_T_CONTENTMETA = f"{{{NAR_NS}}}contentMeta"
_T_CONTENTSET = f"{{{NAR_NS}}}contentSet"
_T_PUBSTATUS = f"{{{NAR_NS}}}pubStatus"
_T_ITEMCLASS = f"{{{NAR_NS}}}itemClass"
_T_HEADLINE = f"{{{NAR_NS}}}headline"
_T_NEWSITEM = f"{{{NAR_NS}}}newsItem"
_DATE_SET = frozenset(_DATE_TAGS)
_META_TAGS = _DATE_SET | {_T_HEADLINE, _T_ITEMCLASS, _T_PUBSTATUS}
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_SCHEME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+.-"


def _is_uri(guid: str) -> bool:
    """``bool(_URI_RE.match(guid.strip()))`` with string methods (no regex engine)."""
    g = guid.strip()
    i = g.find(":")
    if i < 1 or g[0] not in _LETTERS or g[1:i].strip(_SCHEME_CHARS):
        return False
    rest = g[i + 1 :]
    if not rest:
        return False
    parts = rest.split()  # \S+ : no whitespace at all after the colon
    return len(parts) == 1 and len(parts[0]) == len(rest)


_ASCII_DIGITS = frozenset("0123456789")


def _has_zone(val: str) -> bool:
    """``bool(_ZONE_RE.search(val))``; the common endings without the regex engine."""
    last = val[-1:]
    if last == "Z":
        return True
    if len(val) >= 6 and last in _ASCII_DIGITS:
        tail = val[-6:]
        if (
            tail[0] in "+-"
            and tail[3] == ":"
            and tail[1] in _ASCII_DIGITS
            and tail[2] in _ASCII_DIGITS
            and tail[4] in _ASCII_DIGITS
        ):
            return True
    return bool(_ZONE_RE.search(val))
_PUB_STATUSES = ("stat:usable", "stat:withheld", "stat:canceled")


def _item_rules(it: etree._Element, sink: _Sink, fast: _FastScan | None = None) -> None:
    """NG002-NG007 for one item: one pass over the item's, itemMeta's and contentMeta's
    children (no subtree walks), NG001 only when the byte scan was inconclusive."""
    guid = it.get("guid")
    itag = it.tag
    # NG002 guid is a URI
    if guid is not None and not _is_uri(guid):
        tag = itag.rpartition("}")[2]
        sink.add(
            "NG002",
            f"guid {guid!r} is not a URI",
            line=it.sourceline,
            item=guid,
            path=f"/{tag}/@guid",
            hint="use a URN or tag: URI, e.g. urn:newsml:example.com:20260101:abc",
        )
    # NG007 standardversion
    sv = it.get("standardversion")
    v = _version(sv) if sv is not None else None
    if v is not None and (v[0] != 2 or v > (2, 35)):
        sink.add(
            "NG007",
            f"standardversion {sv!r} is not a NewsML-G2 version this tool "
            "knows (2.0–2.35); validated against NewsML-G2 2.35",
            line=it.sourceline,
            item=guid,
        )
    meta = cmeta = cset = None
    for c in it:
        t = c.tag
        if t == _T_ITEMMETA:
            meta = c
        elif t == _T_CONTENTMETA:
            cmeta = c
        elif t == _T_CONTENTSET:
            cset = c
    item_class = None
    headlines: list[etree._Element] = []
    for parent in (meta, cmeta):
        if parent is None:
            continue
        for el in parent:
            t = el.tag
            if t not in _META_TAGS:
                continue
            if t in _DATE_SET:
                # NG003 time zones (itemMeta and contentMeta dates)
                val = (el.text or "").strip()
                if "T" in val and not _has_zone(val):
                    sink.add(
                        "NG003",
                        f"{t.rpartition('}')[2]} {val!r} has no time zone",
                        line=el.sourceline,
                        item=guid,
                        hint="append Z or an offset such as +01:00",
                    )
            elif t == _T_HEADLINE:
                headlines.append(el)
            elif t == _T_ITEMCLASS:
                item_class = el.get("qcode") or ""
            elif t == _T_PUBSTATUS:
                # NG006 pubStatus
                q = el.get("qcode") or ""
                if q.startswith("stat:") and q not in _PUB_STATUSES:
                    sink.add(
                        "NG006",
                        f"pubStatus {q!r} is not an IPTC publishing status",
                        line=el.sourceline,
                        item=guid,
                        hint="expected one of: " + ", ".join(_PUB_STATUSES),
                    )
    if itag == _T_NEWSITEM:
        _news_item_rules(it, cmeta, cset, headlines, item_class, sink, guid)
    if fast is None or not fast.qcodes_ok:
        _qcode_rule(it, sink, guid)


def _news_item_rules(
    it: etree._Element,
    cm: etree._Element | None,
    cs: etree._Element | None,
    headlines: list[etree._Element],
    q: str | None,
    sink: _Sink,
    guid: str | None,
) -> None:
    # NG004 headline
    if not headlines:
        sink.add(
            "NG004",
            "news item has no headline",
            item=guid,
            line=(cm.sourceline if cm is not None else it.sourceline),
        )
    for h in headlines:
        txt = _text(h) if sink.blankless is None or not len(h) else _full_text(h, sink)
        if not txt:
            sink.add("NG004", "headline is empty", line=h.sourceline, item=guid)
        elif len(txt) > 200:
            sink.add(
                "NG004",
                f"headline is {len(txt)} characters long (more than 200)",
                line=h.sourceline,
                item=guid,
            )
    # NG005 itemClass vs content
    if not q or not q.startswith("ninat:") or cs is None:
        return
    allowed = _CLASS_CONTENT.get(q[6:])
    if allowed is None:
        return
    for c in cs:
        if not isinstance(c.tag, str):
            continue
        ct = c.get("contenttype")
        major = _major(ct) if ct else None
        if major is not None and major not in allowed:
            sink.add(
                "NG005",
                f"itemClass {q} but {etree.QName(c).localname} has content type {ct!r}",
                line=c.sourceline,
                item=guid,
                hint=f"expected content of type {', '.join(sorted(allowed))}/*",
            )


def _qcode_rule(it: etree._Element, sink: _Sink, guid: str | None) -> None:
    declared: set[str] = set()
    unknown_catalog = False
    for ref in it.iter(f"{{{NAR_NS}}}catalogRef"):
        href = (ref.get("href") or "").strip()
        if IPTC_CATALOG_HREF.match(href):
            declared |= IPTC_CATALOG_ALIASES
        else:
            unknown_catalog = True
    if unknown_catalog:
        return  # a catalog we cannot read offline may declare anything
    for sch in it.iter(f"{{{NAR_NS}}}scheme"):
        a = sch.get("alias")
        if a:
            declared.add(a)
    reported: set[str] = set()
    for el in it.iter(f"{{{NAR_NS}}}*"):
        attrib = el.attrib
        if not attrib:
            continue
        for name in _QCODE_ATTRS:
            val = attrib.get(name)
            if not val or "://" in val:
                continue
            for q in val.split():
                prefix, sep, _ = q.partition(":")
                if sep and prefix not in declared and prefix not in reported:
                    reported.add(prefix)
                    sink.add(
                        "NG001",
                        f"QCode scheme alias {prefix!r} (in {name}={q!r}) is "
                        "not declared by any catalog of this item",
                        line=el.sourceline,
                        item=guid,
                        hint="declare the scheme in a <catalog> or reference a catalog "
                        "that declares it (catalogRef)",
                    )


# ------------------------------------------------------------------ NITF
def renamespace_nitf(root: etree._Element) -> etree._Element:
    """Put every no-namespace element of a parsed NITF tree into NITF's namespace, in
    place (the tree is ours, parsed from the input bytes; source lines are kept)."""
    for el in root.iter():
        tag = el.tag
        if isinstance(tag, str) and tag[0] != "{":
            el.tag = f"{{{NITF_NS}}}{tag}"
    return root


def validate_nitf(
    root: etree._Element, sink: _Sink, schema: str | None, rules: bool = True
) -> None:
    if root.tag == "nitf":
        sink.add(
            "NI001",
            f"NITF without namespace; validated as NITF 3.6 (namespace {NITF_NS} added in memory)",
            line=root.sourceline,
        )
        root = renamespace_nitf(root)
    if not _schema_check(root, schema or "nitf-3.6", sink):
        return
    if not rules:
        return
    hl = root.find(
        f"{{{NITF_NS}}}body/{{{NITF_NS}}}body.head/{{{NITF_NS}}}hedline/{{{NITF_NS}}}hl1"
    )
    if hl is None or not _text(hl):
        sink.add(
            "NI002",
            "NITF document has no headline (body/body.head/hedline/hl1)",
            line=root.sourceline,
        )
