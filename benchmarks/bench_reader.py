#!/usr/bin/env python3
"""How fast is the plain-text reader? Run by hand:

    python benchmarks/bench_reader.py [--repeat 200] [--file PATH ...]

Prints ms per article for ``read_article`` and, measured in the same run on the same
texts, for a trivial baseline (``text.split("\\n\\n")`` plus one regex scan for quotation
marks), with the ratio between them. Target: a 1,000-word article well under 5 ms on one
core. Timings are CPU time (process_time), best three of five runs, so other work on a
shared machine disturbs them less.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from newsml_tools.reader import read_article

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "putin-north-korea.txt"
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
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in args.file] if args.file else [wire_article()]
    words = statistics.mean(len(t.split()) for t in texts)
    for t in texts:  # warm caches and compiled patterns
        read_article(t)
    reader_ms = per_call_ms(read_article, texts, args.repeat)
    base_ms = per_call_ms(baseline, texts, args.repeat * 10)
    print(f"articles: {len(texts)}, mean words: {words:.0f}")
    print(f"read_article: {reader_ms:.3f} ms/article")
    print(f"baseline (split + quote-mark scan): {base_ms:.4f} ms/article")
    print(f"ratio reader/baseline: {reader_ms / base_ms:.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
