"""The one Article model in the middle: readers produce it, every format writes it.

Offsets are character offsets (Python ``str`` indices). ``Span`` offsets point into the
*source text* given to the reader, so ``newsml inspect`` can show where each field came
from; ``Quote.start``/``Quote.end`` point into the paragraph string that holds the quote,
so writers can wrap the exact characters without searching.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SpeakerKind = Literal["Person", "Organization"]
#: header-block keys that hold a byline as printed, in order of preference
BYLINE_HEADER_KEYS = ("byline", "by", "author", "authors", "writer")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open ``[start, end)`` range of characters in the source text."""

    start: int
    end: int


@dataclass(slots=True)
class Byline:
    """One person credited as an author. ``name`` is a person's name only (no "By")."""

    name: str
    affiliation: str | None = None  # e.g. "Associated Press"; kept apart from the name
    location: str | None = None  # "By Jane Doe in Kyiv" -> "Kyiv"
    span: Span | None = None


@dataclass(slots=True)
class Contributor:
    """A contributor from a footer such as ``Reporting by X; Editing by W``."""

    name: str
    role: str  # "reporting", "additional reporting", "writing", "editing", ...
    span: Span | None = None


@dataclass(slots=True)
class Dateline:
    """The dateline as printed (``PYONGYANG, June 19 (Reuters)``) and its parts."""

    text: str
    place: str | None = None
    date_text: str | None = None
    agency: str | None = None
    span: Span | None = None


@dataclass(slots=True)
class MediaItem:
    """A photo (or other media) with its caption and credit (credit without its label)."""

    caption: str
    credit: str | None = None
    media_type: str = "image"
    span: Span | None = None
    credit_span: Span | None = None


@dataclass(slots=True)
class Quote:
    """A direct quotation: ``paragraphs[paragraph][start:end] == text`` (marks excluded)."""

    text: str
    paragraph: int
    start: int
    end: int
    speaker: str | None = None
    speaker_kind: SpeakerKind | None = None
    partial: bool = False  # a fragment inside a sentence ("would further “strengthen” ...")
    speaker_span: Span | None = None  # where the speaker was named (source offsets)
    rule: str | None = None  # which attribution rule chose the speaker, for `inspect`


@dataclass(slots=True)
class Provenance:
    """Where the article came from, for debugging and reproducibility."""

    source_name: str | None = None
    sha256: str | None = None  # of the source text, UTF-8
    reader: str = "plain-text"
    spans: dict[str, Span] = field(default_factory=dict)  # field name -> source span


@dataclass(slots=True)
class Article:
    headline: str
    paragraphs: list[str] = field(default_factory=list)
    standfirst: str | None = None
    bylines: list[Byline] = field(default_factory=list)
    contributors: list[Contributor] = field(default_factory=list)
    dateline: Dateline | None = None
    media: list[MediaItem] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    language: str | None = None  # BCP 47 tag, e.g. "en", "de"
    date: str | None = None  # ISO 8601 with zone, from a header block (if any)
    source: str | None = None  # agency/source named by a header ("Source: Reuters")
    creditline: str | None = None  # e.g. "Reuters" from a dateline or header
    footer: str | None = None  # contributor footer(s) as printed, whitespace normalised
    headers: dict[str, str] = field(default_factory=dict)  # header-block keys, lower-case
    provenance: Provenance = field(default_factory=Provenance)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view of every field (used by ``newsml inspect``)."""
        return asdict(self)
