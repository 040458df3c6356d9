"""Properties of read_article on arbitrary and news-like text: it never raises, loses no
text, keeps quote offsets exact, and is deterministic."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsml_tools.model import Article
from newsml_tools.reader import read_article
from newsml_tools.reader.blocks import INVISIBLE

# Syntax the reader may drop: punctuation (parentheses, dashes, colons, fences, quote
# marks around YAML values) and caption/credit labels. Anything else must survive.
_LABEL = re.compile(
    r"[\W_]*|[\W_]*(?:photo(?:graph)?s?|image|picture|credit|photo credit|image credit|foto|fotos"
    r"|bild|illustration|photo illustration|video|graphic|crédit photo|crédit|caption"
    r"|photo caption|image caption|picture caption|bildunterschrift|légende"
    r"|(?:photo(?:graph)?|picture) by|foto von|photo de)\s*:?[\W_]*",
    re.I,
)

SNIPPETS = [
    "Headline: Big news today", "Byline: JANE DOE, Associated Press", "Date: 2024-06-19T08:30:00Z",
    "Source: Reuters", "Language: de", "X-Custom: kept value", "---", "title: 'Quoted'",
    "tags:", "- one", "By Jane Doe and John Roe", "By SEAN O'NEIL in Kyiv", "By Jane Doe | Reuters",
    "Reuters", "Friday, August 21, 2015", "PYONGYANG, June 19 (Reuters) - ", "WASHINGTON (AP) — ",
    "June 19 (UPI) -- ", "Madrid, 5 sep (EFE).- ", "(AP Photo/Evan Vucci)",
    "REUTERS/Kevin Lamarque",
    "Photo: Getty Images", "Image: NASA.", "Caption: A crowd", "[Image: A crowd (AP Photo/X)]",
    "AFP via Getty Images", "(Reporting by X Y; Additional reporting by Z in Kyiv; Editing by W)",
    "Associated Press writer Ann Poe contributed to this report.",
    "“Quote one,” said Jane Doe.", "“Open never closed", "”", "“", '"', "„Zitat“, sagte er.",
    "« Citation », a déclaré Marie.", "»Zitat«", "‘British,’ she said.", "He added that “x”.",
    "according to the Defence Ministry", "Mr. Chen said: \"Yes.\"", "\x00\x01\x7f", "\u2028",
    "\xa0", "\t", "Kim Jong Un", "The Kremlin confirmed a “deal”.", "Photo by Ann Lee/UPI",
]  # fmt: skip

_piece = st.one_of(
    st.sampled_from(SNIPPETS),
    st.text(max_size=40),
    st.text(alphabet="abcXYZ “”\"'‘’„«» ()-—:.,\n", max_size=30),
)
_sep = st.sampled_from(["", " ", "\n", "\n\n", "\n \n", "\r\n\r\n", "\n\n\n"])
news_like = st.lists(st.tuples(_piece, _sep), max_size=25).map(
    lambda parts: "".join(a + b for a, b in parts)
)
texts = st.one_of(st.text(max_size=300), news_like)


def _chars(s: str) -> Counter[str]:
    # invisible format characters (BOM, zero-width space, word joiner) are layout, not
    # text: a line of them is blank, and they are trimmed from line ends like spaces
    return Counter(c for c in s.casefold() if not c.isspace() and c not in INVISIBLE)


def _kept_text(art: Article, source: str) -> tuple[str, list[str]]:
    parts: list[str] = [art.headline, art.standfirst or "", art.footer or ""]
    for b in art.bylines:
        parts += [b.name, b.affiliation or "", b.location or ""]
    for c in art.contributors:
        parts += [c.name, c.role]
    if art.dateline:
        parts.append(art.dateline.text)
    for m in art.media:
        parts += [m.caption, m.credit or ""]
    for k, v in art.headers.items():
        parts += [k, v]
    parts += art.paragraphs
    labels = [
        source[sp.start : sp.end]
        for key, sp in art.provenance.spans.items()
        if key.startswith("label[")
    ]
    return " ".join(parts), labels


def _check_no_text_lost(text: str) -> None:
    art = read_article(text)
    kept, labels = _kept_text(art, text)
    for lab in labels:
        assert _LABEL.fullmatch(lab.strip()), f"removed text is not syntax: {lab!r}"
    missing = _chars(text) - _chars(kept) - _chars("".join(labels))
    assert not missing, f"lost characters: {dict(missing)}"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_never_raises_and_loses_no_text(text: str) -> None:
    _check_no_text_lost(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_quote_offsets_spans_and_determinism(text: str) -> None:
    art = read_article(text, source_name="x.txt")
    for q in art.quotes:
        assert art.paragraphs[q.paragraph][q.start : q.end] == q.text
        assert q.text and not q.text[0].isspace() and not q.text[-1].isspace()
    keys = [(q.paragraph, q.start) for q in art.quotes]
    assert keys == sorted(keys), "quotes out of reading order"
    for sp in art.provenance.spans.values():
        assert 0 <= sp.start <= sp.end <= len(text)
    assert art.provenance.source_name == "x.txt"
    assert read_article(text, source_name="x.txt") == art


def test_property_can_fail() -> None:
    """The no-text-lost check is not vacuous: a reader that drops a word is caught."""
    text = "Headline\n\nBody with words."
    art = read_article(text)
    art.paragraphs = ["Body with"]
    kept, labels = _kept_text(art, text)
    missing = _chars(text) - _chars(kept) - _chars("".join(labels))
    assert missing == _chars("words.")


def test_pathological_inputs() -> None:
    for text in [
        "",
        " ",
        "\n\n\n",
        "\x00",
        "“",
        "”" * 50,
        '"' * 101,
        "«",
        "x" * 200_000,
        ("“" + "word " * 2000) * 3,
        "\n".join(["By"] * 50),
        "---\n---",
        "---\n",
    ]:
        _check_no_text_lost(text)


def test_a_cue_that_names_no_one_leaves_the_quote_unattributed() -> None:
    # found by differential fuzzing: "according to adviser, O lu …" resolved to an empty
    # name and raised IndexError inside attribution
    art = read_article("“comprehensive treaty” according to adviser, O lu Adebayo.\n")
    assert [(q.text, q.speaker) for q in art.quotes] == [("comprehensive treaty", None)]
