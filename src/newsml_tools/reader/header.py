"""Header blocks at the top of a text: e-mail style ``Key: value`` lines or YAML front
matter between ``---`` lines (only the flat ``key: value`` subset, parsed here so we need
no YAML dependency)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsml_tools.model import Span
from newsml_tools.reader.blocks import Block, normalize_ws

KNOWN_KEYS = frozenset({
    "headline", "title", "hed", "byline", "by", "author", "authors", "writer", "date",
    "published", "pubdate", "datetime", "updated", "modified", "source", "agency",
    "provider", "language", "lang", "standfirst", "summary", "description", "dek",
    "subtitle", "subheadline", "slug", "keywords", "tags", "category", "section", "id",
    "guid", "url", "link", "location", "place", "dateline", "copyright", "rights",
    "creditline", "credit line", "priority", "urgency", "genre", "subject", "edition",
})  # fmt: skip
# Labels that start a caption or credit line, never a header line.
_MEDIA_KEYS = frozenset({
    "photo", "image", "picture", "photograph", "caption", "photo caption", "image caption",
    "credit", "photo credit", "foto", "bild", "illustration", "video", "graphic",
})  # fmt: skip

_KEY_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_ .-]{0,29}?)[^\S\n]*:(?!//)[^\S\n]*(.*)")
_FENCE = re.compile(r"[^\S\n]*(---|\+\+\+)[^\S\n]*\r?\n")
_FENCE_END = re.compile(r"(?m)^[^\S\n]*(---|\.\.\.|\+\+\+)[^\S\n]*$")

LANGUAGE_NAMES = {
    "english": "en", "german": "de", "deutsch": "de", "french": "fr", "français": "fr",
    "francais": "fr", "spanish": "es", "español": "es", "espanol": "es", "italian": "it",
    "italiano": "it", "dutch": "nl", "nederlands": "nl", "portuguese": "pt",
    "português": "pt",
}  # fmt: skip


@dataclass(slots=True)
class HeaderResult:
    headers: dict[str, str] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)  # key -> value span in the source
    labels: list[Span] = field(default_factory=list)  # removed syntax (fences, colons, quotes)
    consumed: int = 0  # blocks used by an e-mail style header
    body_start: int = 0  # source offset after YAML front matter


def normalize_language(value: str) -> str | None:
    v = value.strip().strip("\"'").strip()
    if not v:
        return None
    if v.lower() in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[v.lower()]
    if re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", v):
        parts = v.replace("_", "-").split("-")
        return "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])
    return None


def _add(res: HeaderResult, key: str, value: str, span: Span) -> None:
    key = normalize_ws(key).lower()
    value = normalize_ws(value)
    if key in res.headers:  # a repeated key keeps its own entry: "key#2"
        n = 2
        while f"{key}#{n}" in res.headers:
            n += 1
        key = f"{key}#{n}"
    res.headers[key] = value
    res.spans[key] = span


def _unquote(value: str, start: int, res: HeaderResult) -> tuple[str, int]:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        res.labels.append(Span(start, start + 1))
        res.labels.append(Span(start + len(value) - 1, start + len(value)))
        return value[1:-1], start + 1
    return value, start


def parse_front_matter(text: str) -> HeaderResult | None:
    """YAML front matter: ``key: value`` lines, ``- item`` lists, ``>``/``|`` blocks."""
    m = _FENCE.match(text)
    if not m:
        return None
    end = _FENCE_END.search(text, m.end())
    if not end:
        return None
    res = HeaderResult(body_start=end.end())
    res.labels.append(Span(m.start(1), m.end(1)))
    res.labels.append(Span(end.start(1), end.end(1)))
    key: str | None = None
    pos = m.end()
    for line in text[m.end() : end.start()].split("\n"):
        line_start = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        lead = line_start + len(line) - len(line.lstrip())
        km = _KEY_LINE.fullmatch(stripped) if line[:1] not in " \t-" else None
        if km:
            key = km.group(1)
            colon = lead + stripped.index(":", len(km.group(1)))
            res.labels.append(Span(colon, colon + 1))
            value, vstart = _unquote(km.group(2).strip(), lead + km.start(2), res)
            if len(value) >= 2 and value[0] == "[" and value[-1] == "]":  # flow list [a, b]
                res.labels += [
                    Span(vstart, vstart + 1),
                    Span(vstart + len(value) - 1, vstart + len(value)),
                ]
                value, vstart = value[1:-1], vstart + 1
            if value in (">", "|", ">-", "|-"):
                res.labels.append(Span(vstart, vstart + len(value)))
                value = ""
            _add(res, key, value, Span(vstart, vstart + len(value)))
            continue
        if stripped.startswith("- ") and key is not None:
            res.labels.append(Span(lead, lead + 1))
            item, _ = _unquote(stripped[2:].strip(), lead + 2, res)
            k = normalize_ws(key).lower()
            res.headers[k] = f"{res.headers[k]}, {item}" if res.headers.get(k) else item
            continue
        k = normalize_ws(key).lower() if key else "front-matter"
        # continuation of a folded value, or a line we do not understand: keep its text
        res.headers[k] = normalize_ws(f"{res.headers.get(k, '')} {stripped}")
        res.spans.setdefault(k, Span(lead, lead + len(stripped)))
    return res


_HEADLINE_KEYS = frozenset({"headline", "title", "hed"})
_DATE_KEYS = frozenset({"date", "published", "pubdate", "datetime", "updated", "modified"})
_LONE_VALUE_WORDS = 4  # "Reuters", "Politics", "Oslo, Norway": a value, not a sentence


def _lone_header_line(m: re.Match[str], more: bool) -> bool:
    """Whether a header of a single ``Key: value`` line is one. Headlines often carry a
    label ("Exclusive: …", "Analysis: …", "Summary: …", "Source: …"), so a lone line
    counts only when the key names the headline itself, the value is a date for a date
    key, or it is a short value (not a sentence) with the article still to follow."""
    key = normalize_ws(m.group(1)).lower()
    value = m.group(2).strip()
    if key in _HEADLINE_KEYS:
        return True
    if key in _DATE_KEYS:
        from newsml_tools.reader.dates import parse_date

        return parse_date(value) is not None
    return (more and key in KNOWN_KEYS and len(value.split()) <= _LONE_VALUE_WORDS
            and not value.endswith((".", "!", "?")))


def parse_header_block(blocks: list[Block]) -> HeaderResult:
    """E-mail style header lines at the very top; needs at least one well-known key."""
    res = HeaderResult()
    lines: list[tuple[re.Match[str], int, int]] = []
    count = 0
    for block in blocks:
        matches = [(_KEY_LINE.fullmatch(t), s, e) for t, s, e in block.lines]
        if not all(m and m.group(1).strip().lower() not in _MEDIA_KEYS for m, _, _ in matches):
            break
        lines.extend((m, s, e) for m, s, e in matches if m)
        count += 1
        if blocks[count - 1].group != (blocks[count].group if count < len(blocks) else -1):
            # a blank line ends the header unless more key lines follow immediately
            nxt = blocks[count] if count < len(blocks) else None
            if nxt is None or not all(_KEY_LINE.fullmatch(t) for t, _, _ in nxt.lines):
                break
    if not any(m.group(1).strip().lower() in KNOWN_KEYS for m, _, _ in lines):
        return res
    if len(lines) == 1 and not _lone_header_line(lines[0][0], len(blocks) > count):
        return res  # "Source: Biden to pick new Fed chair" is a headline with a label
    for m, s, _ in lines:
        colon = s + m.group(0).index(":", len(m.group(1)))
        res.labels.append(Span(colon, colon + 1))
        _add(res, m.group(1), m.group(2), Span(s + m.start(2), s + m.end(2)))
    res.consumed = count
    return res
