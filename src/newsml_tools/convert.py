"""Read → render → validate. Only outputs that pass validation are handed back for export.

``convert_text`` never raises for any text: problems become findings, and a format whose
output fails validation is simply absent from ``Conversion.outputs`` (so nothing invalid
can be written by accident).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from newsml_tools.atomic import write_group_atomic
from newsml_tools.findings import Finding, Severity
from newsml_tools.header_meta import dropped_headers, header_guid, item_meta
from newsml_tools.model import Article
from newsml_tools.reader import read_article
from newsml_tools.validation.rules import RULES
from newsml_tools.writers import DEFAULT_FORMATS, FORMATS, render
from newsml_tools.writers.options import (
    DEFAULT_PROVIDER,
    EPOCH,
    UNDETERMINED_LANGUAGE,
    XML_ILLEGAL,
    ItemMeta,
    RenderOptions,
    derive_guid,
    xml_safe,
)

ALL_FORMATS: tuple[str, ...] = tuple(FORMATS)
OUTPUT_SUFFIX: dict[str, str] = {fmt: suffix for fmt, (_m, _k, suffix) in FORMATS.items()}

MAX_OFFSET = timedelta(hours=14)


class DateError(ValueError):
    """A date option that is not ISO 8601."""


def parse_date(value: str) -> datetime:
    """ISO 8601 date or date-time; a missing zone means UTC (documented in the README)."""
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise DateError(f"not an ISO 8601 date or date-time: {value!r}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    offset = parsed.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:  # xs:dateTime allows ±14:00
        raise DateError(f"time zone offset out of range (-14:00 to +14:00): {value!r}")
    return parsed


def source_date_epoch() -> datetime | None:
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if not raw:
        return None
    try:
        return datetime.fromtimestamp(int(raw), tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise DateError(f"SOURCE_DATE_EPOCH is not a Unix timestamp: {raw!r}") from None


@dataclass(frozen=True, slots=True)
class ConvertOptions:
    formats: tuple[str, ...] = DEFAULT_FORMATS
    date: datetime | None = None  # explicit: wins over headers and SOURCE_DATE_EPOCH
    provider: str | None = None
    lang: str | None = None
    guid: str | None = None
    validate: bool = True  # only turned off by benchmarks measuring the rest


@dataclass(slots=True)
class Conversion:
    source: str
    article: Article
    formats: tuple[str, ...]
    outputs: dict[str, bytes] = field(default_factory=dict)  # only outputs that validated
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(fmt in self.outputs for fmt in self.formats) and not any(
            f.severity is Severity.ERROR for f in self.findings
        )


def _finding(source: str, rule: str, message: str | None = None) -> Finding:
    spec = RULES[rule]  # one registry for every rule id, listed by `newsml rules`
    return Finding(source, None, None, None, rule, spec.severity, message or spec.description)


def resolve_options(
    article: Article, options: ConvertOptions, source: str
) -> tuple[RenderOptions, list[Finding]]:
    findings: list[Finding] = []
    date = options.date
    if date is not None and date.tzinfo is None:  # as on the command line: no zone is UTC
        date = date.replace(tzinfo=timezone.utc)
    if date is None and article.date:
        try:
            date = parse_date(article.date)
        except DateError:
            date = None
    if date is None:
        date = source_date_epoch()
    if date is None:
        date = EPOCH
        header = article.headers.get("date")
        findings.append(_finding(source, "CV001", (
            f"the Date: header {header!r} is not a date this tool reads (ISO 8601, RFC "
            "2822, 'June 19, 2024 8:30 EDT', '19.06.2024 08:30'): 1970-01-01T00:00:00Z "
            "used (fix the header or give --date)"
        ) if header else None))
    provider = options.provider or article.source or DEFAULT_PROVIDER
    language = options.lang or article.language or UNDETERMINED_LANGUAGE
    guid = options.guid or header_guid(article) or derive_guid(provider, article, date)
    meta = item_meta(article, date) if article.headers else ItemMeta()
    dropped = dropped_headers(article, meta, options.formats, date) if article.headers else []
    for key, why in dropped:
        findings.append(_finding(source, "CV005", (
            f"header {key.split('#', 1)[0]!r} ({article.headers[key][:80]!r}) is not "
            f"carried into the {', '.join(options.formats)} output: {why}")))
    return RenderOptions(guid=guid, date=date, provider=provider, language=language,
                         meta=meta), findings


def _texts(article: Article) -> list[str]:
    """Every text field a writer may put into a document (quotes are paragraph text)."""
    a = article
    out = [a.headline, a.standfirst or "", a.footer or "", a.source or "", a.creditline or "",
           a.language or "", a.date or "", *a.paragraphs, *a.headers.values()]
    out += [f"{m.caption}\n{m.credit or ''}" for m in a.media]
    out += [f"{b.name}\n{b.affiliation or ''}\n{b.location or ''}" for b in a.bylines]
    out += [f"{c.name}\n{c.role}" for c in a.contributors]
    out += [q.speaker for q in a.quotes if q.speaker]
    if a.dateline is not None:
        d = a.dateline
        out.append(f"{d.text}\n{d.place or ''}\n{d.date_text or ''}\n{d.agency or ''}")
    return out


def _scrub(obj: Any) -> Any:
    """``obj`` with every XML-illegal character in its strings replaced by U+FFFD
    (lengths are kept: quote offsets and source spans stay right)."""
    if isinstance(obj, str):
        return xml_safe(obj)
    if isinstance(obj, list):
        return [_scrub(x) for x in obj]
    if isinstance(obj, tuple):
        return tuple(_scrub(x) for x in obj)
    if isinstance(obj, dict):
        return {_scrub(k): _scrub(v) for k, v in obj.items()}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {f.name: _scrub(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        return dataclasses.replace(obj, **changes)
    return obj


def _xml_safe_article(article: Article) -> Article | None:
    """A copy without XML-illegal characters (control characters, lone surrogates) in any
    field, or None when there are none: they are replaced, not dropped (CV002)."""
    if XML_ILLEGAL.search("\n".join(_texts(article))) is None:
        return None
    return _scrub(article)


def _option_texts(options: RenderOptions) -> dict[str, str]:
    return {"guid": options.guid, "provider": options.provider, "language": options.language}


def convert_article(
    article: Article, options: ConvertOptions, *, source_name: str = "<stdin>"
) -> Conversion:
    from newsml_tools.validation import check_quotes, validate

    conv = Conversion(source=source_name, article=article, formats=options.formats)
    if all(not t.replace("\ufeff", "").strip() for t in [article.headline, *article.paragraphs]):
        conv.findings.append(_finding(source_name, "CV004"))  # not schema errors about it
        return conv
    render_options, conv.findings = resolve_options(article, options, source_name)
    clean = _xml_safe_article(article)
    texts = _option_texts(render_options)  # --provider / Source: header, --guid, --lang
    unsafe_options = XML_ILLEGAL.search("\n".join(texts.values())) is not None
    if clean is not None or unsafe_options:
        conv.findings.append(_finding(source_name, "CV002"))
        article = clean or article
        render_options = dataclasses.replace(  # header metadata was read before the scrub
            render_options, meta=_scrub(render_options.meta),
            **{k: xml_safe(v) for k, v in texts.items()})
    rendered: dict[str, bytes] = {}
    for fmt in options.formats:
        try:
            data = render(article, fmt, render_options)
        except Exception as exc:  # a writer bug must not stop a batch; it is reported
            conv.findings.append(_finding(source_name, "CV003", f"{fmt} writer failed: {exc!r}"))
            continue
        if options.validate:
            _module, kind, suffix = FORMATS[fmt]
            report = validate(data, kind, filename=f"{source_name}{suffix}")
            conv.findings.extend(report.findings)
            if not report.valid:
                continue
        rendered[fmt] = data
    if "newsml-g2" in rendered and "jsonld" in rendered:
        conv.findings.extend(
            check_quotes(rendered["newsml-g2"], rendered["jsonld"], filename=source_name)
        )
    if not any(f.severity is Severity.ERROR for f in conv.findings):
        conv.outputs = rendered
    return conv


def convert_text(text: str, options: ConvertOptions, *, source_name: str = "<stdin>") -> Conversion:
    """Convert one plain-text article; see the module docstring for the guarantees."""
    article = read_article(text, source_name=source_name)
    return convert_article(article, options, source_name=source_name)


def output_paths(out_dir: Path, stem: str, formats: tuple[str, ...]) -> dict[str, Path]:
    return {fmt: out_dir / f"{stem}{OUTPUT_SUFFIX[fmt]}" for fmt in formats}


def write_outputs(conv: Conversion, out_dir: Path, stem: str) -> list[Path]:
    """Write every validated output, all or nothing (``write_group_atomic``); returns the
    paths written. An ``OSError`` names the output that could not be written."""
    paths = output_paths(out_dir, stem, tuple(conv.outputs))
    write_group_atomic([(str(paths[fmt]), data) for fmt, data in conv.outputs.items()])
    return [paths[fmt] for fmt in conv.outputs]
