"""``newsml batch`` end to end with the real converter: sources, safety, resume, CLI."""

from __future__ import annotations

import io
import json
import os
import tarfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsml_tools.batch import BatchConfig, run_batch
from newsml_tools.batch.manifest import MANIFEST_NAME
from newsml_tools.cli import main
from newsml_tools.convert import ConvertOptions, convert_text

OPTS = ConvertOptions()


def article(i: int, place: str = "LONDON") -> str:
    return (
        f"Council approves plan number {i} for the river district\n\n"
        f"By Jane Doe\n\n"
        f"{place}, June 19 (Reuters) - The city council approved plan {i} on Tuesday, "
        f"clearing the way for {i * 10} new homes near the river.\n\n"
        f"“This is a good day for the district,” said Mayor Ann Smith.\n\n"
        f"Work is expected to start next year, officials said.\n"
    )


def write_tree(root: Path, files: dict[str, bytes | str]) -> Path:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    return root


def read_report(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run(sources, dest, **kw) -> tuple[object, list[dict]]:
    kw.setdefault("jobs", 1)
    config = BatchConfig(sources=[str(s) for s in sources], dest=str(dest),
                         options=kw.pop("options", OPTS), **kw)
    result = run_batch(config)
    report = Path(result.report)
    return result, read_report(report)


def files_under(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(".newsml-")
    }


def test_directory_nested_paths_mirrored_and_outputs_valid(tmp_path):
    src = write_tree(tmp_path / "src", {
        "top.txt": article(1),
        "world/asia/korea.txt": article(2, "SEOUL"),
        "world/europe/uk.txt": article(3),
        "world/notes.md": "not an input",
    })
    dest = tmp_path / "out"
    result, report = run([src], dest)
    assert result.exit_code == 0
    assert [r["id"] for r in report] == ["top.txt", "world/asia/korea.txt", "world/europe/uk.txt"]
    assert {r["status"] for r in report} == {"ok"}
    for rec in report:
        stem = rec["id"][: -len(".txt")]
        assert rec["outputs"] == [f"{stem}.newsml.xml", f"{stem}.jsonld"]
        text = (src / rec["id"]).read_text(encoding="utf-8")
        conv = convert_text(text, OPTS, source_name=rec["id"])
        assert (dest / f"{stem}.newsml.xml").read_bytes() == conv.outputs["newsml-g2"]
        assert (dest / f"{stem}.jsonld").read_bytes() == conv.outputs["jsonld"]
        assert len(rec["sha256"]) == 64 and rec["seconds"] >= 0
    assert not (dest / "world" / "notes.newsml.xml").exists()
    assert not list(dest.rglob(".newsml-tmp-*"))


def test_bad_articles_among_good_ones(tmp_path):
    src = write_tree(tmp_path / "src", {
        "a-good.txt": article(1),
        "b-latin1.txt": "Café owner wins award\n\nA story.\n".encode("cp1252"),
        "c-empty.txt": "",
        "d-good.txt": "\ufeff" + article(4),  # a BOM is fine
    })
    dest = tmp_path / "out"
    result, report = run([src], dest)
    status = {r["id"]: r for r in report}
    assert status["a-good.txt"]["status"] == "ok"
    assert status["d-good.txt"]["status"] == "ok"
    assert status["b-latin1.txt"]["status"] == "error"
    assert "not valid UTF-8" in status["b-latin1.txt"]["error"]
    assert status["c-empty.txt"]["status"] == "invalid"  # the converter rejects it
    assert any(f["severity"] == "error" for f in status["c-empty.txt"]["findings"])
    assert status["c-empty.txt"]["outputs"] == []
    assert not list(dest.glob("b-latin1.*")) and not list(dest.glob("c-empty.*"))
    assert result.exit_code == 1


def raising_convert(text, options, *, source_name):
    if "EXPLODE" in text:
        raise RuntimeError("converter bug")
    return convert_text(text, options, source_name=source_name)


def crashing_convert(text, options, *, source_name):
    if "CRASH" in text:
        os._exit(3)  # a segfault / OOM kill, as far as the pool can tell
    return convert_text(text, options, source_name=source_name)


def test_a_converter_exception_is_an_error_record(tmp_path):
    src = write_tree(tmp_path / "src",
                     {"a.txt": article(1), "b.txt": "EXPLODE\n", "c.txt": article(3)})
    _result, report = run([src], tmp_path / "out", convert=raising_convert)
    assert [r["status"] for r in report] == ["ok", "error", "ok"]
    assert "RuntimeError: converter bug" in report[1]["error"]


@pytest.mark.slow
def test_a_dying_worker_costs_only_its_own_input(tmp_path):
    files = {f"{i:02d}.txt": article(i) for i in range(12)}
    files["05.txt"] = "CRASH\n"
    src = write_tree(tmp_path / "src", files)
    _result, report = run([src], tmp_path / "out", convert=crashing_convert, jobs=2, chunk_size=4)
    assert [r["id"] for r in report] == sorted(files)
    bad = [r for r in report if r["status"] != "ok"]
    assert [r["id"] for r in bad] == ["05.txt"]
    assert "worker process died" in bad[0]["error"]


def test_zip_source_and_zip_slip(tmp_path):
    archive = tmp_path / "in.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("news/one.txt", article(1))
        zf.writestr("../evil.txt", article(2))
        zf.writestr("/tmp/abs-evil.txt", article(3))
        zf.writestr("news/two.txt", article(4))
    dest = tmp_path / "sub" / "out"
    before = set(tmp_path.rglob("*"))
    result, report = run([archive], dest)
    by_id = {r["id"]: r for r in report}
    assert by_id["news/one.txt"]["status"] == "ok"
    assert by_id["news/two.txt"]["status"] == "ok"
    for evil in ("../evil.txt", "/tmp/abs-evil.txt"):
        assert by_id[evil]["status"] == "error"
        assert "unsafe member name refused" in by_id[evil]["error"]
        assert repr(evil) in by_id[evil]["error"]
    created = set(tmp_path.rglob("*")) - before
    assert all(dest in p.parents or p == dest or p in dest.parents for p in created)
    assert not any("evil" in p.name for p in tmp_path.parent.rglob("*evil*") if p.is_file())
    assert result.exit_code == 1


def test_tar_gz_source_with_links_and_bomb(tmp_path):
    archive = tmp_path / "in.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        for name, data in [("a/one.txt", article(1).encode()), ("big.txt", b"x" * 70_000),
                           ("a/two.txt", article(2).encode())]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("a/link.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(link)
    dest = tmp_path / "out"
    _result, report = run([archive], dest, max_member_bytes=64 * 1024)
    by_id = {r["id"]: r for r in report}
    assert by_id["a/one.txt"]["status"] == by_id["a/two.txt"]["status"] == "ok"
    assert by_id["a/link.txt"] | {"seconds": 0} == {
        "id": "a/link.txt", "source": str(archive), "status": "skipped", "outputs": [],
        "sha256": None, "findings": [], "reason": "symlink inside the archive", "seconds": 0}
    assert by_id["big.txt"]["status"] == "error"
    assert "--max-member-bytes" in by_id["big.txt"]["error"]
    assert sorted(files_under(dest)) == ["a/one.jsonld", "a/one.newsml.xml", "a/two.jsonld",
                                         "a/two.newsml.xml", "batch-report.jsonl"]


def test_jsonl_source_with_per_record_options(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([
        json.dumps({"id": "first", "text": article(1), "date": "2024-06-19T10:30:00+09:00"}),
        "{broken",
        json.dumps({"id": "second", "text": article(2), "path": "asia/second.txt", "lang": "en"}),
        json.dumps({"text": article(3)}),
    ]) + "\n", encoding="utf-8")
    dest = tmp_path / "out"
    _result, report = run([feed], dest, options=ConvertOptions(formats=("jsonld",)))
    assert [(r["id"], r["status"]) for r in report] == [
        ("first", "ok"), ("feed.jsonl:2", "error"), ("second", "ok"), ("feed.jsonl:4", "ok")]
    assert report[0]["outputs"] == ["feed/first.jsonld"]
    assert report[2]["outputs"] == ["asia/second.jsonld"]
    assert report[3]["outputs"] == ["feed/line-000004.jsonld"]
    doc = json.loads((dest / "feed" / "first.jsonld").read_text(encoding="utf-8"))
    assert doc["datePublished"].startswith("2024-06-19T10:30:00")
    assert not list(dest.rglob("*.newsml.xml"))


def test_several_sources_go_into_their_own_folders(tmp_path):
    a = write_tree(tmp_path / "2024", {"x.txt": article(1)})
    b = tmp_path / "2025.zip"
    with zipfile.ZipFile(b, "w") as zf:
        zf.writestr("x.txt", article(2))
    _result, report = run([a, b], tmp_path / "out")
    assert [r["id"] for r in report] == ["2024/x.txt", "2025/x.txt"]
    assert (tmp_path / "out" / "2025" / "x.newsml.xml").exists()


def test_output_collisions_are_errors_not_overwrites(tmp_path):
    src = write_tree(tmp_path / "src", {"story.txt": article(1), "story.text": article(2)})
    _result, report = run([src], tmp_path / "out", include=("*.txt", "*.text"))
    assert [(r["id"], r["status"]) for r in report] == [("story.text", "ok"),
                                                        ("story.txt", "error")]
    assert report[1]["error"] == ("its outputs would overwrite those of an earlier input "
                                  "(same output name 'story', ignoring case)")


def test_resume_redoes_changed_tampered_and_missing(tmp_path):
    src = write_tree(tmp_path / "src", {f"{i}.txt": article(i) for i in range(5)})
    dest = tmp_path / "out"
    run([src], dest)
    (src / "1.txt").write_text(article(100), encoding="utf-8")  # changed input
    (dest / "2.jsonld").write_text("{}", encoding="utf-8")  # tampered output
    (dest / "3.newsml.xml").unlink()  # missing output
    (dest / "4.jsonld.part").write_text("junk")  # unrelated: left alone
    (dest / ".newsml-tmp-leftover").write_text("half")  # a killed run's temp file
    result, report = run([src], dest, resume=True)
    assert [r["status"] for r in report] == ["skipped", "ok", "ok", "ok", "skipped"]
    assert "unchanged since the previous run" in report[0]["reason"]
    assert report[0]["outputs"] == ["0.newsml.xml", "0.jsonld"]
    assert result.exit_code == 0
    assert not (dest / ".newsml-tmp-leftover").exists()
    assert (dest / "4.jsonld.part").read_text() == "junk"
    conv = convert_text(article(100), OPTS, source_name="1.txt")
    assert (dest / "1.jsonld").read_bytes() == conv.outputs["jsonld"]
    assert json.loads((dest / "2.jsonld").read_text())  # rewritten, not "{}"
    assert (dest / "3.newsml.xml").exists()
    # the manifest is compacted: one line per input
    manifest = read_report(dest / MANIFEST_NAME)
    assert sorted(r["id"] for r in manifest) == [f"{i}.txt" for i in range(5)]
    # different options: nothing is skipped
    _result, report = run([src], dest, resume=True, options=ConvertOptions(provider="AFP"))
    assert {r["status"] for r in report} == {"ok"}


def test_resume_removes_outputs_of_an_input_that_became_bad(tmp_path):
    src = write_tree(tmp_path / "src", {"a.txt": article(1)})
    dest = tmp_path / "out"
    run([src], dest)
    (src / "a.txt").write_bytes(b"\xff\xfe bad bytes")
    _result, report = run([src], dest, resume=True)
    assert report[0]["status"] == "error"
    assert not (dest / "a.jsonld").exists() and not (dest / "a.newsml.xml").exists()


def test_zip_dest_is_deterministic(tmp_path):
    src = write_tree(tmp_path / "src",
                     {"b/2.txt": article(2), "a.txt": article(1), "bad.txt": b"\xff"})
    out1, out2 = tmp_path / "one.zip", tmp_path / "two.zip"
    r1, report = run([src], out1, jobs=2)
    run([src], out2, jobs=1)
    assert out1.read_bytes() == out2.read_bytes()
    with zipfile.ZipFile(out1) as zf:
        assert zf.namelist() == ["a.newsml.xml", "a.jsonld", "b/2.newsml.xml", "b/2.jsonld"]
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert r1.report == str(tmp_path / "one.report.jsonl")
    assert [r["id"] for r in report] == ["a.txt", "bad.txt", "b/2.txt"]
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*lock"))


def test_local_pool_matches_in_process(tmp_path):
    src = write_tree(tmp_path / "src", {f"d{i % 3}/{i}.txt": article(i) for i in range(30)})
    run([src], tmp_path / "j1", jobs=1)
    run([src], tmp_path / "j2", jobs=2, chunk_size=3)
    assert files_under(tmp_path / "j1").keys() == files_under(tmp_path / "j2").keys()
    strip = [{k: v for k, v in r.items() if k != "seconds"}
             for r in read_report(tmp_path / "j1" / "batch-report.jsonl")]
    assert strip == [{k: v for k, v in r.items() if k != "seconds"}
                     for r in read_report(tmp_path / "j2" / "batch-report.jsonl")]
    for name, data in files_under(tmp_path / "j1").items():
        if name != "batch-report.jsonl":
            assert (tmp_path / "j2" / name).read_bytes() == data


# ------------------------------------------------------------------------ CLI


def invoke(*args: str):
    return CliRunner().invoke(main, ["batch", *args], catch_exceptions=False)


def test_cli_ok_summary_and_exit_0(tmp_path):
    src = write_tree(tmp_path / "src", {"a.txt": article(1), "b/c.txt": article(2)})
    res = invoke(str(src), "-o", str(tmp_path / "out"), "-j", "1", "--to", "jsonld",
                 "--date", "2024-06-19T08:00:00Z")
    assert res.exit_code == 0, res.output
    for word in ("ok", "invalid", "error", "skipped", "throughput", "articles/s", "wall time",
                 "slowest:", "b/c.txt"):
        assert word in res.output
    assert sorted(files_under(tmp_path / "out")) == ["a.jsonld", "b/c.jsonld", "batch-report.jsonl"]
    doc = json.loads((tmp_path / "out" / "a.jsonld").read_text(encoding="utf-8"))
    assert doc["datePublished"].startswith("2024-06-19T08:00:00")


def test_cli_exit_1_names_the_bad_input(tmp_path):
    src = write_tree(tmp_path / "src", {"a.txt": article(1), "bad.txt": b"\xff\xfe"})
    report = tmp_path / "r" / "report.jsonl"
    res = invoke(str(src), "-o", str(tmp_path / "out"), "-j", "1", "--report", str(report), "-q")
    assert res.exit_code == 1
    assert "bad.txt: error: not valid UTF-8" in res.output
    assert "throughput" not in res.output  # --quiet
    assert [r["id"] for r in read_report(report)] == ["a.txt", "bad.txt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{tmp}/missing", "-o", "{tmp}/out"], "no such file or directory"),
        (["{tmp}/src", "-o", "{tmp}/out", "--guid", "urn:x"], "--guid names one item"),
        (["{tmp}/src", "-o", "{tmp}/out", "--scheduler", "tcp://x:1"], "needs --engine dask"),
        (["{tmp}/src", "-o", "{tmp}/out", "-j", "0"], "-j"),
        (["{tmp}/src", "{tmp}/src", "-o", "{tmp}/out"], "same name"),
        (["{tmp}/src", "-o", "{tmp}/out", "--max-member-bytes", "lots"], "not a size"),
    ],
)
def test_cli_usage_errors_exit_2(tmp_path, args, message):
    write_tree(tmp_path / "src", {"a.txt": article(1)})
    res = invoke(*(a.format(tmp=tmp_path) for a in args))
    assert res.exit_code == 2
    assert message in res.output


def test_cli_unreadable_archive_exit_2_with_record(tmp_path):
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 this is not a zip")
    src = write_tree(tmp_path / "src", {"a.txt": article(1)})
    res = invoke(str(tmp_path / "broken.zip"), str(src), "-o", str(tmp_path / "out"), "-j", "1")
    assert res.exit_code == 2
    report = read_report(tmp_path / "out" / "batch-report.jsonl")
    assert [(r["id"], r["status"]) for r in report] == [("broken/broken.zip", "error"),
                                                        ("src/a.txt", "ok")]


def test_cli_dask_missing_is_a_clear_usage_error(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.split(".")[0] in ("dask", "distributed"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    src = write_tree(tmp_path / "src", {"a.txt": article(1)})
    res = invoke(str(src), "-o", str(tmp_path / "out"), "--engine", "dask")
    assert res.exit_code == 2
    assert "pip install 'newsml-tools[dask]'" in res.output


def test_cli_second_run_on_same_dest_is_locked_out(tmp_path):
    import fcntl

    src = write_tree(tmp_path / "src", {"a.txt": article(1)})
    dest = tmp_path / "out"
    dest.mkdir()
    with open(dest / ".newsml-batch.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        res = invoke(str(src), "-o", str(dest), "-j", "1")
    assert res.exit_code == 2
    assert "another `newsml batch`" in res.output


def test_record_fields_beat_command_line_defaults(tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": article(1), "date": "2020-01-02"}) + "\n"
                    + json.dumps({"id": "b", "text": article(2)}) + "\n"
                    + json.dumps({"id": "c", "text": article(3), "date": "yesterday"}) + "\n",
                    encoding="utf-8")
    res = invoke(str(feed), "-o", str(tmp_path / "out"), "-j", "1", "--to", "jsonld", "-q",
                 "--date", "2024-06-19T08:00:00Z")
    assert res.exit_code == 1  # record c
    a = json.loads((tmp_path / "out" / "f" / "a.jsonld").read_text(encoding="utf-8"))
    b = json.loads((tmp_path / "out" / "f" / "b.jsonld").read_text(encoding="utf-8"))
    assert a["datePublished"].startswith("2020-01-02T00:00:00")  # no zone: UTC
    assert b["datePublished"].startswith("2024-06-19T08:00:00")
    assert "c: error: \"date\": not an ISO 8601" in res.output


def test_source_date_epoch_is_part_of_the_resume_key(tmp_path, monkeypatch):
    src = write_tree(tmp_path / "src", {"a.txt": article(1)})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    run([src], tmp_path / "out")
    _r, report = run([src], tmp_path / "out", resume=True)
    assert report[0]["status"] == "skipped"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    _r, report = run([src], tmp_path / "out", resume=True)
    assert report[0]["status"] == "ok"
    doc = json.loads((tmp_path / "out" / "a.jsonld").read_text(encoding="utf-8"))
    assert doc["datePublished"].startswith("2027-01-15")


def test_zip_dest_resume_is_a_full_run_with_a_note(tmp_path):
    src = write_tree(tmp_path / "src", {"a.txt": article(1)})
    res = invoke(str(src), "-o", str(tmp_path / "o.zip"), "-j", "1", "--resume")
    assert res.exit_code == 0
    assert "--resume converts everything again" in res.output
    assert zipfile.ZipFile(tmp_path / "o.zip").namelist() == ["a.newsml.xml", "a.jsonld"]


def test_progress_bar_and_when_it_shows(monkeypatch):
    from newsml_tools.batch.progress import ProgressBar, progress_wanted

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    assert progress_wanted(Tty(), quiet=False)
    assert not progress_wanted(Tty(), quiet=True)
    assert not progress_wanted(io.StringIO(), quiet=False)
    monkeypatch.setenv("CI", "true")
    assert not progress_wanted(Tty(), quiet=False)

    out = Tty()
    bar = ProgressBar(out)
    bar.start -= 2.0  # two seconds in
    bar({"status": "ok"}, 1, 4)
    bar({"status": "error"}, 2, 4)
    line = bar.line(2, 4, bar.start + 2.0)
    assert line.startswith("[############------------] 2/4  50%")
    assert "1/s ETA 0:02" in line and "error 1" in line
    assert bar.line(7, None, bar.start + 2.0).startswith("7 done  4/s 0:02")
    bar.close()
    assert out.getvalue().endswith("\r\x1b[2K")


def test_every_format_with_to_all(tmp_path):
    from newsml_tools.convert import OUTPUT_SUFFIX

    src = write_tree(tmp_path / "src", {"x/a.txt": article(1)})
    res = invoke(str(src), "-o", str(tmp_path / "out"), "-j", "1", "--to", "all", "-q")
    assert res.exit_code == 0, res.output
    [rec] = read_report(tmp_path / "out" / "batch-report.jsonl")
    assert rec["outputs"] == [f"x/a{suffix}" for suffix in OUTPUT_SUFFIX.values()]
    assert all((tmp_path / "out" / name).is_file() for name in rec["outputs"])


def test_reserved_output_names_are_refused(tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"id": "x", "text": article(1), "path": "a/.newsml-tmp-x.txt"})
                    + "\n", encoding="utf-8")
    _r, report = run([feed], tmp_path / "out")
    assert report[0]["status"] == "error" and "reserved" in report[0]["error"]


def test_symlink_out_of_the_source_is_skipped_end_to_end(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Top secret headline\n\nThe launch codes are 0000.\n", encoding="utf-8")
    src = write_tree(tmp_path / "src", {"a.txt": article(1)})
    os.symlink(secret, src / "leak.txt")
    os.symlink(tmp_path, src / "up")  # a folder link: not followed
    result, report = run([src], tmp_path / "out")
    by_id = {r["id"]: r for r in report}
    assert by_id["leak.txt"]["status"] == "skipped"
    assert by_id["leak.txt"]["reason"] == "symlink pointing outside the source directory"
    assert by_id["up/"]["status"] == "skipped"
    assert result.exit_code == 0
    assert sorted(files_under(tmp_path / "out")) == ["a.jsonld", "a.newsml.xml",
                                                     "batch-report.jsonl"]
    assert all(b"launch codes" not in data for data in files_under(tmp_path / "out").values())


def test_a_bad_source_leaves_an_earlier_dest_untouched(tmp_path):
    src = write_tree(tmp_path / "src", {"a.txt": article(1)})
    dest = tmp_path / "out"
    run([src], dest)
    before = {p: p.read_bytes() for p in dest.rglob("*") if p.is_file()}
    res = invoke(str(src), str(tmp_path / "nope.tar"), "-o", str(dest), "--resume")
    assert res.exit_code == 2 and "nope.tar: no such file" in res.output
    assert {p: p.read_bytes() for p in dest.rglob("*") if p.is_file()} == before
