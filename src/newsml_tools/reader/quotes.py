"""Find quotation spans in paragraphs: curly and straight double quotes, German „…“ and
»…«, French « … » (padding spaces excluded), CJK 「…」 and 『…』. Single quotes (‘…’, and
‹…›, ›…‹, ‚…‘ where they are the only marks) are left inside the text; a
quote never crosses a paragraph break except by the multi-paragraph convention (opening
mark on every paragraph, closing mark only on the last)."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUOTE_CHARS = 4000  # longer "quotes" are unbalanced marks, not speech

# opening mark -> closing marks it accepts
# sloppy copy mixes families: "…“ and “…" close each other when nothing follows the mark
_CLOSERS = {"“": '”“"', "„": "“”", "»": "«", "«": "»", '"': '"”“', "”": "”",  # ” opens in sv/fi
            "「": "」", "『": "』"}  # fmt: skip
_OPENERS = '“„«»"「『'
_ALL_MARKS = re.compile(r"[“”„«»\"「」『』]")
_SINGLE_MARKS = re.compile(r"[‘’‹›‚]")
_SINGLE_CLOSERS = {"‘": "’", "‹": "›", "›": "‹", "‚": "‘’"}
_NEVER_OPEN = "”’」』"
_INVERSE = {"»": "«", "›": "‹"}
# British copy typed on a plain keyboard: 'like this,' he says -- straight marks that are
# also apostrophes (it's, workers'), so a closing mark must not be followed by a letter.
_STRAIGHT_MARKS = re.compile(r"'")
_STRAIGHT_CLOSERS = {"'": "'"}
_CLOSER_RES = {
    closers: re.compile("[" + re.escape(closers) + "]")
    for closers in (*_CLOSERS.values(), *_SINGLE_CLOSERS.values(), *_STRAIGHT_CLOSERS.values())
}


@dataclass(slots=True)
class QuoteSpan:
    paragraph: int
    start: int  # first character of the quoted text (after the mark and padding)
    end: int  # after the last character of the quoted text
    open_mark: int  # index of the opening mark
    close_mark: int | None  # index of the closing mark; None when continued
    continued: bool = False  # the quote continues in the next paragraph
    continuation: bool = False  # this paragraph continues a quote from the previous one


def _opens(text: str, i: int) -> bool:
    """Is the mark at ``i`` an opening mark? Needs text after it, and for straight and
    ambiguous marks, no word character right before it."""
    ch = text[i]
    nxt = text[i + 1 : i + 2]
    if not nxt or (nxt.isspace() and ch not in "«»"):
        return False
    if ch in "“„«「『‹‚":
        return True
    prev = text[i - 1 : i]
    return not prev or not (prev.isalnum() or prev in ".,;:!?")


def _late_opener(text: str, i: int) -> bool:
    """``… communities," For example, …"``: a straight mark after a comma, then a space
    and a capital, opens a quote when another straight mark closes it later."""
    return (
        text[i] == '"'
        and text[i - 1 : i] in (",", ":")
        and text[i + 1 : i + 2] == " "
        and text[i + 2 : i + 3].isupper()
        and '"' in text[i + 1 :]
    )


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def starts_with_open_mark(text: str) -> bool:
    return bool(text) and text[0] in _OPENERS + "‘‹‚" and _opens(text, 0)


def find_quotes(paragraphs: list[str]) -> list[QuoteSpan]:
    """Quotes in reading order. Copy with no double-quote quotations at all but with ‘…’
    pairs that look like quotations (British style) is read with single curly quotes as
    the primary marks; ’ alone (don’t, it’s, round’ere) never switches the mode. Copy with
    neither is tried with straight single quotes ('Yes,' she said), under the same test."""
    if any(_ALL_MARKS.search(p) for p in paragraphs):
        found = _find(paragraphs, single=False)
        if found:
            return found
    if any("‘" in p or "‹" in p or "›" in p or "‚" in p for p in paragraphs):
        return _speech_like(paragraphs, _find(paragraphs, single=True))
    if any("'" in p for p in paragraphs):
        return _speech_like(paragraphs, _find(paragraphs, single=True, straight=True))
    return []


def _speech_like(paragraphs: list[str], found: list[QuoteSpan]) -> list[QuoteSpan]:
    # single-quote pairs are quotations when at least one holds more than a word or two: a
    # lone ‘Quiet’ or ‘round’ere’ in copy without quotations is a name or dialect, not speech
    for q in found:
        text = paragraphs[q.paragraph][q.start : q.end]
        if len(text.split()) >= 3 or text[-1:] in ",.!?…":  # ‘Yes,’ she said.
            return found
    return []


def _find(paragraphs: list[str], *, single: bool, straight: bool = False) -> list[QuoteSpan]:
    if straight:
        marks, closers_of = _STRAIGHT_MARKS, _STRAIGHT_CLOSERS
    elif single:
        marks, closers_of = _SINGLE_MARKS, _SINGLE_CLOSERS
    else:
        marks, closers_of = _ALL_MARKS, _CLOSERS
    out: list[QuoteSpan] = []
    carry = False  # previous paragraph ended inside an open quote
    for p, text in enumerate(paragraphs):
        i = 0
        n = len(text)
        first = True
        while i < n:
            m = marks.search(text, i)
            if not m:
                break
            o = m.start()
            ch = text[o]
            if ch in _NEVER_OPEN or not (_opens(text, o) or _late_opener(text, o)):
                i = o + 1
                continue
            if straight and text[o + 1 : o + 2].isdigit():  # the '90s: an elision
                i = o + 1
                continue
            if ch in "»›" and _INVERSE[ch] not in text[o + 1 :] and ch in text[o + 1 :]:
                i = o + 1  # a French closing mark, not a German opener
                continue
            closers = closers_of[ch]
            close = None
            find = _CLOSER_RES[closers].search
            stop = min(n, o + MAX_QUOTE_CHARS + 1)  # j - o <= MAX_QUOTE_CHARS
            cm = find(text, o + 1, stop)
            while cm is not None:  # only the closing-mark candidates, not every character
                j = cm.start()
                c = text[j]
                if (
                    (c != ch or ch in '"»«' or not _opens(text, j))
                    and (c != "“" or ch == "„" or not _opens(text, j))
                    and (c != '"' or ch == '"' or not _opens(text, j))
                    and (c != "’" or not text[j + 1 : j + 2].isalpha())  # "we’re": apostrophe
                    and (c != "'" or not text[j + 1 : j + 2].isalnum())  # it's, '90s
                ):
                    close = j
                    break
                cm = find(text, j + 1, stop)
            if close is None:
                nxt = paragraphs[p + 1] if p + 1 < len(paragraphs) else ""
                if starts_with_open_mark(nxt) and n - o <= MAX_QUOTE_CHARS:
                    a, b = _trim(text, o + 1, n)
                    if b > a:
                        out.append(QuoteSpan(p, a, b, o, None, True, carry and first and o == 0))
                    carry = True
                    break
                i = o + 1  # unbalanced: skip the stray mark
                continue
            a, b = _trim(text, o + 1, close)
            if b > a:
                out.append(QuoteSpan(p, a, b, o, close, False, carry and first and o == 0))
            first = False
            i = close + 1
        else:
            carry = False
        if not (out and out[-1].paragraph == p and out[-1].continued):
            carry = False
    return out
