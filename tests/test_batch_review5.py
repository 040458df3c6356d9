"""Regressions from the fifth review of ``newsml batch``: unreadable folders, Dask engine
failures (bad addresses, silent or lost schedulers, no workers, Ctrl-C), per-record
option checks, --exclude, sources giving no input, terminal escapes, ``--report -``,
JSON Lines messages and ids, the progress line's width."""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from newsml_tools.batch import BatchConfig, EngineError, run_batch
from newsml_tools.batch.sources import Limits, SourceFilter, count_jsonl, iter_jsonl
from newsml_tools.cli import main
from newsml_tools.convert import ConvertOptions

TEXT = "Council approves budget\n\nThe council approved the budget on Tuesday, officials said.\n"


def run(sources, dest, **kw):
    kw.setdefault("jobs", 1)
    config = BatchConfig(sources=[str(s) for s in sources], dest=str(dest),
                         options=kw.pop("options", ConvertOptions()), **kw)
    result = run_batch(config)
    return result, report_of(result.report)


def report_of(path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def invoke(*args: str):
    return CliRunner().invoke(main, ["batch", *args], catch_exceptions=False)


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    root.mkdir(parents=True, exist_ok=True)
    return root


def jsonl(path: Path, records: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n"
                            for r in records), encoding="utf-8")
    return path


def deny_listing(monkeypatch, *folders: Path) -> None:
    """os.scandir fails for ``folders`` as for a folder without read permission (root
    ignores permissions, so they are faked)."""
    denied = {os.path.realpath(f) for f in folders}
    real = os.scandir

    def scandir(path="."):
        if os.path.realpath(os.fspath(path)) in denied:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


# ------------------------------------------------------------- 1. unreadable folders


def test_a_subfolder_that_cannot_be_listed_is_an_error_record(tmp_path, monkeypatch):
    src = write(tmp_path / "src", {"open/a.txt": TEXT, "locked/b.txt": TEXT})
    deny_listing(monkeypatch, src / "locked")
    result, recs = run([src], tmp_path / "out")
    by_id = {r["id"]: r for r in recs}
    assert by_id["open/a.txt"]["status"] == "ok"
    assert by_id["locked/"]["status"] == "error"
    assert "cannot list this folder: Permission denied" in by_id["locked/"]["error"]
    assert result.exit_code == 1


def test_a_source_folder_that_cannot_be_read_is_exit_2(tmp_path, monkeypatch):
    src = write(tmp_path / "src", {"a.txt": TEXT})
    deny_listing(monkeypatch, src)
    res = invoke(str(src), "-o", str(tmp_path / "out"), "-j", "1", "-q")
    assert res.exit_code == 2, res.output
    assert "src/: error: cannot read the SOURCE folder" in res.stderr
    assert "Permission denied" in res.stderr


def _setpriv_works() -> bool:
    if shutil.which("setpriv") is None or os.geteuid() != 0:
        return False
    probe = subprocess.run(["setpriv", "--bounding-set=-dac_override,-dac_read_search",
                            "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _setpriv_works(), reason="needs root and setpriv to drop "
                    "CAP_DAC_OVERRIDE (permissions are not faked here)")
def test_real_permissions_without_dac_override(tmp_path):
    src = write(tmp_path / "src", {"open/a.txt": TEXT, "locked/b.txt": TEXT})
    cmd = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", sys.executable,
           "-m", "newsml_tools", "batch", str(src), "-j", "1", "-q", "-o"]
    try:
        (src / "locked").chmod(0)
        res = subprocess.run([*cmd, str(tmp_path / "o1")], capture_output=True, text=True,
                             timeout=60)
        assert res.returncode == 1, res.stderr
        assert "locked/: error: cannot list this folder: Permission denied" in res.stderr
        src.chmod(0)
        res = subprocess.run([*cmd, str(tmp_path / "o2")], capture_output=True, text=True,
                             timeout=60)
        assert res.returncode == 2, res.stderr
        assert "cannot read the SOURCE folder" in res.stderr
    finally:
        src.chmod(0o755)
        (src / "locked").chmod(0o755)


# ------------------------------------------------------------- 2, 3. Dask engine failures


@pytest.fixture()
def tcp_server() -> Iterator[callable]:
    """Start a local TCP server: ``answer`` None never answers, else sends those bytes."""
    sockets: list[socket.socket] = []

    def start(answer: bytes | None) -> int:
        srv = socket.socket()
        srv.bind(("127.0.0.1", 0))
        srv.listen(8)
        sockets.append(srv)

        def serve() -> None:
            while True:
                try:
                    conn, _ = srv.accept()
                except OSError:
                    return
                sockets.append(conn)
                if answer is not None:
                    try:
                        conn.recv(1000)
                        conn.sendall(answer)
                    except OSError:
                        pass

        threading.Thread(target=serve, daemon=True).start()
        return srv.getsockname()[1]

    yield start
    for s in sockets:
        s.close()


@pytest.mark.parametrize("address", ["garbage", "http://127.0.0.1:8786", ":::",
                                     "tcp://127.0.0.1:port"])
def test_a_malformed_scheduler_address_is_a_usage_error(tmp_path, address):
    pytest.importorskip("distributed")
    src = write(tmp_path / "src", {"a.txt": TEXT})
    res = invoke(str(src), "-o", str(tmp_path / "out"), "--engine", "dask",
                 "--scheduler", address, "-q")
    assert res.exit_code == 2, res.output
    assert "is not a Dask scheduler address" in res.stderr
    assert len(res.stderr.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_a_scheduler_address_answering_http_is_an_engine_error(tmp_path, tcp_server):
    pytest.importorskip("distributed")
    port = tcp_server(b"HTTP/1.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
    src = write(tmp_path / "src", {"a.txt": TEXT})
    res = invoke(str(src), "-o", str(tmp_path / "out"), "--engine", "dask",
                 "--scheduler", f"tcp://127.0.0.1:{port}", "-q")
    assert res.exit_code == 2, res.output
    assert "does not speak the Dask protocol" in res.stderr
    assert len(res.stderr.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_a_scheduler_that_never_answers_is_given_up_on(tmp_path, tcp_server, monkeypatch):
    pytest.importorskip("distributed")
    port = tcp_server(None)
    monkeypatch.setenv("NEWSML_DASK_TIMEOUT", "1")
    src = write(tmp_path / "src", {"a.txt": TEXT})
    outcome: dict = {}

    def attempt() -> None:
        try:
            run([src], tmp_path / "out", engine="dask", scheduler=f"tcp://127.0.0.1:{port}")
        except Exception as exc:
            outcome["exc"] = exc

    worker = threading.Thread(target=attempt, daemon=True)
    t0 = time.monotonic()
    worker.start()
    worker.join(20)
    assert not worker.is_alive(), "still waiting for a scheduler that never answers"
    assert isinstance(outcome.get("exc"), EngineError), outcome
    assert "did not answer within 1 s" in str(outcome["exc"])
    assert time.monotonic() - t0 < 10


@pytest.fixture()
def thread_cluster():
    """An in-process Dask cluster (threads: quick to start)."""
    distributed = pytest.importorskip("distributed")
    clusters = []

    def start(workers: int):
        cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                           processes=False, dashboard_address=":0")
        clusters.append(cluster)
        return cluster

    yield start
    for cluster in clusters:
        cluster.close()


def test_losing_the_scheduler_publishes_the_records_so_far(tmp_path, thread_cluster,
                                                          monkeypatch):
    from newsml_tools.batch import BatchEngineError

    monkeypatch.setenv("NEWSML_DASK_TIMEOUT", "2")
    cluster = thread_cluster(1)
    src = write(tmp_path / "src", {f"{i:02d}.txt": TEXT for i in range(40)})
    config = BatchConfig(sources=[str(src)], dest=str(tmp_path / "out"),
                         options=ConvertOptions(), jobs=1, engine="dask", chunk_size=1,
                         scheduler=cluster.scheduler_address)

    def progress(rec, done, total):
        if done == 1:
            cluster.close()  # the scheduler goes away mid-run

    with pytest.raises(BatchEngineError, match="lost the Dask scheduler") as info:
        run_batch(config, progress=progress)
    assert info.value.published
    recs = report_of(tmp_path / "out" / "batch-report.jsonl")
    assert 1 <= len(recs) < 40
    assert {r["status"] for r in recs} == {"ok"}


def test_losing_the_scheduler_is_exit_2_on_the_command_line(tmp_path, monkeypatch):
    from newsml_tools.batch import BatchEngineError, BatchResult

    def lost(config, progress=None):
        result = BatchResult(dest=config.dest, report=config.dest + "/batch-report.jsonl")
        result.counts["ok"] = 3
        raise BatchEngineError(result, EngineError("lost the Dask scheduler tcp://x:1"), True)

    monkeypatch.setattr("newsml_tools.batch.run_batch", lost)
    src = write(tmp_path / "src", {"a.txt": TEXT})
    res = invoke(str(src), "-o", str(tmp_path / "out"), "-q")
    assert res.exit_code == 2
    assert "lost the Dask scheduler tcp://x:1; stopped after 3 inputs" in res.stderr
    assert "--resume" in res.stderr


def test_a_scheduler_without_workers_is_announced(tmp_path, thread_cluster, monkeypatch):
    from newsml_tools.batch import BatchInterrupted, engines

    monkeypatch.setattr(engines, "WORKERS_NOTICE_AFTER", 0.2)
    cluster = thread_cluster(0)
    src = write(tmp_path / "src", {"a.txt": TEXT})
    notices: list[str] = []

    def notify(message: str) -> None:
        notices.append(message)
        raise KeyboardInterrupt  # (the user gives up)

    config = BatchConfig(sources=[str(src)], dest=str(tmp_path / "out"),
                         options=ConvertOptions(), jobs=1, engine="dask",
                         scheduler=cluster.scheduler_address, notify=notify)
    with pytest.raises(BatchInterrupted):
        run_batch(config)
    assert len(notices) == 1
    assert notices[0].startswith(f"waiting for workers on the Dask scheduler "
                                 f"{cluster.scheduler_address}: it has none")


# ------------------------------------------------------------- 4. per-record options


def _cli_message(check, value: str) -> str:
    with pytest.raises(click.BadParameter) as info:
        check(None, None, value)
    return info.value.message


def test_record_options_pass_the_checks_of_convert(tmp_path):
    from newsml_tools.cli.convert_cmd import _check_guid, _check_lang, _check_provider

    feed = jsonl(tmp_path / "feed.jsonl", [
        {"id": "lang", "text": TEXT, "lang": "english"},
        {"id": "guid", "text": TEXT, "guid": "not a uri"},
        {"id": "prov", "text": TEXT, "provider": "Acme\nNews"},
        {"id": "date", "text": TEXT, "date": "yesterday"},
        {"id": "good", "text": TEXT, "lang": "en-GB", "guid": "urn:x:1",
         "provider": "nprov:AFP", "date": "2024-06-19"},
    ])
    result, recs = run([feed], tmp_path / "out")
    got = {r["id"]: r for r in recs}
    assert got["lang"]["error"] == (f'"lang": {_cli_message(_check_lang, "english")} '
                                    "(feed.jsonl, line 1)")
    assert got["guid"]["error"] == (f'"guid": {_cli_message(_check_guid, "not a uri")} '
                                    "(feed.jsonl, line 2)")
    provider = _cli_message(_check_provider, "Acme\nNews")
    assert got["prov"]["error"] == f'"provider": {provider} (feed.jsonl, line 3)'
    assert got["date"]["error"].startswith('"date": not an ISO 8601')
    assert got["good"]["status"] == "ok"
    assert [r["status"] for r in recs] == ["error"] * 4 + ["ok"]
    assert result.exit_code == 1


def test_record_date_now_means_what_date_now_means(tmp_path):
    from datetime import datetime, timezone

    feed = jsonl(tmp_path / "feed.jsonl", [{"id": "a", "text": TEXT, "date": "now"},
                                           {"id": "b", "text": TEXT, "date": " NOW "}])
    out = tmp_path / "out"
    before = datetime.now(timezone.utc).replace(microsecond=0)
    res = invoke(str(feed), "-o", str(out), "-j", "1", "--to", "jsonld", "-q")
    assert res.exit_code == 0, res.output
    dates = {json.loads((out / "feed" / f"{i}.jsonld").read_text())["datePublished"]
             for i in "ab"}
    assert len(dates) == 1  # one time for the run
    when = datetime.fromisoformat(dates.pop().replace("Z", "+00:00"))
    assert before <= when <= datetime.now(timezone.utc)
    res = invoke(str(feed), "-o", str(out), "-j", "1", "--to", "jsonld", "-q", "--resume")
    assert res.exit_code == 0, res.output
    assert {r["status"] for r in report_of(out / "batch-report.jsonl")} == {"skipped"}


# ------------------------------------------------------------- 5. --exclude


def test_exclude_ignores_case_and_leaves_out_folders_by_name():
    by_name = SourceFilter(exclude=("Drafts",))
    assert not by_name.wanted("drafts/a.txt") and not by_name.wanted("x/DRAFTS/b.txt")
    assert by_name.wanted("drafts.txt") and by_name.wanted("draftsman/c.txt")
    by_path = SourceFilter(exclude=("drafts/*",))
    assert not by_path.wanted("Drafts/a.txt") and not by_path.wanted("Drafts/sub/b.txt")
    assert by_path.wanted("x/drafts/a.txt")  # a glob with "/" is anchored at the source
    folder = SourceFilter(exclude=("2024/old",))
    assert not folder.wanted("2024/OLD/x.txt") and folder.wanted("2023/old/x.txt")
    assert not SourceFilter(exclude=("*DRAFT*",)).wanted("wire/draft-1.txt")


def test_exclude_on_the_command_line_skips_the_folder(tmp_path, monkeypatch):
    src = write(tmp_path / "src", {"Drafts/a.txt": TEXT, "b.txt": TEXT, "old/c.txt": TEXT})
    deny_listing(monkeypatch, src / "old")  # excluded: never listed, so no error
    res = invoke(str(src), "-o", str(tmp_path / "out"), "-j", "1", "-q",
                 "--exclude", "drafts", "--exclude", "OLD/*")
    assert res.exit_code == 0, res.output
    assert [r["id"] for r in report_of(tmp_path / "out" / "batch-report.jsonl")] == ["b.txt"]


# ------------------------------------------------------------- 6. no input at all


def test_a_folder_with_nothing_matching_is_exit_2(tmp_path):
    src = write(tmp_path / "src", {"a.txt": TEXT})
    res = invoke(str(src), "-o", str(tmp_path / "out"), "-j", "1", "-q", "--include", "*.md")
    assert res.exit_code == 2, res.output
    assert f"{src}: no file in this folder matches --include (*.md)" in res.stderr


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_an_empty_jsonl_is_exit_2(tmp_path, content):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(content)
    res = invoke(str(feed), "-o", str(tmp_path / "out"), "-j", "1", "-q")
    assert res.exit_code == 2, res.output
    assert f"{feed}: no record in this file" in res.stderr


def test_an_empty_source_among_others_is_named(tmp_path):
    good = write(tmp_path / "good", {"a.txt": TEXT})
    empty = write(tmp_path / "empty", {})
    result, recs = run([good, empty], tmp_path / "out")
    assert [r["status"] for r in recs] == ["ok"]
    assert result.exit_code == 2
    assert result.empty_sources == [
        f"{empty}: no file in this folder matches --include (*.txt)"]


# ------------------------------------------------------------- 7. terminal escapes


def test_control_characters_are_escaped_on_the_terminal(tmp_path):
    evil = "evil\x1b]0;PWNED\x07\x1b[2J\x9b31m"
    fake = "multi\nnewsml: x: ok: fake\rline"
    feed = jsonl(tmp_path / "feed.jsonl", [{"id": evil, "text": ""},
                                           {"id": fake, "text": ""}])
    res = invoke(str(feed), "-o", str(tmp_path / "out"), "-j", "1")
    assert res.exit_code == 1
    for text in (res.stdout, res.stderr):
        assert not any(c in text for c in "\x1b\x07\r\x9b")
    assert "evil\\x1b]0;PWNED\\x07\\x1b[2J\\x9b31m: invalid" in res.stderr
    assert "multi\\nnewsml: x: ok: fake\\rline: invalid" in res.stderr
    assert all(line.startswith("newsml: ") for line in res.stderr.splitlines())
    assert "evil\\x1b]0;PWNED" in res.stdout  # the slowest table
    ids = [r["id"] for r in report_of(tmp_path / "out" / "batch-report.jsonl")]
    assert ids == [evil, fake]  # the report keeps them exactly


# ------------------------------------------------------------- 8. --report -


def test_report_dash_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = write(tmp_path / "src", {"a.txt": TEXT})
    res = invoke(str(src), "-o", "out", "-j", "1", "-q", "--report", "-")
    assert res.exit_code == 2
    assert "--report - is not supported: give a file" in res.output
    assert not (tmp_path / "-").exists() and not (tmp_path / "out").exists()


# ------------------------------------------------------------- 9. JSON Lines


def test_jsonl_errors_name_their_line(tmp_path):
    feed = jsonl(tmp_path / "feed.jsonl", [
        {"id": "a1", "text": TEXT}, {"id": "a2"}, {"id": "a1", "text": TEXT}])
    _result, recs = run([feed], tmp_path / "out")
    got = {r["id"]: r for r in recs}
    assert got["a2"]["error"] == 'missing "text" (a string) (feed.jsonl, line 2)'
    assert got["feed.jsonl:3"]["error"] == "duplicate id 'a1' (first seen on line 1)"


def test_line_ids_are_reserved(tmp_path):
    feed = jsonl(tmp_path / "feed.jsonl", [
        "{not json",
        {"id": "feed.jsonl:1", "text": TEXT},  # the id of line 1
        {"id": "feed.jsonl:3", "text": TEXT},  # its own line: fine
        {"id": "feed.jsonl:9", "text": TEXT},  # line 9's, if the file grows
    ])
    _result, recs = run([feed], tmp_path / "out")
    ids = [r["id"] for r in recs]
    assert ids == ["feed.jsonl:1", "feed.jsonl:2", "feed.jsonl:3", "feed.jsonl:4"]
    assert [r["status"] for r in recs] == ["error", "error", "ok", "error"]
    assert "'feed.jsonl:1' is refused" in recs[1]["error"]


@pytest.mark.parametrize("first", [b"\xef\xbb\xbf\n", b"\xef\xbb\xbf\r\n", b"\xef\xbb\xbf  \n"])
def test_a_first_line_holding_only_a_bom_is_blank(tmp_path, first):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(first + json.dumps({"id": "a", "text": TEXT}).encode() + b"\n")
    items = list(iter_jsonl(str(feed), Limits()))
    assert [(i.id, i.error) for i in items] == [("a", None)]
    assert count_jsonl(str(feed)) == 1


# ------------------------------------------------------------- 10. Ctrl-C with Dask


@pytest.mark.slow
def test_ctrl_c_with_a_local_dask_cluster_is_quiet(tmp_path):
    pytest.importorskip("distributed")
    src = write(tmp_path / "src", {f"{i:04d}.txt": TEXT for i in range(3000)})
    dest = tmp_path / "out"
    env = {**os.environ, "CI": "true"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsml_tools", "batch", str(src), "-o", str(dest),
         "--engine", "dask", "-j", "2", "--to", "jsonld"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True)  # its own process group, as a terminal's job
    manifest = dest / ".newsml-manifest.jsonl"
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if manifest.exists() and manifest.stat().st_size > 0:
            break
        time.sleep(0.01)
    assert proc.poll() is None, f"finished before the signal: {proc.stderr.read()!r}"
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole group, workers too
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert err.startswith("newsml: interrupted after"), err
    assert len(err.splitlines()) == 2, err


# ------------------------------------------------------------- 11. progress width


def test_the_progress_line_fits_the_terminal(monkeypatch):
    from newsml_tools.batch.progress import ProgressBar

    bar = ProgressBar(io.StringIO())
    bar.counts.update({"invalid": 1234, "error": 56789})
    for columns in (120, 79, 60, 40, 20):
        line = bar.line(123456, 1234567, bar.start + 30, columns=columns)
        assert len(line) <= columns, (columns, line)
        assert "123456/1234567" in line
    assert "[" in bar.line(123456, 1234567, bar.start + 30, columns=79)  # a shorter bar
    monkeypatch.setattr(shutil, "get_terminal_size",
                        lambda fallback=(80, 24): os.terminal_size((50, 24)))
    stream = io.StringIO()  # no terminal behind it: shutil's answer
    bar = ProgressBar(stream)
    bar({"status": "error"}, 123456, 1234567)
    drawn = stream.getvalue().rsplit("\x1b[2K", 1)[-1]
    assert 0 < len(drawn) <= 49, drawn


def test_text_with_a_nul_byte_is_an_error_record_as_convert_refuses_it(tmp_path: Path) -> None:
    from newsml_tools.batch.work import decode_text

    with pytest.raises(UnicodeDecodeError):
        decode_text("Storm\n\nA storm.\n".encode("utf-16-le"))  # BOM-less UTF-16
    assert decode_text(b"\xef\xbb\xbfStorm") == "Storm"
