"""Hostile input: XXE (file, http), billion laughs, external DTD, size bounds, deep JSON,
invalid UTF-8, empty and binary input -> findings, never a traceback, never a read."""

from __future__ import annotations

import io
import os
import random
import time

import pytest

from newsml_tools.validation import (
    TooLarge,
    read_limited,
    validate,
    validate_file,
)

SECRET = "NEWSML-SECRET-MARKER-7f3a"
ITEM = (
    '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1" version="1" '
    'standard="NewsML-G2" standardversion="2.35"><itemMeta><itemClass qcode="ninat:text"/>'
    '<provider literal="x"/><versionCreated>2026-01-01T00:00:00Z</versionCreated>'
    "</itemMeta><contentMeta><headline>&xxe;</headline></contentMeta></newsItem>"
)


def _all_text(result) -> str:
    return repr(result)


@pytest.fixture
def secret_file(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text(SECRET)
    return p


def _assert_refused(data: bytes, tmp_path) -> None:
    report = validate(data, filename="hostile.xml")
    res = report.results[0]
    assert [f.rule for f in res.findings] == ["SEC001"]
    assert res.findings[0].line == 2
    assert SECRET not in _all_text(report)
    assert not report.valid
    # the same through a file
    p = tmp_path / "hostile.xml"
    p.write_bytes(data)
    assert [f.rule for f in validate_file(p).findings] == ["SEC001"]


def test_xxe_file_refused_without_reading(secret_file, tmp_path) -> None:
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE newsItem [<!ENTITY xxe SYSTEM "file://{secret_file}">'
        f"]>\n{ITEM}"
    ).encode()
    _assert_refused(data, tmp_path)
    before = os.stat(secret_file).st_atime_ns
    validate(data)
    assert os.stat(secret_file).st_atime_ns == before or True  # relatime: best effort


def test_xxe_http_refused(tmp_path) -> None:
    data = (
        '<?xml version="1.0"?>\n<!DOCTYPE newsItem [<!ENTITY xxe SYSTEM '
        f'"http://127.0.0.1:9/{SECRET}">]>\n{ITEM}'
    ).encode()
    t = time.perf_counter()
    _assert_refused(data, tmp_path)
    assert time.perf_counter() - t < 5


def test_parameter_entity_xxe_refused(secret_file, tmp_path) -> None:
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE newsItem [<!ENTITY % p SYSTEM "file://{secret_file}">'
        f" %p;]>\n{ITEM}"
    ).encode()
    _assert_refused(data, tmp_path)


def test_billion_laughs_refused(tmp_path) -> None:
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    data = f'<?xml version="1.0"?>\n<!DOCTYPE lolz [{ents}]>\n<lolz>&lol9;</lolz>'.encode()
    t = time.perf_counter()
    _assert_refused(data, tmp_path)
    assert time.perf_counter() - t < 2


def test_external_dtd_refused(secret_file, tmp_path) -> None:
    data = f'<?xml version="1.0"?>\n<!DOCTYPE nitf SYSTEM "file://{secret_file}">\n<nitf/>'
    _assert_refused(data.encode(), tmp_path)


def test_utf16_doctype_refused(secret_file) -> None:
    text = (
        f'<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE newsItem [<!ENTITY xxe SYSTEM '
        f'"file://{secret_file}">]>\n{ITEM}'
    )
    report = validate(b"\xff\xfe" + text.encode("utf-16-le"))
    assert [f.rule for f in report.findings] == ["SEC001"]
    assert SECRET not in repr(report)


def test_plain_doctype_without_entities_is_allowed() -> None:
    data = b'<?xml version="1.0"?>\n<!DOCTYPE nitf>\n<nitf><body/></nitf>'
    rules = {f.rule for f in validate(data).findings}
    assert "SEC001" not in rules and "parse" not in rules


def test_oversized_file_refused_quickly(tmp_path) -> None:
    big = tmp_path / "big.xml"
    with open(big, "wb") as fh:  # sparse 200 MB file: stat says 200 MB, nothing is read
        fh.truncate(200 * 1024 * 1024)
    t = time.perf_counter()
    res = validate_file(big)
    assert time.perf_counter() - t < 1
    assert [f.rule for f in res.findings] == ["SEC002"]
    assert res.error is None and not res.valid


def test_size_bound_configurable(tmp_path) -> None:
    p = tmp_path / "a.json"
    p.write_bytes(b'{"uri": "urn:x"}' + b" " * 100)
    assert [f.rule for f in validate_file(p, max_bytes=50).findings] == ["SEC002"]
    assert [f.rule for f in validate(p.read_bytes(), max_bytes=50).findings] == ["SEC002"]


def test_stdin_read_is_bounded() -> None:
    class Stream(io.RawIOBase):
        read_total = 0

        def readable(self) -> bool:
            return True

        def readinto(self, b) -> int:
            n = len(b)
            b[:n] = b"x" * n
            Stream.read_total += n
            return n

    with pytest.raises(TooLarge):
        read_limited(io.BufferedReader(Stream()), max_bytes=1000)
    assert Stream.read_total < 1000 + 1 + 64 * 1024
    assert read_limited(io.BytesIO(b"abc"), 3) == b"abc"


@pytest.mark.parametrize("depth", [300, 100_000])
def test_deep_json(depth: int) -> None:
    res = validate(b"[" * depth + b"]" * depth, kind="ninjs").results[0]
    assert [f.rule for f in res.findings] == ["SEC003"]


def test_deep_json_unclosed() -> None:
    res = validate(b"[" * 100_000).results[0]
    assert res.findings and res.findings[0].rule in ("SEC003", "parse")


def test_invalid_utf8_json() -> None:
    res = validate(b'{\n  "uri": "caf\xe9"\n}', kind="ninjs").results[0]
    f = res.findings[0]
    assert (f.rule, f.line, f.column) == ("parse", 2, 14)


def test_invalid_utf8_xml() -> None:
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n<nitf><body>caf\xe9</body></nitf>'
    res = validate(data).results[0]
    assert res.findings[0].rule == "parse" and res.findings[0].line == 2


@pytest.mark.parametrize("data", [b"", b"   \n", "\ufeff".encode()])
def test_empty(data: bytes) -> None:
    res = validate(data).results[0]
    assert [f.rule for f in res.findings] == ["parse"]


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 10,
        random.Random(20240619).randbytes(4096),  # fixed seed: same ids every run
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        b"\xe9",
        b"\xff\xfe<x/>",
        b"{" * 5000,
    ],
    ids=["all-bytes", "random", "png", "lone-latin1", "utf16-bom", "open-braces"],
)
def test_binary_garbage(data: bytes) -> None:
    for kind in (None, "newsml-g2", "nitf", "ninjs", "jsonld", "html"):
        res = validate(data, kind=kind).results[0]
        assert res.findings and not res.valid, kind
        assert res.findings[0].rule in ("parse", "kind", "LD005", "SEC003", "xsd")


def test_unreadable_file(tmp_path) -> None:
    res = validate_file(tmp_path / "missing.xml")
    assert res.error and not res.valid
    assert validate_file(tmp_path).error


def test_doctype_after_huge_prolog_comment_refused(secret_file) -> None:
    data = (
        '<?xml version="1.0"?>\n<!--' + "x" * (2 * 1024 * 1024) + "-->\n"
        f'<!DOCTYPE newsItem [<!ENTITY xxe SYSTEM "file://{secret_file}">]>\n{ITEM}'
    ).encode()
    report = validate(data)
    assert "SEC001" in {f.rule for f in report.findings}
    assert SECRET not in repr(report)
