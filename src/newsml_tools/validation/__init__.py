"""Validation core: safe parsing, kind detection, official schemas, rules beyond them.

Public API (others depend on these names)::

    validate(data, kind=None, *, filename="<data>", schema=None, ninjs_version=None,
             max_bytes=DEFAULT_MAX_BYTES, rules=True) -> Report
    validate_file(path, *, kind=None, schema=None, ninjs_version=None,
                  max_bytes=DEFAULT_MAX_BYTES, rules=True) -> FileResult
    validate_data(data, kind=None, *, filename=..., ...) -> FileResult   # one input

``rules=False`` runs only parsing, the hostile-input guards and the schemas (what
``xmllint --schema`` does), skipping the NG/NI/NJ/LD rules.
    detect_kind(data, filename=None) -> "newsml-g2" | "nitf" | "ninjs" | "jsonld" | "html" | None
    RULES: dict[str, Rule]; Rule(id, severity, description, kinds)
    read_limited(stream, max_bytes) -> bytes   # bounded read for stdin (raises TooLarge)
    check_quotes(markup, jsonld, *, filename) -> list[Finding]   # cross-format rule XF001

Importing this package compiles nothing: schemas are compiled on first use and cached
per process.
"""

from __future__ import annotations

from newsml_tools.validation.core import validate, validate_data, validate_file
from newsml_tools.validation.crossformat import check_quotes
from newsml_tools.validation.detect import KINDS, detect_kind
from newsml_tools.validation.rules import RULES, Rule
from newsml_tools.validation.safety import (
    DEFAULT_MAX_BYTES,
    MAX_JSON_DEPTH,
    TooLarge,
    read_file_limited,
    read_limited,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "KINDS",
    "MAX_JSON_DEPTH",
    "RULES",
    "Rule",
    "TooLarge",
    "check_quotes",
    "detect_kind",
    "read_file_limited",
    "read_limited",
    "validate",
    "validate_data",
    "validate_file",
]
