#!/usr/bin/env python3
"""How well does the plain-text pipeline extract what the dev set's gold labels say?

    python benchmarks/eval_extraction.py [--group wire|feature|real] [--verbose] [--json]
                                         [--article TEXT] [--no-validate]

For every article in ``tests/data/devset/<group>/<name>.txt`` this runs the pipeline the
way a user gets it -- ``convert_text(text, ConvertOptions(formats=("jsonld",)))`` -- and
reads the fields back from the JSON-LD it produced (``headline``, ``author[].name``,
``dateline``, ``image[].creditText``, ``inLanguage``, ``hasPart[]`` Quotations with
``text`` and ``creator.name``). If ``newsml_tools.convert`` cannot be imported, it falls back
to ``newsml_tools.reader.read_article`` and maps the ``Article`` fields instead (the line
``pipeline:`` in the output says which one ran). A conversion that produced no JSON-LD
(invalid output) counts as an article where nothing was extracted.

Scores (per group and overall):

* headline, dateline, language: article-level accuracy. Headline and dateline compare
  case-, whitespace- and apostrophe-insensitively; language compares the primary subtag.
* bylines: exact set match of author names per article, plus author precision/recall.
* credits: exact (ordered) list match per article, plus credit precision/recall.
* quotations: predicted quotes are matched one-to-one, in reading order, to gold quotes
  with exactly the same text after whitespace normalisation. Gold quotes marked
  ``"optional": true`` (scare quotes, titles, nested quotes) are neutral: missing one is not
  a false negative, predicting one is not a false positive.
* speakers: accuracy over the matched (non-optional) quotations. Names compare case-,
  whitespace- and apostrophe-insensitively, ignoring a leading article ("the", "la",
  "el", "die", ...); a gold quote marked
  ``"speaker_optional": true`` also accepts no speaker at all.
* time: wall-clock milliseconds per article for the pipeline call (including validation
  unless ``--no-validate``), after one untimed warm-up conversion.

It is a measurement, not a test: it always exits 0. Only the package and the standard
library are used.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "data" / "devset"
GROUPS = ("wire", "feature", "real")


# --------------------------------------------------------------------------- data


@dataclass
class Case:
    group: str
    name: str
    text: str
    gold: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.group}/{self.name}"


@dataclass
class Prediction:
    headline: str | None = None
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    credits: list[str] = field(default_factory=list)
    language: str | None = None
    quotes: list[tuple[str, str | None]] = field(default_factory=list)  # (text, speaker)
    error: str | None = None  # why nothing (or less) was extracted
    ms: float = 0.0


def load_cases(groups: tuple[str, ...], root: Path = DEVSET) -> list[Case]:
    cases = []
    for group in groups:
        for txt in sorted((root / group).glob("*.txt")):
            label = txt.with_suffix(".json")
            if not label.is_file():
                continue
            gold = json.loads(label.read_text(encoding="utf-8"))
            cases.append(Case(group, txt.stem, txt.read_text(encoding="utf-8"), gold))
    return cases


# --------------------------------------------------------------------------- pipeline


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _name_of(value: Any) -> str | None:
    """``{"name": ...}``, a list of them (first wins) or a plain string."""
    for item in _as_list(value):
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            return item["name"]
        if isinstance(item, str):
            return item
    return None


def prediction_from_jsonld(doc: dict[str, Any]) -> Prediction:
    quotes = [
        (part.get("text") or "", _name_of(part.get("creator")))
        for part in _as_list(doc.get("hasPart"))
        if isinstance(part, dict) and part.get("@type") == "Quotation"
    ]
    return Prediction(
        headline=doc.get("headline"),
        authors=[n for n in (_name_of(a) for a in _as_list(doc.get("author"))) if n],
        dateline=doc.get("dateline"),
        credits=[
            img["creditText"]
            for img in _as_list(doc.get("image"))
            if isinstance(img, dict) and isinstance(img.get("creditText"), str)
        ],
        language=doc.get("inLanguage"),
        quotes=quotes,
    )


def prediction_from_article(article: Any) -> Prediction:
    return Prediction(
        headline=article.headline,
        authors=[b.name for b in article.bylines],
        dateline=article.dateline.text if article.dateline else None,
        credits=[m.credit for m in article.media if m.credit],
        language=article.language,
        quotes=[(q.text, q.speaker) for q in article.quotes],
    )


def make_pipeline(validate: bool) -> tuple[str, Callable[[str, str], Prediction]] | None:
    """The JSON-LD conversion if importable, else the bare reader, else None."""
    try:
        from newsml_tools.convert import ConvertOptions, convert_text
    except ImportError as exc:
        convert_error = exc
    else:
        options = ConvertOptions(formats=("jsonld",), validate=validate)

        def via_convert(text: str, name: str) -> Prediction:
            conv = convert_text(text, options, source_name=name)
            data = conv.outputs.get("jsonld")
            if data is None:
                errors = [f"{f.rule}: {f.message}" for f in conv.findings
                          if getattr(f.severity, "name", "") == "ERROR"]
                pred = Prediction(error="no valid JSON-LD output" +
                                  (f" ({'; '.join(errors[:3])})" if errors else ""))
                return pred
            return prediction_from_jsonld(json.loads(data))

        label = "convert_text -> JSON-LD" + ("" if validate else " (validation off)")
        return label, via_convert
    try:
        from newsml_tools.reader import read_article
    except ImportError as exc:
        print(f"pipeline not importable: convert: {convert_error}; reader: {exc}",
              file=sys.stderr)
        return None

    def via_reader(text: str, name: str) -> Prediction:
        return prediction_from_article(read_article(text, source_name=name))

    return "read_article -> Article (newsml_tools.convert not importable)", via_reader


def run(pipeline: Callable[[str, str], Prediction], case: Case) -> Prediction:
    start = time.perf_counter()
    try:
        pred = pipeline(case.text, f"{case.id}.txt")
    except Exception as exc:  # a crash is a result too: nothing extracted
        pred = Prediction(error=f"{type(exc).__name__}: {exc}")
    pred.ms = (time.perf_counter() - start) * 1000
    return pred


# --------------------------------------------------------------------------- scoring


def fold(s: str | None) -> str:
    """Case-, whitespace- and apostrophe-insensitive form (names, headlines, credits)."""
    if s is None:
        return ""
    s = unicodedata.normalize("NFC", s).replace("’", "'").replace("‘", "'")
    return " ".join(s.split()).casefold()


# A leading article does not make a different speaker ("the Kremlin" = "Kremlin").
ARTICLES = ("the ", "la ", "le ", "l'", "les ", "el ", "los ", "las ", "der ", "die ",
            "das ", "il ", "lo ")


def fold_name(s: str | None) -> str:
    """Names also ignore a trailing full stop ("Petrenko Jr." = "Petrenko Jr")."""
    return fold(s).rstrip(".").rstrip()


def fold_speaker(s: str | None) -> str:
    f = fold_name(s)
    for article in ARTICLES:
        if f.startswith(article) and len(f) > len(article):
            return f[len(article):]
    return f


def norm_quote(s: str) -> str:
    """Quote text compares exactly, after whitespace normalisation only."""
    return " ".join(unicodedata.normalize("NFC", s).split())


def primary_language(tag: str | None) -> str:
    return (tag or "").split("-")[0].split("_")[0].casefold()


@dataclass
class Tally:
    articles: int = 0
    errors: int = 0
    ms: float = 0.0
    headline: int = 0
    byline_exact: int = 0
    author_tp: int = 0
    author_fp: int = 0
    author_fn: int = 0
    dateline: int = 0
    credit_exact: int = 0
    credit_tp: int = 0
    credit_fp: int = 0
    credit_fn: int = 0
    language: int = 0
    quote_tp: int = 0
    quote_fp: int = 0
    quote_fn: int = 0
    speaker_correct: int = 0  # over matched non-optional quotes (= quote_tp)

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


Miss = tuple[str, str, str, str]  # (article, field, gold, predicted)


def _multiset_match(gold: list[str], pred: list[str]) -> tuple[int, int, int]:
    remaining = list(gold)
    tp = 0
    for p in pred:
        if p in remaining:
            remaining.remove(p)
            tp += 1
    return tp, len(pred) - tp, len(remaining)


def score(case: Case, pred: Prediction) -> tuple[Tally, list[Miss]]:
    gold = case.gold
    t = Tally(articles=1, errors=1 if pred.error else 0, ms=pred.ms)
    misses: list[Miss] = []
    if pred.error:
        misses.append((case.id, "error", "", pred.error))

    def check(name: str, ok: bool, g: Any, p: Any) -> int:
        if not ok:
            misses.append((case.id, name, repr(g), repr(p)))
        return int(ok)

    t.headline = check("headline", fold(gold["headline"]) == fold(pred.headline),
                       gold["headline"], pred.headline)

    g_auth = sorted(fold_name(a) for a in gold["authors"])
    p_auth = sorted(fold_name(a) for a in pred.authors)
    t.byline_exact = check("authors", g_auth == p_auth, gold["authors"], pred.authors)
    t.author_tp, t.author_fp, t.author_fn = _multiset_match(g_auth, p_auth)

    t.dateline = check("dateline", fold(gold["dateline"]) == fold(pred.dateline),
                       gold["dateline"], pred.dateline)

    g_cred = [fold(c) for c in gold["credits"]]
    p_cred = [fold(c) for c in pred.credits]
    t.credit_exact = check("credits", g_cred == p_cred, gold["credits"], pred.credits)
    t.credit_tp, t.credit_fp, t.credit_fn = _multiset_match(g_cred, p_cred)

    t.language = check("language",
                       primary_language(gold["language"]) == primary_language(pred.language),
                       gold["language"], pred.language)

    # Quotations: one-to-one, in reading order, by exact normalised text.
    golds = gold["quotes"]
    used = [False] * len(golds)
    for p_text, p_speaker in pred.quotes:
        key = norm_quote(p_text)
        match = next((i for i, g in enumerate(golds)
                      if not used[i] and norm_quote(g["text"]) == key), None)
        if match is None:
            t.quote_fp += 1
            misses.append((case.id, "quote (spurious)", "", f"“{p_text}” [{p_speaker}]"))
            continue
        used[match] = True
        g = golds[match]
        if g.get("optional"):
            continue  # neutral either way
        t.quote_tp += 1
        ok = fold_speaker(g["speaker"]) == fold_speaker(p_speaker) or (
            p_speaker is None and bool(g.get("speaker_optional")))
        if ok:
            t.speaker_correct += 1
        else:
            misses.append((case.id, "speaker", f"“{g['text']}” {g['speaker']!r}",
                           repr(p_speaker)))
    for i, g in enumerate(golds):
        if not used[i] and not g.get("optional"):
            t.quote_fn += 1
            misses.append((case.id, "quote (missed)", f"“{g['text']}” [{g['speaker']}]", ""))
    return t, misses


# --------------------------------------------------------------------------- report


def _ratio(n: int, d: int) -> float | None:
    return n / d if d else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None or p + r == 0:
        return None if p is None or r is None else 0.0
    return 2 * p * r / (p + r)


def figures(t: Tally) -> dict[str, Any]:
    qp = _ratio(t.quote_tp, t.quote_tp + t.quote_fp)
    qr = _ratio(t.quote_tp, t.quote_tp + t.quote_fn)
    return {
        "articles": t.articles,
        "pipeline_errors": t.errors,
        "ms_per_article": round(t.ms / t.articles, 2) if t.articles else None,
        "headline_accuracy": _ratio(t.headline, t.articles),
        "byline_accuracy": _ratio(t.byline_exact, t.articles),
        "author_precision": _ratio(t.author_tp, t.author_tp + t.author_fp),
        "author_recall": _ratio(t.author_tp, t.author_tp + t.author_fn),
        "dateline_accuracy": _ratio(t.dateline, t.articles),
        "credit_accuracy": _ratio(t.credit_exact, t.articles),
        "credit_precision": _ratio(t.credit_tp, t.credit_tp + t.credit_fp),
        "credit_recall": _ratio(t.credit_tp, t.credit_tp + t.credit_fn),
        "language_accuracy": _ratio(t.language, t.articles),
        "quote_precision": qp,
        "quote_recall": qr,
        "quote_f1": _f1(qp, qr),
        "speaker_accuracy": _ratio(t.speaker_correct, t.quote_tp),
        "counts": {
            "quotes": {"tp": t.quote_tp, "fp": t.quote_fp, "fn": t.quote_fn,
                       "speaker_correct": t.speaker_correct},
            "authors": {"tp": t.author_tp, "fp": t.author_fp, "fn": t.author_fn},
            "credits": {"tp": t.credit_tp, "fp": t.credit_fp, "fn": t.credit_fn},
        },
    }


ROWS = [
    ("headline accuracy", "headline_accuracy"),
    ("byline accuracy", "byline_accuracy"),
    ("  author precision", "author_precision"),
    ("  author recall", "author_recall"),
    ("dateline accuracy", "dateline_accuracy"),
    ("credit accuracy", "credit_accuracy"),
    ("  credit precision", "credit_precision"),
    ("  credit recall", "credit_recall"),
    ("language accuracy", "language_accuracy"),
    ("quote precision", "quote_precision"),
    ("quote recall", "quote_recall"),
    ("quote F1", "quote_f1"),
    ("speaker accuracy", "speaker_accuracy"),
]


def _fmt(v: Any) -> str:
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def render_table(table: dict[str, dict[str, Any]]) -> str:
    cols = list(table)
    width = max(len(label) for label, _ in ROWS) + 2
    lines = ["".ljust(width) + "".join(c.rjust(10) for c in cols)]
    extra = [("articles", "articles"), ("pipeline errors", "pipeline_errors")]
    for label, key in extra + ROWS + [("ms/article", "ms_per_article")]:
        lines.append(label.ljust(width) + "".join(_fmt(table[c][key]).rjust(10) for c in cols))
    q = {c: table[c]["counts"]["quotes"] for c in cols}
    lines.append("quotes tp/fp/fn".ljust(width) + "".join(
        f"{q[c]['tp']}/{q[c]['fp']}/{q[c]['fn']}".rjust(10) for c in cols))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--group", choices=GROUPS, help="only this group (default: all)")
    parser.add_argument("--article", metavar="TEXT",
                        help="only articles whose group/name contains TEXT")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    parser.add_argument("--json", action="store_true", help="machine-readable figures")
    parser.add_argument("--no-validate", action="store_true",
                        help="skip output validation (isolates the reader; faster)")
    parser.add_argument("--set", type=Path, default=DEVSET, metavar="DIR",
                        help="labelled set to score (same layout as tests/data/devset), e.g. "
                             "a held-out set the reader was never tuned on")
    args = parser.parse_args(argv)

    groups = (args.group,) if args.group else GROUPS
    cases = load_cases(groups, args.set.resolve())
    if args.article:
        cases = [c for c in cases if args.article in c.id]
    made = make_pipeline(validate=not args.no_validate)
    if made is None:
        print("nothing to measure: neither newsml_tools.convert nor newsml_tools.reader "
              "imports yet", file=sys.stderr)
        return 0
    label, pipeline = made

    if cases:  # warm-up, untimed: schema compilation and imports are one-off costs
        run(pipeline, cases[0])
    tallies: dict[str, Tally] = {g: Tally() for g in groups}
    misses: list[Miss] = []
    for case in cases:
        t, m = score(case, run(pipeline, case))
        tallies[case.group].add(t)
        misses.extend(m)
    overall = Tally()
    for t in tallies.values():
        overall.add(t)
    table = {g: figures(t) for g, t in tallies.items() if t.articles}
    if len(table) > 1:
        table["overall"] = figures(overall)

    if args.json:
        out: dict[str, Any] = {"pipeline": label, "groups": table}
        if args.verbose:
            out["misses"] = [dict(zip(("article", "field", "gold", "predicted"), m, strict=True))
                             for m in misses]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0

    print(f"pipeline: {label}")
    print(f"set:      {args.set} ({len(cases)} articles)\n")
    if table:
        print(render_table(table))
    if args.verbose and misses:
        print("\nmisses (article, field: gold | predicted):")
        for article, fld, g, p in misses:
            print(f"  {article}  {fld}: {g} | {p}")
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # a measurement never fails the caller
        print(f"eval_extraction: {type(exc).__name__}: {exc}", file=sys.stderr)
    sys.exit(0)
