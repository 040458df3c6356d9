"""Split source text into blocks (paragraph candidates) that remember their source spans."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# invisible format characters that are not str.isspace(): a BOM saved into the middle of
# a file (two files joined, a file saved twice), zero-width space, word joiner. A line of
# nothing else is blank, and they never start or end a line's text.
INVISIBLE = "\ufeff\u200b\u2060"
_BLANK = r"(?:[^\S\n]|[\ufeff\u200b\u2060])*"
_BLANK_LINE = re.compile(r"\n" + _BLANK + r"(?:\n" + _BLANK + ")+")
_LINE = re.compile(r"[^\n]+")
_WS = re.compile(r"\s+")
# a line ends a sentence at punctuation or a closing double mark; ’ and ' only after
# punctuation: "goin’", "comin’" at a hard line break are dialect apostrophes mid-sentence;
# a mark after a comma closes a quote whose sentence runs on ("…seconds," Stroud said)
_SENTENCE_END = re.compile(r"(?:[.!?:;…][\"”»’')\]]*|(?<!,)[\"”»)\]])\s*$")


@dataclass(slots=True)
class Block:
    """A run of text; ``start``/``end`` are source offsets of the stripped text."""

    text: str
    start: int
    end: int
    lines: list[tuple[str, int, int]]  # (stripped line, start, end) in source offsets
    group: int = 0  # blocks split from one blank-line-separated chunk share a group
    _flat: str | None = field(default=None, repr=False, compare=False)

    @property
    def flat(self) -> str:
        """The block as one line (hard line breaks become single spaces). Computed once:
        a block's lines never change after it is made."""
        if self._flat is None:
            self._flat = " ".join(line for line, _, _ in self.lines)
        return self._flat


def normalize_ws(text: str) -> str:
    """Collapse every whitespace run (incl. NBSP) to one space and trim."""
    if "  " not in text and text.isprintable():
        return text.strip()  # the only whitespace is single ASCII spaces: nothing to collapse
    return _WS.sub(" ", text).strip()


def _strip(raw: str) -> tuple[int, str]:
    """``raw`` without whitespace and INVISIBLE characters at either end, and how many
    characters were cut at its start."""
    stripped = raw.strip()
    if stripped and (stripped[0] in INVISIBLE or stripped[-1] in INVISIBLE):
        i, j = 0, len(raw)
        while i < j and (raw[i].isspace() or raw[i] in INVISIBLE):
            i += 1
        while j > i and (raw[j - 1].isspace() or raw[j - 1] in INVISIBLE):
            j -= 1
        return i, raw[i:j]
    return len(raw) - len(raw.lstrip()), stripped


def _lines(text: str, base: int) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for m in _LINE.finditer(text):
        lead, stripped = _strip(m.group())
        if not stripped:
            continue
        start = base + m.start() + lead
        out.append((stripped, start, start + len(stripped)))
    return out


def _make(lines: list[tuple[str, int, int]], source: str, group: int) -> Block:
    start, end = lines[0][1], lines[-1][2]
    return Block(source[start:end], start, end, lines, group)


def _is_prose(lines: list[tuple[str, int, int]]) -> bool:
    """Hard-wrapped prose: long lines of similar length that mostly run on mid-sentence."""
    if len(lines) < 2:
        return True
    lengths = [len(t) for t, _, _ in lines]
    longest = max(lengths)
    if longest < 40:
        return False
    body = lines[:-1]
    if any(len(t) < 0.55 * longest for t, _, _ in body):
        return False
    ended = sum(1 for t, _, _ in body if _SENTENCE_END.search(t))
    return ended <= len(body) // 2


def split_blocks(text: str, start: int = 0) -> list[Block]:
    """Blocks separated by blank lines; a multi-line block that is not wrapped prose
    (e.g. ``headline\\nBy X``, or a file with one paragraph per line) becomes one block
    per line, because writers of plain text use both layouts. Starts at ``start``."""
    blocks: list[Block] = []
    pos = start
    pieces: list[tuple[int, int]] = []
    for m in _BLANK_LINE.finditer(text, start):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(text)))
    for group, (a, b) in enumerate(pieces):
        lines = _lines(text[a:b], a)
        if not lines:
            continue
        if _is_prose(lines):
            blocks.append(_make(lines, text, group))
        else:
            blocks.extend(_make([ln], text, group) for ln in lines)
    return blocks
