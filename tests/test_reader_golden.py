"""Golden cases: ``tests/data/reader/<name>.txt`` read into the fields in ``<name>.json``.

A new case is a new pair of files. To (re)write the expected files on purpose after
checking the reader's output by eye: ``python tests/test_reader_golden.py --regenerate``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from newsml_tools.reader import read_article

DATA = Path(__file__).resolve().parent / "data" / "reader"
CASES = sorted(DATA.glob("*.txt"))


def summary(text: str) -> dict[str, Any]:
    art = read_article(text)
    return {
        "headline": art.headline,
        "authors": [b.name for b in art.bylines],
        "dateline": art.dateline.text if art.dateline else None,
        "credits": [m.credit for m in art.media if m.credit],
        "contributors": [[c.name, c.role] for c in art.contributors],
        "language": art.language,
        "quotes": [[q.text, q.speaker] for q in art.quotes],
    }


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_golden(path: Path) -> None:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert summary(path.read_text(encoding="utf-8")) == expected


if __name__ == "__main__" and "--regenerate" in sys.argv:
    for case in CASES:
        got = summary(case.read_text(encoding="utf-8"))
        out = json.dumps(got, ensure_ascii=False, indent=2) + "\n"
        case.with_suffix(".json").write_text(out, encoding="utf-8")
        print(f"wrote {case.with_suffix('.json').name}")
