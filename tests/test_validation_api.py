"""Public API of newsml_tools.validation: names, laziness, detection, feeds, rules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsml_tools.findings import Report, Severity
from newsml_tools.validation import (
    RULES,
    Rule,
    check_quotes,
    detect_kind,
    validate,
    validate_file,
)

DATA = Path(__file__).parent / "data" / "validation"
GOOD_G2 = DATA / "positive" / "newsml-g2" / "news-item-nitf.xml"
GOOD_LD = DATA / "positive" / "jsonld" / "newsarticle.jsonld"


def test_import_compiles_nothing() -> None:
    code = (
        "import sys, newsml_tools.validation as v\n"
        "from newsml_tools.validation import xsd, jschema\n"
        "assert not xsd._schemas and not jschema._cache\n"
        "assert 'jsonschema' not in sys.modules and 'jsonschema_rs' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_rules_registry() -> None:
    for rid in (
        "parse",
        "xsd",
        "json-schema",
        "XF001",
        "SEC001",
        "SEC002",
        "SEC003",
        "NG001",
        "NJ001",
        "LD001",
    ):
        rule = RULES[rid]
        assert isinstance(rule, Rule) and rule.id == rid and rule.description
        assert isinstance(rule.severity, Severity) and rule.kinds


def test_every_rule_in_source_is_registered() -> None:
    import re

    src = Path(__file__).parents[1] / "src" / "newsml_tools" / "validation"
    used = set()
    for py in src.glob("*.py"):
        used |= set(re.findall(r'"((?:NG|NI|NJ|LD|XF|SEC)\d{3})"', py.read_text()))
    assert used and used <= set(RULES)


def test_validate_returns_report() -> None:
    report = validate(GOOD_G2.read_bytes(), filename="a.xml")
    assert isinstance(report, Report) and len(report.results) == 1
    res = report.results[0]
    assert res.file == "a.xml" and res.kind == "newsml-g2" and report.exit_code == 0
    # str input, even with an encoding declaration
    assert validate(GOOD_G2.read_text("utf-8")).valid


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (GOOD_G2.read_bytes(), None, "newsml-g2"),
        (b'<?xml version="1.0"?><nitf><body/></nitf>', None, "nitf"),
        (b'<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"/>', None, "nitf"),
        (b'{"uri": "urn:x", "type": "text"}', None, "ninjs"),
        (b'[{"uri": "urn:x"}]', None, "ninjs"),
        (GOOD_LD.read_bytes(), None, "jsonld"),
        (b"<!DOCTYPE html><html></html>", None, "html"),
        (b"<html><body></body></html>", None, "html"),
        (b"hello", "x.html", "html"),
        (b"hello", None, None),
        (b"\x00\x01\x02", None, None),
    ],
)
def test_detect_kind(data: bytes, name, kind) -> None:
    assert detect_kind(data, name) == kind


def test_schema_override_and_core_selection(tmp_path) -> None:
    doc = GOOD_G2.read_text("utf-8")
    core = doc.replace(
        'standardversion="2.35" conformance="power"', 'standardversion="2.24" conformance="core"'
    )
    res = validate(core).results[0]
    assert not [f for f in res.findings if f.rule == "xsd"], res.findings
    newer_core = doc.replace('conformance="power"', 'conformance="core"')
    assert "NG008" in {f.rule for f in validate(newer_core).findings}
    # the plain Power schema does not know NITF: the inline body is skipped (lax)
    broken = (DATA / "negative" / "newsml-g2" / "broken-inline-nitf.xml").read_bytes()
    assert not validate(broken, schema="newsml-g2-2.35-power-plain").findings
    assert validate(broken).findings[0].rule == "xsd"
    with pytest.raises(ValueError):
        validate(b"{}", kind="nonsense")


def test_news_message_items() -> None:
    item = GOOD_G2.read_text("utf-8").split("\n", 1)[1]
    bad = item.replace("2026-01-01T10:00:00Z", "2026-01-01T10:00:00").replace("abc123", "second")
    msg = (
        '<?xml version="1.0"?>\n<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">\n'
        "<header><sent>2026-01-01T10:00:00Z</sent></header>\n<itemSet>\n"
        f"{item}{bad}{item}</itemSet>\n</newsMessage>\n"
    )
    res = validate(msg).results[0]
    guid1, guid2 = (
        "urn:newsml:example.com:20260101:abc123",
        "urn:newsml:example.com:20260101:second",
    )
    assert res.items == [guid1, guid2, guid1]
    by_rule = {f.rule: f for f in res.findings}
    assert by_rule["NG003"].item == guid2
    assert by_rule["NG010"].item == guid1
    empty = validate(
        b'<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header>'
        b"<sent>2026-01-01T10:00:00Z</sent></header></newsMessage>"
    )
    assert "NG011" in {f.rule for f in empty.findings}


def test_xf001_quote_speakers() -> None:
    g2 = GOOD_G2.read_bytes()
    ld = json.loads(GOOD_LD.read_text("utf-8"))
    assert check_quotes(g2, ld) == []
    ld["hasPart"] = []
    found = check_quotes(g2, json.dumps(ld), filename="a.xml")
    assert [(f.rule, f.line, f.file) for f in found] == [("XF001", 27, "a.xml")]


def test_ninjs_version_option() -> None:
    doc = b'{"uri": "urn:x", "type": "text", "standard": {"name": "ninjs", "version": "3.0"}}'
    res = validate(doc, ninjs_version="3.1").results[0]
    assert "NJ003" in {f.rule for f in res.findings}
    with pytest.raises(ValueError):
        validate(doc, ninjs_version="9.9")


def test_validate_file_matches_validate(tmp_path) -> None:
    res = validate_file(GOOD_LD)
    assert res.kind == "jsonld" and res.valid


def test_user_schema_problems_are_findings(tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    for schema in (tmp_path / "missing.json", bad):
        res = validate(b'{"a": 1}', kind="ninjs", schema=schema).results[0]
        assert [f.rule for f in res.findings] == ["json-schema"]
    res = validate(GOOD_G2.read_bytes(), schema=tmp_path / "missing.xsd").results[0]
    assert [f.rule for f in res.findings] == ["xsd"]
    schema = tmp_path / "s.json"
    schema.write_text('{"type": "object", "required": ["b"]}')
    res = validate(b'{\n"a": 1}', kind="ninjs", schema=schema).results[0]
    assert [(f.rule, f.line, f.path) for f in res.findings] == [("json-schema", 1, "/")]


def test_forced_kind_with_foreign_root() -> None:
    nitf = (DATA / "positive" / "nitf" / "nitf-namespaced.xml").read_bytes()
    res = validate(nitf, kind="newsml-g2").results[0]
    assert [f.rule for f in res.findings] == ["xsd"] and not res.valid
    res = validate(GOOD_G2.read_bytes(), kind="nitf").results[0]
    assert not res.valid


def test_rules_false_keeps_schema_and_security_findings() -> None:
    neg = DATA / "negative"
    assert (
        validate_file(neg / "newsml-g2" / "versioncreated-without-zone.xml", rules=False).findings
        == []
    )
    assert [
        f.rule for f in validate_file(neg / "newsml-g2" / "missing-guid.xml", rules=False).findings
    ] == ["xsd"]
    assert validate_file(neg / "jsonld" / "by-in-author.jsonld", rules=False).findings == []
    assert (
        validate((neg / "jsonld" / "missing-headline.jsonld").read_bytes(), rules=False)
        .findings[0]
        .rule
        == "json-schema"
    )
