"""What every writer needs beyond the Article: identity, time, provider, language."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone

from newsml_tools.model import BYLINE_HEADER_KEYS, Article

DEFAULT_PROVIDER = "newsml-tools"
UNDETERMINED_LANGUAGE = "und"  # BCP 47 for "undetermined": honest when detection fails
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

# Characters XML 1.0 cannot carry at all; they are replaced (and reported) by the writers.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class ItemMeta:
    """Item metadata a header block gives (``URL:``, ``Copyright:``, ``Slug:``,
    ``Keywords:``, ``Section:``, ``Urgency:``, ``Updated:``), for the fields each format
    has for it."""

    url: str | None = None
    copyright: str | None = None
    slug: str | None = None
    keywords: tuple[str, ...] = ()
    section: str | None = None
    urgency: int | None = None  # 1 (most urgent) to 9, as NewsML-G2 and ninjs define it
    modified: datetime | None = None  # this version's time; ``date`` is the first's


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Resolved rendering options: every field is concrete, nothing is read from the clock."""

    guid: str
    date: datetime  # time-zone aware
    provider: str
    language: str
    version: int = 1
    meta: ItemMeta = ItemMeta()

    @property
    def version_date(self) -> datetime:
        """When this version was created: the ``Updated:`` time, else the first's."""
        return self.meta.modified or self.date


@dataclass(frozen=True, slots=True)
class Party:
    """The provider as each format names a party: a QCode (``nprov:AFP``), a URI
    (``https://afp.com``) or a plain name (``Acme News``)."""

    name: str | None = None
    qcode: str | None = None
    uri: str | None = None


URI_PREFIXES = ("urn:", "tag:", "mailto:")  # URIs without "//"


def provider_party(provider: str) -> Party:
    """A URI, a QCode of a scheme the IPTC catalog declares, else a name: a ``Source:
    Reuters:London`` header is a name, not the QCode of an undeclared scheme."""
    from newsml_tools.validation.iptc_catalog import IPTC_CATALOG_ALIASES

    if "://" in provider or provider.lower().startswith(URI_PREFIXES):
        host = provider.split("://", 1)[1].split("/", 1)[0] if "://" in provider else ""
        return Party(name=host or provider, uri=provider)
    alias, colon, code = provider.partition(":")
    if colon and code and " " not in provider and alias in IPTC_CATALOG_ALIASES:
        return Party(name=code, qcode=provider)  # a QCode: its code is the short name
    return Party(name=provider)


def known_provider(options: RenderOptions) -> Party | None:
    """The provider, or None when nobody said who it is (no --provider, no Source:
    header): the tool that converted the text is not the story's publisher."""
    return None if options.provider == DEFAULT_PROVIDER else provider_party(options.provider)


def iso(dt: datetime) -> str:
    """ISO 8601 with an explicit zone; UTC written as ``Z``."""
    text = dt.isoformat(timespec="seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def content_fingerprint(article: Article) -> str:
    """A hash of everything the story prints (headline, standfirst, byline, dateline,
    captions and credits, paragraphs, footer), stable across line endings and
    whitespace: two items that differ in any of it never share a GUID."""
    a = article
    parts = [a.headline, a.standfirst or "", *printed_bylines(a),
             *(b.name for b in a.bylines), a.dateline.text if a.dateline else "",
             *(f"{m.caption}\x1f{m.credit or ''}" for m in a.media), *a.paragraphs,
             a.footer or ""]
    text = unicodedata.normalize("NFC", "\x1e".join(" ".join(p.split()) for p in parts))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def derive_guid(provider: str, article: Article, date: datetime | None = None) -> str:
    """A deterministic ``urn:newsml:`` GUID from the provider, the publication date and
    the content: the same holiday notice published in May and in September is two items.
    A newsroom that keeps one GUID across corrections gives it (``--guid``, ``GUID:``)."""
    token = re.sub(r"[^A-Za-z0-9.\-]+", "-", provider).strip("-").lower() or "provider"
    when = iso(date) if date is not None else ""
    digest = hashlib.sha256(
        f"{provider}\n{when}\n{content_fingerprint(article)}".encode("utf-8", "surrogatepass")
    ).hexdigest()
    day = f"{date.astimezone(timezone.utc):%Y%m%d}:" if date is not None else ""
    return f"urn:newsml:{token}:{day}{digest[:24]}"


def printed_bylines(article: Article) -> list[str]:
    """The bylines as printed ("Von Anna Schmidt und Peter Braun", "By Megan Kowalski,
    Staff Writer", "By Jane Doe in Kyiv"), each once, in reading order: what the
    statement-of-authorship fields carry, in the article's own language, with titles and
    places the name parse leaves out. ``Author:`` and a "By" line are two of them."""
    out: list[str] = []
    seen: set[str] = set()
    for key, value in article.headers.items():
        if not value or key.split("#", 1)[0] not in BYLINE_HEADER_KEYS:
            continue
        same = byline_key(value)  # "Byline: Jane Doe" and "By JANE DOE" print one byline
        if same not in seen:
            seen.add(same)
            out.append(value)
    return out


def byline_key(printed: str) -> str:
    """What tells two printed bylines apart: not case, spacing or the "By" word."""
    return " ".join(without_by(printed).split()).casefold()


def unnamed_byline(article: Article) -> str | None:
    """The byline as printed when it names nobody the reader could take as a person
    ("By Reuters Staff", "By The Associated Press"): written as text, never dropped."""
    printed = printed_bylines(article)
    return None if article.bylines or not printed else "; ".join(printed)


# The word that introduces a byline, in the languages the reader knows ("By", "Von", …)
_BY_WORD = re.compile(
    r"(?:(?:story|written|words|text|reporting|reported)\s+by|by|von|par|por|door|di|af|av)"
    r"\s*:?\s+|(?:texto|texte|text)\s*:\s*",
    re.I,
)


def without_by(byline: str) -> str:
    """``"By The Associated Press"`` -> ``"The Associated Press"`` (an author's name
    carries no "By": Google's Article guidance)."""
    m = _BY_WORD.match(byline)
    return byline[m.end():] if m and m.end() < len(byline) else byline


def xml_safe(text: str) -> str:
    return XML_ILLEGAL.sub("\ufffd", text)
