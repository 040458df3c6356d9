"""Shared fixtures: where the repository, the example and the shared standards live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "putin-north-korea.txt"


def _find_standards() -> Path:
    """The official IPTC corpora: $NEWSML_STANDARDS, else ../shared/standards beside the
    checkout (as CI lays it out), else the workplace copy."""
    if os.environ.get("NEWSML_STANDARDS"):
        return Path(os.environ["NEWSML_STANDARDS"])
    for candidate in (ROOT.parent / "shared" / "standards", Path("/work/shared/standards")):
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "standards"


STANDARDS = _find_standards()
UPDATE_GOLDEN = os.environ.get("NEWSML_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def standards() -> Path:
    if not STANDARDS.is_dir():
        pytest.skip(f"official IPTC standards not found at {STANDARDS} (set NEWSML_STANDARDS)")
    return STANDARDS
