#!/usr/bin/env python3
"""Snapshot every field the plain-text reader extracts, to prove a refactor changes nothing.

    python benchmarks/reader_snapshot.py --save benchmarks/_work/reader-snapshot.json
    python benchmarks/reader_snapshot.py --check benchmarks/_work/reader-snapshot.json

Inputs: examples/*.txt, tests/data/devset/**/*.txt, benchmarks/heldout/**/*.txt,
tests/golden/**/*.txt, /work/shared/corpora/** (when present), the first 2,000 articles of
benchmarks/_work/batch/corpus-20000.tar.gz (when present) and 1,000 seeded random texts
(snippets of those inputs mixed with quotation marks, line breaks, "said", names and
unusual unicode). ``--save`` stores each input text next to its output, so ``--check``
replays exactly the saved inputs even when the files in the tree have changed since.
``--check`` exits 1 at the first input whose output differs, naming the field.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from newsml_tools.reader import read_article

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPORA = ROOT.parent / "shared" / "corpora"
BATCH_CORPUS = ROOT / "benchmarks" / "_work" / "batch" / "corpus-20000.tar.gz"
BATCH_COUNT = 2000
RANDOM_COUNT = 1000
SEED = 20240619

_MARKS = ["“", "”", "„", "«", "»", '"', "'", "‘", "’", "‹", "›", "「", "」"]
_WORDS = [
    "said", "says", "told reporters", "according to", "added", "sagte", "a déclaré",
    "dijo", "Mr.", "Dr.", "Jane Doe", "John Smith", "Maria Keller", "Tomás Rivera",
    "the minister", "a spokesman", "Reuters", "AP", "he", "she", "they", "—", "-", ":",
    ",", ".", "(", ")", "\n", "\n\n", "\r\n", "\t", "  ", "é", "ß", "Ω", "中文", "😀",
    "\u200b", "\u00a0", "e\u0301", "ǅ", "İ", "\ufeff", "By", "PARIS (Reuters) -",
]


def file_inputs() -> list[tuple[str, str]]:
    """(name, text) for every plain-text input file in the tree, in a stable order."""
    patterns = [
        (ROOT / "examples", "*.txt"),
        (ROOT / "tests" / "data" / "devset", "**/*.txt"),
        (ROOT / "benchmarks" / "heldout", "**/*.txt"),
        (ROOT / "tests" / "golden", "**/*.txt"),
    ]
    paths = [p for base, pat in patterns for p in sorted(base.glob(pat))]
    if SHARED_CORPORA.is_dir():
        paths += sorted(p for p in SHARED_CORPORA.rglob("*") if p.is_file())
    out = []
    for p in paths:
        text = p.read_bytes().decode("utf-8", "replace")
        out.append((str(p.relative_to(ROOT.parent)), text))
    return out


def batch_inputs() -> list[tuple[str, str]]:
    if not BATCH_CORPUS.exists():
        return []
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_batch import corpus_members

    members = corpus_members(BATCH_CORPUS, BATCH_COUNT)
    return [(f"batch:{n}", d.decode("utf-8", "replace")) for n, d in members]


def random_text(rng: random.Random, seeds: list[str]) -> str:
    """A mix of real snippets and the characters the reader's rules turn on."""
    parts: list[str] = []
    for _ in range(rng.randint(1, 40)):
        r = rng.random()
        if r < 0.4 and seeds:
            src = rng.choice(seeds)
            a = rng.randrange(len(src) + 1)
            parts.append(src[a : a + rng.randint(0, 400)])
        elif r < 0.65:
            parts.append(rng.choice(_MARKS))
        elif r < 0.9:
            parts.append(" " + rng.choice(_WORDS) + " ")
        else:
            parts.append(chr(rng.randint(1, 0x2FFF)))
    return "".join(parts)


def random_inputs(seeds: list[str]) -> list[tuple[str, str]]:
    rng = random.Random(SEED)
    return [(f"random:{i}", random_text(rng, seeds)) for i in range(RANDOM_COUNT)]


def all_inputs() -> list[tuple[str, str]]:
    files = file_inputs()
    batch = batch_inputs()
    seeds = [t for _n, t in files + batch[:200] if t]
    return files + batch + random_inputs(seeds)


def read(name: str, text: str) -> dict[str, Any]:
    """The reader's output as plain JSON data (dates and enums as their repr)."""
    out = read_article(text, source_name=name).to_dict()
    return json.loads(json.dumps(out, default=repr))


def first_difference(old: Any, new: Any, path: str = "") -> str | None:
    if type(old) is not type(new):
        return f"{path or '<root>'}: {old!r} != {new!r}"
    if isinstance(old, dict):
        for k in sorted(set(old) | set(new), key=str):
            if k not in old or k not in new:
                return f"{path}.{k}: only in {'new' if k in new else 'old'}"
            diff = first_difference(old[k], new[k], f"{path}.{k}")
            if diff:
                return diff
        return None
    if isinstance(old, list):
        for i, (a, b) in enumerate(zip(old, new, strict=False)):
            diff = first_difference(a, b, f"{path}[{i}]")
            if diff:
                return diff
        return None if len(old) == len(new) else f"{path}: length {len(old)} != {len(new)}"
    return None if old == new else f"{path or '<root>'}: {old!r} != {new!r}"


def save(path: Path) -> int:
    inputs = all_inputs()
    start = time.perf_counter()
    rows = [[name, text, read(name, text)] for name, text in inputs]
    took = time.perf_counter() - start
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows, ensure_ascii=True), encoding="ascii")
    print(f"saved {len(rows)} outputs to {path} ({took:.1f} s reading)")
    return 0


def check(path: Path) -> int:
    rows = json.loads(path.read_text(encoding="ascii"))
    start = time.perf_counter()
    for name, text, expected in rows:
        got = read(name, text)
        if got != expected:
            print(f"DIFFERS: {name}\n  {first_difference(expected, got)}")
            return 1
    took = time.perf_counter() - start
    print(f"all {len(rows)} outputs identical ({took:.1f} s reading)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, metavar="FILE")
    group.add_argument("--check", type=Path, metavar="FILE")
    args = parser.parse_args()
    return save(args.save) if args.save else check(args.check)


if __name__ == "__main__":
    raise SystemExit(main())
