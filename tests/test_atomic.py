"""Atomic writes: whole files or nothing, with ordinary permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from newsml_tools.atomic import FILE_MODE, TEMP_PREFIX, write_atomic


def test_writes_creates_parents_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "out.xml"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["out.xml"]


def test_outputs_get_the_mode_open_would_give(tmp_path: Path) -> None:
    target = write_atomic(tmp_path / "out.jsonld", b"{}")
    assert stat.S_IMODE(os.stat(target).st_mode) == FILE_MODE
    assert FILE_MODE & stat.S_IRUSR


def test_a_failed_write_leaves_no_temp_file_and_no_target(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(tmp_path / "out.xml", b"data")
    assert not any(p.name.startswith(TEMP_PREFIX) for p in tmp_path.iterdir())
    assert not (tmp_path / "out.xml").exists()


def test_a_leftover_temp_name_is_never_reused_or_followed(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import itertools

    import newsml_tools.atomic as atomic

    monkeypatch.setattr(atomic, "_serial", itertools.count(0))
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep")
    folder = tmp_path / "dest"
    folder.mkdir()
    (folder / f"{TEMP_PREFIX}{os.getpid()}.0").symlink_to(outside)  # planted or left over
    (folder / f"{TEMP_PREFIX}{os.getpid()}.1").write_bytes(b"old temp")
    write_atomic(folder / "out.xml", b"new")
    assert (folder / "out.xml").read_bytes() == b"new"
    assert outside.read_bytes() == b"keep"
    assert (folder / f"{TEMP_PREFIX}{os.getpid()}.1").read_bytes() == b"old temp"
