"""Review: --files-from is read through a bound (a list, not a stream without end)."""

from __future__ import annotations

import subprocess
import sys


def test_files_from_dev_zero_is_refused_not_read_forever() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "newsml_tools", "validate", "--files-from", "/dev/zero"],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    assert "--files-from" in proc.stderr and "too large" in proc.stderr
    assert "Traceback" not in proc.stderr
