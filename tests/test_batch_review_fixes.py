"""Regressions from the adversarial review of ``newsml batch``: damaged archives, hostile
JSON Lines, name collisions, decompression work, cleanup after failures, own files."""

from __future__ import annotations

import errno
import gzip
import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from newsml_tools.batch import BatchConfig, BatchError, run_batch
from newsml_tools.batch.sources import Limits, SourceFilter, iter_jsonl, iter_tar, iter_zip
from newsml_tools.convert import ConvertOptions

ALL = SourceFilter(include=("*",))
TEXT = "Council approves budget\n\nThe council approved the budget on Tuesday, officials said.\n"
BODY = TEXT.encode()


def run(sources, dest, **kw):
    kw.setdefault("jobs", 1)
    config = BatchConfig(sources=[str(s) for s in sources], dest=str(dest),
                         options=kw.pop("options", ConvertOptions()), **kw)
    result = run_batch(config)
    lines = Path(result.report).read_bytes().decode("utf-8").splitlines()
    return result, [json.loads(line) for line in lines]


def one_article(tmp_path: Path) -> Path:
    """A SOURCE folder holding one article, ``a.txt``."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(TEXT, encoding="utf-8")
    return src


def tar_bytes(members, *, fmt=tarfile.GNU_FORMAT) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tf:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def bad_header_tar() -> bytes:
    """Five members; the checksum of the 3rd header has one bit flipped."""
    data = bytearray(tar_bytes([(f"{c}.txt", BODY) for c in "abcde"]))
    with tarfile.open(fileobj=io.BytesIO(bytes(data))) as tf:
        offset = tf.getmember("c.txt").offset
    data[offset + 148] ^= 1
    return bytes(data)


# ---------------------------------------------------------------- 1. damaged tar header


@pytest.mark.parametrize("name", ["bad-header.tar", "bad-header.tar.gz"])
def test_tar_damaged_header_is_corrupt_not_the_end(tmp_path, name):
    data = bad_header_tar()
    archive = tmp_path / name
    archive.write_bytes(gzip.compress(data, mtime=0) if name.endswith(".gz") else data)
    items = list(iter_tar(str(archive), ALL, Limits()))
    assert [i.id for i in items] == ["a.txt", "b.txt", f"{name}!"]
    assert items[-1].unreadable and "damaged member header" in items[-1].error
    result, report = run([archive], tmp_path / "out")
    assert result.exit_code == 2
    assert [r["status"] for r in report] == ["ok", "ok", "error"]


def test_tar_gz_corrupted_in_the_middle_never_ends_quietly(tmp_path):
    import random

    rng = random.Random(7)
    words = ["council", "budget", "river", "homes", "mayor", "plan", "district", "said"]
    members = [(f"{i:02d}.txt", " ".join(rng.choice(words) for _ in range(400)).encode())
               for i in range(30)]
    data = bytearray(gzip.compress(tar_bytes(members), mtime=0))
    for i in range(len(data) // 2, len(data) // 2 + 64):
        data[i] ^= 0xFF
    (tmp_path / "c.tar.gz").write_bytes(bytes(data))
    items = list(iter_tar(str(tmp_path / "c.tar.gz"), ALL, Limits()))
    assert items[-1].unreadable and items[-1].id == "c.tar.gz!"


def test_tar_end_marker_and_real_end_still_clean(tmp_path):
    (tmp_path / "ok.tar").write_bytes(tar_bytes([("a.txt", BODY), ("b.txt", BODY)]))
    items = list(iter_tar(str(tmp_path / "ok.tar"), ALL, Limits()))
    assert [(i.id, i.unreadable) for i in items] == [("a.txt", False), ("b.txt", False)]


def test_tar_giant_pax_header_is_refused_not_read_into_memory(tmp_path):
    # a pax header claiming 64 MiB: tarfile would read it into memory in one go
    info = tarfile.TarInfo("././@PaxHeader")
    info.type = tarfile.XHDTYPE
    info.size = 64 << 20
    header = info.tobuf(tarfile.USTAR_FORMAT)
    (tmp_path / "pax.tar").write_bytes(
        tar_bytes([("a.txt", BODY)])[:1024] + header + bytes(4096))
    items = list(iter_tar(str(tmp_path / "pax.tar"), ALL, Limits(max_member_bytes=4096)))
    assert items[0].id == "a.txt" and items[0].data == BODY
    assert items[-1].unreadable


# ---------------------------------------------------------------- 2. corrupt zip member


def corrupt_member_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in ("a.txt", "b.txt", "c.txt"):
            zf.writestr(name, BODY)
    buf = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("b.txt")
    buf[info.header_offset + 30 + len(info.filename) + len(info.extra)] = 0xFF
    path.write_bytes(bytes(buf))
    return path


def test_zip_corrupt_member_is_its_own_error(tmp_path):
    archive = corrupt_member_zip(tmp_path / "in.zip")
    items = list(iter_zip(str(archive), ALL, Limits()))
    assert [i.id for i in items] == ["a.txt", "b.txt", "c.txt"]
    assert items[0].data == items[2].data == BODY
    assert "cannot read member" in items[1].error and items[1].data is None
    for resume in (False, True):
        result, report = run([archive], tmp_path / "out", resume=resume)
        assert result.exit_code == 1
        assert [r["status"] for r in report] == (
            ["skipped", "error", "skipped"] if resume else ["ok", "error", "ok"])


def test_zip_unsupported_compression_is_its_own_error(tmp_path):
    archive = tmp_path / "m.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.txt", BODY)
        zf.writestr("b.txt", BODY)
    buf = bytearray(archive.read_bytes())
    central = buf.index(b"PK\x01\x02")  # a.txt's central directory entry
    buf[central + 10] = 99  # compression method 99 (AES): not supported by zipfile
    archive.write_bytes(bytes(buf))
    items = list(iter_zip(str(archive), ALL, Limits()))
    assert items[0].error and items[1].data == BODY


# ---------------------------------------------------------------- 3. hostile JSON lines


def test_jsonl_deep_nesting_and_huge_int_are_line_errors(tmp_path):
    feed = tmp_path / "deep.jsonl"
    feed.write_text(
        json.dumps({"id": "ok1", "text": TEXT}) + "\n"
        + '{"id":"deep","text":"H","meta":' + "[" * 100_000 + "]" * 100_000 + "}\n"
        + '{"id":"big","text":"H","n":' + "9" * 5000 + "}\n"
        + json.dumps({"id": "ok2", "text": TEXT}) + "\n", encoding="utf-8")
    items = list(iter_jsonl(str(feed), Limits()))
    assert [i.id for i in items] == ["ok1", "deep.jsonl:2", "deep.jsonl:3", "ok2"]
    assert "nested too deeply" in items[1].error
    assert "not valid JSON" in items[2].error
    result, report = run([feed], tmp_path / "out")
    assert result.exit_code == 1
    assert [r["status"] for r in report] == ["ok", "error", "error", "ok"]


# ---------------------------------------------------------------- 4. zip DEST name clash


def test_zip_dest_non_utf8_names_that_clash_after_replacement(tmp_path):
    src = tmp_path / "latin"
    src.mkdir()
    for byte in (b"\xe9", b"\xe8"):
        with open(os.fsencode(src) + b"/caf" + byte + b".txt", "wb") as fh:
            fh.write(BODY)
    result, report = run([src], tmp_path / "out.zip")
    assert result.exit_code == 1
    assert [r["status"] for r in report] == ["ok", "error"]
    assert "would overwrite" in report[1]["error"]
    with zipfile.ZipFile(tmp_path / "out.zip") as zf:
        names = zf.namelist()
    assert len(names) == len(set(names)) == 2


# ---------------------------------------------------------------- 5. JSON Lines ids


def test_jsonl_ids_keep_their_letters_and_clashes_are_disambiguated(tmp_path):
    ids = ["Москва-1", "Киев-2", "新闻", "ニュース", "abc", "ABC", "id 1", "id/1", "id:1"]
    feed = tmp_path / "ids.jsonl"
    feed.write_text("".join(json.dumps({"id": i, "text": TEXT}, ensure_ascii=False) + "\n"
                            for i in ids), encoding="utf-8")
    dest = tmp_path / "out"
    opts = ConvertOptions(formats=("jsonld",))
    result, report = run([feed], dest, options=opts)
    assert result.exit_code == 0, report
    outputs = [r["outputs"][0] for r in report]
    assert outputs[:5] == ["ids/Москва-1.jsonld", "ids/Киев-2.jsonld", "ids/新闻.jsonld",
                           "ids/ニュース.jsonld", "ids/abc.jsonld"]
    assert outputs[5].startswith("ids/ABC~") and outputs[6] == "ids/id 1.jsonld"
    assert outputs[7] == "ids/id_1.jsonld" and outputs[8].startswith("ids/id_1~")
    assert len({o.lower() for o in outputs}) == len(ids)
    assert all((dest / o).is_file() for o in outputs)
    # deterministic: --resume finds every one again
    _result, again = run([feed], dest, options=opts, resume=True)
    assert [r["status"] for r in again] == ["skipped"] * len(ids)
    assert [r["outputs"][0] for r in again] == outputs


def test_jsonl_id_names_are_cut_by_utf8_bytes(tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"id": "é" * 300, "text": TEXT}) + "\n"
                    + json.dumps({"id": "é" * 301, "text": TEXT}) + "\n", encoding="utf-8")
    result, report = run([feed], tmp_path / "out")
    assert result.exit_code == 0, report
    for rec in report:
        for out in rec["outputs"]:
            assert len(os.path.basename(out).encode()) <= 255
            assert (tmp_path / "out" / out).is_file()


# ---------------------------------------------------------------- 6. tar decompression bound


def test_tar_skipped_members_count_towards_max_total_bytes(tmp_path):
    big = b"\0" * (4 << 20)  # a filtered member: inflated to be skipped, so counted
    archive = tmp_path / "bomb.tar.gz"
    archive.write_bytes(gzip.compress(
        tar_bytes([("a.txt", BODY), ("bomb.bin", big), ("z.txt", BODY)]), mtime=0))
    items = list(iter_tar(str(archive), SourceFilter(), Limits(max_total_bytes=1024)))
    assert [i.id for i in items] == ["a.txt", "bomb.tar.gz!"]
    assert items[-1].unreadable and "--max-total-bytes" in items[-1].error
    # a member over --max-member-bytes is not read, but inflated all the same
    items = list(iter_tar(str(archive), ALL, Limits(max_member_bytes=100,
                                                    max_total_bytes=1 << 20)))
    assert [i.id for i in items] == ["a.txt", "bomb.bin", "bomb.tar.gz!"]
    assert "--max-member-bytes" in items[1].error


# ---------------------------------------------------------------- 7. full disk, zip DEST


def test_zip_dest_full_disk_leaves_no_temp_files(tmp_path, monkeypatch):
    src = one_article(tmp_path)
    real_close = zipfile.ZipFile.close
    calls = []

    def no_space(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    def close_on_full_disk(self):  # writing the central directory fails too
        was_open = self.fp is not None
        real_close(self)
        if was_open and self.mode == "w":
            calls.append(1)
            no_space()

    monkeypatch.setattr(zipfile.ZipFile, "writestr", no_space)
    monkeypatch.setattr(zipfile.ZipFile, "close", close_on_full_disk)
    with pytest.raises(OSError, match="No space left"):
        run([src], tmp_path / "out.zip")
    assert calls
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["src"], left


def test_zip_dest_held_by_another_run_keeps_its_lock(tmp_path):
    import fcntl

    src = one_article(tmp_path)
    lock = tmp_path / ".out.zip.newsml-batch.lock"
    with open(lock, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(BatchError, match="another"):
            run([src], tmp_path / "out.zip")
        assert lock.exists()  # the other run's lock, not ours to remove


# ---------------------------------------------------------------- 8. partial outputs


def test_an_output_that_cannot_be_written_takes_its_siblings_along(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    name = "M" * 246  # .jsonld fits in 255 bytes, .newsml.xml does not
    (src / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    (src / "b.txt").write_text(TEXT, encoding="utf-8")
    dest = tmp_path / "out"
    result, report = run([src], dest)
    assert result.exit_code == 1
    bad = report[0]
    assert bad["status"] == "error" and bad["outputs"] == []
    assert bad["error"].startswith(f"cannot write {name}.")
    assert sorted(p.name for p in dest.iterdir() if not p.name.startswith(".")) == [
        "b.jsonld", "b.newsml.xml", "batch-report.jsonl"]


# ---------------------------------------------------------------- 9. DEST inside SOURCE


def test_zip_dest_inside_the_source_is_not_an_input(tmp_path):
    src = one_article(tmp_path)
    for _ in range(2):
        result, report = run([src], src / "out.zip", include=("*",))
        assert result.exit_code == 0, report
        assert [r["id"] for r in report] == ["a.txt"]


def test_dest_equal_to_source_skips_newsml_files(tmp_path):
    src = one_article(tmp_path)
    for resume in (False, True):
        result, report = run([src], src, include=("*",), resume=resume,
                             options=ConvertOptions(formats=("newsml-g2", "jsonld", "nitf",
                                                             "ninjs")))
        assert result.exit_code == 0, report
        assert [r["id"] for r in report] == ["a.txt"]


def test_report_inside_the_source_is_not_an_input(tmp_path):
    src = one_article(tmp_path)
    for _ in range(2):
        _result, report = run([src], tmp_path / "out", include=("*",),
                              report=str(src / "report.jsonl"))
        assert [r["id"] for r in report] == ["a.txt"]


# ---------------------------------------------------------------- 10. killed run's report temp


KILLED_RUN = """
import os, signal, sys
from newsml_tools.batch import BatchConfig, run_batch
from newsml_tools.convert import ConvertOptions

def die(text, options, *, source_name):
    os.kill(os.getpid(), signal.SIGKILL)

run_batch(BatchConfig(sources=[sys.argv[1]], dest=sys.argv[2], options=ConvertOptions(),
                      jobs=1, convert=die, report=sys.argv[3] if len(sys.argv) > 3 else None))
"""


@pytest.mark.parametrize("where", ["zip-dest", "report-outside"])
def test_killed_run_report_temp_is_cleaned_next_time(tmp_path, where):
    src = one_article(tmp_path)
    reports = tmp_path / "reports"
    reports.mkdir()
    if where == "zip-dest":
        dest, extra = tmp_path / "reports" / "out.zip", []
    else:
        dest, extra = tmp_path / "out", [str(reports / "r.jsonl")]
    script = tmp_path / "killed.py"
    script.write_text(KILLED_RUN)
    proc = subprocess.run([sys.executable, str(script), str(src), str(dest), *extra],
                          capture_output=True, check=False)
    assert proc.returncode == -9, proc.stderr
    assert list(reports.glob(".newsml-tmp-*"))  # the killed run's report, mode 0600
    other = reports / ".newsml-tmp-someone-else"  # not ours: left alone
    other.write_text("x")
    target = tmp_path / "target"
    target.write_text("keep")
    run([src], dest, report=extra[0] if extra else None)
    assert sorted(p.name for p in reports.glob(".newsml-tmp-*")) == [other.name]
    assert target.read_text() == "keep"


# ---------------------------------------------------------------- 11. --report on own files


@pytest.mark.parametrize("report", [".newsml-manifest.jsonl", "x.jsonld", "sub/a.newsml.xml",
                                    ".newsml-batch.lock"])
def test_report_may_not_replace_own_files_or_outputs(tmp_path, report):
    src = one_article(tmp_path)
    with pytest.raises(BatchError, match="report"):
        run([src], tmp_path / "out", report=str(tmp_path / "out" / report))


def test_report_may_not_replace_the_zip_temp_or_a_source(tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": TEXT}) + "\n", encoding="utf-8")
    with pytest.raises(BatchError, match="report"):
        run([feed], tmp_path / "o.zip", report=str(tmp_path / "o.zip.tmp"))
    with pytest.raises(BatchError, match="SOURCE"):
        run([feed], tmp_path / "out", report=str(feed))
    assert feed.read_text(encoding="utf-8").startswith('{"id": "a"')


# ---------------------------------------------------------------- 12. UTF-16 JSON Lines


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_jsonl_not_utf8_is_refused_as_a_whole(tmp_path, encoding):
    text = "".join(json.dumps({"id": f"r{i}", "text": TEXT}) + "\r\n" for i in range(3))
    feed = tmp_path / "u.jsonl"
    feed.write_bytes(text.encode(encoding))
    items = list(iter_jsonl(str(feed), Limits()))
    assert len(items) == 1 and items[0].unreadable
    assert "JSON Lines must be UTF-8" in items[0].error
    result, _report = run([feed], tmp_path / "out")
    assert result.exit_code == 2


def test_jsonl_utf8_bom_still_fine(tmp_path):
    feed = tmp_path / "b.jsonl"
    feed.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": TEXT}).encode() + b"\n")
    [item] = list(iter_jsonl(str(feed), Limits()))
    assert item.id == "a" and item.data == BODY


# ---------------------------------------------------------------- 13. ids and surrogates


def test_jsonl_bool_id_and_lone_surrogates(tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text("\n".join([
        '{"id": true, "text": "T"}',
        '{"id": 1.5, "text": "T"}',
        '{"id": "s", "text": "Lone \\ud800 surrogate\\n\\nBody."}',
        '{"id": "p", "text": "T", "provider": "x\\udc00"}',
        '{"id": "q", "text": "T", "path": "a\\ud800.txt"}',
        '{"id": "pair", "text": "Emoji \\ud83d\\ude00\\n\\nBody."}',
        '{"id": "x\\ud800", "text": "T"}',
    ]) + "\n", encoding="utf-8")
    items = list(iter_jsonl(str(feed), Limits()))
    assert "must be a string or an integer" in items[0].error
    assert items[0].id == "f.jsonl:1"
    assert "must be a string or an integer" in items[1].error
    assert items[2].error.startswith('"text" holds a lone surrogate escape (\\ud800')
    assert "UTF-8" not in items[2].error
    assert items[3].error.startswith('"provider" holds a lone surrogate')
    assert items[4].error.startswith('"path" holds a lone surrogate')
    assert items[5].error is None and items[5].data == "Emoji 😀\n\nBody.".encode()
    assert items[6].error is None and items[6].stem == "f/x_"  # the id is kept, escaped
    _result, report = run([feed], tmp_path / "out")
    assert report[6]["status"] == "ok" and report[6]["id"] == "x\ud800"


# ---- second review round ------------------------------------------------------------

def test_report_naming_an_article_of_a_source_folder_is_refused(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "story1.txt").write_text(TEXT)
    with pytest.raises(BatchError, match="would replace an article"):
        run([src], tmp_path / "out", report=str(src / "story1.txt"))
    assert (src / "story1.txt").read_text() == TEXT
    # a report in the folder that is not an input is fine (and not taken as one)
    _result, recs = run([src], tmp_path / "out", report=str(src / "report.jsonl"))
    assert [r["id"] for r in recs] == ["story1.txt"]


def test_zip_dest_that_is_a_source_is_refused(tmp_path):
    archive = tmp_path / "same.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.txt", TEXT)
    before = archive.read_bytes()
    with pytest.raises(BatchError, match="also a SOURCE"):
        run([archive], archive)
    assert archive.read_bytes() == before


@pytest.mark.parametrize("compress", [False, True])
def test_an_empty_tar_is_empty_not_corrupt(tmp_path, compress):
    data = tar_bytes([])
    path = tmp_path / ("e.tar.gz" if compress else "e.tar")
    path.write_bytes(gzip.compress(data) if compress else data)
    assert list(iter_tar(str(path), ALL, Limits())) == []
    result, recs = run([path], tmp_path / "out")
    # not corrupt, but a SOURCE that gives nothing: exit 2 (a run must not pass on nothing)
    assert recs == [] and result.exit_code == 2 and result.empty_sources


def test_a_gzip_crc_error_is_reported(tmp_path):
    """tarfile's stream mode never checks the gzip trailer: a flipped byte inside an
    article went through silently."""
    raw = bytearray(gzip.compress(tar_bytes([("a.txt", BODY), ("b.txt", BODY)]),
                                  compresslevel=0))
    raw[raw.index(b"council")] = ord("X")
    path = tmp_path / "crc.tar.gz"
    path.write_bytes(bytes(raw))
    result, recs = run([path], tmp_path / "out")
    assert recs[-1]["id"] == "crc.tar.gz!" and "gzip stream is corrupt" in recs[-1]["error"]
    assert result.exit_code == 2


def test_windows_device_names_all_get_an_underscore():
    from newsml_tools.batch.sources import _safe_file_name

    for name in ("COM¹", "lpt³", "CONIN$", "conout$.txt", "COM0", "LPT9"):
        assert _safe_file_name(name).split(".")[0].endswith("_"), name
    assert _safe_file_name("COMPUTE") == "COMPUTE"


def test_a_rename_on_resume_never_removes_a_name_another_input_may_hold(tmp_path):
    """"ABC" got ABC~<hash> while "abc" held the plain name; then an input whose id is
    literally "ABC~<hash>" holds that name and "ABC" the plain one: nothing listed in the
    report may be missing (old names are left, never guessed at)."""
    feed = _feed(tmp_path, "abc", "ABC")
    run([feed], tmp_path / "out")
    renamed = next(p.name for p in (tmp_path / "out" / "feed").iterdir() if "~" in p.name)
    _feed(tmp_path, renamed.split(".")[0], "ABC")
    _result, recs = run([feed], tmp_path / "out", resume=True)
    _assert_outputs_exist(recs, tmp_path / "out")


def _feed(tmp_path: Path, *ids: str) -> Path:
    """feed.jsonl holding one record with the same text per id, in order."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": i, "text": TEXT}) + "\n" for i in ids))
    return feed


def _assert_outputs_exist(recs: list[dict], dest: Path) -> None:
    for rec in recs:
        for out in rec["outputs"]:
            assert (dest / out).is_file(), (rec["id"], out)


# ---- third review round ----------------------------------------------------------------

def test_a_rename_never_removes_the_plain_name_another_input_now_holds(tmp_path):
    """Two records with the same text: "x/1" now holds the plain name x_1, which "x:1"
    wrote in the previous run; x:1's cleanup must not remove x/1's fresh outputs."""
    feed = _feed(tmp_path, "x:1")
    run([feed], tmp_path / "out")
    _feed(tmp_path, "x/1", "x:1")
    _result, recs = run([feed], tmp_path / "out", resume=True)
    _assert_outputs_exist(recs, tmp_path / "out")


def test_report_through_a_symlinked_article_name_is_refused(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(TEXT)
    (src / "story.md").write_text(TEXT)
    os.symlink("story.md", src / "link.txt")
    with pytest.raises(BatchError, match="would replace an article"):
        run([src], tmp_path / "out", report=str(src / "link.txt"))
    assert os.path.islink(src / "link.txt")


def test_a_truncated_tar_gz_gets_one_record_for_the_damage(tmp_path):
    path = tmp_path / "trunc.tgz"
    path.write_bytes(gzip.compress(tar_bytes([("a.txt", BODY), ("b.txt", BODY)]))[:-20])
    _result, recs = run([path], tmp_path / "out")
    ids = [r["id"] for r in recs]
    assert len(ids) == len(set(ids)), ids


def test_trailing_garbage_after_the_gzip_stream_is_ignored(tmp_path):
    path = tmp_path / "t.tgz"
    path.write_bytes(gzip.compress(tar_bytes([("a.txt", BODY)])) + b"garbage")
    result, recs = run([path], tmp_path / "out")
    assert [r["status"] for r in recs] == ["ok"] and result.exit_code == 0


def test_dot_slash_folder_entry_is_no_error(tmp_path):
    """`tar czf x.tgz -C dir .` starts with a "./" folder entry."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        d = tarfile.TarInfo("./")
        d.type = tarfile.DIRTYPE
        tf.addfile(d)
        f = tarfile.TarInfo("./a.txt")
        f.size = len(BODY)
        tf.addfile(f, io.BytesIO(BODY))
    path = tmp_path / "x.tgz"
    path.write_bytes(buf.getvalue())
    result, recs = run([path], tmp_path / "out")
    assert [(r["id"], r["status"]) for r in recs] == [("a.txt", "ok")]
    assert result.exit_code == 0
