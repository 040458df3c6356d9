"""Reporters: golden output for every format, plus structural checks per format.

Regenerate the goldens on purpose:  NEWSML_UPDATE_GOLDEN=1 python -m pytest tests/test_reporters.py
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsml_tools.findings import FileResult, Finding, Report, Severity
from newsml_tools.reporters import REPORTERS

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES = {
    rid: SimpleNamespace(id=rid, severity=sev, description=desc, kinds=kinds)
    for rid, sev, desc, kinds in [
        ("parse", E, "input is not well-formed", ("newsml-g2", "nitf", "ninjs", "jsonld")),
        ("xsd", E, "XML Schema validation error", ("newsml-g2", "nitf")),
        ("NG002", W, "an item's guid is a URI", ("newsml-g2",)),
        ("NG004", W, "a news item has a non-empty headline", ("newsml-g2",)),
        ("NJ001", E, "ninjs item uri is unique within a feed", ("ninjs",)),
        ("LD003", INFO, "an image is recommended for a NewsArticle", ("jsonld", "html")),
    ]
}


def F(file, line, col, rule, sev, msg, *, path=None, hint=None, item=None) -> Finding:
    return Finding(file=file, line=line, column=col, path=path, rule=rule, severity=sev,
                   message=msg, hint=hint, item=item)


def sample_report(strict: bool = False) -> Report:
    a = "feeds/agency-wire.xml"
    n = "feeds/ninjs-feed.json"
    u = "feeds/café ñews.jsonld"
    c = "bad/control.xml"
    dup = F(n, 20, 3, "NJ001", E, 'uri "urn:a:2" is duplicated: 100% sure, see a,b',
            path="/items/1/uri", item="urn:a:2")
    return Report(strict=strict, results=[
        FileResult(file=a, kind="newsml-g2", findings=[
            F(a, 12, 5, "xsd", E, "Element 'contentMeta': Missing child element(s).",
              path="/newsItem/contentMeta", hint="expected one of: urgency, contentCreated"),
            F(a, 3, None, "NG002", W, "guid 'abc' is not a URI"),
            F(a, None, None, "NG004", W, "headline is empty"),
        ]),
        FileResult(file=n, kind="ninjs", items=["urn:a:1", "urn:a:2"], findings=[
            dup, dup,
            F(n, 21, 1, "NJ001", E, "second line of message\r\nspans lines", item="urn:a:2"),
        ]),
        FileResult(file=u, kind="jsonld", findings=[
            F(u, None, None, "LD003", INFO, "no image for „Zürich – Grüße“ <b>&amp;</b>"),
        ]),
        FileResult(file="ok/valid.xml", kind="newsml-g2"),
        FileResult(file="broken/missing.xml", error="no such file or directory"),
        FileResult(file=c, kind=None, findings=[
            F(c, 1, 1, "parse", E, "invalid character \x01 in document"),
        ]),
    ])


# ----------------------------------------------------------------------------- goldens
# Regenerate on purpose with:  NEWSML_UPDATE_GOLDEN=1 python -m pytest tests/test_reporters.py

GOLDEN = Path(__file__).parent / "golden" / "reporters"
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json"


def render(fmt: str, report: Report | None = None, **kw) -> str:
    return REPORTERS[fmt](rules=RULES, **kw).render(report or sample_report())


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_golden(fmt: str) -> None:
    out = render(fmt)
    path = GOLDEN / f"{fmt}.{REPORTERS[fmt].extension}"
    if os.environ.get("NEWSML_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(out.encode("utf-8"))
    assert path.exists(), f"missing golden {path}; run with NEWSML_UPDATE_GOLDEN=1"
    assert out == path.read_bytes().decode("utf-8")


def test_registry_names_match() -> None:
    assert set(REPORTERS) == {"text", "json", "junit", "sarif", "github", "gitlab"}
    for name, cls in REPORTERS.items():
        assert cls.name == name


def test_output_is_deterministic() -> None:
    for fmt in REPORTERS:
        assert render(fmt) == render(fmt)


# -------------------------------------------------------------------------------- text
def test_text_lines() -> None:
    lines = render("text").splitlines()
    assert lines[0] == ("feeds/agency-wire.xml:12:5: error [xsd] Element 'contentMeta': "
                        "Missing child element(s). (expected one of: urgency, contentCreated)")
    assert lines[1] == "feeds/agency-wire.xml:3: warning [NG002] guid 'abc' is not a URI"
    assert lines[2] == "feeds/agency-wire.xml: warning [NG004] headline is empty"
    assert "broken/missing.xml: unreadable: no such file or directory" in lines
    assert lines[-1] == sample_report().summary()
    assert all("\r" not in line for line in lines)


def test_text_quiet_has_no_summary() -> None:
    out = render("text", quiet=True)
    assert sample_report().summary() not in out


def test_text_relativises_absolute_paths(tmp_path) -> None:
    name = str(tmp_path / "sub" / "a.xml")
    rep = Report(results=[FileResult(file=name, findings=[
        F(name, 1, 2, "xsd", E, "bad")])])
    out = REPORTERS["text"](base=str(tmp_path)).render(rep)
    assert out.startswith("sub/a.xml:1:2: error [xsd] bad\n")


# -------------------------------------------------------------------------------- json
def test_json_shape() -> None:
    data = json.loads(render("json"))
    assert data["format"] == "newsml-validate" and data["version"] == 1
    assert data["summary"] == {"files": 6, "valid": 2, "invalid": 3, "unreadable": 1,
                               "errors": 5, "warnings": 2, "info": 1, "exit_code": 2}
    assert [f["file"] for f in data["files"]][:3] == [
        "feeds/agency-wire.xml", "feeds/ninjs-feed.json", "feeds/café ñews.jsonld"]
    f0 = data["files"][0]["findings"][0]
    assert list(f0) == ["line", "column", "path", "rule", "severity", "message", "hint", "item"]
    assert data["files"][4]["error"] == "no such file or directory"
    assert data["files"][1]["items"] == ["urn:a:1", "urn:a:2"]


def test_json_valid_honours_strict() -> None:
    data = json.loads(render("json", sample_report(strict=True)))
    assert data["strict"] is True
    # the jsonld file only has an info finding: still valid under --strict
    assert data["files"][2]["valid"] is True
    assert data["files"][3]["valid"] is True


# ------------------------------------------------------------------------------- junit
def test_junit_structure() -> None:
    from lxml import etree

    root = etree.fromstring(render("junit").encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    suite = suites[0]
    for node in (root, suite):
        assert node.get("tests") == "6"
        assert node.get("failures") == "3"
        assert node.get("errors") == "1"
        assert node.get("skipped") == "0"
        assert node.get("name")
    cases = suite.findall("testcase")
    assert len(cases) == 6
    for case in cases:
        assert case.get("name") and case.get("classname") and case.get("file")
        assert case.get("name") == case.get("file")
    by_name = {c.get("name"): c for c in cases}
    assert by_name["ok/valid.xml"].find("failure") is None
    assert by_name["ok/valid.xml"].find("error") is None
    fail = by_name["feeds/agency-wire.xml"].find("failure")
    assert fail.get("message") == "1 error" and fail.get("type") == "xsd"
    # the warnings do not fail the file: they go to system-out
    assert "NG002" in by_name["feeds/agency-wire.xml"].findtext("system-out")
    err = by_name["broken/missing.xml"].find("error")
    assert err.get("message") == "no such file or directory"
    assert by_name["feeds/café ñews.jsonld"].find("failure") is None
    # the control character was replaced, so the XML is well-formed
    assert "\\x01" in by_name["bad/control.xml"].findtext("failure")


def test_junit_loads_in_junitparser_if_installed(tmp_path) -> None:
    junitparser = pytest.importorskip("junitparser")
    path = tmp_path / "junit.xml"
    path.write_text(render("junit"), encoding="utf-8")
    suites = list(junitparser.JUnitXml.fromfile(str(path)))
    assert [(s.tests, s.failures, s.errors) for s in suites] == [(6, 3, 1)]
    outcome = {c.name: [type(r).__name__ for r in c.result] for c in suites[0]}
    assert outcome["ok/valid.xml"] == [] and outcome["broken/missing.xml"] == ["Error"]
    assert outcome["feeds/agency-wire.xml"] == ["Failure"]


def test_junit_strict_counts_warnings() -> None:
    from lxml import etree

    root = etree.fromstring(render("junit", sample_report(strict=True)).encode("utf-8"))
    fail = root.find("testsuite/testcase[@name='feeds/agency-wire.xml']/failure")
    assert fail.get("message") == "1 error, 2 warnings"


def test_junit_empty_report() -> None:
    from lxml import etree

    root = etree.fromstring(render("junit", Report()).encode("utf-8"))
    assert root.get("tests") == "0" and root.find("testsuite") is not None


# ------------------------------------------------------------------------------- sarif
@pytest.fixture(scope="module")
def sarif_validator():
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_sarif_schema_is_the_official_one() -> None:
    digest = hashlib.sha256(SARIF_SCHEMA.read_bytes()).hexdigest()
    assert digest == "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


@pytest.mark.parametrize("report", [sample_report(), sample_report(strict=True), Report()],
                         ids=["sample", "strict", "empty"])
def test_sarif_validates_against_official_schema(sarif_validator, report) -> None:
    data = json.loads(render("sarif", report))
    errors = sorted(sarif_validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_sarif_content() -> None:
    data = json.loads(render("sarif"))
    run = data["runs"][0]
    driver = run["tool"]["driver"]
    assert data["version"] == "2.1.0"
    assert driver["name"] == "newsml-tools" and driver["version"] and driver["informationUri"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(RULES)
    assert all(r["shortDescription"]["text"] for r in driver["rules"])
    results = run["results"]
    assert len(results) == len(sample_report().findings)
    first = results[0]
    assert first["ruleId"] == "xsd" and first["level"] == "error"
    assert driver["rules"][first["ruleIndex"]]["id"] == "xsd"
    loc = first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "feeds/agency-wire.xml"
    assert loc["region"] == {"startLine": 12, "startColumn": 5}
    assert first["message"]["text"].endswith("(expected one of: urgency, contentCreated)")
    # line known, column unknown / neither known
    assert results[1]["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}
    assert "region" not in results[2]["locations"][0]["physicalLocation"]
    info = next(r for r in results if r["ruleId"] == "LD003")
    assert info["level"] == "note"
    assert info["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "feeds/caf%C3%A9%20%C3%B1ews.jsonld")
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert "missing.xml" in json.dumps(inv["toolExecutionNotifications"])


def test_sarif_unregistered_rule_is_added(sarif_validator) -> None:
    rep = Report(results=[FileResult(file="a.xml", findings=[F("a.xml", 0, 0, "ZZ9", W, "x")])])
    data = json.loads(render("sarif", rep))
    ids = [r["id"] for r in data["runs"][0]["tool"]["driver"]["rules"]]
    assert ids[-1] == "ZZ9"
    # line 0 is not a SARIF line: no region
    assert "region" not in data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert not list(sarif_validator.iter_errors(data))


def test_sarif_absolute_path_outside_base_is_file_uri(tmp_path) -> None:
    rep = Report(results=[FileResult(file="/elsewhere/x y.xml",
                                     findings=[F("/elsewhere/x y.xml", 1, 1, "xsd", E, "m")])])
    data = json.loads(REPORTERS["sarif"](rules=RULES, base=str(tmp_path)).render(rep))
    uri = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert uri["artifactLocation"]["uri"] == "file:///elsewhere/x%20y.xml"


# ------------------------------------------------------------------------------ github
def test_github_commands_and_escaping() -> None:
    lines = render("github").splitlines()
    assert lines[0] == ("::error file=feeds/agency-wire.xml,line=12,col=5,title=[xsd]::"
                        "Element 'contentMeta'%3A Missing child element(s). (expected one of%3A "
                        "urgency, contentCreated)".replace("%3A", ":"))
    assert lines[1].startswith("::warning file=feeds/agency-wire.xml,line=3,title=[NG002]::")
    assert lines[2].startswith("::warning file=feeds/agency-wire.xml,title=[NG004]::")
    dup = lines[3]
    assert dup.startswith("::error file=feeds/ninjs-feed.json,line=20,col=3,title=[NJ001]::")
    assert "100%25 sure" in dup
    multi = lines[5]
    assert "%0D%0A" in multi and "\r" not in multi
    assert any(line.startswith("::notice file=feeds/café ñews.jsonld,title=[LD003]::")
               for line in lines)
    assert "::error file=broken/missing.xml,title=unreadable::no such file or directory" in lines


def test_github_property_escaping() -> None:
    from newsml_tools.reporters.github import escape_data, escape_property

    assert escape_property("a:b,c%d\r\n") == "a%3Ab%2Cc%25d%0D%0A"
    assert escape_data("a:b,c%d\n") == "a:b,c%25d%0A"


# ------------------------------------------------------------------------------ gitlab
def test_gitlab_code_quality() -> None:
    issues = json.loads(render("gitlab"))
    assert isinstance(issues, list)
    assert len(issues) == len(sample_report().findings) + 1  # + the unreadable file
    fps = [i["fingerprint"] for i in issues]
    assert len(set(fps)) == len(fps), "fingerprints must be unique (even for duplicates)"
    for i in issues:
        assert set(i) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert i["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert i["location"]["lines"]["begin"] >= 1
        assert not i["location"]["path"].startswith("/")
    sev = {i["check_name"]: i["severity"] for i in issues}
    assert sev == {"xsd": "major", "NG002": "minor", "NG004": "minor", "NJ001": "major",
                   "LD003": "info", "unreadable": "blocker", "parse": "critical"}


def test_gitlab_fingerprints_stable_and_distinct() -> None:
    a = json.loads(render("gitlab"))
    b = json.loads(render("gitlab"))
    assert [i["fingerprint"] for i in a] == [i["fingerprint"] for i in b]
    # the same message on another line is another finding
    rep = Report(results=[FileResult(file="x.xml", findings=[
        F("x.xml", 1, 1, "xsd", E, "m"), F("x.xml", 2, 1, "xsd", E, "m"),
        F("x.xml", 2, 1, "xsd", E, "m", item="urn:1")])])
    fps = [i["fingerprint"] for i in json.loads(render("gitlab", rep))]
    assert len(set(fps)) == 3


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_undecodable_file_names_render_as_valid_utf8(fmt) -> None:
    name = os.fsdecode(b"feeds/bad\xff.xml") if os.name != "nt" else "feeds/bad\udcff.xml"
    rep = Report(results=[FileResult(file=name, findings=[F(name, 1, 1, "xsd", E, "m")]),
                          FileResult(file=name + "2", error="gone")])
    out = render(fmt, rep)
    out.encode("utf-8")  # no lone surrogates left
    if fmt == "sarif":
        assert "feeds/bad%FF.xml" in out
    elif fmt == "json":
        assert json.loads(out)["files"][0]["file"] == "feeds/bad\\xff.xml"
    elif fmt == "gitlab":
        assert json.loads(out)[0]["location"]["path"] == "feeds/bad\\xff.xml"
    else:
        assert "bad\\xff.xml" in out


# ------------------------------------------------------------------ property: any report
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_names = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00/\\"),
                 min_size=1, max_size=12)
_findings = st.builds(
    lambda line, col, rule, sev, msg, hint, item, path: (line, col, rule, sev, msg, hint, item,
                                                         path),
    st.one_of(st.none(), st.integers(0, 10**6)), st.one_of(st.none(), st.integers(0, 500)),
    st.sampled_from(["xsd", "parse", "NG001", "NJ001", "LD003", "ZZ001"]),
    st.sampled_from(list(Severity)), _text, st.one_of(st.none(), _text),
    st.one_of(st.none(), _text), st.one_of(st.none(), _text),
)
_results = st.lists(st.tuples(_names, st.lists(_findings, max_size=4),
                              st.one_of(st.none(), _text)), max_size=5)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_results, st.booleans())
def test_any_report_renders_in_every_format(sarif_validator, results, strict) -> None:
    from lxml import etree

    rep = Report(strict=strict, results=[
        FileResult(file=f"d/{name}", kind="newsml-g2", error=err, findings=[
            F(f"d/{name}", line, col, rule, sev, msg, hint=hint, item=item, path=path)
            for line, col, rule, sev, msg, hint, item, path in fs])
        for name, fs, err in results])
    n_findings = len(rep.findings)
    for fmt in REPORTERS:
        out = render(fmt, rep)
        out.encode("utf-8")
        if fmt == "text":
            assert len(out.splitlines()) == n_findings + rep.unreadable + 1
        elif fmt == "github":
            assert len(out.splitlines()) == n_findings + rep.unreadable
            assert all(line.startswith("::") for line in out.splitlines())
        elif fmt == "junit":
            root = etree.fromstring(out.encode("utf-8"))
            assert root.get("tests") == str(len(results))
        elif fmt == "sarif":
            data = json.loads(out)
            assert not list(sarif_validator.iter_errors(data))
            assert len(data["runs"][0]["results"]) == n_findings
        elif fmt == "gitlab":
            issues = json.loads(out)
            fps = [i["fingerprint"] for i in issues]
            assert len(fps) == len(set(fps)) == n_findings + rep.unreadable
        else:
            assert json.loads(out)["summary"]["exit_code"] == rep.exit_code
