"""Locate the vendored schemas, installed (wheel) or from a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def schemas_dir() -> Path:
    """The ``schemas/`` folder: inside the installed package, else the repository root."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "schemas", here.parent.parent / "schemas"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "newsml-tools schemas not found: the package is incomplete (reinstall it)"
    )


def schema_path(*parts: str) -> Path:
    """Path of a vendored schema file, e.g. ``schema_path("nitf", "3.6", "nitf-3-6.xsd")``."""
    path = schemas_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"vendored schema missing: {path}")
    return path
