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


# Text splits on its ASCII non-letters at C speed (``bytes.translate``, ``split``) into the
# very words ``_TOKEN`` finds (UTF-8 encoded) when every non-ASCII character in it is a
# letter; the common non-ASCII punctuation is made a space first.
_ASCII_NON_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
_NON_LETTERS_TO_SPACE = bytes.maketrans(_ASCII_NON_LETTERS, b" " * len(_ASCII_NON_LETTERS))
_PUNCTUATION = "“”‘’—–…«»„\u00a0"  # never part of a ``_TOKEN`` word
# a non-ASCII character that is no ``_TOKEN`` letter ("€", "°", "·", a digit): led by a
# class, so the search skips the ASCII at C speed
_NON_ASCII_NON_LETTER = re.compile(r"[^\x00-\x7f](?<![^\W\d_])")
_ENCODED_LANGS_OF: dict[bytes, list[str]] = {w.encode(): langs for w, langs in _LANGS_OF.items()}


def token_words(text: str) -> list[bytes] | None:
    """``_TOKEN.findall(text)``, each word UTF-8 encoded, found at C speed; None when a
    non-ASCII character other than the common punctuation is no letter (the caller
    then uses the regex)."""
    if not text.isascii():
        for mark in _PUNCTUATION:
            if mark in text:
                text = text.replace(mark, " ")
        if not text.isascii():
            if _NON_ASCII_NON_LETTER.search(text):
                return None
            # every byte of a non-ASCII letter is >= 0x80: kept inside its word
            return text.encode("utf-8").translate(_NON_LETTERS_TO_SPACE).split()
    return text.encode("ascii").translate(_NON_LETTERS_TO_SPACE).split()


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
    encoded = token_words(low)
    words: list[str] | list[bytes] = _TOKEN.findall(low) if encoded is None else encoded
    if len(words) < 8:
        return None
    langs_of: Mapping[Any, list[str]] = _LANGS_OF if encoded is None else _ENCODED_LANGS_OF
    # only the stopwords are counted: the filter's look-ups cost less than counting
    # every word of the sample into a dict
    scores = _scores(Counter(filter(langs_of.__contains__, words)), langs_of)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < MIN_HITS or top < 1.25 * second or top < MIN_SHARE * len(words):
        return None
    return best
