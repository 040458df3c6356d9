"""Guess the article language from stopword frequencies (no model, no download)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to is that for it was on with as said he by at from his have are be "
        "this were has an not they which but been their who would will there after about into "
        "than when its also more said says",
        "de": "der die und das ist nicht den mit von sich des ein eine auf dem im für zu auch "
        "es wurde sagte bei nach wie aus werden hat sind einer nur noch über vor wegen seien sei "
        "am um zur zum bis man wir ich haben war waren kann soll mehr unter gegen durch dass "
        "vom beim ins einen einem eines diese dieser dieses schon sehr so",
        "fr": "le la les et des est une un du dans que pour qui pas sur au par il ce sont "
        "avec été aux mais ont cette leur selon elle ses nous vous ils sa son dont où plus "
        "était fait comme tout aussi",
        "es": "el la los las y de que en un una es por con para se del al lo su como más "
        "pero fue ha sus según está sobre también desde hay son entre cuando muy sin este esta "
        "ya porque",
        "it": "il la di che e è per un una del della con non sono nel alla le gli si da ha "
        "anche più dei delle questo stato sono nella sul dal alla come ma secondo",
        "nl": "de het een en van in is dat op te niet met voor zijn er aan ook bij door werd "
        "maar die naar heeft worden",
        "pt": "o a os as de que e do da em um uma para com não por no na dos se mais foi ao "
        "é pelo pela também das",
    }.items()
}
_TOKEN = re.compile(r"[^\W\d_]+")
_LANGS_OF: dict[str, list[str]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words:
        _LANGS_OF.setdefault(_w, []).append(_lang)
MIN_HITS = 5
MIN_SHARE = 0.08  # stopwords are ~40% of running text; 8% leaves room for names and numbers


# ASCII text splits on its non-letters at C speed (``bytes.translate``, ``split``) into the
# very words ``_TOKEN`` finds; the common non-ASCII punctuation is made a space first.
_ASCII_NON_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
_NON_LETTERS_TO_SPACE = bytes.maketrans(_ASCII_NON_LETTERS, b" " * len(_ASCII_NON_LETTERS))
_PUNCTUATION = "“”‘’—–…«»„\u00a0"  # never part of a ``_TOKEN`` word
# ASCII text holds no non-ASCII stopword ("für", "été"): the ASCII ones are all it can hit
_ASCII_LANGS_OF: dict[bytes, list[str]] = {
    w.encode("ascii"): langs for w, langs in _LANGS_OF.items() if w.isascii()
}


def ascii_words(low: str) -> list[bytes] | None:
    """``_TOKEN.findall(low)`` (encoded) when ``low`` is ASCII once its common punctuation
    is a space; None for other text (accented names, other scripts). Any case: the
    attribution cues use it on mixed-case text."""
    if not low.isascii():
        for mark in _PUNCTUATION:
            if mark in low:
                low = low.replace(mark, " ")
        if not low.isascii():
            return None
    return low.encode("ascii").translate(_NON_LETTERS_TO_SPACE).split()


def _scores(counts: Mapping[Any, int], langs_of: Mapping[Any, list[str]]) -> dict[str, int]:
    scores = dict.fromkeys(_STOPWORDS, 0)
    for w in counts.keys() & langs_of.keys():  # only the stopwords (integer sums: any order)
        n = counts[w]
        for lang in langs_of[w]:
            scores[lang] += n
    return scores


def detect_language(text: str) -> str | None:
    """Primary BCP 47 tag, or None when the text gives too little evidence."""
    low = text[:3000].lower()
    encoded = ascii_words(low)
    words: list[str] | list[bytes] = _TOKEN.findall(low) if encoded is None else encoded
    if len(words) < 8:
        return None
    langs_of: Mapping[Any, list[str]] = _LANGS_OF if encoded is None else _ASCII_LANGS_OF
    # only the stopwords are counted: the filter's look-ups cost less than counting
    # every word of the sample into a dict
    scores = _scores(Counter(filter(langs_of.__contains__, words)), langs_of)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < MIN_HITS or top < 1.25 * second or top < MIN_SHARE * len(words):
        return None
    return best
