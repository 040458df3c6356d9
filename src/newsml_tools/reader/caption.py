"""Photo captions and credits. The credit is kept without its label or parentheses:
``(AP Photo/Evan Vucci)`` -> ``AP Photo/Evan Vucci``; ``Photo: Getty Images`` ->
``Getty Images``; ``REUTERS/Kevin Lamarque`` stays as printed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

MAX_CAPTION_WORDS = 60

_NOT_CREDIT = re.compile(
    r"(?:(?:additional\s+)?reporting|writing|editing|edited|compiled|written|research)\s+by\b",
    re.I,
)
# Words that make a parenthesised tail a photo credit rather than an aside like "(AP)".
_CREDIT_CUES = re.compile(
    r"/|:\s*[A-Z]|\b(?:Photo|PHOTO|Photos|Image|Images|Getty|Handout|HANDOUT|Pool|POOL|File|FILE|via"
    r"|Foto|Bild|Picture|Shutterstock|Alamy|EPA|AAP Image|Courtesy|courtesy)\b"
)
_PAREN_CREDIT = re.compile(r"\(\s*([^()\n]{2,120}?)\s*\)[\s.]*$")
_SLASH_CREDIT = re.compile(
    r"(?:(?<=\s)|^)((?:REUTERS|Reuters|AFP|EPA(?:-EFE)?|AP|ANSA|XINHUA|Xinhua|AAP|DPA|dpa"
    r"|SIPA|ANADOLU|KCNA|YONHAP|Yonhap|EFE|UPI|NurPhoto|Getty)(?:\s+(?:PHOTO|Photo|Images))?"
    r"\s*/\s*[^\n/]{2,60}(?:/[^\n/]{2,40}){0,2})\s*$"
)
_LABEL_CREDIT = re.compile(
    r"(?:(?<=[\s.!?”\"’)])|^)(?P<label>Photo(?:graph)?s?(?: by)?|Picture by|Foto von|Photo de"
    r"|Image|Picture|Credit|Photo credit"
    r"|Image credit|Foto|Fotos|Bild|Illustration|Photo illustration|Video|Graphic|Crédit photo"
    r"|Crédit|Photo ?:\s*Credit)(?:\s*:|(?<= by)|(?<= von)|(?<= de))"
    r"\s*(?P<credit>[^\n:]{2,100}?)[\s.]*$"
)
_VIA_GETTY = re.compile(
    r"(?:(?<=[\s.!?”\"’])|^)((?:[A-Z][\w'-]*\s+){0,3}[A-Z][\w'-]*\s+via\s+Getty\s+Images)[\s.]*$"
)
# Every ``_LABEL_CREDIT`` label contains one of these (a literal pre-check; no re.I there)
_LABEL_STEMS = (
    "Photo", "Picture", "Foto", "Image", "Credit", "Bild", "Illustration", "Video", "Graphic",
    "Crédit",
)  # fmt: skip
# A credit line's label as written before the credit ("Photo: ", "(", "[Image: ").
CREDIT_PREFIX = re.compile(
    r"[\s(\[]*(?:(?:Photo(?:graph)?s?|Image|Picture|Credit|Photo credit|Image credit|Foto|Fotos"
    r"|Bild|Illustration|Photo illustration|Video|Graphic|Crédit photo|Crédit)\s*:"
    r"|(?:Photo(?:graph)?|Picture) by|Foto von|Photo de)?\s*",
    re.I,
)
_CAPTION_LABEL = re.compile(
    r"(?P<label>Caption|Photo caption|Image caption|Picture caption|Bildunterschrift|Légende"
    r"|Photo|Image|Picture|Foto|Bild)\s*:\s*(?P<rest>.+)$",
    re.S | re.I,
)
_BRACKETED = re.compile(
    r"\[\s*(?P<label>(?:Image|Photo|Picture|Caption|Foto|Bild|Video|Graphic)\s*:)?\s*(?P<rest>.*?)\s*\]",
    re.S | re.I,
)


@dataclass(slots=True)
class CaptionParts:
    caption: str
    caption_span: tuple[int, int]  # in the block text
    credit: str | None = None
    credit_span: tuple[int, int] | None = None
    labels: tuple[tuple[int, int], ...] = ()  # removed syntax (label words, parentheses)


@lru_cache(maxsize=256)  # the reader asks about the same block up to four times
def find_credit(text: str) -> tuple[str, tuple[int, int], list[tuple[int, int]]] | None:
    """A credit at the end of ``text``: (credit, span, removed label spans). Only the
    last 240 characters are searched: credits are short, and the reader stays linear.
    The result is shared between callers (cached): read it, never change it."""
    tail = text[-240:].rstrip(" .\n")
    if not (
        tail.endswith(")")
        or "/" in tail
        or ":" in tail[-120:]
        or "Getty" in tail
        or " by " in tail[-80:]
    ):
        return None  # no credit cue at all: skip the regexes
    cut = max(0, len(text) - 240)
    if cut:
        cut = text.find(" ", cut) + 1 or cut
        found = _find_credit(text[cut:])
        if found is None:
            return None
        credit, (a, b), labels = found
        return credit, (a + cut, b + cut), [(x + cut, y + cut) for x, y in labels]
    return _find_credit(text)


def _find_credit(text: str) -> tuple[str, tuple[int, int], list[tuple[int, int]]] | None:
    m = _PAREN_CREDIT.search(text)
    if (
        m
        and (m.group(1)[:1].isupper() or m.group(1).lower().startswith("courtesy"))
        and len(m.group(1).split()) <= 10
        and _CREDIT_CUES.search(m.group(1))
        and not _NOT_CREDIT.match(m.group(1))
    ):
        inner = m.group(1)
        lm = re.match(r"(?:Photo|Credit|Image|Foto|Picture)\s*:\s*", inner)
        start = m.start(1) + (lm.end() if lm else 0)
        labels = [(m.start(), m.start() + 1), (m.end(1), m.end())]
        if lm:
            labels.append((m.start(1), start))
        return text[start : m.end(1)], (start, m.end(1)), labels
    m = _SLASH_CREDIT.search(text) if "/" in text else None  # the pattern needs a slash
    if m:
        return (
            m.group(1).rstrip(" ."),
            (m.start(1), m.start(1) + len(m.group(1).rstrip(" ."))),
            [(m.start(1) + len(m.group(1).rstrip(" .")), m.end())],
        )
    m = _LABEL_CREDIT.search(text) if any(w in text for w in _LABEL_STEMS) else None
    if m:
        return (
            m.group("credit"),
            m.span("credit"),
            [(m.start("label"), m.start("credit")), (m.end("credit"), m.end())],
        )
    m = _VIA_GETTY.search(text) if "Getty" in text else None
    if m:
        return m.group(1), m.span(1), [(m.end(1), m.end())]
    return None


def parse_caption(text: str, *, allow_bare: bool = False) -> CaptionParts | None:
    """A caption block: short text ending with a credit, a ``Caption:`` label, or an
    ``[Image: ...]`` line. ``allow_bare`` accepts a credit-only block (caption "")."""
    labels: list[tuple[int, int]] = []
    offset = 0
    body = text
    labelled = False
    bm = _BRACKETED.fullmatch(text) if text[:1] == "[" else None  # the pattern opens with "["
    if bm and bm.group("label"):
        labels += [(0, bm.start("label")), bm.span("label"), (bm.end("rest"), len(text))]
        offset, body, labelled = bm.start("rest"), bm.group("rest"), True
    else:
        cm = _CAPTION_LABEL.match(text) if ":" in text else None  # the label needs its colon
        if cm and cm.group("label").lower() in (
            "caption", "photo caption", "image caption", "picture caption",
            "bildunterschrift", "légende",
        ):  # fmt: skip
            labels.append((0, cm.start("rest")))
            offset, body, labelled = cm.start("rest"), cm.group("rest"), True
    found = find_credit(body)
    if found is None and not labelled:
        return None  # most blocks: no label, no credit (decided before counting words)
    if _NOT_CREDIT.match(text.lstrip("( ")) or len(text.split()) > MAX_CAPTION_WORDS + 30:
        return None
    if len(body.split()) > MAX_CAPTION_WORDS + 12:
        return None
    if found is None:
        return CaptionParts(
            " ".join(body.split()), (offset, offset + len(body)), labels=tuple(labels)
        )
    credit, (cs, ce), lab = found
    # the caption ends where the credit's first piece of syntax starts ("(" of "(Photo: X)")
    caption = body[: min([cs, *(a for a, _ in lab if a < cs)])]
    cap_text = " ".join(caption.split())
    if not cap_text and not allow_bare and not labelled:
        return None
    if len(cap_text.split()) > MAX_CAPTION_WORDS:
        return None
    labels += [(offset + a, offset + b) for a, b in lab]
    return CaptionParts(
        cap_text,
        (offset, offset + len(caption.rstrip())),
        " ".join(credit.split()),
        (offset + cs, offset + ce),
        tuple(labels),
    )
