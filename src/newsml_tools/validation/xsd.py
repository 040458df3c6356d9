"""Compiled XML Schemas, built lazily once per process (per thread for parsers).

Loading never touches the network: every ``xs:import``/``xs:include`` goes through a
resolver that maps ``xml.xsd`` to one vendored copy and refuses anything that is not a
local file under ``schemas/``.
"""

from __future__ import annotations

import threading
from pathlib import Path

from lxml import etree

from newsml_tools.resources import schema_path, schemas_dir

NAR_NS = "http://iptc.org/std/nar/2006-10-01/"
NITF_NS = "http://iptc.org/std/NITF/2006-10-18/"
XHTML_NS = "http://www.w3.org/1999/xhtml"

# schema keys -> vendored file (relative to schemas/)
SCHEMA_FILES: dict[str, tuple[str, ...]] = {
    # NewsML-G2 2.35 Power + NITF 3.6 (+ ODRL 2.2 for strict rightsExpressionXML)
    "newsml-g2-2.35-power": ("wrappers", "newsml-g2-2.35-power+nitf-3.6.xsd"),
    "newsml-g2-2.24-core": ("wrappers", "newsml-g2-2.24-core+nitf-3.6.xsd"),
    "nitf-3.6": ("nitf", "3.6", "nitf-3-6.xsd"),
    # the plain official schemas, not composed (for comparisons and schema= overrides)
    "newsml-g2-2.35-power-plain": ("newsml-g2", "2.35", "NewsML-G2_2.35-spec-All-Power.xsd"),
    "newsml-g2-2.24-core-plain": ("newsml-g2", "2.24-core", "NewsML-G2_2.24-spec-All-Core.xsd"),
}
SCHEMA_ALIASES = {
    "power": "newsml-g2-2.35-power",
    "2.35": "newsml-g2-2.35-power",
    "newsml-g2": "newsml-g2-2.35-power",
    "core": "newsml-g2-2.24-core",
    "2.24-core": "newsml-g2-2.24-core",
    "nitf": "nitf-3.6",
}

_lock = threading.Lock()
_schemas: dict[str, etree.XMLSchema] = {}


class SchemaLoadError(Exception):
    """A schema could not be compiled (broken vendored file or user schema)."""


class _LocalOnlyResolver(etree.Resolver):
    def __init__(self, xml_xsd: str, allowed_root: Path | None) -> None:
        super().__init__()
        self._xml_xsd = xml_xsd
        self._root = allowed_root

    def resolve(self, url, pubid, context):  # type: ignore[override]
        if url is None:
            return None
        low = url.lower()
        if low.endswith("/xml.xsd") or low == "xml.xsd" or low.endswith("\\xml.xsd"):
            return self.resolve_filename(self._xml_xsd, context)
        if "://" in low and not low.startswith("file://"):
            raise SchemaLoadError(f"schema import of a remote location refused: {url}")
        return None  # local file: let libxml2 load it (no_network parser)


def _schema_parser(allowed_root: Path | None) -> etree.XMLParser:
    parser = etree.XMLParser(**SAFE_PARSER_OPTIONS)  # a --schema file is untrusted too
    xml_xsd = str(schema_path("newsml-g2", "2.35", "xml.xsd"))
    parser.resolvers.add(_LocalOnlyResolver(xml_xsd, allowed_root))
    return parser


def compile_schema_file(path: str | Path) -> etree.XMLSchema:
    path = Path(path)
    try:
        doc = etree.parse(str(path), _schema_parser(path.parent))
        return etree.XMLSchema(doc)
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError) as exc:
        raise SchemaLoadError(f"cannot load XML Schema {path}: {exc}") from exc


def resolve_schema_key(schema: str) -> str | None:
    key = SCHEMA_ALIASES.get(schema, schema)
    return key if key in SCHEMA_FILES else None


def get_schema(key_or_path: str) -> etree.XMLSchema:
    """A compiled schema by key (see SCHEMA_FILES / SCHEMA_ALIASES) or by file path."""
    key = resolve_schema_key(key_or_path)
    cache_key = key or str(Path(key_or_path).resolve())
    schema = _schemas.get(cache_key)
    if schema is not None:
        return schema
    with _lock:
        schema = _schemas.get(cache_key)
        if schema is None:
            path = schema_path(*SCHEMA_FILES[key]) if key else Path(key_or_path)
            schema = compile_schema_file(path)
            _schemas[cache_key] = schema
    return schema


def vendored_dir() -> Path:
    return schemas_dir()


# --- the parser for untrusted documents (one per thread: lxml parsers are not shareable)
_tls = threading.local()


# What makes a parser safe for hostile input, stated once for every parser we build:
# no entity expansion, no network, no DTD loading or validation, libxml2's size limits.
SAFE_PARSER_OPTIONS: dict[str, bool] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "collect_ids": False,
}


def safe_parser() -> etree.XMLParser:
    parser = getattr(_tls, "parser", None)
    if parser is None:
        parser = etree.XMLParser(remove_blank_text=False, **SAFE_PARSER_OPTIONS)
        _tls.parser = parser
    return parser


# lxml 6 with a schema attached *and* resolve_entities=False loses well-formedness errors:
# a truncated document or a bare "&" parsed through ``feed`` came back as a valid tree
# (tests/test_validation_wellformed.py). So this parser leaves resolve_entities at lxml's
# default ("internal": internal entities substituted, external ones never read) -- and
# with a schema attached, substituting an internal entity crashes libxml2 (segfault).
# Both are harmless only because ``parse_xml`` gives this parser nothing but documents
# whose bytes prove there is no DOCTYPE (ASCII-compatible encoding, no "<!DOCTYPE"):
# without one no entity can be declared, only the predefined ones and character
# references exist. Everything else goes through ``safe_parser()``.
VALIDATING_PARSER_OPTIONS = {k: v for k, v in SAFE_PARSER_OPTIONS.items()
                             if k != "resolve_entities"}


def validating_parser(key: str, blankless: bool = False) -> etree.XMLParser:
    """A safe parser that validates against schema ``key`` while parsing (one pass).

    A document it rejects is parsed again with ``safe_parser()`` and validated apart, so
    the error log has paths; valid documents (the common case) pay for one pass only.
    Only for documents proven to have no DOCTYPE (see VALIDATING_PARSER_OPTIONS).

    ``blankless``: also drop whitespace-only text between elements (libxml2's
    remove_blank_text, ~10% cheaper). Only for input without comments and processing
    instructions: there the dropped whitespace cannot change validity (it sits in
    element-only or mixed content, or next to a child element, which a simple or empty
    type rejects anyway).
    """
    parsers = getattr(_tls, "validating", None)
    if parsers is None:
        parsers = _tls.validating = {}
    parser = parsers.get((key, blankless))
    if parser is None:
        parser = etree.XMLParser(
            remove_blank_text=blankless, schema=get_schema(key), **VALIDATING_PARSER_OPTIONS
        )
        parsers[(key, blankless)] = parser
    return parser
