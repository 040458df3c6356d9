"""Plain-text reader: ``read_article(text) -> Article``.

Recognises header blocks / YAML front matter, headline, standfirst, bylines, date lines,
datelines, photo captions and credits, contributor footers, and quotations with their
speakers. Pure ``re``; see the module of each convention for its rules.
"""

from __future__ import annotations

from newsml_tools.model import Article
from newsml_tools.reader.article import read_text


def read_article(text: str, *, source_name: str | None = None) -> Article:
    """Read plain article text into an ``Article``. Never raises on any ``str``."""
    return read_text(text if isinstance(text, str) else str(text), source_name)


__all__ = ["read_article"]
