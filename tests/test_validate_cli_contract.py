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
