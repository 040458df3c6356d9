"""newsml-tools: plain news text to IPTC NewsML-G2 / NITF and schema.org JSON-LD, validated.

The library API (the CLI is a thin layer over these):

- ``read_article(text) -> Article``           plain text to the model
- ``render(article, fmt, options) -> bytes``  the model to one format
- ``validate(data, kind=None) -> Report``     official schemas plus our rules
- ``convert_text(text, options) -> Conversion`` read, render, validate (nothing invalid kept)

Imports are lazy so that ``newsml validate one.xml`` starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "read_article": "newsml_tools.reader",
    "render": "newsml_tools.writers",
    "validate": "newsml_tools.validation",
    "convert_text": "newsml_tools.convert",
    "ConvertOptions": "newsml_tools.convert",
    "Conversion": "newsml_tools.convert",
    "Article": "newsml_tools.model",
    "Finding": "newsml_tools.findings",
    "Report": "newsml_tools.findings",
    "Severity": "newsml_tools.findings",
}

if TYPE_CHECKING:
    from newsml_tools.convert import Conversion, ConvertOptions, convert_text
    from newsml_tools.findings import Finding, Report, Severity
    from newsml_tools.model import Article
    from newsml_tools.reader import read_article
    from newsml_tools.validation import validate
    from newsml_tools.writers import render

__all__ = [
    "Article",
    "Conversion",
    "ConvertOptions",
    "Finding",
    "Report",
    "Severity",
    "convert_text",
    "read_article",
    "render",
    "validate",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsml_tools' has no attribute {name!r}")
