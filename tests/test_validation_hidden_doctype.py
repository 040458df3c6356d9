"""A DOCTYPE the raw bytes do not show (UTF-7 spells any character in base64 runs) must
be found and refused like any other, never reach the one-pass validating parser (where an
entity substitution crashes libxml2) and never pass as valid."""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

import pytest

from newsml_tools.validation import validate
from newsml_tools.validation.safety import ascii_readable

NAR = b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/">&x;</newsItem>'


def _utf7(text: str) -> bytes:
    return b"+" + base64.b64encode(text.encode("utf-16-be")).rstrip(b"=") + b"-"


def _hidden(entity: str) -> bytes:
    hidden = f" --><!DOCTYPE newsItem [<!ENTITY x {entity}>]><!-- "
    return b'<?xml version="1.0" encoding="UTF-7"?><!--' + _utf7(hidden) + b" -->" + NAR


CASES = {"internal": _hidden('"y"'), "external": _hidden('SYSTEM "file:///etc/passwd"')}


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("rules", [True, False])
def test_refused_in_process(name: str, rules: bool) -> None:
    result = validate(CASES[name], filename=f"{name}.xml", rules=rules).results[0]
    assert [f.rule for f in result.findings] == ["SEC001"]


def test_refused_by_the_cli_with_workers(tmp_path: Path) -> None:
    # a crash would take the pool, then the parent (which re-runs a dead worker's files)
    for i in range(6):
        for name, data in CASES.items():
            (tmp_path / f"{name}-{i}.xml").write_bytes(data)
    proc = subprocess.run([sys.executable, "-m", "newsml_tools", "validate", "-j", "2",
                           str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.count("[SEC001]") == 12


@pytest.mark.parametrize(("data", "expected"), [
    (b"<a/>", True),
    (b'<?xml version="1.0"?><a/>', True),
    (b'<?xml version="1.0" encoding="utf-8"?><a/>', True),
    (b"<?xml version='1.0' encoding='ISO-8859-1'?><a/>", True),
    (b'<?xml version="1.0" encoding="windows-1252"?><a/>', True),
    (b'\xef\xbb\xbf<?xml version="1.0" encoding="UTF-8"?><a/>', True),
    (b'<?xml version="1.0" encoding="UTF-7"?><a/>', False),
    (b'<?xml version="1.0" encoding="utf-16"?><a/>', False),
    (b'<?xml version="1.0" encoding="ISO-2022-JP"?><a/>', False),
    (b"<\x00a\x00/\x00>\x00", False),
    (b'<?xml version="1.0"' + b" " * 300 + b'encoding="UTF-7"?><a/>', False),
])
def test_ascii_readable(data: bytes, expected: bool) -> None:
    assert ascii_readable(data) is expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-7"])
def test_rules_read_documents_in_any_encoding(encoding: str) -> None:
    # NG001 (undeclared qcode prefix) comes from a byte scan only for ASCII-readable bytes
    good = (Path(__file__).parent / "data" / "validation" / "positive" / "newsml-g2" /
            "news-item-nitf.xml").read_text("utf-8")
    bad = good.replace('qcode="ninat:text"', 'qcode="zzz:text"')
    data = bad.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"').encode(encoding)
    assert [f.rule for f in validate(data).results[0].findings] == ["NG001"]
