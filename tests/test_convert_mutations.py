"""Seeded mutations of real copy (dev-set paragraphs with quote marks, cues, names,
datelines, credits and odd whitespace spliced in) through the whole converter: it never
raises, every format is produced and valid, and no text of a paragraph is lost.

A larger run of a similar generator (55,000 articles built from the benchmark corpus) found
the reader crash fixed in ``attribution._resolve``; this keeps 240 of its kind in the
suite, with the dev set as the source of paragraphs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newsml_tools.convert import ConvertOptions, convert_text
from newsml_tools.writers import FORMATS
from test_reader_properties import _chars, _kept_text

DEVSET = Path(__file__).parent / "data" / "devset"
PARAGRAPHS = [p for f in sorted(DEVSET.glob("**/*.txt"))
              for p in f.read_text("utf-8").split("\n\n") if p.strip()]
SPLICE = ["“", "”", '"', "'", "‘", "’", "«", "»", "„", " said ", " told ", " according to ",
          ", he said", ", she added.", " Mr. ", " —", " – ", " (Reuters) - ", "By ", "\n",
          "  ", "é", "ß", " Ministry", " it said", " von ", " spokesman ", " KCNA ", " his ",
          " which ", " its ", " in a statement", "PHOTO: ", " (AP Photo/Evan Vucci)",
          "\n\nBy Jane Doe\n\n", "WASHINGTON (AP) — ", ":", ";", "(", ")", "O ", "adviser, ",
          " sagte ", " a déclaré ", " dijo ", "\u2028", "\xa0", "\t", "\x01"]


def _article(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randrange(2, 9)):
        p = rng.choice(PARAGRAPHS)
        for _ in range(rng.randrange(0, 7)):
            i = rng.randrange(len(p) + 1)
            p = p[:i] + rng.choice(SPLICE) + p[i:]
        out.append(p.upper() if rng.random() < 0.05 else p)
    return "\n\n".join(out) + "\n"


@pytest.mark.parametrize("seed", range(4))
def test_mutated_copy_converts_to_every_format(seed: int) -> None:
    rng = random.Random(seed)
    options = ConvertOptions(formats=tuple(FORMATS))
    for n in range(60):
        text = _article(rng)
        conv = convert_text(text, options, source_name=f"{seed}-{n}.txt")
        errors = [f for f in conv.findings if f.severity.value == "error"]
        if "\x01" in text:  # XML cannot carry it: replaced and reported (CV002), not lost
            errors = [f for f in errors if f.rule != "CV002"]
        assert not errors, (text, errors)
        assert set(conv.outputs) == set(FORMATS)
        kept, labels = _kept_text(conv.article, text)
        missing = _chars(text) - _chars(kept) - _chars("".join(labels))
        assert not missing, (text, dict(missing))
        for quote in conv.article.quotes:
            assert conv.article.paragraphs[quote.paragraph][quote.start:quote.end] == quote.text
