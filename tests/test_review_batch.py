"""Review: `newsml batch` with a --report that cannot be written fails up front (exit 2),
before any input is converted, instead of losing the report at the end (exit 123)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsml_tools.cli import main


@pytest.fixture
def source(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("A headline\n\nA paragraph of text.\n", encoding="utf-8")
    return src


@pytest.mark.parametrize("where", ["dest-itself", "a-folder", "proc", "below-a-file"])
def test_unwritable_report_is_a_usage_error_before_converting(tmp_path: Path, source: Path,
                                                              where: str) -> None:
    dest = tmp_path / "out"
    if where == "dest-itself":
        report = str(dest)
    elif where == "a-folder":
        (tmp_path / "folder").mkdir()
        report = str(tmp_path / "folder")
    elif where == "proc":
        report = "/proc/newsml-review-report.jsonl"
    else:
        (tmp_path / "plain").write_text("x")
        report = str(tmp_path / "plain" / "report.jsonl")
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(dest), "--report",
                                       report, "-j", "1", "--quiet"])
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output
    assert "report" in result.output
    assert not (dest / "a.jsonld").exists()  # nothing converted whose record would be lost
    assert not list(tmp_path.glob(".newsml-tmp-*"))


@pytest.mark.parametrize("dest_name", ["out", "out.zip"])
def test_file_name_that_is_not_utf8_keeps_its_record(tmp_path: Path, dest_name: str) -> None:
    import json
    import os

    src = tmp_path / "src"
    src.mkdir()
    raw = os.fsencode(str(src)) + b"/sur\xffname.txt"  # a Latin-1 name on a UTF-8 system
    with open(raw, "wb") as fh:
        fh.write(b"A headline\n\nA paragraph of text.\n")
    (src / "plain.txt").write_text("Another headline\n\nMore text.\n", encoding="utf-8")
    dest = tmp_path / dest_name
    args = ["batch", str(src), "-o", str(dest), "-j", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    report = (dest / "batch-report.jsonl" if dest_name == "out"
              else tmp_path / "out.report.jsonl")
    recs = [json.loads(line) for line in report.read_bytes().decode("utf-8").splitlines()]
    assert sorted(r["status"] for r in recs) == ["ok", "ok"]
    assert "sur\udcffname.txt" in {r["id"] for r in recs}
    if dest_name == "out":  # and --resume recognises it
        again = CliRunner().invoke(main, [*args, "--resume", "--quiet"])
        assert again.exit_code == 0, again.output
        recs = [json.loads(line) for line in report.read_text("utf-8").splitlines()]
        assert sorted(r["status"] for r in recs) == ["skipped", "skipped"]


def test_outputs_never_go_through_a_symlink_out_of_dest(tmp_path: Path) -> None:
    import json
    import os

    src = tmp_path / "src"
    (src / "d").mkdir(parents=True)
    (src / "d" / "s.txt").write_text("A headline\n\nA paragraph.\n", encoding="utf-8")
    (src / "d" / "empty.txt").write_text("", encoding="utf-8")  # invalid: stale cleanup
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "empty.jsonld").write_text("precious")  # must not be 'cleaned up'
    dest = tmp_path / "dest"
    dest.mkdir()
    os.symlink(outside, dest / "d")
    result = CliRunner().invoke(main, ["batch", str(src), "-o", str(dest), "-j", "1",
                                       "--quiet"])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in outside.iterdir()) == ["empty.jsonld"]
    assert (outside / "empty.jsonld").read_text() == "precious"
    recs = [json.loads(line) for line in (dest / "batch-report.jsonl").read_text().splitlines()]
    assert {r["id"]: r["status"] for r in recs} == {"d/empty.txt": "error", "d/s.txt": "error"}
    assert all("outside DEST" in r["error"] for r in recs)


@pytest.mark.parametrize("resume", [False, True])
def test_manifest_symlink_in_dest_is_not_followed(tmp_path: Path, source: Path,
                                                  resume: bool) -> None:
    import os

    victim = tmp_path / "victim"
    victim.write_text("precious")
    dest = tmp_path / "dest"
    dest.mkdir()
    os.symlink(victim, dest / ".newsml-manifest.jsonl")
    args = ["batch", str(source), "-o", str(dest), "-j", "1", "--quiet"]
    result = CliRunner().invoke(main, args + (["--resume"] if resume else []))
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "precious"
    assert not (dest / ".newsml-manifest.jsonl").is_symlink()
