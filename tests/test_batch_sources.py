"""Batch sources: streaming, ids and output stems, archive safety (no converter needed)."""

from __future__ import annotations

import io
import json
import os
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest

from newsml_tools.batch.sources import (
    Limits,
    SourceError,
    SourceFilter,
    iter_directory,
    iter_jsonl,
    iter_tar,
    iter_zip,
    output_stem,
    safe_member_name,
    source_kind,
)

ALL = SourceFilter()


def by_id(items):
    return {i.id: i for i in items}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a/b/story.txt", "a/b/story.txt"),
        ("./a//b/story.txt", "a/b/story.txt"),
        ("../evil.txt", None),
        ("a/../../evil.txt", None),
        ("a/..", None),
        ("/etc/evil.txt", None),
        ("\\\\server\\share\\x.txt", None),
        ("C:\\evil.txt", None),
        ("c:evil.txt", None),
        ("a\\..\\..\\evil.txt", None),
        ("", None),
        ("nul\x00.txt", None),
    ],
)
def test_safe_member_name(name, expected):
    assert safe_member_name(name) == expected


def test_output_stem():
    assert output_stem("a/b/story.txt") == "a/b/story"
    assert output_stem("README") == "README"
    assert output_stem("a/.hidden") == "a/.hidden"
    assert output_stem("x.tar.txt") == "x.tar"


def test_source_kind(tmp_path):
    (tmp_path / "d").mkdir()
    for name in ("a.zip", "a.tar", "a.tar.gz", "a.tgz", "a.jsonl", "a.pdf"):
        (tmp_path / name).write_bytes(b"")
    assert source_kind(tmp_path / "d") == "dir"
    assert source_kind(tmp_path / "a.zip") == "zip"
    assert source_kind(tmp_path / "a.tar") == "tar"
    assert source_kind(tmp_path / "a.tar.gz") == "tar"
    assert source_kind(tmp_path / "a.tgz") == "tar"
    assert source_kind(tmp_path / "a.jsonl") == "jsonl"
    with pytest.raises(SourceError, match="unsupported"):
        source_kind(tmp_path / "a.pdf")
    with pytest.raises(SourceError, match="no such"):
        source_kind(tmp_path / "missing")


def test_directory_recursive_sorted_filtered(tmp_path):
    root = tmp_path / "src"
    (root / "b" / "c").mkdir(parents=True)
    (root / "a.txt").write_text("A")
    (root / "b" / "c" / "d.txt").write_text("D")
    (root / "b" / "skip.md").write_text("M")
    (root / "b" / "drafts.txt").write_text("X")
    items = list(iter_directory(str(root), SourceFilter(exclude=("drafts*",)), Limits()))
    assert [i.id for i in items] == ["a.txt", "b/c/d.txt"]
    assert [i.stem for i in items] == ["a", "b/c/d"]
    assert all(i.path and i.data is None for i in items)  # workers read the files


def test_directory_symlinks_stay_inside_the_root(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    root = tmp_path / "src"
    root.mkdir()
    (root / "real.txt").write_text("real")
    os.symlink(outside / "secret.txt", root / "leak.txt")
    os.symlink(root / "real.txt", root / "alias.txt")
    os.symlink(outside, root / "linkdir")
    os.symlink(root / "nowhere.txt", root / "broken.txt")
    items = by_id(iter_directory(str(root), ALL, Limits()))
    assert items["leak.txt"].skip == "symlink pointing outside the source directory"
    assert items["leak.txt"].path is None
    assert items["alias.txt"].path == os.path.realpath(root / "real.txt")
    assert items["linkdir/"].skip == "symlinked directory not followed"
    assert items["broken.txt"].skip == "broken symlink"
    assert not any("secret" in (i.path or "") for i in items.values())


def test_directory_skips_fifos_and_caps_size(tmp_path):
    root = tmp_path / "src"
    root.mkdir()
    os.mkfifo(root / "pipe.txt")
    (root / "big.txt").write_bytes(b"x" * 2000)
    items = by_id(iter_directory(str(root), ALL, Limits(max_member_bytes=1000)))
    assert "not a regular file" in items["pipe.txt"].skip
    assert "over the 1000-byte limit" in items["big.txt"].error


def test_directory_excludes_dest_inside_source(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.txt").write_text("x")
    (tmp_path / "new.txt").write_text("y")
    items = list(iter_directory(str(tmp_path), ALL, Limits(), exclude_dirs=[str(tmp_path / "out")]))
    assert [i.id for i in items] == ["new.txt"]


def _zip(path: Path, members: list[tuple[str, bytes]], *, links=(), level=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", level) as zf:
        for name, data in members:
            zf.writestr(name, data)
        for name, target in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)
    return path


def test_zip_slip_and_links_refused(tmp_path):
    archive = _zip(
        tmp_path / "a.zip",
        [("ok/one.txt", b"One"), ("../evil.txt", b"evil"), ("/abs/evil.txt", b"evil"),
         ("notes.md", b"ignored")],
        links=[("link.txt", "/etc/passwd")],
    )
    items = by_id(iter_zip(str(archive), ALL, Limits()))
    assert items["ok/one.txt"].data == b"One" and items["ok/one.txt"].stem == "ok/one"
    assert "unsafe member name refused: '../evil.txt'" in items["../evil.txt"].error
    assert "unsafe member name refused" in items["/abs/evil.txt"].error
    assert items["../evil.txt"].stem is None and items["../evil.txt"].data is None
    assert items["link.txt"].skip == "symlink inside the archive"
    assert "notes.md" not in items


def test_zip_bombs_bounded(tmp_path):
    archive = _zip(tmp_path / "bomb.zip", [("huge.txt", b"\0" * (3 << 20)), ("fine.txt", b"ok")])
    items = by_id(iter_zip(str(archive), ALL, Limits(max_member_bytes=1 << 20)))
    assert "over the 1048576-byte limit" in items["huge.txt"].error
    assert items["huge.txt"].data is None
    assert items["fine.txt"].data == b"ok"
    # under the size cap but expanding ~1000:1: refused as a bomb without reading it
    items = by_id(iter_zip(str(archive), ALL, Limits()))
    assert "compression ratio" in items["huge.txt"].error
    # the archive total bound
    archive = _zip(tmp_path / "many.zip", [(f"{i}.txt", b"x" * 100) for i in range(5)])
    items = list(iter_zip(str(archive), ALL, Limits(max_total_bytes=250)))
    assert [i.data is not None for i in items] == [True, True, False, False, False]
    assert "--max-total-bytes" in items[2].error


def test_zip_unreadable(tmp_path):
    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    [item] = list(iter_zip(str(tmp_path / "bad.zip"), ALL, Limits()))
    assert item.unreadable and "unreadable zip archive" in item.error


def _tar(path: Path, members: list[tuple[str, bytes]], special=()):
    with tarfile.open(path, "w:gz") as tf:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        for name, kind in special:
            info = tarfile.TarInfo(name)
            info.type = kind
            info.linkname = "/etc/passwd"
            tf.addfile(info)
    return path


def test_tar_streamed_with_safety(tmp_path):
    archive = _tar(
        tmp_path / "a.tar.gz",
        [("x/one.txt", b"One"), ("../up.txt", b"evil"), ("/abs.txt", b"evil"),
         ("big.txt", b"y" * 5000)],
        special=[("sym.txt", tarfile.SYMTYPE), ("hard.txt", tarfile.LNKTYPE),
                 ("dev.txt", tarfile.CHRTYPE)],
    )
    items = by_id(iter_tar(str(archive), ALL, Limits(max_member_bytes=4096)))
    assert items["x/one.txt"].data == b"One"
    assert "unsafe member name" in items["../up.txt"].error
    assert "unsafe member name" in items["/abs.txt"].error
    assert "over the 4096-byte limit" in items["big.txt"].error
    assert items["sym.txt"].skip == "symlink inside the archive"
    assert items["hard.txt"].skip == "hard link inside the archive"
    assert "not a regular file" in items["dev.txt"].skip


def test_tar_truncated_is_unreadable_after_good_members(tmp_path):
    archive = _tar(tmp_path / "t.tar.gz", [(f"{i}.txt", os.urandom(3000)) for i in range(20)])
    data = archive.read_bytes()
    (tmp_path / "cut.tar.gz").write_bytes(data[: len(data) // 2])
    items = list(iter_tar(str(tmp_path / "cut.tar.gz"), ALL, Limits()))
    assert items[0].data is not None
    assert items[-1].unreadable and items[-1].id == "cut.tar.gz!"


def test_jsonl_records_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "s1", "text": "One", "date": "2024-06-19T10:00:00Z", "lang": "en"}),
        "",
        "{not json",
        json.dumps({"id": "s2"}),
        json.dumps({"text": "no id"}),
        json.dumps({"id": "s1", "text": "dup"}),
        json.dumps({"id": "s3", "text": "T", "path": "../escape.txt"}),
        json.dumps({"id": "s4", "text": "T", "path": "world/asia/story.txt"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "a/b c", "text": "T", "lang": 5}),
    ]
    src = tmp_path / "feed.jsonl"
    src.write_text("\n".join(lines) + "\n")
    items = list(iter_jsonl(str(src), Limits()))
    got = {i.id: i for i in items}
    assert items[0].overrides == {"date": "2024-06-19T10:00:00Z", "lang": "en"}
    assert items[0].stem == "feed/s1" and items[0].data == b"One"
    assert "not valid JSON" in got["feed.jsonl:3"].error
    assert got["s2"].error == 'missing "text" (a string)'
    assert got["feed.jsonl:5"].stem == "feed/line-000005"
    assert "duplicate id 's1'" in got["feed.jsonl:6"].error
    assert "unsafe" in got["s3"].error
    assert got["s4"].stem == "world/asia/story"
    assert "JSON object" in got["feed.jsonl:9"].error
    assert got["a/b c"].error == '"lang" must be a string'
    assert len(items) == 9  # blank line ignored


def test_jsonl_overlong_line(tmp_path):
    src = tmp_path / "f.jsonl"
    src.write_text(json.dumps({"id": "big", "text": "x" * 5000}) + "\n"
                   + json.dumps({"id": "ok", "text": "fine"}) + "\n")
    items = list(iter_jsonl(str(src), Limits(max_member_bytes=1000)))
    assert "over the 1000-byte limit" in items[0].error
    assert items[1].id == "ok" and items[1].data == b"fine"


def test_appledouble_files_are_never_inputs(tmp_path):
    archive = _zip(tmp_path / "mac.zip", [("a.txt", b"A"), ("__MACOSX/._a.txt", b"\0\5\26\7"),
                                          ("sub/._b.txt", b"\0\5\26\7")])
    assert [i.id for i in iter_zip(str(archive), ALL, Limits())] == ["a.txt"]


def test_include_globs_ignore_case() -> None:
    """STORY.TXT from a Windows-era archive is a *.txt article (as for `newsml validate`);
    --exclude ignores case too."""
    from newsml_tools.batch.sources import SourceFilter

    default = SourceFilter()
    assert default.wanted("a/STORY.TXT") and default.wanted("a/b.Txt")
    assert not default.wanted("a/b.xml")
    custom = SourceFilter(("wire/*.TXT",), ("*DRAFT*",))
    assert custom.wanted("wire/a.txt") and not custom.wanted("other/a.txt")
    assert not custom.wanted("wire/DRAFT-1.txt") and not custom.wanted("wire/draft-1.txt")
