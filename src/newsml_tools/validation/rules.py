"""The rule registry: every rule id a validation finding can carry.

``newsml rules`` lists these. A rule's severity here is the severity its findings carry.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsml_tools.findings import Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
XML_KINDS = ("newsml-g2", "nitf")
JSON_KINDS = ("ninjs", "jsonld", "html")
ALL_KINDS = ("newsml-g2", "nitf", "ninjs", "jsonld", "html")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    description: str
    kinds: tuple[str, ...]


_RULES = [
    # generic
    Rule(
        "parse",
        E,
        "input is not well-formed (XML/JSON syntax, encoding, empty or binary input)",
        ALL_KINDS,
    ),
    Rule(
        "kind", E, "the kind of the input could not be determined (pass kind= / --kind)", ALL_KINDS
    ),
    Rule("xsd", E, "XML Schema validation error (official IPTC XSD)", XML_KINDS),
    Rule(
        "json-schema",
        E,
        "JSON Schema validation error (official ninjs schema or our JSON-LD NewsArticle profile)",
        ("ninjs", "jsonld", "html"),
    ),
    Rule(
        "JS001",
        W,
        "no JSON object repeats a key (RFC 8259: parsers disagree on which value counts; "
        "the last one is validated)",
        JSON_KINDS,
    ),
    Rule(
        "JS002",
        E,
        "strings are valid Unicode: no lone surrogate escapes such as \\ud800 "
        "(RFC 8259 §8.2, I-JSON RFC 7493)",
        JSON_KINDS,
    ),
    # NewsML-G2
    Rule(
        "NG001",
        W,
        "every QCode scheme alias used is declared by a catalog or a known "
        "catalogRef (warning: the IPTC catalog's aliases are embedded, other remote "
        "catalogs cannot be read offline and disable the check)",
        ("newsml-g2",),
    ),
    Rule("NG002", W, "an item's guid is a URI (urn:, tag:, http(s): …)", ("newsml-g2",)),
    Rule(
        "NG003",
        E,
        "versionCreated / firstCreated / contentCreated / sent carry a time zone",
        ("newsml-g2",),
    ),
    Rule(
        "NG004",
        W,
        "a news item has a non-empty headline of reasonable length (≤ 200 characters)",
        ("newsml-g2",),
    ),
    Rule(
        "NG005",
        W,
        "itemClass matches the content (ninat:text with text, ninat:picture with images, …)",
        ("newsml-g2",),
    ),
    Rule(
        "NG006",
        W,
        "pubStatus uses the IPTC stat: scheme values usable, withheld or canceled",
        ("newsml-g2",),
    ),
    Rule(
        "NG007",
        W,
        "standardversion is a NewsML-G2 2.x version this tool knows (≤ 2.35)",
        ("newsml-g2",),
    ),
    Rule(
        "NG008",
        INFO,
        "schema selection note (e.g. a Core document newer than 2.24 is validated "
        "against 2.35 Power)",
        ("newsml-g2",),
    ),
    Rule(
        "NG009",
        INFO,
        "inline XHTML content is not schema-checked (no XHTML schema is vendored)",
        ("newsml-g2",),
    ),
    Rule("NG010", E, "item guids are unique within a newsMessage", ("newsml-g2",)),
    Rule("NG011", W, "a newsMessage carries at least one item", ("newsml-g2",)),
    # NITF
    Rule(
        "NI001",
        INFO,
        "NITF without namespace; validated as NITF 3.6 (re-namespaced in memory)",
        ("nitf", "newsml-g2"),
    ),
    Rule(
        "NI002", W, "an NITF document has a headline (body.head/hedline/hl1)", ("nitf", "newsml-g2")
    ),
    # ninjs
    Rule("NJ001", E, "ninjs item uri is unique within a feed", ("ninjs",)),
    Rule(
        "NJ002",
        INFO,
        "ninjs version could not be determined; validated against the latest schema (3.1), "
        "or, for an item in 1.x/2.x style (no camelCase names) that 3.1 rejects, the newest "
        "older version it is valid under (then a warning)",
        ("ninjs",),
    ),
    Rule(
        "NJ003",
        W,
        "ninjs version requested does not match the document's declared version",
        ("ninjs",),
    ),
    # JSON-LD
    Rule("LD001", W, "author / contributor names carry no leading 'By'", ("jsonld", "html")),
    Rule("LD002", E, "dates are ISO 8601 date-times with a time zone", ("jsonld", "html")),
    Rule(
        "LD003",
        INFO,
        "an image is recommended for a NewsArticle (Google Article guidance)",
        ("jsonld", "html"),
    ),
    Rule(
        "LD004",
        W,
        "headline is at most 110 characters (Google Article guidance)",
        ("jsonld", "html"),
    ),
    Rule(
        "LD005",
        E,
        "an HTML page carries at least one application/ld+json NewsArticle block",
        ("html",),
    ),
    Rule(
        "LD006",
        INFO,
        "a JSON-LD node of another @type is not checked against the NewsArticle profile",
        ("jsonld", "html"),
    ),
    # cross-format
    Rule(
        "XF001",
        E,
        "every NITF <q quote-source> speaker is the creator of a JSON-LD Quotation (hasPart)",
        ("newsml-g2", "nitf", "jsonld"),
    ),
    # conversion (raised by `newsml convert` / `batch` on the article being converted)
    Rule(
        "CV001",
        W,
        "no publication date known (no --date, Date: header or SOURCE_DATE_EPOCH): "
        "1970-01-01T00:00:00Z used",
        ("text",),
    ),
    Rule("CV002", W, "characters XML cannot carry were replaced by U+FFFD", ("text",)),
    Rule("CV003", E, "a writer failed on this article (internal error, please report)", ("text",)),
    Rule("CV004", E, "the article is empty (no text besides whitespace): nothing to convert",
         ("text",)),
    Rule("CV005", W, "a header-block value is not carried into the chosen outputs (no field "
         "for it there, or a value the field cannot hold)", ("text",)),
    # hostile input
    Rule(
        "SEC001",
        E,
        "DOCTYPE with entity declarations or an external DTD subset refused "
        "(XXE / entity expansion)",
        XML_KINDS,
    ),
    Rule("SEC002", E, "input larger than the size bound refused", ALL_KINDS),
    Rule("SEC003", E, "nesting too deep refused", ALL_KINDS),
]

RULES: dict[str, Rule] = {r.id: r for r in _RULES}
