"""``newsml validate`` / ``newsml rules`` through click's CliRunner.

Most tests swap the validator for a fake (the runner's per-file functions) so they test the
command's wiring; the ``real_`` tests run the real validator when it is installed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsml_tools import runner
from newsml_tools.cli import main, validate_cmd
from newsml_tools.findings import FileResult, Finding, Severity
from newsml_tools.runner import CheckOptions

KNOWN = ["parse", "xsd", "json-schema", "NG001", "NG002", "NG008", "NJ001"]


def fake_data(data: bytes, name: str, options: CheckOptions) -> FileResult:
    word = data.split(b"\n", 1)[0].decode("utf-8", "replace").strip()
    r = FileResult(file=name, kind=options.kind or "newsml-g2")
    table = {"bad": ("NG001", Severity.ERROR), "warn": ("NG002", Severity.WARNING),
             "info": ("NG008", Severity.INFO), "crash": None}
    if word == "crash":
        raise RuntimeError("boom")
    if word in table:
        rule, sev = table[word]
        r.findings.append(Finding(name, 2, 3, None, rule, sev, f"{word}: a, b % c"))
    elif word != "ok":
        r.findings.append(Finding(name, 1, 1, None, "parse", Severity.ERROR, "not well-formed"))
    return r


def fake_check(path: str, options: CheckOptions) -> FileResult:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return FileResult(file=path, error=exc.strerror)
    return fake_data(data, path, options)


@pytest.fixture
def fake(monkeypatch, tmp_path):
    monkeypatch.setattr(runner, "default_check_file", fake_check)
    monkeypatch.setattr(runner, "default_check_data", fake_data)
    monkeypatch.setattr(validate_cmd, "_known_rules", lambda: KNOWN)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(tmp_path)
    for name, word in {"ok.xml": "ok", "bad.xml": "bad", "warn.xml": "warn",
                       "d/x.xml": "ok", "d/y.json": "info", "d/z.txt": "bad"}.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(word + "\n")
    return tmp_path


def run(*args: str, input: bytes | str | None = None, env=None):
    return CliRunner().invoke(main, ["validate", *args], input=input, env=env,
                              catch_exceptions=False)


def test_exit_0_valid(fake) -> None:
    res = run("ok.xml")
    assert res.exit_code == 0, res.output
    assert "1 file checked, 1 valid, 0 invalid" in res.stdout


def test_exit_1_invalid_text_format(fake) -> None:
    res = run("ok.xml", "bad.xml")
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    assert lines[0] == "bad.xml:2:3: error [NG001] bad: a, b % c"
    assert lines[-1].startswith("2 files checked, 1 valid, 1 invalid")


def test_exit_2_missing_file_no_traceback(fake) -> None:
    res = run("ok.xml", "nope.xml")
    assert res.exit_code == 2
    assert "nope.xml: unreadable: no such file or directory" in res.stdout
    assert "Traceback" not in res.output


def test_no_input_is_usage_error(fake) -> None:
    res = run()
    assert res.exit_code == 2 and "no input" in res.stderr


def test_bad_option_is_usage_error(fake) -> None:
    assert run("--kind", "pdf", "ok.xml").exit_code == 2
    assert run("--output-format", "xml", "ok.xml").exit_code == 2
    assert run("-j", "-1", "ok.xml").exit_code == 2


def test_unknown_rule_prefix_is_usage_error(fake) -> None:
    res = run("--select", "ZZ", "ok.xml")
    assert res.exit_code == 2 and "matches no rule id" in res.stderr
    assert run("--ignore", "NG,xsd", "bad.xml").exit_code == 0  # comma-separated


def test_stdin(fake) -> None:
    res = run("-", input=b"bad\n")
    assert res.exit_code == 1 and res.stdout.startswith("<stdin>:2:3: error [NG001]")
    assert run("-", input=b"ok\n").exit_code == 0


def test_directory_and_glob(fake) -> None:
    res = run("d", "-f", "json")
    data = json.loads(res.stdout)
    assert [f["file"] for f in data["files"]] == ["d/x.xml", "d/y.json"]
    assert res.exit_code == 0
    res = run("*.xml", "-f", "json")
    assert [f["file"] for f in json.loads(res.stdout)["files"]] == [
        "bad.xml", "ok.xml", "warn.xml"]
    assert run("d/*.nitf").exit_code == 2  # a pattern that matches nothing


def test_include_exclude(fake) -> None:
    res = run("d", "--include", "*.txt", "-f", "json")
    assert [f["file"] for f in json.loads(res.stdout)["files"]] == ["d/z.txt"]
    assert res.exit_code == 1
    res = run("d", "--exclude", "*.json", "-f", "json")
    assert [f["file"] for f in json.loads(res.stdout)["files"]] == ["d/x.xml"]


def test_files_from(fake) -> None:
    Path("list.txt").write_text("ok.xml\nwarn.xml\n")
    assert run("--files-from", "list.txt").exit_code == 0
    assert run("--files-from", "list.txt", "--strict").exit_code == 1
    res = run("--files-from", "-", input="bad.xml\n")
    assert res.exit_code == 1 and "bad.xml:2:3" in res.stdout
    assert run("--files-from", "-", "-", input="x").exit_code == 2
    assert run("--files-from", "missing-list.txt").exit_code == 2


def test_select_ignore_strict(fake) -> None:
    assert run("bad.xml", "warn.xml").exit_code == 1
    assert run("bad.xml", "warn.xml", "--ignore", "NG001").exit_code == 0
    assert run("bad.xml", "warn.xml", "--ignore", "NG001", "--strict").exit_code == 1
    assert run("bad.xml", "warn.xml", "--select", "NG002").exit_code == 0
    assert run("bad.xml", "warn.xml", "--select", "NG002", "--strict").exit_code == 1
    res = run("bad.xml", "--select", "NG", "-f", "json")
    assert [f["rule"] for f in json.loads(res.stdout)["files"][0]["findings"]] == ["NG001"]


def test_github_format_chosen_under_actions(fake) -> None:
    res = run("bad.xml", env={"GITHUB_ACTIONS": "true"})
    assert res.stdout.startswith("::error file=bad.xml,line=2,col=3,title=[NG001]::bad: a, b %25 c")
    assert "1 file checked" in res.stderr  # summary on stderr for non-text formats
    res = run("bad.xml", "-f", "text", env={"GITHUB_ACTIONS": "true"})
    assert res.stdout.startswith("bad.xml:2:3: error")
    # writing a file: the default stays text
    run("bad.xml", "-o", "r.txt", env={"GITHUB_ACTIONS": "true"})
    assert Path("r.txt").read_text().startswith("bad.xml:2:3: error")
    assert run("bad.xml", env={"GITHUB_ACTIONS": "false"}).stdout.startswith("bad.xml:2:3")


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif", "github", "gitlab"])
def test_every_format_and_output_file(fake, fmt) -> None:
    res = run("bad.xml", "ok.xml", "-f", fmt, "-o", f"out/report.{fmt}")
    assert res.exit_code == 1
    written = Path(f"out/report.{fmt}").read_text(encoding="utf-8")
    assert written and res.stdout == ""
    assert "2 files checked" in res.stderr
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(written)


def test_unwritable_output_is_exit_2(fake) -> None:
    Path("blocker").write_text("a file, not a folder")
    res = run("ok.xml", "-o", "blocker/report.txt")
    assert res.exit_code == 2 and "cannot write blocker/report.txt" in res.stderr
    assert run("ok.xml", "-o", ".").exit_code == 2  # a directory


def test_show_files(fake) -> None:
    res = run("d", "ok.xml", "--exclude", "*.json", "--show-files")
    assert res.exit_code == 0 and res.stdout == "d/x.xml\nok.xml\n"
    res = run("d", "nope.xml", "--show-files")
    assert res.exit_code == 2 and "nope.xml: unreadable" in res.stdout


def test_quiet(fake) -> None:
    res = run("ok.xml", "-q")
    assert res.exit_code == 0 and res.output == ""


def test_internal_error_exit_123(fake, monkeypatch) -> None:
    def broken(*a, **k):
        raise RuntimeError("reporter bug")

    monkeypatch.setattr(runner, "validate_paths", broken)
    res = run("ok.xml")
    assert res.exit_code == validate_cmd.EXIT_INTERNAL == 123
    assert "internal error: RuntimeError: reporter bug" in res.stderr
    assert "Traceback" not in res.output


def test_validator_crash_on_one_file_is_reported_not_raised(fake) -> None:
    Path("crash.xml").write_text("crash\n")
    res = run("crash.xml", "ok.xml")
    assert res.exit_code == 2 and "internal error while validating" in res.stdout


def test_binary_garbage_no_traceback(fake) -> None:
    Path("garbage.xml").write_bytes(bytes(range(256)) * 4)
    res = run("garbage.xml")
    assert res.exit_code == 1 and "Traceback" not in res.output


def test_a_folder_with_nothing_to_check_fails_like_an_unmatched_pattern(fake) -> None:
    # a CI gate must not pass on nothing: exit 2, as 'nomatch/**/*.xml' gives
    os.mkdir("empty")
    res = run("empty")
    assert res.exit_code == 2 and "no file in this folder matches --include" in res.output
    assert run("d", "--include", "*.nitf").exit_code == 2
    assert run("d", "--exclude", "*").exit_code == 2
    # an empty list of files (a pre-commit run with nothing staged) still passes
    res = run("--files-from", "-", input="")
    assert res.exit_code == 0 and "no files found" in res.stderr


# --------------------------------------------------------------------- real validator
def _real():
    validation = pytest.importorskip("newsml_tools.validation")
    if not hasattr(validation, "validate_file"):  # still being written
        pytest.skip("newsml_tools.validation is not complete")
    return validation


def test_real_rules_text_and_json() -> None:
    validation = _real()
    res = CliRunner().invoke(main, ["rules"])
    assert res.exit_code == 0
    for rid in validation.RULES:
        assert any(line.split()[0] == rid for line in res.stdout.splitlines()[1:])
    data = json.loads(CliRunner().invoke(main, ["rules", "--format", "json"]).stdout)
    assert [d["id"] for d in data] == sorted(validation.RULES)
    assert set(data[0]) == {"id", "severity", "description", "kinds"}


def test_real_binary_garbage_and_empty(tmp_path, monkeypatch) -> None:
    _real()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    Path("garbage.xml").write_bytes(os.urandom(2048))
    Path("empty.json").write_bytes(b"")
    Path("nul.jsonld").write_bytes(b"\x00" * 100)
    for f in ("garbage.xml", "empty.json", "nul.jsonld"):
        res = CliRunner().invoke(main, ["validate", f])
        assert res.exit_code in (1, 2), res.output
        assert "Traceback" not in res.output
        assert res.exception is None or isinstance(res.exception, SystemExit)
    res = CliRunner().invoke(main, ["validate", "-"], input=os.urandom(512))
    assert res.exit_code in (1, 2) and "Traceback" not in res.output


# ------------------------------------------------------------------------------ hooks
ROOT = Path(__file__).resolve().parent.parent


def test_pre_commit_hooks_parse_with_our_cli(fake) -> None:
    import re
    import shlex

    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {
        "newsml-validate-newsml-g2", "newsml-validate-ninjs", "newsml-validate-jsonld"}
    expect = {"newsml-validate-newsml-g2": ("a.xml", "b.nitf"),
              "newsml-validate-ninjs": ("c.json",),
              "newsml-validate-jsonld": ("d.jsonld", "e.html", "f.htm")}
    for h in hooks:
        assert h["language"] == "python"
        argv = shlex.split(h["entry"])
        assert argv[:2] == ["newsml", "validate"]
        for name in expect[h["id"]]:
            assert re.search(h["files"], name), (h["id"], name)
        assert not re.search(h["files"], "x.txt")
        res = CliRunner().invoke(main, [*argv[1:], "ok.xml"])
        assert res.exit_code == 0, res.output
    ninjs = next(h for h in hooks if h["id"] == "newsml-validate-ninjs")
    assert "--kind ninjs" in ninjs["entry"]
