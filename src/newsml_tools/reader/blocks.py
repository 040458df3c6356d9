"""Split source text into blocks (paragraph candidates) that remember their source spans."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BLANK_LINE = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+")
_LINE = re.compile(r"[^\n]+")
_WS = re.compile(r"\s+")
# a line ends a sentence at punctuation or a closing double mark; ’ and ' only after
# punctuation: "goin’", "comin’" at a hard line break are dialect apostrophes mid-sentence
_SENTENCE_END = re.compile(r"(?:[.!?:;…][\"”»’')\]]*|[\"”»)\]])\s*$")


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


def _lines(text: str, base: int) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for m in _LINE.finditer(text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
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
