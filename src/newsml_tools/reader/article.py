"""Assemble an ``Article`` from plain text: header -> headline -> front matter (byline,
date line, captions, standfirst) -> body (dateline, captions, footer) -> quotes."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from newsml_tools.model import (
    BYLINE_HEADER_KEYS,
    Article,
    Byline,
    MediaItem,
    Provenance,
    Quote,
    Span,
)
from newsml_tools.reader import byline as byl
from newsml_tools.reader.attribution import Attribution, Attributor
from newsml_tools.reader.blocks import Block, normalize_ws, split_blocks
from newsml_tools.reader.caption import (
    CREDIT_PREFIX,
    MAX_CAPTION_WORDS,
    find_credit,
    parse_caption,
)
from newsml_tools.reader.dateline import find_dateline
from newsml_tools.reader.dates import is_date_line, parse_date
from newsml_tools.reader.footer import inline_footer_start, is_footer, parse_footer
from newsml_tools.reader.header import (
    HeaderResult,
    normalize_language,
    parse_front_matter,
    parse_header_block,
)
from newsml_tools.reader.language import detect_language
from newsml_tools.reader.names import is_agency
from newsml_tools.reader.quotes import find_quotes
from newsml_tools.reader.speakers import NameIndex
from newsml_tools.reader.standfirst import is_standfirst

ORDER_STRIDE = 100_000  # document order of a character: (10 + paragraph) * stride + offset

MAX_HEADLINE_CHARS = 300
_ABBR_END = re.compile(r"(?:\b[A-Z]|Jr|Sr|Inc|Corp|Ltd|Co)\.$")
MAX_FRONT_BLOCKS = 8
_HEADLINE_KEYS = ("headline", "title", "hed")
_BYLINE_KEYS = BYLINE_HEADER_KEYS
_DATE_KEYS = ("date", "published", "pubdate", "datetime", "dateline-date")
_STANDFIRST_KEYS = ("standfirst", "summary", "description", "dek", "subtitle", "subheadline")
_SOURCE_KEYS = ("source", "agency", "provider")


@dataclass(slots=True)
class _Para:
    """A body paragraph and how its characters map back to the source."""

    text: str
    starts: list[int] = field(default_factory=list)  # paragraph offsets of line starts
    sources: list[int] = field(default_factory=list)  # matching source offsets

    @classmethod
    def from_block(cls, block: Block, skip: int = 0) -> _Para:
        para = cls(block.flat)
        pos = 0
        for line, start, _end in block.lines:
            para.starts.append(pos)
            para.sources.append(start)
            pos += len(line) + 1
        return para.cut(skip) if skip else para

    def cut(self, skip: int) -> _Para:
        src = self.to_source(skip)
        out = _Para(self.text[skip:], [0], [src])
        for s, src_s in zip(self.starts, self.sources, strict=True):
            if s > skip:
                out.starts.append(s - skip)
                out.sources.append(src_s)
        return out

    def head(self, end: int) -> _Para:
        return _Para(self.text[:end].rstrip(), list(self.starts), list(self.sources))

    def to_source(self, offset: int) -> int:
        i = max(0, bisect_right(self.starts, offset) - 1)
        return self.sources[i] + offset - self.starts[i] if self.sources else offset


_LONE_CR = re.compile(r"\r(?!\n)")


class _Reader:
    def __init__(self, text: str, source_name: str | None) -> None:
        sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        if "\r" in text:
            # classic Mac / some newsroom exports end lines with a lone CR: read them as
            # line breaks; one character for one, so every source offset stays valid
            text = _LONE_CR.sub("\n", text)
        self.text = text
        self.art = Article(headline="")
        self.art.provenance = Provenance(source_name=source_name, sha256=sha256)
        self.spans = self.art.provenance.spans
        self.labels: list[Span] = []
        self.index = NameIndex()
        self._byline_agency: str | None = None
        self._answers: dict[tuple[Callable[[str], bool], str], bool] = {}  # ``_asked``

    # ---- helpers ----------------------------------------------------------------
    def _asked(self, test: Callable[[str], bool], text: str) -> bool:
        """``test(text)`` for a pure test, remembered for the article: the front and body
        rules ask about the same block up to five times (dateline, byline)."""
        key = (test, text)
        hit = self._answers.get(key)
        if hit is None:
            hit = self._answers[key] = test(text)
        return hit

    def _has_dateline(self, text: str) -> bool:
        return self._asked(_starts_with_dateline, text)

    def _span(self, key: str, start: int, end: int) -> None:
        if end > start and key not in self.spans:
            self.spans[key] = Span(start, end)

    def _label(self, start: int, end: int) -> None:
        if end > start:
            self.labels.append(Span(start, end))

    def _header_line(self, key: str, value: str, block: Block) -> None:
        prev = self.art.headers.get(key)
        self.art.headers[key] = f"{prev} | {value}" if prev else value
        n = sum(1 for k in self.spans if k == key or k.startswith(key + "["))
        self._span(key if n == 0 else f"{key}[{n}]", block.start, block.end)

    # ---- header -----------------------------------------------------------------
    def _apply_header(self, hdr: HeaderResult) -> None:
        self.art.headers.update(hdr.headers)
        self.labels.extend(hdr.labels)
        h = hdr.headers
        for k, span in hdr.spans.items():
            self._span(f"headers.{k}", span.start, span.end)
        for k in _HEADLINE_KEYS:
            if h.get(k):
                self.art.headline = h[k]
                self._span("headline", hdr.spans[k].start, hdr.spans[k].end)
                break
        for k in _STANDFIRST_KEYS:
            if h.get(k):
                self.art.standfirst = h[k]
                self._span("standfirst", hdr.spans[k].start, hdr.spans[k].end)
                break
        # every byline header names authors ("Byline:" and "Author:", a repeated "By:")
        for k, value in h.items():
            if value and k.split("#", 1)[0] in _BYLINE_KEYS:
                self._add_bylines(byl.parse_byline(value), hdr.spans[k])
        for k in _DATE_KEYS:
            if h.get(k):
                self.art.date = parse_date(h[k])
                if self.art.date:
                    self._span("date", hdr.spans[k].start, hdr.spans[k].end)
                    break
        for k in _SOURCE_KEYS:
            if h.get(k):
                self.art.source = h[k]
                break
        if h.get("creditline") or h.get("credit line"):
            self.art.creditline = h.get("creditline") or h.get("credit line")
        for k in ("language", "lang"):
            if h.get(k):
                self.art.language = normalize_language(h[k])
                break

    def _add_bylines(self, found: list[Byline], span: Span) -> None:
        """Authors, each once: a person a header already named keeps one entry, which
        takes the place or agency this byline adds ("By Jane Doe in Paris")."""
        for b in found:
            same = next((a for a in self.art.bylines if a.name == b.name), None)
            if same is not None:
                same.location = same.location or b.location
                same.affiliation = same.affiliation or b.affiliation
                continue
            b.span = span
            self._span(f"bylines[{len(self.art.bylines)}]", span.start, span.end)
            self.art.bylines.append(b)

    # ---- front blocks -----------------------------------------------------------
    def _take_byline(self, blocks: list[Block], i: int) -> int:
        """Consume a byline block and its continuation lines; returns the next index."""
        first = blocks[i]
        parts = [first.flat]
        end = first.end
        j = i + 1
        lone_by = first.flat.strip().lower() in ("by", "von", "par", "por")
        while j < len(blocks) and (
            (j - i <= 3 and blocks[j].group == first.group) or (j == i + 1 and lone_by)
        ):
            line = blocks[j].flat
            if is_date_line(line):
                self._date_line(blocks[j])
            elif byl.is_byline_continuation(line) or (lone_by and j == i + 1):
                parts.append(line)
                end = blocks[j].end
            else:
                break
            j += 1
        raw = normalize_ws(" ".join(parts))
        found = byl.parse_byline(", ".join(parts))  # lines under "By" are list items
        if not found:  # "By The Associated Press": nobody by name, but a credit line
            agency = byl.agency_only(raw)
            if agency and self._byline_agency is None:
                self._byline_agency = agency
        if len(parts) > 1 and found and found[0].affiliation is None:
            # "By Jane Doe\nReuters": the agency line under the names
            for extra in parts[1:]:
                if is_agency(extra) or not byl.parse_byline("By " + extra):
                    for b in found:
                        b.affiliation = normalize_ws(extra)
        self._add_bylines(found, Span(first.start, end))
        key, n = "byline", 1  # each printed byline its own entry, as a repeated header key
        while key in self.art.headers:
            n += 1
            key = f"byline#{n}"
        self.art.headers[key] = raw
        self._span("byline", first.start, end)
        return j

    def _date_line(self, block: Block) -> None:
        line = normalize_ws(block.flat)
        self._header_line("date-line", line, block)
        if self.art.date is None:
            self.art.date = parse_date(line)
            if self.art.date:
                self._span("date", block.start, block.end)

    def _add_caption(self, block: Block, *, allow_bare: bool = False) -> bool:
        cap = parse_caption(block.flat, allow_bare=allow_bare)
        if cap is None:
            return False
        para = _Para.from_block(block)
        item = MediaItem(caption=cap.caption, credit=cap.credit)
        if cap.caption:
            a, b = cap.caption_span
            item.span = Span(para.to_source(a), para.to_source(b - 1) + 1)
        if cap.credit_span:
            a, b = cap.credit_span
            item.credit_span = Span(para.to_source(a), para.to_source(b - 1) + 1)
        for a, b in cap.labels:
            if b > a:
                self._label(para.to_source(a), para.to_source(b - 1) + 1)
        n = len(self.art.media)
        self._span(f"media[{n}]", block.start, block.end)
        self.art.media.append(item)
        return True

    def _attach_credit(self, block: Block) -> bool:
        """A credit-only block right after a caption-less short block or a caption."""
        found = find_credit(block.flat)
        if not found or not _is_credit_only(block.flat):
            return False
        if self.art.media and self.art.media[-1].credit is None:
            para = _Para.from_block(block)
            credit, (a, b), labels = found
            self.art.media[-1].credit = normalize_ws(credit)
            self.art.media[-1].credit_span = Span(para.to_source(a), para.to_source(b - 1) + 1)
            for x, y in labels:
                if y > x:
                    self._label(para.to_source(x), para.to_source(y - 1) + 1)
            self._label(block.start, para.to_source(a))
            return True
        return self._add_caption(block, allow_bare=True)

    # ---- main -------------------------------------------------------------------
    def read(self) -> Article:
        text = self.text
        fm = parse_front_matter(text)
        blocks = split_blocks(text, fm.body_start if fm else 0)
        if fm:
            self._apply_header(fm)
            self._span("front-matter", 0, fm.body_start)
        else:
            hdr = parse_header_block(blocks)
            if hdr.consumed:
                self._apply_header(hdr)
                self._span("header", blocks[0].start, blocks[hdr.consumed - 1].end)
                blocks = blocks[hdr.consumed :]
        body = self._front(blocks)
        self._body(body)
        if not self.art.headline:
            self._fallback_headline()
        if self.art.language is None:
            sample = " ".join([self.art.headline, *self.art.paragraphs[:20]])
            self.art.language = detect_language(sample)
        self._quotes()
        if self.art.creditline is None:
            agency = self.art.dateline.agency if self.art.dateline else None
            aff = next((b.affiliation for b in self.art.bylines if b.affiliation), None)
            aff = aff or self._byline_agency
            self.art.creditline = agency or self.art.source or aff
        for i, lab in enumerate(self.labels):
            self.spans[f"label[{i}]"] = lab
        return self.art

    def _front(self, blocks: list[Block]) -> list[Block]:
        art = self.art
        i = 0
        if blocks and not art.headline:
            first = blocks[0]
            flat = normalize_ws(first.flat)
            if (
                len(flat) <= MAX_HEADLINE_CHARS
                and len(first.lines) <= 2
                and not self._asked(byl.is_byline_line, flat)
                and not self._has_dateline(flat)
                and not is_footer(flat)
                and (len(blocks) > 1 or not flat.endswith("."))
            ):
                art.headline = flat
                self._span("headline", first.start, first.end)
                i = 1
        elif blocks and normalize_ws(blocks[0].flat) == art.headline:
            self._header_line("headline-line", art.headline, blocks[0])
            i = 1
        blocks = [*blocks[:i], *self._merge_credit_lines(blocks[i:])]
        standfirst_block: Block | None = None
        start = i
        while i < len(blocks) and i - start < MAX_FRONT_BLOCKS:
            block = blocks[i]
            flat = normalize_ws(block.flat)
            if self._asked(byl.is_byline_line, flat):
                if standfirst_block is not None:
                    self._set_standfirst(standfirst_block)
                    standfirst_block = None
                i = self._take_byline(blocks, i)
                continue
            if is_date_line(flat):
                self._date_line(block)
                i += 1
                continue
            if not self._has_dateline(block.flat) and (
                self._add_caption(block) or self._attach_credit(block)
            ):
                i += 1
                continue
            if standfirst_block is None and art.standfirst is None and i + 1 < len(blocks):
                nxt = blocks[i + 1]
                nflat = normalize_ws(nxt.flat)
                if not self._has_dateline(flat) and is_standfirst(
                    flat,
                    byline_follows=self._asked(byl.is_byline_line, nflat),
                    dateline_follows=self._has_dateline(nxt.flat),
                    more_body=i + 2 < len(blocks) or self._has_dateline(nxt.flat),
                ):
                    if self._asked(byl.is_byline_line, nflat):
                        standfirst_block = block
                        i += 1
                        continue
                    self._set_standfirst(block)
                    i += 1
                    continue
            elif art.standfirst is not None and flat == art.standfirst:
                self._header_line("standfirst-line", flat, block)
                i += 1
                continue
            break
        if standfirst_block is not None:
            return [standfirst_block, *blocks[i:]]
        return blocks[i:]

    @staticmethod
    def _merge_credit_lines(blocks: list[Block]) -> list[Block]:
        """``caption\nPhoto: X`` (or with a blank line between) is one caption block."""
        out: list[Block] = []
        for block in blocks:
            prev = out[-1] if out else None
            if (
                prev is not None
                and _is_credit_only(block.flat)
                and (len(prev.flat.split()) <= MAX_CAPTION_WORDS and find_credit(prev.flat) is None)
            ):
                text = f"{prev.text}\n{block.text}"
                lines = [*prev.lines, *block.lines]
                out[-1] = Block(text, prev.start, block.end, lines, prev.group)
                continue
            out.append(block)
        return out

    def _set_standfirst(self, block: Block) -> None:
        self.art.standfirst = normalize_ws(block.flat)
        self._span("standfirst", block.start, block.end)

    def _body(self, blocks: list[Block]) -> None:
        # contributor footers: scan up to three trailing blocks
        keep = list(blocks)
        footers: list[Block] = []
        for block in reversed(blocks[-3:] if len(blocks) > 1 else []):  # never the lead
            flat = normalize_ws(block.flat)
            if is_footer(flat) and len(flat.split()) <= 80 and parse_footer(flat):
                footers.append(block)
                keep.remove(block)
        paras: list[_Para] = []
        first_body = True
        for block in keep:
            flat = block.flat
            if len(flat) <= 20 and not any(c.isalnum() for c in flat):
                self._label(block.start, block.end)  # "___", "***": a separator, not text
                continue
            # captions between paragraphs (never the dateline paragraph)
            if (not first_body or not self._has_dateline(flat)) and (
                self._add_caption(block)
                or (self.art.media and len(flat.split()) <= 12 and self._attach_credit(block))
            ):
                continue
            para = _Para.from_block(block)
            if first_body:
                first_body = False
                dm = find_dateline(flat) if self._has_dateline(flat) else None
                if dm:
                    dl = dm.dateline
                    dl.span = Span(block.start, para.to_source(max(dm.text_end - 1, 0)) + 1)
                    self.art.dateline = dl
                    self._span("dateline", dl.span.start, dl.span.end)
                    self._label(para.to_source(dm.dash[0]), para.to_source(dm.dash[1] - 1) + 1)
                    para = para.cut(dm.body_start)
            paras.append(para)
        if paras:
            cut = inline_footer_start(paras[-1].text)
            if cut is not None:
                tail = paras[-1].text[cut:]
                src = paras[-1].to_source(cut)
                self._add_footer(tail, src, src + len(tail))
                paras[-1] = paras[-1].head(cut)
        for block in reversed(footers):
            self._add_footer(block.flat, block.start, block.end)
        self._paras = [p for p in paras if p.text.strip()]
        self.art.paragraphs = [p.text for p in self._paras]
        for i, p in enumerate(self._paras):
            self._span(f"paragraphs[{i}]", p.to_source(0), p.to_source(len(p.text) - 1) + 1)

    def _add_footer(self, raw: str, start: int, end: int) -> None:
        raw = normalize_ws(raw)
        found = parse_footer(raw)
        for c in found:
            c.span = Span(start, end)
        self.art.contributors.extend(found)
        prev = self.art.footer
        self.art.footer = f"{prev} {raw}" if prev else raw
        n = sum(1 for k in self.spans if k.startswith("footer"))
        self._span("footer" if n == 0 else f"footer[{n}]", start, end)

    def _fallback_headline(self) -> None:
        """No headline line: use the first sentence of the body (kept in the body too)."""
        if not self.art.paragraphs:
            return
        first = self.art.paragraphs[0]
        cut = len(first)
        for mark in (". ", "? ", "! "):
            k = first.find(mark)
            if 0 < k < cut:
                cut = k + 1
        head = first[:cut]
        if len(head) > 110:  # cut at a word, and said to be cut (LD004's 110 characters)
            head = head[:109].rsplit(" ", 1)[0] if " " in head[:109] else head[:109]
            head = head.rstrip(" ,;:–—-") + "…"
        self.art.headline = normalize_ws(head)

    def _quotes(self) -> None:
        art = self.art
        spans = find_quotes(art.paragraphs)
        if not spans:
            return  # the name index only serves attribution: no quotes, no index
        self.index.add_text(art.headline, 0)
        if art.standfirst:
            self.index.add_text(art.standfirst, 1)
        for m in art.media:
            self.index.add_text(m.caption, 2)
        for i, p in enumerate(art.paragraphs):
            if len(p) < ORDER_STRIDE:
                self.index.add_text(p, 10 + i)
        attributor = Attributor(
            art.paragraphs,
            self.index,
            lambda p, off: (10 + p) * ORDER_STRIDE + off,
            language=(art.language or "")[:2].lower(),
        )
        # A "paragraph" of 100,000+ characters is a flattened page, not copy: its quotes are
        # kept but not attributed, since document order (paragraph * stride + offset) would
        # overflow into the next paragraph and attribution work would grow without bound.
        attributable = [q for q in spans if len(art.paragraphs[q.paragraph]) < ORDER_STRIDE]
        found = iter(attributor.attribute(attributable))
        attributions = [
            next(found) if len(art.paragraphs[q.paragraph]) < ORDER_STRIDE else Attribution()
            for q in spans
        ]
        for q, a in zip(spans, attributions, strict=True):
            quote = Quote(
                text=art.paragraphs[q.paragraph][q.start : q.end],
                paragraph=q.paragraph,
                start=q.start,
                end=q.end,
                speaker=a.speaker,
                speaker_kind=a.kind if a.speaker else None,  # type: ignore[arg-type]
                partial=a.partial,
                rule=a.rule if a.speaker else None,
            )
            if a.span is not None:
                p, s, e = a.span
                para = self._paras[p]
                while (
                    e > s + 1
                    and para.text[e - 1] in ".,;:"
                    and not _ABBR_END.search(para.text[s:e])
                ):
                    e -= 1  # the sentence's full stop is not part of the name
                quote.speaker_span = Span(para.to_source(s), para.to_source(max(e - 1, s)) + 1)
            art.quotes.append(quote)


def _starts_with_dateline(text: str) -> bool:
    return find_dateline(text) is not None


def _is_credit_only(text: str) -> bool:
    found = find_credit(text)
    return found is not None and CREDIT_PREFIX.fullmatch(text[: found[1][0]]) is not None


def read_text(text: str, source_name: str | None = None) -> Article:
    return _Reader(text, source_name).read()
