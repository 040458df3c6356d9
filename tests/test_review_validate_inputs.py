"""Review: `newsml validate` on folders and globs that hold special files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

NINJS = b'{"uri": "urn:a:b"}'


@pytest.mark.parametrize("how", ["dir", "glob"])
def test_fifo_inside_a_walked_folder_is_skipped_not_waited_on(tmp_path: Path, how: str) -> None:
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    (feeds / "item.json").write_bytes(NINJS)
    os.mkfifo(feeds / "stray.xml")  # no writer will ever come: opening it would block
    target = str(feeds) if how == "dir" else str(feeds / "*")
    proc = subprocess.run(
        [sys.executable, "-m", "newsml_tools", "validate", target, "-j", "1"],
        capture_output=True, text=True, timeout=60,
    )
    assert "1 file checked" in proc.stdout, proc.stdout + proc.stderr
    assert "stray.xml" not in proc.stdout
    assert proc.returncode == 0, proc.stdout + proc.stderr
