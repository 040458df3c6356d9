"""`newsml validate --schema-only`: the schemas' verdict alone, as xmllint gives it."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from newsml_tools.cli import main

GOOD = Path(__file__).parent / "data" / "validation" / "positive" / "newsml-g2"
GOOD = GOOD / "news-item-nitf.xml"


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_rules_beyond_the_schema_are_not_computed(tmp_path: Path) -> None:
    # a schema-valid item whose versionCreated has no time zone: NG003, not a schema error
    no_zone = re.sub(rb"(<versionCreated>[^<]*?)Z<", rb"\1<", GOOD.read_bytes())
    path = _write(tmp_path, "no-zone.xml", no_zone)
    full = CliRunner().invoke(main, ["validate", "-j", "1", path])
    assert full.exit_code == 1 and "NG003" in full.output
    schema_only = CliRunner().invoke(main, ["validate", "-j", "1", "--schema-only", path])
    assert schema_only.exit_code == 0, schema_only.output
    assert "NG003" not in schema_only.output


def test_schema_errors_and_parse_errors_still_fail(tmp_path: Path) -> None:
    bad_schema = GOOD.read_bytes().replace(b"<itemMeta>", b"<itemMeta><bogus/>", 1)
    broken = GOOD.read_bytes()[:-40]
    paths = [_write(tmp_path, "schema.xml", bad_schema), _write(tmp_path, "cut.xml", broken)]
    result = CliRunner().invoke(main, ["validate", "--schema-only", "-f", "json", *paths])
    assert result.exit_code == 1
    assert '"xsd"' in result.output and '"parse"' in result.output


def test_cache_keeps_the_two_modes_apart(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSML_CACHE_DIR", str(tmp_path / "cache"))
    no_zone = re.sub(rb"(<versionCreated>[^<]*?)Z<", rb"\1<", GOOD.read_bytes())
    path = _write(tmp_path, "no-zone.xml", no_zone)
    runner = CliRunner()
    assert runner.invoke(main, ["validate", "--cache", "--schema-only", path]).exit_code == 0
    assert runner.invoke(main, ["validate", "--cache", path]).exit_code == 1
    assert runner.invoke(main, ["validate", "--cache", "--schema-only", path]).exit_code == 0
