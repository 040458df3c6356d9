"""Review: an empty or whitespace-only article gets one clear error naming the input, not
JSON Schema errors about a '.jsonld' file that was never written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsml_tools import ConvertOptions, convert_text
from newsml_tools.cli import main


@pytest.mark.parametrize("text", ["", "   \n\n\t\n", "\ufeff", "\r\n\r\n"])
def test_empty_article_is_one_clear_error(text: str) -> None:
    conv = convert_text(text, ConvertOptions(formats=("newsml-g2", "jsonld", "nitf", "ninjs")),
                        source_name="empty.txt")
    assert not conv.ok and not conv.outputs
    errors = [f for f in conv.findings if f.severity.value == "error"]
    assert [f.rule for f in errors] == ["CV004"], conv.findings
    assert errors[0].file == "empty.txt"
    assert not [f for f in conv.findings if f.rule == "CV001"]  # no date noise either


def test_cli_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"   \n")
    result = CliRunner().invoke(main, ["convert", str(empty), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert f"{empty}: error [CV004]" in result.output
    assert "json-schema" not in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_cv004_is_listed_by_rules() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert "CV004" in result.output
