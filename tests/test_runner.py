"""The many-files runner: path expansion, order, parallel == serial, filters, fallbacks.

A fake per-file check (module-level, so a process pool can run it) stands in for the
validator: the file's first word decides the outcome.
"""

from __future__ import annotations

import io
import os

import pytest

from newsml_tools import runner
from newsml_tools.findings import FileResult, Finding, Report, Severity
from newsml_tools.runner import (
    CheckOptions,
    Target,
    expand_paths,
    filter_result,
    read_files_from,
    rule_matches,
    validate_paths,
    validate_targets,
)


def fake_check(path: str, options: CheckOptions) -> FileResult:
    with open(path, "rb") as fh:
        data = fh.read()
    return fake_data(data, path, options)


def fake_data(data: bytes, name: str, options: CheckOptions) -> FileResult:
    word = data.split(b"\n", 1)[0].decode("utf-8", "replace").strip()
    kind = options.kind or ("ninjs" if name.endswith(".json") else "newsml-g2")
    r = FileResult(file=name, kind=kind)
    if word == "boom":
        raise ValueError("validator bug")
    if word == "unreadable":
        r.error = "cannot decode"
    for rule, sev in (("bad", ("NG001", Severity.ERROR)), ("warn", ("NG002", Severity.WARNING)),
                      ("info", ("NG008", Severity.INFO)), ("xsd", ("xsd", Severity.ERROR)),
                      ("parse", ("parse", Severity.ERROR))):
        if word == rule:
            r.findings.append(Finding(name, 1, 1, None, sev[0], sev[1], f"{word} in {name}"))
    return r


def pid_check(path: str, options: CheckOptions) -> FileResult:
    return FileResult(file=path, kind=str(os.getpid()))


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = {
        "a/one.xml": "ok", "a/two.XML": "bad", "a/sub/three.json": "warn",
        "a/sub/notes.txt": "bad", "a/.git/x.xml": "bad", "a/node_modules/y.xml": "bad",
        "b/four.nitf": "info", "b/five.jsonld": "ok", "b/six.htm": "ok", "b/seven.html": "ok",
        "c/x.xml": "ok",
    }
    for name, text in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text + "\n")
    return tmp_path


def names(targets: list[Target]) -> list[str]:
    return [t.name.replace(os.sep, "/") for t in targets]


# ------------------------------------------------------------------------------ expand
def test_directory_walk_default_includes_sorted_and_skips_vcs(tree) -> None:
    assert names(expand_paths(["a", "b"])) == [
        "a/one.xml", "a/two.XML", "a/sub/three.json",
        "b/five.jsonld", "b/four.nitf", "b/seven.html", "b/six.htm",
    ]


def test_include_replaces_defaults_and_exclude(tree) -> None:
    assert names(expand_paths(["a"], include=["*.txt"])) == ["a/sub/notes.txt"]
    assert names(expand_paths(["a"], exclude=["sub"])) == ["a/one.xml", "a/two.XML"]
    assert names(expand_paths(["a"], exclude=["*.json"])) == ["a/one.xml", "a/two.XML"]
    assert names(expand_paths(["a"], exclude=["sub/*.json"])) == ["a/one.xml", "a/two.XML"]


def test_explicit_files_always_checked(tree) -> None:
    # an explicitly named file is checked whatever its extension or the excludes
    assert names(expand_paths(["a/sub/notes.txt"], exclude=["*.txt"])) == ["a/sub/notes.txt"]


def test_globs_expanded_by_us(tree) -> None:
    assert names(expand_paths(["a/**/*.json"])) == ["a/sub/three.json"]
    assert names(expand_paths(["b/*.htm*"])) == ["b/seven.html", "b/six.htm"]
    assert names(expand_paths(["b/*.htm*"], exclude=["six.*"])) == ["b/seven.html"]
    assert names(expand_paths(["[ab]"])) == names(expand_paths(["a", "b"]))


def test_missing_and_unmatched_paths_are_targets_with_errors(tree) -> None:
    ts = expand_paths(["nope.xml", "c/*.json", "c/x.xml"])
    assert [(t.name, t.error) for t in ts] == [
        ("nope.xml", "no such file or directory"),
        ("c/*.json", "no files match this pattern"),
        ("c/x.xml", None),
    ]


def test_duplicates_checked_once_in_first_position(tree) -> None:
    assert names(expand_paths(["c/x.xml", "c", "./c/x.xml", str(tree / "c" / "x.xml")])) == [
        "c/x.xml"]


def test_stdin_dash(tree) -> None:
    ts = expand_paths(["-", "c/x.xml", "-"], stdin=io.BytesIO(b"bad\n"))
    assert ts[0] == Target("<stdin>", data=b"bad\n")
    assert names(ts) == ["<stdin>", "c/x.xml"]


def test_stdin_too_large(tree, monkeypatch) -> None:
    monkeypatch.setattr(runner, "STDIN_LIMIT", 4)
    (t,) = expand_paths(["-"], stdin=io.BytesIO(b"12345"))
    assert t.too_large == 4 and t.data is None and t.error is None


def test_read_files_from(tree) -> None:
    (tree / "list.txt").write_text("c/x.xml\r\n\n  \nb/six.htm\n")
    assert read_files_from("list.txt") == ["c/x.xml", "b/six.htm"]
    assert read_files_from("-", io.BytesIO(b"a/one.xml\n")) == ["a/one.xml"]
    # NUL-separated (find -print0 / git ls-files -z): newlines in names survive
    assert read_files_from("-", io.BytesIO(b"a\nb.xml\0c.xml\0")) == ["a\nb.xml", "c.xml"]


# ------------------------------------------------------------------------------ filter
def test_rule_prefix_matching() -> None:
    assert rule_matches("NG001", ["NG"]) and rule_matches("NG001", ["ng001"])
    assert not rule_matches("NI001", ["NG"]) and not rule_matches("xsd", [])
    # a word id is matched whole: JS is the JS001/JS002 family, not json-schema
    assert rule_matches("JS001", ["JS"]) and not rule_matches("json-schema", ["JS"])
    assert not rule_matches("xsd", ["X"]) and rule_matches("XF001", ["X"])
    assert rule_matches("json-schema", ["JSON-SCHEMA"]) and not rule_matches("xsd", ["xs"])


def test_filter_select_ignore_and_parse_is_kept() -> None:
    fs = [Finding("f", 1, 1, None, rule, Severity.ERROR, "m")
          for rule in ("NG001", "NG002", "xsd", "parse", "NJ001")]
    r = FileResult(file="f", findings=fs)
    rules = lambda res: [f.rule for f in res.findings]  # noqa: E731
    assert rules(filter_result(r, ["NG"], [])) == ["NG001", "NG002", "parse"]
    assert rules(filter_result(r, ["NG"], ["NG002"])) == ["NG001", "parse"]
    assert rules(filter_result(r, [], ["xsd", "parse"])) == ["NG001", "NG002", "parse", "NJ001"]
    assert filter_result(r, [], []) is r


# ------------------------------------------------------------------------------ running
def test_order_outcomes_and_exit_codes(tree) -> None:
    rep = validate_paths(["c/x.xml", "a", "missing.xml", "b"], jobs=1, check=fake_check)
    assert [r.file.replace(os.sep, "/") for r in rep.results] == [
        "c/x.xml", "a/one.xml", "a/two.XML", "a/sub/three.json", "missing.xml",
        "b/five.jsonld", "b/four.nitf", "b/seven.html", "b/six.htm"]
    assert rep.invalid == 1 and rep.unreadable == 1 and rep.exit_code == 2
    rep = validate_paths(["a"], jobs=1, check=fake_check)
    assert rep.exit_code == 1
    rep = validate_paths(["a"], jobs=1, check=fake_check, ignore=["NG001"])
    assert rep.exit_code == 0
    rep = validate_paths(["a"], jobs=1, check=fake_check, ignore=["NG001"], strict=True)
    assert rep.exit_code == 1  # the warning in three.json fails under --strict
    rep = validate_paths(["a"], jobs=1, check=fake_check, select=["NG001"])
    assert [f.rule for f in rep.findings] == ["NG001"]


def test_validator_exception_becomes_unreadable_result(tree) -> None:
    (tree / "boom.xml").write_text("boom\n")
    rep = validate_paths(["boom.xml", "c/x.xml"], jobs=1, check=fake_check)
    assert rep.results[0].error.startswith("internal error while validating (ValueError")
    assert rep.results[1].error is None and rep.exit_code == 2


def test_stdin_uses_data_check(tree) -> None:
    rep = validate_paths(["-"], jobs=1, check=fake_check, check_data=fake_data,
                         stdin=io.BytesIO(b"bad\n"))
    assert rep.results[0].file == "<stdin>" and rep.exit_code == 1


def _many(tree, n: int = 60) -> list[str]:
    d = tree / "many"
    d.mkdir()
    words = ["ok", "bad", "warn", "info", "xsd", "boom", "unreadable"]
    for i in range(n):
        (d / f"f{i:03d}.xml").write_text(words[i % len(words)] + "\n")
    return ["many", "nope.xml"]


def test_parallel_equals_serial(tree) -> None:
    args = _many(tree)
    serial = validate_paths(args, jobs=1, check=fake_check)
    parallel = validate_paths(args, jobs=2, check=fake_check)
    assert len(serial.results) == 61
    assert serial == parallel


def test_pool_is_really_used(tree) -> None:
    args = _many(tree, 40)
    rep = validate_paths(args, jobs=2, check=pid_check)
    pids = {r.kind for r in rep.results if r.error is None}
    assert str(os.getpid()) in pids  # the first file is checked in the parent
    assert len(pids) >= 2


def test_pool_creation_failure_falls_back_to_serial(tree, monkeypatch) -> None:
    import concurrent.futures

    def broken(*a, **k):
        raise OSError("no /dev/shm")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", broken)
    args = _many(tree, 20)
    assert validate_paths(args, jobs=2, check=fake_check) == validate_paths(
        args, jobs=1, check=fake_check)


def crash_check(path: str, options: CheckOptions) -> FileResult:
    if os.getpid() != PARENT_PID:
        os._exit(3)  # a worker dies hard (e.g. a segfault in a C library)
    return fake_check(path, options)


PARENT_PID = os.getpid()


def test_broken_pool_falls_back_to_serial(tree) -> None:
    args = _many(tree, 20)
    rep = validate_paths(args, jobs=2, check=crash_check)
    assert rep == validate_paths(args, jobs=1, check=fake_check)


def test_small_inputs_do_not_start_a_pool(tree) -> None:
    rep = validate_paths(["a"], jobs=2, check=pid_check)
    assert {r.kind for r in rep.results} == {str(os.getpid())}


def test_validate_targets_keeps_slots() -> None:
    rep = validate_targets([Target("x", error="gone"), Target("<stdin>", data=b"ok")],
                           jobs=1, check=fake_check, check_data=fake_data)
    assert [r.file for r in rep.results] == ["x", "<stdin>"]
    assert isinstance(rep, Report) and rep.exit_code == 2


def test_default_jobs_positive() -> None:
    assert runner.default_jobs() >= 1


# ------------------------------------------------------------------------------- cache
def test_cache_round_trip_and_invalidation(tree, monkeypatch) -> None:
    validation = pytest.importorskip("newsml_tools.validation")
    if not hasattr(validation, "read_file_limited"):
        pytest.skip("validator without read_file_limited")
    cache = tree / "cache"
    monkeypatch.setenv("NEWSML_CACHE_DIR", str(cache))
    good = '{"uri": "http://example.com/1", "type": "text"}'
    (tree / "n.json").write_text(good)
    (tree / "bad.json").write_text('{"uri": 5}')
    args = ["n.json", "bad.json", "missing.json"]
    first = validate_paths(args, jobs=1, kind="ninjs", cache=True)
    entries = list(cache.rglob("*.json"))
    assert len(entries) == 2  # unreadable inputs are not cached
    second = validate_paths(args, jobs=1, kind="ninjs", cache=True)
    assert first == second == validate_paths(args, jobs=1, kind="ninjs")
    # select/ignore apply after the cache
    ign = validate_paths(["bad.json"], jobs=1, kind="ninjs", cache=True, ignore=["json-schema"])
    assert ign.exit_code == 0
    # a changed file is a miss; a damaged entry is a miss
    (tree / "n.json").write_text('{"uri": 7}')
    assert validate_paths(["n.json"], jobs=1, kind="ninjs", cache=True).exit_code == 1
    for e in cache.rglob("*.json"):
        e.write_text("{damaged")
    fresh = validate_paths(args, jobs=1, kind="ninjs")
    assert validate_paths(args, jobs=1, kind="ninjs", cache=True) == fresh
    # other options, other entries
    n = len(list(cache.rglob("*.json")))
    validate_paths(["bad.json"], jobs=1, kind="ninjs", ninjs_version="2.1", cache=True)
    assert len(list(cache.rglob("*.json"))) == n + 1


def test_cache_dir_resolution(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("NEWSML_CACHE_DIR", str(tmp_path))
    assert runner.cache_dir() == os.path.join(str(tmp_path), runner.CACHE_FORMAT)
    monkeypatch.delenv("NEWSML_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert runner.cache_dir().startswith(str(tmp_path / "x" / "newsml-tools"))


def test_cache_unwritable_is_not_an_error(tree, monkeypatch) -> None:
    pytest.importorskip("newsml_tools.validation")
    blocker = tree / "file-not-dir"
    blocker.write_text("x")
    monkeypatch.setenv("NEWSML_CACHE_DIR", str(blocker))
    (tree / "n.json").write_text('{"uri": 5}')
    assert validate_paths(["n.json"], jobs=1, kind="ninjs", cache=True).exit_code == 1


def test_pack_round_trip() -> None:
    r = FileResult(file="a.xml", kind="newsml-g2", items=["urn:1"], findings=[
        Finding("a.xml", 1, 2, "/x", "NG001", Severity.ERROR, "m", "h", "urn:1"),
        Finding("other.json", None, None, None, "XF001", Severity.INFO, "n"),
    ])
    assert runner._unpack(runner._pack(r)) == r
    empty = FileResult(file="b", error="gone")
    assert runner._unpack(runner._pack(empty)) == empty
    assert runner._from_cache(runner._to_cache(r), "a.xml") == r
    assert runner._from_cache("[1, 2]", "a.xml") is None


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"])
def test_read_files_from_decodes_by_bom_and_bomless_utf16(encoding: str) -> None:
    # PowerShell's ">" writes UTF-16: its NUL bytes once made one-letter names and a "."
    # that validated the whole working directory
    raw = "good.xml\r\nbé/x.json\r\n".encode(encoding)
    assert read_files_from("-", io.BytesIO(raw)) == ["good.xml", "bé/x.json"]
    assert read_files_from("-", io.BytesIO(b"a\0b\0")) == ["a", "b"]  # find -print0
