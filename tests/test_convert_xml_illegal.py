"""Characters XML cannot carry, in any field the reader fills (or in --provider / a
Source: header), are replaced with U+FFFD and reported as CV002: never a failed writer."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from newsml_tools.convert import ALL_FORMATS, ConvertOptions, convert_article, convert_text
from newsml_tools.reader import read_article

ARTICLE = """Source: Reuters
Date: 2024-06-03T10:00:00Z

Harbour board approves berth

By Jane Doe, Reuters

A crane lifts a container. (Photo: Max Muster/Reuters)

OSLO, June 3 (Reuters) - The board approved the berth on Monday.

“It is a fine day for the port,” said chair Kari Nordmann.

(Reporting by Jane Doe; Editing by Will Wu)
"""


# values the reader picks from a fixed vocabulary (or checks), not text of the input
NOT_TEXT = {"speaker_kind", "media_type", "rule", "reader", "source_name", "sha256", "role",
            "language"}


def _poison(obj: Any, mark: str) -> Any:
    """Every text string of the article (nested dataclasses, lists, dict values) with
    ``mark`` in it, lengths unchanged (quote offsets stay right): one character replaced."""
    if isinstance(obj, str):
        return obj[:-1] + mark if len(obj) > 1 else obj
    if isinstance(obj, list):
        return [_poison(x, mark) for x in obj]
    if isinstance(obj, dict):
        return {k: _poison(v, mark) for k, v in obj.items()}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.replace(obj, **{
            f.name: _poison(getattr(obj, f.name), mark)
            for f in dataclasses.fields(obj) if f.name not in NOT_TEXT})
    return obj


def test_article_fields_are_all_covered() -> None:
    article = read_article(ARTICLE)
    assert article.footer and article.bylines and article.media and article.dateline
    assert article.contributors and article.quotes and article.source
    for q in article.quotes:  # poisoning keeps quotes inside their paragraphs
        assert article.paragraphs[q.paragraph][q.start : q.end] == q.text


@pytest.mark.parametrize("mark", ["\x01", "\x1f", "\ufffe", "\ud800"])
def test_every_field_poisoned_still_converts(mark: str) -> None:
    article = _poison(read_article(ARTICLE), mark)
    article.quotes = [dataclasses.replace(q, text=article.paragraphs[q.paragraph][q.start:q.end])
                      for q in article.quotes]
    conv = convert_article(article, ConvertOptions(formats=ALL_FORMATS))
    rules = [f.rule for f in conv.findings]
    assert "CV003" not in rules, conv.findings
    assert "CV002" in rules
    assert sorted(conv.outputs) == sorted(ALL_FORMATS), conv.findings
    for data in conv.outputs.values():
        assert mark.encode("utf-8", "surrogatepass") not in data
        assert "\ufffd".encode() in data or b"\\ufffd" in data


def test_control_character_in_source_header_and_provider_option() -> None:
    conv = convert_text("Source: Reu\x01ters\nDate: 2024-06-03\n\nHeadline\n\nBody text.\n",
                        ConvertOptions(formats=ALL_FORMATS))
    assert sorted(conv.outputs) == sorted(ALL_FORMATS), conv.findings
    assert b'literal="Reu\xef\xbf\xbdters"' in conv.outputs["newsml-g2"]
    assert [f.rule for f in conv.findings].count("CV002") == 1
    conv = convert_text("Headline\n\nBody text.\n",
                        ConvertOptions(provider="Acme\x02News", date=None))
    assert conv.outputs, conv.findings
