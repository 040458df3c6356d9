"""Shared fixtures: where the repository, the example and the shared standards live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "putin-north-korea.txt"
# The official IPTC test corpora live beside the repository (../shared/standards), as in CI.
STANDARDS = Path(os.environ.get("NEWSML_STANDARDS", ROOT.parent / "shared" / "standards"))
UPDATE_GOLDEN = os.environ.get("NEWSML_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def standards() -> Path:
    if not STANDARDS.is_dir():
        pytest.skip(f"official IPTC standards not found at {STANDARDS} (set NEWSML_STANDARDS)")
    return STANDARDS
