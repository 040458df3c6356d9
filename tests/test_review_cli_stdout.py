"""Review: a full disk behind standard output is an I/O error, not an internal error."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import EXAMPLE


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [
    ["convert", str(EXAMPLE), "--to", "jsonld", "--date", "2024-06-19"],
    ["inspect", str(EXAMPLE)],
    ["rules"],
])
def test_stdout_on_a_full_device(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "newsml_tools", *args], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    assert "Exception ignored" not in proc.stderr
    assert "No space left on device" in proc.stderr
