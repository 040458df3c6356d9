"""``newsml validate`` as a CI gate, end to end with the real validator: what a pipeline
relies on besides the verdicts (rule selection, empty selections, where the report goes,
lists of files, sizes). Each test here failed before its fix."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsml_tools.cli import main

DATA = Path(__file__).parent / "data" / "validation"
GOOD_XML = DATA / "positive" / "newsml-g2" / "news-item-nitf.xml"
# ninjs 3.1 requires "uri"; a wrong "type" value is a JSON Schema (json-schema) error
BAD_NINJS = {"uri": "http://example.com/1", "type": "not-a-type",
             "$schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json"}


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(main, ["validate", *args], input=input)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def test_ignoring_a_coded_family_keeps_word_rules(here: Path) -> None:
    Path("bad.json").write_text(json.dumps(BAD_NINJS))
    res = run("-j", "1", "bad.json", "-f", "json")
    assert res.exit_code == 1
    assert {f["rule"] for f in json.loads(res.stdout)["files"][0]["findings"]} == {"json-schema"}
    # JS is the JS001/JS002 family: the schema error stays and the gate still fails
    assert run("-j", "1", "bad.json", "--ignore", "JS").exit_code == 1
    assert run("-j", "1", "bad.json", "--ignore", "json-schema").exit_code == 0
    # X is XF001, not xsd
    Path("bad.xml").write_bytes(
        GOOD_XML.read_bytes().replace(b"<itemMeta>", b"<itemMeta><bogus/>", 1))
    assert run("-j", "1", "bad.xml", "--ignore", "X").exit_code == 1
    # a value that selects nothing is a usage error, as before
    res = run("bad.json", "--ignore", "json")
    assert res.exit_code == 2 and "matches no rule id" in res.output


def test_include_globs_with_a_folder_match_the_relative_path(here: Path) -> None:
    Path("feeds/sub").mkdir(parents=True)
    Path("feeds/bad.xml").write_text("<newsItem")
    Path("feeds/sub/good.XML").write_bytes(GOOD_XML.read_bytes())
    Path("other.xml").write_bytes(GOOD_XML.read_bytes())
    res = run(".", "--include", "feeds/*.xml", "--show-files")
    assert res.exit_code == 0 and res.stdout.split() == ["feeds/bad.xml", "feeds/sub/good.XML"]
    res = run("-j", "1", ".", "--include", "feeds/*.xml")
    assert res.exit_code == 1 and "feeds/bad.xml" in res.output
    # --exclude ignores case, as --include does
    res = run(".", "--exclude", "*.xml", "--include", "*", "--show-files")
    assert res.exit_code == 2 and "good.XML" not in res.stdout


def test_report_through_a_symlink_keeps_the_link(here: Path) -> None:
    Path("good.xml").write_bytes(GOOD_XML.read_bytes())
    Path("reports").mkdir()
    Path("reports/r.json").write_text("old")
    os.symlink("reports/r.json", "latest.json")
    assert run("-j", "1", "good.xml", "-f", "json", "-o", "latest.json").exit_code == 0
    assert Path("latest.json").is_symlink()
    assert json.loads(Path("reports/r.json").read_text())["summary"]["valid"] == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_report_into_a_fifo_is_written_through_it(here: Path) -> None:
    import threading

    Path("good.xml").write_bytes(GOOD_XML.read_bytes())
    os.mkfifo("pipe")
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(Path("pipe").read_bytes()), daemon=True)
    reader.start()
    res = run("-j", "1", "good.xml", "-f", "json", "-o", "pipe")
    reader.join(timeout=30)
    assert Path("pipe").is_fifo()  # not replaced by a regular file
    if reader.is_alive():  # nothing came through: unblock the reader thread
        Path("pipe").write_bytes(b"")
    assert res.exit_code == 0 and json.loads(got[0])["summary"]["valid"] == 1


def test_the_report_of_a_previous_run_is_not_an_input(here: Path) -> None:
    Path("good.xml").write_bytes(GOOD_XML.read_bytes())
    for _ in range(2):  # the second run used to validate report.json and then stop
        res = run("-j", "1", ".", "-f", "json", "-o", "report.json")
        assert res.exit_code == 0, res.output
        assert [f["file"] for f in json.loads(Path("report.json").read_text())["files"]] == [
            "good.xml"]
    # named as an input, it is refused before any work
    res = run("-j", "1", "report.json", "-o", "report.json")
    assert res.exit_code == 2 and "is one of the inputs" in res.output


def test_stdin_over_max_bytes_is_sec002_as_a_file_is(here: Path) -> None:
    Path("good.xml").write_bytes(GOOD_XML.read_bytes())
    from_file = run("-j", "1", "good.xml", "--max-bytes", "100")
    from_stdin = run("-j", "1", "-", "--max-bytes", "100", input=GOOD_XML.read_bytes())
    assert from_file.exit_code == from_stdin.exit_code == 1
    assert "SEC002" in from_file.output and "SEC002" in from_stdin.output
    # a huge bound is read in chunks, not allocated (was a MemoryError, exit 123)
    assert run("-j", "1", "-", "--max-bytes", "30G", input=GOOD_XML.read_bytes()).exit_code == 0
    for bad in ("inf", "1e400"):
        res = run("good.xml", "--max-bytes", bad)
        assert res.exit_code == 2 and "not a size" in res.output


def test_closed_stdout_is_a_write_error_not_an_internal_error(here: Path) -> None:
    import subprocess
    import sys

    Path("good.xml").write_bytes(GOOD_XML.read_bytes())
    proc = subprocess.run([sys.executable, "-m", "newsml_tools", "validate", "good.xml"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          preexec_fn=lambda: os.close(1))
    assert proc.returncode == 2 and "standard output is closed" in proc.stderr


FEED_NO_ZONE = b"""<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
  <header><sent>2018-10-21T16:25:32</sent></header>
  <itemSet>ITEMS</itemSet>
</newsMessage>
"""


def _feed(items: int) -> bytes:
    item = GOOD_XML.read_bytes().split(b"?>", 1)[1]  # without its XML declaration
    return FEED_NO_ZONE.replace(b"ITEMS", item * items)


def test_schema_only_computes_no_feed_rules_and_sent_needs_a_zone(here: Path) -> None:
    Path("dup.xml").write_bytes(_feed(2))  # the same guid twice (NG010), sent without zone
    res = run("-j", "1", "dup.xml", "-f", "json")
    rules = {f["rule"] for f in json.loads(res.stdout)["files"][0]["findings"]}
    assert {"NG003", "NG010"} <= rules and res.exit_code == 1
    res = run("-j", "1", "--schema-only", "dup.xml")
    assert res.exit_code == 0 and "NG0" not in res.stdout  # as xmllint: valid


def test_one_schema_error_is_one_finding(here: Path) -> None:
    Path("five.json").write_text("[5]")  # "type": "object" at 3.1's root and in ninjsType
    res = run("-j", "1", "five.json", "-f", "json")
    found = [f for f in json.loads(res.stdout)["files"][0]["findings"]
             if f["rule"] == "json-schema"]
    assert len(found) == 1


def test_paths_through_a_symlinked_working_directory_stay_relative(
        here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Path("real").mkdir()
    Path("real/bad.json").write_text("[5]")
    os.symlink(here / "real", here / "link")
    monkeypatch.chdir(here / "link")
    monkeypatch.setenv("PWD", str(here / "link"))
    res = run("-j", "1", str(here / "link" / "bad.json"), "-f", "gitlab")
    assert {f["location"]["path"] for f in json.loads(res.stdout)} == {"bad.json"}


def test_positions_count_characters_and_classic_mac_lines(here: Path) -> None:
    Path("bad.json").write_bytes(b'{"uri": "h\xc3\xa9\xc3\xa9 \xff"}')
    res = run("-j", "1", "bad.json")
    assert "bad.json:1:14: error [parse]" in res.stdout  # 13 characters before, 15 bytes
    broken = GOOD_XML.read_bytes().replace(b"<itemMeta>", b"<itemMeta><bogus/>", 1)
    lf = broken.replace(b"\r\n", b"\n")
    Path("lf.xml").write_bytes(lf)
    Path("cr.xml").write_bytes(lf.replace(b"\n", b"\r"))
    res = run("-j", "1", "lf.xml", "cr.xml")
    lines = [line.split(":")[1] for line in res.stdout.splitlines() if "[xsd]" in line]
    assert len(lines) == 2 and lines[0] == lines[1] != "1"


def test_ld005_says_when_no_block_could_be_read(here: Path) -> None:
    Path("page.html").write_text('<script type="application/ld+json">{"broken</script>')
    res = run("-j", "1", "page.html")
    assert "none of which could be read" in res.stdout and "[parse]" in res.stdout


def test_a_folder_that_cannot_be_listed_is_an_unreadable_input(
        here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Path("feeds/locked").mkdir(parents=True)
    Path("feeds/good.xml").write_bytes(GOOD_XML.read_bytes())
    Path("feeds/locked/bad.xml").write_text("<newsItem")
    real_scandir = os.scandir

    def scandir(path):  # as chmod 000 does for a user without root's override
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    res = run("-j", "1", "feeds")
    assert res.exit_code == 2  # was 0: the locked folder's files went unchecked, unsaid
    assert "feeds/locked" in res.output and "Permission denied" in res.output


def test_report_to_dev_stdout_appends_to_the_log_the_shell_opened(here: Path) -> None:
    import subprocess
    import sys

    Path("good.xml").write_bytes(GOOD_XML.read_bytes())
    Path("log.txt").write_text("previous line\n")
    with open("log.txt", "ab") as log:  # the shell's ">> log.txt"
        proc = subprocess.run([sys.executable, "-m", "newsml_tools", "validate", "-j", "1",
                               "good.xml", "-f", "json", "-o", "/dev/stdout"],
                              stdout=log, stderr=subprocess.PIPE)
    assert proc.returncode == 0
    text = Path("log.txt").read_text()
    assert text.startswith("previous line\n") and '"valid": 1' in text  # not replaced


@pytest.mark.parametrize(("names", "codec"), [
    (["ff/a.xml", "ff/日本.xml"], "utf-16-le"),
    (["новости.xml", "статья.xml"], "utf-16-le"),  # no NUL byte in a Cyrillic code unit
    (["новости.xml", "статья.xml"], "utf-16-be"),
    (["新闻稿件.xml", "目录/新闻稿件.xml"], "utf-16-be"),
])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_bomless_utf16_lists_are_told_by_their_line_breaks(names: list[str], codec: str,
                                                           newline: str) -> None:
    import io

    from newsml_tools.runner import read_files_from

    raw = newline.join(names).encode(codec)  # no final line break either
    assert read_files_from("-", io.BytesIO(raw)) == names


@pytest.mark.parametrize(("raw", "names"), [
    (b"1\x002\x003\x00", ["1", "2", "3"]),  # find -print0 with one-byte names
    (b"./ab\n\x00./cde.xml\x00", ["./ab\n", "./cde.xml"]),  # a name ending in a newline
    (b".\x00./a.xml\x00", [".", "./a.xml"]),  # find . -print0
    (b"a\x00bc\x00d\x00e", ["a", "bc", "d", "e"]),
    ("é/ü.xml\0b.xml\0".encode(), ["é/ü.xml", "b.xml"]),
])
def test_nul_separated_lists_stay_nul_separated(raw: bytes, names: list[str]) -> None:
    import io

    from newsml_tools.runner import read_files_from

    assert read_files_from("-", io.BytesIO(raw)) == names


def test_a_one_line_utf16_list_without_bom_is_refused_not_misread(here: Path) -> None:
    Path("list.txt").write_bytes("ff/a.xml".encode("utf-16-le"))  # would be f, f, /, a, "."
    res = run("--files-from", "list.txt")
    assert res.exit_code == 2 and "UTF-16 without a byte-order mark" in res.output


def test_exclude_reads_what_a_glob_matched_below_its_fixed_part(here: Path) -> None:
    Path("dir/old").mkdir(parents=True)
    Path("dir/a.xml").write_bytes(GOOD_XML.read_bytes())
    Path("dir/old/b.xml").write_bytes(GOOD_XML.read_bytes())
    res = run(f"{here}/dir/*.xml", "--exclude", here.parts[1], "--show-files")
    assert res.stdout.split() == ["dir/a.xml"]  # the folder names above don't count
    res = run("dir/**/*.xml", "--exclude", "dir", "--show-files")
    assert res.stdout.split() == ["dir/a.xml", "dir/old/b.xml"]
    res = run("dir/**/*.xml", "--exclude", "old/", "--show-files")
    assert res.stdout.split() == ["dir/a.xml"]
    res = run("-j", "1", "dir/*.xml", "--exclude", "*.xml")  # all excluded: not a pass
    assert res.exit_code == 2 and "every file this pattern matches" in res.output


def test_path_globs_in_exclude_match_the_folder_given_as_dot(
        here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Path("dir/old").mkdir(parents=True)
    Path("dir/sub/old").mkdir(parents=True)
    for name in ("a.xml", "old/b.xml", "sub/old/c.xml"):
        Path("dir", name).write_bytes(GOOD_XML.read_bytes())
    monkeypatch.chdir(here / "dir")
    assert run(".", "--exclude", "*/old/*", "--show-files").stdout.split() == ["a.xml"]
    assert run(".", "--exclude", "./old/*", "--show-files").stdout.split() == [
        "a.xml", "sub/old/c.xml"]


def test_an_empty_argument_keeps_its_empty_name(here: Path) -> None:
    res = run("", "-f", "json")
    assert res.exit_code == 2 and json.loads(res.stdout)["files"][0]["file"] == ""


def test_exclude_dot_star_is_never_the_dot_of_the_folder_given(here: Path) -> None:
    Path("a.xml").write_bytes(GOOD_XML.read_bytes())
    Path(".hidden.xml").write_text("<newsItem")
    for folder in (".", "./"):
        res = run(folder, "--exclude", ".*", "--show-files")
        assert res.exit_code == 0 and res.stdout.split() == ["a.xml"]


def test_a_folder_holding_only_the_previous_report_has_nothing_to_check(here: Path) -> None:
    Path("f").mkdir()
    Path("f/a.xml").write_bytes(GOOD_XML.read_bytes())
    assert run("-j", "1", "f", "-f", "json", "-o", "f/report.json").exit_code == 0
    Path("f/a.xml").unlink()
    assert run("-j", "1", "f", "-f", "json", "-o", "f/report.json").exit_code == 2


def test_the_current_folder_is_named_dot_not_empty(here: Path) -> None:
    Path("a.json").write_text("[5]")
    res = run("./", "--exclude", "*.json", "-f", "json")
    assert res.exit_code == 2 and json.loads(res.stdout)["files"][0]["file"] == "."


def test_a_glob_matching_only_the_previous_report_or_excluded_folders_is_no_pass(
        here: Path) -> None:
    Path("rep").mkdir()
    Path("rep/report.json").write_text("{}")
    res = run("-j", "1", "rep/*.json", "-f", "json", "-o", "rep/report.json")
    assert res.exit_code == 2
    assert "matches no file to check" in Path("rep/report.json").read_text()
    Path("feeds/old").mkdir(parents=True)
    Path("feeds/old/a.xml").write_bytes(GOOD_XML.read_bytes())
    res = run("feeds/*", "--exclude", "old", "--show-files")
    assert res.exit_code == 2 and "feeds/old/a.xml" not in res.stdout


@pytest.mark.parametrize(("names", "codec"), [
    (["Статьи/Москва.xml"], "utf-16-le"),  # LF only, few NUL bytes: not a -print0 list
    (["新闻", "目录"], "utf-16-be"),
])
def test_lf_utf16_lists_of_non_latin_names(names: list[str], codec: str) -> None:
    import io

    from newsml_tools.runner import read_files_from

    raw = ("\n".join(names) + "\n").encode(codec)
    assert read_files_from("-", io.BytesIO(raw)) == names


def test_the_glob_message_says_what_happened(here: Path) -> None:
    Path("d1").mkdir()
    Path("d1/notes.txt").write_text("not a news file")
    res = run("d*", "--exclude", "*.bak")  # nothing was excluded: nothing to check
    assert res.exit_code == 2 and "matches no file to check" in res.output
