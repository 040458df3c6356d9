"""Plain-text reader: ``read_article(text) -> Article``.

Recognises header blocks / YAML front matter, headline, standfirst, bylines, date lines,
datelines, photo captions and credits, contributor footers, and quotations with their
speakers; detects the language. Pure ``re``; each convention lives in its own module
(``header``, ``byline``, ``dateline``, ``caption``, ``footer``, ``standfirst``, ``quotes``,
``attribution`` with ``cues`` and ``speakers``, ``language``, ``dates``).

Nothing is dropped: text that is not a field of its own is kept in ``Article.headers``:
``byline`` (the byline as printed), ``date-line`` (``Friday, August 21, 2015``),
``headline-line`` / ``standfirst-line``
(a repeat of a header value), ``key#2`` (a repeated header key). Removed syntax (colons,
parentheses, dashes, credit labels) is listed as ``label[i]`` spans in
``Article.provenance.spans`` next to the spans of every field. The contributor footer as
printed is ``Article.footer``.
"""

from __future__ import annotations

from newsml_tools.model import Article
from newsml_tools.reader.article import read_text


def read_article(text: str, *, source_name: str | None = None) -> Article:
    """Read plain article text into an ``Article``. Never raises on any ``str``."""
    return read_text(text if isinstance(text, str) else str(text), source_name)


__all__ = ["read_article"]
