"""Golden files for the converters: each input in tests/golden/convert/ with its outputs.

Regenerate on purpose with ``NEWSML_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py``
and review the diff like any other change.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import ROOT, UPDATE_GOLDEN
from newsml_tools.convert import ALL_FORMATS, OUTPUT_SUFFIX, ConvertOptions, convert_text

CASES = ROOT / "tests" / "golden" / "convert"
INPUTS = sorted(CASES.glob("*.txt"))
# A fixed date for inputs without a Date: header, and a fixed provider, so goldens are stable.
OPTIONS = ConvertOptions(formats=ALL_FORMATS, provider="newsml-tools-tests")
FIXED_DATE = datetime(2024, 6, 19, 8, 30, tzinfo=timezone.utc)


def _convert(path: Path) -> dict[str, bytes]:
    text = path.read_text(encoding="utf-8")
    conv = convert_text(text, OPTIONS, source_name=path.name)
    if any(f.rule == "CV001" for f in conv.findings):  # no date in the text: pin one
        conv = convert_text(
            text,
            ConvertOptions(formats=ALL_FORMATS, provider=OPTIONS.provider, date=FIXED_DATE),
            source_name=path.name,
        )
    assert conv.ok, [str(f) for f in conv.findings]
    assert tuple(conv.outputs) == ALL_FORMATS
    return conv.outputs


def test_there_are_enough_golden_cases() -> None:
    assert len(INPUTS) >= 7


@pytest.mark.parametrize("path", INPUTS, ids=[p.stem for p in INPUTS])
def test_golden(path: Path) -> None:
    outputs = _convert(path)
    stem = path.name[: -len(".txt")]
    for fmt, data in outputs.items():
        expected_path = CASES / f"{stem}{OUTPUT_SUFFIX[fmt]}"
        if UPDATE_GOLDEN:
            expected_path.write_bytes(data)
        assert expected_path.exists(), f"missing golden {expected_path.name}; see module doc"
        assert data.decode("utf-8") == expected_path.read_text(encoding="utf-8")
