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


@pytest.mark.parametrize("where", ["proc", "file-parent"])
def test_unwritable_output_dir_is_a_clear_error_not_a_bug(tmp_path: Path, where: str) -> None:
    if where == "proc":
        out = "/proc/newsml-review-cannot-exist"
    else:
        blocker = tmp_path / "plain-file"
        blocker.write_text("x")
        out = str(blocker / "sub")  # a folder below a file
    result = CliRunner().invoke(main, ["convert", str(EXAMPLE), "-o", out,
                                       "--date", "2024-06-19"])
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output
    assert "cannot write" in result.output and str(EXAMPLE) in result.output


def test_unwritable_output_does_not_stop_the_other_inputs(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Other headline\n\nA paragraph of text.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "putin-north-korea.jsonld").mkdir()  # a folder where the output file should go
    result = CliRunner().invoke(main, ["convert", str(EXAMPLE), str(other), "-o", str(out),
                                       "--date", "2024-06-19"])
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output
    assert (out / "other.jsonld").is_file() and (out / "other.newsml.xml").is_file()
