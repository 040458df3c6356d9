#!/usr/bin/env python3
"""How fast is the plain-text reader? Run by hand:

    python benchmarks/bench_reader.py [--repeat 200] [--file PATH ... | --corpus] [--cold]

Prints ms per article for ``read_article`` and, measured in the same run on the same
texts, for a trivial baseline (``text.split("\\n\\n")`` plus one regex scan for quotation
marks), with the ratio between them. By default the text is the example article's body
repeated to 1,071 words under wire furniture; ``--corpus`` times the dev set
(``tests/data/devset``) plus the Wikinews corpus (``/work/shared/corpora/wikinews-gum``,
when present), one pass over all articles per repeat, and reports each set's mean words
per article. ``--cold`` empties the reader's small caches (names, credits) before every
article, as when a bulk run meets only new articles. Target: the reader well under
0.5 ms for a typical 400-700-word article (bulk conversion needs ~1 ms per article per
core for read + render + validate). Timings are CPU time (process_time), best three of
five runs, so other work on a shared machine disturbs them less.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import newsml_tools.reader
from newsml_tools.reader import read_article

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "putin-north-korea.txt"
DEVSET = ROOT / "tests" / "data" / "devset"
WIKINEWS = Path("/work/shared/corpora/wikinews-gum")
_MARKS = re.compile(r"[“”„«»\"]")


def wire_article(words: int = 1000) -> str:
    """The example article's body repeated to ``words`` words, under wire furniture."""
    body = EXAMPLE.read_text(encoding="utf-8").split("\n\n")[2:]
    paras: list[str] = []
    while sum(len(p.split()) for p in paras) < words:
        paras.extend(body)
    out: list[str] = []
    count = 0
    for p in paras:
        if count >= words:
            break
        out.append(p)
        count += len(p.split())
    head = (
        "Putin visits North Korea\n\nBy JANE DOE and JOHN ROE, Reuters\n\n"
        "Putin met Kim. REUTERS/Kevin Lamarque\n\nPYONGYANG, June 19 (Reuters) - "
    )
    foot = "\n\n(Reporting by Jane Doe; Editing by Will Wu)"
    return head + "\n\n".join(out) + foot


def corpus_sets() -> dict[str, list[str]]:
    """The dev set and the Wikinews corpus (when present), each file one article."""
    sets = {
        "devset": sorted(DEVSET.rglob("*.txt")),
        "wikinews": sorted(WIKINEWS.glob("*.txt")) if WIKINEWS.is_dir() else [],
    }
    return {k: [p.read_text(encoding="utf-8") for p in v] for k, v in sets.items() if v}


def _reader_caches() -> list[Callable[[], None]]:
    out = []
    for info in pkgutil.iter_modules(newsml_tools.reader.__path__):
        mod = importlib.import_module(f"newsml_tools.reader.{info.name}")
        out += [v.cache_clear for v in vars(mod).values() if hasattr(v, "cache_clear")]
    return out


def cold_reader() -> Callable[[str], object]:
    clears = _reader_caches()

    def read_cold(text: str) -> object:
        for clear in clears:
            clear()
        return read_article(text)

    return read_cold


def baseline(text: str) -> int:
    return sum(len(_MARKS.findall(block)) for block in text.split("\n\n"))


def per_call_ms(fn: Callable[[str], object], texts: list[str], repeat: int) -> float:
    runs = []
    for _ in range(5):
        start = time.process_time()
        for _ in range(repeat):
            for t in texts:
                fn(t)
        runs.append((time.process_time() - start) * 1000 / (repeat * len(texts)))
    return statistics.median(sorted(runs)[:3])  # best three of five, then the middle one


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--file", type=Path, nargs="*", help="articles to time instead")
    parser.add_argument(
        "--corpus", action="store_true", help="time the dev set and Wikinews corpus instead"
    )
    parser.add_argument(
        "--cold", action="store_true", help="empty the reader's caches before every article"
    )
    args = parser.parse_args()
    if args.corpus:
        sets = corpus_sets()
    elif args.file:
        sets = {"files": [p.read_text(encoding="utf-8") for p in args.file]}
    else:
        sets = {"wire article": [wire_article()]}
    reader = cold_reader() if args.cold else read_article
    for name, texts in sets.items():
        words = statistics.mean(len(t.split()) for t in texts)
        for t in texts:  # warm caches and compiled patterns
            read_article(t)
        repeat = max(1, args.repeat // len(texts)) if args.corpus else args.repeat
        reader_ms = per_call_ms(reader, texts, repeat)
        base_ms = per_call_ms(baseline, texts, repeat * 10)
        if len(sets) > 1 or args.corpus:
            print(f"[{name}]")
        print(f"articles: {len(texts)}, mean words: {words:.0f}")
        print(f"read_article{' (cold caches)' if args.cold else ''}: {reader_ms:.3f} ms/article")
        print(f"baseline (split + quote-mark scan): {base_ms:.4f} ms/article")
        print(f"ratio reader/baseline: {reader_ms / base_ms:.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
