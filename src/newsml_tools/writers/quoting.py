"""Split a paragraph around its quotations, the one place that decides which spans nest."""

from __future__ import annotations

from collections.abc import Iterator

from newsml_tools.model import Article, Quote


def quotes_by_paragraph(article: Article) -> dict[int, list[Quote]]:
    grouped: dict[int, list[Quote]] = {}
    for quote in article.quotes:
        grouped.setdefault(quote.paragraph, []).append(quote)
    return grouped


def segments(text: str, quotes: list[Quote]) -> Iterator[tuple[str, Quote | None]]:
    """Yield ``(plain text, None)`` and ``(quoted text, quote)`` pieces covering ``text``.

    Overlapping or out-of-range spans are skipped (their words stay plain text), so the
    pieces always join back to exactly ``text``.
    """
    cursor = 0
    for quote in sorted(quotes, key=lambda q: q.start):
        if quote.start < cursor or quote.end > len(text) or quote.start >= quote.end:
            continue
        if quote.start > cursor:
            yield text[cursor : quote.start], None
        yield text[quote.start : quote.end], quote
        cursor = quote.end
    if cursor < len(text):
        yield text[cursor:], None
