"""Standfirst (dek, summary) heuristic, deliberately conservative.

A block right under the headline (after any caption, date line) is a standfirst when it
is short (<= 60 words, at most two sentences), carries no dateline, and either
1. a byline follows it (``Headline / Standfirst / By X / body``), or
   (then up to three sentences are allowed), or
2. the next body block opens with a dateline (``Standfirst / LONDON (Reuters) - ...``), or
3. it has no closing sentence punctuation (a dek, not a lead paragraph),
and more body follows. An ordinary lead paragraph fails all three and stays in the body.
"""

from __future__ import annotations

import re

MAX_WORDS = 60
_SENTENCES = re.compile(r"[.!?][\"”’»“«]?\s+(?=[A-ZÀ-ÖØ-Þ“\"„«»])")


def is_short_summary(text: str, max_sentences: int = 2) -> bool:
    words = text.split()
    if not 3 <= len(words) <= MAX_WORDS:
        return False
    if text[:1] in '“"„«':  # a quote-led block is body copy
        return False
    return len(_SENTENCES.findall(text.strip())) < max_sentences


def is_standfirst(
    text: str, *, byline_follows: bool, dateline_follows: bool, more_body: bool
) -> bool:
    if not more_body:
        return False
    if byline_follows:  # "Headline / dek / By X": the dek may run to three sentences
        return is_short_summary(text, 3)
    if not is_short_summary(text):
        return False
    if dateline_follows:
        return True
    # a German „…“ or Swiss/French «…» quote closes a sentence too
    return not re.search(r"[.!?…:;\"”’»“«)]$", text.strip()) and len(text.split()) >= 5
