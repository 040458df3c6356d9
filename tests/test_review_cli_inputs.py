"""Review: odd inputs to `newsml convert` / `inspect` end with a clear error, never a hang,
an unbounded read or a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsml_tools.cli import main

LIMIT = 16 * 1024 * 1024  # documented as "too large" (exit 2); same bound as batch inputs


@pytest.mark.parametrize("command", ["convert", "inspect"])
def test_dev_zero_is_refused_as_too_large_not_read_forever(command: str) -> None:
    # a subprocess: an unbounded read would otherwise eat the test runner's memory
    proc = subprocess.run(
        [sys.executable, "-m", "newsml_tools", command, "/dev/zero",
         *(["--to", "jsonld"] if command == "convert" else [])],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    assert "/dev/zero" in proc.stderr and "too large" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("command", ["convert", "inspect"])
def test_oversized_file_is_refused_unread(tmp_path: Path, command: str) -> None:
    big = tmp_path / "huge story.txt"
    with big.open("wb") as fh:  # sparse: no disk used
        fh.truncate(LIMIT + 1)
    extra = ["--to", "jsonld"] if command == "convert" else []
    result = CliRunner().invoke(main, [command, str(big), *extra])
    assert result.exit_code == 2, result.output
    assert f"{big}: too large" in result.output


def test_oversized_stdin_is_refused() -> None:
    result = CliRunner().invoke(main, ["convert", "-", "--to", "jsonld"],
                                input=b"x" * (LIMIT + 1))
    assert result.exit_code == 2, result.output
    assert "<stdin>: too large" in result.output


def test_file_at_the_limit_is_still_read(tmp_path: Path) -> None:
    ok = tmp_path / "story.txt"
    ok.write_bytes(b"Headline\n\n" + b" " * (LIMIT - 10))
    result = CliRunner().invoke(main, ["inspect", str(ok)])
    assert result.exit_code == 0, result.output

