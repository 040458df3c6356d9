"""``kill -9`` in the middle of ``newsml batch``, then ``--resume``: nothing lost or doubled."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import etree

from newsml_tools.batch.manifest import MANIFEST_NAME
from newsml_tools.convert import ConvertOptions, convert_text

N = 400


def article(i: int) -> str:
    return (
        f"Harbour board approves berth {i}\n\n"
        f"By Sam Lee\n\n"
        f"OSLO, March 3 (Reuters) - The harbour board approved berth {i} on Monday for "
        f"{i + 7} container ships a week.\n\n"
        f"“It is a fine day for the port,” said chair Kari Nordmann.\n"
    )


def batch_cmd(src: Path, dest: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "newsml_tools", "batch", str(src), "-o", str(dest), "-q",
            *extra]


@pytest.mark.slow
def test_kill_9_then_resume(tmp_path):
    src = tmp_path / "src"
    for i in range(N):
        path = src / f"d{i % 7}" / f"{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(i), encoding="utf-8")
    dest = tmp_path / "out"
    env = {**os.environ, "CI": "true"}

    proc = subprocess.Popen(batch_cmd(src, dest, "-j", "1", "--chunk-size", "4"), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if dest.exists() and sum(1 for _ in dest.rglob("*.jsonld")) >= 40:
            break
        time.sleep(0.005)
    assert proc.poll() is None, f"finished before it could be killed: {proc.stderr.read()!r}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    done_before = sum(1 for _ in dest.rglob("*.jsonld"))
    assert 40 <= done_before < N
    assert not (dest / "batch-report.jsonl").exists()  # the run really was cut short
    assert (dest / MANIFEST_NAME).exists()

    res = subprocess.run(batch_cmd(src, dest, "-j", "2", "--resume"), env=env,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr

    report = [json.loads(line) for line in (dest / "batch-report.jsonl").read_text().splitlines()]
    ids = [r["id"] for r in report]
    assert len(ids) == N and len(set(ids)) == N
    statuses = [r["status"] for r in report]
    assert set(statuses) == {"ok", "skipped"}
    assert statuses.count("skipped") >= 30  # finished work was not redone
    manifest = (dest / MANIFEST_NAME).read_text().splitlines()
    assert len(manifest) == N  # compacted: one line per input
    assert not list(dest.rglob(".newsml-tmp-*"))

    outputs = sorted(p for p in dest.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert len(outputs) == 2 * N + 1  # two formats per input, plus the report
    for rec in report:
        stem = rec["id"][: -len(".txt")]
        xml = (dest / f"{stem}.newsml.xml").read_bytes()
        etree.fromstring(xml)
        json.loads((dest / f"{stem}.jsonld").read_bytes())
    for i in range(0, N, 37):  # byte-for-byte against a direct conversion
        rel = f"d{i % 7}/{i:04d}"
        conv = convert_text(article(i), ConvertOptions(), source_name=f"{rel}.txt")
        assert (dest / f"{rel}.newsml.xml").read_bytes() == conv.outputs["newsml-g2"]
        assert (dest / f"{rel}.jsonld").read_bytes() == conv.outputs["jsonld"]


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_termination_signal_publishes_the_records_so_far(tmp_path, signum, code):
    """SIGTERM (CI timeouts, container stops) and Ctrl-C stop the batch cleanly: exit
    128 + signal, a report holding exactly the inputs recorded so far (each with its
    outputs in place), no temp files; --resume then completes the report."""
    src = tmp_path / "src"
    for i in range(N):
        path = src / f"{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(i), encoding="utf-8")
    dest = tmp_path / "out"
    report_path = tmp_path / "elsewhere" / "report.jsonl"  # not cleaned as part of DEST
    env = {**os.environ, "CI": "true"}
    proc = subprocess.Popen(
        batch_cmd(src, dest, "-j", "2", "--chunk-size", "4", "--report", str(report_path)),
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    manifest = dest / MANIFEST_NAME
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if manifest.exists() and manifest.stat().st_size > 0:
            break
        time.sleep(0.005)
    assert proc.poll() is None, f"finished before the signal: {proc.stderr.read()!r}"
    proc.send_signal(signum)
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == code, err
    assert "Traceback" not in err
    assert "interrupted after" in err and "--resume" in err

    report = [json.loads(line) for line in report_path.read_text().splitlines()]
    assert 0 < len(report) < N
    assert f"interrupted after {len(report):,} inputs" in err
    assert len({r["id"] for r in report}) == len(report)
    for rec in report:
        assert rec["status"] == "ok"
        for out in rec["outputs"]:
            assert (dest / out).is_file()
    assert not list(dest.rglob(".newsml-tmp-*"))
    assert not list(report_path.parent.glob(".newsml-tmp-*"))

    res = subprocess.run(batch_cmd(src, dest, "-j", "2", "--resume", "--report",
                                   str(report_path)),
                         env=env, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    final = [json.loads(line) for line in report_path.read_text().splitlines()]
    assert sorted(r["id"] for r in final) == sorted(f"{i:04d}.txt" for i in range(N))
    skipped = {r["id"] for r in final if r["status"] == "skipped"}
    assert {r["id"] for r in report} <= skipped  # what the first run recorded was kept


def test_resume_with_fewer_formats_removes_what_the_previous_run_wrote(tmp_path):
    """--resume after narrowing --to: DEST holds what the report claims. The other
    formats' files the journal recorded go, unless edited since; without --resume,
    files of formats not asked for are left alone (building up formats run by run)."""
    from click.testing import CliRunner

    from newsml_tools.cli import main

    src = tmp_path / "src"
    src.mkdir()
    for i in range(3):
        (src / f"{i}.txt").write_text(article(i), encoding="utf-8")
    dest = tmp_path / "out"
    run = ["batch", str(src), "-o", str(dest), "-j", "1", "--quiet"]
    assert CliRunner().invoke(main, [*run, "--to", "newsml-g2,jsonld,ninjs"]).exit_code == 0
    (dest / "2.ninjs.json").write_text('{"edited": "by hand"}\n')

    res = CliRunner().invoke(main, [*run, "--to", "newsml-g2", "--resume"])
    assert res.exit_code == 0, res.output
    report = [json.loads(line) for line in (dest / "batch-report.jsonl").read_text().splitlines()]
    assert sorted(out for r in report for out in r["outputs"]) == [
        "0.newsml.xml", "1.newsml.xml", "2.newsml.xml"]
    left = sorted(p.name for p in dest.iterdir() if not p.name.startswith("."))
    assert left == ["0.newsml.xml", "1.newsml.xml", "2.newsml.xml", "2.ninjs.json",
                    "batch-report.jsonl"]  # the edited file is kept

    res = CliRunner().invoke(main, [*run, "--to", "jsonld"])
    assert res.exit_code == 0, res.output
    assert (dest / "0.newsml.xml").exists() and (dest / "0.jsonld").exists()


def test_resume_of_a_date_now_run_skips_what_it_finished(tmp_path):
    """--date now is the clock's time, different on every run: --resume still recognises
    the earlier run's work (its outputs keep their own time)."""
    from click.testing import CliRunner

    from newsml_tools.cli import main

    src = tmp_path / "src"
    src.mkdir()
    for i in range(3):
        (src / f"{i}.txt").write_text(article(i), encoding="utf-8")
    dest = tmp_path / "out"
    run = ["batch", str(src), "-o", str(dest), "-j", "1", "--quiet", "--date", "now"]
    assert CliRunner().invoke(main, run).exit_code == 0
    before = (dest / "0.jsonld").read_bytes()
    time.sleep(1.1)  # a later "now"
    res = CliRunner().invoke(main, [*run, "--resume"])
    assert res.exit_code == 0, res.output
    report = [json.loads(line) for line in (dest / "batch-report.jsonl").read_text().splitlines()]
    assert [r["status"] for r in report] == ["skipped"] * 3
    assert (dest / "0.jsonld").read_bytes() == before
    # a fixed --date is an option like any other: changing it converts again
    res = CliRunner().invoke(main, [*run[:-1], "2024-01-01", "--resume"])
    report = [json.loads(line) for line in (dest / "batch-report.jsonl").read_text().splitlines()]
    assert [r["status"] for r in report] == ["ok"] * 3


def test_a_full_disk_under_the_journal_still_publishes_the_records_so_far(tmp_path,
                                                                           monkeypatch):
    """DEST's disk fills up: the run stops with exit 2 and a message naming the failure,
    the report (on another disk) holds the inputs finished before, no temp file is left,
    and --resume later completes it."""
    import errno

    from click.testing import CliRunner

    from newsml_tools.batch import manifest as manifest_mod
    from newsml_tools.cli import main

    src = tmp_path / "src"
    src.mkdir()
    for i in range(12):
        (src / f"{i:02d}.txt").write_text(article(i), encoding="utf-8")
    dest, report = tmp_path / "out", tmp_path / "elsewhere" / "report.jsonl"
    real_append = manifest_mod.Manifest.append_line
    calls = {"n": 0}

    def append_line(self, line):
        calls["n"] += 1
        if calls["n"] > 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_append(self, line)

    real_sync = manifest_mod.Manifest.sync

    def sync(self, *, force=False):
        if calls["n"] > 5:  # the journal's disk stays full: its close fails again
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_sync(self, force=force)

    monkeypatch.setattr(manifest_mod.Manifest, "append_line", append_line)
    monkeypatch.setattr(manifest_mod.Manifest, "sync", sync)
    run = ["batch", str(src), "-o", str(dest), "-j", "1", "--quiet", "--chunk-size", "2",
           "--report", str(report)]
    res = CliRunner().invoke(main, run)
    assert res.exit_code == 2, res.output
    assert "No space left on device" in res.output and "--resume" in res.output
    assert "stopped after" in res.output
    records = [json.loads(line) for line in report.read_text().splitlines()]
    assert 5 <= len(records) < 12
    assert not list(tmp_path.rglob(".newsml-tmp-*"))

    monkeypatch.setattr(manifest_mod.Manifest, "append_line", real_append)
    monkeypatch.setattr(manifest_mod.Manifest, "sync", real_sync)
    res = CliRunner().invoke(main, [*run, "--resume"])
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in report.read_text().splitlines()]
    assert sorted(r["id"] for r in records) == [f"{i:02d}.txt" for i in range(12)]
