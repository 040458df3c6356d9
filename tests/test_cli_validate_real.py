"""``newsml validate`` end to end with the real validator: mixed corpus, every format,
-j 1 == -j 2, SARIF from real findings against the official schema, hostile inputs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import STANDARDS
from newsml_tools.cli import main

validation = pytest.importorskip("newsml_tools.validation")
if not hasattr(validation, "validate_file"):  # pragma: no cover - still being written
    pytest.skip("newsml_tools.validation is not complete", allow_module_level=True)

from newsml_tools.runner import validate_paths  # noqa: E402

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json"

NEWSML = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.com:{i}"
  version="1" standard="NewsML-G2" standardversion="2.35" conformance="power" xml:lang="en">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
  <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:EXAMPLE"/>
    <versionCreated>2018-11-21T16:25:32-05:00</versionCreated>
    <pubStatus qcode="stat:usable"/></itemMeta>
  <contentMeta><headline>Headline {i} – Zürich</headline></contentMeta>
  <contentSet><inlineXML contenttype="application/nitf+xml">
    <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>
    <p>Text.</p></body.content></body></nitf></inlineXML></contentSet>
</newsItem>
"""
NINJS = {"uri": "http://ninjs.example.com/newsitems/{i}", "type": "text",
         "versionCreated": "2013-07-09T10:37:00Z",
         "headlines": [{"role": "main", "value": "Headline"}]}


def corpus(root: Path, n: int = 24) -> None:
    for i in range(n):
        d = root / f"d{i % 3}"
        d.mkdir(parents=True, exist_ok=True)
        m = i % 6
        if m == 0:
            (d / f"{i:03d}.xml").write_text(NEWSML.format(i=i), encoding="utf-8")
        elif m == 1:  # schema error: no guid
            (d / f"{i:03d}.xml").write_text(
                NEWSML.format(i=i).replace(f' guid="urn:newsml:example.com:{i}"', ""),
                encoding="utf-8")
        elif m == 2:
            (d / f"{i:03d}.json").write_text(
                json.dumps({**NINJS, "uri": NINJS["uri"].format(i=i)}), encoding="utf-8")
        elif m == 3:  # ninjs schema error, on line 3
            (d / f"{i:03d}.json").write_text('{\n  "uri": "u",\n  "headlines": "x"\n}\n')
        elif m == 4:  # not well-formed
            (d / f"{i:03d}.xml").write_text("<newsItem><oops></newsItem>")
        else:  # binary garbage
            (d / f"{i:03d}.xml").write_bytes(bytes(range(256)) * 3)


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    corpus(tmp_path / "c")
    return tmp_path


def invoke(*args: str, input=None):
    return CliRunner().invoke(main, ["validate", *args], input=input)


def test_parallel_report_equals_serial(tree) -> None:
    serial = validate_paths(["c"], jobs=1)
    parallel = validate_paths(["c"], jobs=2)
    assert len(serial.results) == 24
    assert serial == parallel
    assert serial.exit_code == 1
    kinds = {r.kind for r in serial.results}
    assert {"newsml-g2", "ninjs"} <= kinds


def test_cli_json_identical_for_j1_and_j2(tree) -> None:
    a = invoke("c", "-j", "1", "-f", "json")
    b = invoke("c", "-j", "2", "-f", "json")
    assert a.exit_code == b.exit_code == 1
    assert a.stdout == b.stdout


def test_valid_file_exit_0_and_invalid_exit_1(tree) -> None:
    assert invoke("c/d0/000.xml").exit_code == 0
    res = invoke("c/d1/001.xml")
    assert res.exit_code == 1 and "[xsd]" in res.stdout and "guid" in res.stdout
    res = invoke("c/d0/003.json")
    assert res.exit_code == 1
    assert "c/d0/003.json:3:" in res.stdout  # a line number from the JSON source


def test_stdin_real(tree) -> None:
    res = invoke("-", input=NEWSML.format(i=1).encode())
    assert res.exit_code == 0, res.output
    res = invoke("--kind", "ninjs", "-", input=b'{"uri": 5}')
    assert res.exit_code == 1 and res.stdout.startswith("<stdin>:1:")


@pytest.mark.parametrize("blob", [b"", b"\x00" * 64, bytes(range(256)), b"\xff\xfe<x/>",
                                  b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>",
                                  b"{" * 5000, b"[" * 100000, "é".encode("latin-1")])
@pytest.mark.parametrize("kind", ["auto", "newsml-g2", "ninjs", "jsonld", "html"])
def test_hostile_inputs_never_traceback(tree, blob, kind) -> None:
    Path("h.xml").write_bytes(blob)
    res = invoke("--kind", kind, "h.xml")
    assert res.exit_code in (1, 2), res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert "Traceback" not in res.output


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif", "github", "gitlab"])
def test_every_format_renders_real_findings(tree, fmt) -> None:
    res = invoke("c", "-f", fmt, "-j", "1")
    assert res.exit_code == 1
    assert res.stdout.strip()


def test_real_sarif_validates(tree) -> None:
    import jsonschema

    res = invoke("c", "nope.xml", "-f", "sarif", "-j", "1")
    assert res.exit_code == 2
    data = json.loads(res.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    errors = list(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(data))
    assert not errors, [e.message for e in errors[:5]]
    driver_ids = {r["id"] for r in data["runs"][0]["tool"]["driver"]["rules"]}
    assert set(validation.RULES) <= driver_ids
    for r in data["runs"][0]["results"]:
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith("c/") and "\\" not in uri


def test_real_junit_parses(tree) -> None:
    from lxml import etree

    res = invoke("c", "-f", "junit", "-j", "1")
    root = etree.fromstring(res.stdout.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite.get("tests") == "24"
    assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))


def test_real_gitlab_fingerprints_unique(tree) -> None:
    issues = json.loads(invoke("c", "-f", "gitlab", "-j", "1").stdout)
    fps = [i["fingerprint"] for i in issues]
    assert issues and len(fps) == len(set(fps))


def test_official_examples_if_available() -> None:
    ex = STANDARDS / "newsml-g2" / "2.35" / "examples"
    if not ex.is_dir():
        pytest.skip("official examples not available")
    rep = validate_paths([str(ex)], jobs=2)
    assert len(rep.results) >= 20
    assert rep.unreadable == 0


def test_bad_options_are_usage_errors(tree) -> None:
    res = invoke("--kind", "ninjs", "--ninjs-version", "9.9", "c")
    assert res.exit_code == 2 and "unknown ninjs version" in res.stderr
    Path("broken.xsd").write_text("not a schema")
    res = invoke("--schema", "broken.xsd", "c")
    assert res.exit_code == 2 and "cannot use broken.xsd" in res.stderr
    Path("broken.json").write_text("{oops")
    assert invoke("--schema", "broken.json", "c").exit_code == 2
    assert invoke("--schema", "missing.xsd", "c").exit_code == 2


def test_custom_json_schema(tree) -> None:
    Path("s.json").write_text('{"type": "object", "required": ["x"]}')
    res = invoke("--schema", "s.json", "--kind", "ninjs", "c/d2/002.json")
    assert res.exit_code == 1 and "'x' is a required property" in res.stdout


def test_max_bytes(tree) -> None:
    res = invoke("--max-bytes", "100", "c/d0/000.xml")
    assert res.exit_code == 1 and "[SEC002]" in res.stdout
    assert invoke("--max-bytes", "1M", "c/d0/000.xml").exit_code == 0
    res = invoke("--max-bytes", "100", "-", input=NEWSML.format(i=1).encode())
    assert res.exit_code == 1 and "[SEC002]" in res.stdout  # as a file over the bound
    assert "larger than 100 bytes" in res.stdout
    assert invoke("--max-bytes", "lots", "c").exit_code == 2
    assert invoke("--max-bytes", "0", "c").exit_code == 2


def test_parse_size() -> None:
    from newsml_tools.cli.validate_cmd import _parse_size

    assert _parse_size("123") == 123
    assert _parse_size("64K") == 64 * 1024
    assert _parse_size("200MB") == 200 * 1024**2
    assert _parse_size("1GiB") == 1024**3
    assert _parse_size("1.5m") == int(1.5 * 1024**2)


def test_unreadable_file_exit_2(tree) -> None:
    os.symlink("does-not-exist.xml", "dangling.xml")
    res = invoke("dangling.xml", "c/d0/000.xml")
    assert res.exit_code == 2
    assert res.stdout.startswith("dangling.xml: unreadable: ")
    assert "1 unreadable" in res.stdout
