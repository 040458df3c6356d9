"""The labelled development set (tests/data/devset/) is well-formed.

These tests check the *labels*, never the reader: every article has a label file in the
documented format, and every gold string can be found in the article it labels. How well
the pipeline does on the set is measured by ``benchmarks/eval_extraction.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

DEVSET = Path(__file__).parent / "data" / "devset"
GROUPS = ("wire", "feature", "real")
MINIMUM = {"wire": 30, "feature": 12, "real": 12}

TOP_KEYS = {"headline", "authors", "dateline", "credits", "language", "quotes"}
QUOTE_KEYS = {"text", "speaker"}
QUOTE_FLAGS = {"optional", "speaker_optional"}

# Marks a quotation may open or close with (English, German, French, Spanish styles).
OPENING = set("“\"„»«‘'‚‹›")
CLOSING = set("”\"“«»’'‘‹›")
PADDING = " \u00a0\u202f\u2009"  # spaces French typesetting puts inside « »

LANG_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _articles() -> list[Path]:
    return sorted(DEVSET.glob("*/*.txt"))


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def _fold(s: str) -> str:
    """Case-, whitespace- and apostrophe-insensitive form for names and headers."""
    s = s.replace("’", "'").replace("‘", "'")
    return " ".join(s.split()).casefold()


ARTICLES = _articles()


def test_devset_layout() -> None:
    assert (DEVSET / "README.md").is_file()
    assert (DEVSET / "real" / "SOURCES.md").is_file()
    for group in GROUPS:
        n = len(list((DEVSET / group).glob("*.txt")))
        assert n >= MINIMUM[group], f"{group}: {n} articles, want at least {MINIMUM[group]}"
    folders = (*GROUPS, "devset")
    stray = [p for p in DEVSET.rglob("*") if p.is_file() and p.parent.name not in folders]
    assert not stray, f"files outside the group folders: {stray}"


def test_every_label_has_an_article() -> None:
    orphans = [p for p in DEVSET.glob("*/*.json") if not p.with_suffix(".txt").is_file()]
    assert not orphans


@pytest.mark.parametrize("path", ARTICLES, ids=_id)
def test_article_is_labelled(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    label_path = path.with_suffix(".json")
    assert label_path.is_file(), f"missing {label_path.name}"
    gold = json.loads(label_path.read_text(encoding="utf-8"))
    assert text.strip(), "empty article"
    assert "\r" not in text, "use LF line endings"

    # -- the format
    assert set(gold) == TOP_KEYS, f"keys: {sorted(gold)}"
    assert isinstance(gold["headline"], str) and gold["headline"].strip()
    assert isinstance(gold["authors"], list)
    assert all(isinstance(a, str) and a.strip() for a in gold["authors"])
    assert gold["dateline"] is None or (isinstance(gold["dateline"], str) and gold["dateline"])
    assert isinstance(gold["credits"], list)
    assert all(isinstance(c, str) and c.strip() for c in gold["credits"])
    assert isinstance(gold["language"], str) and LANG_TAG.match(gold["language"])
    assert isinstance(gold["quotes"], list)
    for q in gold["quotes"]:
        assert isinstance(q, dict)
        assert QUOTE_KEYS <= set(q) <= QUOTE_KEYS | QUOTE_FLAGS, f"quote keys: {sorted(q)}"
        assert isinstance(q["text"], str) and q["text"] == q["text"].strip(PADDING) and q["text"]
        assert q["speaker"] is None or (isinstance(q["speaker"], str) and q["speaker"].strip())
        for flag in QUOTE_FLAGS & set(q):
            assert q[flag] is True, f"{flag} is either true or left out"
        if q.get("speaker_optional"):
            assert q["speaker"] is not None, "speaker_optional needs a speaker to be optional"

    # -- gold strings occur in the text
    folded = _fold(text)
    assert _fold(gold["headline"]) in folded, "headline not in text"
    for name in gold["authors"]:
        assert _fold(name) in folded, f"author {name!r} not in text"
    if gold["dateline"] is not None:
        assert _fold(gold["dateline"]) in folded, "dateline not in text"
    for credit in gold["credits"]:
        n = folded.count(_fold(credit))
        assert n >= gold["credits"].count(credit), f"credit {credit!r} not in text that often"
    for q in gold["quotes"]:
        if q["speaker"] is not None:
            speaker = _fold(q["speaker"])
            speaker = speaker[4:] if speaker.startswith("the ") else speaker
            assert speaker in folded, f"speaker {q['speaker']!r} not in text"

    # -- quotations: verbatim, between marks, in reading order (of their opening marks;
    #    a quote nested inside another comes right after it)
    pos = 0
    for q in gold["quotes"]:
        found = _find_quoted(text, q["text"], pos)
        assert found is not None, f"not found between marks after offset {pos}: {q['text']!r}"
        pos = found + 1


def _find_quoted(text: str, quote: str, start: int) -> int | None:
    """Offset of the first occurrence of ``quote`` at/after ``start`` that opens
    right after a quotation mark (French padding allowed) and ends at a closing mark or at
    the end of its paragraph (a multi-paragraph quote). None if there is none."""
    i = text.find(quote, start)
    while i != -1:
        j = i
        while j > 0 and text[j - 1] in PADDING:
            j -= 1
        opens = j > 0 and text[j - 1] in OPENING
        k = i + len(quote)
        while k < len(text) and text[k] in PADDING:
            k += 1
        closes = k == len(text) or text[k] in CLOSING or text[k] == "\n"
        if opens and closes:
            return i
        i = text.find(quote, i + 1)
    return None


def test_real_articles_are_credited() -> None:
    sources = (DEVSET / "real" / "SOURCES.md").read_text(encoding="utf-8")
    assert "CC BY 2.5" in sources and "Wikinews" in sources
    for path in sorted((DEVSET / "real").glob("*.txt")):
        assert f"`{path.stem}`" in sources, f"{path.name} not credited in SOURCES.md"
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        assert gold["authors"] == [] and gold["dateline"] is None


def test_devset_covers_the_conventions() -> None:
    """A few conventions the set promises to exercise (a guard against trimming it)."""
    texts = {p: p.read_text(encoding="utf-8") for p in ARTICLES}
    blob = "\n".join(texts.values())
    for needle in ("„", "»", "« ", "(AP Photo/", "REUTERS/", "(Reuters) -", "(AP) —",
                   "(AFP) -", "(dpa) -", "(UPI) --", "Photo: ", "Image: ", "Credit: ",
                   "via Getty Images", "Picture: AAP Image/", "Reporting by"):
        assert needle in blob, f"no article has {needle!r}"
    assert any(t.startswith("---\n") for t in texts.values()), "no YAML front matter"
    assert any(re.match(r"(?m)^Headline: ", t) for t in texts.values()), "no header block"
    labels = [json.loads(p.with_suffix(".json").read_text(encoding="utf-8")) for p in ARTICLES]
    assert {lab["language"] for lab in labels} >= {"en", "de", "fr", "es"}
    assert any(q.get("optional") for lab in labels for q in lab["quotes"])
    assert any(q.get("speaker_optional") for lab in labels for q in lab["quotes"])
