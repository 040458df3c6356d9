"""Review: bad conversion options and environment are usage errors (exit 2), not bugs."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE
from newsml_tools.cli import main


@pytest.mark.parametrize("value", ["garbage", "99999999999999999999", "1.5"])
@pytest.mark.parametrize("command", ["convert", "batch"])
def test_garbage_source_date_epoch_is_a_usage_error(tmp_path: Path, value: str,
                                                    command: str) -> None:
    args = ([command, str(EXAMPLE), "-o", str(tmp_path / "out")]
            + (["-j", "1", "--quiet"] if command == "batch" else []))
    result = CliRunner().invoke(main, args, env={"SOURCE_DATE_EPOCH": value})
    assert result.exit_code == 2, result.output
    assert "SOURCE_DATE_EPOCH" in result.output
    assert "internal error" not in result.output and "a bug" not in result.output
    assert not (tmp_path / "out" / "putin-north-korea.newsml.xml").exists()


def test_garbage_source_date_epoch_is_ignored_when_date_is_given(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["convert", str(EXAMPLE), "-o", str(tmp_path), "--date", "2024-06-19"],
        env={"SOURCE_DATE_EPOCH": "garbage"})
    assert result.exit_code == 0, result.output
