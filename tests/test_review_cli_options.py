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


BAD_OPTIONS = [
    ("--lang", "x y"), ("--lang", "en_US"), ("--lang", "\x01"),
    ("--provider", ":"), ("--provider", "a:"), ("--provider", ":b"), ("--provider", " "),
    ("--provider", "a\nb"), ("--provider", "\x01"),
    ("--guid", "not a uri"), ("--guid", "a"), ("--guid", "urn:a:\x01"),
]


@pytest.mark.parametrize(("option", "value"), BAD_OPTIONS)
def test_malformed_conversion_option_is_a_usage_error(tmp_path: Path, option: str,
                                                      value: str) -> None:
    result = CliRunner().invoke(main, ["convert", str(EXAMPLE), "-o", str(tmp_path),
                                       "--date", "2024-06-19", option, value])
    assert result.exit_code == 2, result.output
    assert option in result.output
    assert "writer failed" not in result.output and "[xsd]" not in result.output
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(("option", "value"), [o for o in BAD_OPTIONS if o[0] != "--guid"])
def test_malformed_conversion_option_stops_batch_before_any_input(tmp_path: Path, option: str,
                                                                  value: str) -> None:
    result = CliRunner().invoke(main, ["batch", str(EXAMPLE.parent), "-o",
                                       str(tmp_path / "out"), "-j", "1", "--quiet",
                                       option, value])
    assert result.exit_code == 2, result.output
    assert option in result.output
    assert not (tmp_path / "out").exists()


def test_malformed_provider_from_the_environment_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["convert", str(EXAMPLE), "-o", str(tmp_path),
                                       "--date", "2024-06-19"], env={"NEWSML_PROVIDER": "::"})
    assert result.exit_code == 2, result.output


@pytest.mark.parametrize(("option", "value"), [
    ("--lang", "pt-BR"), ("--lang", "und"), ("--lang", "zh-Hant-TW"),
    ("--provider", "Acme News"), ("--provider", "nprov:AFP"), ("--provider", '<a&"b>'),
    ("--provider", "x y:z"), ("--guid", "urn:x"), ("--guid", "tag:example.com,2024:1"),
])
def test_well_formed_conversion_options_still_convert(tmp_path: Path, option: str,
                                                      value: str) -> None:
    result = CliRunner().invoke(main, ["convert", str(EXAMPLE), "-o", str(tmp_path),
                                       "--date", "2024-06-19", option, value])
    assert result.exit_code == 0, result.output
